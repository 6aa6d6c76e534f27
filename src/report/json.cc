// The JSON report, for programs: schemas/rurume-audit-report.schema.json.
// Members keep a fixed order; invalid UTF-8 in any string is replaced, never
// an exception.
#include "load/scalars.h"
#include "report/formats.h"
#include "report/json_values.h"

namespace rurume {

namespace {

using J = nlohmann::ordered_json;

J Subject(const SubjectRef& s) { return J{{"kind", s.kind}, {"id", s.id}}; }

J Location(const Report& r, const Loc& l) {
  return J{{"file", r.FileOf(l)}, {"line", l.line}, {"column", l.column}};
}

J Personal(const PersonalInfo& p) {
  J j = J::object();
  if (!p.patient_id.empty()) {
    J patient{{"id", p.patient_id}};
    patient["name"] = p.name ? J(*p.name) : J();
    patient["birth_date"] = p.birth_date ? J(FormatDate(*p.birth_date)) : J();
    j["patient"] = std::move(patient);
  }
  if (p.post_text) j["post_text"] = *p.post_text;
  return j;
}

J Summary(const rurume::Summary& s) {
  return J{{"files", s.files},
           {"rules", s.rules},
           {"clauses_checked", s.clauses_checked},
           {"findings", {{"total", s.findings}, {"error", s.errors}, {"warning", s.warnings}, {"note", s.notes}}},
           {"not_evaluated", s.not_evaluated},
           {"passed", s.passed},
           {"diagnostics", {{"error", s.input_errors}, {"warning", s.input_warnings}}}};
}

J Findings(const Report& r) {
  J list = J::array();
  for (const Finding& f : r.audit().findings) {
    J j{{"rule", f.rule->id},
        {"clause", f.rule->clause},
        {"severity", LevelName(f.rule->severity)},
        {"subject", Subject(f.subject)},
        {"location", Location(r, f.subject.loc)},
        {"message", r.Message(f)},
        {"fingerprint", Fingerprint(f.rule->id, f.subject.kind, f.subject.id)}};
    PersonalInfo p = r.Personal(f.subject);
    if (!p.empty()) j["personal_info"] = Personal(p);
    list.push_back(std::move(j));
  }
  return list;
}

J NotEvaluatedList(const Report& r) {
  J list = J::array();
  for (const NotEvaluated& n : r.audit().not_evaluated) {
    J j{{"rule", n.rule->id},
        {"clause", n.rule->clause},
        {"subject", Subject(n.subject)},
        {"location", Location(r, n.subject.loc)},
        {"missing", n.missing}};
    if (!n.reason.empty()) j["reason"] = r.Reason(n);
    list.push_back(std::move(j));
  }
  return list;
}

J DiagnosticList(const Report& r) {
  J list = J::array();
  for (const Diagnostic& d : r.diagnostics())
    list.push_back(J{{"level", LevelName(d.level)},
                     {"code", CodeId(d.code)},
                     {"file", d.file},
                     {"line", d.line},
                     {"column", d.column},
                     {"message", r.Message(d)}});
  return list;
}

class JsonReporter : public Reporter {
 public:
  std::string Render(const Report& r, const RenderOptions&) const override {
    const ReportContext& c = r.context();
    J j;
    j["format"] = "rurume-audit-report/1";
    j["personal_info_shown"] = c.show_personal_info;
    if (c.show_personal_info) j["personal_info_notice"] = PersonalInfoNotice(c.lang);
    j["tool"] = J{{"name", "rurume-audit"}, {"version", RURUME_VERSION}};
    j["command"] = c.command;
    j["rule_set"] = r.rules() ? J{{"version", c.rule_set_version}, {"rules", r.rules()->rules().size()}} : J();
    j["as_of"] = c.as_of ? J(FormatDate(*c.as_of)) : J();
    j["lang"] = c.lang == Lang::En ? "en" : "ja";
    j["parameters"] = r.rules() ? Parameters(*r.rules()) : J::object();
    j["inputs"] = Inputs(r.input());
    j["summary"] = Summary(r.summary());
    j["findings"] = Findings(r);
    j["not_evaluated"] = NotEvaluatedList(r);
    j["diagnostics"] = DiagnosticList(r);
    return DumpJson(j);
  }
};

}  // namespace

std::unique_ptr<Reporter> MakeJsonReporter() { return std::make_unique<JsonReporter>(); }

}  // namespace rurume
