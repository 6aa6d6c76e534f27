// The report formats: every one agrees with the JSON report (read back by
// tests/report/readback.cc, a parser per format of the table), fingerprints,
// personal values withheld from diagnostics, XML text, the rule set version,
// pairing --format with --output.
#include "cli/commands.h"
#include "load/digest.h"
#include "load/loader.h"
#include "report/formats.h"
#include "report/report.h"
#include "report/xml_text.h"
#include "readback.h"
#include "report_helpers.h"
#include "report_run.h"
#include "text/width.h"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <tuple>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace rurume;
using nlohmann::json;

namespace {

using testing::CopyTestRules;
using testing::Counts;
using testing::Parsers;
using testing::ReadBack;
using testing::Seen;
using testing::kReportTests;
using testing::TempDir;
using testing::Write;

/// One audit of the fixture, with everything a Report refers to.
using Run = testing::ReportRun;

std::vector<std::string> FixtureInputs() {
  return {kReportTests + "/fixtures/export", kReportTests + "/fixtures/bad"};
}

}  // namespace

TEST_CASE("report: every format agrees with the JSON report on findings and counts") {
  Run run(FixtureInputs());
  const ReadBack expected = Parsers().at("json")(run.Render("json"));
  CHECK(expected.findings.size() == run.audit.findings.size());
  CHECK(expected.findings.size() == 7);
  CHECK(expected.counts == Counts{7, 3, 3, 1, 4});
  // The message with <, >, & and " came through intact.
  bool escaped = false;
  for (const Seen& s : expected.findings) escaped |= s.message == "device DV2 has no <remote wipe> & \"lock\"";
  CHECK(escaped);
  for (const Format& format : Formats()) {
    CAPTURE(format.name);
    auto parser = Parsers().find(format.name);
    REQUIRE_MESSAGE(parser != Parsers().end(), "no read-back parser for the format (tests/report/readback.cc)");
    const ReadBack got = parser->second(run.Render(format.name));
    std::set<Seen> want = expected.findings;
    if (!got.has_columns) {  // GitLab's Code Quality: lines only
      want.clear();
      for (Seen s : expected.findings) want.insert((s.column = 0, s));
    }
    CHECK(got.findings == want);
    CHECK(got.counts == expected.counts);
  }
  // A parser for a format the program does not have is a stale table.
  for (const auto& entry : Parsers()) CHECK_MESSAGE(FindFormat(entry.first), entry.first);
}

TEST_CASE("report: every format lists the input diagnostics, and says first that the result is incomplete") {
  Run run(FixtureInputs());
  REQUIRE(run.diags.errors() == 3);
  const std::string notice = IncompleteNotice(3, Lang::En);
  CHECK(notice.find("incomplete and may contain wrong findings") != std::string::npos);
  json j = json::parse(run.Render("json"));
  CHECK(j["diagnostics"].size() == 4);
  CHECK(j["summary"]["diagnostics"]["error"] == 3);
  CHECK(j["complete"] == false);
  CHECK(j["incomplete_reason"] == notice);
  json sarif = json::parse(run.Render("sarif"));
  const json& notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"];
  REQUIRE(notes.size() == 9);  // the notice, 4 diagnostics, then the 4 subjects not evaluated
  for (size_t i = 5; i < notes.size(); ++i) CHECK(notes[i]["descriptor"]["id"] == "not-evaluated");
  CHECK(notes[0]["descriptor"]["id"] == "incomplete");
  CHECK(notes[0]["message"]["text"] == notice);
  CHECK(notes[1]["descriptor"]["id"] == "RA1020");
  CHECK(sarif["runs"][0]["invocations"][0]["executionSuccessful"] == false);
  std::string junit = run.Render("junit");
  CHECK(junit.find("type=\"RA1020\"") != std::string::npos);  // the file's first error
  CHECK(junit.find("error[RA1022]") != std::string::npos);       // and all of them in its body
  CHECK(junit.find("<testsuite name=\"input\"") < junit.find("<testsuite name=\"A"));  // the input suite first
  CHECK(junit.find("name=\"complete\" value=\"false\"") != std::string::npos);
  CHECK(junit.find(notice) < junit.find("error[RA1022]"));
  std::string text = run.Render("text");
  // Wrapped lines joined: where a line breaks depends on how long the clone's path is.
  const std::string flat = std::regex_replace(text, std::regex("\n +"), " ");
  CHECK(flat.rfind(notice, 0) == 0);  // the first paragraph
  CHECK(flat.find("bad.yaml:7:17: error[RA1022]") < flat.find("N1.10"));  // diagnostics first
  std::string html = run.Render("html");
  CHECK(html.find(notice) < html.find("id=\"findings\""));
  // A complete run says so, and nothing of the notice.
  Run clean({kReportTests + "/fixtures/export"});
  REQUIRE(clean.diags.errors() == 0);
  json c = json::parse(clean.Render("json"));
  CHECK(c["complete"] == true);
  CHECK_FALSE(c.contains("incomplete_reason"));
  CHECK(clean.Render("text").find("incomplete") == std::string::npos);
}

TEST_CASE("report: SARIF lists every rule and points results at them") {
  Run run(FixtureInputs());
  json sarif = json::parse(run.Render("sarif"));
  const json& driver = sarif["runs"][0]["tool"]["driver"];
  REQUIRE(driver["rules"].size() == run.rules->rules().size());
  for (size_t i = 0; i < driver["rules"].size(); ++i) {
    const json& r = driver["rules"][i];
    const Rule& rule = run.rules->rules()[i].rule;
    CHECK(r["id"] == rule.id);
    CHECK(r["shortDescription"]["text"] == rule.title.en);
    CHECK(r["fullDescription"]["text"] == rule.rationale);
    CHECK(r["help"]["text"] == rule.remediation.en);
    CHECK(r["defaultConfiguration"]["level"] == LevelName(rule.severity));
    CHECK(r["properties"]["clause"] == rule.clause);
    CHECK(r["helpUri"].get<std::string>().find(rule.id) != std::string::npos);
  }
  for (const json& result : sarif["runs"][0]["results"]) {
    CHECK(driver["rules"][result["ruleIndex"].get<size_t>()]["id"] == result["ruleId"]);
    CHECK(result["partialFingerprints"]["rurumeFingerprint/v1"].get<std::string>().size() == 64);
    CHECK(result["kind"] == "fail");  // a subject not evaluated is a notification
  }
  CHECK(sarif["runs"][0]["columnKind"] == "unicodeCodePoints");
  CHECK(driver["fullName"] == "rurume-audit " RURUME_VERSION);
  CHECK(sarif["runs"][0]["automationDetails"]["id"] == "rurume-audit/check/るるめネット/");
}

TEST_CASE("report: SARIF's files are relative to %SRCROOT%, or absolute file URIs outside it") {
  Run run(FixtureInputs());
  const std::string inputs = kReportTests + "/fixtures";  // absolute, as the inputs are given
  const auto uris = [&run](const std::string& root) {
    run.report.emplace(run.ex, run.diags, run.audit, &*run.rules, [&] {
      ReportContext c = run.report->context();
      c.sarif_root = root;
      return c;
    }());
    json sarif = json::parse(run.Render("sarif"));
    const json& r = sarif["runs"][0];
    std::set<std::string> seen;
    for (const json& a : r["artifacts"]) seen.insert(a["location"].value("uriBaseId", "-") + " " + a["location"]["uri"].get<std::string>());
    for (const json& res : r["results"]) {
      const json& loc = res["locations"][0]["physicalLocation"];
      CHECK(loc["region"]["endLine"] == loc["region"]["startLine"]);
      CHECK(loc["region"]["endColumn"] == loc["region"]["startColumn"].get<int>() + 1);
      const std::string fp = res["partialFingerprints"]["rurumeFingerprint/v1"];
      CHECK(res["partialFingerprints"]["primaryLocationLineHash"] == fp.substr(0, 16) + ":1");
    }
    return std::make_pair(r["originalUriBaseIds"]["%SRCROOT%"]["uri"].get<std::string>(), seen);
  };
  auto [base, seen] = uris(inputs);
  CHECK(base == "file://" + inputs + "/");
  CHECK(seen == std::set<std::string>{"%SRCROOT% bad/bad.yaml", "%SRCROOT% export/export.yaml"});
  // Outside the root: absolute file URIs, percent-encoded, without a base.
  std::tie(base, seen) = uris("/nonexistent/a b");
  CHECK(base == "file:///nonexistent/a%20b/");
  CHECK(seen == std::set<std::string>{"- file://" + inputs + "/bad/bad.yaml", "- file://" + inputs + "/export/export.yaml"});
  // A sibling whose name begins with the root's is outside it.
  std::tie(base, seen) = uris(inputs.substr(0, inputs.size() - 1));
  CHECK(seen.begin()->rfind("- file://", 0) == 0);
}

TEST_CASE("report: JSON carries the run's context") {
  Run run(FixtureInputs());
  json j = json::parse(run.Render("json"));
  CHECK(j["tool"]["name"] == "rurume-audit");
  CHECK(j["tool"]["version"] == RURUME_VERSION);
  CHECK(j["as_of"] == "2026-11-24");
  CHECK(j["lang"] == "en");
  CHECK(j["rule_set"]["version"] == RuleSetVersion(*run.rules));
  CHECK(j["parameters"]["A8.4-report-review"]["review_days"] == 180);
  CHECK(j["parameters"].size() == 1);
  REQUIRE(j["inputs"].size() == 2);
  std::ifstream in(kReportTests + "/fixtures/export/export.yaml", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  CHECK(j["inputs"][0]["sha256"] == Sha256Hex(bytes));
  CHECK(j["inputs"][0]["size"] == bytes.size());
  CHECK(j["personal_info_shown"] == false);
  for (const json& f : j["findings"]) {
    CHECK(!f.contains("personal_info"));
    CHECK(f["fingerprint"] == Fingerprint(f["rule"].get<std::string>(), f["subject"]["kind"].get<std::string>(),
                                          f["subject"]["id"].get<std::string>()));
  }
}

TEST_CASE("report: a finding's fingerprint ignores its line, file and message") {
  CHECK(Fingerprint("N1.10-remote-control", "device", "DV0042") ==
        "6989b088878c656b023da9a769981599d4047ef4968427518ce1a94000862b13");
  CHECK(Fingerprint("N1.10-remote-control", "device", "DV0042") != Fingerprint("N1.10-remote-control", "device", "DV0043"));
  CHECK(Fingerprint("a", "bc", "d") != Fingerprint("ab", "c", "d"));  // the parts are delimited

  // The same device, moved to another line of a differently named file, audited in another language.
  TempDir dir;
  std::ifstream in(kReportTests + "/fixtures/export/export.yaml", std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  Write(dir.path / "moved.yaml", "# a comment\n\n\n" + text);
  Run a({kReportTests + "/fixtures/export"});
  Run b({(dir.path / "moved.yaml").string()}, Lang::Ja);
  json ja = json::parse(a.Render("json")), jb = json::parse(b.Render("json"));
  REQUIRE(ja["findings"].size() == jb["findings"].size());
  for (size_t i = 0; i < ja["findings"].size(); ++i) {
    CHECK(ja["findings"][i]["location"] != jb["findings"][i]["location"]);
    CHECK(ja["findings"][i]["message"] != jb["findings"][i]["message"]);
    CHECK(ja["findings"][i]["fingerprint"] == jb["findings"][i]["fingerprint"]);
  }
}

TEST_CASE("report: personal values are withheld from diagnostics and messages") {
  Run run(FixtureInputs());
  const std::string text = run.Render("text");
  for (const char* value : {"1938-02-30", "4242424242", "9876543210123", "山田 花子", "佐藤 三郎"}) {
    CAPTURE(value);
    CHECK(text.find(value) == std::string::npos);
  }
  CHECK(text.find("patient.birth_date: *** is not a date") != std::string::npos);
  // The evaluator's own error is in the JSON's detail, screened too; the text
  // tells the reader what it means for them.
  CHECK(run.Render("json").find("cannot convert \\\"***\\\" to int") != std::string::npos);
  CHECK(text.find("the rule's expression could not be computed for this record") != std::string::npos);

  // A value in a field that is not personal stays.
  Export ex;
  Diagnostics diags;
  diags.Add(Code::InvalidDate, "x.yaml", 3, 5, {"device.os_updated_on", "\"2026-02-30\""});
  diags.Add(Code::InvalidDate, "x.yaml", 4, 5, {"patient.birth_date", "\"1950-02-30\""});
  AuditResult audit;
  Report r(ex, diags, audit, nullptr, ReportContext{"validate", std::nullopt, Lang::En, false, "", nullptr, ""});
  CHECK(r.Message(r.diagnostics()[0]).find("2026-02-30") != std::string::npos);
  CHECK(r.Message(r.diagnostics()[1]).find("1950-02-30") == std::string::npos);
  Report shown(ex, diags, audit, nullptr, ReportContext{"validate", std::nullopt, Lang::En, true, "", nullptr, ""});
  CHECK(shown.Message(shown.diagnostics()[1]).find("1950-02-30") != std::string::npos);
}

TEST_CASE("report: --show-personal-info shows the patient of a patient, group, member or user, and a post's text") {
  Run run({kReportTests + "/fixtures/export"}, Lang::En, true);
  json j = json::parse(run.Render("json"));
  std::map<std::string, json> by_subject;
  for (const json& f : j["findings"])
    by_subject[f["subject"]["kind"].get<std::string>() + " " + f["subject"]["id"].get<std::string>()] =
        f.value("personal_info", json());
  CHECK(by_subject["member G101/U002"]["patient"]["name"] == "山田 花子");
  CHECK(by_subject["group G101"]["patient"]["birth_date"] == "1941-03-05");
  CHECK(by_subject["user U003"]["patient"]["id"] == "P001");
  CHECK(by_subject["patient P002"]["patient"]["name"] == "鈴木 次郎");
  CHECK(by_subject["post PS001"]["post_text"] == "山田さんの血圧が高めです。明日訪問します。");
  CHECK(by_subject["device DV2"].is_null());
  CHECK(by_subject["user U002"].is_null());
  CHECK(j["personal_info_shown"] == true);
}

TEST_CASE("report: text lines fit the width, continuation lines hang, and tokens stay whole") {
  for (Lang lang : {Lang::Ja, Lang::En}) {
    Run run(FixtureInputs(), lang);
    for (size_t width : {80u, 60u, 120u}) {
      CAPTURE(width);
      const std::string text = run.Render("text", width);
      std::istringstream in(text);
      size_t lines = 0, hanging = 0;
      for (std::string line; std::getline(in, line); ++lines) {
        CAPTURE(line);
        // A line may pass the width only as one token that does not fit any line.
        if (DisplayWidth(line) > width) CHECK(line.find(' ', line.find_first_not_of(' ')) == std::string::npos);
        if (line.rfind("        ", 0) == 0) ++hanging;
      }
      CHECK(lines > 30);
      if (width == 60) CHECK(hanging > 0);
      // Every location stays whole, on the line that starts the finding.
      for (const Finding& f : run.audit.findings)
        CHECK(text.find(fmt::format(".yaml:{}:{}:", f.subject.loc.line, f.subject.loc.column)) != std::string::npos);
    }
  }
}

TEST_CASE("report: XML text drops what XML 1.0 forbids") {
  CHECK(XmlText("a\tb\nc\rd") == "a\tb\nc\rd");
  CHECK(XmlText(std::string("a\x01" "b\x0B" "c\x1F" "d\0e", 9)) == "abcde");
  CHECK(XmlText("x\xEF\xBF\xBEy") == "xy");             // U+FFFE
  CHECK(XmlText("x\xFFy") == "x\xEF\xBF\xBDy");          // invalid byte
  CHECK(XmlText("x\xED\xA0\x80y") == "x\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDy");  // a surrogate
  CHECK(XmlText("日本語 \xF0\x9F\x98\x80") == "日本語 \xF0\x9F\x98\x80");
}

TEST_CASE("report: invalid UTF-8 in a diagnostic's file name breaks no format") {
  Export ex;
  Diagnostics diags;
  diags.Add(Code::Unreadable, "bad\xFF\x01name.yaml", 0, 0, {"no such file"});
  AuditResult audit;
  Report r(ex, diags, audit, nullptr, ReportContext{"validate", std::nullopt, Lang::En, false, "", nullptr, ""});
  for (const Format& f : Formats()) {
    CAPTURE(f.name);
    std::string out;
    CHECK_NOTHROW(out = f.make()->Render(r, RenderOptions{}));
    CHECK(!out.empty());
  }
  std::string junit = FindFormat("junit")->make()->Render(r, RenderOptions{});
  xmlDoc* doc = xmlReadMemory(junit.data(), static_cast<int>(junit.size()), "j.xml", nullptr, XML_PARSE_NONET);
  CHECK(doc != nullptr);
  xmlFreeDoc(doc);
  CHECK(json::parse(FindFormat("json")->make()->Render(r, RenderOptions{}))["diagnostics"][0]["file"] ==
        "bad\xEF\xBF\xBD\x01name.yaml");
}

TEST_CASE("digest: SHA-256, at once and in chunks") {
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  Sha256 h;
  h.Update("a");
  h.Update("");
  h.Update("bc");
  CHECK(h.FinalHex() == Sha256Hex("abc"));
}

TEST_CASE("report: the rule set version follows the rule files' bytes, not their directory") {
  TempDir a, b;
  CopyTestRules(a.path);
  CopyTestRules(b.path);
  Diagnostics diags;
  auto ra = RuleSet::Load(a.path.string(), "", diags);
  auto rb = RuleSet::Load(b.path.string(), "", diags);
  REQUIRE(ra);
  REQUIRE(rb);
  CHECK(RuleSetVersion(*ra).size() == 64);
  CHECK(RuleSetVersion(*ra) == RuleSetVersion(*rb));
  std::ofstream(b.path / "A9-report-patient.yaml", std::ios::app) << "# a comment\n";
  auto changed = RuleSet::Load(b.path.string(), "", diags);
  REQUIRE(changed);
  CHECK(RuleSetVersion(*changed) != RuleSetVersion(*ra));
}

TEST_CASE("cli: --format and --output pair up in order") {
  using K = ReportArg;
  auto plan = [](std::vector<ReportArg> args) {
    std::vector<ReportTarget> out;
    std::string error;
    bool ok = PlanReports(args, &out, &error);
    return std::make_pair(ok ? out : std::vector<ReportTarget>{}, ok ? std::string() : error);
  };
  using T = std::vector<ReportTarget>;
  CHECK(plan({}).first == T{{"text", ""}});
  CHECK(plan({{K::Output, "r.txt"}}).first == T{{"text", "r.txt"}});
  // -o FILE alone: the format its extension names (any case), else a usage error.
  CHECK(plan({{K::Output, "x.json"}}).first == T{{"json", "x.json"}});
  CHECK(plan({{K::Output, "out/x.SARIF"}}).first == T{{"sarif", "out/x.SARIF"}});
  CHECK(plan({{K::Output, "x.xml"}}).first == T{{"junit", "x.xml"}});
  CHECK(plan({{K::Output, "x.html"}}).first == T{{"html", "x.html"}});
  CHECK(plan({{K::Output, "-"}}).first == T{{"text", ""}});
  CHECK(plan({{K::Output, "report"}}).second.find("give --format") != std::string::npos);
  CHECK(plan({{K::Output, "report.pdf"}}).second.find(".json (json)") != std::string::npos);
  CHECK(plan({{K::Format, "json"}}).first == T{{"json", ""}});
  CHECK(plan({{K::Format, "json"}, {K::Output, "a.json"}, {K::Format, "junit"}, {K::Output, "b.xml"}}).first ==
        T{{"json", "a.json"}, {"junit", "b.xml"}});
  CHECK(plan({{K::Output, "a.json"}, {K::Format, "json"}}).first == T{{"json", "a.json"}});
  CHECK(plan({{K::Output, "a.json"}, {K::Format, "json"}, {K::Output, "b.xml"}, {K::Format, "junit"}}).first ==
        T{{"json", "a.json"}, {"junit", "b.xml"}});
  CHECK(plan({{K::Format, "text"}, {K::Format, "json"}, {K::Output, "r.json"}}).first ==
        T{{"text", ""}, {"json", "r.json"}});
  CHECK(plan({{K::Format, "json"}, {K::Output, "a"}, {K::Format, "sarif"}}).first == T{{"json", "a"}, {"sarif", ""}});
  CHECK(plan({{K::Format, "json"}, {K::Output, "-"}, {K::Format, "sarif"}, {K::Output, "s"}}).first ==
        T{{"json", ""}, {"sarif", "s"}});
  // Usage errors
  CHECK(!plan({{K::Format, "json"}, {K::Output, "-"}, {K::Format, "sarif"}}).second.empty());
  CHECK(plan({{K::Format, "json"}, {K::Format, "sarif"}}).second.find("standard output") != std::string::npos);
  CHECK(plan({{K::Format, "json"}, {K::Output, "a"}, {K::Output, "b"}}).second.find("no --format") != std::string::npos);
  CHECK(!plan({{K::Output, "a"}, {K::Output, "b"}, {K::Format, "json"}}).second.empty());
  CHECK(!plan({{K::Format, "json"}, {K::Output, "a"}, {K::Format, "sarif"}, {K::Output, "a"}}).second.empty());
}

TEST_CASE("cli: colour on a terminal only, never in a file, and NO_COLOR") {
  TempDir rules, out_dir;
  CopyTestRules(rules.path);
  CheckOptions o;
  o.paths = {kReportTests + "/fixtures/export"};
  o.rules_dir = rules.path.string();
  o.as_of = Date(2026, 11, 24);
  auto run = [&](CheckOptions opt) {
    std::ostringstream out, err;
    RunCheck(opt, out, err);
    return out.str();
  };
  const std::string esc = "\x1b[";
  CHECK(run(o).find(esc) == std::string::npos);
  o.stdout_is_terminal = true;
  CHECK(run(o).find(esc) != std::string::npos);
  o.no_color = true;
  CHECK(run(o).find(esc) == std::string::npos);
  o.color = ColorMode::Always;
  CHECK(run(o).find(esc) != std::string::npos);
  o.reports = {{"text", (out_dir.path / "r.txt").string()}};
  run(o);
  std::ifstream in(out_dir.path / "r.txt");
  std::string file((std::istreambuf_iterator<char>(in)), {});
  CHECK(!file.empty());
  CHECK(file.find(esc) == std::string::npos);
  o.reports = {{"text", ""}};
  o.stdout_is_terminal = true;
  o.no_color = false;
  o.color = ColorMode::Never;
  CHECK(run(o).find(esc) == std::string::npos);
}

TEST_CASE("cli: --fail-on") {
  TempDir rules;
  CopyTestRules(rules.path);
  CheckOptions o;
  o.paths = {kReportTests + "/fixtures/export"};
  o.rules_dir = rules.path.string();
  o.as_of = Date(2026, 11, 24);
  auto status = [&](FailOn f) {
    std::ostringstream out, err;
    o.fail_on = f;
    return RunCheck(o, out, err);
  };
  CHECK(status(FailOn::Error) == kExitFindings);
  CHECK(status(FailOn::Note) == kExitFindings);
  CHECK(status(FailOn::Never) == kExitOk);
  o.paths.push_back(kReportTests + "/fixtures/bad");
  CHECK(status(FailOn::Never) == kExitUntrusted);
}
