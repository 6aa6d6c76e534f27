// The subcommands' work, apart from command-line parsing (which stays in
// main.cc), so that tests can run them.
#pragma once

#include "load/diagnostics.h"
#include "model/model.h"

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace rurume {

/// Exit status (cli-and-report.md).
enum Exit : int { kExitOk = 0, kExitFindings = 1, kExitUntrusted = 2 };

struct CheckOptions {
  std::vector<std::string> paths;  // files, directories, "-"
  std::string format = "text";     // text | json
  std::string output;              // empty: standard output
  Lang lang = Lang::Ja;
  std::optional<Date> as_of;       // the evaluation date; default today in Japan
  std::string rules_dir;           // empty: DefaultRulesDir()
  std::string config;              // --config FILE
  bool validate_only = false;      // `validate`: input checks only
};

/// Today's date in Japan (UTC+9), the default evaluation date.
Date TodayInJapan();

/// `check` and `validate`. Writes the report to `out` (or the output file)
/// and problems with the run itself to `err`; returns the exit status.
int RunCheck(const CheckOptions& options, std::ostream& out, std::ostream& err);

struct EvalCommandOptions {
  std::string expression;
  std::vector<std::string> data;  // --data PATH...
  std::optional<Date> as_of;
  std::string rules_dir;
  std::string config;
  Lang lang = Lang::Ja;
};

struct CatalogOptions {
  std::string rules_dir;
  std::string config;
  Lang lang = Lang::Ja;
  std::string what;  // explain: a rule id or a clause id
  int year = 0;      // calendar
};

/// `rules`, `explain`, `clauses` and `calendar`.
int RunRules(const CatalogOptions& options, std::ostream& out, std::ostream& err);
int RunExplain(const CatalogOptions& options, std::ostream& out, std::ostream& err);
/// Exit status 1 when an auto clause has no rule.
int RunClauses(const CatalogOptions& options, std::ostream& out, std::ostream& err);
int RunCalendar(const CatalogOptions& options, std::ostream& out, std::ostream& err);

/// `eval EXPR [--data PATH]`: prints the value, or the compile errors.
int RunEval(const EvalCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace rurume
