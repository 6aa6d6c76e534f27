#include "report/json_values.h"

#include "audit/audit.h"
#include "bind/message_text.h"

namespace rurume {

using J = nlohmann::ordered_json;

J ParamJson(const expr::Value& v) {
  switch (v.kind()) {
    case expr::Kind::Bool: return v.bool_value();
    case expr::Kind::Int: return v.int_value();
    case expr::Kind::Uint: return v.uint_value();
    case expr::Kind::Double: return v.double_value();
    case expr::Kind::String: return std::string(v.string_value());
    case expr::Kind::List: {
      J list = J::array();
      for (size_t i = 0; i < v.list().size(); ++i) list.push_back(ParamJson(v.list().at(i)));
      return list;
    }
    default: return MessageText(v);
  }
}

J Parameters(const RuleSet& rules) {
  J j = J::object();
  for (const CompiledRule& cr : rules.rules()) {
    if (cr.rule.params.empty()) continue;
    J params = J::object();
    for (const RuleParam& p : cr.rule.params) params[p.name] = ParamJson(p.value);
    j[cr.rule.id] = std::move(params);
  }
  return j;
}

J Inputs(const Export& ex) {
  J list = J::array();
  for (const SourceFile& f : ex.files)
    list.push_back(J{{"path", f.path}, {"size", f.size}, {"sha256", f.sha256.empty() ? J() : J(f.sha256)}});
  return list;
}

std::string DumpJson(const J& j) { return j.dump(2, ' ', false, J::error_handler_t::replace) + "\n"; }

}  // namespace rurume
