// The project's vocabulary of time and place, below every layer: a calendar
// date, an instant, and where something starts in the input.
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <cstdint>

namespace rurume {

using Date = boost::gregorian::date;

/// An instant. `utc` is the instant in UTC; `offset_given` is false when the
/// export wrote no offset and Japan time (UTC+9) was assumed.
struct Timestamp {
  boost::posix_time::ptime utc;
  bool offset_given = true;
  friend bool operator==(const Timestamp& a, const Timestamp& b) { return a.utc == b.utc; }
};

/// Where something starts in the input: 1-based line and column (columns
/// count Unicode characters). `file` indexes Export::files.
struct Loc {
  uint32_t file = 0;
  uint32_t line = 0;
  uint32_t column = 0;
};

}  // namespace rurume
