// rurume-audit: the command line. Every subcommand is one row of kCommands:
// its name, what it does, how it adds its options, and how it runs.
#include "base/suggest.h"
#include "cli/commands.h"
#include "load/scalars.h"
#include "report/formats.h"
#include "text/escape.h"
#include "text/width.h"
#include "text/wrap.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <iostream>
#include <regex>
#include <sys/ioctl.h>
#include <unistd.h>

namespace {

using rurume::CheckOptions;
using rurume::EvalCommandOptions;

/// The language of --help and of command-line mistakes, chosen before the
/// options are parsed (Help-language below): --lang, else LANG.
bool g_ja = true;

/// A help text in the chosen language.
std::string T(const char* ja, const char* en) { return g_ja ? ja : en; }

struct Options {
  CheckOptions check;
  std::vector<rurume::ReportArg> report_args;  // --format and --output, in order
  EvalCommandOptions eval;
  rurume::CatalogOptions catalog;
  rurume::TestOptions test;
  rurume::MailOptions mail;
  std::string split_by;  // --split-by: "facility" or empty
};

rurume::Date ParseDateOption(const std::string& option, const std::string& text) {
  auto d = rurume::ParseDate(text);
  if (!d)
    throw CLI::ValidationError(option, g_ja ? "日付 (YYYY-MM-DD の実在する日) ではありません: " + text
                                            : "not a date (YYYY-MM-DD): " + text);
  return *d;
}

void AddLang(CLI::App* cmd, rurume::Lang& lang) {
  cmd->add_option_function<std::string>(
         "--lang", [&lang](const std::string& l) { lang = l == "en" ? rurume::Lang::En : rurume::Lang::Ja; },
         T("メッセージの言語: ja (既定) または en", "language of messages: ja (default) or en"))
      ->check(CLI::IsMember({"ja", "en"}))
      ->type_name("LANG");
}

void AddRuleOptions(CLI::App* cmd, std::string& rules_dir, std::string& config) {
  cmd->add_option("--rules", rules_dir,
                  T("ルールのディレクトリ (既定: プログラムと一緒にインストールされたもの)",
                    "the rule set directory (default: the one installed with the program)"))
      ->type_name("DIR");
  cmd->add_option("--config", config,
                  T("このネットワークのパラメータの値と事務局の休業日 (YAML)",
                    "parameter values and closure days for this network (YAML)"))
      ->type_name("FILE");
}

/// The help of --format: every format of the table, the first the default.
std::string FormatHelp() {
  std::string help = T("レポートの形式。繰り返し指定でき、それぞれに --output を付けます (1つは標準出力へ出せます):",
                       "report format, repeatable (each with its --output; one may go to standard output):");
  for (const rurume::Format& f : rurume::Formats())
    help += fmt::format("\n  {}{}: {}", f.name, &f == &rurume::Formats().front() ? T(" (既定)", " (default)") : "",
                        g_ja ? f.description_ja : f.description);
  return help;
}

/// Options shared by `check` and `validate`.
void AddInputOptions(CLI::App* cmd, Options& o) {
  cmd->add_option(T("エクスポート", "paths"), o.check.paths,
                  T("エクスポートのファイル、ディレクトリ (その下のすべての *.yaml、*.yml、*.json)、または標準入力の -",
                    "export files, directories (every *.yaml, *.yml, *.json below), or - for stdin"))
      ->required()
      ->type_name("PATH");
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
         T("直前 (または直後) の --format のレポートを FILE に書きます。ファイルは不可分に置き換え (シンボリック"
           "リンクの先を、モードを保って)、デバイスや FIFO はそのまま書きます。入力のファイルには書きません",
           "write the report of the --format before it (or after it) to FILE: a file is replaced atomically "
           "(through a symbolic link; keeping its mode), a device or FIFO written in place; never an input"))
      ->trigger_on_parse()
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->type_name("FILE");
  cmd->add_flag("--force", o.check.force,
                T("ほかのハードリンクがある、または読み取り専用の --output のレポートも置き換えます",
                  "replace an --output report that has other hard links or is read-only"));
  AddLang(cmd, o.check.lang);
  cmd->add_option_function<std::string>(
         "--color",
         [&o](const std::string& c) {
           o.check.color = c == "always" ? rurume::ColorMode::Always
                           : c == "never" ? rurume::ColorMode::Never
                                          : rurume::ColorMode::Auto;
         },
         T("テキストレポートの色: auto (既定: 端末で、NO_COLOR がなければ)、always、never。--output の"
           "ファイルには付けません",
           "colours in the text report: auto (default: on a terminal, unless NO_COLOR is set), always, never; "
           "never in an --output file"))
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->type_name("WHEN");
  cmd->add_flag("--quiet,-q", o.check.quiet,
                T("標準エラー出力に進み具合などを出しません (エラーは出します)",
                  "no progress and no other messages on standard error, except errors"));
  cmd->add_option("--exclude", o.check.exclude,
                  T("ディレクトリを読むとき GLOB に当たるものを除きます: ディレクトリからの相対パス (ci/*.yml) "
                    "または名前 (*.bak.yaml)。繰り返し指定できます。隠しファイル (.git、.github) は常に除きます",
                    "leave out of a directory walk what GLOB names: a path relative to the directory (ci/*.yml) or "
                    "an entry's name (drafts, *.bak.yaml); repeatable. Hidden entries (.git, .github) are always left out"))
      ->type_name("GLOB")
      ->take_all()
      ->allow_extra_args(false);
  cmd->add_flag("--verbose,-v", o.check.verbose,
                T("テキストレポートに入力の問題と未評価の対象をすべて出します (既定では問題は 20 件まで、途中までしか"
                  "読めなかったファイルから続くエラーはファイルごとに 1 行。JSON レポートには常に全件)",
                  "list every input problem and every subject not evaluated in the text report (by default at most "
                  "20 problems, and the errors that follow from a file read only in part as one line per file; the "
                  "JSON report always lists them all)"));
}

/// Waivers, baselines and per-facility reports (`check`).
void AddTriageOptions(CLI::App* cmd, Options& o) {
  cmd->add_option("--waivers", o.check.waivers,
                  T("認められた免除 (YAML、schemas/rurume-waivers.schema.json)。その指摘は免除として報告し、"
                    "終了ステータス 1 にしません",
                    "accepted exceptions (YAML, schemas/rurume-waivers.schema.json): their findings are reported "
                    "as waived and give no exit status 1"))
      ->type_name("FILE");
  cmd->add_option("--attestations", o.check.attestations,
                      T("手動で確認する条項の確認記録 (YAML、schemas/rurume-attestations.schema.json)。"
                        "レポートの「手動で確認する条項」に、確認済み・期限間近・期限切れ・未確認を示します "
                        "(ひな形: rurume-audit clauses --template)",
                        "who attested the manual clauses, and until when (YAML, "
                        "schemas/rurume-attestations.schema.json): the report's manual-clause section shows each as "
                        "attested, expiring, expired or missing (a template: rurume-audit clauses --template)"))
      ->type_name("FILE");
  cmd->add_flag("--fail-on-unattested", o.check.fail_on_unattested,
                T("未確認か期限切れの手動確認の条項があれば終了ステータス 1 にします",
                  "a manual clause missing or expired gives exit status 1"));
  CLI::Option* baseline =
      cmd->add_option("--baseline", o.check.baseline,
                      T("前回の JSON レポート。指摘ごとに新規か継続かを示し、解消したものを一覧にします",
                        "the JSON report of an earlier run: each finding is new or unchanged, and the fixed ones are listed"))
          ->type_name("FILE");
  cmd->add_flag("--fail-on-new", o.check.fail_on_new,
                T("新規の指摘 (--baseline にないもの) で --fail-on 以上のものだけを終了ステータス 1 にします",
                  "only new findings (not in the --baseline) at or above --fail-on give exit status 1"))
      ->needs(baseline);
  CLI::Option* facility =
      cmd->add_option("--facility", o.check.facility,
                      T("1つの事業所の指摘だけを報告します (終了ステータスも)", "report one facility's findings only (exit status too)"))
          ->type_name("ID");
  CLI::Option* split = cmd->add_option("--split-by", o.split_by,
                                       T("facility: --output-dir に事業所ごと・--format ごとのレポート "
                                         "DIR/<事業所>.<拡張子> と、全体のレポート DIR/all.<拡張子> を書きます",
                                         "facility: a report per facility and per --format in --output-dir, "
                                         "DIR/<facility>.<ext>, and the whole one, DIR/all.<ext>"))
                           ->check(CLI::IsMember({"facility"}))
                           ->type_name("BY")
                           ->excludes(facility);
  cmd->add_option("--output-dir", o.check.output_dir,
                  T("--split-by のレポートのディレクトリ (なければ作ります)",
                    "the directory of the --split-by reports (created if need be)"))
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
         T("終了ステータス 1 にする指摘の最も低い重大度: error (既定)、warning、note、never (入力やルールの"
           "エラーは常に 2)",
           "the lowest severity whose findings give exit status 1: error (default), warning, note, never "
           "(input and rule errors still give 2)"))
      ->check(CLI::IsMember({"error", "warning", "note", "never"}))
      ->type_name("SEVERITY");
  cmd->add_flag("--show-personal-info", o.check.show_personal_info,
                T("患者の氏名・生年月日と投稿の本文をレポートに含めます (そのことをレポートの先頭に書きます)",
                  "include patients' names and birth dates and post texts in the report (it then says so at its top)"));
  cmd->add_option_function<std::string>(
         "--as-of", [&o](const std::string& t) { o.check.as_of = ParseDateOption("--as-of", t); },
         T("基準日 (既定: 日本時間の今日)", "the evaluation date (default: today in Japan, UTC+9)"))
      ->type_name("YYYY-MM-DD");
  cmd->add_option("--max-export-age", o.check.max_export_age,
                  T("基準日より DAYS 日 (0 から 36500) より前のエクスポートを警告にします (既定 2)。エクスポートより前の基準日も警告です",
                    "an export older than DAYS (0 to 36500) before the as-of date is a warning (default 2); so is an "
                    "as-of date before the export"))
      // The range is in the help's words; CLI11's own ("INT in [0 - 36500]") is English.
      ->check(CLI::Range(0, 36500).description(""))
      ->type_name("DAYS");
  cmd->add_option("--sarif-root", o.check.sarif_root,
                  T("SARIF レポートのファイルの URI の基準のディレクトリ (既定: カレントディレクトリ)。CI ではリポジトリの"
                    "ルート。その外のファイルは絶対 file:// URI です",
                    "the directory the SARIF report's file URIs are relative to (%SRCROOT%; default: the current "
                    "directory); in CI, the repository's root. Files outside it get absolute file:// URIs"))
      ->type_name("DIR");
  AddTriageOptions(cmd, o);
}

void SetupEval(CLI::App* cmd, Options& o) {
  cmd->add_option(T("式", "expression"), o.eval.expression, T("式", "the expression"))->required()->type_name("EXPR");
  cmd->add_option("--data", o.eval.data,
                  T("式から読むエクスポート: その一覧 (facilities、users、…、members)、network と exported_at",
                    "an export to bind: its collections (facilities, users, ..., members), network and exported_at"))
      ->type_name("PATH");
  cmd->add_option_function<std::string>(
         "--as-of", [&o](const std::string& t) { o.eval.as_of = ParseDateOption("--as-of", t); },
         T("式の as_of (基準日) の値 (既定: 日本時間の今日)", "the value of as_of (default: today in Japan)"))
      ->type_name("YYYY-MM-DD");
  cmd->add_flag("--show-personal-info", o.eval.show_personal_info,
                T("式が個人情報 (患者の氏名・生年月日、投稿の本文) を読めるようにします。指定しなければエラーです",
                  "let expressions read personal fields (patients' names and birth dates, post texts); without it "
                  "they are errors"));
  AddRuleOptions(cmd, o.eval.rules_dir, o.eval.config);
  AddLang(cmd, o.eval.lang);
}

void SetupCatalog(CLI::App* cmd, Options& o) {
  AddRuleOptions(cmd, o.catalog.rules_dir, o.catalog.config);
  AddLang(cmd, o.catalog.lang);
}

void SetupClauses(CLI::App* cmd, Options& o) {
  CLI::Option* templ =
      cmd->add_flag("--template", o.catalog.template_file,
                    T("エクスポートの事業所に合わせた確認記録 (--attestations) のひな形を標準出力に書きます: 手動で確認する"
                      "条項ごとに、ネットワーク全体で1つ、または参加中の事業所ごとに1つ、ポリシーの文言をコメントにして",
                      "write a starting attestations file (--attestations) for the export's network to standard output: "
                      "each manual clause once for the network, or once per facility that has not withdrawn, with the "
                      "policy's words as comments"));
  cmd->add_option(T("エクスポート", "paths"), o.catalog.paths,
                  T("--template: エクスポートのファイルかディレクトリ", "--template: the export's files or directories"))
      ->type_name("PATH")
      ->needs(templ);
  cmd->add_option_function<std::string>(
         "--as-of", [&o](const std::string& t) { o.catalog.as_of = ParseDateOption("--as-of", t); },
         T("--template: ひな形の日付 (既定: 日本時間の今日)", "--template: the template's date (default: today in Japan)"))
      ->type_name("YYYY-MM-DD")
      ->needs(templ);
  SetupCatalog(cmd, o);
}

void SetupExplain(CLI::App* cmd, Options& o) {
  cmd->add_option(T("ルールか条項", "what"), o.catalog.what,
                  T("ルールの ID (N1.10-remote-control) または条項の ID (N1.10)",
                    "a rule id (N1.10-remote-control) or a clause id (N1.10)"))
      ->required()
      ->type_name("ID");
  SetupCatalog(cmd, o);
}

void SetupCalendar(CLI::App* cmd, Options& o) {
  cmd->add_option(T("年", "year"), o.catalog.year, T("年 (1970 から 2099)", "the year, 1970 to 2099"))
      ->required()
      ->type_name("YEAR");
  SetupCatalog(cmd, o);
}

void SetupTest(CLI::App* cmd, Options& o) {
  cmd->add_option(T("フィクスチャ", "fixtures"), o.test.fixtures_dir,
                  T("フィクスチャのディレクトリ: ルールごとの <ルールの ID>/*.yaml と、それぞれに合わせる base.yaml "
                    "(既定: ルールのディレクトリの隣の tests/rules)",
                    "the fixture directory: <rule-id>/*.yaml for each rule, and base.yaml, which each is merged with "
                    "(default: tests/rules beside the rule directory)"))
      ->type_name("DIR");
  cmd->add_option("--rules", o.test.rules_dir,
                  T("ルールのディレクトリ (既定: プログラムと一緒にインストールされたもの)",
                    "the rule set directory (default: the one installed with the program)"))
      ->type_name("DIR");
  AddLang(cmd, o.test.lang);
}

void SetupMail(CLI::App* cmd, Options& o) {
  cmd->add_option(T("日付のディレクトリ", "day-dir"), o.mail.day_dir,
                  T("夜間のスクリプトがその夜のレポートを置いたディレクトリ (REPORT_DIR/YYYY-MM-DD、または "
                    "REPORT_DIR/YYYY-MM-DD.untrusted)",
                    "the nightly script's directory of the night (REPORT_DIR/YYYY-MM-DD, or REPORT_DIR/YYYY-MM-DD.untrusted)"))
      ->required()
      ->type_name("DIR");
  cmd->add_option("--recipients", o.mail.recipients,
                  T("宛先 (YAML、schemas/rurume-recipients.schema.json): 事務局と、事業所ごとのメールアドレス",
                    "who receives (YAML, schemas/rurume-recipients.schema.json): the secretariat's and each "
                    "facility's addresses"))
      ->required()
      ->type_name("FILE");
  cmd->add_option("--sendmail", o.mail.sendmail,
                  T("メールを渡すプログラム (既定 /usr/sbin/sendmail。-t -i で呼びます)",
                    "the program mail is handed to (default /usr/sbin/sendmail, called with -t -i)"))
      ->type_name("PATH");
  cmd->add_option("--dry-run", o.mail.dry_run,
                  T("送らずに、メールを DIR に .eml ファイルとして書きます", "write the messages to DIR as .eml files instead of sending them"))
      ->type_name("DIR");
  cmd->add_flag("--quiet,-q", o.mail.quiet,
                T("送った数を標準出力に書きません (送れなかったことは標準エラー出力に書きます)",
                  "do not print how many were sent (what was not sent is still printed on standard error)"));
  AddLang(cmd, o.mail.lang);
}

struct Command {
  const char* name;
  const char* description_ja;
  const char* description;
  void (*setup)(CLI::App* cmd, Options& o);
  int (*run)(Options& o);
};

const Command kCommands[] = {
    {"check", "エクスポートをルールで監査します", "audit an export against the rules", SetupCheck,
     [](Options& o) { return rurume::RunCheck(o.check, std::cout, std::cerr); }},
    {"validate", "エクスポートの入力だけを検査します (構文、型、ID、参照)",
     "check an export's input only (syntax, types, ids, references)", SetupValidate,
     [](Options& o) {
       o.check.validate_only = true;
       return rurume::RunCheck(o.check, std::cout, std::cerr);
     }},
    {"rules", "ルールの一覧: ID、条項、重大度、題名", "list the rules: id, clause, severity, title", SetupCatalog,
     [](Options& o) { return rurume::RunRules(o.catalog, std::cout, std::cerr); }},
    {"explain", "ルールや条項が何を確かめるか、その理由 (ポリシーの文言)、対処、パラメータ",
     "what a rule or a clause checks, why (the policy's words), how to fix it, its parameters",
     SetupExplain, [](Options& o) { return rurume::RunExplain(o.catalog, std::cout, std::cerr); }},
    {"clauses", "すべての条項: 自動 (そのルール)、手動 (確認項目)、情報。--template: 確認記録のひな形",
     "every clause: auto (with its rules), manual (a checklist) or info; --template: an attestations file to fill in",
     SetupClauses,
     [](Options& o) { return rurume::RunClauses(o.catalog, std::cout, std::cerr); }},
    {"calendar", "ある年の祝日と事務局の休業日", "a year's national holidays and the secretariat's closure days",
     SetupCalendar,
     [](Options& o) { return rurume::RunCalendar(o.catalog, std::cout, std::cerr); }},
    {"test", "ルールをそのフィクスチャで試します: ルールごとに合格か不合格か、違い",
     "run every rule on its fixtures: pass or fail per rule, with the differences", SetupTest,
     [](Options& o) { return rurume::RunTest(o.test, std::cout, std::cerr); }},
    {"mail", "夜間の監査の結果をメールで届けます: 事務局に全体、事業所にはそれぞれの報告",
     "mail a night's audit: the whole to the secretariat, each facility its own report", SetupMail,
     [](Options& o) { return rurume::RunMail(o.mail, std::cout, std::cerr); }},
    {"eval", "ルールの式を1つ評価して値を表示します", "evaluate one rule expression and print its value", SetupEval,
     [](Options& o) { return rurume::RunEval(o.eval, std::cout, std::cerr); }},
};

/// What CLI11 reports, said in Japanese: its messages are English, so each
/// kind of mistake (by its exception class) is said again from the names
/// and values CLI11 puts in it.
std::string ParseErrorJa(const CLI::ParseError& e) {
  const std::string what = rurume::EscapeControls(e.what());
  std::smatch m;
  auto is = [&](const char* pattern) { return std::regex_match(what, m, std::regex(pattern)); };
  if (dynamic_cast<const CLI::RequiredError*>(&e)) {
    if (is("A subcommand is required")) return "コマンドを指定してください";
    // The positional arguments are named in Japanese (エクスポート, 式, 年).
    if (is("(\\S+) is required")) return fmt::format("{} を指定してください", m[1].str());
    if (is("(\\S+) requires at least .*")) return fmt::format("{} を指定してください", m[1].str());
  }
  if (dynamic_cast<const CLI::RequiresError*>(&e) && is("(\\S+) requires (\\S+)"))
    return fmt::format("{} には {} も指定してください", m[1].str(), m[2].str());
  if (dynamic_cast<const CLI::ExcludesError*>(&e) && is("(\\S+) excludes (\\S+)"))
    return fmt::format("{} と {} は一緒には指定できません", m[1].str(), m[2].str());
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) && is("(\\S+): .*missing.*"))
    return fmt::format("{} の値がありません", m[1].str());
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) && is("(\\S+): .*"))
    return fmt::format("{} の値の数が正しくありません", m[1].str());
  if (is("(\\S+): (.*) not in \\{(.*)\\}"))
    return fmt::format("{} に {} は使えません (使える値: {})", m[1].str(), m[2].str(), m[3].str());
  if (is("(\\S+): Value (.*) not in range (\\S+) to (\\S+)"))
    return fmt::format("{} の値 {} は {} から {} までの整数でなければなりません", m[1].str(), m[2].str(), m[3].str(),
                       m[4].str());
  if (dynamic_cast<const CLI::ConversionError*>(&e)) {
    // The options that convert are numbers: the year, the days of --max-export-age.
    if (is("Could not convert: (\\S+) = (.*)"))
      return fmt::format("{} の値 {} を読み取れません (数を書いてください)", m[1].str(), m[2].str());
    return "値を読み取れません (数を書いてください)";
  }
  if (dynamic_cast<const CLI::ValidationError*>(&e) && is("(\\S+): (.*)"))
    return fmt::format("{} の値が正しくありません: {}", m[1].str(), m[2].str());
  return "コマンドラインの指定が正しくありません";
}

/// A command-line mistake, in Japanese unless --lang en is among the
/// arguments: an unknown command or option with what it probably was
/// (the project's one suggester), else CLI11's words in parentheses; then
/// where the usage is.
void UsageError(CLI::App& app, int argc, char** argv, const CLI::ParseError& e) {
  const bool ja = g_ja;
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
    line = ja ? ParseErrorJa(e) : fmt::format("command line error: {}", rurume::EscapeControls(e.what()));
  const std::string help = chosen ? fmt::format("rurume-audit {} --help", chosen->get_name()) : "rurume-audit --help";
  std::cerr << "rurume-audit: " << line << "\n"
            << (ja ? fmt::format("使い方: {}\n", help) : fmt::format("usage: {}\n", help));
}

/// The language of --help and of usage errors, before parsing: --lang en or
/// --lang=en (ja) among the arguments, else LANG (LC_ALL, LC_MESSAGES first)
/// naming an English locale; Japanese otherwise, as every report.
bool HelpInJapanese(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--lang" && i + 1 < argc) return std::string_view(argv[i + 1]) != "en";
    if (a.rfind("--lang=", 0) == 0) return a.substr(7) != "en";
  }
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* v = std::getenv(name);
    if (v && *v) return std::string_view(v).rfind("en", 0) != 0;
  }
  return true;
}

/// --help as the text report is laid out: the description column starts
/// where CLI11 puts it, counted in display columns (a Japanese name takes
/// two per character, where CLI11 counts bytes), and descriptions wrap at
/// `width` as the report's paragraphs do.
class HelpFormatter : public CLI::Formatter {
 public:
  explicit HelpFormatter(size_t width) : width_(width) {}

  std::string make_option(const CLI::Option* opt, bool is_positional) const override {
    return Row(make_option_name(opt, is_positional) + make_option_opts(opt), make_option_desc(opt));
  }
  std::string make_subcommand(const CLI::App* sub) const override {
    return Row(sub->get_display_name(true), sub->get_description());
  }

 private:
  std::string Row(const std::string& name, const std::string& description) const {
    const size_t column = get_column_width();
    std::string out = "  " + name;
    if (description.empty()) return out + "\n";
    size_t used = rurume::DisplayWidth(out);
    if (used >= column) {
      out += "\n";
      used = 0;
    }
    out += std::string(column - used, ' ');
    // A description's own lines (--format lists the formats, indented) stay lines.
    size_t start = 0;
    for (bool first = true; start <= description.size(); first = false) {
      size_t end = description.find('\n', start);
      if (end == std::string::npos) end = description.size();
      std::string_view line(description.data() + start, end - start);
      const size_t lead = line.find_first_not_of(' ') == std::string_view::npos ? 0 : line.find_first_not_of(' ');
      if (!first) out += "\n" + std::string(column, ' ');
      out += std::string(lead, ' ');
      const std::vector<std::string> wrapped = rurume::WrapLines(line.substr(lead), width_, column + lead, column + lead);
      for (size_t i = 0; i < wrapped.size(); ++i)
        out += (i ? "\n" + std::string(column + lead, ' ') : std::string()) + wrapped[i];
      start = end + 1;
    }
    return out + "\n";
  }

  size_t width_;
};

/// CLI11's own words in --help, in the chosen language.
void LocalizeHelp(CLI::App& app) {
  size_t width = 80;
  winsize ws{};
  if (isatty(STDOUT_FILENO) == 1 && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40) width = ws.ws_col;
  app.formatter(std::make_shared<HelpFormatter>(width));
  if (!g_ja) return;
  auto f = app.get_formatter();
  f->label("Usage", "使い方");
  f->label("OPTIONS", "オプション");
  f->label("SUBCOMMAND", "コマンド");
  f->label("SUBCOMMANDS", "コマンド");
  f->label("Positionals", "引数");
  f->label("REQUIRED", "必須");
  f->label("Needs", "必要");
  f->label("Excludes", "併用不可");
  f->label("Env", "環境変数");
}

int Main(int argc, char** argv, Options& options) {
  g_ja = HelpInJapanese(argc, argv);
  CLI::App app{T("rurume-audit: るるめネット (在宅医療・介護の連携ネットワーク) を運用ポリシーに照らして監査します",
                 "rurume-audit: audits the るるめネット home-care network against its operating policy")};
  app.option_defaults()->group(T("オプション", "Options"));
  app.set_help_flag("-h,--help", T("このヘルプを表示して終わります", "print this help message and exit"));
  app.set_version_flag("--version", std::string("rurume-audit ") + RURUME_VERSION,
                       T("版を表示して終わります", "print the version and exit"));
  LocalizeHelp(app);
  app.require_subcommand(1);
  const Command* chosen = nullptr;
  for (const Command& c : kCommands) {
    CLI::App* cmd = app.add_subcommand(c.name, g_ja ? c.description_ja : c.description);
    cmd->group(T("コマンド", "Commands"));
    cmd->set_help_flag("-h,--help", T("このヘルプを表示して終わります", "print this help message and exit"));
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
                    options.catalog.lang == rurume::Lang::En || options.test.lang == rurume::Lang::En;
    return en ? rurume::Lang::En : rurume::Lang::Ja;
  };
  return rurume::RunGuarded([&] { return Main(argc, argv, options); }, lang, std::cerr);
}
