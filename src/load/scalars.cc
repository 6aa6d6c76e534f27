#include "load/scalars.h"

#include "calendar/range.h"
#include "calendar/time_util.h"

#include <fmt/format.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <limits>

namespace rurume {

namespace pt = boost::posix_time;

std::string_view ScalarTypeName(ScalarType t) {
  switch (t) {
    case ScalarType::Null: return "null";
    case ScalarType::Bool: return "bool";
    case ScalarType::Int: return "int";
    case ScalarType::Float: return "float";
    case ScalarType::String: return "string";
  }
  return "string";
}

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool AllOf(std::string_view s, bool (*pred)(char)) {
  if (s.empty()) return false;
  for (char c : s)
    if (!pred(c)) return false;
  return true;
}

bool IsFloat(std::string_view s) {
  // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?  and the specials
  if (s == ".inf" || s == ".Inf" || s == ".INF" || s == "+.inf" || s == "+.Inf" || s == "+.INF" ||
      s == "-.inf" || s == "-.Inf" || s == "-.INF" || s == ".nan" || s == ".NaN" || s == ".NAN")
    return true;
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  size_t digits = 0;
  while (i < s.size() && IsDigit(s[i])) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && IsDigit(s[i])) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    size_t exp = 0;
    while (i < s.size() && IsDigit(s[i])) ++i, ++exp;
    if (exp == 0) return false;
  }
  return i == s.size();
}

bool IsIntSyntax(std::string_view s) {
  if (s.size() > 2 && s[0] == '0' && s[1] == 'o')
    return AllOf(s.substr(2), [](char c) { return c >= '0' && c <= '7'; });
  if (s.size() > 2 && s[0] == '0' && s[1] == 'x')
    return AllOf(s.substr(2), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  return AllOf(s, IsDigit);
}

// Reads exactly n digits at s[i..]; advances i.
bool Digits(std::string_view s, size_t& i, size_t n, int& out) {
  if (i + n > s.size()) return false;
  int v = 0;
  for (size_t k = 0; k < n; ++k) {
    char c = s[i + k];
    if (!IsDigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  i += n;
  out = v;
  return true;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// An existing day of the proleptic Gregorian calendar; within the range or
// out_of_range set.
std::optional<Date> MakeDate(int y, int m, int d, bool* out_of_range) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > (m == 2 && IsLeap(y) ? 29 : kDays[m - 1])) return std::nullopt;
  if (y < calendar::kFirstYear || y > calendar::kLastYear) {
    if (out_of_range) *out_of_range = true;
    return std::nullopt;
  }
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}

}  // namespace

ScalarType ResolvePlain(std::string_view s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return ScalarType::Null;
  if (ParseBool(s)) return ScalarType::Bool;
  if (IsIntSyntax(s)) return ScalarType::Int;
  if (IsFloat(s)) return ScalarType::Float;
  return ScalarType::String;
}

std::optional<bool> ParseBool(std::string_view s) {
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  return std::nullopt;
}

bool IsYaml11Bool(std::string_view s) {
  if (s.size() > 3) return false;
  std::string lower;
  for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "y" || lower == "yes" || lower == "n" || lower == "no" || lower == "on" || lower == "off";
}

std::optional<int64_t> ParseInt(std::string_view s) {
  if (!IsIntSyntax(s)) return std::nullopt;
  int base = 10;
  std::string digits;
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
    base = s[1] == 'o' ? 8 : 16;
    digits = std::string(s.substr(2));
  } else {
    digits = std::string(s);
  }
  errno = 0;
  char* end = nullptr;
  long long v = std::strtoll(digits.c_str(), &end, base);
  if (errno == ERANGE || end != digits.c_str() + digits.size()) return std::nullopt;
  return static_cast<int64_t>(v);
}

std::optional<Date> ParseDate(std::string_view s, bool* out_of_range) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  size_t i = 0;
  int y, m, d;
  if (!Digits(s, i, 4, y) || s[i++] != '-' || !Digits(s, i, 2, m) || s[i++] != '-' || !Digits(s, i, 2, d))
    return std::nullopt;
  return MakeDate(y, m, d, out_of_range);
}

std::optional<Timestamp> ParseTimestamp(std::string_view s, bool* out_of_range) {
  if (s.size() < 16) return std::nullopt;
  bool date_out_of_range = false;
  auto date = ParseDate(s.substr(0, 10), &date_out_of_range);
  if (!date) {
    // A well-formed timestamp on a day outside the range is out of range,
    // not malformed; its syntax is checked all the same.
    if (!date_out_of_range || !ParseTimestamp(fmt::format("2000{}", s.substr(4)))) return std::nullopt;
    if (out_of_range) *out_of_range = true;
    return std::nullopt;
  }
  size_t i = 10;
  if (s[i] != 'T') return std::nullopt;
  ++i;
  int hh, mm, ss = 0;
  if (!Digits(s, i, 2, hh) || i >= s.size() || s[i++] != ':' || !Digits(s, i, 2, mm)) return std::nullopt;
  int64_t micros = 0;
  if (i < s.size() && s[i] == ':') {
    ++i;
    if (!Digits(s, i, 2, ss)) return std::nullopt;
    if (i < s.size() && s[i] == '.') {
      ++i;
      size_t n = 0;
      int64_t scale = 100000;
      while (i < s.size() && IsDigit(s[i])) {
        if (scale > 0) micros += (s[i] - '0') * scale;
        scale /= 10;
        ++i, ++n;
      }
      if (n == 0) return std::nullopt;
    }
  }
  if (hh > 23 || mm > 59 || ss > 59) return std::nullopt;
  int offset_minutes = 9 * 60;
  bool offset_given = false;
  if (i < s.size()) {
    if (s[i] == 'Z') {
      offset_minutes = 0;
      ++i;
    } else if (s[i] == '+' || s[i] == '-') {
      int sign = s[i] == '-' ? -1 : 1;
      ++i;
      int oh, om;
      if (!Digits(s, i, 2, oh) || i >= s.size() || s[i++] != ':' || !Digits(s, i, 2, om)) return std::nullopt;
      if (oh > 23 || om > 59) return std::nullopt;
      offset_minutes = sign * (oh * 60 + om);
    } else {
      return std::nullopt;
    }
    offset_given = true;
  }
  if (i != s.size()) return std::nullopt;
  // The instant: by day numbers, so that a day at the calendar's ends
  // (1400-01-01T00:00+09:00 is on 1399-12-31 in UTC) is computed and
  // checked, not made by Boost's calendar, which cannot reach it.
  const int64_t day = (*date - calendar::FirstDay()).days();
  const int64_t seconds = day * 86400 + hh * 3600 + mm * 60 + ss - int64_t{offset_minutes} * 60;
  const int64_t first = (calendar::FirstDay() - Date(1970, 1, 1)).days() * int64_t{86400};
  if (!calendar::InRange(first + seconds)) {
    if (out_of_range) *out_of_range = true;
    return std::nullopt;
  }
  const pt::ptime utc = pt::ptime(calendar::FirstDay()) + pt::seconds(static_cast<long>(seconds)) +
                        pt::microseconds(micros);
  return Timestamp{utc, offset_given};
}

std::string FormatDate(const Date& d) {
  if (d.is_special()) return "-";
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<int>(d.month()),
                     static_cast<int>(d.day()));
}

std::string FormatTimestamp(const Timestamp& t) {
  if (t.utc.is_special()) return "-";
  // By the civil-time arithmetic of the expression language, which has no
  // range to leave: Boost's calendar throws for a day after 9999-12-31.
  const int64_t ticks = (t.utc - pt::ptime(Date(1970, 1, 1))).ticks();
  const int64_t per_second = pt::time_duration::ticks_per_second();
  const int64_t seconds = ticks / per_second - (ticks % per_second < 0 ? 1 : 0);  // floor: before 1970 too
  const calendar::time::Civil c = calendar::time::ToCivil(seconds, 0, 9 * 3600);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+09:00", c.year, c.month, c.day, c.hour, c.minute, c.second);
}

}  // namespace rurume
