// Waivers (--waivers): the file's checks, each at its position
// (tests/ops/waivers/: valid, invalid and unknown files, whose comments say
// what they must give), subject patterns, active, expired and unused
// waivers, and the exit status of waived findings.
#include "audit/waivers.h"
#include "cli/commands.h"
#include "load/loader.h"
#include "load/scalars.h"
#include "ops_helpers.h"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;
using namespace rurume;
using testing::Check;
using testing::CopyTestRules;
using testing::kReportTests;
using testing::Slurp;
using testing::TempDir;
using testing::WaiverYaml;
using testing::ExpectedDiagnostics;
using testing::FilesOf;
using testing::Positions;
using testing::Write;

namespace {

const std::string kWaivers = std::string(RURUME_TEST_DATA) + "/ops/waivers";

/// The report tests' rule set, loaded.
struct TestRules {
  TempDir dir;
  Diagnostics diags;
  std::optional<RuleSet> rules;
  TestRules() {
    CopyTestRules(dir.path);
    rules = RuleSet::Load(dir.path.string(), "", diags);
    REQUIRE(rules);
  }
};

Triage WithWaivers(std::vector<Waiver> waivers) {
  Triage t;
  t.waivers_file = "w.yaml";
  t.waivers = std::move(waivers);
  return t;
}

}  // namespace

TEST_CASE("waivers: subject patterns, * and ? by character") {
  CHECK(MatchesSubject("DV0048", "DV0048"));
  CHECK(!MatchesSubject("DV0048", "DV00481"));
  CHECK(!MatchesSubject("DV0048", "DV004"));
  CHECK(MatchesSubject("DV00*", "DV0048"));
  CHECK(MatchesSubject("DV00*", "DV00"));
  CHECK(MatchesSubject("*", "anything/at all"));
  CHECK(MatchesSubject("G101/*", "G101/U0007"));
  CHECK(!MatchesSubject("G101/*", "G1011/U0007"));
  CHECK(MatchesSubject("*/U0007", "G101/U0007"));
  CHECK(MatchesSubject("G*/U*7", "G101/U0007"));
  CHECK(!MatchesSubject("G*/U*8", "G101/U0007"));
  CHECK(MatchesSubject("U00?", "U002"));
  CHECK(!MatchesSubject("U00?", "U0021"));
  CHECK(!MatchesSubject("U00?", "U00"));
  CHECK(MatchesSubject("事業所?", "事業所Ａ"));  // ? is one character, not one byte
  CHECK(MatchesSubject("**a*", "bba"));
  CHECK(!MatchesSubject("a*b", "acbd"));
  CHECK(!MatchesSubject("", "x"));
}

TEST_CASE("waivers: the valid files load, every field read") {
  TestRules t;
  for (const fs::path& file : FilesOf(kWaivers + "/valid")) {
    CAPTURE(file);
    Diagnostics diags;
    auto waivers = LoadWaivers(file.string(), *t.rules, diags);
    CHECK(diags.all().empty());
    CHECK(waivers);
  }
  Diagnostics diags;
  auto waivers = LoadWaivers(kWaivers + "/valid/every-form.yaml", *t.rules, diags);
  REQUIRE(waivers);
  REQUIRE(waivers->size() == 3);
  const Waiver& w = (*waivers)[0];
  CHECK(w.rule == "N1.10-report-remote");
  CHECK(w.clause.empty());
  CHECK(w.subject == "DV2");
  CHECK(w.justification == "端末入替まで");
  CHECK(w.approved_by == "事務局 山田");
  CHECK(w.expires == Date(2026, 12, 31));
  CHECK(w.file == kWaivers + "/valid/every-form.yaml");
  CHECK(w.line == 3);
  CHECK(w.column == 5);
  CHECK((*waivers)[1].clause == "A3");
  CHECK((*waivers)[1].subject == "G101/*");
  CHECK((*waivers)[1].justification == "合同カンファレンス: 期間中のみ");
  CHECK((*waivers)[1].expires == Date(2026, 11, 30));
  CHECK((*waivers)[2].line == 13);
}

TEST_CASE("waivers: every problem is an error at its line and column") {
  TestRules t;
  std::vector<fs::path> files = FilesOf(kWaivers + "/invalid");
  for (const fs::path& f : FilesOf(kWaivers + "/unknown")) files.push_back(f);
  CHECK(files.size() >= 10);
  for (const fs::path& file : files) {
    CAPTURE(file);
    Diagnostics diags;
    CHECK(!LoadWaivers(file.string(), *t.rules, diags));
    REQUIRE(!ExpectedDiagnostics(file).empty());
    CHECK(Positions(diags.all()) == ExpectedDiagnostics(file));
    for (const Diagnostic& d : diags.all()) {
      CHECK(d.file == file.string());
      CHECK(d.level == Level::Error);
    }
  }
  // The messages name what is wrong, in both languages.
  Diagnostics diags;
  LoadWaivers(kWaivers + "/invalid/missing-justification.yaml", *t.rules, diags);
  REQUIRE(diags.all().size() == 1);
  CHECK(diags.all()[0].Message(Lang::En) == "waiver lacks justification");
  CHECK(diags.all()[0].Message(Lang::Ja) == "免除に justification がありません");
  Diagnostics unknown;
  LoadWaivers(kWaivers + "/unknown/unknown-rule.yaml", *t.rules, unknown);
  CHECK(unknown.all()[0].Message(Lang::En) == "no rule N1.10-report-remot (→ N1.10-report-remote?)");
}

TEST_CASE("waivers: active through the day it expires, then expired; unused when it matches nothing") {
  TestRules t;
  Diagnostics diags;
  Export ex = LoadExport({kReportTests + "/fixtures/export"}, diags);
  AuditResult audit = RunAudit(*t.rules, ex, AuditOptions{Date(2026, 11, 24), Lang::En}, diags);
  REQUIRE(diags.all().empty());
  auto waivers = LoadWaivers(kWaivers + "/valid/every-form.yaml", *t.rules, diags);
  REQUIRE(waivers);
  auto waived = [&](const Triage& triage) {
    std::vector<std::string> ids;
    for (size_t i = 0; i < audit.findings.size(); ++i)
      if (triage.waived_by[i]) ids.push_back(audit.findings[i].subject.id);
    std::sort(ids.begin(), ids.end());
    return ids;
  };

  // 2026-11-23: all three active; U00? waives the two suspended users.
  Triage before = WithWaivers(*waivers);
  Diagnostics d1;
  ApplyWaivers(audit, Date(2026, 11, 23), before, d1);
  CHECK(waived(before) == std::vector<std::string>{"DV2", "G101/U002", "U002", "U003"});
  CHECK(d1.all().empty());
  CHECK(before.waivers[2].matched == 2);

  // 2026-11-24: the third expired the day before; a warning at its position.
  Triage after = WithWaivers(*waivers);
  Diagnostics d2;
  ApplyWaivers(audit, Date(2026, 11, 24), after, d2);
  CHECK(waived(after) == std::vector<std::string>{"DV2", "G101/U002"});
  CHECK(after.waivers[2].expired);
  CHECK(after.waivers[2].matched == 0);
  REQUIRE(d2.all().size() == 1);
  CHECK(d2.all()[0].code == Code::WaiverExpired);
  CHECK(d2.all()[0].level == Level::Warning);
  CHECK(d2.all()[0].line == 13);
  CHECK(d2.all()[0].Message(Lang::En) == "the waiver of A6.4-report-user U00? expired on 2026-11-23; it no longer waives");

  // 2026-12-01: the clause waiver expired too (2026-11-30), DV2's still holds.
  Triage later = WithWaivers(*waivers);
  Diagnostics d3;
  ApplyWaivers(audit, Date(2026, 12, 1), later, d3);
  CHECK(waived(later) == std::vector<std::string>{"DV2"});
  CHECK(d3.all().size() == 2);

  // A waiver of a subject without findings is unused.
  Triage unused = WithWaivers({(*waivers)[0]});
  unused.waivers[0].subject = "DV1";
  Diagnostics d4;
  ApplyWaivers(audit, Date(2026, 11, 24), unused, d4);
  CHECK(waived(unused).empty());
  REQUIRE(d4.all().size() == 1);
  CHECK(d4.all()[0].code == Code::WaiverUnused);
  CHECK(d4.all()[0].line == 3);
  CHECK(d4.all()[0].column == 5);
}

TEST_CASE("waivers: waived findings do not count for the exit status, but are still reported") {
  Check c;
  // The fixture's errors: N1.10 DV2, A3 G101/U002 (a member), N7.1 PS001.
  CHECK(c.Run() == kExitFindings);
  c.Waivers("waivers:\n" + WaiverYaml("rule", "N1.10-report-remote", "DV2", "2026-12-31") +
            WaiverYaml("clause", "A3", "G101/*", "2026-11-24") + WaiverYaml("rule", "N7.1-report-post", "PS*", "2026-12-31"));
  c.o.reports = {{"json", ""}};
  CHECK(c.Run() == kExitOk);
  CHECK(c.out.find("\"waived\": {") != std::string::npos);
  CHECK(c.out.find("\"total\": 7") != std::string::npos);  // still reported
  CHECK(c.out.find("\"waived\": 3") != std::string::npos);
  // Warnings still give 0 by default, and 1 under --fail-on warning.
  c.o.fail_on = FailOn::Warning;
  CHECK(c.Run() == kExitFindings);
  c.o.fail_on = FailOn::Error;
  // An expired waiver no longer waives: its finding fails again.
  c.Waivers("waivers:\n" + WaiverYaml("rule", "N1.10-report-remote", "DV2", "2026-12-31") +
            WaiverYaml("clause", "A3", "G101/*", "2026-11-23") + WaiverYaml("rule", "N7.1-report-post", "PS*", "2026-12-31"));
  CHECK(c.Run() == kExitFindings);
  CHECK(c.out.find("RA3010") != std::string::npos);
}

TEST_CASE("waivers: an error in the file stops check before any export is read") {
  Check c;
  c.o.paths = {(c.scratch.path / "no-such-export.yaml").string()};
  c.Waivers("waivers:\n  - rule: N1.10-report-remote\n    subject: DV2\n    approved_by: x\n    expires: 2026-12-31\n");
  CHECK(c.Run() == kExitUntrusted);
  CHECK(c.err.find("waivers.yaml:2:5: エラー[RA3002]: 免除に justification がありません") != std::string::npos);
  CHECK(c.err.find("no-such-export") == std::string::npos);  // never read
  CHECK(c.out.empty());                                     // no report
  c.o.waivers = (c.scratch.path / "missing.yaml").string();
  CHECK(c.Run() == kExitUntrusted);
  CHECK(c.err.find("RA1004") != std::string::npos);
  CHECK(c.err.find("no-such-export") == std::string::npos);
}
