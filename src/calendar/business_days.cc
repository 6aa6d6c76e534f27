#include "calendar/business_days.h"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace rurume::calendar {
namespace {

using boost::gregorian::days;

// Japan Standard Time; Japan has kept no daylight saving time since 1951.
const boost::posix_time::hours kJapanOffset(9);

// A year of days without a single business day means the closures are
// misconfigured (e.g. 01-01..12-31); stop instead of looping forever.
constexpr int kMaxIdleDays = 366;
constexpr int kMaxOneOffRangeDays = 366;

constexpr std::string_view kExpectedForms = "MM-DD..MM-DD, MM-DD, YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD";

[[noreturn]] void Fail(std::string_view spec, std::string_view why) {
  throw ClosureSpecError(fmt::format("invalid closure \"{}\": {} (expected {})", spec, why, kExpectedForms));
}

std::string_view Trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

bool AllDigits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int Number(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

/// One end of a spec: a month-day, with a year for a one-off date.
struct End {
  std::optional<int> year;
  MonthDay md;
};

bool IsMonthDayText(std::string_view t) {
  return t.size() == 5 && t[2] == '-' && AllDigits(t.substr(0, 2)) && AllDigits(t.substr(3, 2));
}

bool IsDateText(std::string_view t) {
  return t.size() == 10 && t[4] == '-' && AllDigits(t.substr(0, 4)) && IsMonthDayText(t.substr(5));
}

/// Checks the month and day; 02-29 is a day of the year when no year is
/// given (it recurs in leap years).
void CheckMonthDay(std::string_view spec, std::string_view text, const End& e) {
  if (e.md.month < 1 || e.md.month > 12) Fail(spec, fmt::format("\"{}\": month {} is not 01-12", text, e.md.month));
  const int year = e.year.value_or(2000);  // 2000: a leap year
  const int last = boost::gregorian::gregorian_calendar::end_of_month_day(
      static_cast<unsigned short>(year), static_cast<unsigned short>(e.md.month));
  if (e.md.day < 1 || e.md.day > last) {
    Fail(spec, fmt::format("\"{}\": day {} is not in month {:02}{}", text, e.md.day, e.md.month,
                           e.year ? fmt::format(" of {}", *e.year) : ""));
  }
}

End ParseEnd(std::string_view spec, std::string_view text) {
  text = Trim(text);
  if (text.empty()) Fail(spec, "a side of \"..\" is empty");
  End e;
  if (IsDateText(text)) {
    e.year = Number(text.substr(0, 4));
    if (*e.year < kFirstHolidayYear || *e.year > kLastHolidayYear) {
      Fail(spec, fmt::format("\"{}\": year {} is outside {}-{}", text, *e.year, kFirstHolidayYear, kLastHolidayYear));
    }
    text = text.substr(5);
  } else if (!IsMonthDayText(text)) {
    Fail(spec, fmt::format("\"{}\" is neither MM-DD nor YYYY-MM-DD", text));
  }
  e.md = {Number(text.substr(0, 2)), Number(text.substr(3, 2))};
  CheckMonthDay(spec, text, e);
  return e;
}

Date ToDate(const End& e) {
  return Date(static_cast<unsigned short>(*e.year), static_cast<unsigned short>(e.md.month),
              static_cast<unsigned short>(e.md.day));
}

void AddOneOffRange(Closures& into, std::string_view spec, Date first, Date last) {
  if (last < first) Fail(spec, "the range ends before it starts");
  if (DaysBetween(first, last) >= kMaxOneOffRangeDays) {
    Fail(spec, fmt::format("a one-off range may span at most {} days", kMaxOneOffRangeDays));
  }
  for (Date d = first; d <= last; d += days(1)) into.dates.push_back(d);
}

void RequireDate(Date d) {
  if (d.is_special()) throw std::invalid_argument("business days: not a date");
}

void RequireTime(ptime t) {
  if (t.is_special()) throw std::invalid_argument("deadline: not a time");
}

std::string_view WeekdayName(Date d, Language language) {
  static constexpr std::string_view kJapanese[] = {"日", "月", "火", "水", "木", "金", "土"};
  static constexpr std::string_view kEnglish[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  const auto i = d.day_of_week().as_number();
  return language == Language::Japanese ? kJapanese[i] : kEnglish[i];
}

/// What the calendar listing says about `d`, or nullopt for an ordinary day.
std::optional<std::string_view> CalendarEntry(Date d, const BusinessCalendar& calendar, Language language) {
  if (auto h = HolidayOn(d)) return language == Language::Japanese ? h->name : h->english;
  if (calendar.IsClosed(d)) return language == Language::Japanese ? "事務局休業日" : "Secretariat closed";
  return std::nullopt;
}

}  // namespace

bool ClosureRange::Contains(Date d) const {
  const MonthDay md{d.month().as_number(), d.day().as_number()};
  if (!(last < first)) return !(md < first) && !(last < md);
  return !(md < first) || !(last < md);  // across the year end
}

Closures Closures::Default() { return Closures{{ClosureRange{{12, 29}, {1, 3}}}, {}}; }

void AddClosureSpec(Closures& into, std::string_view spec) {
  const std::string_view text = Trim(spec);
  if (text.empty()) Fail(spec, "empty");
  const auto dots = text.find("..");
  if (dots == std::string_view::npos) {
    const End e = ParseEnd(spec, text);
    if (e.year) into.dates.push_back(ToDate(e));
    else into.recurring.push_back({e.md, e.md});
    return;
  }
  if (text.find("..", dots + 2) != std::string_view::npos) Fail(spec, "more than one \"..\"");
  const End first = ParseEnd(spec, text.substr(0, dots));
  const End last = ParseEnd(spec, text.substr(dots + 2));
  if (first.year.has_value() != last.year.has_value()) {
    Fail(spec, "both ends must be MM-DD (recurring) or both YYYY-MM-DD (one-off)");
  }
  if (first.year) AddOneOffRange(into, spec, ToDate(first), ToDate(last));
  else into.recurring.push_back({first.md, last.md});
}

Closures ParseClosureSpecs(const std::vector<std::string>& specs) {
  Closures out;
  for (const std::string& s : specs) AddClosureSpec(out, s);
  return out;
}

BusinessCalendar::BusinessCalendar() : BusinessCalendar(Closures::Default()) {}

BusinessCalendar::BusinessCalendar(Closures closures) : closures_(std::move(closures)) {
  auto& dates = closures_.dates;
  for (Date d : dates) RequireDate(d);
  std::sort(dates.begin(), dates.end());
  dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
}

bool BusinessCalendar::IsClosed(Date d) const {
  if (std::binary_search(closures_.dates.begin(), closures_.dates.end(), d)) return true;
  return std::any_of(closures_.recurring.begin(), closures_.recurring.end(),
                     [&](const ClosureRange& r) { return r.Contains(d); });
}

bool BusinessCalendar::IsBusinessDay(Date d) const {
  RequireDate(d);
  const int year = d.year();
  if (year < kFirstHolidayYear || year > kLastHolidayYear) {
    throw std::out_of_range(fmt::format("business days: holidays are known for {}-{} only, not {}",
                                        kFirstHolidayYear, kLastHolidayYear, boost::gregorian::to_iso_extended_string(d)));
  }
  const auto weekday = d.day_of_week();
  if (weekday == boost::date_time::Saturday || weekday == boost::date_time::Sunday) return false;
  return !IsHoliday(d) && !IsClosed(d);
}

Date BusinessCalendar::NthBusinessDayAfter(Date d, int n) const {
  RequireDate(d);
  if (n < 0) throw std::invalid_argument(fmt::format("business days: n must be >= 0, not {}", n));
  int found = 0;
  int idle = 0;
  while (found < n) {
    d += days(1);
    if (IsBusinessDay(d)) {
      ++found;
      idle = 0;
    } else if (++idle > kMaxIdleDays) {
      throw std::runtime_error("business days: the closures leave no business day in a whole year");
    }
  }
  return d;
}

ptime BusinessCalendar::BusinessDeadline(ptime x_utc, int n) const {
  RequireTime(x_utc);
  const Date last_day = NthBusinessDayAfter(JapanDate(x_utc), n);
  return ptime(last_day + days(1)) - kJapanOffset;  // 24:00 JST of last_day
}

ptime HoursDeadline(ptime x, int hours) {
  RequireTime(x);
  if (hours < 0) throw std::invalid_argument(fmt::format("deadline: hours must be >= 0, not {}", hours));
  return x + boost::posix_time::hours(hours);
}

int DaysBetween(Date a, Date b) {
  RequireDate(a);
  RequireDate(b);
  return static_cast<int>((b - a).days());
}

Date JapanDate(ptime utc) {
  RequireTime(utc);
  return (utc + kJapanOffset).date();
}

std::vector<std::string> CalendarYear(int year, const BusinessCalendar& calendar, Language language) {
  if (year < kFirstHolidayYear || year > kLastHolidayYear) {
    throw std::out_of_range(fmt::format("calendar: holidays are known for {}-{} only, not {}", kFirstHolidayYear,
                                        kLastHolidayYear, year));
  }
  std::vector<std::string> lines;
  const Date last(static_cast<unsigned short>(year), 12, 31);
  for (Date d(static_cast<unsigned short>(year), 1, 1); d <= last; d += days(1)) {
    if (auto entry = CalendarEntry(d, calendar, language)) {
      lines.push_back(fmt::format("{} ({}) {}", boost::gregorian::to_iso_extended_string(d), WeekdayName(d, language),
                                  *entry));
    }
  }
  return lines;
}

}  // namespace rurume::calendar
