// Waivers (--waivers FILE, schemas/rurume-waivers.schema.json): findings the
// secretariat has accepted for a time, each with a justification, who
// approved it and the last day it holds. A waived finding is still reported,
// as waived, and does not count for the exit status.
#pragma once

#include "audit/audit.h"
#include "base/diagnostics.h"
#include "audit/triage.h"
#include "rules/ruleset.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rurume {

/// Reads a waivers file. Every problem is a diagnostic with its position
/// (RA3001-RA3008; an unreadable file RA1004, a duplicate key RA1030);
/// returns nullopt if any is an error. Rule and clause ids are checked
/// against `rules`.
std::optional<std::vector<Waiver>> LoadWaivers(const std::string& path, const RuleSet& rules, Diagnostics& diags);

/// Whether a subject id matches a waiver's `subject`: `*` stands for any
/// characters (`/` too), `?` for one character; anything else is itself.
bool MatchesSubject(std::string_view pattern, std::string_view id);

/// Applies `triage.waivers` to the findings as of a date: a waiver whose
/// `expires` is before `as_of` is expired and waives nothing; every active
/// one waives the findings it matches (the first in file order is the one a
/// finding records). Fills `triage.waived_by` (parallel to audit.findings),
/// `expired` and `matched`, and adds a warning for each expired waiver
/// (RA3010) and each active one that matched nothing (RA3011).
void ApplyWaivers(const AuditResult& audit, Date as_of, Triage& triage, Diagnostics& diags);

}  // namespace rurume
