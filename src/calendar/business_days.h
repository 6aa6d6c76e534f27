// Business days of the city medical association's secretariat, and the
// deadlines the policy counts in them.
//
// A business day is a day that is not a Saturday, not a Sunday, not a
// national holiday (including 振替休日 and 国民の休日, see holidays.h) and
// not a closure day of the secretariat. Closures are recurring month-day
// ranges (by default Dec 29 – Jan 3, across the year end) and one-off dates.
//
// Deadlines are taken in Japan time (UTC+9; Japan keeps no daylight saving
// time): "within N business days after X" means by the end of the N-th
// business day after the calendar day on which X happened in Japan.
#pragma once

#include "calendar/holidays.h"

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace rurume::calendar {

using boost::posix_time::ptime;

struct MonthDay {
  int month = 1;
  int day = 1;
  friend bool operator==(const MonthDay& a, const MonthDay& b) { return a.month == b.month && a.day == b.day; }
  friend bool operator<(const MonthDay& a, const MonthDay& b) {
    return a.month != b.month ? a.month < b.month : a.day < b.day;
  }
};

/// Every year from `first` to `last`, both included; a range whose last
/// day comes before its first (12-29..01-03) runs across the year end.
/// A range naming 02-29 alone matches only in leap years.
struct ClosureRange {
  MonthDay first;
  MonthDay last;
  bool Contains(Date d) const;
  friend bool operator==(const ClosureRange& a, const ClosureRange& b) {
    return a.first == b.first && a.last == b.last;
  }
};

struct Closures {
  std::vector<ClosureRange> recurring;
  std::vector<Date> dates;  // one-off closure days

  /// The secretariat's usual year-end closure, Dec 29 – Jan 3.
  static Closures Default();
};

/// A closure spec that does not parse; what() names the spec and the reason.
class ClosureSpecError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// Adds one closure spec to `into`. Accepted forms:
///   MM-DD..MM-DD           recurring range (may cross the year end)
///   MM-DD                  recurring single day
///   YYYY-MM-DD             one-off day
///   YYYY-MM-DD..YYYY-MM-DD one-off range (at most 366 days)
/// Spaces around the spec and around ".." are ignored. Throws ClosureSpecError.
void AddClosureSpec(Closures& into, std::string_view spec);

/// All of `specs`, starting from no closures at all (not from Default()).
Closures ParseClosureSpecs(const std::vector<std::string>& specs);

class BusinessCalendar {
 public:
  /// With Closures::Default().
  BusinessCalendar();
  explicit BusinessCalendar(Closures closures);

  const Closures& closures() const { return closures_; }

  /// A closure day of the secretariat (whatever the weekday).
  bool IsClosed(Date d) const;

  /// Throws std::out_of_range outside 1970–2099, where the holidays are not
  /// known, and std::invalid_argument for a special date (not_a_date_time).
  bool IsBusinessDay(Date d) const;

  /// The n-th business day strictly after `d` (n >= 1); `d` itself for
  /// n == 0; std::invalid_argument for n < 0. Throws std::runtime_error if
  /// the closures leave no business day in a whole year.
  Date NthBusinessDayAfter(Date d, int n) const;

  /// The deadline of "within n business days after x": the end of the n-th
  /// business day after x's calendar day in Japan, returned as the instant
  /// 24:00 JST of that day (= 00:00 JST of the next day), in UTC.
  ///
  /// Boundary: that instant itself is already LATE. A report is in time
  /// when it is at most 23:59:59.999999 JST of the deadline day, i.e.
  /// strictly before the returned instant: use MeetsBusinessDeadline().
  /// `x_utc` is UTC; an export timestamp without an offset must already
  /// have been read as Japan time and converted (the loader does this).
  ptime BusinessDeadline(ptime x_utc, int n) const;

 private:
  Closures closures_;  // dates sorted, without duplicates
};

/// True when `report_utc` meets a deadline from BusinessDeadline():
/// report < deadline (the deadline instant, 24:00 JST, is late).
inline bool MeetsBusinessDeadline(ptime report_utc, ptime deadline_utc) { return report_utc < deadline_utc; }

/// "within `hours` hours after x": x + hours. At most that, inclusive: a
/// report at exactly the returned instant is in time (MeetsHoursDeadline).
/// std::invalid_argument for negative hours or a special ptime.
ptime HoursDeadline(ptime x, int hours);

/// report <= deadline.
inline bool MeetsHoursDeadline(ptime report, ptime deadline) { return report <= deadline; }

/// b − a in calendar days (negative when b is before a).
int DaysBetween(Date a, Date b);

/// The calendar day in Japan (UTC+9) of an instant given in UTC.
Date JapanDate(ptime utc);

enum class Language : uint8_t { Japanese, English };

/// The lines of `rurume-audit calendar YEAR`: every holiday and closure day
/// of `year` in date order, e.g. "2026-01-01 (木) 元日" and
/// "2026-12-29 (火) 事務局休業日" (English: "2026-01-01 (Thu) New Year's Day",
/// "2026-12-29 (Tue) Secretariat closed"). A day that is both a holiday and
/// a closure day shows the holiday. std::out_of_range outside 1970–2099.
std::vector<std::string> CalendarYear(int year, const BusinessCalendar& calendar,
                                      Language language = Language::Japanese);

}  // namespace rurume::calendar
