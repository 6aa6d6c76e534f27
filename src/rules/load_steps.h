// The three steps of loading a rule set, each in its own file: the
// configuration (--config: parameter values and closure days, config.cc),
// the rule files (reader.cc: a file's keys into a Rule) and the compiler
// (compiler.cc: a Rule's expressions and messages into programs). RuleSet::Load
// (ruleset.cc) runs them in that order. Internal to rules/.
#pragma once

#include "base/diagnostics.h"
#include "calendar/business_days.h"
#include "expr/env.h"
#include "rules/clauses.h"
#include "rules/rule.h"
#include "rules/ruleset.h"
#include "rules/yaml_doc.h"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rurume::rules_load {

// ------------------------------------------------------------ config.cc

/// A parameter value from YAML: int, bool, string or list of strings.
std::optional<std::pair<expr::TypePtr, expr::Value>> ParamValue(const YAML::Node& node);

struct ConfigParam {
  YAML::Node key;
  YAML::Node node;
  bool used = false;
};

struct Config {
  std::optional<YamlDoc> doc;
  std::map<std::string, ConfigParam> params;
  calendar::Closures closures = calendar::Closures::Default();
};

/// Reads the configuration file (an empty path: the defaults).
std::optional<Config> LoadConfig(const std::string& path, Diagnostics& diags);

/// Applies the configuration's values; a value must have the default's type.
/// A configured parameter no rule declares is an error with a suggestion.
void ApplyConfig(Config& config, std::vector<CompiledRule>& rules, Diagnostics& diags);

// ------------------------------------------------------------ reader.cc

/// The rule files of `dir`: every *.yaml but clauses.yaml, in name order.
std::vector<std::string> RuleFiles(const std::string& dir);

/// Reads one rule file's keys into a Rule (nothing compiled yet).
std::optional<Rule> ReadRule(const YamlDoc& doc, const ClauseList& clauses, Diagnostics& diags);

// ------------------------------------------------------------ compiler.cc

/// Compiles the rule's expressions and messages in `base` extended with its
/// subject and `params`; errors are reported at their place in `doc`.
bool Compile(CompiledRule& cr, const YamlDoc& doc, const expr::Env& base, Diagnostics& diags);

}  // namespace rurume::rules_load
