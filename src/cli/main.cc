// rurume-audit: the command line. Every subcommand is one row of kCommands:
// its name, what it does, how it adds its options, and how it runs.
#include "base/suggest.h"
#include "cli/commands.h"
#include "load/scalars.h"
#include "report/formats.h"
#include "text/escape.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <iostream>
#include <sys/ioctl.h>
#include <unistd.h>

namespace {

using rurume::CheckOptions;
using rurume::EvalCommandOptions;

struct Options {
  CheckOptions check;
  std::vector<rurume::ReportArg> report_args;  // --format and --output, in order
  EvalCommandOptions eval;
  rurume::CatalogOptions catalog;
  std::string split_by;  // --split-by: "facility" or empty
};

rurume::Date ParseDateOption(const std::string& option, const std::string& text) {
  auto d = rurume::ParseDate(text);
  if (!d) throw CLI::ValidationError(option, "not a date (YYYY-MM-DD): " + text);
  return *d;
}

void AddLang(CLI::App* cmd, rurume::Lang& lang) {
  cmd->add_option_function<std::string>(
         "--lang", [&lang](const std::string& l) { lang = l == "en" ? rurume::Lang::En : rurume::Lang::Ja; },
         "language of messages: ja (default) or en")
      ->check(CLI::IsMember({"ja", "en"}));
}

void AddRuleOptions(CLI::App* cmd, std::string& rules_dir, std::string& config) {
  cmd->add_option("--rules", rules_dir, "the rule set directory (default: the one installed with the program)")
      ->type_name("DIR");
  cmd->add_option("--config", config, "parameter values and closure days for this network (YAML)")
      ->type_name("FILE");
}

/// The help of --format: every format of the table, the first the default.
std::string FormatHelp() {
  std::string help = "report format, repeatable (each with its --output; one may go to standard output):";
  for (const rurume::Format& f : rurume::Formats())
    help += fmt::format("\n  {}{}: {}", f.name, &f == &rurume::Formats().front() ? " (default)" : "", f.description);
  return help;
}

/// Options shared by `check` and `validate`.
void AddInputOptions(CLI::App* cmd, Options& o) {
  cmd->add_option("paths", o.check.paths, "export files, directories (every *.yaml, *.yml, *.json below), or - for stdin")
      ->required();
  std::vector<std::string> names;
  for (const rurume::Format& f : rurume::Formats()) names.emplace_back(f.name);
  // Each occurrence is recorded as it is parsed: --format and --output pair up by their order.
  cmd->add_option_function<std::string>(
         "--format", [&o](const std::string& f) { o.report_args.push_back({rurume::ReportArg::Format, f}); },
         FormatHelp())
      ->check(CLI::IsMember(names))
      ->trigger_on_parse()
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->type_name("FORMAT");
  cmd->add_option_function<std::string>(
         "--output,-o", [&o](const std::string& f) { o.report_args.push_back({rurume::ReportArg::Output, f}); },
         "write the report of the --format before it (or after it) to FILE: a file is replaced atomically "
         "(through a symbolic link; keeping its mode), a device or FIFO written in place; never an input")
      ->trigger_on_parse()
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->type_name("FILE");
  cmd->add_flag("--force", o.check.force,
                "replace an --output report that has other hard links or is read-only");
  AddLang(cmd, o.check.lang);
  cmd->add_option_function<std::string>(
         "--color",
         [&o](const std::string& c) {
           o.check.color = c == "always" ? rurume::ColorMode::Always
                           : c == "never" ? rurume::ColorMode::Never
                                          : rurume::ColorMode::Auto;
         },
         "colours in the text report: auto (default: on a terminal, unless NO_COLOR is set), always, never; "
         "never in an --output file")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->type_name("WHEN");
  cmd->add_flag("--quiet,-q", o.check.quiet,
                "no progress and no other messages on standard error, except errors");
  cmd->add_option("--exclude", o.check.exclude,
                  "leave out of a directory walk what GLOB names: a path relative to the directory (ci/*.yml) or "
                  "an entry's name (drafts, *.bak.yaml); repeatable. Hidden entries (.git, .github) are always left out")
      ->type_name("GLOB")
      ->take_all()
      ->allow_extra_args(false);
  cmd->add_flag("--verbose,-v", o.check.verbose,
                "list every input problem in the text report (by default at most 20, and the errors that follow "
                "from a file read only in part as one line per file; the JSON report always lists them all)");
}

/// Waivers, baselines and per-facility reports (`check`).
void AddTriageOptions(CLI::App* cmd, Options& o) {
  cmd->add_option("--waivers", o.check.waivers,
                  "accepted exceptions (YAML, schemas/rurume-waivers.schema.json): their findings are reported "
                  "as waived and give no exit status 1")
      ->type_name("FILE");
  CLI::Option* baseline =
      cmd->add_option("--baseline", o.check.baseline,
                      "the JSON report of an earlier run: each finding is new or unchanged, and the fixed ones are listed")
          ->type_name("FILE");
  cmd->add_flag("--fail-on-new", o.check.fail_on_new,
                "only new findings (not in the --baseline) at or above --fail-on give exit status 1")
      ->needs(baseline);
  CLI::Option* facility =
      cmd->add_option("--facility", o.check.facility, "report one facility's findings only (exit status too)")
          ->type_name("ID");
  CLI::Option* split = cmd->add_option("--split-by", o.split_by,
                                       "facility: a report per facility and per --format in --output-dir, "
                                       "DIR/<facility>.<ext>, and the whole one, DIR/all.<ext>")
                           ->check(CLI::IsMember({"facility"}))
                           ->type_name("BY")
                           ->excludes(facility);
  cmd->add_option("--output-dir", o.check.output_dir, "the directory of the --split-by reports (created if need be)")
      ->type_name("DIR")
      ->needs(split);
  split->needs("--output-dir");
}

void SetupValidate(CLI::App* cmd, Options& o) { AddInputOptions(cmd, o); }

void SetupCheck(CLI::App* cmd, Options& o) {
  AddInputOptions(cmd, o);
  AddRuleOptions(cmd, o.check.rules_dir, o.check.config);
  cmd->add_option_function<std::string>(
         "--fail-on",
         [&o](const std::string& s) {
           o.check.fail_on = s == "warning" ? rurume::FailOn::Warning
                             : s == "note"  ? rurume::FailOn::Note
                             : s == "never" ? rurume::FailOn::Never
                                            : rurume::FailOn::Error;
         },
         "the lowest severity whose findings give exit status 1: error (default), warning, note, never "
         "(input and rule errors still give 2)")
      ->check(CLI::IsMember({"error", "warning", "note", "never"}))
      ->type_name("SEVERITY");
  cmd->add_flag("--show-personal-info", o.check.show_personal_info,
                "include patients' names and birth dates and post texts in the report (it then says so at its top)");
  cmd->add_option_function<std::string>(
         "--as-of", [&o](const std::string& t) { o.check.as_of = ParseDateOption("--as-of", t); },
         "the evaluation date (default: today in Japan, UTC+9)")
      ->type_name("YYYY-MM-DD");
  cmd->add_option("--max-export-age", o.check.max_export_age,
                  "an export older than DAYS before the as-of date is a warning (default 2); so is an as-of date "
                  "before the export")
      ->check(CLI::Range(0, 36500))
      ->type_name("DAYS");
  AddTriageOptions(cmd, o);
}

void SetupEval(CLI::App* cmd, Options& o) {
  cmd->add_option("expression", o.eval.expression, "the expression")->required();
  cmd->add_option("--data", o.eval.data, "an export to bind: its collections (facilities, users, ..., members), "
                                         "network and exported_at")
      ->type_name("PATH");
  cmd->add_option_function<std::string>(
         "--as-of", [&o](const std::string& t) { o.eval.as_of = ParseDateOption("--as-of", t); },
         "the value of as_of (default: today in Japan)")
      ->type_name("YYYY-MM-DD");
  cmd->add_flag("--show-personal-info", o.eval.show_personal_info,
                "let expressions read personal fields (patients' names and birth dates, post texts); without it "
                "they are errors");
  AddRuleOptions(cmd, o.eval.rules_dir, o.eval.config);
  AddLang(cmd, o.eval.lang);
}

void SetupCatalog(CLI::App* cmd, Options& o) {
  AddRuleOptions(cmd, o.catalog.rules_dir, o.catalog.config);
  AddLang(cmd, o.catalog.lang);
}

void SetupExplain(CLI::App* cmd, Options& o) {
  cmd->add_option("what", o.catalog.what, "a rule id (N1.10-remote-control) or a clause id (N1.10)")->required();
  SetupCatalog(cmd, o);
}

void SetupCalendar(CLI::App* cmd, Options& o) {
  cmd->add_option("year", o.catalog.year, "the year, 1970 to 2099")->required();
  SetupCatalog(cmd, o);
}

struct Command {
  const char* name;
  const char* description;
  void (*setup)(CLI::App* cmd, Options& o);
  int (*run)(Options& o);
};

const Command kCommands[] = {
    {"check", "audit an export against the rules", SetupCheck,
     [](Options& o) { return rurume::RunCheck(o.check, std::cout, std::cerr); }},
    {"validate", "check an export's input only (syntax, types, ids, references)", SetupValidate,
     [](Options& o) {
       o.check.validate_only = true;
       return rurume::RunCheck(o.check, std::cout, std::cerr);
     }},
    {"rules", "list the rules: id, clause, severity, title", SetupCatalog,
     [](Options& o) { return rurume::RunRules(o.catalog, std::cout, std::cerr); }},
    {"explain", "what a rule or a clause checks, why (the policy's words), how to fix it, its parameters",
     SetupExplain, [](Options& o) { return rurume::RunExplain(o.catalog, std::cout, std::cerr); }},
    {"clauses", "every clause: auto (with its rules), manual (a checklist) or info", SetupCatalog,
     [](Options& o) { return rurume::RunClauses(o.catalog, std::cout, std::cerr); }},
    {"calendar", "a year's national holidays and the secretariat's closure days", SetupCalendar,
     [](Options& o) { return rurume::RunCalendar(o.catalog, std::cout, std::cerr); }},
    {"eval", "evaluate one rule expression and print its value", SetupEval,
     [](Options& o) { return rurume::RunEval(o.eval, std::cout, std::cerr); }},
};

/// A command-line mistake, in Japanese unless --lang en is among the
/// arguments: an unknown command or option with what it probably was
/// (the project's one suggester), else CLI11's words in parentheses; then
/// where the usage is.
void UsageError(CLI::App& app, int argc, char** argv, const CLI::ParseError& e) {
  bool ja = true;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if ((a == "--lang" && i + 1 < argc && std::string_view(argv[i + 1]) == "en") || a == "--lang=en") ja = false;
  }
  std::vector<std::string> commands;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) commands.push_back(sub->get_name());
  std::vector<std::string_view> command_names(commands.begin(), commands.end());
  // The subcommand given (the first argument that is one), and the first word that is none.
  const CLI::App* chosen = nullptr;
  std::string stray;
  for (int i = 1; i < argc && !chosen; ++i)
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
      if (sub->get_name() == argv[i]) chosen = sub;
  if (!chosen && argc > 1 && argv[1][0] != '-') stray = argv[1];
  std::string line;
  if (!chosen && !stray.empty()) {
    const std::string hint = rurume::SuggestionSentence(stray, command_names, ja);
    std::string all;
    for (const std::string& c : commands) all += (all.empty() ? "" : ", ") + c;
    line = ja ? fmt::format("{} というコマンドはありません。{}{}使えるコマンド: {}", rurume::EscapeControls(stray), hint,
                            hint.empty() ? "" : "。", all)
              : fmt::format("no command {}; {}{}commands: {}", rurume::EscapeControls(stray), hint,
                            hint.empty() ? "" : " ", all);
  } else if (const auto* extras = dynamic_cast<const CLI::ExtrasError*>(&e); extras && chosen) {
    std::vector<std::string> options;
    for (const CLI::Option* opt : chosen->get_options()) {
      for (const std::string& n : opt->get_lnames()) options.push_back("--" + n);
      for (const std::string& n : opt->get_snames()) options.push_back("-" + n);
    }
    std::vector<std::string_view> option_names(options.begin(), options.end());
    std::string unknown;
    for (int i = 1; i < argc; ++i) {
      std::string_view a = argv[i];
      std::string_view name = a.substr(0, a.find('='));
      if (name.size() > 1 && name[0] == '-' &&
          std::find(options.begin(), options.end(), std::string(name)) == options.end() && name != "--") {
        unknown = std::string(name);
        break;
      }
    }
    if (!unknown.empty()) {
      const std::string hint = rurume::SuggestionSentence(unknown, option_names, ja);
      line = ja ? fmt::format("{} に {} というオプションはありません{}{}", chosen->get_name(), rurume::EscapeControls(unknown),
                              hint.empty() ? "" : "。", hint)
                : fmt::format("{} has no option {}{}{}", chosen->get_name(), rurume::EscapeControls(unknown),
                              hint.empty() ? "" : "; ", hint);
    }
  }
  if (line.empty())
    line = ja ? fmt::format("コマンドラインの誤りです ({})", rurume::EscapeControls(e.what()))
              : fmt::format("command line error: {}", rurume::EscapeControls(e.what()));
  const std::string help = chosen ? fmt::format("rurume-audit {} --help", chosen->get_name()) : "rurume-audit --help";
  std::cerr << "rurume-audit: " << line << "\n"
            << (ja ? fmt::format("使い方: {}\n", help) : fmt::format("usage: {}\n", help));
}

int Main(int argc, char** argv, Options& options) {
  CLI::App app{"rurume-audit: audits the るるめネット home-care network against its operating policy"};
  app.set_version_flag("--version", std::string("rurume-audit ") + RURUME_VERSION);
  app.require_subcommand(1);
  const Command* chosen = nullptr;
  for (const Command& c : kCommands) {
    CLI::App* cmd = app.add_subcommand(c.name, c.description);
    c.setup(cmd, options);
    cmd->callback([&chosen, &c] { chosen = &c; });
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    UsageError(app, argc, argv, e);
    return rurume::kExitUntrusted;
  }
  if (!chosen) return rurume::kExitUntrusted;
  std::string problem;
  const bool split = !options.split_by.empty();
  if (!(split ? rurume::PlanSplitReports : rurume::PlanReports)(options.report_args, &options.check.reports, &problem)) {
    std::cerr << "rurume-audit: " << rurume::EscapeControls(problem) << "\n";
    return rurume::kExitUntrusted;
  }
  const char* no_color = std::getenv("NO_COLOR");
  options.check.no_color = no_color && *no_color;
  options.check.stdout_is_terminal = isatty(STDOUT_FILENO) == 1;
  if (options.check.stdout_is_terminal) {
    winsize ws{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) options.check.text_width = ws.ws_col;
  }
  options.check.stderr_is_terminal = isatty(STDERR_FILENO) == 1;
  return chosen->run(options);
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  // Whichever subcommand ran, its --lang (they are all Japanese by default).
  const auto lang = [&options] {
    const bool en = options.check.lang == rurume::Lang::En || options.eval.lang == rurume::Lang::En ||
                    options.catalog.lang == rurume::Lang::En;
    return en ? rurume::Lang::En : rurume::Lang::Ja;
  };
  return rurume::RunGuarded([&] { return Main(argc, argv, options); }, lang, std::cerr);
}
