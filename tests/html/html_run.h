// An audit of the HTML tests' fixture (tests/html/fixture, tests/html/rules
// with rules/clauses.yaml), with everything a Report refers to, and
// optionally the triage a run with waivers and a baseline would carry: the
// first finding new, the second waived, two fixed findings (one with text
// HTML escapes), an expired and an unused waiver. For html_test.cc and
// html_triage_page.cc (the browser test's page with triage).
#pragma once

#include "audit/audit.h"
#include "load/loader.h"
#include "report/formats.h"
#include "report/report.h"
#include "audit/triage.h"
#include "rules/ruleset.h"

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <unistd.h>

namespace rurume::html_test {

struct HtmlRun {
  std::filesystem::path rules_dir;
  Diagnostics diags;
  std::optional<RuleSet> rules;
  Export ex;
  AuditResult audit;
  Triage triage;
  std::optional<Report> report;

  /// `source`: the source tree (RURUME_SOURCE_DIR).
  HtmlRun(const std::string& source, Lang lang, bool with_triage, bool personal = false, std::string facility = "") {
    namespace fs = std::filesystem;
    static int counter = 0;
    rules_dir = fs::temp_directory_path() / ("rurume-html-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::create_directories(rules_dir);
    fs::copy_file(fs::path(source) / "rules" / "clauses.yaml", rules_dir / "clauses.yaml");
    for (const auto& e : fs::directory_iterator(fs::path(source) / "tests" / "html" / "rules"))
      if (e.path().extension() == ".yaml") fs::copy_file(e.path(), rules_dir / e.path().filename());
    rules = RuleSet::Load(rules_dir.string(), "", diags);
    if (!rules) throw std::runtime_error("the HTML tests' rules do not load");
    ex = LoadExport({(fs::path(source) / "tests" / "html" / "fixture").string()}, diags);
    Date as_of(2026, 11, 24);
    audit = RunAudit(*rules, ex, AuditOptions{as_of, lang}, diags);
    if (with_triage) MakeTriage();
    ReportContext c;
    c.as_of = as_of;
    c.lang = lang;
    c.show_personal_info = personal;
    c.rule_set_version = RuleSetVersion(*rules);
    c.triage = with_triage ? &triage : nullptr;
    c.facility = std::move(facility);
    report.emplace(ex, diags, audit, &*rules, c);
  }
  ~HtmlRun() {
    std::error_code ec;
    std::filesystem::remove_all(rules_dir, ec);
  }
  HtmlRun(const HtmlRun&) = delete;
  HtmlRun& operator=(const HtmlRun&) = delete;

  std::string Render() const { return FindFormat("html")->make()->Render(*report, RenderOptions{}); }

  size_t fixed() const { return triage.fixed.size(); }

 private:
  void MakeTriage() {
    triage.has_baseline = true;
    triage.baseline_file = "baseline <2026-11-17>.json";
    Waiver active;
    active.rule = audit.findings.size() > 1 ? audit.findings[1].rule->id : "";
    active.subject = audit.findings.size() > 1 ? audit.findings[1].subject.id : "";
    active.justification = "更新待ち <台帳> & \"事務局\" '確認済み'";
    active.approved_by = "事務局 佐藤";
    active.expires = Date(2026, 12, 31);
    active.file = "waivers.yaml";
    active.line = 3;
    active.column = 5;
    active.matched = 1;
    Waiver expired = active;
    expired.rule.clear();
    expired.clause = "A9";
    expired.subject = "P*";
    expired.justification = "期限切れの除外";
    expired.expires = Date(2026, 1, 31);
    expired.line = 9;
    expired.expired = true;
    expired.matched = 0;
    Waiver unused = active;
    unused.subject = "DV999";
    unused.justification = "使われない除外";
    unused.line = 15;
    unused.matched = 0;
    triage.waivers = {active, expired, unused};
    triage.waived_by.assign(audit.findings.size(), nullptr);
    triage.change.assign(audit.findings.size(), Change::Unchanged);
    if (!audit.findings.empty()) triage.change[0] = Change::New;
    if (audit.findings.size() > 1) triage.waived_by[1] = &triage.waivers[0];
    FixedFinding gone;
    gone.rule = "N1.10-html-remote";
    gone.clause = "N1.10";
    gone.severity = "error";
    gone.subject_kind = "device";
    gone.subject_id = "DV0";
    gone.message = "機器 DV0 に <リモートワイプ> & \"遠隔消去\" がありません";
    gone.fingerprint = Fingerprint(gone.rule, gone.subject_kind, gone.subject_id);
    gone.facility = "F001";
    FixedFinding old_note = gone;
    old_note.rule = "A9-html-patient";
    old_note.clause = "A9";
    old_note.severity = "note";
    old_note.subject_kind = "patient";
    old_note.subject_id = "P000";
    old_note.message = "患者 P000 の同意書 'old'";
    old_note.fingerprint = Fingerprint(old_note.rule, old_note.subject_kind, old_note.subject_id);
    old_note.facility.clear();
    triage.fixed = {gone, old_note};
  }
};

}  // namespace rurume::html_test
