// Scalar resolution (YAML 1.2 core schema), dates and timestamps.
#include "load/scalars.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>

using namespace rurume;

namespace {

namespace pt = boost::posix_time;
namespace gr = boost::gregorian;

pt::ptime Utc(int y, int mo, int d, int h, int mi, int s = 0) {
  return pt::ptime(gr::date(static_cast<unsigned short>(y), static_cast<unsigned short>(mo),
                            static_cast<unsigned short>(d)),
                   pt::hours(h) + pt::minutes(mi) + pt::seconds(s));
}

}  // namespace

TEST_CASE("scalars: plain scalars resolve by the core schema") {
  for (const char* s : {"", "~", "null", "Null", "NULL"}) {
    CAPTURE(s);
    CHECK(ResolvePlain(s) == ScalarType::Null);
  }
  for (const char* s : {"true", "True", "TRUE", "false", "False", "FALSE"}) {
    CAPTURE(s);
    CHECK(ResolvePlain(s) == ScalarType::Bool);
  }
  for (const char* s : {"0", "42", "-7", "+7", "007", "0o17", "0x1F", "0xff", "99999999999999999999"}) {
    CAPTURE(s);
    CHECK(ResolvePlain(s) == ScalarType::Int);
  }
  for (const char* s : {"1.5", "-1.5", ".5", "1.", "+.5", "1e3", "1E-3", "-2.5e+10", ".inf", "-.Inf", "+.INF",
                        ".nan", ".NaN", ".NAN"}) {
    CAPTURE(s);
    CHECK(ResolvePlain(s) == ScalarType::Float);
  }
  // YAML 1.1 forms and look-alikes are strings under 1.2.
  for (const char* s : {"yes", "no", "on", "off", "y", "n", "Yes", "NULLS", "nul", "tru", "0x", "0o", "0o8",
                        "0xG1", "0X1F", "-0x1F", "+0o7", "1_000", "1,000", "1e", "e3", ".", "-", "+", "..5",
                        "1.2.3", "inf", "nan", "12:30", "2026-11-02", "2026-11-02T09:30:00+09:00", "F001",
                        "るるめ", " 1", "1 "}) {
    CAPTURE(s);
    CHECK(ResolvePlain(s) == ScalarType::String);
  }
}

TEST_CASE("scalars: ScalarTypeName") {
  CHECK(ScalarTypeName(ScalarType::Null) == "null");
  CHECK(ScalarTypeName(ScalarType::Bool) == "bool");
  CHECK(ScalarTypeName(ScalarType::Int) == "int");
  CHECK(ScalarTypeName(ScalarType::Float) == "float");
  CHECK(ScalarTypeName(ScalarType::String) == "string");
}

TEST_CASE("scalars: ParseBool takes only the core schema's spellings") {
  CHECK(ParseBool("true") == true);
  CHECK(ParseBool("True") == true);
  CHECK(ParseBool("TRUE") == true);
  CHECK(ParseBool("false") == false);
  CHECK(ParseBool("False") == false);
  CHECK(ParseBool("FALSE") == false);
  for (const char* s : {"", "tRUE", "yes", "on", "1", "0", "t", "f", "true "}) {
    CAPTURE(s);
    CHECK_FALSE(ParseBool(s).has_value());
  }
}

TEST_CASE("scalars: YAML 1.1 boolean words") {
  for (const char* s : {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off",
                        "OFF"}) {
    CAPTURE(s);
    CHECK(IsYaml11Bool(s));
  }
  for (const char* s : {"", "true", "false", "yess", "nope", "onn", "of", "o", "1", "0", "ja", "はい"}) {
    CAPTURE(s);
    CHECK_FALSE(IsYaml11Bool(s));
  }
}

TEST_CASE("scalars: ParseInt") {
  CHECK(ParseInt("0") == 0);
  CHECK(ParseInt("42") == 42);
  CHECK(ParseInt("-7") == -7);
  CHECK(ParseInt("+7") == 7);
  CHECK(ParseInt("007") == 7);  // decimal, not octal
  CHECK(ParseInt("0o17") == 15);
  CHECK(ParseInt("0x1F") == 31);
  CHECK(ParseInt("0xff") == 255);
  CHECK(ParseInt("9223372036854775807") == std::numeric_limits<int64_t>::max());
  CHECK(ParseInt("-9223372036854775808") == std::numeric_limits<int64_t>::min());
  for (const char* s : {"9223372036854775808", "-9223372036854775809", "0xFFFFFFFFFFFFFFFF", "", "1.0", "1e3",
                        "abc", "0x", "0o", "0o8", "0xG", "12a", " 12", "12 ", "-", "+", "--1", "0x0x1"}) {
    CAPTURE(s);
    CHECK_FALSE(ParseInt(s).has_value());
  }
}

TEST_CASE("scalars: ParseDate takes existing days as YYYY-MM-DD") {
  CHECK(ParseDate("2026-11-02") == gr::date(2026, 11, 2));
  CHECK(ParseDate("2024-02-29") == gr::date(2024, 2, 29));  // leap year
  CHECK(ParseDate("2000-02-29") == gr::date(2000, 2, 29));
  CHECK(ParseDate("2026-12-31") == gr::date(2026, 12, 31));
  CHECK(ParseDate("1400-01-01") == gr::date(1400, 1, 1));
  CHECK(ParseDate("9999-12-31") == gr::date(9999, 12, 31));
  for (const char* s : {"2026-02-29", "1900-02-29", "2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10",
                        "2026-01-00", "2026-01-32", "26-1-1", "2026-1-01", "2026-01-1", "20260101", "2026/01/01",
                        "2026-01-01T00:00", " 2026-01-01", "2026-01-01 ", "abcd-ef-gh", "+026-01-01",
                        "2026-+1-01", "2026-1--01", "1399-12-31", "0000-01-01", "", "２０２６-01-01"}) {
    CAPTURE(s);
    CHECK_FALSE(ParseDate(s).has_value());
  }
}

TEST_CASE("scalars: timestamps without an offset are Japan time") {
  auto jst = ParseTimestamp("2026-11-02T09:30:00+09:00");
  auto z = ParseTimestamp("2026-11-02T00:30:00Z");
  auto bare = ParseTimestamp("2026-11-02T09:30:00");
  REQUIRE(jst);
  REQUIRE(z);
  REQUIRE(bare);
  CHECK(jst->utc == Utc(2026, 11, 2, 0, 30));
  CHECK(z->utc == jst->utc);
  CHECK(bare->utc == jst->utc);
  CHECK(*bare == *jst);
  CHECK(jst->offset_given);
  CHECK(z->offset_given);
  CHECK_FALSE(bare->offset_given);
  // Across midnight: 02:00 in Japan is the previous day in UTC.
  CHECK(ParseTimestamp("2026-11-24T02:00")->utc == Utc(2026, 11, 23, 17, 0));
  CHECK(ParseTimestamp("2026-01-01T00:00:00")->utc == Utc(2025, 12, 31, 15, 0));
}

TEST_CASE("scalars: timestamp forms") {
  CHECK(ParseTimestamp("2026-11-02T09:30+09:00")->utc == Utc(2026, 11, 2, 0, 30));  // no seconds
  CHECK(ParseTimestamp("2026-11-02T09:30:15-05:30")->utc == Utc(2026, 11, 2, 15, 0, 15));
  CHECK(ParseTimestamp("2026-11-02T09:30:15+00:00")->utc == Utc(2026, 11, 2, 9, 30, 15));
  CHECK(ParseTimestamp("2026-11-02T23:59:59Z")->utc == Utc(2026, 11, 2, 23, 59, 59));
  auto frac = ParseTimestamp("2026-11-02T09:30:00.25Z");
  REQUIRE(frac);
  CHECK(frac->utc == Utc(2026, 11, 2, 9, 30) + pt::milliseconds(250));
  auto micro = ParseTimestamp("2026-11-02T09:30:00.123456789Z");  // digits after the sixth are dropped
  REQUIRE(micro);
  CHECK(micro->utc == Utc(2026, 11, 2, 9, 30) + pt::microseconds(123456));
  // The instant is what counts: the same instant in three spellings is equal.
  CHECK(*ParseTimestamp("2026-11-02T18:00:00+09:00") == *ParseTimestamp("2026-11-02T09:00:00Z"));
  CHECK(*ParseTimestamp("2026-11-02T18:00:00") == *ParseTimestamp("2026-11-02T04:00:00-05:00"));
}

TEST_CASE("scalars: malformed timestamps") {
  for (const char* s : {"", "2026-11-02", "2026-11-02T", "2026-11-02T9:30", "2026-11-02T09", "2026-11-02T09:3",
                        "2026-11-02 09:30:00", "2026-11-02t09:30:00", "2026-11-02T09:30:00z",
                        "2026-11-02T24:00:00", "2026-11-02T09:60:00", "2026-11-02T09:30:60",
                        "2026-11-02T09:30:00.", "2026-11-02T09:30:00+0900", "2026-11-02T09:30:00+09",
                        "2026-11-02T09:30:00+24:00", "2026-11-02T09:30:00+09:60", "2026-11-02T09:30:00+09:00Z",
                        "2026-11-02T09:30:00 +09:00", "2026-11-02T09:30:00JST", "2026-02-30T09:30:00+09:00",
                        "2026-13-02T09:30:00+09:00", "26-11-02T09:30:00+09:00", "2026-11-02T09:30:00Zjunk",
                        "2026-11-02T09:30:00.5.5", "2026-11-02T-9:30"}) {
    CAPTURE(s);
    CHECK_FALSE(ParseTimestamp(s).has_value());
  }
}

TEST_CASE("scalars: formatting back for messages") {
  CHECK(FormatDate(gr::date(2026, 1, 2)) == "2026-01-02");
  CHECK(FormatDate(gr::date(1400, 12, 31)) == "1400-12-31");
  // Shown in Japan time whatever the input's offset.
  CHECK(FormatTimestamp(*ParseTimestamp("2026-11-02T00:30:00Z")) == "2026-11-02T09:30:00+09:00");
  CHECK(FormatTimestamp(*ParseTimestamp("2026-11-01T20:00:05Z")) == "2026-11-02T05:00:05+09:00");
  CHECK(FormatTimestamp(*ParseTimestamp("2026-11-02T09:30:00")) == "2026-11-02T09:30:00+09:00");
  CHECK(FormatTimestamp(*ParseTimestamp("2026-11-02T04:00:00-05:00")) == "2026-11-02T18:00:00+09:00");
  for (const char* s : {"2026-11-02T09:30:00+09:00", "2026-01-01T00:00:00+09:00", "2024-02-29T23:59:59+09:00"}) {
    CAPTURE(s);
    CHECK(FormatTimestamp(*ParseTimestamp(s)) == s);
    CHECK(FormatDate(*ParseDate(std::string(s).substr(0, 10))) == std::string(s).substr(0, 10));
  }
}

TEST_CASE("scalars: dates and timestamps keep to the calendar's range (issue 10)") {
  // A well-formed day outside 1400..9999 is out of range, not malformed.
  bool out = false;
  CHECK_FALSE(ParseDate("1399-12-31", &out).has_value());
  CHECK(out);
  out = false;
  CHECK_FALSE(ParseDate("0000-01-01", &out).has_value());
  CHECK(out);
  out = false;
  CHECK_FALSE(ParseDate("1399-02-30", &out).has_value());  // no such day in any year: malformed
  CHECK_FALSE(out);
  // The reproducer: 9999-12-31T23:59:59Z is 10000-01-01 in Japan, where
  // messages show it. It passed validate and aborted check (bad_year).
  out = false;
  CHECK_FALSE(ParseTimestamp("9999-12-31T23:59:59Z", &out).has_value());
  CHECK(out);
  out = false;
  CHECK_FALSE(ParseTimestamp("9999-12-31T15:00:00Z", &out).has_value());
  CHECK(out);
  out = false;
  CHECK_FALSE(ParseTimestamp("1400-01-01T08:59:59+09:00", &out).has_value());  // 1399 in UTC
  CHECK(out);
  out = false;
  CHECK_FALSE(ParseTimestamp("1399-12-31T23:00:00-05:00", &out).has_value());
  CHECK(out);
  out = false;
  CHECK_FALSE(ParseTimestamp("1399-12-31T25:00:00Z", &out).has_value());  // malformed as well
  CHECK_FALSE(out);
  // The ends of the range themselves.
  auto last = ParseTimestamp("9999-12-31T14:59:59.999999Z");
  REQUIRE(last);
  CHECK(FormatTimestamp(*last) == "9999-12-31T23:59:59+09:00");
  CHECK(ParseTimestamp("9999-12-31T23:59:59")->utc == Utc(9999, 12, 31, 14, 59, 59));  // Japan time
  auto first = ParseTimestamp("1400-01-01T00:00:00Z");
  REQUIRE(first);
  CHECK(FormatTimestamp(*first) == "1400-01-01T09:00:00+09:00");
  CHECK(FormatTimestamp(*ParseTimestamp("1969-12-31T23:59:59.5Z")) == "1970-01-01T08:59:59+09:00");
  // Formatting never throws, even given what the loader never makes.
  CHECK(FormatTimestamp(Timestamp{Utc(9999, 12, 31, 23, 59, 59), true}) == "10000-01-01T08:59:59+09:00");
  CHECK(FormatTimestamp(Timestamp{pt::ptime(pt::not_a_date_time), true}) == "-");
  CHECK(FormatDate(gr::date(gr::not_a_date_time)) == "-");
}
