// The subcommands' work, apart from command-line parsing (which stays in
// main.cc), so that tests can run them.
#pragma once

#include "load/diagnostics.h"
#include "model/model.h"

#include <iosfwd>
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
  bool validate_only = false;      // `validate`: input checks only
};

/// `check` and `validate`. Writes the report to `out` (or the output file)
/// and problems with the run itself to `err`; returns the exit status.
/// Today's date in Japan (UTC+9), the default evaluation date.
Date TodayInJapan();

int RunCheck(const CheckOptions& options, std::ostream& out, std::ostream& err);

}  // namespace rurume
