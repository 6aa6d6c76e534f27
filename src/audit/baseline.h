// Baselines (--baseline PREVIOUS.json): the JSON report of an earlier run of
// `check`, against which each finding is new or unchanged and the findings
// gone since are fixed. Findings are matched by their fingerprint only (rule
// id, subject kind and id), never by line, file or message, so that a
// reordered or re-indented export changes nothing.
#pragma once

#include "audit/audit.h"
#include "base/diagnostics.h"
#include "audit/triage.h"

#include <optional>
#include <string>
#include <vector>

namespace rurume {

/// What a run needs of an earlier report.
struct Baseline {
  std::string file;              // as given
  std::string as_of;             // its evaluation date (YYYY-MM-DD)
  std::string rule_set_version;  // its rule set's version
  std::string tool_version;
  std::string facility;          // a per-facility report's facility; empty for a whole one
  std::vector<FixedFinding> findings;  // every finding it had
  std::vector<std::pair<std::string, size_t>> records;  // records per collection ("devices", 24); none in older reports
};

/// Reads a JSON report (schemas/rurume-audit-report.schema.json) of `check`.
/// A file that cannot be read (RA3020), is not JSON (RA3021) or is not such a
/// report (RA3022: another format, a `validate` report, a finding without a
/// fingerprint) is an error diagnostic, and nullopt.
std::optional<Baseline> LoadBaseline(const std::string& path, Diagnostics& diags);

/// Compares this run's findings with the baseline's: fills
/// `triage.change` (parallel to audit.findings), `triage.fixed` (the
/// baseline's findings this run has not, in the baseline's order, but not
/// those whose rule could not evaluate the subject this time: they are not
/// known to be fixed), `triage.removed` (those whose subject is no longer in
/// `ex`: not fixed either, and warned about, RA3031), `has_baseline` and
/// `baseline_file`. A collection of `ex` with less than half the baseline's
/// records is warned about too (RA3030): part of the export may be missing.
void CompareWithBaseline(const Baseline& baseline, const Export& ex, const AuditResult& audit, Triage& triage,
                         Diagnostics& diags);

}  // namespace rurume
