// Our extension type `date`, a calendar day (the export's date fields):
// date('2026-11-24'), string(date), equality and ordering. Date arithmetic
// and business days are added by the calendar module through the same Env.
#include "expr/functions/functions.h"
#include "expr/functions/util.h"

#include <boost/date_time/gregorian/gregorian.hpp>

namespace rurume::expr {

using namespace fn;

namespace {

// "YYYY-MM-DD" within Boost's calendar (1400 to 9999), else an error.
Value ParseDate(const Value* a, size_t) {
  const std::string_view s = a[0].string_value();
  const auto digits = [&](size_t from, size_t n, int* out) {
    *out = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      *out = *out * 10 + (s[i] - '0');
    }
    return true;
  };
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(0, 4, &y) || !digits(5, 2, &m) || !digits(8, 2, &d))
    return Value::Error("invalid date '" + std::string(s) + "': expected YYYY-MM-DD");
  if (y < 1400 || m < 1 || m > 12 || d < 1 ||
      d > boost::gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y),
                                                                 static_cast<unsigned short>(m)))
    return Value::Error("invalid date '" + std::string(s) + "'");
  return Value::Date(rurume::Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                                  static_cast<unsigned short>(d)));
}

}  // namespace

void RegisterDates(Env& env) {
  const TypePtr Dt = Type::Date();
  env.AddFunction("date", "string_to_date", {Type::String()}, Dt, ParseDate);
  env.AddFunction("string", "date_to_string", {Dt}, Type::String(), [](const Value* a, size_t) {
    return Value::String(boost::gregorian::to_iso_extended_string(a[0].date_value()));
  });
  AddOrdering(env, Dt, Dt, "date");
}

}  // namespace rurume::expr
