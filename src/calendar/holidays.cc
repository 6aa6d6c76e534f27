#include "calendar/holidays.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace rurume::calendar {
namespace {

using boost::gregorian::days;

Date MakeDate(int y, int m, int d) {
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}

int Year(Date d) { return static_cast<int>(d.year()); }

/// How a rule places its day in a year.
enum class On : uint8_t {
  Fixed,     // month/day
  Monday,    // the day-th Monday of month ("Happy Monday" system)
  Vernal,    // 春分日
  Autumnal,  // 秋分日
};

/// One row of the law as it stood over a span of years.
struct Rule {
  int first;  // first year in force
  int last;   // last year in force (inclusive)
  On on;
  int month;
  int day;    // day of month (Fixed) or which Monday (Monday)
  std::string_view name;
  std::string_view english;
  HolidayKind kind = HolidayKind::National;
};

constexpr int kOpen = 9999;

// Each row cites the act that put it in force. Years before 1970 are given
// only to say when a rule began; nothing before 1970 is computed.
constexpr Rule kRules[] = {
    // 昭和23年法律第178号 (1948): the original nine holidays.
    {1949, kOpen, On::Fixed, 1, 1, "元日", "New Year's Day"},
    {1949, 1999, On::Fixed, 1, 15, "成人の日", "Coming of Age Day"},
    {1949, kOpen, On::Vernal, 3, 0, "春分の日", "Vernal Equinox Day"},
    {1949, 1988, On::Fixed, 4, 29, "天皇誕生日", "The Emperor's Birthday"},
    {1949, kOpen, On::Fixed, 5, 3, "憲法記念日", "Constitution Memorial Day"},
    {1949, kOpen, On::Fixed, 5, 5, "こどもの日", "Children's Day"},
    {1948, kOpen, On::Autumnal, 9, 0, "秋分の日", "Autumnal Equinox Day"},
    {1948, kOpen, On::Fixed, 11, 3, "文化の日", "Culture Day"},
    {1948, kOpen, On::Fixed, 11, 23, "勤労感謝の日", "Labour Thanksgiving Day"},
    // 昭和41年法律第86号 (1966); 建国記念の日 set to Feb 11 by 昭和41年政令第376号.
    {1967, kOpen, On::Fixed, 2, 11, "建国記念の日", "National Foundation Day"},
    {1966, 2002, On::Fixed, 9, 15, "敬老の日", "Respect for the Aged Day"},
    {1966, 1999, On::Fixed, 10, 10, "体育の日", "Health and Sports Day"},
    // 平成元年法律第5号 (1989-02-17): the new Emperor's birthday; Apr 29 kept as みどりの日.
    {1989, 2018, On::Fixed, 12, 23, "天皇誕生日", "The Emperor's Birthday"},
    {1989, 2006, On::Fixed, 4, 29, "みどりの日", "Greenery Day"},
    // 平成7年法律第22号: 海の日 from 1996.
    {1996, 2002, On::Fixed, 7, 20, "海の日", "Marine Day"},
    // 平成10年法律第141号 (Happy Monday I): from 2000.
    {2000, kOpen, On::Monday, 1, 2, "成人の日", "Coming of Age Day"},
    {2000, 2019, On::Monday, 10, 2, "体育の日", "Health and Sports Day"},
    // 平成13年法律第59号 (Happy Monday II): from 2003. 2020/2021 see below.
    {2003, 2019, On::Monday, 7, 3, "海の日", "Marine Day"},
    {2022, kOpen, On::Monday, 7, 3, "海の日", "Marine Day"},
    {2003, kOpen, On::Monday, 9, 3, "敬老の日", "Respect for the Aged Day"},
    // 平成17年法律第43号: from 2007 Apr 29 is 昭和の日 and みどりの日 moves to May 4.
    {2007, kOpen, On::Fixed, 4, 29, "昭和の日", "Showa Day"},
    {2007, kOpen, On::Fixed, 5, 4, "みどりの日", "Greenery Day"},
    // 平成26年法律第43号: 山の日 from 2016.
    {2016, 2019, On::Fixed, 8, 11, "山の日", "Mountain Day"},
    {2022, kOpen, On::Fixed, 8, 11, "山の日", "Mountain Day"},
    // 平成29年法律第63号 (皇室典範特例法) 附則第10条: from 2019-05-01 the
    // birthday is Feb 23, so 2019 has none (Dec 23 no longer, Feb 23 not yet).
    {2020, kOpen, On::Fixed, 2, 23, "天皇誕生日", "The Emperor's Birthday"},
    // 平成30年法律第57号: 体育の日 renamed スポーツの日 from 2020.
    {2022, kOpen, On::Monday, 10, 2, "スポーツの日", "Sports Day"},
    // Tokyo Olympics special measures act (平成27年法律第33号) as amended by
    // 平成30年法律第55号 (2020 dates) and 令和2年法律第68号 (2021 dates).
    {2020, 2020, On::Fixed, 7, 23, "海の日", "Marine Day"},
    {2020, 2020, On::Fixed, 7, 24, "スポーツの日", "Sports Day"},
    {2020, 2020, On::Fixed, 8, 10, "山の日", "Mountain Day"},
    {2021, 2021, On::Fixed, 7, 22, "海の日", "Marine Day"},
    {2021, 2021, On::Fixed, 7, 23, "スポーツの日", "Sports Day"},
    {2021, 2021, On::Fixed, 8, 8, "山の日", "Mountain Day"},
    // One-off days off, each by its own act (平成元年法律第4号, 平成2年法律第24号,
    // 平成5年法律第32号, 平成30年法律第99号). The official list names the 2019
    // days "休日（祝日扱い）": a 休日 treated as a national holiday.
    {1989, 1989, On::Fixed, 2, 24, "大喪の礼", "State Funeral of Emperor Showa", HolidayKind::Special},
    {1990, 1990, On::Fixed, 11, 12, "即位礼正殿の儀", "Enthronement Ceremony", HolidayKind::Special},
    {1993, 1993, On::Fixed, 6, 9, "結婚の儀", "Wedding of the Crown Prince", HolidayKind::Special},
    {2019, 2019, On::Fixed, 5, 1, "休日（祝日扱い）", "Enthronement Day", HolidayKind::Special},
    {2019, 2019, On::Fixed, 10, 22, "休日（祝日扱い）", "Enthronement Ceremony", HolidayKind::Special},
};

constexpr std::string_view kKyujitsu = "休日";

// 昭和48年法律第10号, in force 1973-04-12: a holiday on a Sunday gives the
// following Monday off. 平成17年法律第43号, from 2007: the first following
// day that is not a national holiday (so May 3 on a Sunday gives May 6).
const Date kSubstituteFrom = MakeDate(1973, 4, 12);
const Date kAmendment2007 = MakeDate(2007, 1, 1);
// 昭和60年法律第103号, in force 1985-12-27: a day between two national holidays.
const Date kCitizensFrom = MakeDate(1985, 12, 27);

/// The leap-year correction of the equinox formula counts from 1983 before
/// 1980 and from 1980 after; C++ integer division truncates toward zero, as
/// the formula's int() does for the negative years before 1983. Over
/// 1900–2099 the value never comes within 5e-5 of a whole number, so double
/// rounding cannot move a day.
int EquinoxDayOfMonth(int year, double day_in_1980) {
  constexpr double kDriftPerYear = 0.242194;  // tropical year minus 365 days
  const int leap_days = (year - (year < 1980 ? 1983 : 1980)) / 4;
  return static_cast<int>(day_in_1980 + kDriftPerYear * (year - 1980) - leap_days);
}

void RequireEquinoxYear(int year) {
  if (year < 1900 || year > 2099) {
    throw std::out_of_range("equinox formula is valid for 1900-2099, not " + std::to_string(year));
  }
}

Date NthMonday(int year, int month, int n) {
  const Date first = MakeDate(year, month, 1);
  const int to_monday = (8 - first.day_of_week().as_number()) % 7;  // Sunday is 0
  return first + days(to_monday + 7 * (n - 1));
}

Date DateOf(const Rule& r, int year) {
  switch (r.on) {
    case On::Fixed: return MakeDate(year, r.month, r.day);
    case On::Monday: return NthMonday(year, r.month, r.day);
    case On::Vernal: return VernalEquinoxDay(year);
    case On::Autumnal: return AutumnalEquinoxDay(year);
  }
  throw std::logic_error("unknown holiday rule");
}

bool ByDate(const Holiday& a, const Holiday& b) { return a.date < b.date; }

bool Contains(const std::vector<Holiday>& hs, Date d) {
  return std::any_of(hs.begin(), hs.end(), [&](const Holiday& h) { return h.date == d; });
}

/// The national holidays (and one-off days) of the law as it stood in `year`.
std::vector<Holiday> NamedHolidays(int year) {
  std::vector<Holiday> out;
  for (const Rule& r : kRules) {
    if (r.first <= year && year <= r.last) out.push_back({DateOf(r, year), r.name, r.english, r.kind});
  }
  std::sort(out.begin(), out.end(), ByDate);
  return out;
}

/// 振替休日 (Art. 3(2)) for the Sunday holidays in `named`.
std::vector<Holiday> SubstituteHolidays(const std::vector<Holiday>& named) {
  std::vector<Holiday> out;
  for (const Holiday& h : named) {
    if (h.date < kSubstituteFrom || h.date.day_of_week() != boost::date_time::Sunday) continue;
    Date d = h.date + days(1);
    if (h.date >= kAmendment2007) {
      while (Contains(named, d)) d += days(1);
    } else if (Contains(named, d)) {
      continue;  // the 1973 text gave only "the next day"; never a holiday in practice
    }
    out.push_back({d, kKyujitsu, "Substitute Holiday", HolidayKind::Substitute});
  }
  return out;
}

/// 国民の休日 (Art. 3(3)): a day whose previous and next days are both
/// national holidays. The 1985 text excluded Sundays and substitute holidays;
/// the 2007 text excludes only national holidays, but a Sunday can no longer
/// fall between two, and a substitute day stays a substitute day. The one-off
/// days count as national holidays here: that is how 2019-04-30 and
/// 2019-05-02, between 昭和の日, 05-01 and 憲法記念日, became days off.
std::vector<Holiday> CitizensHolidays(const std::vector<Holiday>& named, const std::vector<Holiday>& substitutes) {
  std::vector<Holiday> out;
  for (size_t i = 0; i + 1 < named.size(); ++i) {
    const Date between = named[i].date + days(1);
    if (named[i + 1].date != between + days(1) || between < kCitizensFrom) continue;
    if (Contains(substitutes, between)) continue;
    if (between < kAmendment2007 && between.day_of_week() == boost::date_time::Sunday) continue;
    out.push_back({between, kKyujitsu, "Citizens' Holiday", HolidayKind::Citizens});
  }
  return out;
}

std::vector<Holiday> ComputeYear(int year) {
  std::vector<Holiday> all = NamedHolidays(year);
  const std::vector<Holiday> substitutes = SubstituteHolidays(all);
  const std::vector<Holiday> citizens = CitizensHolidays(all, substitutes);
  all.insert(all.end(), substitutes.begin(), substitutes.end());
  all.insert(all.end(), citizens.begin(), citizens.end());
  std::sort(all.begin(), all.end(), ByDate);
  return all;
}

/// Every year computed once (about 2,300 days), so that business-day loops
/// cost a binary search per day.
const std::vector<std::vector<Holiday>>& AllYears() {
  static const std::vector<std::vector<Holiday>> years = [] {
    std::vector<std::vector<Holiday>> v;
    for (int y = kFirstHolidayYear; y <= kLastHolidayYear; ++y) v.push_back(ComputeYear(y));
    return v;
  }();
  return years;
}

}  // namespace

Date VernalEquinoxDay(int year) {
  RequireEquinoxYear(year);
  return MakeDate(year, 3, EquinoxDayOfMonth(year, year < 1980 ? 20.8357 : 20.8431));
}

Date AutumnalEquinoxDay(int year) {
  RequireEquinoxYear(year);
  return MakeDate(year, 9, EquinoxDayOfMonth(year, year < 1980 ? 23.2588 : 23.2488));
}

const std::vector<Holiday>& HolidaysIn(int year) {
  static const std::vector<Holiday> kNone;
  if (year < kFirstHolidayYear || year > kLastHolidayYear) return kNone;
  return AllYears()[static_cast<size_t>(year - kFirstHolidayYear)];
}

std::vector<std::pair<Date, std::string_view>> HolidaysOf(int year) {
  std::vector<std::pair<Date, std::string_view>> out;
  for (const Holiday& h : HolidaysIn(year)) out.emplace_back(h.date, h.name);
  return out;
}

std::optional<Holiday> HolidayOn(Date d) {
  if (d.is_special()) return std::nullopt;
  const std::vector<Holiday>& year = HolidaysIn(Year(d));
  const auto it = std::lower_bound(year.begin(), year.end(), Holiday{d, {}, {}}, ByDate);
  if (it == year.end() || it->date != d) return std::nullopt;
  return *it;
}

std::optional<std::string_view> HolidayName(Date d) {
  if (auto h = HolidayOn(d)) return h->name;
  return std::nullopt;
}

}  // namespace rurume::calendar
