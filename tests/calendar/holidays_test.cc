// The computed holidays against the holiday-jp list (every day 1970–2050),
// the law's eras, and sanity checks for 2051–2099 which the list lacks.
#include "calendar/holidays.h"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace rurume;
using namespace rurume::calendar;
using boost::gregorian::date;
using boost::gregorian::days;

namespace {

const std::string kHolidayFile = std::string(RURUME_CONFORMANCE_DIR) + "/holidays-jp/holidays.yml";
const Date kFileFirst(1970, 1, 1);
const Date kFileLast(2050, 12, 31);

std::string Iso(Date d) { return boost::gregorian::to_iso_extended_string(d); }

std::string Show(const std::optional<Holiday>& h) { return h ? std::string(h->name) : "(no holiday)"; }

/// The file as date -> name. Missing or unreadable: the test fails here.
std::map<Date, std::string> LoadHolidayFile() {
  INFO("conformance file: " << kHolidayFile);
  REQUIRE_MESSAGE(std::filesystem::exists(kHolidayFile), "the holiday conformance file is missing");
  const YAML::Node root = YAML::LoadFile(kHolidayFile);
  REQUIRE(root.IsMap());
  std::map<Date, std::string> out;
  for (const auto& kv : root) {
    const auto key = kv.first.as<std::string>();
    INFO("key " << key);
    const Date d = boost::gregorian::from_simple_string(key);
    REQUIRE(Iso(d) == key);
    out.emplace(d, kv.second.as<std::string>());
  }
  return out;
}

/// What the file's name means in the official list's convention:
///  - "X 振替休日": the file says which holiday was moved; the official list
///    (and HolidayName) says only "休日", kind Substitute. The file's X is
///    one of the holidays just before; for 2008-05-06 and 2009-05-06 it says
///    こどもの日 where the Sunday holiday was みどりの日 / 憲法記念日, so X
///    is checked only to be in that run of holidays.
///  - "休日": a citizens' holiday (国民の休日), kind Citizens.
///  - "体育の日（スポーツの日）" (2019-10-14): the list announced the new name
///    in parentheses; the law in force in 2019 still said 体育の日.
///  - anything else: the same name.
struct Expected {
  std::string name;
  std::optional<HolidayKind> kind;  // nullopt: National or Special
  std::string moved_from;           // X of "X 振替休日"
};

Expected ExpectedFrom(const std::string& file_name) {
  const std::string suffix = " 振替休日";
  if (file_name.size() > suffix.size() && file_name.compare(file_name.size() - suffix.size(), suffix.size(), suffix) == 0) {
    return {"休日", HolidayKind::Substitute, file_name.substr(0, file_name.size() - suffix.size())};
  }
  if (file_name == "休日") return {"休日", HolidayKind::Citizens, ""};
  if (file_name == "体育の日（スポーツの日）") return {"体育の日", std::nullopt, ""};
  return {file_name, std::nullopt, ""};
}

/// Names of the holidays in the unbroken run just before `d`.
std::set<std::string> RunBefore(Date d) {
  std::set<std::string> names;
  for (Date p = d - days(1); auto h = HolidayOn(p); p -= days(1)) names.insert(std::string(h->name));
  return names;
}

const char* KindName(HolidayKind k) {
  switch (k) {
    case HolidayKind::National: return "National";
    case HolidayKind::Special: return "Special";
    case HolidayKind::Substitute: return "Substitute";
    case HolidayKind::Citizens: return "Citizens";
  }
  return "?";
}

/// "" when the computed day agrees with the file, else what differs.
std::string Compare(Date d, const std::map<Date, std::string>& file) {
  const auto computed = HolidayOn(d);
  const auto it = file.find(d);
  if (it == file.end()) return computed ? "file: (no holiday), computed: " + Show(computed) : "";
  const Expected want = ExpectedFrom(it->second);
  const std::string got = Show(computed);
  if (!computed || got != want.name) return "file: " + it->second + " (expect " + want.name + "), computed: " + got;
  const bool kind_ok = want.kind ? computed->kind == *want.kind
                                 : (computed->kind == HolidayKind::National || computed->kind == HolidayKind::Special);
  if (!kind_ok) return "file: " + it->second + ", computed the right name but kind " + KindName(computed->kind);
  if (!want.moved_from.empty() && RunBefore(d).count(want.moved_from) == 0) {
    return "file: " + it->second + ", but no " + want.moved_from + " just before";
  }
  return "";
}

int CountKind(int year, HolidayKind kind) {
  int n = 0;
  for (const Holiday& h : HolidaysIn(year)) n += h.kind == kind;
  return n;
}

/// How many 国民の祝日 the law had in force in `year` (one-off days apart).
int NationalHolidaysByLaw(int year) {
  if (year <= 1988) return 12;  // 1948 act + 1966 amendment
  if (year <= 1995) return 13;  // + みどりの日 (1989)
  if (year <= 2006) return 14;  // + 海の日 (1996)
  if (year <= 2015) return 15;  // + 昭和の日 (2007)
  if (year == 2019) return 15;  // 山の日 (2016), but no 天皇誕生日 in 2019
  return 16;
}

}  // namespace

TEST_CASE("calendar: every day 1970-2050 matches the holiday-jp conformance list") {
  const auto file = LoadHolidayFile();
  REQUIRE(file.size() > 1000);
  REQUIRE(file.begin()->first == kFileFirst);
  REQUIRE(file.rbegin()->first.year() == 2050);

  std::vector<std::string> mismatches;
  int checked = 0;
  for (Date d = kFileFirst; d <= kFileLast; d += days(1), ++checked) {
    const std::string why = Compare(d, file);
    if (!why.empty()) mismatches.push_back(Iso(d) + ": " + why);
  }
  std::string report;
  for (const auto& m : mismatches) report += m + "\n";
  INFO(mismatches.size() << " mismatching day(s):\n" << report);
  CHECK(mismatches.empty());
  CHECK(checked == (kFileLast - kFileFirst).days() + 1);  // 29,585 days
  MESSAGE("checked " << checked << " days, " << file.size() << " holidays in the file");
}

TEST_CASE("calendar: holidays by the law's eras") {
  for (int y = kFirstHolidayYear; y <= kLastHolidayYear; ++y) {
    CAPTURE(y);
    CHECK(CountKind(y, HolidayKind::National) == NationalHolidaysByLaw(y));
    const auto& hs = HolidaysIn(y);
    for (size_t i = 0; i + 1 < hs.size(); ++i) CHECK(hs[i].date < hs[i + 1].date);  // sorted, one per day
    for (const Holiday& h : hs) CHECK(h.date.year() == y);
  }
  CHECK(CountKind(1989, HolidayKind::Special) == 1);
  CHECK(CountKind(2019, HolidayKind::Special) == 2);
}

TEST_CASE("calendar: named holidays across the amendments") {
  const std::vector<std::pair<Date, const char*>> cases = {
      {date(1970, 1, 15), "成人の日"},     {date(1999, 1, 15), "成人の日"},   {date(2000, 1, 10), "成人の日"},
      {date(1988, 4, 29), "天皇誕生日"},   {date(1989, 4, 29), "みどりの日"}, {date(1989, 12, 23), "天皇誕生日"},
      {date(2006, 4, 29), "みどりの日"},   {date(2007, 4, 29), "昭和の日"},   {date(2007, 5, 4), "みどりの日"},
      {date(1996, 7, 20), "海の日"},       {date(2002, 7, 20), "海の日"},     {date(2003, 7, 21), "海の日"},
      {date(2002, 9, 15), "敬老の日"},     {date(2003, 9, 15), "敬老の日"},   {date(2004, 9, 20), "敬老の日"},
      {date(1999, 10, 10), "体育の日"},    {date(2000, 10, 9), "体育の日"},   {date(2019, 10, 14), "体育の日"},
      {date(2016, 8, 11), "山の日"},       {date(2020, 2, 23), "天皇誕生日"}, {date(2018, 12, 23), "天皇誕生日"},
      {date(2020, 7, 23), "海の日"},       {date(2020, 7, 24), "スポーツの日"}, {date(2020, 8, 10), "山の日"},
      {date(2021, 7, 22), "海の日"},       {date(2021, 7, 23), "スポーツの日"}, {date(2021, 8, 8), "山の日"},
      {date(2022, 10, 10), "スポーツの日"}, {date(1989, 2, 24), "大喪の礼"},  {date(1990, 11, 12), "即位礼正殿の儀"},
      {date(1993, 6, 9), "結婚の儀"},      {date(2019, 5, 1), "休日（祝日扱い）"}, {date(2019, 10, 22), "休日（祝日扱い）"},
  };
  for (const auto& c : cases) {  // not a structured binding: CAPTURE's lambda captures d
    const Date& d = c.first;
    const char* const name = c.second;
    CAPTURE(Iso(d));
    CHECK(HolidayName(d) == std::optional<std::string_view>(name));
  }
  // Days the old rules no longer give.
  for (Date d : {date(2019, 12, 23), date(2019, 2, 23), date(2020, 7, 20), date(2020, 8, 11), date(2020, 10, 12),
                 date(2021, 10, 11), date(2021, 7, 19), date(2000, 1, 15), date(2003, 7, 20), date(1995, 7, 20)}) {
    CAPTURE(Iso(d));
    CHECK_FALSE(HolidayName(d).has_value());
  }
}

TEST_CASE("calendar: substitute holidays (振替休日)") {
  // Before the 1973-04-12 amendment a Sunday holiday gave nothing.
  CHECK_FALSE(HolidayName(date(1973, 2, 12)).has_value());  // 建国記念の日 on Sunday 1973-02-11
  CHECK(HolidayOn(date(1973, 4, 30))->kind == HolidayKind::Substitute);  // first one
  // 1973–2006: the Monday after.
  CHECK(HolidayOn(date(1987, 5, 4))->kind == HolidayKind::Substitute);  // May 3 Sunday, not 国民の休日
  // From 2007: the next day that is not a holiday.
  CHECK(HolidayName(date(2008, 5, 6)) == std::optional<std::string_view>("休日"));  // May 4 Sunday
  CHECK(HolidayName(date(2020, 5, 6)) == std::optional<std::string_view>("休日"));  // May 3 Sunday
  CHECK(HolidayOn(date(2021, 8, 9))->kind == HolidayKind::Substitute);  // Olympic 山の日 on Sunday
  CHECK(HolidayOn(date(2018, 12, 24))->kind == HolidayKind::Substitute);
  CHECK(HolidayOn(date(2008, 5, 6))->english == "Substitute Holiday");
}

TEST_CASE("calendar: citizens' holidays (国民の休日)") {
  // Not before the 1985 amendment, and never on a Sunday under its text.
  CHECK_FALSE(HolidayName(date(1986, 5, 4)).has_value());  // Sunday
  CHECK(HolidayOn(date(1988, 5, 4))->kind == HolidayKind::Citizens);
  CHECK(HolidayOn(date(2002, 5, 4))->kind == HolidayKind::Citizens);  // a Saturday counts
  CHECK(HolidayOn(date(2009, 9, 22))->kind == HolidayKind::Citizens);  // 敬老の日 Mon, 秋分の日 Wed
  CHECK(HolidayOn(date(2026, 9, 22))->kind == HolidayKind::Citizens);
  // 2019: between 昭和の日 and the enthronement day, and before 憲法記念日.
  CHECK(HolidayOn(date(2019, 4, 30))->kind == HolidayKind::Citizens);
  CHECK(HolidayOn(date(2019, 5, 2))->kind == HolidayKind::Citizens);
  CHECK(HolidayOn(date(2019, 5, 2))->english == "Citizens' Holiday");
}

TEST_CASE("calendar: equinoxes by the formula") {
  CHECK(VernalEquinoxDay(2026) == date(2026, 3, 20));
  CHECK(AutumnalEquinoxDay(2026) == date(2026, 9, 23));
  CHECK(VernalEquinoxDay(1972) == date(1972, 3, 20));   // before 1980 the leap correction counts from 1983
  CHECK(AutumnalEquinoxDay(1971) == date(1971, 9, 24));
  CHECK(VernalEquinoxDay(2092) == date(2092, 3, 19));
  CHECK_THROWS_AS(VernalEquinoxDay(1899), std::out_of_range);
  CHECK_THROWS_AS(AutumnalEquinoxDay(2100), std::out_of_range);
}

TEST_CASE("calendar: 2051-2099 sanity, beyond the conformance list") {
  for (int y = 2051; y <= 2099; ++y) {
    CAPTURE(y);
    const auto& hs = HolidaysIn(y);
    CHECK(CountKind(y, HolidayKind::National) == 16);
    CHECK(hs.size() <= 21);  // as many as in 2024: 16 + 5 substitute/citizens' days
    const int vernal = VernalEquinoxDay(y).day();
    const int autumnal = AutumnalEquinoxDay(y).day();
    CHECK((vernal >= 19 && vernal <= 21));
    CHECK((autumnal >= 21 && autumnal <= 24));
    CHECK(HolidayName(VernalEquinoxDay(y)) == std::optional<std::string_view>("春分の日"));
    for (const Holiday& h : hs) {
      // Every Sunday holiday is followed, after the run of holidays, by a substitute.
      if (h.kind != HolidayKind::National || h.date.day_of_week() != boost::date_time::Sunday) continue;
      Date next = h.date + days(1);
      while (HolidayOn(next) && HolidayOn(next)->kind == HolidayKind::National) next += days(1);
      CHECK(HolidayOn(next)->kind == HolidayKind::Substitute);
    }
  }
}

TEST_CASE("calendar: outside 1970-2099 nothing is known") {
  CHECK_FALSE(HolidayName(date(1969, 1, 1)).has_value());
  CHECK_FALSE(HolidayName(date(2100, 1, 1)).has_value());
  CHECK(HolidaysOf(1969).empty());
  CHECK(HolidaysOf(2100).empty());
  CHECK_FALSE(HolidayName(Date(boost::gregorian::not_a_date_time)).has_value());
  CHECK(HolidayName(date(1970, 1, 1)) == std::optional<std::string_view>("元日"));
  CHECK(HolidayName(date(2099, 12, 31)) == std::nullopt);
  const auto y2099 = HolidaysOf(2099);
  REQUIRE_FALSE(y2099.empty());
  CHECK(y2099.front() == std::pair<Date, std::string_view>(date(2099, 1, 1), "元日"));
}
