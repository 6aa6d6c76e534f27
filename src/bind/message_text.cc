#include "bind/message_text.h"

#include "calendar/human.h"
#include "calendar/range.h"
#include "calendar/time_util.h"
#include "load/scalars.h"
#include "model/schema.h"

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

std::string MessageText(const Value& v, Lang lang, const EnumDesc* labels) {
  switch (v.kind()) {
    case expr::Kind::String:
      if (labels) return std::string(labels->LabelOf(v.string_value(), lang));
      return std::string(v.string_value());
    case expr::Kind::Date: return calendar::HumanDate(v.date_value(), lang);
    case expr::Kind::Timestamp:
      if (!calendar::InRange(v.timestamp_seconds())) return MessageText(v);
      return calendar::HumanTimestamp(v.timestamp_seconds(), lang);
    case expr::Kind::List: {
      std::string out;
      const char* sep = lang == Lang::Ja ? "、" : ", ";
      for (size_t i = 0; i < v.list().size(); ++i) out += (i ? sep : "") + MessageText(v.list().at(i), lang, labels);
      return out;
    }
    default: return MessageText(v);
  }
}

}  // namespace rurume
