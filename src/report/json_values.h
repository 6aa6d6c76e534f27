// Pieces the JSON and SARIF reports share.
#pragma once

#include "model/model.h"
#include "rules/ruleset.h"

#include <nlohmann/json.hpp>

#include <string>

namespace rurume {

/// The parameters in force: rule id -> {name: value}, rules without
/// parameters left out, in rule order.
nlohmann::ordered_json Parameters(const RuleSet& rules);

/// A parameter value: a number, bool, string or list of strings.
nlohmann::ordered_json ParamJson(const expr::Value& v);

/// The input files: [{path, size, sha256}], in the order read.
nlohmann::ordered_json Inputs(const Export& ex);

/// Two-space indented, UTF-8 (invalid bytes replaced), with a final newline.
std::string DumpJson(const nlohmann::ordered_json& j);

}  // namespace rurume
