// With waivers and a baseline, every format agrees with the JSON report on
// which findings are waived, which are new and which are fixed (read back by
// tests/report/readback.cc, a parser per format of the table).
#include "ops_helpers.h"
#include "../report/readback.h"
#include "report/formats.h"

#include <doctest/doctest.h>

using namespace rurume;
using nlohmann::json;
using testing::Check;
using testing::kReportTests;
using testing::Parsers;
using testing::Str;
using testing::Triaged;

TEST_CASE("triage: every format agrees on waived, new and fixed findings") {
  Check c;
  c.o.lang = Lang::En;
  c.o.waivers = kReportTests + "/fixtures/triage/waivers.yaml";
  c.o.baseline = kReportTests + "/fixtures/triage/baseline.json";
  const Triaged expected = Parsers().at("json")(c.Json().dump()).triage;
  CHECK(Str(expected.waived) == "A3-report-member G101/U002; N1.10-report-remote DV2; ");
  CHECK(Str(expected.added) == "N1.10-report-remote DV2; ");
  CHECK(Str(expected.fixed) == "N1.10-report-remote DV1; ");
  for (const Format& format : Formats()) {
    CAPTURE(format.name);
    auto parser = Parsers().find(format.name);
    REQUIRE_MESSAGE(parser != Parsers().end(), "no read-back parser for the format (tests/report/readback.cc)");
    c.o.reports = {{std::string(format.name), ""}};
    c.Run();
    if (const testing::ReadBack got = parser->second(c.out); !got.has_fixed) {
      // GitLab's Code Quality has no fixed findings: GitLab finds fixed issues itself.
      CHECK(Str(got.triage.waived) == Str(expected.waived));
      CHECK(Str(got.triage.added) == Str(expected.added));
      CHECK(got.triage.fixed.empty());
      continue;
    }
    const Triaged t = parser->second(c.out).triage;
    CHECK(Str(t.waived) == Str(expected.waived));
    CHECK(Str(t.added) == Str(expected.added));
    // SARIF has no fixed findings: each result is an alert (README, SARIF).
    if (format.name == "sarif") CHECK(t.fixed.empty());
    else CHECK(Str(t.fixed) == Str(expected.fixed));
  }
}
