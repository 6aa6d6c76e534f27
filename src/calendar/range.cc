#include "calendar/range.h"

namespace rurume::calendar {

namespace pt = boost::posix_time;

Date FirstDay() { return Date(kFirstYear, 1, 1); }
Date LastDay() { return Date(kLastYear, 12, 31); }

bool InRange(Date d) { return !d.is_special() && d >= FirstDay() && d <= LastDay(); }

bool InRange(pt::ptime utc) {
  if (utc.is_special()) return false;
  // The last instant whose Japan day is LastDay(): 9999-12-31T14:59:59.999999Z.
  static const pt::ptime kEnd = pt::ptime(LastDay()) + pt::hours(15);
  return utc >= pt::ptime(FirstDay()) && utc < kEnd;
}

bool InRange(int64_t unix_seconds) { return unix_seconds >= kFirstUnixSecond && unix_seconds <= kLastUnixSecond; }

std::optional<Date> AddDays(Date d, int64_t days) {
  if (!InRange(d)) return std::nullopt;
  const int64_t from = (d - FirstDay()).days();
  const int64_t last = (LastDay() - FirstDay()).days();
  int64_t n = 0;
  if (__builtin_add_overflow(from, days, &n) || n < 0 || n > last) return std::nullopt;
  return FirstDay() + boost::gregorian::date_duration(static_cast<long>(n));
}

}  // namespace rurume::calendar
