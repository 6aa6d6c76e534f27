#include "rules/ruleset.h"

#include "bind/binding.h"
#include "rules/load_steps.h"
#include "rules/policy_functions.h"

#include <filesystem>

namespace rurume {

namespace fs = std::filesystem;
using expr::Type;
using expr::Value;
using namespace rules_load;

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
    auto rule = ReadRule(*doc, *set.clauses_, diags);
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
