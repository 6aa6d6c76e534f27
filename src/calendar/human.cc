#include "calendar/human.h"

#include "calendar/time_util.h"

#include <fmt/format.h>

namespace rurume::calendar {

namespace {

constexpr const char* kWeekdayJa[] = {"日", "月", "火", "水", "木", "金", "土"};
constexpr const char* kWeekdayEn[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kMonthEn[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string DayText(int64_t year, int month, int day, int weekday, Lang lang) {
  if (lang == Lang::Ja) return fmt::format("{}年{}月{}日({})", year, month, day, kWeekdayJa[weekday]);
  return fmt::format("{} {} {} {}", kWeekdayEn[weekday], day, kMonthEn[month - 1], year);
}

}  // namespace

std::string HumanDate(const Date& d, Lang lang) {
  if (d.is_special()) return "-";
  const auto ymd = d.year_month_day();
  const time::Civil c = time::ToCivil(time::DaysFromCivil(ymd.year, ymd.month, ymd.day) * 86400, 0, 0);
  return DayText(c.year, c.month, c.day, c.weekday, lang);
}

std::string HumanTimestamp(int64_t unix_seconds, Lang lang) {
  const time::Civil c = time::ToCivil(unix_seconds, 0, 9 * 3600);
  std::string out = DayText(c.year, c.month, c.day, c.weekday, lang);
  out += c.second ? fmt::format(" {:02}:{:02}:{:02}", c.hour, c.minute, c.second)
                  : fmt::format(" {:02}:{:02}", c.hour, c.minute);
  return out;
}

}  // namespace rurume::calendar
