// One audit of report-test inputs with everything a Report refers to: the
// report tests' rule set, the export, the audit as of 2026-11-24, and the
// Report over them, rendered in any format of the table.
#pragma once

#include "audit/audit.h"
#include "load/loader.h"
#include "report/formats.h"
#include "report/report.h"
#include "report_helpers.h"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rurume::testing {

struct ReportRun {
  TempDir rules_dir;
  Diagnostics diags;
  std::optional<RuleSet> rules;
  Export ex;
  AuditResult audit;
  std::optional<Report> report;

  explicit ReportRun(std::vector<std::string> inputs, Lang lang = Lang::En, bool personal = false) {
    CopyTestRules(rules_dir.path);
    rules = RuleSet::Load(rules_dir.path.string(), "", diags);
    REQUIRE(rules);
    ex = LoadExport(inputs, diags);
    Date as_of(2026, 11, 24);
    audit = RunAudit(*rules, ex, AuditOptions{as_of, lang}, diags);
    ReportContext c;
    c.as_of = as_of;
    c.lang = lang;
    c.show_personal_info = personal;
    c.rule_set_version = RuleSetVersion(*rules);
    report.emplace(ex, diags, audit, &*rules, c);
  }
  std::string Render(std::string_view format, size_t width = 80) const {
    const Format* f = FindFormat(format);
    REQUIRE(f);
    return f->make()->Render(*report, RenderOptions{false, width});
  }
};

}  // namespace rurume::testing
