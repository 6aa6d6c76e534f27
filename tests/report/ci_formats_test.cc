// The CI hosts' formats (src/report/github.cc, gitlab.cc): GitHub's
// escaping of workflow commands, hostile data through both formats end to
// end, and what the GitLab report promises (unique, stable fingerprints,
// the severity map). Their agreement with the JSON report on findings,
// counts and triage is tested with every format's (report_test.cc,
// tests/ops/agreement_test.cc), their goldens by tests/report/golden_test.sh.
#include "load/loader.h"
#include "report/formats.h"
#include "report/github.h"
#include "report/report.h"
#include "report_helpers.h"
#include "report_run.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <regex>
#include <set>
#include <sstream>

using namespace rurume;
using nlohmann::json;
using testing::CopyTestRules;
using testing::kReportTests;
using testing::TempDir;
using testing::Write;

namespace {

using CiRun = testing::ReportRun;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("github: workflow commands escape as GitHub's runner reads them") {
  // Messages: %, CR and LF (actions/toolkit's escapeData), in that order of precedence.
  CHECK(GithubData("100% done\r\nnext") == "100%25 done%0D%0Anext");
  CHECK(GithubData("a:b,c") == "a:b,c");
  CHECK(GithubData("%0A") == "%250A");  // an escape in the data stays data
  CHECK(GithubData("::error::x") == "::error::x");  // harmless after "::": one line, never at its start
  // Properties: also : and , (escapeProperty).
  CHECK(GithubProperty("dir,1/a:b%.yaml") == "dir%2C1/a%3Ab%25.yaml");
  CHECK(GithubProperty("N1.4 画面ロック: 未設定\n") == "N1.4 画面ロック%3A 未設定%0A");
  // Other controls and bytes that are not UTF-8 made visible, as in the text report.
  CHECK(GithubData("Insta\x01\x1b[31mRED") == "Insta\\u0001\\u001b[31mRED");
  CHECK(GithubData("\xff ok") == "\\xff ok");
  CHECK(GithubData("tab\tDEL\x7f") == "tab\\u0009DEL\\u007f");
}

TEST_CASE("github, gitlab: hostile data in a path and a quoted value") {
  // A directory whose name has what properties must escape, and a device
  // whose status (quoted by its input error) has %, a newline, a carriage
  // return, ':' and ',' and a workflow command of its own.
  TempDir dir;
  const std::filesystem::path sub = dir.path / "a,b:c%d\ne";
  std::filesystem::create_directories(sub);
  Write(sub / "export.yaml",
        "format: rurume-export/1\n"
        "exported_at: 2026-11-24T02:00:00+09:00\n"
        "network: {name: n, secretariat_facility: F000, all_members_group: G000}\n"
        "facilities:\n"
        "  - {id: F000, kind: secretariat, status: active}\n"
        "groups:\n"
        "  - {id: G000, kind: all_members, facility: F000, state: active, members: []}\n"
        "devices:\n"
        "  - {id: DV9, facility: F000, type: tablet, status: \"50% off: a,b\\n::error::injected\\r\"}\n");
  CiRun run({(sub / "export.yaml").string()}, Lang::En);
  REQUIRE(run.diags.errors() >= 1);
  const std::string github = run.Render("github");
  const std::string file = GithubProperty((sub / "export.yaml").string());
  CHECK(file.find("%2C") != std::string::npos);
  CHECK(file.find("%3A") != std::string::npos);
  CHECK(file.find("%0A") != std::string::npos);
  CHECK(file.find("%25") != std::string::npos);
  bool quoted = false;
  for (const std::string& line : Lines(github)) {
    // Every line a command of ours or the summary: the data made none.
    CHECK_MESSAGE(std::regex_match(line, std::regex("::(error|warning|notice) [^:]*::.*|::error title=rurume-audit::.*|"
                                                    "rurume-audit: .*")),
                  line);
    if (line.find("title=RA1021::") == std::string::npos) continue;
    CHECK(line.find("file=" + file + ",line=9,") != std::string::npos);
    CHECK(line.find("50%25 off: a,b%0A::error::injected%0D") != std::string::npos);
    quoted = true;
  }
  CHECK(quoted);
  // GitLab: JSON escapes; the value comes back exactly.
  const json gitlab = json::parse(run.Render("gitlab"));
  bool found = false;
  for (const json& issue : gitlab)
    if (issue["check_name"] == "RA1021") {
      CHECK(issue["description"].get<std::string>().find("50% off: a,b\n::error::injected\r") != std::string::npos);
      CHECK(issue["location"]["path"] == (sub / "export.yaml").string());
      CHECK(issue["location"]["lines"]["begin"] == 9);
      CHECK(issue["severity"] == "blocker");
      found = true;
    }
  CHECK(found);
}

TEST_CASE("gitlab: our fingerprints, one issue each, severities mapped, deterministic") {
  CiRun run({kReportTests + "/fixtures/export", kReportTests + "/fixtures/bad"}, Lang::Ja);
  const std::string text = run.Render("gitlab");
  CHECK(text == run.Render("gitlab"));
  const json issues = json::parse(text);
  std::set<std::string> prints;
  size_t findings = 0, diagnostics = 0, not_evaluated = 0;
  for (const json& issue : issues) {
    CHECK(prints.insert(issue["fingerprint"].get<std::string>()).second);
    const std::string check = issue["check_name"];
    if (check.rfind("RA", 0) == 0) {
      ++diagnostics;
      continue;
    }
    if (issue["description"].get<std::string>().rfind("未評価 (", 0) == 0) {
      ++not_evaluated;
      CHECK(issue["severity"] == "info");
      continue;
    }
    ++findings;
  }
  CHECK(diagnostics == run.report->diagnostics().size());
  CHECK(not_evaluated == run.audit.not_evaluated.size());
  REQUIRE(findings == run.audit.findings.size());
  // The findings in the JSON report's order, with its fingerprints and the map of severities.
  const json report = json::parse(run.Render("json"));
  size_t i = diagnostics;
  for (const json& f : report["findings"]) {
    const json& issue = issues[i++];
    CHECK(issue["fingerprint"] == f["fingerprint"]);
    CHECK(issue["check_name"] == f["rule"]);
    const std::string severity = f["severity"];
    CHECK(issue["severity"] == (severity == "error" ? "critical" : severity == "warning" ? "minor" : "info"));
    CHECK(issue["location"]["path"] == f["location"]["file"]);
    CHECK(issue["location"]["lines"]["begin"] == f["location"]["line"]);
  }
  // An input error is a blocker, its fingerprint stable across languages.
  CiRun en({kReportTests + "/fixtures/export", kReportTests + "/fixtures/bad"}, Lang::En);
  const json english = json::parse(en.Render("gitlab"));
  REQUIRE(english.size() == issues.size());
  CHECK(issues[0]["severity"] == "blocker");
  for (size_t k = 0; k < issues.size(); ++k) CHECK(english[k]["fingerprint"] == issues[k]["fingerprint"]);
}
