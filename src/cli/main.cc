// rurume-audit: the command line. Every subcommand is one row of kCommands:
// its name, what it does, how it adds its options, and how it runs.
#include "cli/commands.h"
#include "load/scalars.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace {

using rurume::CheckOptions;
using rurume::EvalCommandOptions;

struct Options {
  CheckOptions check;
  EvalCommandOptions eval;
  rurume::CatalogOptions catalog;
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

/// Options shared by `check` and `validate`.
void AddInputOptions(CLI::App* cmd, CheckOptions& o) {
  cmd->add_option("paths", o.paths, "export files, directories (every *.yaml, *.yml, *.json below), or - for stdin")
      ->required();
  cmd->add_option("--format", o.format, "report format: text (default) or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--output,-o", o.output, "write the report to FILE (atomically)")->type_name("FILE");
  AddLang(cmd, o.lang);
}

void SetupCheck(CLI::App* cmd, Options& o) {
  AddInputOptions(cmd, o.check);
  AddRuleOptions(cmd, o.check.rules_dir, o.check.config);
  cmd->add_option_function<std::string>(
         "--as-of", [&o](const std::string& t) { o.check.as_of = ParseDateOption("--as-of", t); },
         "the evaluation date (default: today in Japan, UTC+9)")
      ->type_name("YYYY-MM-DD");
}

void SetupValidate(CLI::App* cmd, Options& o) { AddInputOptions(cmd, o.check); }

void SetupEval(CLI::App* cmd, Options& o) {
  cmd->add_option("expression", o.eval.expression, "the expression")->required();
  cmd->add_option("--data", o.eval.data, "an export to bind: its collections (facilities, users, ..., members), "
                                         "network and exported_at")
      ->type_name("PATH");
  cmd->add_option_function<std::string>(
         "--as-of", [&o](const std::string& t) { o.eval.as_of = ParseDateOption("--as-of", t); },
         "the value of as_of (default: today in Japan)")
      ->type_name("YYYY-MM-DD");
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

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"rurume-audit: audits the るるめネット home-care network against its operating policy"};
  app.set_version_flag("--version", std::string("rurume-audit ") + RURUME_VERSION);
  app.require_subcommand(1);
  Options options;
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
    app.exit(e);
    return rurume::kExitUntrusted;
  }
  return chosen ? chosen->run(options) : rurume::kExitUntrusted;
}
