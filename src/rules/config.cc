// The configuration: parameter values and the secretariat's closure days.
#include "base/suggest.h"
#include "rules/load_steps.h"

#include <fmt/format.h>

namespace rurume::rules_load {

using expr::Type;
using expr::TypePtr;
using expr::Value;

std::optional<std::pair<TypePtr, Value>> ParamValue(const YAML::Node& node) {
  if (node.IsSequence()) {
    std::vector<Value> items;
    for (const YAML::Node& item : node) {
      if (!item.IsScalar()) return std::nullopt;
      items.push_back(Value::String(item.Scalar()));
    }
    return std::make_pair(Type::ListOf(Type::String()), Value::ListOf(std::move(items)));
  }
  if (!node.IsScalar()) return std::nullopt;
  const std::string& s = node.Scalar();
  if (node.Tag() != "!") {
    if (s == "true" || s == "false") return std::make_pair(Type::Bool(), Value::Bool(s == "true"));
    try {
      size_t used = 0;
      long long v = std::stoll(s, &used, 10);
      if (used == s.size()) return std::make_pair(Type::Int(), Value::Int(v));
    } catch (const std::exception&) {
    }
  }
  return std::make_pair(Type::String(), Value::String(s));
}

std::optional<Config> LoadConfig(const std::string& path, Diagnostics& diags) {
  Config config;
  if (path.empty()) return config;
  config.doc = YamlDoc::Read(path, Code::ConfigYaml, diags);
  if (!config.doc) return std::nullopt;
  const YamlDoc& doc = *config.doc;
  const YAML::Node& root = doc.root();
  if (root.IsNull()) return config;
  if (!root.IsMap()) {
    doc.Diag(diags, Code::ConfigKey, root, {"(top level)", "must be a mapping"});
    return std::nullopt;
  }
  size_t errors = diags.errors();
  doc.CheckKeys(root, {"params", "calendar"}, Code::ConfigKey, diags);
  if (const YAML::Node params = root["params"]) {
    if (!params.IsMap()) doc.Diag(diags, Code::ConfigKey, params, {"params", "must be a mapping"});
    else doc.CheckKeys(params, {}, Code::ConfigKey, diags);
    if (params.IsMap())
      for (const auto& kv : params) config.params[kv.first.Scalar()] = ConfigParam{kv.first, kv.second, false};
  }
  if (const YAML::Node cal = root["calendar"]) {
    doc.CheckKeys(cal, {"closures"}, Code::ConfigKey, diags);
    if (const YAML::Node closures = cal["closures"]) {
      if (!closures.IsSequence()) {
        doc.Diag(diags, Code::ConfigKey, closures, {"calendar.closures", "must be a list"});
      } else {
        config.closures = calendar::Closures{};
        for (const YAML::Node& spec : closures) {
          try {
            calendar::AddClosureSpec(config.closures, spec.Scalar());
          } catch (const calendar::ClosureSpecError& e) {
            doc.Diag(diags, Code::ConfigKey, spec, {"calendar.closures", e.what()});
          }
        }
      }
    }
  }
  if (diags.errors() > errors) return std::nullopt;
  return config;
}

void ApplyConfig(Config& config, std::vector<CompiledRule>& rules, Diagnostics& diags) {
  for (CompiledRule& cr : rules) {
    for (RuleParam& p : cr.rule.params) {
      auto it = config.params.find(p.name);
      if (it == config.params.end()) continue;
      it->second.used = true;
      auto v = ParamValue(it->second.node);
      if (!v || v->first->ToString() != p.type->ToString()) {
        config.doc->Diag(diags, Code::ConfigParamType, it->second.node,
                         {p.name, p.type->ToString(), fmt::format("the default in {}", cr.rule.id)});
        continue;
      }
      if (v->second.is(expr::Kind::Int) && (v->second.int_value() < p.min || v->second.int_value() > p.max)) {
        config.doc->Diag(diags, Code::ConfigParamRange, it->second.node,
                         {p.name, std::to_string(v->second.int_value()), std::to_string(p.min), std::to_string(p.max)});
        continue;
      }
      p.value = v->second;
      p.set_by = config.doc->path();
    }
  }
  for (const auto& [name, param] : config.params) {
    if (param.used) continue;
    std::vector<std::string_view> names;
    for (const CompiledRule& cr : rules)
      for (const RuleParam& p : cr.rule.params) names.push_back(p.name);
    config.doc->Diag(diags, Code::ConfigUnknownParam, param.key, {name, SuggestionHint(name, names)});
  }
}

}  // namespace rurume::rules_load
