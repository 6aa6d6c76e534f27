// Type conversions: int(), uint(), double(), string(), bytes(), bool(),
// dyn() and type(). A value that does not fit the target type is an error.
// (Conversions from and to timestamps, durations and dates are registered
// with their families.)
#include "expr/functions/functions.h"
#include "expr/functions/util.h"

#include <charconv>
#include <cmath>

namespace rurume::expr {

using namespace fn;

namespace {

Value CannotConvert(const Value& v, const char* to) {
  return Value::Error("cannot convert " + v.DebugString() + " to " + to);
}

// cel-spec's "range error": the value is outside the target type's range.
Value Overflows(const Value& v, const char* to) {
  return Value::Error(std::string("range error: ") + to + "() of " + v.DebugString() + " is outside " + to + "'s range");
}

Value Identity(const Value* a, size_t) { return a[0]; }

template <class T>
bool ParseWhole(std::string_view s, T* out) {
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, *out);
  return ec == std::errc() && ptr == end && !s.empty();
}

void RegisterInt(Env& env) {
  const TypePtr I = Type::Int();
  env.AddFunction("int", "int64_to_int64", {I}, I, Identity);
  env.AddFunction("int", "uint64_to_int64", {Type::Uint()}, I, [](const Value* a, size_t) {
    if (a[0].uint_value() > static_cast<uint64_t>(INT64_MAX)) return Overflows(a[0], "int");
    return Value::Int(static_cast<int64_t>(a[0].uint_value()));
  });
  env.AddFunction("int", "double_to_int64", {Type::Double()}, I, [](const Value* a, size_t) {
    // Strictly inside (-2^63, 2^63), as cel-go and cel-spec's conformance
    // (double_int_min_range, double_int_max_range) have it: -2^63, a double
    // that int64 could hold, is a range error too; NaN is one.
    const double d = a[0].double_value();
    if (!(d > -9223372036854775808.0 && d < 9223372036854775808.0)) return Overflows(a[0], "int");
    return Value::Int(static_cast<int64_t>(d));  // truncates toward zero
  });
  env.AddFunction("int", "string_to_int64", {Type::String()}, I, [](const Value* a, size_t) {
    int64_t i = 0;
    return ParseWhole(a[0].string_value(), &i) ? Value::Int(i) : CannotConvert(a[0], "int");
  });
}

void RegisterUint(Env& env) {
  const TypePtr U = Type::Uint();
  env.AddFunction("uint", "uint64_to_uint64", {U}, U, Identity);
  env.AddFunction("uint", "int64_to_uint64", {Type::Int()}, U, [](const Value* a, size_t) {
    if (a[0].int_value() < 0) return Overflows(a[0], "uint");
    return Value::Uint(static_cast<uint64_t>(a[0].int_value()));
  });
  env.AddFunction("uint", "double_to_uint64", {Type::Double()}, U, [](const Value* a, size_t) {
    // [0, 2^64): a negative double (even -0.5, which would truncate to 0) is a
    // range error, as in cel-go; NaN is one.
    const double d = a[0].double_value();
    if (!(d >= 0.0 && d < 18446744073709551616.0)) return Overflows(a[0], "uint");
    return Value::Uint(static_cast<uint64_t>(d));
  });
  env.AddFunction("uint", "string_to_uint64", {Type::String()}, U, [](const Value* a, size_t) {
    uint64_t u = 0;
    return ParseWhole(a[0].string_value(), &u) ? Value::Uint(u) : CannotConvert(a[0], "uint");
  });
}

void RegisterDouble(Env& env) {
  const TypePtr D = Type::Double();
  env.AddFunction("double", "double_to_double", {D}, D, Identity);
  env.AddFunction("double", "int64_to_double", {Type::Int()}, D,
                  [](const Value* a, size_t) { return Value::Double(static_cast<double>(a[0].int_value())); });
  env.AddFunction("double", "uint64_to_double", {Type::Uint()}, D,
                  [](const Value* a, size_t) { return Value::Double(static_cast<double>(a[0].uint_value())); });
  env.AddFunction("double", "string_to_double", {Type::String()}, D, [](const Value* a, size_t) {
    std::string_view s = a[0].string_value();
    if (!s.empty() && s[0] == '+') s.remove_prefix(1);
    double d = 0;
    return ParseWhole(s, &d) ? Value::Double(d) : CannotConvert(a[0], "double");
  });
}

void RegisterString(Env& env) {
  const TypePtr S = Type::String();
  env.AddFunction("string", "string_to_string", {S}, S, Identity);
  env.AddFunction("string", "int64_to_string", {Type::Int()}, S,
                  [](const Value* a, size_t) { return Value::String(std::to_string(a[0].int_value())); });
  env.AddFunction("string", "uint64_to_string", {Type::Uint()}, S,
                  [](const Value* a, size_t) { return Value::String(std::to_string(a[0].uint_value())); });
  env.AddFunction("string", "double_to_string", {Type::Double()}, S,
                  [](const Value* a, size_t) { return Value::String(FormatDouble(a[0].double_value())); });
  env.AddFunction("string", "bool_to_string", {Type::Bool()}, S,
                  [](const Value* a, size_t) { return Value::StringView(a[0].bool_value() ? "true" : "false"); });
  env.AddFunction("string", "bytes_to_string", {Type::Bytes()}, S, [](const Value* a, size_t) {
    if (!IsValidUtf8(a[0].string_value())) return Value::Error("string() of bytes that are not valid UTF-8");
    return Value::String(std::string(a[0].string_value()));
  });
}

Value StringToBool(const Value* a, size_t) {
  static const std::string_view kTrue[] = {"true", "True", "TRUE", "t", "1"};
  static const std::string_view kFalse[] = {"false", "False", "FALSE", "f", "0"};
  for (auto t : kTrue)
    if (a[0].string_value() == t) return Value::Bool(true);
  for (auto f : kFalse)
    if (a[0].string_value() == f) return Value::Bool(false);
  return CannotConvert(a[0], "bool");
}

}  // namespace

void RegisterConversions(Env& env) {
  RegisterInt(env);
  RegisterUint(env);
  RegisterDouble(env);
  RegisterString(env);
  const TypePtr Y = Type::Bytes(), B = Type::Bool();
  env.AddFunction("bytes", "bytes_to_bytes", {Y}, Y, Identity);
  env.AddFunction("bytes", "string_to_bytes", {Type::String()}, Y,
                  [](const Value* a, size_t) { return Value::Bytes(std::string(a[0].string_value())); });
  env.AddFunction("bool", "bool_to_bool", {B}, B, Identity);
  env.AddFunction("bool", "string_to_bool", {Type::String()}, B, StringToBool);
  env.AddFunction("dyn", "to_dyn", {A()}, Type::Dyn(), Identity);
  env.AddFunction("type", "type", {A()}, Type::TypeType(),
                  [](const Value* a, size_t) { return Value::TypeValue(a[0].type()); });
}

}  // namespace rurume::expr
