// Every rule of rules/ against its fixtures in tests/rules/<rule-id>/.
//
// A fixture is an export file merged with tests/rules/base.yaml. Its header
// comments give the evaluation date and parameter values:
//   # as-of: 2026-11-24
//   # param: review_interval_days=30
//   # base: none                       the fixture is a whole export, not merged with base.yaml
// and comments just before a record state what the rule must report for it:
//   # expect: DV1                      a finding for subject DV1 at the next record's line
//   # expect: DV1 "持ち出し 2026-11-02"  the same, and its (Japanese) message contains the text
//   # expect-not-evaluated: DV3 device.mdm device.line_suspension
// The rule must report exactly these, nothing else. Every rule needs a
// fixture where it fires and one where it passes (no expect lines). Every
// placeholder of a finding's message must evaluate, in both languages: one
// that fails (printed "?") fails the fixture.
#include "audit/audit.h"
#include "load/loader.h"
#include "load/scalars.h"
#include "model/schema.h"
#include "rules/ruleset.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace rurume;

namespace {

/// The checkout whose rules and fixtures are tested: this one, or the one
/// RURUME_RULES_CHECKOUT names (another worktree's rules against this build).
std::string Checkout(const std::string& built_in, const char* below) {
  const char* other = std::getenv("RURUME_RULES_CHECKOUT");
  return other && *other ? std::string(other) + below : built_in;
}
const std::string kFixtures = Checkout(std::string(RURUME_TEST_DATA) + "/rules", "/tests/rules");
const std::string kRules = Checkout(std::string(RURUME_SOURCE_DIR) + "/rules", "/rules");

struct Fixture {
  std::string path;
  std::optional<Date> as_of;
  std::map<std::string, std::string> params;  // name -> YAML value
  std::set<std::string> findings;             // "DV1@12"
  std::map<std::string, std::string> texts;   // "DV1@12" -> what its Japanese message contains
  std::set<std::string> not_evaluated;        // "DV3: device.line_suspension device.mdm"
  bool with_base = true;                      // merged with base.yaml (`# base: none`: not)
  bool fires() const { return !findings.empty(); }
};

std::string Trim(std::string s) {
  s.erase(0, s.find_first_not_of(" \t"));
  s.erase(s.find_last_not_of(" \t\r") + 1);
  return s;
}

std::string Join(const std::set<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : " | ") + i;
  return out;
}

/// The line of the record an expectation comment announces: the next line
/// that starts a list item.
size_t NextRecordLine(const std::vector<std::string>& lines, size_t from) {
  for (size_t i = from; i < lines.size(); ++i) {
    std::string t = Trim(lines[i]);
    if (t.rfind("- ", 0) == 0) return i + 1;
  }
  return 0;
}

Fixture ReadFixture(const std::string& path) {
  Fixture f;
  f.path = path;
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string t = Trim(lines[i]);
    auto value = [&](const std::string& prefix) { return Trim(t.substr(prefix.size())); };
    if (t.rfind("# as-of:", 0) == 0) {
      f.as_of = ParseDate(value("# as-of:"));
    } else if (t.rfind("# base:", 0) == 0) {
      f.with_base = value("# base:") != "none";
    } else if (t.rfind("# param:", 0) == 0) {
      std::string p = value("# param:");
      size_t eq = p.find('=');
      f.params[Trim(p.substr(0, eq))] = Trim(p.substr(eq + 1));
    } else if (t.rfind("# expect:", 0) == 0) {
      std::string v = value("# expect:");
      size_t quote = v.find('"');
      std::string key = fmt::format("{}@{}", Trim(v.substr(0, quote)), NextRecordLine(lines, i + 1));
      f.findings.insert(key);
      if (quote != std::string::npos) {
        size_t end = v.rfind('"');
        REQUIRE_MESSAGE(end > quote, path, ":", i + 1, ": an unterminated quoted message");
        f.texts[key] = v.substr(quote + 1, end - quote - 1);
      }
    } else if (t.rfind("# expect-not-evaluated:", 0) == 0) {
      std::istringstream words(value("# expect-not-evaluated:"));
      std::string id, field;
      words >> id;
      std::vector<std::string> missing;
      while (words >> field) missing.push_back(field);
      std::sort(missing.begin(), missing.end());
      std::string entry = id + ":";
      for (const std::string& m : missing) entry += " " + m;
      f.not_evaluated.insert(entry);
    }
  }
  return f;
}

std::vector<Fixture> FixturesOf(const std::string& rule_id) {
  std::vector<Fixture> out;
  std::error_code ec;
  for (fs::directory_iterator it(kFixtures + "/" + rule_id, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".yaml") out.push_back(ReadFixture(it->path().string()));
  std::sort(out.begin(), out.end(), [](const Fixture& a, const Fixture& b) { return a.path < b.path; });
  return out;
}

/// The rule set with a fixture's parameter values (through a config file).
std::optional<RuleSet> RulesFor(const Fixture& f, Diagnostics& diags) {
  if (f.params.empty()) return RuleSet::Load(kRules, "", diags);
  fs::path config = fs::temp_directory_path() / fmt::format("rurume-fixture-{}.yaml", std::hash<std::string>()(f.path));
  {
    std::ofstream out(config);
    out << "params:\n";
    for (const auto& [name, value] : f.params) out << "  " << name << ": " << value << "\n";
  }
  auto rules = RuleSet::Load(kRules, config.string(), diags);
  fs::remove(config);
  return rules;
}

/// Checks one fixture; returns how many of the rule's findings had a deadline.
size_t CheckFixture(const std::string& rule_id, const Fixture& f) {
  CAPTURE(f.path);
  REQUIRE_MESSAGE(f.as_of.has_value(), "the fixture needs a `# as-of:` line");
  Diagnostics diags;
  auto rules = RulesFor(f, diags);
  REQUIRE(rules.has_value());
  Export ex = LoadExport(f.with_base ? std::vector<std::string>{kFixtures + "/base.yaml", f.path}
                                     : std::vector<std::string>{f.path},
                         diags);
  for (const Diagnostic& d : diags.all()) CHECK_MESSAGE(d.level != Level::Error, d.file, ":", d.line, ": ", d.Message(Lang::En));
  AuditResult result = RunAudit(*rules, ex, AuditOptions{*f.as_of, Lang::En}, diags);
  AuditResult ja = RunAudit(*rules, ex, AuditOptions{*f.as_of, Lang::Ja}, diags);
  REQUIRE(ja.findings.size() == result.findings.size());
  std::set<std::string> findings, not_evaluated;
  size_t with_deadline = 0;
  for (size_t i = 0; i < result.findings.size(); ++i) {
    const Finding& x = result.findings[i];
    if (x.rule->id != rule_id) continue;
    CHECK_MESSAGE(ex.files[x.subject.loc.file].path == f.path, "finding in base.yaml: ", x.subject.id);
    std::string key = fmt::format("{}@{}", x.subject.id, x.subject.loc.line);
    findings.insert(key);
    CHECK(!x.message.empty());
    if (!x.deadline.empty()) {
      ++with_deadline;
      CHECK(!x.deadline_text.empty());
      CHECK(ja.findings[i].deadline == x.deadline);
      CHECK(ja.findings[i].deadline_text.find("年") != std::string::npos);
    }
    for (const std::string& e : x.message_errors) CHECK_MESSAGE(false, key, " (en): a placeholder failed: ", e);
    for (const std::string& e : ja.findings[i].message_errors) CHECK_MESSAGE(false, key, " (ja): a placeholder failed: ", e);
    if (auto it = f.texts.find(key); it != f.texts.end())
      CHECK_MESSAGE(ja.findings[i].message.find(it->second) != std::string::npos, key, ": the message \"",
                    ja.findings[i].message, "\" does not contain \"", it->second, "\"");
  }
  for (const NotEvaluated& n : result.not_evaluated) {
    if (n.rule->id != rule_id) continue;
    std::vector<std::string> missing = n.missing;
    std::sort(missing.begin(), missing.end());
    std::string entry = n.subject.id + ":";
    for (const std::string& m : missing) entry += " " + m;
    // An absent evidence field is "not on record", a finding, never unknown
    // (the catalogue's Missing values); but a deadline whose starting event
    // is missing is not evaluated even when that event is evidence (N2.2
    // without reported_to_admin_at: N2.1 reports the missing report).
    for (const std::string& m : missing) {
      const size_t dot = m.find('.');
      const RecordDesc* desc = dot == std::string::npos ? nullptr : FindRecordDesc(m.substr(0, dot));
      const FieldDesc* field = desc ? desc->Find(m.substr(dot + 1)) : nullptr;
      const bool starting_event = n.rule->clause == "N2.2" && m == "device.reported_to_admin_at";
      CHECK_MESSAGE((!field || !(field->flags & kEvidence) || starting_event), n.subject.id, ": ", m,
                    " is evidence: absent means not on record (a finding), not unknown");
    }
    if (missing.empty()) entry += " (" + n.reason + ")";
    not_evaluated.insert(entry);
  }
  CHECK(Join(findings) == Join(f.findings));
  CHECK(Join(not_evaluated) == Join(f.not_evaluated));
  return with_deadline;
}

}  // namespace

TEST_CASE("every rule fires and passes exactly as its fixtures say") {
  Diagnostics diags;
  auto rules = RuleSet::Load(kRules, "", diags);
  for (const Diagnostic& d : diags.all()) MESSAGE(d.file, ":", d.line, ":", d.column, ": ", d.Message(Lang::En));
  REQUIRE(rules.has_value());
  REQUIRE(!rules->rules().empty());
  for (const CompiledRule& cr : rules->rules()) {
    const std::string& id = cr.rule.id;
    CAPTURE(id);
    std::vector<Fixture> fixtures = FixturesOf(id);
    CHECK_MESSAGE(std::any_of(fixtures.begin(), fixtures.end(), [](const Fixture& f) { return f.fires(); }),
                  "no fixture where the rule fires: add tests/rules/", id, "/*.yaml with `# expect:` lines");
    CHECK_MESSAGE(std::any_of(fixtures.begin(), fixtures.end(), [](const Fixture& f) { return !f.fires(); }),
                  "no fixture where the rule passes");
    size_t with_deadline = 0;
    for (const Fixture& f : fixtures) with_deadline += CheckFixture(id, f);
    // A rule with a deadline shows it on the findings of its fixtures.
    if (cr.rule.deadline) CHECK_MESSAGE(with_deadline > 0, "no finding of the fixtures has a deadline");
    else CHECK(with_deadline == 0);
  }
}

TEST_CASE("every fixture directory belongs to a rule") {
  Diagnostics diags;
  auto rules = RuleSet::Load(kRules, "", diags);
  REQUIRE(rules.has_value());
  for (const auto& entry : fs::directory_iterator(kFixtures)) {
    if (!entry.is_directory()) continue;
    std::string name = entry.path().filename().string();
    CHECK_MESSAGE(rules->Find(name) != nullptr, "tests/rules/", name, " names no rule");
  }
}
