// The subcommands' work, apart from command-line parsing (which stays in
// main.cc), so that tests can run them.
#pragma once

#include "base/diagnostics.h"
#include "base/time.h"

#include <functional>
#include <iosfwd>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

namespace rurume {

/// Exit status: 0 nothing at fault, 1 findings, 2 the audit cannot be trusted.
enum Exit : int { kExitOk = 0, kExitFindings = 1, kExitUntrusted = 2, kExitNotSent = 3 };

/// One report of a run: a format of report/formats.h, and where it goes.
struct ReportTarget {
  std::string format;  // "text", "json", ...
  std::string output;  // empty: standard output
  friend bool operator==(const ReportTarget& a, const ReportTarget& b) {
    return a.format == b.format && a.output == b.output;
  }
};

/// A --format or --output option, in command-line order.
struct ReportArg {
  enum Kind { Format, Output } kind;
  std::string value;
};

/// Pairs --format and --output options into reports. Each --format starts a
/// report; an --output names the file of the report of the --format just
/// before it, or, when that one has its file already (or there is none yet),
/// of the next --format: `--format json -o a.json`, `-o a.json --format
/// json`. A --format without an --output (or with `-o -`) writes to standard
/// output, which only one report may do. No --format: one text report.
/// Returns false and sets `error` on a usage error.
bool PlanReports(const std::vector<ReportArg>& args, std::vector<ReportTarget>* reports, std::string* error);

/// The reports of `--split-by facility`: one per --format (default text),
/// each format once; --output is a usage error (the files are named after
/// the facilities in --output-dir). Returns false and sets `error`.
bool PlanSplitReports(const std::vector<ReportArg>& args, std::vector<ReportTarget>* reports, std::string* error);

/// The file name of a facility's report in --output-dir, without extension:
/// the id with every byte but ASCII letters, digits, `-`, `_`, `.` (not
/// leading) and those of non-ASCII characters percent-encoded, so that no id
/// names a file outside the directory and two ids never share a file.
std::string FacilityFileName(std::string_view facility_id);

/// The lowest severity whose findings give exit status 1 (--fail-on).
enum class FailOn : uint8_t { Error, Warning, Note, Never };
/// --color: ANSI colours in the text report on standard output.
enum class ColorMode : uint8_t { Auto, Always, Never };

struct CheckOptions {
  std::vector<std::string> paths;     // files, directories, "-"
  std::vector<std::string> exclude;   // --exclude GLOB: what a directory walk leaves out
  std::vector<ReportTarget> reports;  // empty: one text report on standard output
  Lang lang = Lang::Ja;
  std::optional<Date> as_of;          // the evaluation date; default today in Japan
  int max_export_age = 2;             // --max-export-age DAYS: an older export is a warning
  std::string rules_dir;              // empty: DefaultRulesDir()
  std::string config;                 // --config FILE
  bool validate_only = false;         // `validate`: input checks only
  FailOn fail_on = FailOn::Error;
  ColorMode color = ColorMode::Auto;
  bool show_personal_info = false;    // --show-personal-info
  std::string waivers;                // --waivers FILE
  std::string attestations;           // --attestations FILE
  bool fail_on_unattested = false;    // --fail-on-unattested: missing or expired manual clauses give 1
  std::string baseline;               // --baseline FILE (an earlier JSON report)
  bool fail_on_new = false;           // --fail-on-new: only new findings give 1
  std::string output_dir;             // --split-by facility --output-dir DIR; empty: no split
  std::string facility;               // --facility ID: one facility's report
  bool quiet = false;                 // --quiet: no progress, no chatter on standard error
  bool verbose = false;               // --verbose: every input problem in the text report
  bool force = false;                 // --force: replace a hard-linked or read-only report
  std::string sarif_root;             // --sarif-root DIR: SARIF's %SRCROOT%; empty: the current directory
  // The environment, filled in by main() (tests set them).
  bool stdout_is_terminal = false;    // isatty(standard output)
  size_t text_width = 80;             // the text report's width: the terminal's, else 80
  bool stderr_is_terminal = false;    // isatty(standard error): progress
  bool no_color = false;              // NO_COLOR is set and not empty
  int progress_after_ms = 500;        // a run is long (and shows progress) after this
};

/// Today's date in Japan (UTC+9), the default evaluation date.
Date TodayInJapan();

/// `check` and `validate`. Writes the report to `out` (or the output
/// files) and problems with the run itself, and progress on a terminal, to
/// `err`; returns the exit status. Waivers and a baseline are read, and
/// checked, before the export: an error in them is exit status 2 with
/// nothing read. Waived findings never give 1; under fail_on_new only new
/// ones do; with `facility` only that facility's.
int RunCheck(const CheckOptions& options, std::ostream& out, std::ostream& err);

struct EvalCommandOptions {
  std::string expression;
  std::vector<std::string> data;  // --data PATH...
  std::optional<Date> as_of;
  std::string rules_dir;
  std::string config;
  Lang lang = Lang::Ja;
  bool show_personal_info = false;  // else personal fields read as errors
};

struct CatalogOptions {
  std::string rules_dir;
  std::string config;
  Lang lang = Lang::Ja;
  std::string what;  // explain: a rule id or a clause id
  int year = 0;      // calendar
  // clauses --template EXPORT: an attestations file to fill in.
  bool template_file = false;
  std::vector<std::string> paths;
  std::optional<Date> as_of;  // the template's date; default today in Japan
};

/// `rules`, `explain`, `clauses` and `calendar`.
int RunRules(const CatalogOptions& options, std::ostream& out, std::ostream& err);
int RunExplain(const CatalogOptions& options, std::ostream& out, std::ostream& err);
/// Exit status 1 when an auto clause has no rule. With template_file: the
/// attestations template of the export (report/attestation_template.h) on
/// `out`; an export that cannot be read completely gives 2 and no template.
int RunClauses(const CatalogOptions& options, std::ostream& out, std::ostream& err);
int RunCalendar(const CatalogOptions& options, std::ostream& out, std::ostream& err);

struct MailOptions {
  std::string recipients;                   // --recipients FILE
  std::string sendmail = "/usr/sbin/sendmail";  // --sendmail PATH
  std::string dry_run;                      // --dry-run DIR: .eml files instead of sending
  std::string day_dir;                      // the nightly script's directory of the day
  Lang lang = Lang::Ja;
  bool quiet = false;
  std::optional<std::time_t> now;           // the Date: (tests); default the clock
};

/// `mail`: the night's messages (report/mail.h) to sendmail, or to
/// --dry-run's directory. 0 all sent, 2 a bad recipients file or day
/// directory (nothing sent), 3 one or more not sent (why on `err`).
int RunMail(const MailOptions& options, std::ostream& out, std::ostream& err);

struct TestOptions {
  std::string rules_dir;     // empty: DefaultRulesDir()
  std::string fixtures_dir;  // empty: DefaultFixturesDir(the rules)
  Lang lang = Lang::Ja;
};

/// Where `test` looks for the fixtures of the rules in `rules_dir` when no
/// FIXTURES_DIR is given: `tests/rules` beside it (RULES/../tests/rules), as
/// in the source tree and the installed program's share directory.
std::string DefaultFixturesDir(const std::string& rules_dir);

/// `test [--rules DIR] [FIXTURES_DIR]`: every rule against its fixtures
/// (audit/fixtures.h). Exit status 0 when every rule passes, 1 when one
/// fails (or a fixture directory names no rule), 2 when the rules, the
/// fixture directory or its base.yaml cannot be read.
int RunTest(const TestOptions& options, std::ostream& out, std::ostream& err);

/// `eval EXPR [--data PATH]`: prints the value, or the compile errors.
int RunEval(const EvalCommandOptions& options, std::ostream& out, std::ostream& err);

/// Runs `body` (a whole command) and returns its exit status. An exception
/// that escapes it (a defect: std::bad_alloc, a date library's bad_year, ...)
/// is an internal error: a message on `err` in lang() (read then, once the
/// command line is parsed) and exit status 2, never std::terminate.
int RunGuarded(const std::function<int()>& body, const std::function<Lang()>& lang, std::ostream& err);

}  // namespace rurume
