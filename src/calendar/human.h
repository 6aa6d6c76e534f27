// Dates and times as people read them in the text and HTML reports and in
// finding messages: 2026年11月10日(火) 08:00 in Japanese, Tue 10 Nov 2026
// 08:00 in English, Japan time. Machine formats (JSON, SARIF, JUnit
// properties) keep ISO 8601 and do not use these.
#pragma once

#include "base/diagnostics.h"
#include "base/time.h"

#include <cstdint>
#include <string>

namespace rurume::calendar {

/// "2026年11月10日(火)", "Tue 10 Nov 2026".
std::string HumanDate(const Date& d, Lang lang);
/// The instant in Japan time: "2026年11月10日(火) 08:00" (seconds only when
/// they are not zero: "08:00:30"), "Tue 10 Nov 2026 08:00".
std::string HumanTimestamp(int64_t unix_seconds, Lang lang);

}  // namespace rurume::calendar
