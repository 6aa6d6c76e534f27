#include "bind/message_text.h"

#include "calendar/range.h"
#include "calendar/time_util.h"
#include "load/scalars.h"

namespace rurume {

using expr::Value;

namespace {

Timestamp AsTimestamp(boost::posix_time::ptime utc) { return Timestamp{utc, true}; }

}  // namespace

std::string MessageText(const Value& v) {
  switch (v.kind()) {
    case expr::Kind::String: return std::string(v.string_value());
    case expr::Kind::Date: return FormatDate(v.date_value());
    case expr::Kind::Timestamp:
      // In Japan time within the calendar's range; CEL's timestamps reach
      // beyond it (to 9999-12-31T23:59:59Z, 10000-01-01 in Japan): in UTC.
      if (!calendar::InRange(v.timestamp_seconds()))
        return calendar::time::FormatTimestamp(v.timestamp_seconds(), v.timestamp_nanos());
      return FormatTimestamp(AsTimestamp(v.timestamp_value()));
    case expr::Kind::List: {
      std::string out;
      for (size_t i = 0; i < v.list().size(); ++i) out += (i ? ", " : "") + MessageText(v.list().at(i));
      return out;
    }
    default: return v.DebugString();
  }
}

}  // namespace rurume
