// The SARIF 2.1.0 report, for code-scanning tools (GitHub code scanning,
// the SARIF multitool's validate: tests/report/sarif_multitool_test.sh).
// Every rule is a reportingDescriptor; every finding, and only a finding, a
// result (kind "fail"). Input diagnostics and the subjects not evaluated
// are the invocation's toolExecutionNotifications (a subject not evaluated:
// level "note", its rule as associatedRule, its location): a code-scanning
// service makes every result an alert, and a subject whose rule could not
// decide is no problem found. A waived finding carries an accepted external
// suppression with the waiver's justification; against a baseline every
// finding has a baselineState (new or unchanged); the fixed and removed
// findings are no results (JSON, HTML and text list them), only counted in
// the run's properties.
// The manual clauses (rules/clauses.yaml, check: manual) are reportingDescriptors
// after the rules (id: the clause, defaultConfiguration.level: note). With
// --attestations, an entry that is missing or expired is a result of kind
// "review" (a person must confirm the clause again), without a level, which
// SARIF then reads as "none" while GitHub, which ignores `kind`, takes the
// descriptor's "note": one alert a clause and facility, never an error. The
// attested and expiring entries, and every entry when no attestations file
// was given (the network does not track them in CI: no alerts), are
// notifications (level note; expiring: warning) with the clause as their
// associatedRule. The run's properties count them.
// Files are URIs relative to %SRCROOT% (ReportContext::sarif_root, given in
// run.originalUriBaseIds), or absolute file:// URIs outside it. Each result's
// partialFingerprints.primaryLocationLineHash is derived from the finding's
// fingerprint, so that code scanning tracks an alert by its rule and subject,
// never by the line's content. Columns count Unicode code points
// (run.columnKind).
#include "bind/binding.h"
#include "load/scalars.h"
#include "report/formats.h"
#include "report/json_values.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

namespace rurume {

namespace {

using J = nlohmann::ordered_json;

/// A path as a URI reference: unreserved characters and '/' as they are,
/// every other byte percent-encoded.
std::string UriOf(std::string_view path) {
  std::string out;
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') out += ch;
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

constexpr const char* kSrcRoot = "%SRCROOT%";

/// An absolute path as a file URI: "file:///work/a%20b/x.yaml".
std::string FileUri(const std::filesystem::path& absolute) { return "file://" + UriOf(absolute.generic_string()); }

/// The fingerprint as GitHub's primaryLocationLineHash: its first 16 hex
/// digits and ":1" (the form upload-sarif gives a line's hash), so that an
/// alert follows the rule and subject wherever the record's line moves and
/// whatever the line says.
std::string LineHash(const std::string& fingerprint) { return fingerprint.substr(0, 16) + ":1"; }

std::string_view SarifLevel(Level level) { return LevelName(level); }  // error, warning, note

std::string HelpUri(const std::string& rule_id) {
  std::string uri = RURUME_RULE_HELP_URL;
  if (size_t at = uri.find("{id}"); at != std::string::npos) uri.replace(at, 4, UriOf(rule_id));
  return uri;
}

class SarifReport {
 public:
  explicit SarifReport(const Report& r) : r_(r) {
    std::error_code ec;
    root_ = r.context().sarif_root.empty() ? std::filesystem::current_path(ec)
                                           : std::filesystem::path(r.context().sarif_root);
    root_ = root_.lexically_normal();
    for (const SourceFile& f : r.input().files) artifact_index_.emplace(f.path, artifact_index_.size());
    if (r.rules())
      for (const CompiledRule& cr : r.rules()->rules()) rule_index_.emplace(cr.rule.id, rule_index_.size());
    for (const ManualEntry* e : r.manual())
      if (!rule_index_.count(e->clause->id)) {
        rule_index_.emplace(e->clause->id, rule_index_.size());
        manual_clauses_.push_back(e->clause);
      }
  }

  J Render() const {
    J run;
    run["tool"] = J{{"driver", Driver()}};
    run["automationDetails"] = J{{"id", AutomationId()}};
    run["originalUriBaseIds"] = J{{kSrcRoot, {{"uri", FileUri(root_ / "")}}}};
    run["invocations"] = J::array({Invocation()});
    run["language"] = r_.lang() == Lang::En ? "en-US" : "ja-JP";
    run["columnKind"] = "unicodeCodePoints";
    run["artifacts"] = Artifacts();
    run["results"] = Results();
    run["properties"] = Properties();
    return J{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"}, {"version", "2.1.0"}, {"runs", J::array({run})}};
  }

 private:
  J Driver() const {
    J rules = J::array();
    if (r_.rules())
      for (const CompiledRule& cr : r_.rules()->rules()) rules.push_back(Rule(cr.rule));
    for (const Clause* c : manual_clauses_) rules.push_back(ManualRule(*c));
    return J{{"name", "rurume-audit"},
             {"fullName", "rurume-audit " RURUME_VERSION},
             {"version", RURUME_VERSION},
             {"semanticVersion", RURUME_VERSION},
             {"informationUri", RURUME_HOMEPAGE_URL},
             {"rules", std::move(rules)}};
  }

  J Rule(const rurume::Rule& rule) const {
    Lang lang = r_.lang();
    std::string name = rule.id.substr(rule.clause.size() + 1);  // "N1.10-remote-control" -> "remote-control"
    return J{{"id", rule.id},
             {"name", name},
             {"shortDescription", {{"text", rule.title.in(lang)}}},
             {"fullDescription", {{"text", rule.rationale}}},
             {"help", {{"text", rule.remediation.in(lang)}}},
             {"helpUri", HelpUri(rule.id)},
             {"defaultConfiguration", {{"level", SarifLevel(rule.severity)}}},
             {"properties", {{"clause", rule.clause}, {"subjectKind", rule.subject->desc->name}}}};
  }

  /// A manual clause as a reportingDescriptor.
  J ManualRule(const Clause& c) const {
    const Lang lang = r_.lang();
    std::string name = "attestation-" + c.id;
    std::replace(name.begin(), name.end(), '.', '-');
    const bool ja = lang == Lang::Ja;
    return J{{"id", c.id},
             {"name", name},
             {"shortDescription", {{"text", c.Obligation(lang)}}},
             {"fullDescription", {{"text", c.policy}}},
             {"help", {{"text", fmt::format(ja ? "手動で確認する条項です ({})。確認した人、日付、方法 (例: {})、有効期限を確認記録ファイル (--attestations) に書きます"
                                               : "a manual clause ({}): write who attested it, when, how (e.g. {}) and until when in the attestations file (--attestations)",
                                            ScopeLabel(c.scope, lang), c.Evidence(lang))}}},
             {"helpUri", std::string(RURUME_HOMEPAGE_URL) + "/rules/clauses.yaml"},
             {"defaultConfiguration", {{"level", "note"}}},
             {"properties", {{"clause", c.id}, {"check", "manual"}, {"scope", ScopeName(c.scope)}, {"validDays", c.valid_days}}}};
  }

  /// Whether an entry is a result (else a notification).
  bool IsResult(const ManualEntry& e) const {
    return !r_.AttestationsFile().empty() && (e.state == AttestState::Missing || e.state == AttestState::Expired);
  }

  J ManualLocations(const ManualEntry& e) const {
    const ManualPlace p = r_.PlaceOf(e);
    J physical{{"artifactLocation", ArtifactLocation(p.file)}};
    if (p.line > 0) physical["region"] = Region(p.line, p.column);
    return J::array({J{{"physicalLocation", std::move(physical)}}});
  }

  J ManualProperties(const ManualEntry& e) const {
    J props{{"clause", e.clause->id}, {"scope", ScopeName(e.clause->scope)}, {"facility", Facility(e.facility)},
            {"state", AttestStateName(e.state)}};
    if (const Attestation* a = e.attestation)
      props["attestation"] = J{{"attestedBy", a->attested_by}, {"attestedOn", FormatDate(a->attested_on)},
                               {"evidence", r_.Screen(a->evidence)}, {"expires", FormatDate(a->expires)},
                               {"daysLeft", e.days_left}};
    return props;
  }

  J ManualResult(const ManualEntry& e) const {
    J j = Result(e.clause->id);
    j["kind"] = "review";
    j["message"] = J{{"text", r_.ManualMessage(e)}};
    j["locations"] = ManualLocations(e);
    const std::string fingerprint = EntryFingerprint(e);
    j["partialFingerprints"] = J{{"primaryLocationLineHash", LineHash(fingerprint)}, {"rurumeFingerprint/v1", fingerprint}};
    j["properties"] = ManualProperties(e);
    return j;
  }

  J ManualNote(const ManualEntry& e) const {
    J rule{{"id", e.clause->id}};
    if (auto it = rule_index_.find(e.clause->id); it != rule_index_.end()) rule["index"] = it->second;
    return J{{"descriptor", {{"id", std::string("attestation-") + std::string(AttestStateName(e.state))}}},
             {"associatedRule", std::move(rule)},
             {"level", e.state == AttestState::Expiring ? "warning" : "note"},
             {"message", {{"text", r_.ManualMessage(e)}}},
             {"locations", ManualLocations(e)},
             {"properties", ManualProperties(e)}};
  }

  /// The run's automationDetails.id: "rurume-audit/check/<network>/" (and
  /// "<facility>/" for one facility's report). Ending in a slash, the whole
  /// id is the category (SARIF 3.17.3), which keeps one network's (or one
  /// facility's) analyses apart from another's in code scanning.
  std::string AutomationId() const {
    std::string id = fmt::format("rurume-audit/{}/", r_.context().command);
    const Export& ex = r_.input();
    if (ex.network && ex.network->name) id += Segment(*ex.network->name) + "/";
    if (!r_.context().facility.empty()) id += Segment(r_.context().facility) + "/";
    return id;
  }
  /// A name as one segment of the id: no slash, no control character.
  static std::string Segment(std::string s) {
    for (char& c : s)
      if (c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '_';
    return s;
  }

  J Invocation() const {
    J notes = J::array();
    // An incomplete result says so first.
    if (r_.summary().input_errors > 0)
      notes.push_back(J{{"descriptor", {{"id", "incomplete"}}},
                        {"level", "error"},
                        {"message", {{"text", IncompleteNotice(r_.summary().input_errors, r_.lang())}}}});
    for (const Diagnostic& d : r_.diagnostics()) {
      J n{{"descriptor", {{"id", CodeId(d.code)}}}, {"level", SarifLevel(d.level)}, {"message", {{"text", r_.Message(d)}}}};
      if (!d.file.empty()) {
        J physical{{"artifactLocation", ArtifactLocation(d.file)}};
        if (d.line > 0) physical["region"] = Region(d.line, d.column);
        n["locations"] = J::array({J{{"physicalLocation", std::move(physical)}}});
      }
      notes.push_back(std::move(n));
    }
    for (const NotEvaluated& n : r_.audit().not_evaluated) notes.push_back(NotEvaluatedNote(n));
    for (const ManualEntry* e : r_.manual())
      if (!IsResult(*e)) notes.push_back(ManualNote(*e));
    return J{{"executionSuccessful", r_.summary().input_errors == 0}, {"toolExecutionNotifications", std::move(notes)}};
  }

  J Artifacts() const {
    J list = J::array();
    std::map<std::string, bool> seen;
    for (const SourceFile& f : r_.input().files) {
      if (seen[f.path]) continue;  // artifacts are unique
      seen[f.path] = true;
      J a{{"location", Uri(f.path)}, {"length", f.size}, {"roles", {"analysisTarget"}}};
      if (!f.sha256.empty()) a["hashes"] = J{{"sha-256", f.sha256}};
      list.push_back(std::move(a));
    }
    return list;
  }

  /// A file as an artifactLocation's uri and uriBaseId: relative to %SRCROOT%
  /// when it is below the root, else an absolute file URI; standard input
  /// ("-") as it is named, a relative reference without a base.
  J Uri(const std::string& path) const {
    if (path.empty() || path == "-" || path == "<stdin>") return J{{"uri", UriOf(path)}};
    std::error_code ec;
    std::filesystem::path p(path);
    if (p.is_relative()) p = std::filesystem::current_path(ec) / p;
    p = p.lexically_normal();
    std::filesystem::path rel = p.lexically_relative(root_);
    if (!rel.empty() && *rel.begin() != ".." && rel != ".") return J{{"uri", UriOf(rel.generic_string())}, {"uriBaseId", kSrcRoot}};
    return J{{"uri", FileUri(p)}};
  }

  J ArtifactLocation(const std::string& path) const {
    J j = Uri(path);
    if (auto it = artifact_index_.find(path); it != artifact_index_.end()) j["index"] = it->second;
    return j;
  }

  /// A record's (or a diagnostic's) position: its line, and its first
  /// character when the column is known (the end is not: the region ends
  /// where it starts, one character on); else the whole line.
  static J Region(uint32_t line, uint32_t column) {
    J region{{"startLine", line}};
    if (column > 0) region["startColumn"] = column;
    region["endLine"] = line;
    if (column > 0) region["endColumn"] = column + 1;
    return region;
  }

  J Locations(const SubjectRef& s) const {
    J physical{{"artifactLocation", ArtifactLocation(r_.FileOf(s.loc))}};
    if (s.loc.line > 0) physical["region"] = Region(s.loc.line, s.loc.column);
    return J::array({J{{"physicalLocation", std::move(physical)}}});
  }

  J Result(const std::string& rule_id) const {
    J j{{"ruleId", rule_id}};
    if (auto it = rule_index_.find(rule_id); it != rule_index_.end()) j["ruleIndex"] = it->second;
    return j;
  }

  static J Subject(std::string_view kind, std::string_view id) { return J{{"kind", kind}, {"id", id}}; }

  static J Facility(std::string_view facility) { return facility.empty() ? J() : J(facility); }

  /// The waiver of a waived finding, as SARIF's suppression.
  J Suppression(const Waiver& w) const {
    J physical{{"artifactLocation", Uri(w.file)}, {"region", Region(w.line, w.column)}};
    return J{{"kind", "external"},
             {"status", "accepted"},
             {"justification", r_.Screen(w.justification)},
             {"location", {{"physicalLocation", std::move(physical)}}},
             {"properties", {{"approvedBy", r_.Screen(w.approved_by)}, {"expires", FormatDate(w.expires)}}}};
  }

  /// A subject not evaluated, as a notification: why, in the report's
  /// language, about its rule and at its record.
  J NotEvaluatedNote(const NotEvaluated& n) const {
    const bool ja = r_.lang() == Lang::Ja;
    J rule{{"id", n.rule->id}};
    if (auto it = rule_index_.find(n.rule->id); it != rule_index_.end()) rule["index"] = it->second;
    J j{{"descriptor", {{"id", "not-evaluated"}}},
        {"associatedRule", std::move(rule)},
        {"level", "note"},
        {"message", {{"text", fmt::format(ja ? "{}: 未評価 ({} {}): {}" : "{}: not evaluated ({} {}): {}", n.rule->id,
                                          KindLabel(n.subject.kind, r_.lang()), n.subject.id, r_.NotEvaluatedWhy(n))}}},
        {"locations", Locations(n.subject)}};
    J props{{"clause", n.rule->clause}, {"subject", Subject(n.subject.kind, n.subject.id)},
            {"facility", Facility(n.subject.facility)}, {"missing", n.missing},
            {"fingerprint", Fingerprint(n.rule->id, n.subject.kind, n.subject.id)}};
    if (!n.reason.empty()) props["reason"] = r_.Reason(n);
    if (!n.detail.empty()) props["detail"] = r_.Screen(n.detail);
    j["properties"] = std::move(props);
    return j;
  }

  J Results() const {
    J list = J::array();
    for (const Finding& f : r_.audit().findings) {
      J j = Result(f.rule->id);
      j["kind"] = "fail";
      j["level"] = SarifLevel(f.rule->severity);
      j["message"] = J{{"text", r_.Message(f)}};
      j["locations"] = Locations(f.subject);
      const std::string fingerprint = Fingerprint(f.rule->id, f.subject.kind, f.subject.id);
      j["partialFingerprints"] = J{{"primaryLocationLineHash", LineHash(fingerprint)}, {"rurumeFingerprint/v1", fingerprint}};
      if (Change c = r_.ChangeOf(f); c != Change::NoBaseline) j["baselineState"] = ChangeName(c);
      if (const Waiver* w = r_.WaiverOf(f)) j["suppressions"] = J::array({Suppression(*w)});
      J props{{"clause", f.rule->clause}, {"subject", Subject(f.subject.kind, f.subject.id)},
              {"facility", Facility(f.subject.facility)}};
      PersonalInfo p = r_.Personal(f.subject);
      if (!p.patient_id.empty())
        props["personalInfo"]["patient"] = J{{"id", p.patient_id},
                                             {"name", p.name ? J(*p.name) : J()},
                                             {"birthDate", p.birth_date ? J(FormatDate(*p.birth_date)) : J()}};
      if (p.post_text) props["personalInfo"]["postText"] = *p.post_text;
      j["properties"] = std::move(props);
      list.push_back(std::move(j));
    }
    for (const ManualEntry* e : r_.manual())
      if (IsResult(*e)) list.push_back(ManualResult(*e));
    return list;
  }

  J Properties() const {
    const ReportContext& c = r_.context();
    const Summary& s = r_.summary();
    J props;
    props["personalInfoShown"] = c.show_personal_info;
    if (c.show_personal_info) props["personalInfoNotice"] = PersonalInfoNotice(c.lang);
    props["command"] = c.command;
    if (r_.rules()) props["ruleSetVersion"] = c.rule_set_version;
    if (c.as_of) props["asOf"] = FormatDate(*c.as_of);
    const Export& ex = r_.input();
    if (ex.network && ex.network->name) props["network"] = *ex.network->name;
    if (ex.exported_at) props["exportedAt"] = FormatTimestamp(*ex.exported_at);
    props["complete"] = s.input_errors == 0;
    if (!c.facility.empty()) props["facility"] = c.facility;
    const Triage* t = r_.triage();
    if (t && !t->waivers_file.empty()) props["waivers"] = J{{"file", t->waivers_file}, {"count", t->waivers.size()}};
    if (t && t->has_baseline)
      props["baseline"] = J{{"file", t->baseline_file},
                            {"asOf", t->baseline_as_of.empty() ? J() : J(t->baseline_as_of)},
                            {"ruleSetVersion", t->baseline_rule_set_version},
                            {"findings", t->baseline_findings}};
    props["parameters"] = r_.rules() ? Parameters(*r_.rules()) : J::object();
    props["summary"] = J{{"files", s.files},
                         {"rules", s.rules},
                         {"clausesChecked", s.clauses_checked},
                         {"findings",
                          {{"total", s.findings}, {"error", s.errors}, {"warning", s.warnings}, {"note", s.notes}, {"waived", s.waived}}},
                         {"notEvaluated", s.not_evaluated},
                         {"passed", s.passed},
                         {"diagnostics", {{"error", s.input_errors}, {"warning", s.input_warnings}}}};
    if (c.manual)
      props["manualClauses"] = J{{"attestationsFile", r_.AttestationsFile().empty() ? J() : J(r_.AttestationsFile())},
                                 {"clauses", s.manual_clauses},
                                 {"attested", s.attested},
                                 {"expiring", s.expiring},
                                 {"expired", s.expired},
                                 {"missing", s.unattested}};
    if (t && t->has_baseline) {
      props["summary"]["baseline"] = J{{"new", s.new_findings}, {"unchanged", s.unchanged}, {"fixed", s.fixed}};
      if (s.removed > 0) props["summary"]["baseline"]["removed"] = s.removed;
    }
    return props;
  }

  const Report& r_;
  std::filesystem::path root_;  // %SRCROOT%: absolute, normalized
  std::map<std::string, size_t> artifact_index_;  // path -> index in artifacts (a path once)
  std::map<std::string, size_t> rule_index_;  // rule id (or manual clause id) -> index in the driver's rules
  std::vector<const Clause*> manual_clauses_;  // after the rules, in the catalogue's order
};

class SarifReporter : public Reporter {
 public:
  std::string Render(const Report& r, const RenderOptions&) const override { return DumpJson(SarifReport(r).Render()); }
};

}  // namespace

std::unique_ptr<Reporter> MakeSarifReporter() { return std::make_unique<SarifReporter>(); }

}  // namespace rurume
