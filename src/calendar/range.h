// The one range of dates and timestamps the program handles, checked where
// a date or a timestamp is made (the loader, date(), addDays(), ...), so
// that no formatting or calendar computation meets a day outside it.
//
// Dates: the days of Boost's Gregorian calendar, 1400-01-01 to 9999-12-31.
// Timestamps (instants): those whose calendar day is in that range both in
// UTC and in Japan (UTC+9), where messages show them: 1400-01-01T00:00:00Z
// (09:00 in Japan) to 9999-12-31T14:59:59.999999Z (23:59:59.999999 in
// Japan). The expression language's own timestamp type keeps CEL's range
// (years 0001 to 9999 in UTC, as cel-spec tests it); whatever turns one into
// a calendar value (toDate(), businessDeadline(), a message) checks InRange.
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <cstdint>
#include <optional>

namespace rurume::calendar {

using Date = boost::gregorian::date;

inline constexpr int kFirstYear = 1400;
inline constexpr int kLastYear = 9999;
/// The range's first and last instants as Unix seconds (1400-01-01T00:00:00Z,
/// 9999-12-31T14:59:59Z; the last second's fraction is in the range too).
inline constexpr int64_t kFirstUnixSecond = -17987443200;
inline constexpr int64_t kLastUnixSecond = 253402268399;

Date FirstDay();  // 1400-01-01
Date LastDay();   // 9999-12-31

/// Not special (not_a_date_time, infinities) and within FirstDay()..LastDay().
bool InRange(Date d);
/// Not special and within 1400-01-01T00:00:00Z .. 9999-12-31T14:59:59.999999Z.
bool InRange(boost::posix_time::ptime utc);
/// Unix seconds within kFirstUnixSecond..kLastUnixSecond.
bool InRange(int64_t unix_seconds);

/// d + days, or nullopt when the result (or d) is outside the range.
std::optional<Date> AddDays(Date d, int64_t days);

}  // namespace rurume::calendar
