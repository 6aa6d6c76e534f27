// What the nightly operations add to an audit's findings: waivers (known
// exceptions with a justification and an end date) and the difference from
// a baseline (the JSON report of an earlier run).
#pragma once

#include "audit/audit.h"

#include <optional>
#include <string>
#include <vector>

namespace rurume {

/// One entry of a waivers file (--waivers).
struct Waiver {
  std::string rule;      // a rule id, or empty when `clause` is given
  std::string clause;    // a clause id, or empty when `rule` is given
  std::string subject;   // a subject id or a pattern (`*` and `?`)
  std::string justification;
  std::string approved_by;
  Date expires;          // the last day it waives
  std::string file;      // where it was written
  uint32_t line = 0;
  uint32_t column = 0;
  bool expired = false;  // expires < as-of: it no longer waives, and is reported
  size_t matched = 0;    // findings it waives (0 for an active one: unused, reported)
};

/// How a baseline sees a finding.
enum class Change : uint8_t { NoBaseline, New, Unchanged };

/// A finding of the baseline that this run no longer has (fixed, or removed
/// with its subject).
struct FixedFinding {
  std::string rule;
  std::string clause;
  std::string severity;
  std::string subject_kind;
  std::string subject_id;
  std::string message;
  std::string fingerprint;
  std::string facility;  // as the baseline recorded it, when it did
};

/// The waivers and the baseline applied to one audit; parallel to
/// AuditResult::findings.
struct Triage {
  std::string waivers_file;               // --waivers (empty: none given)
  std::vector<Waiver> waivers;
  std::vector<const Waiver*> waived_by;  // per finding: the waiver, or null
  std::vector<Change> change;            // per finding
  std::vector<FixedFinding> fixed;       // in the baseline, gone now, their subjects still there
  std::vector<FixedFinding> removed;     // in the baseline, gone with their subjects: not known to be fixed
  bool has_baseline = false;
  std::string baseline_file;
  std::string baseline_as_of;             // the baseline's evaluation date
  std::string baseline_rule_set_version;  // the baseline's rule set
  size_t baseline_findings = 0;           // how many findings the baseline had
};

}  // namespace rurume
