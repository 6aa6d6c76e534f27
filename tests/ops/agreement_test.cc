// With waivers and a baseline, the four formats agree on which findings are
// waived, which are new and which are fixed (parsed back: nlohmann for JSON
// and SARIF, libxml2 for JUnit, the sections of the English text report).
#include "ops_helpers.h"

#include <doctest/doctest.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <map>
#include <regex>
#include <set>
#include <sstream>

using namespace rurume;
using nlohmann::json;
using testing::Check;
using testing::kReportTests;

namespace {

using Key = std::pair<std::string, std::string>;  // rule, subject id
using Keys = std::set<Key>;

struct Triaged {
  Keys waived, added, fixed;
};

Key KeyOf(const json& rule, const json& subject_id) { return {rule.get<std::string>(), subject_id.get<std::string>()}; }

/// "rule subject; ..." for the comparisons' messages.
std::string Str(const Keys& keys) {
  std::string out;
  for (const Key& k : keys) out += k.first + " " + k.second + "; ";
  return out;
}

Triaged FromJson(const json& r) {
  Triaged t;
  for (const json& f : r["findings"]) {
    Key k = KeyOf(f["rule"], f["subject"]["id"]);
    if (f.contains("waived")) t.waived.insert(k);
    if (f.value("change", "") == "new") t.added.insert(k);
  }
  for (const json& f : r["fixed"]) t.fixed.insert(KeyOf(f["rule"], f["subject"]["id"]));
  return t;
}

Triaged FromSarif(const json& sarif) {
  Triaged t;
  for (const json& r : sarif["runs"][0]["results"]) {
    Key k = KeyOf(r["ruleId"], r["properties"]["subject"]["id"]);
    if (r.contains("suppressions")) {
      CHECK(r["suppressions"][0]["kind"] == "external");
      CHECK(r["suppressions"][0]["status"] == "accepted");
      t.waived.insert(k);
    }
    std::string state = r.value("baselineState", "");
    if (state == "new") t.added.insert(k);
    if (state == "absent") t.fixed.insert(k);
  }
  return t;
}

std::string Attr(xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  std::string s = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return s;
}

Triaged FromJunit(const std::string& xml) {
  Triaged t;
  xmlDoc* doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "r.xml", nullptr, XML_PARSE_NONET);
  REQUIRE(doc);
  auto element = [](xmlNode* n, const char* name) {
    return n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, reinterpret_cast<const xmlChar*>(name)) == 0;
  };
  for (xmlNode* suite = xmlDocGetRootElement(doc)->children; suite; suite = suite->next) {
    if (!element(suite, "testsuite")) continue;
    for (xmlNode* tc = suite->children; tc; tc = tc->next) {
      if (!element(tc, "testcase")) continue;
      std::string name = Attr(tc, "name");
      Key k{Attr(tc, "classname"), name.substr(name.find(' ') + 1)};
      if (Attr(suite, "name") == "fixed") t.fixed.insert(k);
      for (xmlNode* r = tc->children; r; r = r->next) {
        if (!element(r, "failure") && !element(r, "skipped")) continue;
        if (element(r, "skipped") && Attr(r, "message").rfind("waived: ", 0) == 0) t.waived.insert(k);
        xmlChar* body = xmlNodeGetContent(r);
        if (std::string(reinterpret_cast<const char*>(body)).find("\nnew: not in the baseline\n") != std::string::npos)
          t.added.insert(k);
        xmlFree(body);
      }
    }
  }
  xmlFreeDoc(doc);
  return t;
}

/// The English text report's sections: "New (N)", "Fixed (N)", "Waived (N)".
Triaged FromText(const std::string& text, const json& r) {
  std::map<std::string, std::string> id_at;  // "file:line:column [rule]" -> subject id
  for (const json& f : r["findings"])
    id_at[fmt::format("{}:{}:{} [{}]", f["location"]["file"].get<std::string>(), f["location"]["line"].get<int>(),
                      f["location"]["column"].get<int>(), f["rule"].get<std::string>())] = f["subject"]["id"];
  Triaged t;
  std::istringstream in(text);
  const std::regex finding(" +(\\S+:[0-9]+:[0-9]+): .* \\[(\\S+)\\]( \\((new|waived)\\))?");
  const std::regex fixed("  (error|warning|note) +[a-z]+ (\\S+): .* \\[(\\S+)\\]");
  std::smatch m;
  std::string section;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) section.clear();
    else if (line[0] != ' ') section = line.substr(0, line.find(' '));
    if (section == "Fixed" && std::regex_match(line, m, fixed)) t.fixed.insert({m[3], m[2]});
    if (!std::regex_match(line, m, finding)) continue;
    Key k{m[2], id_at.at(fmt::format("{} [{}]", m[1].str(), m[2].str()))};
    if (section == "New") t.added.insert(k);
    if (section == "Waived") t.waived.insert(k);
    if (section != "New" && m[4] == "new") t.added.insert(k);
  }
  return t;
}

}  // namespace

TEST_CASE("triage: the four formats agree on waived, new and fixed findings") {
  Check c;
  c.o.lang = Lang::En;
  c.o.waivers = kReportTests + "/fixtures/triage/waivers.yaml";
  c.o.baseline = kReportTests + "/fixtures/triage/baseline.json";
  json r = c.Json();
  Triaged expected = FromJson(r);
  CHECK(Str(expected.waived) == "A3-report-member G101/U002; N1.10-report-remote DV2; ");
  CHECK(Str(expected.added) == "N1.10-report-remote DV2; ");
  CHECK(Str(expected.fixed) == "N1.10-report-remote DV1; ");

  c.o.reports = {{"sarif", ""}};
  c.Run();
  Triaged sarif = FromSarif(json::parse(c.out));
  c.o.reports = {{"junit", ""}};
  c.Run();
  Triaged junit = FromJunit(c.out);
  c.o.reports = {{"text", ""}};
  c.Run();
  Triaged text = FromText(c.out, r);
  for (const Triaged* t : {&sarif, &junit, &text}) {
    CHECK(Str(t->waived) == Str(expected.waived));
    CHECK(Str(t->added) == Str(expected.added));
    CHECK(Str(t->fixed) == Str(expected.fixed));
  }
}
