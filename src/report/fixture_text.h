// The report of `rurume-audit test`: per rule, pass or fail, and for a rule
// that fails every difference between its fixtures and what it did.
#pragma once

#include "audit/fixtures.h"
#include "base/diagnostics.h"

#include <string>

namespace rurume {

/// One line per rule (合格 / 不合格, "pass" / "FAIL"), each problem of a
/// failing rule indented below it with its fixture's file and line, the
/// fixture directories that name no rule, and a summary line.
std::string FixtureRunText(const FixtureRun& run, Lang lang);

/// One problem, without its place: what a fixture said and what the rule did.
std::string FixtureProblemText(const FixtureProblem& p, Lang lang);

}  // namespace rurume
