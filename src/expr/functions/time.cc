// Timestamps and durations: construction from text and numbers, arithmetic
// with cel-spec's range errors, ordering, conversions and the calendar
// accessors (getFullYear(), getHours('Asia/Tokyo'), ...).
#include "expr/functions/functions.h"
#include "expr/functions/util.h"
#include "calendar/time_util.h"

namespace rurume::expr {

using namespace fn;

namespace {

__extension__ using Int128 = __int128;
constexpr int64_t kNanos = calendar::time::kNanosPerSecond;

Value RangeError(const char* what) { return Value::Error(std::string(what) + " out of range"); }

// Nanoseconds since the epoch -> a timestamp, if within CEL's range.
Value MakeTimestamp(Int128 total_nanos) {
  Int128 seconds = total_nanos / kNanos, nanos = total_nanos % kNanos;
  if (nanos < 0) {
    nanos += kNanos;
    --seconds;
  }
  if (seconds < calendar::time::kMinSeconds || seconds > calendar::time::kMaxSeconds) return RangeError("timestamp");
  return Value::TimestampUnix(static_cast<int64_t>(seconds), static_cast<int32_t>(nanos));
}

Int128 TotalNanos(const Value& ts) { return Int128(ts.timestamp_seconds()) * kNanos + ts.timestamp_nanos(); }

Value MakeDuration(Int128 nanos) {
  if (nanos > INT64_MAX || nanos < INT64_MIN) return RangeError("duration");
  return Value::DurationNanos(static_cast<int64_t>(nanos));
}

void RegisterConstruction(Env& env) {
  const TypePtr T = Type::Timestamp(), D = Type::Duration(), S = Type::String();
  env.AddFunction("timestamp", "string_to_timestamp", {S}, T, [](const Value* a, size_t) {
    int64_t seconds = 0;
    int32_t nanos = 0;
    std::string error;
    if (!calendar::time::ParseTimestamp(a[0].string_value(), &seconds, &nanos, &error)) return Value::Error(error);
    return Value::TimestampUnix(seconds, nanos);
  });
  env.AddFunction("timestamp", "int64_to_timestamp", {Type::Int()}, T,
                  [](const Value* a, size_t) { return MakeTimestamp(Int128(a[0].int_value()) * kNanos); });
  env.AddFunction("timestamp", "timestamp_to_timestamp", {T}, T, [](const Value* a, size_t) { return a[0]; });
  env.AddFunction("duration", "string_to_duration", {S}, D, [](const Value* a, size_t) {
    int64_t nanos = 0;
    std::string error;
    if (!calendar::time::ParseDuration(a[0].string_value(), &nanos, &error)) return Value::Error(error);
    return Value::DurationNanos(nanos);
  });
  env.AddFunction("duration", "duration_to_duration", {D}, D, [](const Value* a, size_t) { return a[0]; });
  env.AddFunction("int", "timestamp_to_int64", {T}, Type::Int(),
                  [](const Value* a, size_t) { return Value::Int(a[0].timestamp_seconds()); });
  env.AddFunction("string", "timestamp_to_string", {T}, S, [](const Value* a, size_t) {
    return Value::String(calendar::time::FormatTimestamp(a[0].timestamp_seconds(), a[0].timestamp_nanos()));
  });
  env.AddFunction("string", "duration_to_string", {D}, S,
                  [](const Value* a, size_t) { return Value::String(calendar::time::FormatDuration(a[0].duration_nanos())); });
}

void RegisterTimeArithmetic(Env& env) {
  const TypePtr T = Type::Timestamp(), D = Type::Duration();
  env.AddFunction(op::kAdd, "add_timestamp_duration", {T, D}, T,
                  [](const Value* a, size_t) { return MakeTimestamp(TotalNanos(a[0]) + a[1].duration_nanos()); });
  env.AddFunction(op::kAdd, "add_duration_timestamp", {D, T}, T,
                  [](const Value* a, size_t) { return MakeTimestamp(TotalNanos(a[1]) + a[0].duration_nanos()); });
  env.AddFunction(op::kAdd, "add_duration_duration", {D, D}, D, [](const Value* a, size_t) {
    return MakeDuration(Int128(a[0].duration_nanos()) + a[1].duration_nanos());
  });
  env.AddFunction(op::kSub, "subtract_timestamp_duration", {T, D}, T,
                  [](const Value* a, size_t) { return MakeTimestamp(TotalNanos(a[0]) - a[1].duration_nanos()); });
  env.AddFunction(op::kSub, "subtract_timestamp_timestamp", {T, T}, D,
                  [](const Value* a, size_t) { return MakeDuration(TotalNanos(a[0]) - TotalNanos(a[1])); });
  env.AddFunction(op::kSub, "subtract_duration_duration", {D, D}, D, [](const Value* a, size_t) {
    return MakeDuration(Int128(a[0].duration_nanos()) - a[1].duration_nanos());
  });
  AddOrdering(env, T, T, "timestamp");
  AddOrdering(env, D, D, "duration");
}

// A calendar field of a timestamp, in UTC or in the zone of the argument.
struct Accessor {
  const char* name;
  int64_t (*get)(const calendar::time::Civil&);
};

const Accessor kTimestampAccessors[] = {
    {"getFullYear", [](const calendar::time::Civil& c) { return c.year; }},
    {"getMonth", [](const calendar::time::Civil& c) { return int64_t{c.month - 1}; }},  // 0-based
    {"getDayOfMonth", [](const calendar::time::Civil& c) { return int64_t{c.day - 1}; }},  // 0-based
    {"getDate", [](const calendar::time::Civil& c) { return int64_t{c.day}; }},          // 1-based
    {"getDayOfWeek", [](const calendar::time::Civil& c) { return int64_t{c.weekday}; }},  // 0 = Sunday
    {"getDayOfYear", [](const calendar::time::Civil& c) { return int64_t{c.yearday}; }},  // 0-based
    {"getHours", [](const calendar::time::Civil& c) { return int64_t{c.hour}; }},
    {"getMinutes", [](const calendar::time::Civil& c) { return int64_t{c.minute}; }},
    {"getSeconds", [](const calendar::time::Civil& c) { return int64_t{c.second}; }},
    {"getMilliseconds", [](const calendar::time::Civil& c) { return int64_t{c.nanos / 1000000}; }},
};

void RegisterAccessors(Env& env) {
  const TypePtr T = Type::Timestamp(), I = Type::Int();
  for (const Accessor& acc : kTimestampAccessors) {
    auto get = acc.get;
    env.AddMethod(acc.name, std::string("timestamp_") + acc.name, {T}, I, [get](const Value* a, size_t) {
      return Value::Int(get(calendar::time::ToCivil(a[0].timestamp_seconds(), a[0].timestamp_nanos(), 0)));
    });
    env.AddMethod(acc.name, std::string("timestamp_") + acc.name + "_with_tz", {T, Type::String()}, I,
                  [get](const Value* a, size_t) {
                    int32_t offset = 0;
                    std::string error;
                    if (!calendar::time::ParseTimeZone(a[1].string_value(), &offset, &error)) return Value::Error(error);
                    return Value::Int(get(calendar::time::ToCivil(a[0].timestamp_seconds(), a[0].timestamp_nanos(), offset)));
                  });
  }
  // A duration's accessors convert the whole duration (getMinutes() of 1h is 60),
  // except getMilliseconds(), the millisecond part, as cel-spec defines them.
  const TypePtr D = Type::Duration();
  env.AddMethod("getHours", "duration_to_hours", {D}, I,
                [](const Value* a, size_t) { return Value::Int(a[0].duration_nanos() / (3600 * kNanos)); });
  env.AddMethod("getMinutes", "duration_to_minutes", {D}, I,
                [](const Value* a, size_t) { return Value::Int(a[0].duration_nanos() / (60 * kNanos)); });
  env.AddMethod("getSeconds", "duration_to_seconds", {D}, I,
                [](const Value* a, size_t) { return Value::Int(a[0].duration_nanos() / kNanos); });
  env.AddMethod("getMilliseconds", "duration_to_milliseconds", {D}, I,
                [](const Value* a, size_t) { return Value::Int(a[0].duration_nanos() % kNanos / 1000000); });
}

}  // namespace

void RegisterTime(Env& env) {
  RegisterConstruction(env);
  RegisterTimeArithmetic(env);
  RegisterAccessors(env);
}

}  // namespace rurume::expr
