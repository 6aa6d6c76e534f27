#include "rules/ruleset.h"

#include "base/suggest.h"
#include "bind/binding.h"
#include "expr/program.h"
#include "rules/lint.h"
#include "rules/policy_functions.h"
#include "rules/yaml_doc.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

namespace rurume {

namespace {

namespace fs = std::filesystem;
using expr::Type;
using expr::TypePtr;
using expr::Value;

// ------------------------------------------------------------ parameters

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

/// A parameter value from YAML: int, bool, string or list of strings.
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

// ------------------------------------------------------------ rule files

const std::vector<std::string> kRuleKeys{"id",      "clause", "severity", "title",   "remediation", "rationale",
                                         "for",     "when",   "require",  "message", "params"};

class RuleReader {
 public:
  RuleReader(const YamlDoc& doc, const ClauseList& clauses, Diagnostics& diags)
      : doc_(doc), clauses_(clauses), diags_(diags) {}

  std::optional<Rule> Read() {
    const YAML::Node& root = doc_.root();
    if (!root.IsMap()) {
      doc_.Diag(diags_, Code::RuleKeyType, root, {"(top level)", "a mapping"});
      return std::nullopt;
    }
    size_t errors = diags_.errors();
    doc_.CheckKeys(root, kRuleKeys, Code::RuleKeyUnknown, diags_);
    Rule r;
    r.file = doc_.path();
    r.id = Text("id");
    r.clause = Text("clause");
    r.rationale = Text("rationale");
    r.require_source = Text("require");
    r.when_source = Text("when", false);
    r.title = Texts("title");
    r.remediation = Texts("remediation");
    r.message_source = Texts("message");
    ReadSeverity(r);
    ReadFor(r);
    ReadParams(r);
    CheckId(r);
    if (diags_.errors() > errors) return std::nullopt;
    return r;
  }

 private:
  void Missing(const char* key) { doc_.Diag(diags_, Code::RuleKeyMissing, doc_.root(), {key}); }

  std::string Text(const char* key, bool required = true) {
    const YAML::Node n = doc_.root()[key];
    if (!n) {
      if (required) Missing(key);
      return {};
    }
    if (!n.IsScalar() || n.Scalar().empty()) {
      doc_.Diag(diags_, Code::RuleKeyType, n, {key, "a non-empty string"});
      return {};
    }
    return n.Scalar();
  }

  Localized Texts(const char* key) {
    const YAML::Node n = doc_.root()[key];
    Localized out;
    if (!n) {
      Missing(key);
      return out;
    }
    if (!n.IsMap()) {
      doc_.Diag(diags_, Code::RuleKeyType, n, {key, "a mapping with ja and en"});
      return out;
    }
    doc_.CheckKeys(n, {"ja", "en"}, Code::RuleKeyUnknown, diags_);
    for (const char* lang : {"ja", "en"}) {
      const YAML::Node t = n[lang];
      if (!t || !t.IsScalar() || t.Scalar().empty())
        doc_.Diag(diags_, t ? Code::RuleKeyType : Code::RuleKeyMissing, t ? t : n,
                  {fmt::format("{}.{}", key, lang), "a non-empty string"});
      else (std::string(lang) == "ja" ? out.ja : out.en) = t.Scalar();
    }
    return out;
  }

  void ReadSeverity(Rule& r) {
    std::string s = Text("severity");
    if (s == "error") r.severity = Level::Error;
    else if (s == "warning") r.severity = Level::Warning;
    else if (s == "note") r.severity = Level::Note;
    else if (!s.empty()) doc_.Diag(diags_, Code::RuleBadSeverity, doc_.root()["severity"], {s});
  }

  void ReadFor(Rule& r) {
    std::string f = Text("for");
    if (f.empty()) return;
    r.subject = FindSubjectKind(f);
    if (r.subject) return;
    std::string allowed;
    for (const SubjectKind& k : SubjectKinds()) allowed += (allowed.empty() ? "" : ", ") + std::string(k.collection);
    doc_.Diag(diags_, Code::RuleUnknownFor, doc_.root()["for"], {f, allowed});
  }

  void ReadParams(Rule& r) {
    const YAML::Node params = doc_.root()["params"];
    if (!params) return;
    if (!params.IsMap()) {
      doc_.Diag(diags_, Code::RuleKeyType, params, {"params", "a mapping"});
      return;
    }
    doc_.CheckKeys(params, {}, Code::RuleKeyUnknown, diags_);
    for (const auto& kv : params) {
      const std::string name = kv.first.Scalar();
      if (kv.second.IsMap()) {
        ReadRangedParam(r, name, kv.second);
        continue;
      }
      auto v = ParamValue(kv.second);
      if (!v) {
        doc_.Diag(diags_, Code::RuleParamType, kv.second, {name, "int, bool, string or list of strings"});
        continue;
      }
      RuleParam p{name, v->first, v->second, v->second, {}};
      if (v->second.is(expr::Kind::Int) && !InRange(p, v->second.int_value())) {
        doc_.Diag(diags_, Code::RuleParamType, kv.second,
                  {name, fmt::format("an int from {} to {} unless its range is declared: {{default: N, min: A, max: B}}",
                                     p.min, p.max)});
        continue;
      }
      r.params.push_back(std::move(p));
    }
  }

  static bool InRange(const RuleParam& p, int64_t v) { return v >= p.min && v <= p.max; }

  // An int parameter with its range: {default: 24, min: 0, max: 8760}.
  void ReadRangedParam(Rule& r, const std::string& name, const YAML::Node& node) {
    if (!doc_.CheckKeys(node, {"default", "min", "max"}, Code::RuleKeyUnknown, diags_)) return;
    std::optional<int64_t> ints[3];
    const char* const keys[3] = {"default", "min", "max"};
    for (int i = 0; i < 3; ++i) {
      const YAML::Node k = node[keys[i]];
      auto v = k ? ParamValue(k) : std::nullopt;
      if (v && v->second.is(expr::Kind::Int)) {
        ints[i] = v->second.int_value();
      } else {
        doc_.Diag(diags_, Code::RuleParamType, k ? k : node, {name, fmt::format("{}: an int", keys[i])});
        return;
      }
    }
    RuleParam p{name, Type::Int(), Value::Int(*ints[0]), Value::Int(*ints[0]), {}};
    p.min = *ints[1];
    p.max = *ints[2];
    if (p.min > p.max || !InRange(p, *ints[0])) {
      doc_.Diag(diags_, Code::RuleParamType, node,
                {name, fmt::format("default {} within min {} and max {}", *ints[0], p.min, p.max)});
      return;
    }
    r.params.push_back(std::move(p));
  }

  void CheckId(const Rule& r) {
    if (r.id.empty()) return;
    const YAML::Node id = doc_.root()["id"];
    std::string stem = fs::path(r.file).stem().string();
    if (stem != r.id)
      doc_.Diag(diags_, Code::RuleIdMismatch, id, {r.id, fmt::format("the file must be named {}.yaml", r.id)});
    if (!r.clause.empty() && r.id.rfind(r.clause + "-", 0) != 0)
      doc_.Diag(diags_, Code::RuleIdMismatch, id, {r.id, fmt::format("it must begin with its clause, {}-", r.clause)});
    if (!r.clause.empty()) {
      const Clause* c = clauses_.Find(r.clause);
      if (!c) doc_.Diag(diags_, Code::RuleUnknownClause, doc_.root()["clause"], {r.clause});
      else if (c->check != Clause::Check::Auto)
        doc_.Diag(diags_, Code::RuleUnknownClause, doc_.root()["clause"],
                  {fmt::format("{} ({}: no rule may check it)", r.clause, CheckName(c->check))});
    }
  }

  const YamlDoc& doc_;
  const ClauseList& clauses_;
  Diagnostics& diags_;
};

// ------------------------------------------------------------ compiling

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
      Code code = p.kind == LintProblem::Personal ? Code::ExprPersonal : Code::ExprEnumValue;
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
      if (auto program = Expression(env, node, key, source, open + 2, false)) t.pieces.push_back({source, program});
      pos = close + 2;
    }
    return t;
  }

 private:
  const YamlDoc& doc_;
  Diagnostics& diags_;
};

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
  r.require = c.Expression(*env, root["require"], "require", r.require_source, 0, true);
  r.message_ja = c.Message(*env, root["message"]["ja"], "message.ja", r.message_source.ja);
  r.message_en = c.Message(*env, root["message"]["en"], "message.en", r.message_source.en);
  return diags.errors() == errors;
}

/// Applies the configuration's values; a value must have the default's type.
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

std::vector<std::string> RuleFiles(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    if (p.extension() == ".yaml" && p.filename() != "clauses.yaml" && it->is_regular_file(ec))
      files.push_back(p.generic_string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

std::shared_ptr<expr::Env> BaseEnv(std::shared_ptr<const calendar::BusinessCalendar> calendar) {
  auto env = std::make_shared<expr::Env>();
  RegisterPolicyFunctions(*env, std::move(calendar));
  env->DeclareVariable("network", Type::ObjectOf(ObjectTypeOf(NetworkDesc())));
  env->DeclareVariable("as_of", Type::Date());
  env->DeclareVariable("exported_at", Type::Timestamp());
  return env;
}

std::optional<RuleSet> RuleSet::Load(const std::string& dir, const std::string& config_path, Diagnostics& diags) {
  size_t errors = diags.errors();
  RuleSet set;
  set.dir_ = dir;
  auto clauses = ClauseList::Load((fs::path(dir) / "clauses.yaml").string(), diags);
  auto config = LoadConfig(config_path, diags);
  if (!clauses || !config) return std::nullopt;
  set.clauses_ = std::make_shared<const ClauseList>(std::move(*clauses));
  set.calendar_ = std::make_shared<const calendar::BusinessCalendar>(config->closures);

  std::vector<std::string> files = RuleFiles(dir);
  if (files.empty()) diags.Add(Code::NoRules, dir, 0, 0, {dir});
  std::vector<std::optional<YamlDoc>> docs;
  for (const std::string& file : files) {
    auto doc = YamlDoc::Read(file, Code::RuleYaml, diags);
    if (!doc) continue;
    auto rule = RuleReader(*doc, *set.clauses_, diags).Read();
    if (!rule) continue;
    if (const CompiledRule* first = set.Find(rule->id)) {
      doc->Diag(diags, Code::RuleDuplicateId, doc->root()["id"], {rule->id, first->rule.file});
      continue;
    }
    set.rules_.push_back(CompiledRule{std::move(*rule), nullptr, {}, nullptr});
    docs.push_back(std::move(doc));
  }
  ApplyConfig(*config, set.rules_, diags);
  auto base = BaseEnv(set.calendar_);
  for (size_t i = 0; i < set.rules_.size(); ++i) Compile(set.rules_[i], *docs[i], *base, diags);
  diags.Sort();
  if (diags.errors() > errors) return std::nullopt;
  return set;
}

std::vector<const Rule*> RuleSet::RulesOf(std::string_view clause) const {
  std::vector<const Rule*> out;
  for (const CompiledRule& cr : rules_)
    if (cr.rule.clause == clause) out.push_back(&cr.rule);
  return out;
}

const CompiledRule* RuleSet::Find(std::string_view id) const {
  for (const CompiledRule& cr : rules_)
    if (cr.rule.id == id) return &cr;
  return nullptr;
}

std::shared_ptr<const expr::Env> RuleSet::EvalEnv() const {
  auto env = BaseEnv(calendar_);
  for (const SubjectKind& k : SubjectKinds())
    env->DeclareVariable(std::string(k.collection), Type::ListOf(Type::ObjectOf(ObjectTypeOf(*k.desc))));
  return env;
}

expr::Activation RuleSet::EvalActivation(const expr::Env& env, const Export& ex, Date as_of) {
  expr::Activation act(env);
  act.Set("as_of", Value::Date(as_of));
  if (ex.network) act.Set("network", Value::Object(ObjectTypeOf(NetworkDesc()), &*ex.network));
  if (ex.exported_at) act.Set("exported_at", Value::Timestamp(ex.exported_at->utc));
  for (const SubjectKind& k : SubjectKinds()) {
    std::vector<Value> items;
    const expr::ObjectType* type = ObjectTypeOf(*k.desc);
    for (const Subject& s : SubjectsOf(ex, k)) items.push_back(Value::Object(type, s.record));
    act.Set(k.collection, Value::ListOf(std::move(items)));
  }
  return act;
}

std::string DefaultRulesDir() {
  // A program run from its build tree (CMakeCache.txt beside it) uses the
  // source tree's rules; an installed one the copy installed with it, found
  // relative to the program (BIN/../share/rurume-audit/rules, so that a
  // package unpacked under another root works), else where it was meant to
  // be installed.
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    fs::path source = fs::path(RURUME_SOURCE_DIR) / "rules";
    if (fs::exists(exe.parent_path() / "CMakeCache.txt", ec) && fs::is_directory(source, ec)) return source.string();
    fs::path installed = exe.parent_path().parent_path() / "share" / "rurume-audit" / "rules";
    if (fs::is_directory(installed, ec)) return installed.string();
  }
  return (fs::path(RURUME_DATA_DIR) / "rules").string();
}

}  // namespace rurume
