// The JUnit report, for CI dashboards (Jenkins, GitLab), valid against the
// Apache Ant JUnit schema (JUnit.xsd): a suite "input" (a test case per input
// file, erroring with its input errors), then a suite per clause that has
// rules, with a failing test case per finding, a skipped one per waived
// finding (the waiver's justification its message: accepted, so not failing
// the build) and per subject not evaluated, and a passing one per rule for the
// subjects that passed. Against a baseline, a finding's body says whether it
// is new, the counts are properties of "input", and a fixed finding is a
// passing test case in its rule's suite, by the classname and name its
// failing test case had, so that the dashboard's history of that case turns
// green. Classnames are "rurume." and the rule id with its dots as
// underscores: Jenkins splits a classname at its last dot into package and
// class, so "A6.4-left-user-active" would show as class "4-left-user-active"
// of package "A6"; "rurume.A6_4-left-user-active" shows as that class of
// package "rurume". Test case names are the subject's kind and id, never the
// change, message or line, so a case keeps its history from run to run.
// The manual clauses are the last suite, "manual-clauses": a test case per
// clause (network-wide) or per clause and facility, classname
// "rurume.manual." and the clause id (its dots as underscores), name
// "network" or "facility F001". An attested or expiring one passes (an
// expiring one says so in the suite's output); a missing or expired one fails
// under --fail-on-unattested, as the exit status does, and is skipped
// otherwise, its message saying what is missing.
// Written with libxml2's xmlTextWriter, which escapes; characters XML 1.0
// forbids are removed first.
#include "bind/binding.h"
#include "load/scalars.h"
#include "report/formats.h"
#include "report/xml_text.h"

#include <fmt/format.h>
#include <libxml/xmlwriter.h>

#include <algorithm>
#include <map>

namespace rurume {

namespace {

struct Case {
  enum Kind { Pass, Failure, Error, Skipped } kind = Pass;
  std::string classname, name;
  std::string type, message, body;
};

struct Suite {
  std::string name;
  std::vector<std::pair<std::string, std::string>> properties;
  std::vector<Case> cases;
  std::string system_out;
  size_t Count(Case::Kind k) const {
    size_t n = 0;
    for (const Case& c : cases) n += c.kind == k;
    return n;
  }
};

std::string Timestamp(const Report& r) {
  if (r.context().as_of) return FormatDate(*r.context().as_of) + "T00:00:00";
  return "1970-01-01T00:00:00";  // validate: no evaluation date, and no wall clock
}

std::string CaseName(std::string_view kind, const std::string& id) { return fmt::format("{} {}", kind, id); }
std::string CaseName(const SubjectRef& s) { return CaseName(s.kind, s.id); }

/// An id with its dots as underscores ("N1_8"): one class of a classname (see above).
std::string Underscored(const std::string& id) {
  std::string out = id;
  std::replace(out.begin(), out.end(), '.', '_');
  return out;
}

/// "rurume." and the rule id, its dots as underscores (see above).
std::string JunitClassname(const std::string& rule_id) { return "rurume." + Underscored(rule_id); }

Suite InputSuite(const Report& r) {
  const ReportContext& c = r.context();
  const Summary& s = r.summary();
  Suite suite{"input", {}, {}, {}};
  auto prop = [&suite](std::string name, std::string value) { suite.properties.emplace_back(std::move(name), std::move(value)); };
  prop("personal_info_shown", c.show_personal_info ? "true" : "false");
  if (c.show_personal_info) prop("personal_info_notice", std::string(PersonalInfoNotice(c.lang)));
  prop("tool", std::string("rurume-audit ") + RURUME_VERSION);
  prop("command", std::string(c.command));
  if (r.rules()) prop("rule_set.version", c.rule_set_version);
  if (c.as_of) prop("as_of", FormatDate(*c.as_of));
  prop("lang", c.lang == Lang::En ? "en" : "ja");
  const Export& ex = r.input();
  if (ex.network && ex.network->name) prop("network", *ex.network->name);
  if (ex.exported_at) prop("exported_at", FormatTimestamp(*ex.exported_at));
  prop("complete", s.input_errors == 0 ? "true" : "false");
  if (s.input_errors > 0) {
    prop("incomplete_reason", IncompleteNotice(s.input_errors, c.lang));
    suite.system_out += IncompleteNotice(s.input_errors, c.lang) + "\n";
  }
  if (!c.facility.empty()) prop("facility", c.facility);
  const Triage* t = r.triage();
  if (t && !t->waivers_file.empty()) prop("waivers.file", t->waivers_file);
  if (t && t->has_baseline) {
    prop("baseline.file", t->baseline_file);
    prop("baseline.as_of", t->baseline_as_of);
  }
  for (const SourceFile& f : r.input().files) prop("input." + f.path + ".sha256", f.sha256);
  prop("summary.findings", std::to_string(s.findings));
  prop("summary.findings.error", std::to_string(s.errors));
  prop("summary.findings.warning", std::to_string(s.warnings));
  prop("summary.findings.note", std::to_string(s.notes));
  if (t && !t->waivers_file.empty()) prop("summary.findings.waived", std::to_string(s.waived));
  if (t && t->has_baseline) {
    prop("summary.findings.new", std::to_string(s.new_findings));
    prop("summary.findings.unchanged", std::to_string(s.unchanged));
    prop("summary.findings.fixed", std::to_string(s.fixed));
    if (s.removed > 0) prop("summary.findings.removed", std::to_string(s.removed));
  }
  prop("summary.not_evaluated", std::to_string(s.not_evaluated));
  prop("summary.diagnostics.error", std::to_string(s.input_errors));
  prop("summary.diagnostics.warning", std::to_string(s.input_warnings));
  prop("summary.clauses_checked", std::to_string(s.clauses_checked));

  // A test case per input file, and one for problems of the export as a whole.
  std::map<std::string, size_t> index;
  for (const SourceFile& f : r.input().files) {
    if (index.count(f.path)) continue;
    index[f.path] = suite.cases.size();
    suite.cases.push_back(Case{Case::Pass, "rurume.input", f.path, {}, {}, {}});
  }
  for (const Diagnostic& d : r.diagnostics()) {
    std::string line = DiagnosticLine(d, c.lang, r.Message(d));
    suite.system_out += line;
    if (d.level != Level::Error) continue;
    auto it = index.find(d.file);
    if (it == index.end()) {
      it = index.emplace(d.file, suite.cases.size()).first;
      suite.cases.push_back(Case{Case::Pass, "rurume.input", d.file.empty() ? "(export)" : d.file, {}, {}, {}});
    }
    Case& tc = suite.cases[it->second];
    if (tc.kind != Case::Error) tc = Case{Case::Error, tc.classname, tc.name, CodeId(d.code), r.Message(d), {}};
    tc.body += line;
  }
  return suite;
}

std::string FailureBody(const Report& r, const Finding& f) {
  const bool ja = r.lang() == Lang::Ja;
  std::string body = fmt::format("{}:{}:{}\n{}: {}\n{}{}\n", r.FileOf(f.subject.loc), f.subject.loc.line,
                                 f.subject.loc.column, f.rule->id, f.rule->title.in(r.lang()),
                                 ja ? "対処: " : "How to fix: ", f.rule->remediation.in(r.lang()));
  body += fmt::format(ja ? "記録: {}\n対応する人: {}\n" : "To record it: {}\nTo act: {}\n", f.rule->record.in(r.lang()),
                      ResponsibleParty(f, r.lang()));
  if (!f.deadline.empty())
    body += fmt::format(ja ? "期限: {}{}\n" : "Deadline: {}{}\n", f.deadline_text,
                        f.overdue ? (ja ? " (期限切れ)" : " (overdue)") : "");
  switch (r.ChangeOf(f)) {
    case Change::New: body += ja ? "新規: ベースラインにない指摘です\n" : "new: not in the baseline\n"; break;
    case Change::Unchanged: body += ja ? "継続: ベースラインにもある指摘です\n" : "unchanged: in the baseline too\n"; break;
    case Change::NoBaseline: break;
  }
  if (const Waiver* w = r.WaiverOf(f))
    body += fmt::format(ja ? "免除: {} (承認 {}、{} まで、{}:{}:{})\n" : "waived: {} (approved by {}, until {}, {}:{}:{})\n",
                        r.Screen(w->justification), r.Screen(w->approved_by), FormatDate(w->expires), w->file,
                        w->line, w->column);
  PersonalInfo p = r.Personal(f.subject);
  if (!p.patient_id.empty())
    body += fmt::format(ja ? "患者 {}: 氏名 {}、生年月日 {}\n" : "patient {}: name {}, born {}\n", p.patient_id,
                        p.name.value_or("-"), p.birth_date ? FormatDate(*p.birth_date) : "-");
  if (p.post_text) body += fmt::format("{}{}\n", ja ? "投稿本文: " : "post text: ", *p.post_text);
  return body;
}

/// A passing test case for a fixed finding, named as its failing one was; the
/// message it had goes to the suite's output.
void AddFixed(const Report& r, Suite& suite, const FixedFinding& f) {
  suite.cases.push_back(Case{Case::Pass, JunitClassname(f.rule), CaseName(f.subject_kind, f.subject_id), {}, {}, {}});
  suite.system_out += fmt::format("{}: {} {} {}: {}\n", r.lang() == Lang::Ja ? "解消" : "fixed", f.rule, f.subject_kind,
                                  f.subject_id, r.Screen(f.message));
}

/// The fixed findings of the baseline, by rule id.
std::multimap<std::string, const FixedFinding*> FixedByRule(const Report& r) {
  std::multimap<std::string, const FixedFinding*> fixed;
  if (r.triage() && r.triage()->has_baseline)
    for (const FixedFinding& f : r.triage()->fixed) fixed.emplace(f.rule, &f);
  return fixed;
}

Suite ClauseSuite(const Report& r, const ClauseResult& c, std::multimap<std::string, const FixedFinding*>& fixed) {
  Suite suite{c.clause->id, {{"clause.source", c.clause->source}, {"clause.obligation", c.clause->obligation}}, {}, {}};
  for (const RuleOutcome* o : c.outcomes) {
    const Rule& rule = *o->rule;
    const std::string classname = JunitClassname(rule.id);
    suite.properties.emplace_back(rule.id + ".passed", std::to_string(o->passed));
    for (const Finding* f : c.findings) {
      if (f->rule != &rule) continue;
      if (const Waiver* w = r.WaiverOf(*f))
        suite.cases.push_back(Case{Case::Skipped, classname, CaseName(f->subject), {},
                                   (r.lang() == Lang::Ja ? "免除: " : "waived: ") + r.Screen(w->justification),
                                   FailureBody(r, *f)});
      else
        suite.cases.push_back(Case{Case::Failure, classname, CaseName(f->subject), std::string(LevelName(rule.severity)),
                                   r.Message(*f), FailureBody(r, *f)});
    }
    for (const NotEvaluated* n : c.not_evaluated) {
      if (n->rule != &rule) continue;
      std::string why = (r.lang() == Lang::Ja ? "未評価: " : "not evaluated: ") + r.NotEvaluatedWhy(*n);
      suite.cases.push_back(Case{Case::Skipped, classname, CaseName(n->subject), {}, why, {}});
    }
    auto [first, last] = fixed.equal_range(rule.id);
    for (auto it = first; it != last; ++it) AddFixed(r, suite, *it->second);
    fixed.erase(first, last);
    if (o->passed > 0)
      suite.cases.push_back(Case{Case::Pass, classname, fmt::format("{}: passed", rule.subject->desc->name), {}, {}, {}});
  }
  return suite;
}

/// The fixed findings of rules this run has not (a rule set since changed):
/// in the suite of their clause as the baseline recorded it, added when this
/// run has none.
void AddOtherFixed(const Report& r, std::vector<Suite>& suites,
                   const std::multimap<std::string, const FixedFinding*>& left) {
  if (left.empty()) return;
  for (const FixedFinding& f : r.triage()->fixed) {
    if (!left.count(f.rule)) continue;
    const std::string& name = f.clause.empty() ? f.rule : f.clause;
    auto it = std::find_if(suites.begin() + 1, suites.end(), [&name](const Suite& s) { return s.name == name; });
    if (it == suites.end()) {
      suites.push_back(Suite{name, {{"baseline.file", r.triage()->baseline_file}}, {}, {}});
      it = suites.end() - 1;
    }
    AddFixed(r, *it, f);
  }
}

/// Against a baseline, when some are: a skipped test case per finding gone
/// with its subject (removed: not known to be fixed).
Suite RemovedSuite(const Report& r) {
  const bool ja = r.lang() == Lang::Ja;
  Suite suite{"removed", {{"baseline.file", r.triage()->baseline_file}}, {}, {}};
  for (const FixedFinding& f : r.triage()->removed) {
    suite.cases.push_back(Case{Case::Skipped, JunitClassname(f.rule), CaseName(f.subject_kind, f.subject_id), {},
                               ja ? "削除: 対象のレコードがエクスポートにありません (解消とは限りません)"
                                  : "removed: its record is not in the export (not known to be fixed)",
                               {}});
    suite.system_out += fmt::format("{} {} {}: {}\n", f.rule, f.subject_kind, f.subject_id, r.Screen(f.message));
  }
  return suite;
}

/// The manual clauses' entries (see above).
Suite ManualSuite(const Report& r) {
  const Summary& s = r.summary();
  const bool fail = r.context().fail_on_unattested;
  Suite suite{"manual-clauses", {}, {}, {}};
  suite.properties = {{"attestations.file", r.AttestationsFile()},
                      {"fail_on_unattested", fail ? "true" : "false"},
                      {"summary.attested", std::to_string(s.attested)},
                      {"summary.expiring", std::to_string(s.expiring)},
                      {"summary.expired", std::to_string(s.expired)},
                      {"summary.missing", std::to_string(s.unattested)}};
  for (const ManualEntry* e : r.manual()) {
    const std::string classname = "rurume.manual." + Underscored(e->clause->id);
    const std::string name = e->facility.empty() ? "network" : CaseName("facility", e->facility);
    const std::string message = r.ManualMessage(*e);
    const ManualPlace place = r.PlaceOf(*e);
    const std::string body = fmt::format("{}:{}:{}\n{}\n", place.file, place.line, place.column, message);
    switch (e->state) {
      case AttestState::Attested: suite.cases.push_back(Case{Case::Pass, classname, name, {}, {}, {}}); break;
      case AttestState::Expiring:
        suite.cases.push_back(Case{Case::Pass, classname, name, {}, {}, {}});
        suite.system_out += message + "\n";
        break;
      case AttestState::Expired:
      case AttestState::Missing:
        // A skipped case's message begins with the state ("未確認: ", "missing: "), as a waived finding's with "免除: ".
        suite.cases.push_back(Case{fail ? Case::Failure : Case::Skipped, classname, name,
                                   std::string(AttestStateName(e->state)),
                                   fail ? message : std::string(AttestStateLabel(e->state, r.lang())) + ": " + message, body});
        break;
    }
  }
  return suite;
}

/// xmlTextWriter over a memory buffer, taking std::string.
class Writer {
 public:
  Writer() : buf_(xmlBufferCreate()), w_(xmlNewTextWriterMemory(buf_, 0)) {
    xmlTextWriterSetIndent(w_, 1);
    xmlTextWriterSetIndentString(w_, BAD_CAST "  ");
    xmlTextWriterStartDocument(w_, nullptr, "UTF-8", nullptr);
  }
  ~Writer() {
    if (w_) xmlFreeTextWriter(w_);
    xmlBufferFree(buf_);
  }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void Start(const char* element) { xmlTextWriterStartElement(w_, BAD_CAST element); }
  void Attr(const char* name, const std::string& value) {
    xmlTextWriterWriteAttribute(w_, BAD_CAST name, X(XmlText(value)));
  }
  void Text(const std::string& text) { xmlTextWriterWriteString(w_, X(XmlText(text))); }
  void End() { xmlTextWriterEndElement(w_); }
  std::string Finish() {
    xmlTextWriterEndDocument(w_);
    xmlFreeTextWriter(w_);  // flushes into buf_
    w_ = nullptr;
    return std::string(reinterpret_cast<const char*>(xmlBufferContent(buf_)), static_cast<size_t>(xmlBufferLength(buf_)));
  }

 private:
  static const xmlChar* X(const std::string& s) { return reinterpret_cast<const xmlChar*>(s.c_str()); }
  xmlBufferPtr buf_;
  xmlTextWriterPtr w_;
};

void WriteSuite(Writer& w, const Suite& s, size_t id, const std::string& timestamp) {
  w.Start("testsuite");
  w.Attr("name", s.name);
  w.Attr("timestamp", timestamp);
  w.Attr("hostname", "localhost");
  w.Attr("tests", std::to_string(s.cases.size()));
  w.Attr("failures", std::to_string(s.Count(Case::Failure)));
  w.Attr("errors", std::to_string(s.Count(Case::Error)));
  w.Attr("skipped", std::to_string(s.Count(Case::Skipped)));
  w.Attr("time", "0");
  w.Attr("package", "rurume-audit");
  w.Attr("id", std::to_string(id));
  w.Start("properties");
  for (const auto& [name, value] : s.properties) {
    w.Start("property");
    w.Attr("name", name);
    w.Attr("value", value);
    w.End();
  }
  w.End();
  for (const Case& c : s.cases) {
    w.Start("testcase");
    w.Attr("name", c.name);
    w.Attr("classname", c.classname);
    w.Attr("time", "0");
    if (c.kind != Case::Pass) {
      w.Start(c.kind == Case::Failure ? "failure" : c.kind == Case::Error ? "error" : "skipped");
      w.Attr("message", c.message);
      if (c.kind != Case::Skipped) w.Attr("type", c.type);
      if (!c.body.empty()) w.Text(c.body);
      w.End();
    }
    w.End();
  }
  w.Start("system-out");
  if (!s.system_out.empty()) w.Text(s.system_out);
  w.End();
  w.Start("system-err");
  w.End();
  w.End();
}

class JunitReporter : public Reporter {
 public:
  std::string Render(const Report& r, const RenderOptions&) const override {
    std::vector<Suite> suites{InputSuite(r)};
    std::multimap<std::string, const FixedFinding*> fixed = FixedByRule(r);
    for (const ClauseResult& c : r.clauses()) suites.push_back(ClauseSuite(r, c, fixed));
    AddOtherFixed(r, suites, fixed);
    if (r.triage() && !r.triage()->removed.empty()) suites.push_back(RemovedSuite(r));
    if (!r.manual().empty()) suites.push_back(ManualSuite(r));
    Writer w;
    w.Start("testsuites");
    std::string timestamp = Timestamp(r);
    for (size_t i = 0; i < suites.size(); ++i) WriteSuite(w, suites[i], i, timestamp);
    w.End();
    return w.Finish();
  }
};

}  // namespace

std::unique_ptr<Reporter> MakeJunitReporter() { return std::make_unique<JunitReporter>(); }

}  // namespace rurume
