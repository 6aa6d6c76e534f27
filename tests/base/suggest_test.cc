#include "base/suggest.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using rurume::SuggestionHint;
using rurume::Suggestions;

TEST_CASE("suggest: a close misspelling, a truncated id, a clause's rules, nothing") {
  std::vector<std::string_view> fields{"screen_lock", "screen_saver", "purpose", "remote_wipe"};
  CHECK(SuggestionHint("screen_lok", fields) == " (→ screen_lock?)");
  CHECK(SuggestionHint("purpos", fields) == " (→ purpose?)");
  CHECK(SuggestionHint("colour", fields).empty());
  CHECK(SuggestionHint("", fields).empty());
  CHECK(SuggestionHint("purpose", fields).empty());  // the name itself is no suggestion

  std::vector<std::string_view> rules{"N1.10-remote-control", "N1.2-shared-email", "N1.2-shared-password",
                                      "N1.13-retired-not-wiped"};
  CHECK(SuggestionHint("N1.10-remote", rules) == " (→ N1.10-remote-control?)");  // contained
  CHECK(SuggestionHint("N1.2-shared", rules) == " (→ N1.2-shared-email, N1.2-shared-password?)");
  CHECK(SuggestionHint("N1.2-weird-thing", rules) == " (→ N1.2-shared-email, N1.2-shared-password?)");  // same clause
  CHECK(Suggestions("N1.13-retired-not-wipd", rules) == std::vector<std::string_view>{"N1.13-retired-not-wiped"});

  std::vector<std::string_view> params{"report_hours", "takeout_window_days", "late_report_window_days"};
  CHECK(SuggestionHint("report_hour", params) == " (→ report_hours?)");
  CHECK(SuggestionHint("window_days", params) == " (→ takeout_window_days, late_report_window_days?)");
}
