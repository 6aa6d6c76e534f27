// The JSON report, for programs: schemas/rurume-audit-report.schema.json.
// Members keep a fixed order; invalid UTF-8 in any string is replaced, never
// an exception.
#include "load/scalars.h"
#include "model/schema.h"
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
           {"findings",
            {{"total", s.findings}, {"error", s.errors}, {"warning", s.warnings}, {"note", s.notes}, {"waived", s.waived}}},
           {"not_evaluated", s.not_evaluated},
           {"passed", s.passed},
           {"diagnostics", {{"error", s.input_errors}, {"warning", s.input_warnings}}}};
}

J FacilityOf(std::string_view facility) { return facility.empty() ? J() : J(facility); }

/// A waiver's free text is screened like messages: a justification may name a patient.
J Waived(const Report& r, const Waiver& w) {
  return J{{"justification", r.Screen(w.justification)}, {"approved_by", r.Screen(w.approved_by)},
           {"expires", FormatDate(w.expires)},            {"file", w.file},
           {"line", w.line},                              {"column", w.column}};
}

J Actor(const Report& r, const Finding& f) {
  const bool secretariat = f.rule->actor == rurume::Actor::Secretariat;
  return J{{"role", ActorKey(f.rule->actor)},
           {"facility", secretariat ? J() : FacilityOf(f.subject.facility)},
           {"text", ResponsibleParty(f, r.lang())}};
}

J Findings(const Report& r) {
  J list = J::array();
  for (const Finding& f : r.audit().findings) {
    J j{{"rule", f.rule->id},
        {"clause", f.rule->clause},
        {"severity", LevelName(f.rule->severity)},
        {"subject", Subject(f.subject)},
        {"facility", FacilityOf(f.subject.facility)},
        {"location", Location(r, f.subject.loc)},
        {"message", r.Message(f)},
        {"fingerprint", Fingerprint(f.rule->id, f.subject.kind, f.subject.id)},
        {"actor", Actor(r, f)},
        {"deadline", f.deadline.empty() ? J() : J(f.deadline)},
        {"overdue", f.overdue},
        {"remediation", f.rule->remediation.in(r.lang())},
        {"record", f.rule->record.in(r.lang())}};
    if (Change c = r.ChangeOf(f); c != Change::NoBaseline) j["change"] = ChangeName(c);
    if (const Waiver* w = r.WaiverOf(f)) j["waived"] = Waived(r, *w);
    PersonalInfo p = r.Personal(f.subject);
    if (!p.empty()) j["personal_info"] = Personal(p);
    list.push_back(std::move(j));
  }
  return list;
}

/// The baseline's findings this run no longer has, fixed or removed (their messages as the baseline wrote them).
J Gone(const Report& r, const std::vector<FixedFinding>& findings) {
  J list = J::array();
  for (const FixedFinding& f : findings)
    list.push_back(J{{"rule", f.rule},
                     {"clause", f.clause},
                     {"severity", f.severity},
                     {"subject", {{"kind", f.subject_kind}, {"id", f.subject_id}}},
                     {"facility", FacilityOf(f.facility)},
                     {"message", r.Screen(f.message)},
                     {"fingerprint", f.fingerprint}});
  return list;
}

J Baseline(const Report& r) {
  const Triage& t = *r.triage();
  const rurume::Summary& s = r.summary();
  return J{{"file", t.baseline_file},
           {"as_of", t.baseline_as_of.empty() ? J() : J(t.baseline_as_of)},
           {"rule_set_version", t.baseline_rule_set_version},
           {"findings", t.baseline_findings},
           {"new", s.new_findings},
           {"unchanged", s.unchanged},
           {"fixed", s.fixed},
           {"removed", s.removed}};
}

/// How many records each collection of the export has: a later run's
/// baseline tells from them that part of its export went missing.
J Records(const Export& ex) {
  J j = J::object();
  for (const CollectionDesc& c : Collections()) j[std::string(c.key)] = c.count(ex);
  return j;
}

J Waivers(const Report& r) {
  J list = J::array();
  for (const Waiver& w : r.triage()->waivers) {
    J j = J::object();
    if (!w.rule.empty()) j["rule"] = w.rule;
    if (!w.clause.empty()) j["clause"] = w.clause;
    j["subject"] = w.subject;
    j["justification"] = r.Screen(w.justification);
    j["approved_by"] = r.Screen(w.approved_by);
    j["expires"] = FormatDate(w.expires);
    j["file"] = w.file;
    j["line"] = w.line;
    j["column"] = w.column;
    j["status"] = w.expired ? "expired" : w.matched == 0 ? "unused" : "active";
    j["matched"] = w.matched;
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
        {"facility", FacilityOf(n.subject.facility)},
        {"location", Location(r, n.subject.loc)},
        {"missing", n.missing}};
    if (!n.reason.empty()) j["reason"] = r.Reason(n);
    if (!n.detail.empty()) j["detail"] = r.Screen(n.detail);
    list.push_back(std::move(j));
  }
  return list;
}

/// The manual-clause section: every entry with its state, and the attestation that counts.
J Manual(const Report& r) {
  const rurume::Summary& s = r.summary();
  J entries = J::array();
  for (const ManualEntry* e : r.manual()) {
    J j{{"clause", e->clause->id},
        {"source", e->clause->Source(r.lang())},
        {"obligation", e->clause->Obligation(r.lang())},
        {"scope", ScopeName(e->clause->scope)},
        {"facility", FacilityOf(e->facility)},
        {"state", AttestStateName(e->state)}};
    if (const Attestation* a = e->attestation)
      j["attestation"] = J{{"attested_by", a->attested_by},
                           {"attested_by_text", AttesterLabel(a->attested_by, r.lang())},
                           {"attested_on", FormatDate(a->attested_on)},
                           {"evidence", r.Screen(a->evidence)},
                           {"expires", FormatDate(a->expires)},
                           {"days_left", e->days_left},
                           {"file", a->file},
                           {"line", a->line},
                           {"column", a->column}};
    else
      j["attestation"] = J();
    entries.push_back(std::move(j));
  }
  const std::string& file = r.AttestationsFile();
  return J{{"attestations_file", file.empty() ? J() : J(file)},
           {"expiring_days", kExpiringDays},
           {"fail_on_unattested", r.context().fail_on_unattested},
           {"summary",
            {{"clauses", s.manual_clauses},
             {"entries", r.manual().size()},
             {"attested", s.attested},
             {"expiring", s.expiring},
             {"expired", s.expired},
             {"missing", s.unattested}}},
           {"entries", std::move(entries)}};
}

J DiagnosticList(const Report& r) {
  J list = J::array();
  for (const Diagnostic& d : r.diagnostics()) {
    list.push_back(J{{"level", LevelName(d.level)},
                     {"code", CodeId(d.code)},
                     {"file", d.file},
                     {"line", d.line},
                     {"column", d.column},
                     {"message", r.Message(d)}});
    if (!d.cause_file.empty()) list.back()["caused_by"] = J{{"file", d.cause_file}, {"line", d.cause_line}};
  }
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
    const Export& ex = r.input();
    j["network"] = ex.network ? J{{"name", ex.network->name ? J(*ex.network->name) : J()}} : J();
    j["exported_at"] = ex.exported_at ? J(FormatTimestamp(*ex.exported_at)) : J();
    j["complete"] = r.summary().input_errors == 0;
    if (r.summary().input_errors > 0) j["incomplete_reason"] = IncompleteNotice(r.summary().input_errors, c.lang);
    if (!c.facility.empty()) {
      j["facility"] = c.facility;
      j["facility_name"] = r.facility() && r.facility()->name ? J(*r.facility()->name) : J();
    }
    j["parameters"] = r.rules() ? Parameters(*r.rules()) : J::object();
    j["inputs"] = Inputs(r.input());
    j["records"] = Records(r.input());
    const Triage* t = r.triage();
    if (t && t->has_baseline) j["baseline"] = Baseline(r);
    if (t && !t->waivers_file.empty()) j["waivers"] = Waivers(r);
    j["summary"] = Summary(r.summary());
    j["findings"] = Findings(r);
    if (t && t->has_baseline) j["fixed"] = Gone(r, t->fixed);
    if (t && t->has_baseline) j["removed"] = Gone(r, t->removed);
    j["not_evaluated"] = NotEvaluatedList(r);
    if (c.manual) j["manual_clauses"] = Manual(r);
    j["diagnostics"] = DiagnosticList(r);
    return DumpJson(j);
  }
};

}  // namespace

std::unique_ptr<Reporter> MakeJsonReporter() { return std::make_unique<JsonReporter>(); }

}  // namespace rurume
