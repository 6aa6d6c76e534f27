// The clause catalogue (rules/clauses.yaml) quotes parameter defaults in its
// details as "[name = value]": each must be a parameter of one of the
// clause's rules, with that default, so that the catalogue cannot drift from
// the rules it describes.
#include "bind/message_text.h"
#include "rules/ruleset.h"

#include "../temp_dir.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <string>
#include <vector>

using namespace rurume;

namespace {

struct Quoted {
  std::string name;
  std::string value;
};

std::vector<Quoted> QuotedDefaults(const std::string& detail) {
  static const std::regex kQuote(R"(\[([a-z_]+) = ([^\]]+)\])");
  std::vector<Quoted> out;
  for (auto it = std::sregex_iterator(detail.begin(), detail.end(), kQuote); it != std::sregex_iterator(); ++it)
    out.push_back(Quoted{(*it)[1], (*it)[2]});
  return out;
}

/// Problems with the quoted defaults of every clause: empty when all agree.
std::vector<std::string> Disagreements(const RuleSet& set) {
  std::vector<std::string> out;
  for (const Clause& c : set.clauses().all()) {
    for (const Quoted& q : QuotedDefaults(c.detail)) {
      const RuleParam* found = nullptr;
      for (const Rule* r : set.RulesOf(c.id))
        if (const RuleParam* p = r->Param(q.name)) found = p;
      if (!found) {
        out.push_back(c.id + ": [" + q.name + "] is no parameter of the clause's rules");
        continue;
      }
      std::string value = MessageText(found->default_value);
      if (value != q.value) out.push_back(c.id + ": [" + q.name + " = " + q.value + "], the rule says " + value);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("clause details quote the rules' parameter defaults exactly") {
  Diagnostics diags;
  auto set = RuleSet::Load(std::string(RURUME_SOURCE_DIR) + "/rules", "", diags);
  REQUIRE(set.has_value());
  size_t quoted = 0;
  for (const Clause& c : set->clauses().all()) quoted += QuotedDefaults(c.detail).size();
  CHECK(quoted >= 10);  // the catalogue does quote them; a broken pattern would find none
  std::vector<std::string> problems = Disagreements(*set);
  for (const std::string& p : problems) MESSAGE(p);
  CHECK(problems.empty());
}

TEST_CASE("clause details: a quoted default that differs from the rule is caught") {
  CHECK(QuotedDefaults("within [review_interval_days = 180] days and [x = 3]").size() == 2);
  CHECK(QuotedDefaults("no parameters").empty());
  // The rule set with one detail changed ([review_interval_days = 180] -> 120).
  namespace fs = std::filesystem;
  testing::TempDir dir("rurume-clause-details");
  for (const auto& e : fs::directory_iterator(fs::path(RURUME_SOURCE_DIR) / "rules"))
    fs::copy_file(e.path(), dir.path() / e.path().filename());
  std::ifstream in(dir.path() / "clauses.yaml", std::ios::binary);
  std::string text(std::istreambuf_iterator<char>(in), {});
  in.close();
  size_t at = text.find("[review_interval_days = 180]");
  REQUIRE(at != std::string::npos);
  text.replace(at, 28, "[review_interval_days = 120]");
  dir.Write("clauses.yaml", text);
  Diagnostics diags;
  auto set = RuleSet::Load(dir.path().string(), "", diags);
  REQUIRE(set.has_value());
  std::vector<std::string> problems = Disagreements(*set);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "A8.4: [review_interval_days = 120], the rule says 180");
}
