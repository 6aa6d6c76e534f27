// Baselines (--baseline): new, unchanged and fixed findings by fingerprint,
// stable when the export is reordered or re-indented; a finding now not
// evaluated is not fixed; wrong baselines; --fail-on-new.
#include "audit/baseline.h"
#include "report/report.h"
#include "ops_helpers.h"

#include <doctest/doctest.h>

#include <regex>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>

using namespace rurume;
using nlohmann::json;
using testing::Check;
using testing::kReportTests;
using testing::WaiverYaml;

namespace {

const std::string kTriage = kReportTests + "/fixtures/triage";

/// The English text report with its wrapped lines joined again.
std::string Flat(const std::string& text) { return std::regex_replace(text, std::regex("\n +"), " "); }

/// (rule, subject id) of the findings with a change.
std::set<std::pair<std::string, std::string>> Changed(const json& report, const std::string& change) {
  std::set<std::pair<std::string, std::string>> out;
  for (const json& f : report["findings"])
    if (f.value("change", "") == change) out.emplace(f["rule"], f["subject"]["id"]);
  return out;
}

/// The export, with every list and mapping in reverse order and emitted
/// anew: other lines, other indentation, block style, no comments.
std::string Reordered(const std::string& yaml) {
  std::function<YAML::Node(const YAML::Node&)> reverse = [&](const YAML::Node& n) {
    if (n.IsSequence()) {
      YAML::Node out(YAML::NodeType::Sequence);
      for (size_t i = n.size(); i-- > 0;) out.push_back(reverse(n[i]));
      return out;
    }
    if (n.IsMap()) {
      std::vector<std::pair<YAML::Node, YAML::Node>> entries(n.begin(), n.end());
      YAML::Node out(YAML::NodeType::Map);
      for (auto it = entries.rbegin(); it != entries.rend(); ++it) out[it->first] = reverse(it->second);
      return out;
    }
    return YAML::Clone(n);
  };
  YAML::Emitter e;
  e.SetIndent(4);
  e.SetMapFormat(YAML::Block);
  e.SetSeqFormat(YAML::Block);
  e << reverse(YAML::Load(yaml));
  return std::string("# reordered\n\n") + e.c_str() + "\n";
}

}  // namespace

TEST_CASE("baseline: new, unchanged and fixed; a finding now not evaluated is not fixed") {
  Check c;
  c.o.baseline = kTriage + "/baseline.json";
  json r = c.Json();
  // The baseline (tests/report/fixtures/triage/README.md) had DV1 and DV3, not DV2.
  CHECK(Changed(r, "new") == std::set<std::pair<std::string, std::string>>{{"N1.10-report-remote", "DV2"}});
  CHECK(Changed(r, "unchanged").size() == 6);
  REQUIRE(r["fixed"].size() == 1);
  CHECK(r["fixed"][0]["subject"] == json{{"kind", "device"}, {"id", "DV1"}});
  CHECK(r["fixed"][0]["facility"] == "F001");
  CHECK(r["fixed"][0]["fingerprint"] == Fingerprint("N1.10-report-remote", "device", "DV1"));
  // DV3 is not evaluated now (no remote_wipe): neither fixed nor a finding.
  for (const json& f : r["fixed"]) CHECK(f["subject"]["id"] != "DV3");
  bool dv3 = false;
  for (const json& n : r["not_evaluated"]) dv3 |= n["subject"]["id"] == "DV3";
  CHECK(dv3);
  CHECK(r["baseline"]["file"] == kTriage + "/baseline.json");
  CHECK(r["baseline"]["as_of"] == "2026-11-23");
  CHECK(r["baseline"]["findings"] == 8);
  CHECK(r["baseline"]["new"] == 1);
  CHECK(r["baseline"]["unchanged"] == 6);
  CHECK(r["baseline"]["fixed"] == 1);

  // SARIF: baselineState on every finding; the fixed one is no result (an
  // alert), only counted; DV3, not evaluated, a notification.
  c.o.reports = {{"sarif", ""}};
  c.Run();
  json sarif = json::parse(c.out);
  std::map<std::string, size_t> states;
  for (const json& result : sarif["runs"][0]["results"]) {
    CHECK(result["kind"] == "fail");
    ++states[result["baselineState"].get<std::string>()];
    CHECK(result["properties"]["subject"]["id"] != "DV1");
  }
  CHECK(states == std::map<std::string, size_t>{{"new", 1}, {"unchanged", 6}});
  CHECK(sarif["runs"][0]["properties"]["summary"]["baseline"]["fixed"] == 1);
  bool dv3_note = false;
  for (const json& n : sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"])
    dv3_note |= n["descriptor"]["id"] == "not-evaluated" && n["properties"]["subject"]["id"] == "DV3" &&
                n["associatedRule"]["id"] == "N1.10-report-remote" && !n.contains("baselineState");
  CHECK(dv3_note);

  // Text leads with the network, the as-of date and the export time, then the difference.
  c.o.reports = {{"text", ""}};
  c.o.lang = Lang::En;
  c.Run();
  const std::string header = "るるめネット audit (as of Tue 24 Nov 2026, exported Tue 24 Nov 2026 02:00)\n";
  CHECK(c.out.rfind(header, 0) == 0);
  const std::string flat = Flat(c.out);  // the text report wraps at 80 columns
  const size_t body = flat.find("\n\n") + 2;
  CHECK(flat.find("Against the baseline " + kTriage + "/baseline.json (as of 2026-11-23): 1 new, 1 fixed, 6 unchanged\n") == body);
  CHECK(c.out.find("\nNew (1)\n") < c.out.find("\nFixed (1)\n"));
  CHECK(c.out.find("\nFixed (1)\n") < c.out.find("A6.4 "));

  // JUnit: the fixed finding a passing case in its rule's suite, a property of each count.
  c.o.reports = {{"junit", ""}};
  c.Run();
  CHECK(c.out.find("<testsuite name=\"fixed\"") == std::string::npos);
  CHECK(c.out.find("<testcase name=\"device DV1\" classname=\"rurume.N1_10-report-remote\" time=\"0\"/>") !=
        std::string::npos);
  CHECK(c.out.find("<property name=\"summary.findings.new\" value=\"1\"/>") != std::string::npos);
}

namespace {

/// A JUnit report's test cases: (suite, classname, name) to "pass",
/// "failure", "skipped" or "error"; a case seen twice is "duplicate".
std::map<std::tuple<std::string, std::string, std::string>, std::string> JunitCases(const std::string& xml) {
  std::map<std::tuple<std::string, std::string, std::string>, std::string> cases;
  const std::regex suite_re("<testsuite name=\"([^\"]*)\"");
  const std::regex case_re("<testcase name=\"([^\"]*)\" classname=\"([^\"]*)\" time=\"0\"(/?)>");
  const std::regex result_re("^\\s*<(failure|skipped|error)\\b");
  std::istringstream in(xml);
  std::string line, suite;
  std::optional<std::tuple<std::string, std::string, std::string>> open;
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_search(line, m, suite_re)) suite = m[1];
    if (open && std::regex_search(line, m, result_re)) cases[*open] = m[1];
    open.reset();
    if (!std::regex_search(line, m, case_re)) continue;
    auto key = std::make_tuple(suite, std::string(m[2]), std::string(m[1]));
    auto [it, added] = cases.emplace(key, "pass");
    if (!added) it->second = "duplicate";
    if (m[3] != "/") open = key;
  }
  return cases;
}

}  // namespace

TEST_CASE("baseline: JUnit reports a fixed finding as the passing case of the failing one, for Jenkins' history") {
  // The baseline's run: the export of tests/report/fixtures/triage/README.md
  // (DV1 and DV3 without remote wipe, DV2 with it), the day before.
  Check before;
  std::string previous = testing::Slurp(kReportTests + "/fixtures/export/export.yaml");
  auto set = [&previous](const std::string& from, const std::string& to) {
    const size_t at = previous.find(from);
    REQUIRE(at != std::string::npos);
    previous.replace(at, from.size(), to);
  };
  set("{id: DV1, facility: F001, type: smartphone, remote_wipe: true,", "{id: DV1, facility: F001, type: smartphone, remote_wipe: false,");
  set("{id: DV2, facility: F001, type: tablet, remote_wipe: false,", "{id: DV2, facility: F001, type: tablet, remote_wipe: true,");
  set("{id: DV3, facility: F001, type: pc,", "{id: DV3, facility: F001, type: pc, remote_wipe: false,");
  before.o.paths = {before.Scratch("export.yaml", previous)};
  before.o.as_of = Date(2026, 11, 23);
  const json baseline = before.Json();
  before.o.reports = {{"junit", ""}};
  before.Run();
  const auto was = JunitCases(before.out);

  Check now;
  now.Baseline(baseline);
  now.o.reports = {{"junit", ""}};
  now.Run();
  const auto is = JunitCases(now.out);

  // The finding of DV1 failed in the baseline's run and passes now: the same
  // suite, classname and name.
  const auto dv1 = std::make_tuple(std::string("N1.10"), std::string("rurume.N1_10-report-remote"), std::string("device DV1"));
  REQUIRE(was.count(dv1));
  CHECK(was.at(dv1) == "failure");
  REQUIRE(is.count(dv1));
  CHECK(is.at(dv1) == "pass");
  // DV2 turned failing under the name it will have tomorrow, DV3 is not evaluated.
  const auto dv2 = std::make_tuple(std::string("N1.10"), std::string("rurume.N1_10-report-remote"), std::string("device DV2"));
  CHECK(is.at(dv2) == "failure");
  // Every failing case of the baseline's run is, by suite, classname and name,
  // a case of this run (failing, skipped as not evaluated, or passing as fixed),
  // and no case is there twice.
  size_t failing = 0;
  for (const auto& entry : was) {
    // (No structured binding: doctest's CHECK is a lambda, and C++17 lets no
    // lambda capture one; clang says so.)
    const auto& key = entry.first;
    const auto& kind = entry.second;
    CHECK(kind != "duplicate");
    if (kind != "failure") continue;
    ++failing;
    CHECK_MESSAGE(is.count(key), std::get<2>(key) << " of " << std::get<1>(key) << " is gone");
  }
  CHECK(failing == baseline["findings"].size());
  for (const auto& [key, kind] : is) {
    CHECK(kind != "duplicate");
    CHECK(std::get<1>(key).find('.') == std::string("rurume").size());  // one dot: package rurume, class the rule
  }
  // No suite of its own for the fixed.
  for (const auto& [key, kind] : is) CHECK(std::get<0>(key) != "fixed");
}

TEST_CASE("baseline: JUnit puts a fixed finding of a rule no longer in the rule set in its clause's suite") {
  Check c;
  json baseline = c.Json();
  // The baseline had two more rules: one of a clause this run checks, one of a clause it does not.
  for (const auto& [rule, clause] : {std::pair<std::string, std::string>{"N1.10-retired", "N1.10"}, {"Z9.9-retired", "Z9.9"}}) {
    json f = baseline["findings"][0];
    f["rule"] = rule;
    f["clause"] = clause;
    f["subject"] = json{{"kind", "device"}, {"id", "DV1"}};
    f["fingerprint"] = Fingerprint(rule, "device", "DV1");
    baseline["findings"].push_back(f);
  }
  c.Baseline(baseline);
  c.o.reports = {{"junit", ""}};
  c.Run();
  const auto is = JunitCases(c.out);
  CHECK(is.at({"N1.10", "rurume.N1_10-retired", "device DV1"}) == "pass");
  CHECK(is.at({"Z9.9", "rurume.Z9_9-retired", "device DV1"}) == "pass");
  // One suite N1.10, not two.
  size_t suites = 0;
  for (size_t at = c.out.find("<testsuite name=\"N1.10\""); at != std::string::npos;
       at = c.out.find("<testsuite name=\"N1.10\"", at + 1))
    ++suites;
  CHECK(suites == 1);
}

TEST_CASE("baseline: stable when the export is reordered or re-indented") {
  Check c;
  json original = c.Json();
  std::string moved = c.Scratch("moved.yaml", Reordered(testing::Slurp(kReportTests + "/fixtures/export/export.yaml")));
  Check d;
  d.o.paths = {moved};
  json reordered = d.Json();
  REQUIRE(reordered["findings"].size() == original["findings"].size());
  REQUIRE(reordered["diagnostics"].empty());
  // The findings did move...
  std::set<uint32_t> lines_before, lines_after;
  for (const json& f : original["findings"]) lines_before.insert(f["location"]["line"].get<uint32_t>());
  for (const json& f : reordered["findings"]) lines_after.insert(f["location"]["line"].get<uint32_t>());
  CHECK(lines_before != lines_after);
  // ...but against each other nothing is new and nothing fixed, either way.
  d.Baseline(original);
  json against_original = d.Json();
  CHECK(Changed(against_original, "new").empty());
  CHECK(Changed(against_original, "unchanged").size() == original["findings"].size());
  CHECK(against_original["fixed"].empty());
  c.Baseline(reordered);
  json against_reordered = c.Json();
  CHECK(Changed(against_reordered, "new").empty());
  CHECK(against_reordered["fixed"].empty());
  // And a baseline of itself fails nothing under --fail-on-new, errors and all.
  c.o.fail_on_new = true;
  CHECK(c.Run() == kExitOk);
}

TEST_CASE("baseline: an unreadable or wrong file is an error, before the export is read") {
  Check c;
  c.o.paths = {(c.scratch.path / "no-such-export").string()};
  auto fails = [&](const std::string& code) {
    CAPTURE(code);
    CHECK(c.Run() == kExitUntrusted);
    CHECK(c.err.find(code) != std::string::npos);
    CHECK(c.err.find("no-such-export") == std::string::npos);
    CHECK(c.out.empty());
  };
  c.o.baseline = (c.scratch.path / "missing.json").string();
  fails("RA3020");
  c.o.baseline = c.Scratch("bad.json", "{\n  \"format\": \"rurume-audit-report/1\",\n  \"findings\": [,]\n}\n");
  fails("bad.json:3:16: エラー[RA3021]");
  c.o.baseline = c.Scratch("sarif.json", R"({"version": "2.1.0", "runs": []})");
  fails("RA3022");
  c.o.baseline = c.Scratch("validate.json", R"({"format": "rurume-audit-report/1", "command": "validate", "findings": []})");
  fails("not a report of check");
  c.o.baseline = c.Scratch("nofp.json", R"({"format": "rurume-audit-report/1", "command": "check", "findings": [
    {"rule": "r", "severity": "error", "subject": {"kind": "device", "id": "DV1"}, "message": "m"}]})");
  fails("findings[0] has no fingerprint");

  // A facility's report is no baseline for the whole run (all else would look new), but is for that facility.
  Check f;
  f.o.facility = "F001";
  json f001 = f.Json();
  REQUIRE(f001["facility"] == "F001");
  c.Baseline(f001);
  c.o.paths = f.o.paths;
  fails("it is the report of facility F001 only");
  f.Baseline(f001);
  json again = f.Json();
  CHECK(Changed(again, "new").empty());
  CHECK(again["fixed"].empty());
}

TEST_CASE("baseline: a baseline's recorded findings") {
  Diagnostics diags;
  auto b = LoadBaseline(kTriage + "/baseline.json", diags);
  REQUIRE(b);
  CHECK(diags.all().empty());
  CHECK(b->as_of == "2026-11-23");
  CHECK(b->findings.size() == 8);
  CHECK(b->rule_set_version.size() == 64);
  CHECK(b->facility.empty());
  const FixedFinding& u003 = b->findings[2];
  CHECK(u003.subject_id == "U003");
  CHECK(u003.facility.empty());  // a family account: no facility
  CHECK(u003.severity == "warning");
}

TEST_CASE("--fail-on-new: only new findings at or above --fail-on give 1") {
  Check c;
  json same = c.Json();
  c.o.reports.clear();
  c.Baseline(same);
  CHECK(c.Run() == kExitFindings);  // without --fail-on-new: the errors are still there
  c.o.fail_on_new = true;
  CHECK(c.Run() == kExitOk);
  // The golden baseline lacks DV2's error: new, so 1...
  c.o.baseline = kTriage + "/baseline.json";
  CHECK(c.Run() == kExitFindings);
  // ...unless it is waived.
  c.Waivers("waivers:\n" + WaiverYaml("rule", "N1.10-report-remote", "DV2", "2026-12-31"));
  CHECK(c.Run() == kExitOk);
  c.o.waivers.clear();
  // A new warning: 0 under --fail-on error, 1 under --fail-on warning.
  json without_u002 = same;
  auto& findings = without_u002["findings"];
  findings.erase(std::remove_if(findings.begin(), findings.end(),
                                [](const json& f) { return f["rule"] == "A6.4-report-user" && f["subject"]["id"] == "U002"; }),
                 findings.end());
  REQUIRE(findings.size() + 1 == same["findings"].size());
  c.Baseline(without_u002);
  CHECK(c.Run() == kExitOk);
  c.o.fail_on = FailOn::Warning;
  CHECK(c.Run() == kExitFindings);
  c.o.fail_on = FailOn::Never;
  CHECK(c.Run() == kExitOk);
  // Input errors give 2 whatever is new.
  c.o.fail_on = FailOn::Error;
  c.o.paths.push_back(kReportTests + "/fixtures/bad");
  CHECK(c.Run() == kExitUntrusted);
}

TEST_CASE("baseline: findings gone with their subjects are removed, not fixed; a shrunk collection is warned about") {
  // Issue 10: an export read only in part made its missing records' findings "fixed".
  Check c;
  json base = c.Json();
  REQUIRE(base["records"]["devices"] == 3);
  // The baseline had a device DV9 (gone now) with a finding, and 10 devices.
  json dv9 = base["findings"][0];
  for (const json& f : base["findings"])
    if (f["subject"]["kind"] == "device") dv9 = f;
  dv9["subject"]["id"] = "DV9";
  dv9["fingerprint"] = Fingerprint(dv9["rule"].get<std::string>(), "device", "DV9");
  base["findings"].push_back(dv9);
  base["records"]["devices"] = 10;
  c.Baseline(base);
  json r = c.Json();
  REQUIRE(r["removed"].size() == 1);
  CHECK(r["removed"][0]["subject"] == json{{"kind", "device"}, {"id", "DV9"}});
  CHECK(r["fixed"].empty());
  CHECK(r["baseline"]["removed"] == 1);
  CHECK(r["baseline"]["fixed"] == 0);
  std::vector<std::string> codes;
  for (const json& d : r["diagnostics"]) codes.push_back(d["code"].get<std::string>() + " " + d["level"].get<std::string>());
  CHECK(std::count(codes.begin(), codes.end(), "RA3030 warning") == 1);
  CHECK(std::count(codes.begin(), codes.end(), "RA3031 warning") == 1);
  // Every format shows them apart from the fixed ones.
  c.o.lang = Lang::En;
  c.o.reports = {{"text", ""}};
  c.Run();
  CHECK(Flat(c.out).find("0 new, 0 fixed, 7 unchanged, 1 removed") != std::string::npos);
  CHECK(Flat(c.out).find("Removed (1; their records are gone: not known to be fixed)") != std::string::npos);
  CHECK(Flat(c.out).find("devices has 3 records, less than half the baseline's 10") != std::string::npos);
  c.o.reports = {{"sarif", ""}};
  c.Run();
  json sarif = json::parse(c.out);
  // SARIF: the removed finding is no result (no alert), only counted.
  for (const json& res : sarif["runs"][0]["results"]) CHECK(res["properties"]["subject"]["id"] != "DV9");
  CHECK(sarif["runs"][0]["properties"]["summary"]["baseline"]["removed"] == 1);
  c.o.reports = {{"junit", ""}};
  c.Run();
  CHECK(c.out.find("name=\"removed\"") != std::string::npos);
  c.o.reports = {{"html", ""}};
  c.Run();
  CHECK(c.out.find("id=\"removed\"") != std::string::npos);
  // A baseline without records (an earlier version's report) is compared by subjects only.
  base.erase("records");
  c.Baseline(base);
  json old = c.Json();
  CHECK(old["removed"].size() == 1);
  size_t shrunk = 0;
  for (const json& d : old["diagnostics"]) shrunk += d["code"] == "RA3030";
  CHECK(shrunk == 0);
}
