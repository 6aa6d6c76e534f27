// Running a rule set over an export: for every rule, every subject of its
// collection that `when` selects is checked against `require`. false is a
// finding; an error (a field it needs is absent) is "not evaluated", never a
// pass and never a finding.
#pragma once

#include "base/diagnostics.h"
#include "base/time.h"
#include "rules/ruleset.h"

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace rurume {

struct RecordDesc;

struct SubjectRef {
  const RecordDesc* desc = nullptr;  // the subject's record type
  const void* record = nullptr;      // the subject in the export
  std::string_view kind;  // desc->name: "device", "member", ...
  std::string id;         // "DV0042", "G101/U0007"
  Loc loc;
  /// The facility the subject belongs to (FacilityIdOf), for per-facility
  /// reports; empty when it belongs to none.
  std::string_view facility;
};

struct Finding {
  const Rule* rule;
  SubjectRef subject;
  std::string message;
  /// The message's placeholders that did not evaluate (each printed as "?"),
  /// as "{{source}}: error": a defect of the rule, which its fixtures catch.
  std::vector<std::string> message_errors;
  /// By when it must be acted on (the rule's `deadline`): ISO 8601 for
  /// machines ("2026-11-24", "2026-11-10T08:00:00+09:00"), and for people
  /// in the run's language ("2026年11月24日(火)"); both empty when none.
  std::string deadline;
  std::string deadline_text;
  /// The deadline has passed by the end of the as-of day: a date deadline
  /// before as_of, a timestamp one on or before it.
  bool overdue = false;
};

/// Who must act on a finding, in `lang`: "F003 の MCS管理者".
std::string ResponsibleParty(const Finding& f, Lang lang);

struct NotEvaluated {
  const Rule* rule;
  SubjectRef subject;
  std::vector<std::string> missing;  // absent fields ("device.remote_wipe")
  std::string reason;                // when no field is missing: why, for the report's reader
  std::string detail;                // the evaluator's own error, for whoever maintains the rule
};

/// How a rule fared: subjects it applied to, passed, failed, not evaluated.
struct RuleOutcome {
  const Rule* rule;
  size_t applicable = 0;
  size_t passed = 0;
  size_t failed = 0;
  size_t not_evaluated = 0;
  /// `passed` by the subjects' facility (SubjectRef::facility), for
  /// per-facility reports; subjects of no facility are left out.
  std::map<std::string_view, size_t> passed_by_facility = {};
};

struct AuditResult {
  std::vector<Finding> findings;          // by rule (file order), then subject (export order)
  std::vector<NotEvaluated> not_evaluated;
  std::vector<RuleOutcome> outcomes;      // one per rule, in rule order
};

struct AuditOptions {
  Date as_of;
  Lang lang = Lang::Ja;
  uint64_t cost_limit = 1000000;  // per evaluation
  /// Called before each rule runs with its number (from 0) and the number
  /// of rules: progress for long runs.
  std::function<void(size_t rule, size_t rules)> on_rule = nullptr;
};

/// Runs every rule. A rule that exceeds the cost limit is a diagnostic (the
/// audit cannot be trusted) and is stopped for the rest of its subjects.
AuditResult RunAudit(const RuleSet& rules, const Export& ex, const AuditOptions& options, Diagnostics& diags);


}  // namespace rurume
