// The policy functions at the ends of their ranges (issue 10): dates keep to
// the calendar's range, durations and counts are overflow-checked, and each
// gives an error value rather than a wrong value or an exception.
#include "bind/message_text.h"
#include "audit/audit.h"
#include "calendar/range.h"
#include "expr/program.h"
#include "rules/policy_functions.h"

#include <doctest/doctest.h>

#include <memory>
#include <string>

namespace rurume {
namespace {

struct PolicyEnv {
  std::shared_ptr<expr::Env> env = std::make_shared<expr::Env>();
  PolicyEnv() { RegisterPolicyFunctions(*env, std::make_shared<calendar::BusinessCalendar>()); }

  expr::Value Eval(const std::string& source) {
    expr::CompileResult r = expr::Compile(*env, source);
    INFO(source);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.errors[0].message));
    expr::Activation act(*env);
    return r.program->Eval(act);
  }
  bool True(const std::string& source) {
    const expr::Value v = Eval(source);
    INFO(source << " = " << v.DebugString());
    return v.is(expr::Kind::Bool) && v.bool_value();
  }
  std::string Error(const std::string& source) {
    const expr::Value v = Eval(source);
    INFO(source << " = " << v.DebugString());
    REQUIRE(v.is_error());
    return v.error().message;
  }
};

TEST_CASE_FIXTURE(PolicyEnv, "policy functions: addDays and addYears keep to 1400-01-01..9999-12-31") {
  // The reproducers of issue 10: both aborted in Value::DebugString (bad_year).
  CHECK(Error("date('9999-12-31').addDays(1)") == "date out of range (1400-01-01 to 9999-12-31)");
  CHECK(Error("date('1400-01-01').addDays(-1)") == "date out of range (1400-01-01 to 9999-12-31)");
  CHECK(Eval("date('9999-12-31').addDays(1)").DebugString() == "error(date out of range (1400-01-01 to 9999-12-31))");
  CHECK(True("date('9999-12-30').addDays(1) == date('9999-12-31') && date('1400-01-02').addDays(-1) == date('1400-01-01')"));
  CHECK(True("date('2026-01-31').addDays(29) == date('2026-03-01')"));
  CHECK(Error("date('2026-01-01').addDays(9223372036854775807)").find("out of range") != std::string::npos);
  CHECK(Error("date('2026-01-01').addDays(-9223372036854775807)").find("out of range") != std::string::npos);
  CHECK(Error("date('2026-01-01').addYears(9223372036854775807)").find("out of range") != std::string::npos);
  CHECK(Error("date('9999-01-01').addYears(1)").find("out of range") != std::string::npos);
  CHECK(Error("date('1400-06-01').addYears(-1)").find("out of range") != std::string::npos);
  CHECK(True("date('2024-02-29').addYears(1) == date('2025-02-28') && date('2024-02-29').addYears(4) == date('2028-02-29')"));
  CHECK(Eval("daysBetween(date('1400-01-01'), date('9999-12-31'))").int_value() == 3141084);
}

TEST_CASE_FIXTURE(PolicyEnv, "policy functions: hours() and days() are overflow-checked") {
  CHECK(Error("hours(9223372036854775807)") == "duration out of range");
  CHECK(Error("days(9223372036854775807)") == "duration out of range");
  CHECK(Error("days(106752)") == "duration out of range");  // 2562048 h > int64 nanoseconds
  CHECK(Error("hours(-2562048)") == "duration out of range");
  CHECK(True("days(106751) == hours(2562024) && hours(-2562047) < hours(0)"));
  CHECK(True("timestamp('2026-01-01T00:00:00Z') + hours(24) == timestamp('2026-01-02T00:00:00Z')"));
  CHECK(True("timestamp('2026-01-01T00:00:00Z') + days(2) == timestamp('2026-01-03T00:00:00Z')"));
  // A huge parameter no longer wraps around: the deadline is an error.
  CHECK(Eval("timestamp('9800-01-01T00:00:00Z') + hours(2562047)").is_error());  // beyond year 9999
}

TEST_CASE_FIXTURE(PolicyEnv, "policy functions: businessDeadline's count and instant are checked") {
  const std::string x = "timestamp('2026-11-20T10:00:00+09:00')";
  // Friday; Monday 11-23 is a holiday (勤労感謝の日): the end of Tuesday 11-24.
  CHECK(True("businessDeadline(" + x + ", 1) == timestamp('2026-11-25T00:00:00+09:00')"));
  // 2^32 + 1 was truncated to 1 business day.
  CHECK(Error("businessDeadline(" + x + ", 4294967297)") == "businessDeadline: more than 1000 business days");
  CHECK(Error("businessDeadline(" + x + ", 9223372036854775807)") == "businessDeadline: more than 1000 business days");
  CHECK(Error("businessDeadline(" + x + ", -1)") == "businessDeadline: a negative number of days");
  CHECK(Error("businessDeadline(timestamp('0001-01-01T00:00:00Z'), 1)").find("outside the calendar") != std::string::npos);
  CHECK(Eval("businessDeadline(timestamp('2099-12-30T00:00:00Z'), 3)").is_error());  // holidays unknown after 2099
}

TEST_CASE_FIXTURE(PolicyEnv, "policy functions: isHoliday and isBusinessDay are errors where holidays are unknown") {
  CHECK(True("isHoliday(date('2026-11-23')) && !isHoliday(date('2026-11-24')) && !isBusinessDay(date('2026-11-23'))"));
  CHECK(True("isHoliday(date('1970-01-01')) && isHoliday(date('2099-01-01'))"));  // the first and last known years
  CHECK(Error("isHoliday(date('2150-01-01'))") == "isHoliday: holidays are known for 1970-2099 only, not 2150-01-01");
  CHECK(Error("isHoliday(date('1969-12-31'))") == "isHoliday: holidays are known for 1970-2099 only, not 1969-12-31");
  CHECK(Error("isBusinessDay(date('2150-01-01'))").find("holidays are known for 1970-2099 only") != std::string::npos);
  CHECK(Error("isBusinessDay(date('1400-01-01'))").find("holidays are known for 1970-2099 only") != std::string::npos);
  // An error, not false: a rule `!isHoliday(d)` cannot pass on an unknown day.
  CHECK(Eval("!isHoliday(date('2150-01-01'))").is_error());
}

TEST_CASE_FIXTURE(PolicyEnv, "policy functions: toDate and endOfDay at the calendar's last day") {
  CHECK(True("timestamp('9999-12-31T14:59:59.999Z').toDate() == date('9999-12-31')"));
  CHECK(Error("timestamp('9999-12-31T15:00:00Z').toDate()").find("outside the calendar") != std::string::npos);
  CHECK(Error("timestamp('1399-12-31T23:59:59Z').toDate()").find("outside the calendar") != std::string::npos);
  CHECK(True("endOfDay(date('9999-12-31')) == timestamp('9999-12-31T15:00:00Z')"));
  CHECK(True("endOfDay(date('2026-11-24')) == timestamp('2026-11-25T00:00:00+09:00')"));
}

TEST_CASE_FIXTURE(PolicyEnv, "policy functions: a message shows any timestamp, in Japan time within the calendar") {
  // MessageText formatted every timestamp through Boost's calendar in Japan
  // time: 9999-12-31T15:00:00Z and later threw bad_year (issue 10, item 1).
  CHECK(MessageText(Eval("timestamp('9999-12-31T14:59:59Z')")) == "9999-12-31T23:59:59+09:00");
  CHECK(MessageText(Eval("endOfDay(date('9999-12-31'))")) == "9999-12-31T15:00:00Z");
  CHECK(MessageText(Eval("timestamp('9999-12-31T23:59:59Z')")) == "9999-12-31T23:59:59Z");
  CHECK(MessageText(Eval("timestamp('0001-01-01T00:00:00Z')")) == "0001-01-01T00:00:00Z");
  CHECK(MessageText(Eval("[date('9999-12-31'), timestamp('2026-11-24T00:00:00Z')]")) ==
        "9999-12-31, 2026-11-24T09:00:00+09:00");
}

}  // namespace
}  // namespace rurume
