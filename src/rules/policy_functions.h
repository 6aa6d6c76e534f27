// The functions rules need beyond CEL's: date arithmetic, Japan time, and
// deadlines in hours and in the secretariat's business days.
//
//   d.addDays(int) -> date         d.addYears(int) -> date (Feb 29 -> Feb 28)
//   daysBetween(date a, date b)    -> int, b - a in days
//   t.toDate() -> date             the calendar day of instant t in Japan (UTC+9)
//   endOfDay(date) -> timestamp    24:00 Japan time of that day (the next day's start)
//   hours(int), days(int) -> duration
//   businessDeadline(timestamp x, int n) -> timestamp
//                                  the end of the n-th business day after the day
//                                  of x (Japan time); a report is in time when it is
//                                  earlier than this instant
//   isBusinessDay(date) -> bool
//   isHoliday(date) -> bool        a national holiday (incl. 振替休日, 国民の休日)
#pragma once

#include "calendar/business_days.h"
#include "expr/env.h"

#include <memory>

namespace rurume {

/// Adds the functions to `env`. The business-day functions read `calendar`,
/// which must outlive every program compiled against `env`.
void RegisterPolicyFunctions(expr::Env& env, std::shared_ptr<const calendar::BusinessCalendar> calendar);

}  // namespace rurume
