// Reading scalar values: YAML 1.2 core-schema resolution of plain scalars,
// and the export's dates and timestamps.
#pragma once

#include "base/time.h"

#include <optional>
#include <string_view>

namespace rurume {

/// What a scalar is under the YAML 1.2 core schema.
enum class ScalarType : uint8_t { Null, Bool, Int, Float, String };
std::string_view ScalarTypeName(ScalarType t);

/// Resolves a plain (unquoted) scalar by the core schema.
ScalarType ResolvePlain(std::string_view text);

/// true/false in any of the core schema's spellings; nullopt otherwise.
std::optional<bool> ParseBool(std::string_view text);

/// YAML 1.1's other boolean words: y, yes, n, no, on, off (any case).
bool IsYaml11Bool(std::string_view text);

/// A core-schema integer (decimal, 0o octal, 0x hex) that fits in 64 bits.
std::optional<int64_t> ParseInt(std::string_view text);

/// `YYYY-MM-DD`, an existing day within the calendar's range
/// (calendar/range.h). When the text is a well-formed day outside the range
/// (1399-12-31) and `out_of_range` is given, *out_of_range is set.
std::optional<Date> ParseDate(std::string_view text, bool* out_of_range = nullptr);

/// ISO 8601 `YYYY-MM-DDTHH:MM[:SS[.fraction]][Z|+HH:MM|-HH:MM]`, as the
/// export schema's pattern. Without an offset the time is Japan time. An
/// instant outside the calendar's range (9999-12-31T23:59:59Z, which is
/// 10000-01-01 in Japan) is nullopt, with *out_of_range set if given.
std::optional<Timestamp> ParseTimestamp(std::string_view text, bool* out_of_range = nullptr);

/// Formats back, for messages: `2026-11-02` and `2026-11-02T09:30:00+09:00`
/// (timestamps shown in Japan time). Values are within the calendar's range
/// where they are made; these never throw, whatever they are given (a day
/// outside the range is shown as Boost's calendar cannot: by its civil
/// date, a special value as "-").
std::string FormatDate(const Date& d);
std::string FormatTimestamp(const Timestamp& t);

}  // namespace rurume
