// rurume-audit: the command line. Every subcommand is one row of kCommands.
#include "cli/commands.h"
#include "load/scalars.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace {

using rurume::CheckOptions;

/// Options shared by `check` and `validate`.
void AddInputOptions(CLI::App* cmd, CheckOptions& o) {
  cmd->add_option("paths", o.paths, "export files, directories (every *.yaml, *.yml, *.json below), or - for stdin")
      ->required();
  cmd->add_option("--format", o.format, "report format")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--output,-o", o.output, "write the report to FILE (atomically)");
  cmd->add_option_function<std::string>(
         "--lang", [&o](const std::string& l) { o.lang = l == "en" ? rurume::Lang::En : rurume::Lang::Ja; },
         "language of messages (default ja)")
      ->check(CLI::IsMember({"ja", "en"}));
}

/// Options of `check` only.
void AddCheckOptions(CLI::App* cmd, CheckOptions& o) {
  cmd->add_option_function<std::string>(
         "--as-of",
         [&o](const std::string& text) {
           auto d = rurume::ParseDate(text);
           if (!d) throw CLI::ValidationError("--as-of", "not a date (YYYY-MM-DD): " + text);
           o.as_of = *d;
         },
         "the evaluation date, YYYY-MM-DD (default: today in Japan, UTC+9)")
      ->type_name("DATE");
}

struct Command {
  const char* name;
  const char* description;
  void (*setup)(CLI::App* cmd, CheckOptions& o);
};

const Command kCommands[] = {
    {"check", "audit an export against the rules",
     [](CLI::App* cmd, CheckOptions& o) {
       AddInputOptions(cmd, o);
       AddCheckOptions(cmd, o);
     }},
    {"validate", "check an export's input only (syntax, types, ids, references)",
     [](CLI::App* cmd, CheckOptions& o) { AddInputOptions(cmd, o); }},
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"rurume-audit: audits the るるめネット home-care network against its operating policy"};
  app.set_version_flag("--version", std::string("rurume-audit ") + RURUME_VERSION);
  app.require_subcommand(1);
  CheckOptions options;
  for (const Command& c : kCommands) {
    CLI::App* cmd = app.add_subcommand(c.name, c.description);
    cmd->callback([&options, &c] { options.validate_only = std::string(c.name) == "validate"; });
    c.setup(cmd, options);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return rurume::kExitUntrusted;
  }
  return rurume::RunCheck(options, std::cout, std::cerr);
}
