// A rule's expressions and message templates, compiled in the rule's
// environment: the base environment plus its subject and `params`.
#include "bind/binding.h"
#include "expr/program.h"
#include "rules/lint.h"
#include "rules/load_steps.h"

#include <fmt/format.h>

namespace rurume::rules_load {

using expr::Type;
using expr::TypePtr;
using expr::Value;

namespace {

/// `params` in a rule's expressions: one field per parameter, typed by its
/// default, so that a misspelt parameter is a check error. It keeps its own
/// copy of the rule's parameters (taken after --config applied), so that a
/// copied or moved rule set never reads parameters through another's rules.
class ParamsType : public expr::ObjectType {
 public:
  explicit ParamsType(std::vector<RuleParam> params) : params_(std::move(params)) {}
  std::string_view name() const override { return "params"; }
  const expr::Type* field_type(std::string_view field) const override {
    const RuleParam* p = Find(field);
    return p ? p->type.get() : nullptr;
  }
  Value field(const void*, std::string_view field) const override {
    const RuleParam* p = Find(field);
    return p ? p->value : Value::Error(fmt::format("no parameter '{}'", field));
  }
  bool has(const void*, std::string_view field) const override { return Find(field) != nullptr; }

 private:
  const RuleParam* Find(std::string_view field) const {
    for (const RuleParam& p : params_)
      if (p.name == field) return &p;
    return nullptr;
  }
  const std::vector<RuleParam> params_;
};

class RuleCompiler {
 public:
  RuleCompiler(const YamlDoc& doc, Diagnostics& diags) : doc_(doc), diags_(diags) {}

  /// Compiles `source` (the value of `key` in the rule file); reports errors
  /// at their place in the file.
  std::shared_ptr<const expr::Program> Expression(const expr::Env& env, const YAML::Node& node, const std::string& key,
                                                  std::string_view source, size_t offset_in_node, bool want_bool) {
    expr::CompileResult r = expr::Compile(env, source);
    if (!r.ok()) {
      for (const expr::CompileError& e : r.errors)
        doc_.Diag(diags_, Code::ExprCheck, node, {key, e.message}, offset_in_node + e.offset);
      return nullptr;
    }
    const TypePtr& t = r.program->result_type();
    if (want_bool && t->kind != Type::Kind::Bool && t->kind != Type::Kind::Dyn) {
      doc_.Diag(diags_, Code::ExprNotBool, node, {key, t->ToString()}, offset_in_node);
      return nullptr;
    }
    for (const LintProblem& p : Lint(*r.program, !want_bool)) {
      const Code code = p.kind == LintProblem::Personal   ? Code::ExprPersonal
                        : p.kind == LintProblem::TimeZone ? Code::ExprTimeZone
                                                          : Code::ExprEnumValue;
      doc_.Diag(diags_, code, node, p.args(key), offset_in_node + p.offset);
    }
    return std::shared_ptr<const expr::Program>(std::move(r.program));
  }

  /// A message template: text with {{ expression }} places.
  Template Message(const expr::Env& env, const YAML::Node& node, const std::string& key, const std::string& text) {
    Template t;
    size_t pos = 0;
    while (pos < text.size()) {
      size_t open = text.find("{{", pos);
      if (open == std::string::npos) {
        t.pieces.push_back({text.substr(pos), nullptr});
        break;
      }
      if (open > pos) t.pieces.push_back({text.substr(pos, open - pos), nullptr});
      size_t close = text.find("}}", open + 2);
      if (close == std::string::npos) {
        doc_.Diag(diags_, Code::TemplateSyntax, node, {key, "{{ without }}"}, open);
        return t;
      }
      std::string source = text.substr(open + 2, close - open - 2);
      if (auto program = Expression(env, node, key, source, open + 2, false))
        t.pieces.push_back({source, program, LabelledEnum(*program)});
      pos = close + 2;
    }
    return t;
  }

 private:
  const YamlDoc& doc_;
  Diagnostics& diags_;
};

}  // namespace

bool Compile(CompiledRule& cr, const YamlDoc& doc, const expr::Env& base, Diagnostics& diags) {
  Rule& r = cr.rule;
  auto env = std::make_shared<expr::Env>(base);
  cr.params_type = std::make_shared<ParamsType>(r.params);
  cr.vars.subject = env->DeclareVariable(std::string(r.subject->variable), Type::ObjectOf(ObjectTypeOf(*r.subject->desc)));
  cr.vars.params = env->DeclareVariable("params", Type::ObjectOf(cr.params_type.get()));
  cr.vars.network = env->FindVariable("network")->slot;
  cr.vars.as_of = env->FindVariable("as_of")->slot;
  cr.vars.exported_at = env->FindVariable("exported_at")->slot;
  cr.env = env;
  size_t errors = diags.errors();
  RuleCompiler c(doc, diags);
  const YAML::Node& root = doc.root();
  if (!r.when_source.empty()) r.when = c.Expression(*env, root["when"], "when", r.when_source, 0, true);
  if (r.checks.empty()) {
    r.require = c.Expression(*env, root["require"], "require", r.require_source, 0, true);
  } else {
    for (size_t i = 0; i < r.checks.size(); ++i) {
      NamedCheck& check = r.checks[i];
      const YAML::Node item = root["require"][i];
      const std::string path = fmt::format("require[{}]", i + 1);
      check.program = c.Expression(*env, item["check"], path + ".check", check.source, 0, true);
      check.reason_ja = c.Message(*env, item["reason"]["ja"], path + ".reason.ja", check.reason_source.ja);
      check.reason_en = c.Message(*env, item["reason"]["en"], path + ".reason.en", check.reason_source.en);
    }
    // The message of a rule with checks reads `reasons`: the reasons of the
    // checks that failed, in the rule's order, joined in the finding's
    // language ("、" in Japanese, "; " in English).
    auto message_env = std::make_shared<expr::Env>(*env);
    cr.vars.reasons = message_env->DeclareVariable("reasons", Type::String());
    cr.env = message_env;
    env = message_env;
    for (const char* lang : {"ja", "en"}) {
      const std::string& text = lang == std::string_view("ja") ? r.message_source.ja : r.message_source.en;
      if (!text.empty() && text.find("reasons") == std::string::npos)
        doc.Diag(diags, Code::RuleKeyType, root["message"][lang],
                 {fmt::format("message.{}", lang), "a message that lists {{reasons}} (the checks that failed)"});
    }
  }
  r.message_ja = c.Message(*env, root["message"]["ja"], "message.ja", r.message_source.ja);
  r.message_en = c.Message(*env, root["message"]["en"], "message.en", r.message_source.en);
  if (!r.deadline_source.empty()) {
    r.deadline = c.Expression(*env, root["deadline"], "deadline", r.deadline_source, 0, false);
    const Type::Kind k = r.deadline ? r.deadline->result_type()->kind : Type::Kind::Dyn;
    if (k != Type::Kind::Date && k != Type::Kind::Timestamp && k != Type::Kind::Dyn) {
      doc.Diag(diags, Code::RuleKeyType, root["deadline"], {"deadline", "a date or timestamp expression, or null"});
      r.deadline = nullptr;
    }
  }
  return diags.errors() == errors;
}

}  // namespace rurume::rules_load
