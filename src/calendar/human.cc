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
  const int64_t days = time::DaysFromCivil(ymd.year, ymd.month, ymd.day);
  const int weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday (4)
  return DayText(ymd.year, ymd.month, ymd.day, weekday, lang);
}

std::string HumanTimestamp(int64_t unix_seconds, Lang lang) {
  const time::Civil c = time::ToCivil(unix_seconds, 0, 9 * 3600);
  std::string out = DayText(c.year, c.month, c.day, c.weekday, lang);
  out += c.second ? fmt::format(" {:02}:{:02}:{:02}", c.hour, c.minute, c.second)
                  : fmt::format(" {:02}:{:02}", c.hour, c.minute);
  return out;
}

std::string HumanTimestamp(const Timestamp& t, Lang lang) {
  if (t.utc.is_special()) return "-";
  namespace pt = boost::posix_time;
  const int64_t ticks = (t.utc - pt::ptime(Date(1970, 1, 1))).ticks();
  const int64_t per_second = pt::time_duration::ticks_per_second();
  const int64_t seconds = ticks / per_second - (ticks % per_second < 0 ? 1 : 0);
  return HumanTimestamp(seconds, lang);
}

}  // namespace rurume::calendar
