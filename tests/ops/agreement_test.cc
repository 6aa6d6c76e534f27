// With waivers and a baseline, every format agrees with the JSON report on
// which findings are waived, which are new and which are fixed; with
// attestations, on the manual clauses' entries and their states, as far as
// each format shows them (read back by tests/report/readback.cc, a parser per
// format of the table).
#include "ops_helpers.h"
#include "../report/readback.h"
#include "report/formats.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

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

namespace {

std::string Str(const std::map<std::string, std::string>& entries) {
  std::string out;
  for (const auto& [entry, state] : entries) out += fmt::format("{}={}; ", entry, state);
  return out;
}

}  // namespace

TEST_CASE("attestations: every format agrees on the manual clauses' entries and states") {
  for (const char* facility : {"", "F001"}) {
    CAPTURE(facility);
    Check c;
    c.o.lang = Lang::En;
    c.o.verbose = true;  // the text report lists every facility
    c.o.facility = facility;
    c.o.attestations = kReportTests + "/fixtures/triage/attestations.yaml";
    const std::map<std::string, std::string> expected = Parsers().at("json")(c.Json().dump()).manual;
    if (*facility) {
      // A facility's report: its own entries only, no network-wide clause.
      CHECK(Str(expected) ==
            "A2 F001=attested; A6.1 F001=missing; A6.3 F001=missing; N1.8 F001=attested; N1.9 F001=attested; "
            "N3 F001=missing; N5.2 F001=missing; N8.1 F001=missing; N8.2 F001=missing; ");
    } else {
      REQUIRE(expected.size() == 4 + 9 * 3);  // 4 network-wide clauses, 9 per facility for F000-F002
      // (Not a structured binding: clang does not let doctest's CAPTURE and CHECK capture one.)
      for (const auto& want :
           std::map<std::string, std::string>{{"A14 -", "attested"}, {"N6.2 -", "expiring"}, {"N6.6 -", "expired"},
                                              {"N6.7 -", "missing"}, {"N1.8 F001", "attested"}, {"N1.8 F002", "expiring"},
                                              {"N1.8 F000", "missing"}, {"N1.9 F001", "attested"}, {"N1.9 F002", "expiring"},
                                              {"N1.9 F000", "expired"}, {"A2 F001", "attested"}, {"N3 F002", "missing"}}) {
        CAPTURE(want.first);
        CHECK(expected.at(want.first) == want.second);
      }
    }
    for (const Format& format : Formats()) {
      CAPTURE(format.name);
      c.o.reports = {{std::string(format.name), ""}};
      c.Run();
      const testing::ReadBack got = Parsers().find(format.name)->second(c.out);
      CHECK(Str(got.manual) == Str(testing::ManualAs(expected, got.manual_view)));
    }
  }
}
