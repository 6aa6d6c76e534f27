// Japanese national holidays (国民の祝日に関する法律, 昭和23年法律第178号)
// for 1970–2099, computed from the rules of the law as amended, not from a
// table of dates.
//
// Names are those of the Cabinet Office's official list: the holiday's name
// as the law called it that year, "休日" for a substitute holiday (振替休日)
// and for a citizens' holiday (国民の休日), and the one-off days by the name
// the official list gives them (2019-05-01 and 2019-10-22 appear there as
// "休日（祝日扱い）").
//
// Outside 1970–2099 nothing is known: HolidayName() gives nullopt and
// HolidaysOf() an empty list. The equinox days use the approximation formula
// valid for 1900–2099; the law leaves them to the annual announcement of the
// National Astronomical Observatory, so a far-future year may yet differ.
#pragma once

#include "base/time.h"

#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace rurume::calendar {

/// The years this module knows.
inline constexpr int kFirstHolidayYear = 1970;
inline constexpr int kLastHolidayYear = 2099;

enum class HolidayKind : uint8_t {
  National,    // a 国民の祝日 named in the law (Art. 2)
  Special,     // a one-off day off by its own act (大喪の礼, 即位礼正殿の儀, ...)
  Substitute,  // 振替休日 (Art. 3(2))
  Citizens,    // 国民の休日 (Art. 3(3))
};

struct Holiday {
  Date date;
  std::string_view name;     // Japanese, as in the official list
  std::string_view english;  // for the English calendar listing
  HolidayKind kind = HolidayKind::National;
};

/// The Japanese name of the holiday on `d`; nullopt for an ordinary day and
/// for any day outside 1970–2099.
std::optional<std::string_view> HolidayName(Date d);

/// The holiday on `d` with its kind and English name; nullopt as HolidayName.
std::optional<Holiday> HolidayOn(Date d);

inline bool IsHoliday(Date d) { return HolidayOn(d).has_value(); }

/// Every holiday of `year` in date order; empty outside 1970–2099.
const std::vector<Holiday>& HolidaysIn(int year);

/// The same as (date, Japanese name) pairs.
std::vector<std::pair<Date, std::string_view>> HolidaysOf(int year);

/// 春分の日 and 秋分の日 of `year` (1900–2099) by the approximation formula.
Date VernalEquinoxDay(int year);
Date AutumnalEquinoxDay(int year);

}  // namespace rurume::calendar
