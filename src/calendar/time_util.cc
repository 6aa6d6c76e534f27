#include "calendar/time_util.h"

#include <cstdio>

namespace rurume::calendar::time {

namespace {

__extension__ using Int128 = __int128;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Reads exactly `n` digits at `pos`.
bool Digits(std::string_view s, size_t& pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  pos += n;
  *out = v;
  return true;
}

bool Expect(std::string_view s, size_t& pos, char a, char b = 0) {
  if (pos < s.size() && (s[pos] == a || (b && s[pos] == b))) {
    ++pos;
    return true;
  }
  return false;
}

// "HH:MM" after an optional sign; the offset in seconds east of UTC.
bool ParseOffset(std::string_view s, size_t& pos, bool sign_required, int32_t* offset) {
  int sign = 1;
  if (Expect(s, pos, '+')) sign = 1;
  else if (Expect(s, pos, '-')) sign = -1;
  else if (sign_required) return false;
  int hh = 0, mm = 0;
  if (!Digits(s, pos, 2, &hh) || !Expect(s, pos, ':') || !Digits(s, pos, 2, &mm)) return false;
  if (hh > 23 || mm > 59) return false;
  *offset = sign * (hh * 3600 + mm * 60);
  return true;
}

std::string Fraction(int32_t nanos) {
  if (nanos == 0) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, ".%09d", nanos);
  std::string f = buf;
  while (f.back() == '0') f.pop_back();
  return f;
}

// The unit at `pos` in nanoseconds, or 0.
int64_t DurationUnit(std::string_view s, size_t& pos) {
  struct Unit { std::string_view name; int64_t nanos; };
  static const Unit kUnits[] = {{"ns", 1}, {"us", 1000}, {"\xC2\xB5s", 1000}, {"\xCE\xBCs", 1000},
                                {"ms", 1000000}, {"s", kNanosPerSecond}, {"m", 60 * kNanosPerSecond},
                                {"h", 3600 * kNanosPerSecond}};
  for (const Unit& u : kUnits) {
    if (s.substr(pos, u.name.size()) == u.name) {
      pos += u.name.size();
      return u.nanos;
    }
  }
  return 0;
}

}  // namespace

int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = FloorDiv(y, 400);
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Civil ToCivil(int64_t seconds, int32_t nanos, int32_t offset_seconds) {
  const int64_t local = seconds + offset_seconds;
  const int64_t days = FloorDiv(local, 86400);
  const int64_t secs = local - days * 86400;
  const int64_t z = days + 719468;
  const int64_t era = FloorDiv(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  Civil c;
  c.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  c.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  c.year = yoe + era * 400 + (c.month <= 2);
  c.hour = static_cast<int>(secs / 3600);
  c.minute = static_cast<int>(secs / 60 % 60);
  c.second = static_cast<int>(secs % 60);
  c.nanos = nanos;
  c.weekday = static_cast<int>((days + 4) - FloorDiv(days + 4, 7) * 7);  // 1970-01-01 was a Thursday
  c.yearday = static_cast<int>(days - DaysFromCivil(c.year, 1, 1));
  return c;
}

bool ParseTimestamp(std::string_view s, int64_t* seconds, int32_t* nanos, std::string* error) {
  size_t pos = 0;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  bool ok = Digits(s, pos, 4, &y) && Expect(s, pos, '-') && Digits(s, pos, 2, &mo) && Expect(s, pos, '-') &&
            Digits(s, pos, 2, &d) && Expect(s, pos, 'T', 't') && Digits(s, pos, 2, &h) && Expect(s, pos, ':') &&
            Digits(s, pos, 2, &mi) && Expect(s, pos, ':') && Digits(s, pos, 2, &sec);
  if (!ok) {
    // A five-digit year is well formed but beyond 9999.
    *error = s.size() > 4 && s[0] >= '0' && s[0] <= '9' && s[4] >= '0' && s[4] <= '9'
                 ? "timestamp out of range"
                 : "invalid timestamp '" + std::string(s) + "': expected RFC 3339";
    return false;
  }
  int32_t frac = 0;
  if (Expect(s, pos, '.')) {
    int digits = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (++digits > 9) break;
      frac = frac * 10 + (s[pos++] - '0');
    }
    if (digits == 0 || digits > 9) {
      *error = "invalid timestamp fraction in '" + std::string(s) + "'";
      return false;
    }
    for (; digits < 9; ++digits) frac *= 10;
  }
  int32_t offset = 0;
  if (!Expect(s, pos, 'Z', 'z') && !ParseOffset(s, pos, true, &offset)) {
    *error = "invalid timestamp '" + std::string(s) + "': expected Z or an offset";
    return false;
  }
  if (pos != s.size() || mo < 1 || mo > 12 || d < 1 || d > DaysInMonth(y, mo) || h > 23 || mi > 59 || sec > 59) {
    *error = "invalid timestamp '" + std::string(s) + "'";
    return false;
  }
  if (y == 0) {
    *error = "timestamp out of range";
    return false;
  }
  const int64_t t = DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - offset;
  if (t < kMinSeconds || t > kMaxSeconds) {
    *error = "timestamp out of range";
    return false;
  }
  *seconds = t;
  *nanos = frac;
  return true;
}

std::string FormatTimestamp(int64_t seconds, int32_t nanos) {
  const Civil c = ToCivil(seconds, nanos, 0);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02d-%02dT%02d:%02d:%02d", static_cast<long long>(c.year), c.month,
                c.day, c.hour, c.minute, c.second);
  return buf + Fraction(nanos) + "Z";
}

bool ParseDuration(std::string_view s, int64_t* nanos, std::string* error) {
  const std::string text(s);
  size_t pos = 0;
  bool negative = false;
  if (Expect(s, pos, '-')) negative = true;
  else Expect(s, pos, '+');
  if (s.substr(pos) == "0") {
    *nanos = 0;
    return true;
  }
  if (pos == s.size()) {
    *error = "invalid duration '" + text + "'";
    return false;
  }
  Int128 total = 0;
  const Int128 limit = Int128(INT64_MAX) + (negative ? 1 : 0);
  while (pos < s.size()) {
    Int128 whole = 0, frac = 0, scale = 1;
    bool any = false;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      whole = whole * 10 + (s[pos++] - '0');
      any = true;
      if (whole > limit) break;
    }
    if (Expect(s, pos, '.')) {
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        if (scale < Int128(1000000000000000000LL)) {
          frac = frac * 10 + (s[pos] - '0');
          scale *= 10;
        }
        ++pos;
        any = true;
      }
    }
    const int64_t unit = any ? DurationUnit(s, pos) : 0;
    if (unit == 0) {
      *error = "invalid duration '" + text + "': expected numbers with units h, m, s, ms, us or ns";
      return false;
    }
    total += whole * unit + frac * unit / scale;
    if (whole > limit || total > limit) {
      *error = "duration out of range";
      return false;
    }
  }
  *nanos = negative ? static_cast<int64_t>(-total) : static_cast<int64_t>(total);
  return true;
}

std::string FormatDuration(int64_t nanos) {
  const bool negative = nanos < 0;
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(nanos) : static_cast<uint64_t>(nanos);
  std::string out = negative ? "-" : "";
  out += std::to_string(magnitude / kNanosPerSecond);
  out += Fraction(static_cast<int32_t>(magnitude % kNanosPerSecond));
  return out + "s";
}

bool ParseTimeZone(std::string_view s, int32_t* offset_seconds, std::string* error) {
  if (s == "UTC" || s == "Etc/UTC") {
    *offset_seconds = 0;
    return true;
  }
  if (s == "Asia/Tokyo" || s == "Japan") {  // no daylight saving time since 1951
    *offset_seconds = 9 * 3600;
    return true;
  }
  size_t pos = 0;
  if (ParseOffset(s, pos, false, offset_seconds) && pos == s.size()) return true;
  *error = "unsupported time zone '" + std::string(s) +
           "': use UTC, Asia/Tokyo or a fixed offset such as +09:00";
  return false;
}

}  // namespace rurume::calendar::time
