#include "rules/policy_functions.h"

#include "calendar/holidays.h"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <exception>
#include <string>

namespace rurume {

namespace {

using expr::Type;
using expr::Value;
namespace pt = boost::posix_time;
namespace gr = boost::gregorian;

const pt::time_duration kJapanOffset = pt::hours(9);

/// Runs `f`, turning an exception of the date library (a date out of range)
/// into an error value.
template <class F>
Value Guard(F f) {
  try {
    return f();
  } catch (const std::exception& e) {
    return Value::Error(e.what());
  }
}

Value AddDays(const Value* a, size_t) {
  return Guard([&] {
    Date d = a[0].date_value() + gr::date_duration(static_cast<long>(a[1].int_value()));
    if (d.is_special()) return Value::Error("date out of range");
    return Value::Date(d);
  });
}

Value AddYears(const Value* a, size_t) {
  return Guard([&] {
    Date d = a[0].date_value();
    int64_t year = static_cast<int64_t>(d.year()) + a[1].int_value();
    if (year < 1400 || year > 9999) return Value::Error("date out of range");
    unsigned short y = static_cast<unsigned short>(year);
    unsigned short day = d.day();
    unsigned short last = gr::gregorian_calendar::end_of_month_day(y, d.month());
    return Value::Date(Date(y, d.month(), std::min(day, last)));
  });
}

Value DaysBetween(const Value* a, size_t) {
  return Value::Int((a[1].date_value() - a[0].date_value()).days());
}

Value ToDate(const Value* a, size_t) {
  return Guard([&] { return Value::Date((a[0].timestamp_value() + kJapanOffset).date()); });
}

Value EndOfDay(const Value* a, size_t) {
  return Guard([&] { return Value::Timestamp(pt::ptime(a[0].date_value() + gr::days(1)) - kJapanOffset); });
}

Value Hours(const Value* a, size_t) { return Value::Duration(pt::hours(a[0].int_value())); }
Value Days(const Value* a, size_t) { return Value::Duration(pt::hours(24 * a[0].int_value())); }

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
                    return Guard([&] {
                      return Value::Timestamp(cal->BusinessDeadline(a[0].timestamp_value(),
                                                                    static_cast<int>(a[1].int_value())));
                    });
                  });
  env.AddFunction("isBusinessDay", "is_business_day_date", {D}, B, [cal](const Value* a, size_t) {
    return Guard([&] { return Value::Bool(cal->IsBusinessDay(a[0].date_value())); });
  });
  env.AddFunction("isHoliday", "is_holiday_date", {D}, B, [](const Value* a, size_t) {
    return Value::Bool(calendar::IsHoliday(a[0].date_value()));
  });
}

}  // namespace rurume
