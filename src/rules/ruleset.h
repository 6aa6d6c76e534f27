// The rule set: every rule file of a directory, checked and compiled before
// any export is read, with parameters from the rule files' defaults and the
// network's configuration (--config).
#pragma once

#include "calendar/business_days.h"
#include "expr/env.h"
#include "base/diagnostics.h"
#include "rules/clauses.h"
#include "rules/rule.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rurume {

struct Export;

/// The variables every rule expression can read, besides its subject and
/// `params`: `network` (the network block), `as_of` (the evaluation date),
/// `exported_at` (when the export was made).
struct RuleVariables {
  uint32_t subject = 0;
  uint32_t params = 0;
  uint32_t network = 0;
  uint32_t as_of = 0;
  uint32_t exported_at = 0;
  uint32_t reasons = 0;  // a rule with named checks: the failing checks' reasons (messages only)
};

struct CompiledRule {
  Rule rule;
  std::shared_ptr<const expr::Env> env;  // the Env its programs were compiled in
  RuleVariables vars;
  std::shared_ptr<const expr::ObjectType> params_type;
};

class RuleSet {
 public:
  /// Reads `dir` (every *.yaml but clauses.yaml is a rule; clauses.yaml is
  /// the clause list) and, when not empty, the configuration `config_path`.
  /// Every problem is a diagnostic; returns nullopt if any is an error.
  static std::optional<RuleSet> Load(const std::string& dir, const std::string& config_path, Diagnostics& diags);

  const std::vector<CompiledRule>& rules() const { return rules_; }
  const ClauseList& clauses() const { return *clauses_; }
  const calendar::BusinessCalendar& calendar() const { return *calendar_; }
  const std::string& dir() const { return dir_; }
  /// The rules of a clause, in id order.
  std::vector<const Rule*> RulesOf(std::string_view clause) const;
  const CompiledRule* Find(std::string_view id) const;

  /// The environment of ad-hoc expressions (`eval`): the standard library,
  /// the policy functions, `as_of`, `exported_at`, `network` and every
  /// collection by name (facilities, users, ..., members).
  std::shared_ptr<const expr::Env> EvalEnv() const;
  /// The values of EvalEnv()'s variables for `ex` (which must outlive the
  /// activation): `as_of`, the network block, `exported_at` and every
  /// collection; what the export does not give stays unset.
  static expr::Activation EvalActivation(const expr::Env& env, const Export& ex, Date as_of);

 private:
  std::string dir_;
  std::shared_ptr<const ClauseList> clauses_;
  std::shared_ptr<const calendar::BusinessCalendar> calendar_;
  std::vector<CompiledRule> rules_;
};

/// The rule set shipped with the program: the source tree's rules/ when run
/// from a build tree, else the installed copy.
std::string DefaultRulesDir();

/// Builds the base environment: standard library, policy functions, and the
/// common variables (network, as_of, exported_at).
std::shared_ptr<expr::Env> BaseEnv(std::shared_ptr<const calendar::BusinessCalendar> calendar);

}  // namespace rurume
