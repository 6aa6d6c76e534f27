#include "expr/checker.h"

#include "expr/functions/functions.h"

#include <utility>

namespace rurume::expr {

namespace {

using TK = Type::Kind;
using Subst = std::vector<std::pair<std::string, TypePtr>>;

bool DynLike(const TypePtr& t) { return t->kind == TK::Dyn || t->kind == TK::Error; }

bool TypeEquals(const TypePtr& a, const TypePtr& b) {
  if (a == b) return true;
  if (a->kind != b->kind) return false;
  switch (a->kind) {
    case TK::List: return TypeEquals(a->elem, b->elem);
    case TK::Map: return TypeEquals(a->key, b->key) && TypeEquals(a->value, b->value);
    case TK::Object: return a->object == b->object;
    case TK::Param: return a->param == b->param;
    default: return true;
  }
}

// Whether an argument of type `arg` may be passed for `param`, binding the
// type parameters of `param` in `s`. Argument types never hold parameters.
bool Assignable(const TypePtr& param, const TypePtr& arg, Subst& s) {
  if (param->kind == TK::Param) {
    for (const auto& [name, bound] : s)
      if (name == param->param) return Assignable(bound, arg, s);
    s.emplace_back(param->param, arg);
    return true;
  }
  if (DynLike(param) || DynLike(arg)) return true;
  if (param->kind != arg->kind) {
    // null is the value of an absent record reference.
    return (param->kind == TK::Null && arg->kind == TK::Object) || (param->kind == TK::Object && arg->kind == TK::Null);
  }
  switch (param->kind) {
    case TK::List: return Assignable(param->elem, arg->elem, s);
    case TK::Map: return Assignable(param->key, arg->key, s) && Assignable(param->value, arg->value, s);
    case TK::Object: return param->object == arg->object;
    default: return true;
  }
}

bool Assignable(const TypePtr& param, const TypePtr& arg) {
  Subst s;
  return Assignable(param, arg, s);
}

TypePtr Substitute(const TypePtr& t, const Subst& s) {
  switch (t->kind) {
    case TK::Param:
      for (const auto& [name, bound] : s)
        if (name == t->param) return bound;
      return Type::Dyn();
    case TK::List: return Type::ListOf(Substitute(t->elem, s));
    case TK::Map: return Type::MapOf(Substitute(t->key, s), Substitute(t->value, s));
    default: return t;
  }
}

// The common type of list elements or map keys/values: dyn when they differ.
TypePtr Join(const TypePtr& a, const TypePtr& b) {
  if (!a) return b;
  if (TypeEquals(a, b)) return a;
  if (a->kind == TK::Null && b->kind == TK::Object) return b;
  if (b->kind == TK::Null && a->kind == TK::Object) return a;
  // An empty literal ([] or {}) is list(dyn) / map(dyn, dyn): it takes the
  // other side's type (cond ? ['a'] : [] is a list(string)).
  if (a->kind == TK::List && b->kind == TK::List) {
    if (a->elem->kind == TK::Dyn) return b;
    if (b->elem->kind == TK::Dyn) return a;
  }
  if (a->kind == TK::Map && b->kind == TK::Map) {
    if (a->key->kind == TK::Dyn && a->value->kind == TK::Dyn) return b;
    if (b->key->kind == TK::Dyn && b->value->kind == TK::Dyn) return a;
  }
  return Type::Dyn();
}

// The type of `c ? a : b`: Join's when it is not dyn; else, when the two
// differ only where one of them has dyn (at any depth: {'a': dyn(1)} and
// {'a': 2}, [[1]] and [[dyn(1)]]), the same shape with dyn there
// (map(string, dyn), list(list(dyn))), as cel-go's checker has it; nullptr
// when they differ otherwise. Below the top, dyn wins: Join's reading of
// list(dyn) as an empty literal's type holds only for the branch itself.
TypePtr NestedJoin(const TypePtr& a, const TypePtr& b) {
  if (DynLike(a) || DynLike(b)) return Type::Dyn();
  if (TypeEquals(a, b)) return a;
  if (a->kind == TK::Null && b->kind == TK::Object) return b;
  if (b->kind == TK::Null && a->kind == TK::Object) return a;
  if (a->kind == TK::List && b->kind == TK::List) {
    const TypePtr elem = NestedJoin(a->elem, b->elem);
    return elem ? Type::ListOf(elem) : nullptr;
  }
  if (a->kind == TK::Map && b->kind == TK::Map) {
    const TypePtr key = NestedJoin(a->key, b->key), value = NestedJoin(a->value, b->value);
    return key && value ? Type::MapOf(key, value) : nullptr;
  }
  return nullptr;
}

TypePtr BranchJoin(const TypePtr& a, const TypePtr& b) {
  if (DynLike(a) || DynLike(b)) return Type::Dyn();
  const TypePtr joined = Join(a, b);
  if (joined->kind != TK::Dyn) return joined;
  return NestedJoin(a, b);
}

const char* MacroName(Macro m) {
  switch (m) {
    case Macro::All: return "all()";
    case Macro::Exists: return "exists()";
    case Macro::ExistsOne: return "exists_one()";
    case Macro::Filter: return "filter()";
    case Macro::Map:
    case Macro::MapFilter: return "map()";
    case Macro::None: break;
  }
  return "macro";
}

std::string TypeList(const std::vector<TypePtr>& types) {
  std::string out = "(";
  for (size_t i = 0; i < types.size(); ++i) out += (i ? ", " : "") + types[i]->ToString();
  return out + ")";
}

class Checker {
 public:
  Checker(const Env& env, bool check_types) : env_(env), check_types_(check_types) {}

  CheckResult Run(Expr& root) {
    result_.type = Visit(root);
    result_.local_count = next_local_;
    return std::move(result_);
  }

 private:
  struct Local {
    std::string_view name;
    TypePtr type;
    uint32_t slot;
  };

  void Error(uint32_t offset, std::string message) {
    if (check_types_) result_.errors.push_back({std::move(message), offset});
  }

  TypePtr Visit(Expr& e) {
    e.type = VisitKind(e);
    return e.type;
  }

  TypePtr VisitKind(Expr& e) {
    switch (e.kind) {
      case ExprKind::Literal: return e.value.type();
      case ExprKind::Ident: return VisitIdent(e);
      case ExprKind::Select: return VisitSelect(e);
      case ExprKind::Call: return VisitCall(e);
      case ExprKind::Index: return VisitIndex(e);
      case ExprKind::And:
      case ExprKind::Or: return VisitLogic(e);
      case ExprKind::Conditional: return VisitConditional(e);
      case ExprKind::List: return VisitList(e);
      case ExprKind::Map: return VisitMap(e);
      case ExprKind::Comprehension: return VisitComprehension(e);
    }
    return Type::Dyn();
  }

  const Local* FindLocal(std::string_view name) const {
    for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it)
      if (it->name == name) return &*it;
    return nullptr;
  }

  TypePtr VisitIdent(Expr& e) {
    if (const Local* local = FindLocal(e.name)) {
      e.ref = RefKind::Local;
      e.slot = local->slot;
      return local->type;
    }
    if (const VariableDecl* v = env_.FindVariable(e.name)) {
      e.ref = RefKind::Global;
      e.slot = v->slot;
      return v->type ? v->type : Type::Dyn();
    }
    if (TypePtr t = FindTypeName(e.name)) {
      e.ref = RefKind::Constant;
      e.value = Value::TypeValue(std::move(t));
      return Type::TypeType();
    }
    e.ref = RefKind::Unresolved;
    e.error = "undeclared reference to '" + e.name + "'";
    Error(e.offset, e.error);
    return Type::ErrorType();
  }

  // `a.b.c` may name a variable "a.b.c" or "a.b" (qualified names, as
  // cel-spec's fields tests declare): the longest declared prefix wins and
  // its Select nodes become one Ident. Comprehension variables shadow.
  void ResolveQualified(Expr& e) {
    std::vector<Expr*> chain;  // chain[0] = e, then its operands
    Expr* cur = &e;
    while (cur->kind == ExprKind::Select && (cur == &e || !cur->test_only)) {
      chain.push_back(cur);
      cur = cur->args[0].get();
    }
    if (cur->kind != ExprKind::Ident || FindLocal(cur->name)) return;
    std::vector<std::string> names{cur->name};  // names[k]: the first k+1 parts joined
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) names.push_back(names.back() + "." + (*it)->name);
    for (size_t k = names.size() - 1; k >= 1; --k) {
      Expr* node = chain[names.size() - 1 - k];
      if (node->test_only) continue;  // has(a.b) must keep its selection
      if (env_.FindVariable(names[k]) || FindTypeName(names[k])) {
        node->kind = ExprKind::Ident;
        node->name = names[k];
        node->args.clear();
        return;
      }
    }
  }

  TypePtr VisitSelect(Expr& e) {
    ResolveQualified(e);
    if (e.kind == ExprKind::Ident) return VisitIdent(e);
    const TypePtr operand = Visit(*e.args[0]);
    e.value = Value::StringView(e.name);  // the map key, borrowed from the node
    const TypePtr field = FieldType(e, operand);
    return e.test_only ? Type::Bool() : field;
  }

  TypePtr FieldType(const Expr& e, const TypePtr& operand) {
    switch (operand->kind) {
      case TK::Dyn:
      case TK::Error: return Type::Dyn();
      case TK::Map:
        if (!DynLike(operand->key) && operand->key->kind != TK::String) break;
        return operand->value;
      case TK::Object:
        if (const Type* t = operand->object->field_type(e.name)) return TypePtr(TypePtr(), t);
        Error(e.offset, "undefined field '" + e.name + "' of " + operand->ToString());
        return Type::ErrorType();
      default: break;
    }
    Error(e.offset, "type '" + operand->ToString() + "' does not support field selection");
    return Type::ErrorType();
  }

  TypePtr VisitCall(Expr& e) {
    std::vector<TypePtr> types;
    for (ExprPtr& a : e.args) types.push_back(Visit(*a));
    const std::vector<OverloadPtr>* overloads = env_.FindFunction(e.name);
    if (!overloads) {
      e.error = "undeclared reference to function '" + DisplayName(e.name) + "'";
      Error(e.offset, e.error);
      return Type::ErrorType();
    }
    TypePtr result;
    std::vector<const Overload*> shaped;  // right call style and arity
    bool style = false;
    for (const OverloadPtr& o : *overloads) {
      if (o->receiver != e.receiver) continue;
      style = true;
      if (o->params.size() != types.size()) continue;
      shaped.push_back(o.get());
      result_.overloads.push_back(o);
      Subst s;
      bool ok = true;
      for (size_t i = 0; ok && i < types.size(); ++i) ok = Assignable(o->params[i], types[i], s);
      if (!ok) continue;
      e.overloads.push_back(o.get());
      const TypePtr r = Substitute(o->result, s);
      result = !result || TypeEquals(result, r) ? r : Type::Dyn();
    }
    if (!e.overloads.empty()) {
      CheckLiteralPattern(e);
      return result;
    }
    e.error = CallError(e, types, style, shaped.empty());
    Error(e.offset, e.error);
    if (!check_types_) e.overloads = std::move(shaped);  // dispatched at run time
    return Type::ErrorType();
  }

  // matches() with a literal pattern: an invalid one is an error now, not
  // at every evaluation.
  void CheckLiteralPattern(const Expr& e) {
    if (e.name != "matches" || e.args.size() != 2) return;
    const Expr& pattern = *e.args[1];
    if (pattern.kind != ExprKind::Literal || !pattern.value.is(Kind::String)) return;
    std::string problem = RegexError(pattern.value.string_value());
    if (!problem.empty()) Error(pattern.offset, std::move(problem));
  }

  static std::string CallError(const Expr& e, const std::vector<TypePtr>& types, bool style, bool no_arity) {
    const std::string name = DisplayName(e.name);
    if (!style)
      return e.receiver ? "'" + name + "' is not a method: call it as " + name + "(...)"
                        : "'" + name + "' is a method: call it as x." + name + "(...)";
    if (no_arity) {
      const size_t n = types.size() - (e.receiver ? 1 : 0);
      return "wrong number of arguments to '" + name + "': " + std::to_string(n) + " given";
    }
    return "no matching overload for '" + name + "' applied to " + TypeList(types);
  }

  TypePtr VisitIndex(Expr& e) {
    const TypePtr c = Visit(*e.args[0]);
    const TypePtr i = Visit(*e.args[1]);
    switch (c->kind) {
      case TK::Dyn:
      case TK::Error: return Type::Dyn();
      case TK::List:
        if (DynLike(i) || i->kind == TK::Int || i->kind == TK::Uint) return c->elem;
        Error(e.args[1]->offset, "a list index must be an int, not " + i->ToString());
        return Type::ErrorType();
      case TK::Map:
        if (Assignable(c->key, i)) return c->value;
        Error(e.args[1]->offset, "a key of " + c->ToString() + " must be " + c->key->ToString() + ", not " + i->ToString());
        return Type::ErrorType();
      default:
        Error(e.offset, "type '" + c->ToString() + "' cannot be indexed");
        return Type::ErrorType();
    }
  }

  void RequireBool(Expr& x, const std::string& what) {
    const TypePtr t = Visit(x);
    if (!Assignable(Type::Bool(), t)) Error(x.offset, what + " must be bool, not " + t->ToString());
  }

  TypePtr VisitLogic(Expr& e) {
    const char* op = e.kind == ExprKind::And ? "'&&'" : "'||'";
    RequireBool(*e.args[0], std::string("the left operand of ") + op);
    RequireBool(*e.args[1], std::string("the right operand of ") + op);
    return Type::Bool();
  }

  TypePtr VisitConditional(Expr& e) {
    RequireBool(*e.args[0], "the condition of '?:'");
    const TypePtr a = Visit(*e.args[1]);
    const TypePtr b = Visit(*e.args[2]);
    if (const TypePtr joined = BranchJoin(a, b)) return joined;
    Error(e.offset, "the branches of '?:' have different types: " + a->ToString() + " and " + b->ToString());
    return Type::ErrorType();
  }

  TypePtr VisitList(Expr& e) {
    TypePtr elem;
    for (ExprPtr& a : e.args) elem = Join(elem, Visit(*a));
    FoldConstant(e);
    return Type::ListOf(elem ? elem : Type::Dyn());
  }

  // A list or map of literals ("x in ['a', 'b']") is built once, here,
  // rather than at every evaluation.
  static void FoldConstant(Expr& e) {
    std::vector<Value> parts;
    for (const ExprPtr& a : e.args) {
      if (a->kind != ExprKind::Literal) return;
      parts.push_back(a->value);
    }
    Value folded;
    if (e.kind == ExprKind::List) {
      folded = Value::ListOf(std::move(parts));
    } else {
      std::vector<std::pair<Value, Value>> entries;
      for (size_t i = 0; i + 1 < parts.size(); i += 2) entries.emplace_back(parts[i], parts[i + 1]);
      folded = Value::MapOf(std::move(entries));
      if (folded.is_error()) return;  // reported when evaluated
    }
    e.kind = ExprKind::Literal;
    e.value = std::move(folded);
    e.args.clear();
  }

  TypePtr VisitMap(Expr& e) {
    TypePtr key, value;
    for (size_t i = 0; i + 1 < e.args.size(); i += 2) {
      const TypePtr k = Visit(*e.args[i]);
      if (!DynLike(k) && k->kind != TK::Bool && k->kind != TK::Int && k->kind != TK::Uint && k->kind != TK::String)
        Error(e.args[i]->offset, "a map key must be bool, int, uint or string, not " + k->ToString());
      key = Join(key, k);
      value = Join(value, Visit(*e.args[i + 1]));
    }
    FoldConstant(e);
    return Type::MapOf(key ? key : Type::Dyn(), value ? value : Type::Dyn());
  }

  TypePtr VisitComprehension(Expr& e) {
    const TypePtr range = Visit(*e.args[0]);
    TypePtr elem = Type::Dyn();
    if (range->kind == TK::List) {
      elem = range->elem;
    } else if (range->kind == TK::Map) {
      elem = range->key;
    } else if (!DynLike(range)) {
      Error(e.offset, std::string(MacroName(e.macro)) + " applies to a list or a map, not " + range->ToString());
      elem = Type::ErrorType();
    }
    e.slot = next_local_++;
    scopes_.push_back({e.name, elem, e.slot});
    const std::string predicate = std::string("the predicate of ") + MacroName(e.macro);
    TypePtr result = Type::Bool();
    switch (e.macro) {
      case Macro::Filter:
        RequireBool(*e.args[1], predicate);
        result = Type::ListOf(elem);
        break;
      case Macro::Map: result = Type::ListOf(Visit(*e.args[1])); break;
      case Macro::MapFilter:
        RequireBool(*e.args[1], predicate);
        result = Type::ListOf(Visit(*e.args[2]));
        break;
      default: RequireBool(*e.args[1], predicate); break;
    }
    scopes_.pop_back();
    return result;
  }

  const Env& env_;
  const bool check_types_;
  CheckResult result_;
  std::vector<Local> scopes_;
  uint32_t next_local_ = 0;
};

}  // namespace

CheckResult Check(const Env& env, Expr& root, bool check_types) { return Checker(env, check_types).Run(root); }

TypePtr FindTypeName(std::string_view name) {
  struct Named { std::string_view name; TypePtr (*type)(); };
  static const Named kNames[] = {
      {"int", Type::Int},
      {"uint", Type::Uint},
      {"double", Type::Double},
      {"bool", Type::Bool},
      {"string", Type::String},
      {"bytes", Type::Bytes},
      {"null_type", Type::Null},
      {"type", Type::TypeType},
      // No "dyn": CEL gives dyn no type denotation (no value is of type dyn),
      // so `dyn` alone is an undeclared reference (cel-spec
      // conversions/type/dyn_no_denotation); dyn(x) is the function.
      {"list", [] { return Type::ListOf(Type::Dyn()); }},
      {"map", [] { return Type::MapOf(Type::Dyn(), Type::Dyn()); }},
      {"timestamp", Type::Timestamp},
      {"google.protobuf.Timestamp", Type::Timestamp},
      {"duration", Type::Duration},
      {"google.protobuf.Duration", Type::Duration},
      {"date", Type::Date},
  };
  for (const Named& n : kNames)
    if (n.name == name) return n.type();
  return nullptr;
}

}  // namespace rurume::expr
