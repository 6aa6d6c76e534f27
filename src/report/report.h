// What every report format shows, prepared once: the run's context, the
// findings grouped by clause, messages screened for personal information,
// fingerprints and counts. Each format (text.cc, json.cc, junit.cc,
// sarif.cc) renders a Report and is one row of the format table (formats.h).
#pragma once

#include "audit/attestations.h"
#include "audit/audit.h"
#include "audit/fingerprint.h"
#include "base/diagnostics.h"
#include "model/model.h"
#include "audit/triage.h"
#include "rules/ruleset.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rurume {

/// The run a report describes, besides its results.
struct ReportContext {
  std::string_view command = "check";  // "check" or "validate"
  std::optional<Date> as_of;           // the evaluation date (check)
  Lang lang = Lang::Ja;
  bool show_personal_info = false;     // --show-personal-info
  std::string rule_set_version;        // RuleSetVersion() (check)
  const Triage* triage = nullptr;      // waivers and baseline, when given
  std::string facility;                // a per-facility report: the facility's id
  bool verbose = false;                // --verbose: the text report lists every input problem
  /// SARIF's %SRCROOT% (--sarif-root): an absolute, normalized directory
  /// that the artifacts' URIs are relative to; empty: the current directory.
  std::string sarif_root = {};
  /// The manual clauses' attestations (check): every report lists them.
  const ManualClauses* manual = nullptr;
  bool fail_on_unattested = false;     // --fail-on-unattested: missing and expired ones fail
};

/// A patient's personal information, or a post's text, shown with a finding
/// only under --show-personal-info.
struct PersonalInfo {
  std::string patient_id;               // empty: no patient
  std::optional<std::string> name;
  std::optional<Date> birth_date;
  std::optional<std::string> post_text;
  bool empty() const { return patient_id.empty() && !post_text; }
};

/// Counts every format reports.
struct Summary {
  size_t files = 0;
  size_t rules = 0;
  size_t clauses_checked = 0;  // clauses with a rule, or checked through others' (via)
  size_t findings = 0;         // waived ones included
  size_t errors = 0, warnings = 0, notes = 0;  // findings by severity
  size_t waived = 0;           // findings a waiver waives
  size_t not_evaluated = 0;
  size_t passed = 0;  // (rule, subject) checks that passed
  size_t input_errors = 0, input_warnings = 0;  // the waivers' warnings are input warnings
  // Against a baseline (Triage::has_baseline):
  size_t new_findings = 0, unchanged = 0, fixed = 0;
  size_t removed = 0;  // gone with their subjects (Triage::removed)
  // The manual clauses (ReportContext::manual), entries by state:
  size_t manual_clauses = 0;  // manual clauses the report lists
  size_t attested = 0, expiring = 0, expired = 0, unattested = 0;
};

/// A position in a file (ManualPlace: where a manual clause's entry points).
struct ManualPlace {
  std::string file;
  uint32_t line = 0, column = 0;
};

/// A clause with rules, and what they found.
struct ClauseResult {
  const Clause* clause;
  std::vector<const RuleOutcome*> outcomes;        // its rules, in rule order
  std::vector<const Finding*> findings;            // by subject (input order), then rule
  std::vector<const NotEvaluated*> not_evaluated;  // in audit order
};

/// What a report shows. A per-facility report (context.facility set) is a
/// view of the audit: audit() holds only the findings and subjects not
/// evaluated whose subject belongs to the facility (SubjectRef::facility),
/// each outcome's `passed` is the facility's, and context().triage is
/// parallel to that audit() with only the facility's fixed findings. A
/// format therefore renders audit() and context().triage the same way for
/// either report.
class Report {
 public:
  /// `rules` is null for `validate`. Every argument (and context.triage)
  /// must outlive the Report.
  Report(const Export& ex, const Diagnostics& diags, const AuditResult& audit, const RuleSet* rules,
         ReportContext context);
  /// One facility's report from a whole one (which must outlive it), for
  /// --split-by: what does not depend on the facility is not prepared again.
  Report(const Report& whole, std::string facility);
  Report(const Report&) = delete;  // it points into itself
  Report& operator=(const Report&) = delete;

  const ReportContext& context() const { return context_; }
  Lang lang() const { return context_.lang; }
  const Export& input() const { return ex_; }
  /// The findings, subjects not evaluated and outcomes this report shows.
  const AuditResult& audit() const { return *audit_; }
  /// The waivers and the baseline (null when neither was given).
  const Triage* triage() const { return context_.triage; }
  /// The waiver that waives a finding of audit(), or null.
  const Waiver* WaiverOf(const Finding& f) const;
  /// How the baseline sees a finding of audit() (NoBaseline without one).
  Change ChangeOf(const Finding& f) const;
  /// The facility of a per-facility report (null for a whole report, or
  /// when the export has no such facility).
  const Facility* facility() const { return facility_; }
  const RuleSet* rules() const { return rules_; }
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  /// In a facility's report: how many input diagnostics of the run are about
  /// other facilities' records (left out of diagnostics()).
  size_t other_diagnostics() const { return other_diagnostics_; }
  const std::vector<ClauseResult>& clauses() const { return clauses_; }
  /// The manual-clause section: every entry of context().manual, or in a
  /// facility's report the facility's own (no network-wide clause); empty
  /// for `validate`.
  const std::vector<const ManualEntry*>& manual() const { return manual_; }
  /// manual(), one list per clause (the entries of a clause are together).
  std::vector<std::vector<const ManualEntry*>> ManualByClause() const;
  /// The attestations file, when one was given ("" otherwise).
  const std::string& AttestationsFile() const;
  /// Where an entry of manual() points: its attestation; without one, a
  /// facility's record (per facility), else the attestations file's first
  /// line, else the network's record.
  ManualPlace PlaceOf(const ManualEntry& e) const;
  /// An entry as one sentence for formats that list them one by one
  /// (SARIF, GitHub, GitLab, JUnit): the clause, the facility, the state,
  /// and what to do.
  std::string ManualMessage(const ManualEntry& e) const;
  const Summary& summary() const { return summary_; }

  /// The input file a location is in ("" when unknown).
  const std::string& FileOf(const Loc& loc) const;
  /// The finding's message, the not-evaluated reason: screened for personal
  /// information unless it is shown.
  std::string Message(const Finding& f) const { return Screen(f.message); }
  std::string Reason(const NotEvaluated& n) const { return Screen(n.reason); }
  /// Why a rule could not decide, for people: the missing fields by their
  /// labels (記録がない項目: 機器の「画面ロック」) or the reason (理由: …).
  std::string NotEvaluatedWhy(const NotEvaluated& n) const;
  std::string Message(const Diagnostic& d) const { return Screen(d.Message(context_.lang)); }
  /// The subject's personal information under --show-personal-info; else empty.
  PersonalInfo Personal(const SubjectRef& subject) const;
  /// The outcome of a rule (null if it did not run).
  const RuleOutcome* OutcomeOf(const Rule& rule) const;

  /// Replaces every personal value of the input (patient names and birth
  /// dates, names of patients' and families' accounts, post texts) in `text`
  /// with "***", unless personal information is shown.
  std::string Screen(std::string text) const;

 private:
  /// The personal values to screen (records.def, kPersonal), unless shown.
  void CollectPersonal();
  /// ManualMessage before control characters are escaped.
  std::string ManualSentence(const ManualEntry& e) const;
  /// Narrows the audit and the triage to context_.facility.
  void SelectFacility(const AuditResult& audit);
  /// The summary and the clauses' results of audit().
  void Count();
  size_t IndexOf(const Finding& f) const { return static_cast<size_t>(&f - audit_->findings.data()); }

  const Export& ex_;
  const AuditResult* audit_;
  const RuleSet* rules_;
  ReportContext context_;
  AuditResult facility_audit_;   // a per-facility report's view
  Triage facility_triage_;
  const Facility* facility_ = nullptr;
  std::vector<Diagnostic> diagnostics_;  // with personal values withheld; a facility's own in its report
  size_t other_diagnostics_ = 0;
  std::vector<ClauseResult> clauses_;
  std::vector<const ManualEntry*> manual_;
  Summary summary_;
  std::vector<std::string> personal_values_;  // longest first
};

/// A finding's change against the baseline in the report's language
/// ("新規", "継続"; "new", "unchanged"), empty for NoBaseline.
std::string_view ChangeLabel(Change change, Lang lang);
/// The same as JSON and SARIF name it ("new", "unchanged"), empty for NoBaseline.
std::string_view ChangeName(Change change);

/// The rule set's version: the SHA-256 (hex) over its files (clauses.yaml and
/// every rule file) in file-name order, each as its name, a NUL byte, its
/// size in decimal, a NUL byte and its bytes. Empty when a file cannot be read.
std::string RuleSetVersion(const RuleSet& rules);

/// Severity in the report's language ("エラー", "error").
std::string_view SeverityLabel(Level level, Lang lang);
/// A subject kind in the report's language ("機器", "device").
std::string_view KindLabel(std::string_view kind, Lang lang);
/// The warning a report carries at its top under --show-personal-info.
std::string_view PersonalInfoNotice(Lang lang);
/// The line a report begins with: the network's name, the as-of date (check)
/// and when the export was made ("るるめネット の監査 (基準日 2026-11-24、エクスポート
/// 2026-11-24 02:00)").
std::string HeaderLine(const Report& r);
/// An instant as people read it, in Japan time: "2026年11月24日(火) 02:00".
std::string HumanTime(const Timestamp& t, Lang lang);

/// What every report says at its top when the input had errors: the result
/// is incomplete and may hold wrong findings.
std::string IncompleteNotice(size_t input_errors, Lang lang);
/// In a facility's report: "N input problems about other facilities' records are in the whole report".
std::string OtherFacilitiesProblems(size_t count, Lang lang);
/// The line that stands for the `count` errors that follow from `file` read
/// only up to `line` (1: not at all).
std::string FollowOnSummary(const std::string& file, uint32_t line, size_t count, Lang lang);
/// The line that stands for `count` input problems not listed one by one.
std::string MoreProblemsSummary(size_t count, Lang lang);
/// The input problems a text list shows at most, without --verbose.
constexpr size_t kDiagnosticsShown = 20;

/// A diagnostic as a line: "file:line:column: level[code]: message\n"; the
/// message is d.Message(lang) unless given.
std::string DiagnosticLine(const Diagnostic& d, Lang lang, std::optional<std::string> message = std::nullopt);

}  // namespace rurume
