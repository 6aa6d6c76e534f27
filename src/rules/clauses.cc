#include "rules/clauses.h"

#include "rules/yaml_doc.h"

#include <set>
#include <string_view>
#include <utility>

namespace rurume {

std::string_view CheckName(Clause::Check c) {
  switch (c) {
    case Clause::Check::Auto: return "auto";
    case Clause::Check::Manual: return "manual";
    case Clause::Check::Info: return "info";
  }
  return "info";
}

std::string_view ScopeName(Clause::Scope s) { return s == Clause::Scope::Facility ? "facility" : "network"; }

std::string_view ScopeLabel(Clause::Scope s, Lang lang) {
  const bool ja = lang == Lang::Ja;
  return s == Clause::Scope::Facility ? (ja ? "事業所ごと" : "per facility") : (ja ? "ネットワーク全体" : "network-wide");
}

namespace {

std::vector<std::string> Strings(const YAML::Node& node) {
  std::vector<std::string> out;
  if (node && node.IsSequence())
    for (const auto& item : node) out.push_back(item.Scalar());
  return out;
}

}  // namespace

std::optional<ClauseList> ClauseList::Load(const std::string& path, Diagnostics& diags) {
  auto doc = YamlDoc::Read(path, Code::ClauseList, diags);
  if (!doc) return std::nullopt;
  const YAML::Node list = doc->root()["clauses"];
  if (!list || !list.IsSequence()) {
    doc->Diag(diags, Code::ClauseList, doc->root(), {"clauses: must be a list"});
    return std::nullopt;
  }
  ClauseList out;
  std::set<std::string> ids;
  size_t errors = diags.errors();
  for (const YAML::Node& item : list) {
    if (!item.IsMap()) {
      doc->Diag(diags, Code::ClauseList, item, {"each clause must be a mapping"});
      continue;
    }
    doc->CheckKeys(item, {"id", "source", "obligation", "obligation_en", "check", "detail", "detail_en", "via", "subjects", "policy",
                              "scope", "valid_days", "evidence", "evidence_en"},
                   Code::ClauseList, diags);
    Clause c;
    c.id = ScalarText(item["id"]).value_or("");
    c.source = ScalarText(item["source"]).value_or("");
    c.obligation = ScalarText(item["obligation"]).value_or("");
    c.obligation_en = ScalarText(item["obligation_en"]).value_or("");
    c.detail = ScalarText(item["detail"]).value_or("");
    c.detail_en = ScalarText(item["detail_en"]).value_or("");
    c.policy = ScalarText(item["policy"]).value_or("");
    c.via = Strings(item["via"]);
    c.subjects = Strings(item["subjects"]);
    std::string check = ScalarText(item["check"]).value_or("");
    if (check == "auto") c.check = Clause::Check::Auto;
    else if (check == "manual") c.check = Clause::Check::Manual;
    else if (check == "info") c.check = Clause::Check::Info;
    else doc->Diag(diags, Code::ClauseList, item, {"check must be auto, manual or info: " + c.id});
    const YAML::Node scope = item["scope"], valid = item["valid_days"];
    if (c.check == Clause::Check::Manual) {
      const std::string s = ScalarText(scope).value_or("");
      if (s == "facility") c.scope = Clause::Scope::Facility;
      else if (s != "network") doc->Diag(diags, Code::ClauseList, item, {"a manual clause needs scope: network or facility: " + c.id});
      const std::string days = ScalarText(valid).value_or("");
      if (!days.empty() && days.size() <= 5 && days.find_first_not_of("0123456789") == std::string::npos) c.valid_days = std::stoi(days);
      if (c.valid_days < 1 || c.valid_days > 3660)
        doc->Diag(diags, Code::ClauseList, item, {"a manual clause needs valid_days, 1 to 3660: " + c.id});
      c.evidence = ScalarText(item["evidence"]).value_or("");
      c.evidence_en = ScalarText(item["evidence_en"]).value_or("");
      if (c.evidence.empty() || c.evidence_en.empty())
        doc->Diag(diags, Code::ClauseList, item, {"a manual clause needs evidence and evidence_en: " + c.id});
    } else if (scope || valid || item["evidence"] || item["evidence_en"]) {
      doc->Diag(diags, Code::ClauseList, item, {"only a manual clause has scope, valid_days and evidence: " + c.id});
    }
    if (c.obligation.empty() || c.obligation_en.empty())
      doc->Diag(diags, Code::ClauseList, item, {"a clause needs obligation and obligation_en: " + c.id});
    if (c.detail.empty() != c.detail_en.empty())
      doc->Diag(diags, Code::ClauseList, item, {"a clause with detail needs detail_en too, and the reverse: " + c.id});
    if (c.id.empty()) doc->Diag(diags, Code::ClauseList, item, {"a clause without id"});
    else if (!ids.insert(c.id).second) doc->Diag(diags, Code::ClauseList, item, {"duplicate clause id " + c.id});
    out.clauses_.push_back(std::move(c));
  }
  if (diags.errors() > errors) return std::nullopt;
  return out;
}

std::string Clause::Source(Lang lang) const {
  if (lang == Lang::Ja) return source;
  // The policy's two parts, and its forms (別紙1-4), by their English names.
  static const std::pair<std::string_view, std::string_view> kWords[] = {
      {"留意事項", "Note "}, {"別紙", "Form "}, {"第", "Art. "}, {"条", ""}};
  std::string out;
  for (size_t i = 0; i < source.size();) {
    bool replaced = false;
    for (const auto& [ja, en] : kWords) {
      if (source.compare(i, ja.size(), ja) == 0) {
        out += en;
        i += ja.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += source[i++];
  }
  return out;
}

const Clause* ClauseList::Find(std::string_view id) const {
  for (const Clause& c : clauses_)
    if (c.id == id) return &c;
  return nullptr;
}

}  // namespace rurume
