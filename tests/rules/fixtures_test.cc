// Every rule of rules/ against its fixtures in tests/rules/<rule-id>/, by the
// code of `rurume-audit test` (src/audit/fixtures.h, which states the
// fixtures' conventions), so that the project's own fixture test and the
// command cannot drift; and that code against fixtures and rules made to be
// wrong in each way it catches.
#include "audit/fixtures.h"
#include "load/scalars.h"
#include "report/fixture_text.h"
#include "rules/ruleset.h"
#include "../temp_dir.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

namespace fs = std::filesystem;
using namespace rurume;
using rurume::testing::TempDir;
using Kind = FixtureProblem::Kind;

namespace {

/// The checkout whose rules and fixtures are tested: this one, or the one
/// RURUME_RULES_CHECKOUT names (another worktree's rules against this build).
std::string Checkout(const std::string& built_in, const char* below) {
  const char* other = std::getenv("RURUME_RULES_CHECKOUT");
  return other && *other ? std::string(other) + below : built_in;
}
const std::string kFixtures = Checkout(std::string(RURUME_TEST_DATA) + "/rules", "/tests/rules");
const std::string kRules = Checkout(std::string(RURUME_SOURCE_DIR) + "/rules", "/rules");

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The 1-based line of `needle` in `text`.
size_t LineOf(const std::string& text, const std::string& needle) {
  const size_t at = text.find(needle);
  REQUIRE_MESSAGE(at != std::string::npos, needle);
  return static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n')) + 1;
}

RuleSet Load(const std::string& dir) {
  Diagnostics diags;
  auto rules = RuleSet::Load(dir, "", diags);
  for (const Diagnostic& d : diags.all()) MESSAGE(d.file, ":", d.line, ":", d.column, ": ", d.Message(Lang::En));
  REQUIRE(rules.has_value());
  return std::move(*rules);
}

const RuleFixtures& Of(const FixtureRun& run, const std::string& id) {
  auto it = std::find_if(run.rules.begin(), run.rules.end(), [&](const RuleFixtures& r) { return r.rule_id == id; });
  REQUIRE(it != run.rules.end());
  return *it;
}

/// A rule's problems as (kind, fixture file name, line, subject), sorted.
using Seen = std::tuple<Kind, std::string, size_t, std::string>;
std::set<Seen> Problems(const RuleFixtures& r) {
  std::set<Seen> out;
  for (const FixtureProblem& p : r.problems)
    out.insert({p.kind, p.file.empty() ? "" : fs::path(p.file).filename().string(), p.line, p.subject});
  return out;
}

std::string Listing(const RuleFixtures& r) {
  std::string out;
  for (const FixtureProblem& p : r.problems)
    out += fmt::format("\n  {}:{}: {}", p.file, p.line, FixtureProblemText(p, Lang::En));
  return out;
}

/// A copy of rules/ in `dir`, with `from` replaced by `to` in one rule file.
std::string RulesWith(const TempDir& dir, const std::string& rule, const std::string& from, const std::string& to) {
  const fs::path copy = dir.path() / "rules";
  fs::copy(kRules, copy, fs::copy_options::recursive);
  const std::string path = (copy / (rule + ".yaml")).string();
  std::string text = ReadAll(path);
  const size_t at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, rule, ": ", from);
  text.replace(at, from.size(), to);
  std::ofstream(path, std::ios::binary) << text;
  return copy.string();
}

}  // namespace

TEST_CASE("every rule fires and passes exactly as its fixtures say") {
  const RuleSet rules = Load(kRules);
  REQUIRE(!rules.rules().empty());
  const FixtureRun run = RunFixtures(rules, kFixtures);
  for (const Diagnostic& d : run.base_errors) FAIL_CHECK(d.file, ":", d.line, ": ", d.Message(Lang::En));
  REQUIRE(run.rules.size() == rules.rules().size());
  for (const RuleFixtures& r : run.rules) CHECK_MESSAGE(r.passed(), r.rule_id, ":", Listing(r));
  // Every fixture directory belongs to a rule.
  for (const std::string& dir : run.strays) FAIL_CHECK(dir, " names no rule");
  CHECK(run.passed());
  CHECK(run.fixtures() >= 2 * rules.rules().size());
}

TEST_CASE("fixtures: the comments") {
  TempDir dir;
  const std::string text =
      "# as-of: 2026-11-24\n"
      "# param: review_interval_days=30\n"
      "# base: none\n"
      "devices:\n"
      "  # expect: DV1 \"持ち出し 2026-11-02\"\n"
      "  # a comment between\n"
      "  - id: DV1\n"
      "  # expect-not-evaluated: DV3 device.mdm device.line_suspension\n"
      "  - id: DV3\n"
      "  # expect: DV4\n"
      "  - {id: DV4}\n";
  const Fixture f = ReadFixture(dir.Write("f.yaml", text));
  REQUIRE(f.as_of.has_value());
  CHECK(FormatDate(*f.as_of) == "2026-11-24");
  CHECK(f.params.at("review_interval_days") == "30");
  CHECK(f.param_lines.at("review_interval_days") == 2);
  CHECK(!f.with_base);
  CHECK(f.findings == std::set<std::string>{"DV1@7", "DV4@11"});
  CHECK(f.texts.at("DV1@7") == "持ち出し 2026-11-02");
  CHECK(f.texts.count("DV4@11") == 0);
  CHECK(f.expect_lines.at("DV1@7") == 5);
  CHECK(f.not_evaluated.at("DV3") == "device.line_suspension device.mdm");
  CHECK(f.not_evaluated_lines.at("DV3") == 8);
  CHECK(f.mistakes.empty());
  CHECK(f.fires());

  const Fixture bad = ReadFixture(dir.Write("bad.yaml",
                                            "# as-of: 2026-02-30\n"
                                            "# param: review_interval_days\n"
                                            "# expect: DV1 \"unterminated\n"
                                            "# expect:\n"));
  CHECK(!bad.as_of.has_value());
  REQUIRE(bad.mistakes.size() == 4);
  CHECK(bad.mistakes[0].kind == Fixture::Mistake::BadAsOf);
  CHECK(bad.mistakes[1].kind == Fixture::Mistake::BadParam);
  CHECK(bad.mistakes[2].kind == Fixture::Mistake::UnterminatedQuote);
  CHECK(bad.mistakes[3].kind == Fixture::Mistake::NoSubject);
  CHECK(bad.mistakes[3].line == 4);
  CHECK(!bad.fires());
}

TEST_CASE("fixtures: each difference between a fixture and its rule") {
  TempDir dir;
  const std::string fixtures = (dir.path() / "fixtures").string();
  dir.Write("fixtures/base.yaml", ReadAll(kFixtures + "/base.yaml"));
  const std::string device = "    facility: F001\n    type: pc\n    status: in_use\n";
  const std::string wrong =
      "# as-of: 2026-11-24\n"
      "format: rurume-export/1\n"
      "devices:\n"
      "  # expect: DV1 \"画面ロックがかかっていません\"\n"
      "  - id: DV1\n" + device + "    screen_lock: false\n"
      "  # expect: DV2\n"
      "  - id: DV2\n" + device + "    screen_lock: true\n"
      "  - id: DV3\n" + device + "    screen_lock: false\n"
      "  # expect: DV4 \"画面ロックがあります\"\n"
      "  - id: DV4\n" + device + "    screen_lock: false\n"
      "  # expect-not-evaluated: DV5 device.status\n"
      "  - id: DV5\n" + device +
      "  # expect-not-evaluated: DV6 device.screen_lock\n"
      "  - id: DV6\n" + device + "    screen_lock: true\n"
      "  - id: DV7\n" + device;
  dir.Write("fixtures/N1.4-screen-lock/wrong.yaml", wrong);
  dir.Write("fixtures/N1.4-screen-lock/passes.yaml", "# as-of: 2026-11-24\nformat: rurume-export/1\n");
  const std::string mistakes =
      "# param: no_such_param=3\n"
      "# expect: DV1 \"unterminated\n"
      "format: rurume-export/1\n";
  dir.Write("fixtures/N1.4-screen-lock/mistakes.yaml", mistakes);
  dir.Write("fixtures/N1.4-screen-lock/unknown-param.yaml",
            "# as-of: 2026-11-24\n# param: no_such_param=3\nformat: rurume-export/1\n");
  dir.Write("fixtures/N1.4-screen-lock/broken.yaml", "# as-of: 2026-11-24\nformat: rurume-export/1\ndevices: [\n");
  // A fixture that cannot be read (a dangling link) is an input error, not a fixture without an as-of date.
  fs::create_symlink(dir.path() / "nowhere.yaml", fs::path(fixtures) / "N1.4-screen-lock" / "dangling.yaml");
  // A5: only a fixture where it passes; A10: only one where it fires, and
  // its finding (no confirmation on record) has no deadline.
  dir.Write("fixtures/A5-facility-mcs-admin/passes.yaml", "# as-of: 2026-11-24\nformat: rurume-export/1\n");
  dir.Write("fixtures/A10-loss-procedure-confirmed/fires.yaml",
            "# as-of: 2026-11-24\nformat: rurume-export/1\nfacilities:\n"
            "  # expect: F002\n  - id: F002\n    name: 診療所A\n    kind: clinic\n    status: active\n");
  fs::create_directories(fs::path(fixtures) / "Z9-no-such-rule");

  const RuleSet rules = Load(kRules);
  const FixtureRun run = RunFixtures(rules, fixtures);
  CHECK(run.base == fixtures + "/base.yaml");
  CHECK(run.base_errors.empty());
  CHECK(!run.passed());
  CHECK(run.failed() == rules.rules().size());  // every other rule has no fixtures
  CHECK(run.strays == std::vector<std::string>{fixtures + "/Z9-no-such-rule"});

  const RuleFixtures& screen = Of(run, "N1.4-screen-lock");
  CHECK(screen.fixtures.size() == 6);
  const std::set<Seen> want{
      {Kind::MissingFinding, "wrong.yaml", LineOf(wrong, "# expect: DV2"), "DV2"},
      {Kind::UnexpectedFinding, "wrong.yaml", LineOf(wrong, "- id: DV3"), "DV3"},
      {Kind::WrongText, "wrong.yaml", LineOf(wrong, "# expect: DV4"), "DV4"},
      {Kind::WrongNotEvaluated, "wrong.yaml", LineOf(wrong, "# expect-not-evaluated: DV5"), "DV5"},
      {Kind::MissingNotEvaluated, "wrong.yaml", LineOf(wrong, "# expect-not-evaluated: DV6"), "DV6"},
      {Kind::UnexpectedNotEvaluated, "wrong.yaml", LineOf(wrong, "- id: DV7"), "DV7"},
      {Kind::UnterminatedQuote, "mistakes.yaml", 2, ""},
      {Kind::NoAsOf, "mistakes.yaml", 0, ""},
      {Kind::RulesError, "unknown-param.yaml", 2, ""},
      {Kind::InputError, "broken.yaml", 4, ""},
      {Kind::InputError, "dangling.yaml", 0, ""},
  };
  CHECK_MESSAGE(Problems(screen) == want, Listing(screen));
  for (const FixtureProblem& p : screen.problems) {
    if (p.kind == Kind::WrongNotEvaluated) {
      CHECK(p.expected == "device.status");
      CHECK(p.actual == "device.screen_lock");
    }
    if (p.kind == Kind::WrongText) {
      CHECK(p.expected == "画面ロックがあります");
      CHECK(p.actual.find("機器 DV4") != std::string::npos);
    }
    if (p.kind == Kind::UnexpectedFinding) {
      CHECK(p.actual.find("device DV3") != std::string::npos);
      CHECK(p.actual_ja.find("機器 DV3") != std::string::npos);
    }
    if (p.kind == Kind::RulesError) {
      REQUIRE(p.diagnostic.has_value());
      CHECK(p.diagnostic->code == Code::ConfigUnknownParam);
      CHECK(p.diagnostic->file == fixtures + "/N1.4-screen-lock/unknown-param.yaml");
    }
  }
  CHECK((Problems(Of(run, "A5-facility-mcs-admin")) == std::set<Seen>{{Kind::NeverFires, "", 0, ""}}));
  CHECK_MESSAGE((Problems(Of(run, "A10-loss-procedure-confirmed")) ==
                 std::set<Seen>{{Kind::NeverPasses, "", 0, ""}, {Kind::NoDeadlineShown, "", 0, ""}}),
                Listing(Of(run, "A10-loss-procedure-confirmed")));
  CHECK((Problems(Of(run, "N1.10-remote-control")) == std::set<Seen>{{Kind::NoFixtures, "", 0, ""}}));

  // The report, in both languages: per rule, with the differences.
  const std::string ja = FixtureRunText(run, Lang::Ja);
  const std::string en = FixtureRunText(run, Lang::En);
  CHECK(ja.find("不合格 N1.4-screen-lock (フィクスチャ 6 件)\n") != std::string::npos);
  CHECK(ja.find(fmt::format("wrong.yaml:{}: DV2 の指摘がありません", LineOf(wrong, "# expect: DV2"))) != std::string::npos);
  CHECK(ja.find("不合格 N1.10-remote-control (フィクスチャ 0 件)\n    フィクスチャがありません\n") != std::string::npos);
  CHECK(ja.find("Z9-no-such-rule: この名前のルールはありません") != std::string::npos);
  CHECK(en.find("FAIL N1.4-screen-lock (6 fixtures)\n") != std::string::npos);
  CHECK(en.find(fmt::format("wrong.yaml:{}: an unexpected finding for DV3: \"device DV3", LineOf(wrong, "- id: DV3"))) !=
        std::string::npos);
  CHECK(en.find("unknown-param.yaml:2:1: error[RA2021]") != std::string::npos);
  CHECK(en.find(fmt::format("{} rules: 0 passed, {} failed", rules.rules().size(), rules.rules().size())) !=
        std::string::npos);
}

TEST_CASE("fixtures: a finding in base.yaml, and a base.yaml that does not load") {
  TempDir dir;
  const std::string fixtures = (dir.path() / "fixtures").string();
  const std::string base = ReadAll(kFixtures + "/base.yaml");
  dir.Write("fixtures/base.yaml", base + "devices:\n  - id: DV9\n    facility: F001\n    type: pc\n"
                                         "    status: in_use\n    screen_lock: false\n");
  dir.Write("fixtures/N1.4-screen-lock/passes.yaml", "# as-of: 2026-11-24\nformat: rurume-export/1\n");
  dir.Write("fixtures/N1.4-screen-lock/alone.yaml", "# as-of: 2026-11-24\n# base: none\nformat: rurume-export/1\n"
                                                    "network: {name: x}\nexported_at: 2026-11-24T02:00:00+09:00\n");
  const RuleSet rules = Load(kRules);
  const FixtureRun run = RunFixtures(rules, fixtures);
  const RuleFixtures& screen = Of(run, "N1.4-screen-lock");
  // The finding is about base.yaml's DV9, in passes.yaml only (alone.yaml is not merged with base.yaml).
  const size_t line = LineOf(ReadAll(fixtures + "/base.yaml"), "- id: DV9");
  CHECK_MESSAGE((Problems(screen) == std::set<Seen>{{Kind::FindingInBase, "passes.yaml", line, "DV9"},
                                                    {Kind::NeverFires, "", 0, ""}}),
                Listing(screen));

  dir.Write("fixtures/base.yaml", "format: rurume-export/1\nfacilities: [\n");
  const FixtureRun broken = RunFixtures(rules, fixtures);
  CHECK(!broken.base_errors.empty());
  CHECK(broken.rules.empty());
}

TEST_CASE("fixtures: a failed placeholder and an absent evidence field left not evaluated") {
  TempDir dir;
  const std::string fixtures = (dir.path() / "fixtures").string();
  dir.Write("fixtures/base.yaml", ReadAll(kFixtures + "/base.yaml"));
  SUBCASE("a placeholder that does not evaluate") {
    const std::string rules_dir = RulesWith(dir, "N1.4-screen-lock", "に画面ロックがかかっていません\"",
                                            "に画面ロックがかかっていません {{device.takeouts[3].purpose}}\"");
    const std::string text = "# as-of: 2026-11-24\nformat: rurume-export/1\ndevices:\n  # expect: DV1\n  - id: DV1\n"
                             "    facility: F001\n    type: pc\n    status: in_use\n    screen_lock: false\n";
    dir.Write("fixtures/N1.4-screen-lock/fires.yaml", text);
    dir.Write("fixtures/N1.4-screen-lock/passes.yaml", "# as-of: 2026-11-24\nformat: rurume-export/1\n");
    const FixtureRun run = RunFixtures(Load(rules_dir), fixtures);
    const RuleFixtures& screen = Of(run, "N1.4-screen-lock");
    CHECK_MESSAGE((Problems(screen) == std::set<Seen>{{Kind::PlaceholderFailed, "fires.yaml", 5, "DV1"}}), Listing(screen));
    REQUIRE(screen.problems.size() == 1);
    CHECK(screen.problems[0].lang == Lang::Ja);
    CHECK(screen.problems[0].actual.find("device.takeouts[3].purpose") != std::string::npos);
  }
  SUBCASE("an evidence field read without has()") {
    const std::string rules_dir = RulesWith(dir, "A10-loss-procedure-confirmed",
                                            "has(facility.loss_procedure_confirmed_on)\n  && ", "");
    const std::string text = "# as-of: 2026-11-24\nformat: rurume-export/1\nfacilities:\n"
                             "  # expect-not-evaluated: F002 facility.loss_procedure_confirmed_on\n"
                             "  - id: F002\n    name: 診療所A\n    kind: clinic\n    status: active\n"
                             "  # expect: F003\n  - id: F003\n    name: 診療所B\n    kind: clinic\n    status: active\n"
                             "    loss_procedure_confirmed_on: 2025-01-01\n";
    dir.Write("fixtures/A10-loss-procedure-confirmed/fires.yaml", text);
    dir.Write("fixtures/A10-loss-procedure-confirmed/passes.yaml", "# as-of: 2026-11-24\nformat: rurume-export/1\n");
    const FixtureRun run = RunFixtures(Load(rules_dir), fixtures);
    const RuleFixtures& a10 = Of(run, "A10-loss-procedure-confirmed");
    CHECK_MESSAGE((Problems(a10) == std::set<Seen>{{Kind::EvidenceNotEvaluated, "fires.yaml", 5, "F002"}}), Listing(a10));
    CHECK(FixtureRunText(run, Lang::Ja).find("F002 が 「facility.loss_procedure_confirmed_on」 がないために未評価です") !=
          std::string::npos);
  }
}
