#include "rules/policy_functions.h"

#include "calendar/holidays.h"
#include "calendar/range.h"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <optional>
#include <string>

namespace rurume {

namespace {

using expr::Type;
using expr::Value;
namespace pt = boost::posix_time;
namespace gr = boost::gregorian;

const pt::time_duration kJapanOffset = pt::hours(9);

/// Runs `f`, turning an exception of the date library into an error value.
/// Arguments and results are range-checked first; this is the backstop.
template <class F>
Value Guard(F f) {
  try {
    return f();
  } catch (const std::exception& e) {
    return Value::Error(e.what());
  }
}

Value DateOutOfRange() { return Value::Error("date out of range (1400-01-01 to 9999-12-31)"); }

/// A timestamp outside the calendar's range (calendar/range.h) cannot be a
/// calendar day: CEL's timestamps reach further.
bool OutsideCalendar(const Value& ts) { return !calendar::InRange(ts.timestamp_seconds()); }

Value TimestampOutOfRange(const char* what) {
  return Value::Error(std::string(what) +
                      ": timestamp outside the calendar (1400-01-01T00:00:00Z to 9999-12-31T14:59:59Z)");
}

Value AddDays(const Value* a, size_t) {
  const std::optional<Date> d = calendar::AddDays(a[0].date_value(), a[1].int_value());
  return d ? Value::Date(*d) : DateOutOfRange();
}

Value AddYears(const Value* a, size_t) {
  const Date d = a[0].date_value();
  int64_t year = 0;
  if (__builtin_add_overflow(static_cast<int64_t>(d.year()), a[1].int_value(), &year) ||
      year < calendar::kFirstYear || year > calendar::kLastYear)
    return DateOutOfRange();
  const auto y = static_cast<unsigned short>(year);
  const unsigned short last = gr::gregorian_calendar::end_of_month_day(y, d.month());
  return Value::Date(Date(y, d.month(), std::min<unsigned short>(d.day(), last)));
}

Value DaysBetween(const Value* a, size_t) {
  return Value::Int((a[1].date_value() - a[0].date_value()).days());
}

Value ToDate(const Value* a, size_t) {
  if (OutsideCalendar(a[0])) return TimestampOutOfRange("toDate");
  return Guard([&] { return Value::Date((a[0].timestamp_value() + kJapanOffset).date()); });
}

// 24:00 in Japan of the day: 15:00 UTC, so that the last day of the range
// needs no day after it.
Value EndOfDay(const Value* a, size_t) {
  return Guard([&] { return Value::Timestamp(pt::ptime(a[0].date_value()) + pt::hours(24) - kJapanOffset); });
}

// n hours (or days) as a duration; an error beyond int64 nanoseconds.
Value HoursDuration(int64_t n, int64_t hours_each) {
  constexpr int64_t kNanosPerHour = int64_t{3600} * 1000000000;
  int64_t hours = 0, nanos = 0;
  if (__builtin_mul_overflow(n, hours_each, &hours) || __builtin_mul_overflow(hours, kNanosPerHour, &nanos))
    return Value::Error("duration out of range");
  return Value::DurationNanos(nanos);
}

Value Hours(const Value* a, size_t) { return HoursDuration(a[0].int_value(), 1); }
Value Days(const Value* a, size_t) { return HoursDuration(a[0].int_value(), 24); }

/// businessDeadline's n: at most this many business days (about four
/// years); the holidays are known up to 2099 in any case.
constexpr int64_t kMaxBusinessDays = 1000;

}  // namespace

void RegisterPolicyFunctions(expr::Env& env, std::shared_ptr<const calendar::BusinessCalendar> cal) {
  const auto D = Type::Date(), I = Type::Int(), T = Type::Timestamp(), B = Type::Bool();
  env.AddMethod("addDays", "date_add_days", {D, I}, D, AddDays);
  env.AddMethod("addYears", "date_add_years", {D, I}, D, AddYears);
  env.AddFunction("daysBetween", "days_between_date_date", {D, D}, I, DaysBetween);
  env.AddMethod("toDate", "timestamp_to_date_japan", {T}, D, ToDate);
  env.AddFunction("endOfDay", "end_of_day_date", {D}, T, EndOfDay);
  env.AddFunction("hours", "hours_int", {I}, Type::Duration(), Hours);
  env.AddFunction("days", "days_int", {I}, Type::Duration(), Days);
  env.AddFunction("businessDeadline", "business_deadline_timestamp_int", {T, I}, T,
                  [cal](const Value* a, size_t) {
                    if (a[1].int_value() < 0) return Value::Error("businessDeadline: a negative number of days");
                    if (a[1].int_value() > kMaxBusinessDays)
                      return Value::Error("businessDeadline: more than " + std::to_string(kMaxBusinessDays) +
                                          " business days");
                    if (OutsideCalendar(a[0])) return TimestampOutOfRange("businessDeadline");
                    return Guard([&] {
                      return Value::Timestamp(cal->BusinessDeadline(a[0].timestamp_value(),
                                                                    static_cast<int>(a[1].int_value())));
                    });
                  });
  env.AddFunction("isBusinessDay", "is_business_day_date", {D}, B, [cal](const Value* a, size_t) {
    return Guard([&] { return Value::Bool(cal->IsBusinessDay(a[0].date_value())); });
  });
  // Outside the years whose holidays are known, the answer is unknown, not
  // "no holiday": an error, as isBusinessDay's.
  env.AddFunction("isHoliday", "is_holiday_date", {D}, B, [](const Value* a, size_t) {
    const Date d = a[0].date_value();
    if (d.is_special() || d.year() < calendar::kFirstHolidayYear || d.year() > calendar::kLastHolidayYear)
      return Value::Error(fmt::format("isHoliday: holidays are known for {}-{} only, not {}", calendar::kFirstHolidayYear,
                                      calendar::kLastHolidayYear, d.is_special() ? "a special date" : gr::to_iso_extended_string(d)));
    return Value::Bool(calendar::IsHoliday(d));
  });
}

}  // namespace rurume
