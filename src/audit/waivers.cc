#include "audit/waivers.h"

#include "audit/entry_reader.h"

#include "base/suggest.h"
#include "load/scalars.h"
#include "rules/yaml_doc.h"

#include <fmt/format.h>

#include <algorithm>

namespace rurume {

namespace {

const std::vector<std::string> kWaiverKeys{"rule", "clause", "subject", "justification", "approved_by", "expires"};

/// One entry of the `waivers` list, checked; every problem a diagnostic.
class WaiverReader : EntryReader {
 public:
  WaiverReader(const YamlDoc& doc, const RuleSet& rules, Diagnostics& diags)
      : EntryReader(doc, diags, Code::WaiverKeyMissing, Code::WaiverType), rules_(rules) {}

  std::optional<Waiver> Read(const YAML::Node& item) {
    if (!item.IsMap()) {
      TypeDiag(item, "免除の各項目", "a waiver", "マッピング (rule: などのキーと値)", "a mapping");
      return std::nullopt;
    }
    const size_t errors = diags_.errors();
    doc_.CheckKeys(item, kWaiverKeys, Code::WaiverKeyUnknown, diags_);
    Waiver w;
    auto [line, column] = doc_.Pos(item);
    w.file = doc_.path(), w.line = line, w.column = column;
    const YAML::Node rule = item["rule"], clause = item["clause"];
    if (rule && clause) {
      doc_.Diag(diags_, Code::WaiverRuleAndClause, clause, {});
    } else if (rule) {
      if (auto id = Text(item, "rule")) CheckRule(rule, w.rule = *id);
    } else if (clause) {
      if (auto id = Text(item, "clause")) CheckClause(clause, w.clause = *id);
    } else {
      doc_.Diag(diags_, Code::WaiverKeyMissing, item, {"rule / clause"});
    }
    w.subject = Text(item, "subject").value_or("");
    w.justification = Text(item, "justification").value_or("");
    w.approved_by = Text(item, "approved_by").value_or("");
    if (auto expires = Text(item, "expires")) {
      if (auto date = ParseDate(*expires)) w.expires = *date;
      else doc_.Diag(diags_, Code::WaiverBadDate, item["expires"], {*expires});
    }
    if (diags_.errors() > errors) return std::nullopt;
    return w;
  }

 private:
  void CheckRule(const YAML::Node& node, const std::string& id) {
    if (rules_.Find(id)) return;
    std::vector<std::string_view> ids;
    for (const CompiledRule& cr : rules_.rules()) ids.push_back(cr.rule.id);
    doc_.Diag(diags_, Code::WaiverUnknownRule, node, {id, SuggestionHint(id, ids)});
  }

  void CheckClause(const YAML::Node& node, const std::string& id) {
    if (!rules_.clauses().Find(id) || rules_.RulesOf(id).empty())
      doc_.Diag(diags_, Code::WaiverUnknownClause, node, {id});
  }

  const RuleSet& rules_;
};

/// The characters of a UTF-8 string, each as its bytes.
std::vector<std::string_view> Characters(std::string_view s) {
  std::vector<std::string_view> out;
  for (size_t i = 0; i < s.size();) {
    size_t n = 1;
    while (i + n < s.size() && (static_cast<unsigned char>(s[i + n]) & 0xC0) == 0x80) ++n;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

}  // namespace

std::optional<std::vector<Waiver>> LoadWaivers(const std::string& path, const RuleSet& rules, Diagnostics& diags) {
  auto doc = YamlDoc::Read(path, Code::WaiversYaml, diags);
  if (!doc) return std::nullopt;
  const YAML::Node& root = doc->root();
  if (!root.IsMap()) {
    auto [line, column] = doc->Pos(root);
    diags.AddLocalized(Code::WaiverType, path, line, column, {"免除ファイル", "waivers: の下に免除を並べたもの"},
                       {"the waivers file", "a mapping with a list `waivers`"});
    return std::nullopt;
  }
  const size_t errors = diags.errors();
  doc->CheckKeys(root, {"waivers"}, Code::WaiverKeyUnknown, diags);
  const YAML::Node list = root["waivers"];
  std::vector<Waiver> waivers;
  if (!list) {
    doc->Diag(diags, Code::WaiverKeyMissing, root, {"waivers"});
  } else if (!list.IsSequence()) {
    auto [line, column] = doc->Pos(list);
    diags.AddLocalized(Code::WaiverType, path, line, column, {"waivers", "リスト (- で始まる項目)"}, {"waivers", "a list"});
  } else {
    WaiverReader reader(*doc, rules, diags);
    for (const YAML::Node& item : list)
      if (auto w = reader.Read(item)) waivers.push_back(std::move(*w));
  }
  if (diags.errors() > errors) return std::nullopt;
  return waivers;
}

bool MatchesSubject(std::string_view pattern, std::string_view id) {
  const std::vector<std::string_view> p = Characters(pattern), s = Characters(id);
  // Iterative wildcard matching: on a mismatch, let the last `*` take one more character.
  size_t pi = 0, si = 0, star = std::string_view::npos, star_si = 0;
  while (si < s.size()) {
    if (pi < p.size() && (p[pi] == "?" || p[pi] == s[si])) {
      ++pi, ++si;
    } else if (pi < p.size() && p[pi] == "*") {
      star = pi++, star_si = si;
    } else if (star != std::string_view::npos) {
      pi = star + 1, si = ++star_si;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == "*") ++pi;
  return pi == p.size();
}

void ApplyWaivers(const AuditResult& audit, Date as_of, Triage& triage, Diagnostics& diags) {
  triage.waived_by.assign(audit.findings.size(), nullptr);
  for (Waiver& w : triage.waivers) {
    w.expired = w.expires < as_of;
    w.matched = 0;
    if (w.expired) continue;
    for (size_t i = 0; i < audit.findings.size(); ++i) {
      const Finding& f = audit.findings[i];
      if (!(w.rule.empty() ? f.rule->clause == w.clause : f.rule->id == w.rule)) continue;
      if (!MatchesSubject(w.subject, f.subject.id)) continue;
      ++w.matched;
      if (!triage.waived_by[i]) triage.waived_by[i] = &w;
    }
  }
  for (const Waiver& w : triage.waivers) {
    const std::string& what = w.rule.empty() ? w.clause : w.rule;
    if (w.expired) diags.Add(Code::WaiverExpired, w.file, w.line, w.column, {what, w.subject, FormatDate(w.expires)});
    else if (w.matched == 0) diags.Add(Code::WaiverUnused, w.file, w.line, w.column, {what, w.subject});
  }
}

}  // namespace rurume
