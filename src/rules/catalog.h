// What `rules`, `explain` and `clauses` print: generated from the rule files
// and the clause list, so that they cannot drift from what is checked.
#pragma once

#include "rules/ruleset.h"

#include <optional>
#include <string>

namespace rurume {

/// `rules`: id, clause, severity and title of every rule, in columns.
std::string RulesTable(const RuleSet& rules, Lang lang);

/// `explain`: a rule (by id) or a clause (by id, with each of its rules):
/// the policy text, what is checked, the parameters in force and the fix.
/// nullopt when `what` names neither.
std::optional<std::string> Explain(const RuleSet& rules, std::string_view what, Lang lang);
/// For an id Explain() does not know: "もしかして: N1.10-remote-control" or "".
std::string ExplainSuggestion(const RuleSet& rules, std::string_view what, Lang lang);

struct ClauseCoverage {
  size_t auto_clauses = 0, covered = 0, manual = 0, info = 0;
  std::vector<std::string> uncovered;  // auto clauses no rule checks
};

/// `clauses`: every clause with how it is checked, a count line, and the
/// manual clauses as a checklist to attest.
std::string ClausesReport(const RuleSet& rules, Lang lang, ClauseCoverage* coverage);

}  // namespace rurume
