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
    if (t && t->has_baseline) {
      props["summary"]["baseline"] = J{{"new", s.new_findings}, {"unchanged", s.unchanged}, {"fixed", s.fixed}};
      if (s.removed > 0) props["summary"]["baseline"]["removed"] = s.removed;
    }
    return props;
  }

  const Report& r_;
  std::filesystem::path root_;  // %SRCROOT%: absolute, normalized
  std::map<std::string, size_t> artifact_index_;  // path -> index in artifacts (a path once)
  std::map<std::string, size_t> rule_index_;  // rule id -> index in the driver's rules
};

class SarifReporter : public Reporter {
 public:
  std::string Render(const Report& r, const RenderOptions&) const override { return DumpJson(SarifReport(r).Render()); }
};

}  // namespace

std::unique_ptr<Reporter> MakeSarifReporter() { return std::make_unique<SarifReporter>(); }

}  // namespace rurume
