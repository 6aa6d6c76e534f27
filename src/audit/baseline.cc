#include "audit/baseline.h"

#include "bind/binding.h"
#include "model/schema.h"
#include "audit/fingerprint.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <set>

namespace rurume {

namespace {

using nlohmann::json;

/// 1-based line and column (in characters) of a byte offset.
std::pair<uint32_t, uint32_t> PositionOf(const std::string& text, size_t offset) {
  uint32_t line = 1, column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') ++line, column = 1;
    else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return {line, column};
}

/// Reads what a run needs of a report, or says what is wrong with it.
class ReportReader {
 public:
  explicit ReportReader(const json& j) : j_(j) {}

  bool Read(Baseline& b, std::string* problem) {
    if (!j_.is_object()) return Fail("not a JSON object", problem);
    if (j_.value("format", json()) != "rurume-audit-report/1") return Fail("format is not rurume-audit-report/1", problem);
    if (j_.value("command", json()) != "check") return Fail("not a report of check", problem);
    b.as_of = String(j_, "as_of");
    b.tool_version = j_.contains("tool") ? String(j_["tool"], "version") : "";
    b.rule_set_version = j_.contains("rule_set") ? String(j_["rule_set"], "version") : "";
    b.facility = String(j_, "facility");
    if (auto it = j_.find("records"); it != j_.end() && it->is_object())
      for (const auto& [key, n] : it->items())
        if (n.is_number_unsigned()) b.records.emplace_back(key, n.get<size_t>());
    const json& findings = j_.value("findings", json());
    if (!findings.is_array()) return Fail("no findings list", problem);
    for (size_t i = 0; i < findings.size(); ++i) {
      const json& f = findings[i];
      FixedFinding ff;
      if (f.is_object() && f.contains("subject") && f["subject"].is_object()) {
        ff.rule = String(f, "rule");
        ff.clause = String(f, "clause");
        ff.severity = String(f, "severity");
        ff.subject_kind = String(f["subject"], "kind");
        ff.subject_id = String(f["subject"], "id");
        ff.message = String(f, "message");
        ff.fingerprint = String(f, "fingerprint");
        ff.facility = String(f, "facility");
      }
      static const std::set<std::string> kSeverities{"error", "warning", "note"};
      if (ff.fingerprint.size() != 64 || ff.fingerprint.find_first_not_of("0123456789abcdef") != std::string::npos)
        return Fail(fmt::format("findings[{}] has no fingerprint", i), problem);
      if (ff.rule.empty() || ff.subject_kind.empty() || ff.subject_id.empty() || !kSeverities.count(ff.severity))
        return Fail(fmt::format("findings[{}] lacks its rule, severity or subject", i), problem);
      b.findings.push_back(std::move(ff));
    }
    return true;
  }

 private:
  /// A member's string, or "" when it is absent or not a string.
  static std::string String(const json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
  }
  static bool Fail(std::string what, std::string* problem) {
    *problem = std::move(what);
    return false;
  }
  const json& j_;
};

}  // namespace

std::optional<Baseline> LoadBaseline(const std::string& path, Diagnostics& diags) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.Add(Code::BaselineUnreadable, path, 0, 0, {std::strerror(errno)});
    return std::nullopt;
  }
  std::string text((std::istreambuf_iterator<char>(in)), {});
  if (in.bad()) {
    diags.Add(Code::BaselineUnreadable, path, 0, 0, {"read error"});
    return std::nullopt;
  }
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    auto [line, column] = PositionOf(text, e.byte > 0 ? e.byte - 1 : 0);
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..." -> "syntax error ..."
    if (size_t colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
    diags.Add(Code::BaselineJson, path, line, column, {what});
    return std::nullopt;
  }
  Baseline b;
  b.file = path;
  std::string problem;
  if (!ReportReader(j).Read(b, &problem)) {
    diags.Add(Code::BaselineNotReport, path, 0, 0, {problem});
    return std::nullopt;
  }
  return b;
}

void CompareWithBaseline(const Baseline& baseline, const Export& ex, const AuditResult& audit, Triage& triage,
                         Diagnostics& diags) {
  std::set<std::string_view> before;
  for (const FixedFinding& f : baseline.findings) before.insert(f.fingerprint);
  std::set<std::string> now;
  triage.change.clear();
  for (const Finding& f : audit.findings) {
    std::string fp = Fingerprint(f.rule->id, f.subject.kind, f.subject.id);
    triage.change.push_back(before.count(fp) ? Change::Unchanged : Change::New);
    now.insert(std::move(fp));
  }
  // Not evaluated this time: not known to be fixed.
  for (const NotEvaluated& n : audit.not_evaluated) now.insert(Fingerprint(n.rule->id, n.subject.kind, n.subject.id));
  // A finding is fixed when its subject is still there; gone with it, it is
  // removed: the record may have been deleted, or not read this time.
  std::set<std::pair<std::string_view, std::string>> subjects;
  for (const SubjectKind& k : SubjectKinds())
    for (const Subject& s : SubjectsOf(ex, k)) subjects.emplace(k.desc->name, s.id);
  triage.fixed.clear();
  triage.removed.clear();
  std::set<std::string_view> listed;
  for (const FixedFinding& f : baseline.findings) {
    if (now.count(f.fingerprint) || !listed.insert(f.fingerprint).second) continue;
    if (subjects.count({f.subject_kind, f.subject_id})) triage.fixed.push_back(f);
    else triage.removed.push_back(f);
  }
  for (const auto& [key, had] : baseline.records) {
    const CollectionDesc* c = FindCollection(key);
    const size_t has = c ? c->count(ex) : 0;
    if (c && has * 2 < had)
      diags.Add(Code::BaselineShrunk, baseline.file, 0, 0, {key, std::to_string(had), std::to_string(has)});
  }
  if (!triage.removed.empty())
    diags.Add(Code::BaselineRemoved, baseline.file, 0, 0, {std::to_string(triage.removed.size())});
  triage.has_baseline = true;
  triage.baseline_file = baseline.file;
  triage.baseline_as_of = baseline.as_of;
  triage.baseline_rule_set_version = baseline.rule_set_version;
  triage.baseline_findings = baseline.findings.size();
}

}  // namespace rurume
