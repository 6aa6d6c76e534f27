// Per-facility reports (--split-by facility --output-dir, --facility): no
// finding of one facility in another's report in any format, all.<ext> has
// everything, file names; and progress on a terminal (--quiet).
#include "cli/progress.h"
#include "ops_helpers.h"
#include "report/formats.h"

#include <doctest/doctest.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>

namespace fs = std::filesystem;
using namespace rurume;
using nlohmann::json;
using testing::Check;
using testing::kReportTests;
using testing::Slurp;

namespace {

const std::string kTriage = kReportTests + "/fixtures/triage";

/// A check of the fixture split by facility, every format, waivers and a baseline.
struct Split : Check {
  fs::path dir;
  Split() {
    dir = scratch.path / "reports";
    o.output_dir = dir.string();
    o.lang = Lang::En;
    o.waivers = kTriage + "/waivers.yaml";
    o.baseline = kTriage + "/baseline.json";
    for (const Format& f : Formats()) o.reports.push_back({std::string(f.name), ""});
  }
};

/// Subject id -> facility ("" for none), from a whole JSON report.
std::map<std::string, std::string> FacilityById(const json& all) {
  std::map<std::string, std::string> out;
  for (const char* list : {"findings", "not_evaluated", "fixed"})
    for (const json& f : all.value(list, json::array()))
      out[f["subject"]["id"]] = f["facility"].is_null() ? "" : f["facility"].get<std::string>();
  return out;
}

/// The subject ids of the failing and skipped test cases of a JUnit report
/// ("device DV2"), and of the passing ones that are fixed findings (named
/// as a finding, not "device: passed").
std::set<std::string> JunitSubjects(const std::string& xml) {
  std::set<std::string> ids;
  xmlDoc* doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "r.xml", nullptr, XML_PARSE_NONET);
  REQUIRE(doc);
  auto attr = [](xmlNode* n, const char* name) {
    xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
    std::string s = v ? reinterpret_cast<const char*>(v) : "";
    xmlFree(v);
    return s;
  };
  for (xmlNode* suite = xmlDocGetRootElement(doc)->children; suite; suite = suite->next) {
    // (The manual clauses' cases are checked from the JSON reports: see below.)
    if (suite->type != XML_ELEMENT_NODE || attr(suite, "name") == "input" || attr(suite, "name") == "manual-clauses") continue;
    for (xmlNode* tc = suite->children; tc; tc = tc->next) {
      if (tc->type != XML_ELEMENT_NODE || xmlStrcmp(tc->name, BAD_CAST "testcase") != 0) continue;
      std::string name = attr(tc, "name");
      bool outcome = false;
      for (xmlNode* r = tc->children; r; r = r->next) outcome |= r->type == XML_ELEMENT_NODE;
      const bool fixed = !outcome && name.find(": passed") == std::string::npos;
      if ((outcome || fixed) && name.find(' ') != std::string::npos) ids.insert(name.substr(name.find(' ') + 1));
    }
  }
  xmlFreeDoc(doc);
  return ids;
}

/// The subject ids under which the English text report lists findings ("  device DV2").
std::set<std::string> TextSubjects(const std::string& text) {
  std::set<std::string> ids;
  std::regex subject("  (facility|user|document|patient|group|member|post|device|incident|sanction) (\\S+)");
  std::istringstream in(text);
  std::smatch m;
  for (std::string line; std::getline(in, line);)
    if (std::regex_match(line, m, subject)) ids.insert(m[2]);
  return ids;
}

}  // namespace

TEST_CASE("split: a report per facility and format, and all; no facility's finding in another's") {
  Split s;
  REQUIRE(s.Run() == kExitFindings);  // PS001's error is not waived: the whole run's status
  CHECK(s.out.empty());
  CHECK(s.err == "rurume-audit: wrote " + std::to_string(Formats().size() * 4) + " reports to " + s.o.output_dir + "\n");
  for (const char* id : {"all", "F000", "F001", "F002"})
    for (const Format& f : Formats()) {
      CAPTURE(id);
      CAPTURE(f.name);
      CHECK(fs::file_size(s.dir / (std::string(id) + "." + std::string(f.extension))) > 0);
    }
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(s.dir)) files += e.path().filename().string()[0] != '.';
  CHECK(files == Formats().size() * 4);  // and no temporary file left

  const json all = json::parse(Slurp(s.dir / "all.json"));
  const std::map<std::string, std::string> facility_of = FacilityById(all);
  CHECK(all["findings"].size() == 7);
  CHECK(!all.contains("facility"));
  std::multiset<std::string> seen;  // fingerprints of the facilities' findings
  for (const char* id : {"F000", "F001", "F002"}) {
    CAPTURE(id);
    const json r = json::parse(Slurp(s.dir / (std::string(id) + ".json")));
    CHECK(r["facility"] == id);
    for (const char* list : {"findings", "not_evaluated", "fixed"})
      for (const json& f : r[list]) {
        CAPTURE(f["subject"]["id"]);
        CHECK(f["facility"] == id);
        if (std::string(list) == "findings") seen.insert(f["fingerprint"].get<std::string>());
      }
    // Its manual clauses: the per-facility ones, each once, all for this facility (9 in the clause list).
    std::set<std::string> clauses;
    for (const json& e : r["manual_clauses"]["entries"]) {
      CHECK(e["facility"] == id);
      CHECK(e["scope"] == "facility");
      CHECK(clauses.insert(e["clause"].get<std::string>()).second);
    }
    CHECK(clauses.size() == 9);
    size_t waived = 0;
    for (const json& f : r["findings"]) waived += f.contains("waived");
    CHECK(r["summary"]["findings"]["total"] == r["findings"].size());
    CHECK(r["summary"]["findings"]["waived"] == waived);

    const json sarif = json::parse(Slurp(s.dir / (std::string(id) + ".sarif")));
    CHECK(sarif["runs"][0]["properties"]["facility"] == id);
    for (const json& result : sarif["runs"][0]["results"]) CHECK(result["properties"]["facility"] == id);

    for (const std::string& subject : JunitSubjects(Slurp(s.dir / (std::string(id) + ".xml")))) {
      CAPTURE(subject);
      CHECK(facility_of.at(subject) == id);
    }
    for (const std::string& subject : TextSubjects(Slurp(s.dir / (std::string(id) + ".txt")))) {
      CAPTURE(subject);
      CHECK(facility_of.at(subject) == id);
    }
  }
  // all has every finding: the facilities' and those of no facility (U003, a family account).
  std::multiset<std::string> everything, of_none;
  for (const json& f : all["findings"]) {
    everything.insert(f["fingerprint"].get<std::string>());
    if (f["facility"].is_null()) of_none.insert(f["fingerprint"].get<std::string>());
  }
  CHECK(of_none.size() == 1);
  seen.insert(of_none.begin(), of_none.end());
  CHECK(seen == everything);
  CHECK(JunitSubjects(Slurp(s.dir / "all.xml")).count("U003") == 1);
  CHECK(TextSubjects(Slurp(s.dir / "all.txt")).count("U003") == 1);

  // The facilities' passed checks are the whole run's, but for subjects of no facility.
  size_t passed = 0;
  for (const char* id : {"F000", "F001", "F002"})
    passed += json::parse(Slurp(s.dir / (std::string(id) + ".json")))["summary"]["passed"].get<size_t>();
  CHECK(passed <= all["summary"]["passed"].get<size_t>());
  CHECK(passed > 0);
}

TEST_CASE("split: --quiet says nothing; its files are the reports of no split and of --facility") {
  Split s;
  s.o.quiet = true;
  s.o.reports = {{"json", ""}};
  s.Run();
  CHECK(s.err.empty());
  Check whole;
  whole.o.waivers = s.o.waivers;
  whole.o.baseline = s.o.baseline;
  whole.o.lang = Lang::En;
  whole.o.reports = {{"json", ""}};
  whole.Run();
  CHECK(Slurp(s.dir / "all.json") == whole.out);
  // ...and each facility's file the report of --facility.
  for (const char* id : {"F000", "F001", "F002"}) {
    CAPTURE(id);
    whole.o.facility = id;
    whole.Run();
    CHECK(Slurp(s.dir / (std::string(id) + ".json")) == whole.out);
  }
}

TEST_CASE("--facility: one facility's report and exit status; an unknown facility is exit 2") {
  Check c;
  CHECK(c.Run() == kExitFindings);
  c.o.facility = "F000";  // the secretariat: nothing found
  json f000 = c.Json();
  CHECK(f000["facility"] == "F000");
  CHECK(f000["findings"].empty());
  c.o.reports.clear();
  CHECK(c.Run() == kExitOk);
  c.o.facility = "F002";  // U002: a warning
  CHECK(c.Run() == kExitOk);
  c.o.fail_on = FailOn::Warning;
  CHECK(c.Run() == kExitFindings);
  c.o.facility = "F999";
  CHECK(c.Run() == kExitUntrusted);
  CHECK(c.out.empty());
  CHECK(c.err == "rurume-audit: エクスポートに事業所 F999 はありません\n");
  c.o.lang = Lang::En;
  c.Run();
  CHECK(c.err == "rurume-audit: no facility F999 in the export\n");
}

TEST_CASE("--facility: a facility's report holds its own input diagnostics, and counts the others'") {
  Check c;
  c.o.paths.push_back(kReportTests + "/fixtures/bad");  // P900 (F001) and PS900 (a post of F001's group G301)
  c.o.facility = "F001";
  json f001 = c.Json();
  CHECK(f001["diagnostics"].size() == 4);
  CHECK(f001["complete"] == false);
  c.o.facility = "F002";
  json f002 = c.Json();
  CHECK(f002["diagnostics"].empty());
  CHECK(f002["complete"] == false);  // never compliant-looking: the run's counts stay
  CHECK(f002["summary"]["diagnostics"]["error"] == 3);
  c.o.reports = {{"text", ""}};
  c.o.lang = Lang::Ja;
  c.Run();
  CHECK(c.out.find("ほかの事業所の記録についての入力の問題 4 件は、全体のレポートにあります") != std::string::npos);
  CHECK(c.out.find("P900") == std::string::npos);
  CHECK(c.out.find("bad.yaml:") == std::string::npos);
  c.o.facility = "F000";  // the secretariat's facility: nothing found
  c.o.paths.pop_back();
  c.Run();
  CHECK(c.out.find("\n指摘はありません。\n") != std::string::npos);
}

TEST_CASE("split: a facility called all would overwrite the whole report: exit 2, nothing written") {
  Check c;
  std::string yaml = Slurp(kReportTests + "/fixtures/export/export.yaml");
  for (size_t at = yaml.find("F002"); at != std::string::npos; at = yaml.find("F002", at)) yaml.replace(at, 4, "all");
  c.o.paths = {c.Scratch("all.yaml", yaml)};
  c.o.output_dir = (c.scratch.path / "reports").string();
  CHECK(c.Run() == kExitUntrusted);
  CHECK(c.err.find("事業所 all") != std::string::npos);
  CHECK(!fs::exists(c.scratch.path / "reports" / "all.txt"));
}

TEST_CASE("split: file names of facility ids") {
  CHECK(FacilityFileName("F001") == "F001");
  CHECK(FacilityFileName("f-1_a.b") == "f-1_a.b");
  CHECK(FacilityFileName("../etc") == "%2E.%2Fetc");
  CHECK(FacilityFileName("a/b") == "a%2Fb");
  CHECK(FacilityFileName("a%2Fb") == "a%252Fb");  // never the name of another id
  CHECK(FacilityFileName("東久留米 1") == "東久留米%201");
  CHECK(FacilityFileName(".hidden") == "%2Ehidden");
}

TEST_CASE("split: the formats of --split-by pair with no --output") {
  using K = ReportArg;
  std::vector<ReportTarget> out;
  std::string error;
  CHECK(PlanSplitReports({}, &out, &error));
  CHECK(out == std::vector<ReportTarget>{{"text", ""}});
  CHECK(PlanSplitReports({{K::Format, "json"}, {K::Format, "text"}}, &out, &error));
  CHECK(out == std::vector<ReportTarget>{{"json", ""}, {"text", ""}});
  CHECK(!PlanSplitReports({{K::Format, "json"}, {K::Output, "a.json"}}, &out, &error));
  CHECK(error.find("--output-dir") != std::string::npos);
  CHECK(!PlanSplitReports({{K::Format, "json"}, {K::Format, "json"}}, &out, &error));
  // Every format has the extension of its files.
  std::set<std::string_view> extensions;
  for (const Format& f : Formats()) {
    CHECK(!f.extension.empty());
    CHECK(extensions.insert(f.extension).second);
  }
  CHECK(FindFormat("text")->extension == "txt");
  CHECK(FindFormat("junit")->extension == "xml");
}

TEST_CASE("progress: on a terminal, for long runs, never with --quiet") {
  CHECK(Progress::Text(Progress::Loading, 3, 10, Lang::En) == "loading 3/10 files");
  CHECK(Progress::Text(Progress::Rules, 12, 47, Lang::En) == "rule 12/47");
  CHECK(Progress::Text(Progress::Loading, 3, 10, Lang::Ja) == "読み込み中 3/10 ファイル");
  Check c;
  c.o.lang = Lang::En;
  c.o.progress_after_ms = 0;  // every run is long
  c.Run();
  CHECK(c.err.empty());  // not a terminal
  c.o.stderr_is_terminal = true;
  c.Run();
  CHECK(c.err.find("\rloading 1/1 files\x1b[K") != std::string::npos);
  CHECK(c.err.find("\rrule 7/7\x1b[K") != std::string::npos);  // the last one always shows
  CHECK(c.err.size() >= 4);
  CHECK(c.err.substr(c.err.size() - 4) == "\r\x1b[K");  // cleared at the end
  CHECK(c.out.find("\x1b") == std::string::npos);       // the report is untouched
  c.o.quiet = true;
  c.Run();
  CHECK(c.err.empty());
  c.o.quiet = false;
  c.o.progress_after_ms = 60000;  // a short run shows nothing
  c.Run();
  CHECK(c.err.empty());
}
