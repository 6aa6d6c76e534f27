// Arithmetic on int, uint and double, and logical not. Integer overflow and
// division or modulus by zero are errors, as cel-spec requires; doubles
// follow IEEE 754.
#include "expr/functions/functions.h"
#include "expr/functions/util.h"

#include <cmath>

namespace rurume::expr {

using namespace fn;

namespace {

Value DivInt(int64_t a, int64_t b) {
  if (b == 0) return Value::Error("division by zero");
  if (a == INT64_MIN && b == -1) return Overflow();
  return Value::Int(a / b);
}

Value ModInt(int64_t a, int64_t b) {
  if (b == 0) return Value::Error("modulus by zero");
  if (a == INT64_MIN && b == -1) return Overflow();
  return Value::Int(a % b);
}

void RegisterInt(Env& env) {
  const TypePtr I = Type::Int();
  env.AddFunction(op::kAdd, "add_int64", {I, I}, I, [](const Value* a, size_t) {
    int64_t r;
    return __builtin_add_overflow(a[0].int_value(), a[1].int_value(), &r) ? Overflow() : Value::Int(r);
  });
  env.AddFunction(op::kSub, "subtract_int64", {I, I}, I, [](const Value* a, size_t) {
    int64_t r;
    return __builtin_sub_overflow(a[0].int_value(), a[1].int_value(), &r) ? Overflow() : Value::Int(r);
  });
  env.AddFunction(op::kMul, "multiply_int64", {I, I}, I, [](const Value* a, size_t) {
    int64_t r;
    return __builtin_mul_overflow(a[0].int_value(), a[1].int_value(), &r) ? Overflow() : Value::Int(r);
  });
  env.AddFunction(op::kDiv, "divide_int64", {I, I}, I,
                  [](const Value* a, size_t) { return DivInt(a[0].int_value(), a[1].int_value()); });
  env.AddFunction(op::kMod, "modulo_int64", {I, I}, I,
                  [](const Value* a, size_t) { return ModInt(a[0].int_value(), a[1].int_value()); });
  env.AddFunction(op::kNeg, "negate_int64", {I}, I, [](const Value* a, size_t) {
    return a[0].int_value() == INT64_MIN ? Overflow() : Value::Int(-a[0].int_value());
  });
}

void RegisterUint(Env& env) {
  const TypePtr U = Type::Uint();
  env.AddFunction(op::kAdd, "add_uint64", {U, U}, U, [](const Value* a, size_t) {
    uint64_t r;
    return __builtin_add_overflow(a[0].uint_value(), a[1].uint_value(), &r) ? Overflow() : Value::Uint(r);
  });
  env.AddFunction(op::kSub, "subtract_uint64", {U, U}, U, [](const Value* a, size_t) {
    uint64_t r;
    return __builtin_sub_overflow(a[0].uint_value(), a[1].uint_value(), &r) ? Overflow() : Value::Uint(r);
  });
  env.AddFunction(op::kMul, "multiply_uint64", {U, U}, U, [](const Value* a, size_t) {
    uint64_t r;
    return __builtin_mul_overflow(a[0].uint_value(), a[1].uint_value(), &r) ? Overflow() : Value::Uint(r);
  });
  env.AddFunction(op::kDiv, "divide_uint64", {U, U}, U, [](const Value* a, size_t) {
    if (a[1].uint_value() == 0) return Value::Error("division by zero");
    return Value::Uint(a[0].uint_value() / a[1].uint_value());
  });
  env.AddFunction(op::kMod, "modulo_uint64", {U, U}, U, [](const Value* a, size_t) {
    if (a[1].uint_value() == 0) return Value::Error("modulus by zero");
    return Value::Uint(a[0].uint_value() % a[1].uint_value());
  });
}

void RegisterDouble(Env& env) {
  const TypePtr D = Type::Double();
  env.AddFunction(op::kAdd, "add_double", {D, D}, D,
                  [](const Value* a, size_t) { return Value::Double(a[0].double_value() + a[1].double_value()); });
  env.AddFunction(op::kSub, "subtract_double", {D, D}, D,
                  [](const Value* a, size_t) { return Value::Double(a[0].double_value() - a[1].double_value()); });
  env.AddFunction(op::kMul, "multiply_double", {D, D}, D,
                  [](const Value* a, size_t) { return Value::Double(a[0].double_value() * a[1].double_value()); });
  env.AddFunction(op::kDiv, "divide_double", {D, D}, D,
                  [](const Value* a, size_t) { return Value::Double(a[0].double_value() / a[1].double_value()); });
  env.AddFunction(op::kNeg, "negate_double", {D}, D,
                  [](const Value* a, size_t) { return Value::Double(-a[0].double_value()); });
}

}  // namespace

void RegisterArithmetic(Env& env) {
  RegisterInt(env);
  RegisterUint(env);
  RegisterDouble(env);
}

void RegisterLogic(Env& env) {
  env.AddFunction(op::kNot, "logical_not", {Type::Bool()}, Type::Bool(),
                  [](const Value* a, size_t) { return Value::Bool(!a[0].bool_value()); });
}

}  // namespace rurume::expr
