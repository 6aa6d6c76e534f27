// Loading a rule set: every mistake in a rule file is an error at its file,
// line and column before any export is read; parameters and --config; the
// cost limit.
#include "audit/audit.h"
#include "load/loader.h"
#include "rules/ruleset.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <map>

namespace fs = std::filesystem;
using namespace rurume;

namespace {

/// A temporary rule directory with the project's clause list.
class RuleDir {
 public:
  RuleDir() {
    static int n = 0;
    dir_ = fs::temp_directory_path() / fmt::format("rurume-rules-{}-{}", ::getpid(), n++);
    fs::create_directories(dir_);
    fs::copy_file(fs::path(RURUME_SOURCE_DIR) / "rules" / "clauses.yaml", dir_ / "clauses.yaml");
  }
  ~RuleDir() { fs::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
  std::string path() const { return dir_.string(); }

 private:
  fs::path dir_;
};

/// A valid rule, with `extra` lines replacing or adding keys.
std::string RuleText(const std::string& id, const std::string& require, const std::string& extra = "",
                     const std::string& message = "機器 {{device.id}}") {
  return fmt::format(R"(id: {}
clause: N1.10
severity: error
title: {{ja: タイトル, en: title}}
rationale: 「引用」
for: devices
require: {}
message:
  ja: "{}"
  en: "device {{{{device.id}}}}"
remediation: {{ja: 直す, en: fix it}}
record: {{ja: 記録する, en: record it}}
actor: facility_admin
deadline: null
{})",
                     id, require, message, extra);
}

/// The diagnostics of loading, as "file-name:line:column:RA2011 ...".
std::string Load(const RuleDir& dir, const std::string& config = "") {
  Diagnostics diags;
  auto set = RuleSet::Load(dir.path(), config, diags);
  std::vector<std::string> out;
  for (const Diagnostic& d : diags.all())
    out.push_back(fmt::format("{}:{}:{}:{}", fs::path(d.file).filename().string(), d.line, d.column, CodeId(d.code)));
  CHECK(set.has_value() == (diags.errors() == 0));
  std::string joined;
  for (const std::string& o : out) joined += (joined.empty() ? "" : " ") + o;
  return joined;
}

}  // namespace

TEST_CASE("ruleset: a valid rule loads") {
  RuleDir dir;
  dir.Write("N1.10-remote-control.yaml", RuleText("N1.10-remote-control", "device.remote_wipe || device.mdm"));
  CHECK(Load(dir).empty());
}

TEST_CASE("ruleset: expression errors point at the rule file's line and column") {
  RuleDir dir;
  SUBCASE("an unknown field") {
    dir.Write("N1.10-x.yaml", RuleText("N1.10-x", "device.remote_wipe || device.remote_wype"));
    // `require: ` is 9 characters; the selection of remote_wype starts at offset 28.
    auto d = Load(dir);
    CHECK(d.rfind("N1.10-x.yaml:7:", 0) == 0);
    CHECK(d.find(":RA2011") != std::string::npos);
  }
  SUBCASE("a function that does not exist") {
    dir.Write("N1.10-x.yaml", RuleText("N1.10-x", "frobnicate(device.mdm)"));
    CHECK(Load(dir) == "N1.10-x.yaml:7:10:RA2011");
  }
  SUBCASE("not a bool") {
    dir.Write("N1.10-x.yaml", RuleText("N1.10-x", "device.apps"));
    CHECK(Load(dir) == "N1.10-x.yaml:7:10:RA2012");
  }
  SUBCASE("a syntax error") {
    dir.Write("N1.10-x.yaml", RuleText("N1.10-x", "device.mdm &&"));
    auto d = Load(dir);
    CHECK(d.rfind("N1.10-x.yaml:7:", 0) == 0);
  }
  SUBCASE("an enumeration value that does not exist") {
    dir.Write("N1.10-x.yaml", RuleText("N1.10-x", "device.status == 'inuse'"));
    CHECK(Load(dir) == "N1.10-x.yaml:7:27:RA2014");
  }
  SUBCASE("an enumeration value in a list") {
    dir.Write("N1.10-x.yaml", RuleText("N1.10-x", "device.status in ['lost', 'stollen']"));
    CHECK(Load(dir) == "N1.10-x.yaml:7:27:RA2014");
  }
  SUBCASE("a time-zone literal the accessors do not support, at the literal") {
    // `require: exported_at.getHours(` is 30 characters: the literal is at column 31.
    dir.Write("N1.10-x.yaml", RuleText("N1.10-x", "exported_at.getHours('Asia/Seoul') > 9"));
    CHECK(Load(dir) == "N1.10-x.yaml:7:31:RA2019");
    dir.Write("N1.10-x.yaml", RuleText("N1.10-x", "device.mdm || exported_at.getDayOfWeek('JST') == 1"));
    CHECK(Load(dir) == "N1.10-x.yaml:7:49:RA2019");
  }
  SUBCASE("supported time-zone literals, and a zone known only at run time, load") {
    dir.Write("N1.10-x.yaml",
              RuleText("N1.10-x", "exported_at.getHours('Asia/Tokyo') + exported_at.getHours('UTC') + "
                                  "exported_at.getHours('+09:00') + exported_at.getHours('Japan') + "
                                  "exported_at.getHours(device.id) > 0"));
    CHECK(Load(dir).empty());
  }
  SUBCASE("a message that reads a patient's name") {
    dir.Write("N1.10-x.yaml",
              RuleText("N1.10-x", "device.mdm", "", "{{device.assigned_to.patient.name}}"));
    auto d = Load(dir);
    CHECK(d.rfind("N1.10-x.yaml:9:", 0) == 0);
    CHECK(d.find(":RA2013") != std::string::npos);
  }
  SUBCASE("a block scalar: the error's line is inside the block") {
    dir.Write("N1.10-x.yaml", RuleText("N1.10-x", "|\n  device.mdm ||\n    device.nope"));
    auto d = Load(dir);
    CHECK(d.rfind("N1.10-x.yaml:9:12:", 0) == 0);
  }
}

TEST_CASE("ruleset: structural mistakes in a rule file") {
  RuleDir dir;
  SUBCASE("the id must match the file name and begin with the clause") {
    dir.Write("N1.10-a.yaml", RuleText("N1.10-b", "device.mdm"));
    dir.Write("N1.11-c.yaml", RuleText("N1.11-c", "device.mdm"));
    auto d = Load(dir);
    CHECK(d == "N1.10-a.yaml:1:5:RA2005 N1.11-c.yaml:1:5:RA2005");
  }
  SUBCASE("an unknown clause, a manual clause") {
    std::string unknown = RuleText("N99-x", "device.mdm");
    unknown.replace(unknown.find("N1.10"), 5, "N99");
    dir.Write("N99-x.yaml", unknown);
    std::string manual = RuleText("N1.8-x", "device.mdm");
    manual.replace(manual.find("N1.10"), 5, "N1.8");
    dir.Write("N1.8-x.yaml", manual);
    auto d = Load(dir);
    CHECK(d.find("N1.8-x.yaml:2:9:RA2006") != std::string::npos);
    CHECK(d.find("N99-x.yaml:2:9:RA2006") != std::string::npos);
  }
  SUBCASE("a missing key, an unknown key, a bad severity, an unknown collection") {
    std::string text = RuleText("N1.10-x", "device.mdm", "colour: red\n");
    text.replace(text.find("severity: error"), 15, "severity: fatal");
    text.replace(text.find("for: devices"), 12, "for: gadgets");
    text.erase(text.find("rationale: 「引用」\n"), std::string("rationale: 「引用」\n").size());
    dir.Write("N1.10-x.yaml", text);
    auto d = Load(dir);
    CHECK(d == "N1.10-x.yaml:1:1:RA2002 N1.10-x.yaml:3:11:RA2007 N1.10-x.yaml:5:6:RA2008 N1.10-x.yaml:14:1:RA2003");
  }
  SUBCASE("duplicate keys") {
    dir.Write("N1.10-x.yaml", RuleText("N1.10-x", "device.mdm", "require: device.mdm\n"));
    auto d = Load(dir);
    CHECK(d == "N1.10-x.yaml:15:1:RA1030");
  }
  SUBCASE("no rules at all") {
    auto d = Load(dir);
    CHECK(d == fmt::format("{}:0:0:RA2017", fs::path(dir.path()).filename().string()));
  }
}

TEST_CASE("ruleset: parameters, their defaults and --config") {
  // One device whose OS was updated 23 days before the as-of date.
  const std::string kOneDevice = R"(format: rurume-export/1
exported_at: 2026-11-24T02:00:00+09:00
network: {secretariat_facility: F0}
facilities: [{id: F0}]
devices: [{id: D1, facility: F0, os_updated_on: 2026-11-01}]
)";
  RuleDir dir;
  dir.Write("N1.6-os.yaml", [] {
    std::string t = RuleText("N1.6-os", "daysBetween(device.os_updated_on, as_of) <= params.max_age_days",
                             "params:\n  max_age_days: 90\n  apps: [Winny]\n");
    t.replace(t.find("N1.10"), 5, "N1.6");
    return t;
  }());
  SUBCASE("the default is in force") {
    Diagnostics diags;
    auto set = RuleSet::Load(dir.path(), "", diags);
    REQUIRE(set.has_value());
    const RuleParam* p = set->rules()[0].rule.Param("max_age_days");
    REQUIRE(p != nullptr);
    CHECK(p->value.int_value() == 90);
    CHECK(p->set_by.empty());
  }
  SUBCASE("a config value overrides it and changes the outcome") {
    std::string config = dir.Write("config.yml", "params:\n  max_age_days: 10\n");
    Diagnostics diags;
    auto set = RuleSet::Load(dir.path(), config, diags);
    REQUIRE(set.has_value());
    CHECK(set->rules()[0].rule.Param("max_age_days")->value.int_value() == 10);
    std::string data = dir.Write("export.yml", kOneDevice);
    Export ex = LoadExport({data}, diags);
    AuditResult r = RunAudit(*set, ex, AuditOptions{Date(2026, 11, 24)}, diags);
    REQUIRE(r.findings.size() == 1);  // 23 days > 10
    Diagnostics d2;
    auto defaults = RuleSet::Load(dir.path(), "", d2);
    CHECK(RunAudit(*defaults, ex, AuditOptions{Date(2026, 11, 24)}, d2).findings.empty());  // 23 <= 90
  }
  SUBCASE("a copy of a rule set reads its own parameters after the original is gone") {
    // `params` in an expression used to read the original rule set's
    // parameters through a pointer: a copy read freed memory once the
    // original was destroyed (the sanitizer suite catches the old bug).
    std::string config = dir.Write("config.yml", "params:\n  max_age_days: 10\n");
    std::string data = dir.Write("export.yml", kOneDevice);
    Diagnostics diags;
    Export ex = LoadExport({data}, diags);
    std::optional<RuleSet> copy;
    {
      auto original = RuleSet::Load(dir.path(), config, diags);
      REQUIRE(original.has_value());
      copy = *original;  // a copy, not a move
      original.reset();
    }
    AuditResult r = RunAudit(*copy, ex, AuditOptions{Date(2026, 11, 24)}, diags);
    CHECK(r.findings.size() == 1);  // 23 days > 10, read through the copy's params
    RuleSet again = *copy;
    copy.reset();
    CHECK(RunAudit(again, ex, AuditOptions{Date(2026, 11, 24)}, diags).findings.size() == 1);
  }
  SUBCASE("an unknown parameter in the config is an error") {
    std::string config = dir.Write("config.yml", "params:\n  max_age_dayz: 10\n");
    CHECK(Load(dir, config) == "config.yml:2:3:RA2021");
  }
  SUBCASE("a value of the wrong type is an error") {
    std::string config = dir.Write("config.yml", "params:\n  max_age_days: soon\n  apps: Winny\n");
    CHECK(Load(dir, config) == "config.yml:2:17:RA2022 config.yml:3:9:RA2022");
  }
  SUBCASE("a misspelt parameter in a rule is a check error") {
    dir.Write("N1.6-os.yaml", [] {
      std::string t = RuleText("N1.6-os", "daysBetween(device.os_updated_on, as_of) <= params.max_age",
                               "params:\n  max_age_days: 90\n");
      t.replace(t.find("N1.10"), 5, "N1.6");
      return t;
    }());
    auto d = Load(dir);
    CHECK(d.find(":RA2011") != std::string::npos);
  }
  SUBCASE("an int outside its range is RA2024 at its position (issue 10: 9223372036854775807 * 3600 overflowed)") {
    // Without a declared range an int parameter keeps to 0..10000.
    std::string config = dir.Write("config.yml", "params:\n  max_age_days: 9223372036854775807\n");
    CHECK(Load(dir, config) == "config.yml:2:17:RA2024");
    config = dir.Write("config.yml", "params:\n  max_age_days: -1\n");
    CHECK(Load(dir, config) == "config.yml:2:17:RA2024");
    config = dir.Write("config.yml", "params:\n  max_age_days: 10000\n");
    CHECK(Load(dir, config).empty());
    Diagnostics diags;
    config = dir.Write("config.yml", "params:\n  max_age_days: 10001\n");
    CHECK_FALSE(RuleSet::Load(dir.path(), config, diags).has_value());
    REQUIRE(diags.all().size() == 1);
    CHECK(diags.all()[0].Message(Lang::En) == "parameter max_age_days: 10001 is out of range (an integer from 0 to 10000)");
    CHECK(diags.all()[0].Message(Lang::Ja) ==
          "パラメータ max_age_days の値 10001 は範囲外です (0 から 10000 までの整数にしてください)");
  }
  SUBCASE("a rule declares an int parameter's range") {
    dir.Write("N1.6-os.yaml", [] {
      std::string t = RuleText("N1.6-os", "daysBetween(device.os_updated_on, as_of) <= params.max_age_days",
                               "params:\n  max_age_days: {default: 90, min: 1, max: 365}\n");
      t.replace(t.find("N1.10"), 5, "N1.6");
      return t;
    }());
    Diagnostics diags;
    auto set = RuleSet::Load(dir.path(), "", diags);
    REQUIRE(set.has_value());
    const RuleParam* p = set->rules()[0].rule.Param("max_age_days");
    REQUIRE(p != nullptr);
    CHECK(p->value.int_value() == 90);
    CHECK(p->min == 1);
    CHECK(p->max == 365);
    CHECK(Load(dir, dir.Write("config.yml", "params:\n  max_age_days: 365\n")).empty());
    CHECK(Load(dir, dir.Write("config.yml", "params:\n  max_age_days: 366\n")) == "config.yml:2:17:RA2024");
    CHECK(Load(dir, dir.Write("config.yml", "params:\n  max_age_days: 0\n")) == "config.yml:2:17:RA2024");
  }
  SUBCASE("a wrong range declaration is an error in the rule file") {
    for (const char* decl : {"{default: 400, min: 1, max: 365}", "{default: 5, min: 9, max: 1}",
                             "{default: 5, min: 1}", "{default: soon, min: 1, max: 9}", "20000", "-5"}) {
      CAPTURE(decl);
      dir.Write("N1.6-os.yaml", [&] {
        std::string t = RuleText("N1.6-os", "params.max_age_days > 0", std::string("params:\n  max_age_days: ") + decl + "\n");
        t.replace(t.find("N1.10"), 5, "N1.6");
        return t;
      }());
      CHECK(Load(dir).find(":RA2016") != std::string::npos);
    }
    dir.Write("N1.6-os.yaml", [] {
      std::string t = RuleText("N1.6-os", "params.max_age_days > 0", "params:\n  max_age_days: {default: 5, min: 1, max: 9, step: 1}\n");
      t.replace(t.find("N1.10"), 5, "N1.6");
      return t;
    }());
    CHECK(Load(dir).find(":RA2003") != std::string::npos);
  }
  SUBCASE("closure days from the config; a bad one is an error") {
    std::string config = dir.Write("config.yml", "calendar:\n  closures: ['12-29..01-03', '2026-08-14', '13-01']\n");
    auto d = Load(dir, config);
    CHECK(d == "config.yml:2:44:RA2023");
  }
}

TEST_CASE("ruleset: a runaway expression is stopped by the cost limit") {
  RuleDir dir;
  dir.Write("N1.10-x.yaml",
            RuleText("N1.10-x", "\"[1,2,3,4,5,6,7,8,9,10].all(a, [1,2,3,4,5,6,7,8,9,10].all(b, "
                                "[1,2,3,4,5,6,7,8,9,10].all(c, [1,2,3,4,5,6,7,8,9,10].all(d, true))))\""));
  Diagnostics diags;
  auto set = RuleSet::Load(dir.path(), "", diags);
  REQUIRE(set.has_value());
  std::string data = dir.Write("export.yml", R"(format: rurume-export/1
exported_at: 2026-11-24T02:00:00+09:00
network: {secretariat_facility: F0}
facilities: [{id: F0}]
devices: [{id: D1, facility: F0}, {id: D2, facility: F0}]
)");
  Export ex = LoadExport({data}, diags);
  AuditOptions options{Date(2026, 11, 24)};
  options.cost_limit = 5000;
  AuditResult r = RunAudit(*set, ex, options, diags);
  CHECK(r.findings.empty());
  CHECK(r.not_evaluated.empty());
  REQUIRE(diags.errors() == 1);
  CHECK(diags.all()[0].code == Code::CostLimit);
}

TEST_CASE("ruleset: every int parameter of the shipped rule set declares its range") {
  Diagnostics diags;
  auto set = RuleSet::Load((fs::path(RURUME_SOURCE_DIR) / "rules").string(), "", diags);
  REQUIRE(set.has_value());
  int ints = 0;
  for (const CompiledRule& cr : set->rules())
    for (const RuleParam& p : cr.rule.params) {
      if (p.type->ToString() != "int") continue;
      CAPTURE(p.name);
      ++ints;
      CHECK_FALSE((p.min == RuleParam::kDefaultMin && p.max == RuleParam::kDefaultMax));
      CHECK(p.min <= p.default_value.int_value());
      CHECK(p.default_value.int_value() <= p.max);
      CHECK(p.max <= 10000);  // hours, days or years: far from any overflow
    }
  CHECK(ints == 21);
}

namespace {

/// A rule whose require is the list `checks` (YAML lines, indented by two).
std::string ChecksRule(const std::string& checks, const std::string& ja = "機器 {{device.id}}: {{reasons}}",
                       const std::string& en = "device {{device.id}}: {{reasons}}") {
  return fmt::format(R"(id: N1.10-x
clause: N1.10
severity: error
title: {{ja: タイトル, en: title}}
rationale: 「引用」
for: devices
require:
{}
message:
  ja: "{}"
  en: "{}"
remediation: {{ja: 直す, en: fix it}}
record: {{ja: 記録する, en: record it}}
actor: facility_admin
deadline: null
)",
                     checks, ja, en);
}

const char* const kTwoChecks = R"y(  - name: wipe
    check: device.remote_wipe
    reason: {ja: 遠隔消去ができない, en: no remote wipe}
  - name: mdm
    check: device.mdm
    reason: {ja: "MDM がない ({{device.id}})", en: "no MDM ({{device.id}})"})y";

}  // namespace

TEST_CASE("ruleset: require as a list of named checks") {
  RuleDir dir;
  SUBCASE("a valid list loads, its checks in order") {
    dir.Write("N1.10-x.yaml", ChecksRule(kTwoChecks));
    CHECK(Load(dir).empty());
    Diagnostics diags;
    auto set = RuleSet::Load(dir.path(), "", diags);
    REQUIRE(set);
    const Rule& r = set->rules().at(0).rule;
    REQUIRE(r.checks.size() == 2);
    CHECK(r.checks[0].name == "wipe");
    CHECK(r.checks[1].reason_source.en == "no MDM ({{device.id}})");
    CHECK(r.require == nullptr);
  }
  SUBCASE("an error in a check is at its place in the list") {
    std::string checks = kTwoChecks;
    checks.replace(checks.find("device.mdm"), 10, "device.mdn");
    dir.Write("N1.10-x.yaml", ChecksRule(checks));
    CHECK(Load(dir) == "N1.10-x.yaml:12:19:RA2011");
  }
  SUBCASE("a reason that reads a patient's name") {
    std::string checks = kTwoChecks;
    checks.replace(checks.find("MDM がない ({{device.id}})"), std::string("MDM がない ({{device.id}})").size(),
                   "{{device.assigned_to.patient.name}}");
    dir.Write("N1.10-x.yaml", ChecksRule(checks));
    auto d = Load(dir);
    CHECK(d.rfind("N1.10-x.yaml:13:", 0) == 0);
    CHECK(d.find(":RA2013") != std::string::npos);
  }
  SUBCASE("two checks of one name; a name that is not a word") {
    std::string checks = kTwoChecks;
    checks.replace(checks.find("name: mdm"), 9, "name: wipe");
    dir.Write("N1.10-x.yaml", ChecksRule(checks));
    CHECK(Load(dir) == "N1.10-x.yaml:11:11:RA2004");
    checks.replace(checks.find("name: wipe"), 10, "name: Wipe It");
    dir.Write("N1.10-x.yaml", ChecksRule(checks));
    CHECK(Load(dir) == "N1.10-x.yaml:8:11:RA2004");
  }
  SUBCASE("a check without its reason, with an unknown key; an empty list") {
    dir.Write("N1.10-x.yaml", ChecksRule("  - name: wipe\n    check: device.remote_wipe\n    why: 消去\n"));
    CHECK(Load(dir) == "N1.10-x.yaml:8:5:RA2002 N1.10-x.yaml:10:5:RA2003");
    dir.Write("N1.10-x.yaml", ChecksRule("  []"));
    CHECK(Load(dir) == "N1.10-x.yaml:8:3:RA2004");
  }
  SUBCASE("a message that does not list the reasons") {
    dir.Write("N1.10-x.yaml", ChecksRule(kTwoChecks, "機器 {{device.id}}"));
    CHECK(Load(dir) == "N1.10-x.yaml:15:7:RA2004");
  }
  SUBCASE("`reasons` is the messages' alone") {
    std::string checks = kTwoChecks;
    checks.replace(checks.find("device.mdm"), 10, "reasons == ''");
    dir.Write("N1.10-x.yaml", ChecksRule(checks));
    CHECK(Load(dir) == "N1.10-x.yaml:12:12:RA2011");
  }
}

TEST_CASE("ruleset: a rule with checks fails on any false check and lists its reasons; false decides over unknown") {
  RuleDir dir;
  dir.Write("N1.10-x.yaml", ChecksRule(kTwoChecks));
  Diagnostics diags;
  auto set = RuleSet::Load(dir.path(), "", diags);
  REQUIRE(set.has_value());
  std::string data = dir.Write("export.yml", R"(format: rurume-export/1
exported_at: 2026-11-24T02:00:00+09:00
network: {secretariat_facility: F0}
facilities: [{id: F0}]
devices:
  - {id: D1, facility: F0, remote_wipe: true, mdm: true}
  - {id: D2, facility: F0, remote_wipe: false, mdm: false}
  - {id: D3, facility: F0, remote_wipe: true, mdm: false}
  - {id: D4, facility: F0, mdm: false}
  - {id: D5, facility: F0, mdm: true}
)");
  Export ex = LoadExport({data}, diags);
  REQUIRE(diags.errors() == 0);
  for (Lang lang : {Lang::Ja, Lang::En}) {
    AuditOptions options{Date(2026, 11, 24)};
    options.lang = lang;
    AuditResult r = RunAudit(*set, ex, options, diags);
    std::map<std::string, std::string> messages;
    for (const Finding& f : r.findings) {
      CHECK(f.message_errors.empty());
      messages[f.subject.id] = f.message;
    }
    if (lang == Lang::Ja) {
      CHECK(messages == std::map<std::string, std::string>{{"D2", "機器 D2: 遠隔消去ができない、MDM がない (D2)"},
                                                          {"D3", "機器 D3: MDM がない (D3)"},
                                                          {"D4", "機器 D4: MDM がない (D4)"}});
    } else {
      CHECK(messages == std::map<std::string, std::string>{{"D2", "device D2: no remote wipe; no MDM (D2)"},
                                                          {"D3", "device D3: no MDM (D3)"},
                                                          {"D4", "device D4: no MDM (D4)"}});
    }
    // D5: remote_wipe unknown, mdm true: not evaluated, naming the field.
    REQUIRE(r.not_evaluated.size() == 1);
    CHECK(r.not_evaluated[0].subject.id == "D5");
    CHECK(r.not_evaluated[0].missing == std::vector<std::string>{"device.remote_wipe"});
    REQUIRE(r.outcomes.size() == 1);
    CHECK(r.outcomes[0].passed == 1);
    CHECK(r.outcomes[0].failed == 3);
  }
}
