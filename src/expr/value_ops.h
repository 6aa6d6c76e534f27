// Operations on values shared by the evaluator and the function families:
// CEL equality and ordering (numbers compare across int, uint and double),
// map keys, and the error values that operators produce.
#pragma once

#include "expr/value.h"

#include <string>
#include <string_view>

namespace rurume::expr {

/// CEL equality: values of different types are unequal, except numbers,
/// which compare by value (1 == 1u == 1.0); NaN equals nothing; lists and
/// maps compare element by element (maps regardless of key order).
bool Equal(const Value& a, const Value& b);

/// The outcome of an ordering comparison.
enum class Order : uint8_t { Less, Same, Greater, Unordered /* a NaN */, NoOverload };

/// CEL ordering (`<`, `<=`, ...): numbers across types (int and uint
/// exactly, against a double by converting the integer to double, as
/// cel-spec's tests require), strings by code point, bytes, bools,
/// timestamps, durations and dates. Other pairs give NoOverload.
Order Compare(const Value& a, const Value& b);

/// Map keys are bool, int, uint and string.
bool IsKeyKind(Kind k);

/// Combines two errors into one whose `missing` is the sorted union of
/// both, so that a report can name every absent field.
Value MergeErrors(const Value& a, const Value& b);

/// "no matching overload for '_+_' applied to (string, int)".
Value NoMatchingOverload(std::string_view function, const Value* args, size_t n);

/// The shortest text that reads back as `d` ("1", "0.1", "1e+100", "NaN").
std::string FormatDouble(double d);

/// The number of Unicode code points in UTF-8 text.
size_t CodePointCount(std::string_view utf8);

/// True when `s` is well-formed UTF-8.
bool IsValidUtf8(std::string_view s);

/// Appends code point `cp` to `out` as UTF-8.
void AppendUtf8(std::string& out, uint32_t cp);

}  // namespace rurume::expr
