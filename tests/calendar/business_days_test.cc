// The secretariat's business days, closures and deadlines.
//
// 2026 for reference: Jan 1 Thu; 成人の日 Mon Jan 12; Golden Week 昭和の日 Wed
// Apr 29, 憲法記念日 Sun May 3, みどりの日 Mon May 4, こどもの日 Tue May 5,
// 休日 Wed May 6; 山の日 Tue Aug 11; 敬老の日 Mon Sep 21, 休日 Tue Sep 22,
// 秋分の日 Wed Sep 23; Dec 28 Mon; 2027-01-04 Mon; 2027 成人の日 Mon Jan 11.
#include "calendar/business_days.h"

#include "load/scalars.h"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

using namespace rurume;
using namespace rurume::calendar;
using boost::gregorian::date;
using boost::posix_time::hours;
using boost::posix_time::microseconds;
using boost::posix_time::minutes;
using boost::posix_time::seconds;
using boost::posix_time::time_duration;

namespace {

std::string Iso(Date d) { return boost::gregorian::to_iso_extended_string(d); }

/// An instant given in Japan time, as UTC.
ptime Jst(date d, time_duration t) { return ptime(d, t) - hours(9); }

/// The message of the ClosureSpecError that `spec` raises ("" if none).
std::string SpecError(const std::string& spec) {
  Closures c;
  try {
    AddClosureSpec(c, spec);
  } catch (const ClosureSpecError& e) {
    return e.what();
  }
  return "";
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

BusinessCalendar WithOneOff(const std::string& spec) {
  Closures c = Closures::Default();
  AddClosureSpec(c, spec);
  return BusinessCalendar(c);
}

}  // namespace

TEST_CASE("calendar: default closure Dec 29 - Jan 3 crosses the year end") {
  const BusinessCalendar cal;
  for (Date d : {date(2026, 12, 29), date(2026, 12, 31), date(2027, 1, 1), date(2027, 1, 3), date(2026, 1, 2)}) {
    CAPTURE(Iso(d));
    CHECK(cal.IsClosed(d));
    CHECK_FALSE(cal.IsBusinessDay(d));
  }
  for (Date d : {date(2026, 12, 28), date(2027, 1, 4), date(2026, 1, 5), date(2026, 6, 30)}) {
    CAPTURE(Iso(d));
    CHECK_FALSE(cal.IsClosed(d));
    CHECK(cal.IsBusinessDay(d));
  }
  CHECK(cal.closures().recurring == std::vector<ClosureRange>{{{12, 29}, {1, 3}}});
}

TEST_CASE("calendar: business days skip weekends and every kind of holiday") {
  const BusinessCalendar cal;
  CHECK(cal.IsBusinessDay(date(2026, 1, 9)));         // Friday
  CHECK_FALSE(cal.IsBusinessDay(date(2026, 1, 10)));  // Saturday
  CHECK_FALSE(cal.IsBusinessDay(date(2026, 1, 11)));  // Sunday
  CHECK_FALSE(cal.IsBusinessDay(date(2026, 1, 12)));  // 成人の日
  CHECK_FALSE(cal.IsBusinessDay(date(2026, 5, 6)));   // 振替休日
  CHECK_FALSE(cal.IsBusinessDay(date(2026, 9, 22)));  // 国民の休日
  CHECK_FALSE(cal.IsBusinessDay(date(2019, 5, 1)));   // 休日（祝日扱い）
  CHECK(cal.IsBusinessDay(date(2019, 12, 23)));       // no 天皇誕生日 in 2019
}

TEST_CASE("calendar: a one-off closure day") {
  const BusinessCalendar cal = WithOneOff("2026-08-14");
  CHECK(cal.IsClosed(date(2026, 8, 14)));
  CHECK_FALSE(cal.IsClosed(date(2027, 8, 14)));  // one year only
  CHECK(cal.IsClosed(date(2026, 12, 30)));       // the default stays
  CHECK(cal.NthBusinessDayAfter(date(2026, 8, 10), 1) == date(2026, 8, 12));  // over 山の日
  CHECK(cal.NthBusinessDayAfter(date(2026, 8, 13), 1) == date(2026, 8, 17));  // over the closure and the weekend
  CHECK(BusinessCalendar().NthBusinessDayAfter(date(2026, 8, 13), 1) == date(2026, 8, 14));
}

TEST_CASE("calendar: NthBusinessDayAfter") {
  const BusinessCalendar cal;
  SUBCASE("weekends") {
    CHECK(cal.NthBusinessDayAfter(date(2026, 2, 5), 1) == date(2026, 2, 6));
    CHECK(cal.NthBusinessDayAfter(date(2026, 2, 5), 2) == date(2026, 2, 9));
    CHECK(cal.NthBusinessDayAfter(date(2026, 2, 7), 1) == date(2026, 2, 9));  // from a Saturday
    CHECK(cal.NthBusinessDayAfter(date(2026, 2, 6), 5) == date(2026, 2, 16));  // over 建国記念の日 (Wed)
  }
  SUBCASE("a Friday before a Monday holiday: the next business day is Tuesday") {
    CHECK(cal.NthBusinessDayAfter(date(2026, 1, 9), 1) == date(2026, 1, 13));
  }
  SUBCASE("Golden Week") {
    CHECK(cal.NthBusinessDayAfter(date(2026, 4, 28), 1) == date(2026, 4, 30));
    CHECK(cal.NthBusinessDayAfter(date(2026, 4, 30), 1) == date(2026, 5, 1));
    CHECK(cal.NthBusinessDayAfter(date(2026, 4, 30), 2) == date(2026, 5, 7));
    CHECK(cal.NthBusinessDayAfter(date(2019, 4, 26), 1) == date(2019, 5, 7));  // ten days off in 2019
  }
  SUBCASE("the year-end closure") {
    CHECK(cal.NthBusinessDayAfter(date(2026, 12, 25), 2) == date(2027, 1, 4));
    CHECK(cal.NthBusinessDayAfter(date(2026, 12, 28), 1) == date(2027, 1, 4));
    CHECK(cal.NthBusinessDayAfter(date(2026, 12, 30), 1) == date(2027, 1, 4));
    CHECK(cal.NthBusinessDayAfter(date(2026, 12, 28), 5) == date(2027, 1, 8));
    CHECK(cal.NthBusinessDayAfter(date(2026, 12, 28), 6) == date(2027, 1, 12));  // over 成人の日 2027
  }
  SUBCASE("n = 0 is the day itself, n < 0 an error") {
    CHECK(cal.NthBusinessDayAfter(date(2026, 1, 10), 0) == date(2026, 1, 10));
    CHECK_THROWS_AS(cal.NthBusinessDayAfter(date(2026, 1, 10), -1), std::invalid_argument);
  }
  SUBCASE("no business day at all, and beyond the known years") {
    const BusinessCalendar closed(ParseClosureSpecs({"01-01..12-31"}));
    CHECK_THROWS_AS(closed.NthBusinessDayAfter(date(2026, 1, 1), 1), std::runtime_error);
    CHECK_THROWS_AS(cal.NthBusinessDayAfter(date(2099, 12, 28), 2), std::out_of_range);
    CHECK_THROWS_AS(cal.IsBusinessDay(date(1969, 12, 31)), std::out_of_range);
    CHECK_THROWS_AS(cal.IsBusinessDay(Date(boost::gregorian::not_a_date_time)), std::invalid_argument);
  }
}

TEST_CASE("calendar: business-day deadline boundaries (Japan time)") {
  const BusinessCalendar cal;
  SUBCASE("Friday evening before a Monday holiday: by the end of Tuesday") {
    const ptime x = Jst(date(2026, 1, 9), hours(18) + minutes(30));
    const ptime deadline = cal.BusinessDeadline(x, 1);
    CHECK(deadline == ptime(date(2026, 1, 13), hours(15)));  // = 2026-01-14 00:00 JST
    CHECK(MeetsBusinessDeadline(Jst(date(2026, 1, 13), hours(9)), deadline));
    CHECK(MeetsBusinessDeadline(deadline - microseconds(1), deadline));  // 23:59:59.999999 JST
    CHECK_FALSE(MeetsBusinessDeadline(deadline, deadline));              // 24:00 JST is late
    CHECK_FALSE(MeetsBusinessDeadline(deadline + seconds(1), deadline));
  }
  SUBCASE("the calendar day is Japan's, not UTC's") {
    // 2026-02-04 23:59:59 JST (Wednesday) and one second later (Thursday).
    const ptime wed = Jst(date(2026, 2, 4), hours(23) + minutes(59) + seconds(59));
    const ptime thu = wed + seconds(1);
    CHECK(thu.date() == date(2026, 2, 4));  // still Wednesday in UTC
    CHECK(cal.BusinessDeadline(wed, 1) == Jst(date(2026, 2, 6), hours(0)));  // end of Thursday
    CHECK(cal.BusinessDeadline(thu, 1) == Jst(date(2026, 2, 7), hours(0)));  // end of Friday
    CHECK(cal.BusinessDeadline(thu, 0) == Jst(date(2026, 2, 6), hours(0)));  // n = 0: end of X's own day
  }
  SUBCASE("a timestamp written without an offset, converted by the loader") {
    const auto t = ParseTimestamp("2026-02-04T10:00");
    REQUIRE(t.has_value());
    CHECK_FALSE(t->offset_given);
    CHECK(t->utc == ptime(date(2026, 2, 4), hours(1)));
    CHECK(cal.BusinessDeadline(t->utc, 2) == ptime(date(2026, 2, 6), hours(15)));  // end of Friday JST
  }
  SUBCASE("over the year end") {
    const ptime x = Jst(date(2026, 12, 28), hours(17));
    CHECK(cal.BusinessDeadline(x, 3) == Jst(date(2027, 1, 7), hours(0)));  // end of Wed 2027-01-06
  }
  CHECK_THROWS_AS(cal.BusinessDeadline(ptime(boost::posix_time::not_a_date_time), 1), std::invalid_argument);
}

TEST_CASE("calendar: hours deadlines and day differences") {
  const ptime x = ptime(date(2026, 3, 1), hours(3));
  const ptime deadline = HoursDeadline(x, 72);
  CHECK(deadline == ptime(date(2026, 3, 4), hours(3)));
  CHECK(MeetsHoursDeadline(deadline, deadline));  // at most 72 hours: inclusive
  CHECK_FALSE(MeetsHoursDeadline(deadline + microseconds(1), deadline));
  CHECK(HoursDeadline(x, 0) == x);
  CHECK_THROWS_AS(HoursDeadline(x, -1), std::invalid_argument);

  CHECK(DaysBetween(date(2026, 1, 1), date(2026, 3, 1)) == 59);
  CHECK(DaysBetween(date(2026, 3, 1), date(2026, 1, 1)) == -59);
  CHECK(DaysBetween(date(2024, 2, 28), date(2024, 3, 1)) == 2);
  CHECK(DaysBetween(date(2026, 5, 5), date(2026, 5, 5)) == 0);
  CHECK(JapanDate(ptime(date(2026, 2, 4), hours(15))) == date(2026, 2, 5));
}

TEST_CASE("calendar: closure specs") {
  SUBCASE("accepted forms") {
    const Closures c = ParseClosureSpecs({"12-29..01-03", " 08-13 .. 08-16 ", "05-01", "2026-08-14",
                                          "2026-10-01..2026-10-03", "02-29"});
    CHECK(c.recurring == std::vector<ClosureRange>{
                             {{12, 29}, {1, 3}}, {{8, 13}, {8, 16}}, {{5, 1}, {5, 1}}, {{2, 29}, {2, 29}}});
    CHECK(c.dates == std::vector<Date>{date(2026, 8, 14), date(2026, 10, 1), date(2026, 10, 2), date(2026, 10, 3)});
    const BusinessCalendar cal(c);
    CHECK(cal.IsClosed(date(2030, 8, 15)));
    CHECK(cal.IsClosed(date(2028, 2, 29)));
    CHECK_FALSE(cal.IsClosed(date(2027, 2, 28)));
    CHECK_FALSE(cal.IsClosed(date(2027, 10, 1)));
  }
  SUBCASE("errors name the spec and the reason") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"", "empty"},
        {"   ", "empty"},
        {"12-29..", "a side of \"..\" is empty"},
        {"..01-03", "a side of \"..\" is empty"},
        {"13-01", "month 13 is not 01-12"},
        {"00-10", "month 0 is not 01-12"},
        {"12-32..01-03", "day 32 is not in month 12"},
        {"02-30", "day 30 is not in month 02"},
        {"2026-02-29", "day 29 is not in month 02 of 2026"},
        {"2026-8-14", "\"2026-8-14\" is neither MM-DD nor YYYY-MM-DD"},
        {"12/29", "neither MM-DD nor YYYY-MM-DD"},
        {"12-29...01-03", "\".01-03\" is neither"},
        {"12-29..01-03..01-05", "more than one \"..\""},
        {"2026-08-14..08-16", "both ends must be"},
        {"2026-08-16..2026-08-13", "ends before it starts"},
        {"2026-01-01..2027-01-02", "at most 366 days"},
        {"1969-12-31", "year 1969 is outside 1970-2099"},
    };
    // Named references, not a structured binding: CAPTURE's lambda captures
    // `spec`, and C++17 (clang) does not let a lambda capture a binding.
    for (const auto& c : cases) {
      const std::string& spec = c.first;
      const std::string& reason = c.second;
      CAPTURE(spec);
      const std::string message = SpecError(spec);
      CHECK(Contains(message, "invalid closure \"" + spec + "\""));
      CHECK(Contains(message, reason));
      CHECK(Contains(message, "expected MM-DD..MM-DD"));
    }
    CHECK_THROWS_AS(ParseClosureSpecs({"12-29..01-03", "bad"}), std::invalid_argument);
  }
}

TEST_CASE("calendar: the calendar YEAR listing") {
  const BusinessCalendar cal;
  const auto lines = CalendarYear(2026, cal);
  REQUIRE(lines.size() >= 5);
  CHECK(lines[0] == "2026-01-01 (木) 元日");  // a holiday inside the closure shows the holiday
  CHECK(lines[1] == "2026-01-02 (金) 事務局休業日");
  CHECK(lines[2] == "2026-01-03 (土) 事務局休業日");
  CHECK(lines.back() == "2026-12-31 (木) 事務局休業日");
  for (const char* line : {"2026-01-12 (月) 成人の日", "2026-05-06 (水) 休日", "2026-09-22 (火) 休日",
                           "2026-12-29 (火) 事務局休業日"}) {
    CAPTURE(line);
    CHECK(std::find(lines.begin(), lines.end(), line) != lines.end());
  }
  CHECK(lines.size() == HolidaysOf(2026).size() + 5);  // Jan 2, 3 and Dec 29, 30, 31
  CHECK(std::is_sorted(lines.begin(), lines.end()));
  CHECK(std::adjacent_find(lines.begin(), lines.end(), [](const std::string& a, const std::string& b) {
          return a.substr(0, 10) == b.substr(0, 10);
        }) == lines.end());

  const auto english = CalendarYear(2026, cal, Language::English);
  REQUIRE(english.size() == lines.size());
  CHECK(english[0] == "2026-01-01 (Thu) New Year's Day");
  CHECK(std::find(english.begin(), english.end(), "2026-12-29 (Tue) Secretariat closed") != english.end());
  CHECK(std::find(english.begin(), english.end(), "2026-05-06 (Wed) Substitute Holiday") != english.end());

  const auto with_one_off = CalendarYear(2026, WithOneOff("2026-08-14"));
  CHECK(std::find(with_one_off.begin(), with_one_off.end(), "2026-08-14 (金) 事務局休業日") != with_one_off.end());
  CHECK_THROWS_AS(CalendarYear(2100, cal), std::out_of_range);
}
