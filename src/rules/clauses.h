// The clause catalogue (rules/clauses.yaml): every clause of the operating
// policy, whether rules check it (auto), a person must attest it (manual),
// or it states no obligation (info).
#pragma once

#include "base/diagnostics.h"

#include <optional>
#include <string>
#include <vector>

namespace rurume {

struct Clause {
  enum class Check : uint8_t { Auto, Manual, Info };
  std::string id;          // "N1.10"
  std::string source;      // "留意事項1"
  std::string obligation;  // the policy's words, shortened
  std::string obligation_en;  // the same in English
  Check check = Check::Info;
  std::string detail;      // what the rules check (auto), in Japanese
  std::string detail_en;   // the same in English
  std::vector<std::string> via;       // auto through other clauses' rules
  std::vector<std::string> subjects;  // subject kinds of its rules
  std::string policy;      // the policy text of the clause, quoted
  // A manual clause: who attests it, how long an attestation holds at most,
  // and what a person keeps as evidence (the template's example).
  enum class Scope : uint8_t { Network, Facility };
  Scope scope = Scope::Network;
  int valid_days = 0;
  std::string evidence, evidence_en;

  /// Where the clause is, in LANG: "第7条 1) 2) 別紙1", "Art. 7 1) 2) Form 1";
  /// "留意事項1", "Note 1".
  std::string Source(Lang lang) const;
  const std::string& Obligation(Lang lang) const { return lang == Lang::En ? obligation_en : obligation; }
  const std::string& Detail(Lang lang) const { return lang == Lang::En ? detail_en : detail; }
  const std::string& Evidence(Lang lang) const { return lang == Lang::En ? evidence_en : evidence; }
};

std::string_view CheckName(Clause::Check c);  // "auto", "manual", "info"
std::string_view ScopeName(Clause::Scope s);  // "network", "facility"
/// A scope in a report's language: "ネットワーク全体" / "事業所ごと", "network-wide" / "per facility".
std::string_view ScopeLabel(Clause::Scope s, Lang lang);

class ClauseList {
 public:
  /// Reads `path`; problems are diagnostics (RA2018).
  static std::optional<ClauseList> Load(const std::string& path, Diagnostics& diags);
  const std::vector<Clause>& all() const { return clauses_; }
  const Clause* Find(std::string_view id) const;

 private:
  std::vector<Clause> clauses_;
};

}  // namespace rurume
