// Civil-time arithmetic for timestamps and durations over CEL's whole range
// (years 0001 to 9999, which Boost's calendar does not reach below 1400),
// RFC 3339 and Go-style duration text, and the time zones we support.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace rurume::calendar::time {

/// CEL's timestamp range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z.
constexpr int64_t kMinSeconds = -62135596800;
constexpr int64_t kMaxSeconds = 253402300799;
constexpr int64_t kNanosPerSecond = 1000000000;

/// Days since 1970-01-01 of a proleptic Gregorian date.
int64_t DaysFromCivil(int64_t year, int month, int day);

struct Civil {
  int64_t year = 1970;
  int month = 1;        // 1..12
  int day = 1;          // 1..31
  int hour = 0, minute = 0, second = 0;
  int32_t nanos = 0;
  int weekday = 4;      // 0 = Sunday
  int yearday = 0;      // 0-based
};

/// The civil time `offset_seconds` east of UTC at the instant.
Civil ToCivil(int64_t seconds, int32_t nanos, int32_t offset_seconds);

/// RFC 3339 ("2009-02-13T23:31:30Z", "...30.5+09:00"). False with a message
/// on bad syntax or a value out of CEL's range.
bool ParseTimestamp(std::string_view text, int64_t* seconds, int32_t* nanos, std::string* error);

/// RFC 3339 in UTC with the fraction trimmed: "2009-02-13T23:31:30.5Z".
std::string FormatTimestamp(int64_t seconds, int32_t nanos);

/// Go-style duration text: "1h30m", "3.5s", "-2h", "150ms", "0". False with
/// a message on bad syntax or beyond int64 nanoseconds.
bool ParseDuration(std::string_view text, int64_t* nanos, std::string* error);

/// Seconds with a trimmed fraction, as protobuf's JSON form: "3600s", "-1.5s".
std::string FormatDuration(int64_t nanos);

/// A time zone: "UTC", a fixed offset ("+09:00", "-02:30", "02:00") or
/// "Asia/Tokyo" (always +09:00). Other IANA names are not supported.
bool ParseTimeZone(std::string_view text, int32_t* offset_seconds, std::string* error);

}  // namespace rurume::calendar::time
