// Equality and ordering. Equality is CEL's heterogeneous equality (values
// of different types are unequal, numbers compare by value); ordering is
// declared per pair of types, numbers across int, uint and double.
#include "expr/functions/functions.h"
#include "expr/functions/util.h"

namespace rurume::expr {

namespace fn {

void AddOrdering(Env& env, const TypePtr& a, const TypePtr& b, const std::string& suffix) {
  struct Op { const char* name; const char* id; bool (*test)(Order); };
  static const Op kOps[] = {
      {op::kLt, "less_", [](Order o) { return o == Order::Less; }},
      {op::kLe, "less_equals_", [](Order o) { return o == Order::Less || o == Order::Same; }},
      {op::kGt, "greater_", [](Order o) { return o == Order::Greater; }},
      {op::kGe, "greater_equals_", [](Order o) { return o == Order::Greater || o == Order::Same; }},
  };
  for (const Op& o : kOps) {
    auto test = o.test;
    const char* name = o.name;
    env.AddFunction(name, o.id + suffix, {a, b}, Type::Bool(), [test, name](const Value* args, size_t) {
      const Order order = Compare(args[0], args[1]);
      if (order == Order::NoOverload) return NoMatchingOverload(DisplayName(name), args, 2);
      return Value::Bool(test(order));
    });
  }
}

}  // namespace fn

using namespace fn;

namespace {

struct Numeric {
  TypePtr type;
  const char* name;
};

void RegisterEquality(Env& env) {
  const auto eq = [](const Value* a, size_t) { return Value::Bool(Equal(a[0], a[1])); };
  const auto ne = [](const Value* a, size_t) { return Value::Bool(!Equal(a[0], a[1])); };
  env.AddFunction(op::kEq, "equals", {A(), A()}, Type::Bool(), eq);
  env.AddFunction(op::kNe, "not_equals", {A(), A()}, Type::Bool(), ne);
  // Beyond cel-spec's checker: 1 == 1.0 type-checks too, as it evaluates.
  const Numeric numbers[] = {{Type::Int(), "int64"}, {Type::Uint(), "uint64"}, {Type::Double(), "double"}};
  for (const Numeric& a : numbers) {
    for (const Numeric& b : numbers) {
      if (a.type == b.type) continue;
      const std::string suffix = std::string(a.name) + "_" + b.name;
      env.AddFunction(op::kEq, "equals_" + suffix, {a.type, b.type}, Type::Bool(), eq);
      env.AddFunction(op::kNe, "not_equals_" + suffix, {a.type, b.type}, Type::Bool(), ne);
    }
  }
}

void RegisterOrdering(Env& env) {
  const Numeric numbers[] = {{Type::Int(), "int64"}, {Type::Uint(), "uint64"}, {Type::Double(), "double"}};
  for (const Numeric& a : numbers)
    for (const Numeric& b : numbers)
      AddOrdering(env, a.type, b.type, a.type == b.type ? a.name : std::string(a.name) + "_" + b.name);
  AddOrdering(env, Type::String(), Type::String(), "string");
  AddOrdering(env, Type::Bytes(), Type::Bytes(), "bytes");
  AddOrdering(env, Type::Bool(), Type::Bool(), "bool");
}

}  // namespace

void RegisterComparisons(Env& env) {
  RegisterEquality(env);
  RegisterOrdering(env);
}

}  // namespace rurume::expr
