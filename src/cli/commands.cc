#include "cli/commands.h"

#include "audit/attestations.h"
#include "report/attestation_template.h"
#include "audit/audit.h"
#include "audit/fixtures.h"
#include "calendar/business_days.h"
#include "load/scalars.h"
#include "audit/baseline.h"
#include "bind/binding.h"
#include "audit/waivers.h"
#include "cli/progress.h"
#include "expr/eval.h"
#include "expr/program.h"
#include "load/loader.h"
#include "report/fixture_text.h"
#include "report/formats.h"
#include "report/output.h"
#include "report/report.h"
#include "rules/catalog.h"
#include "rules/ruleset.h"
#include "text/escape.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <functional>
#include <new>
#include <ostream>
#include <set>

namespace rurume {

namespace {

bool Fails(Level severity, FailOn fail_on) {
  switch (fail_on) {
    case FailOn::Error: return severity == Level::Error;
    case FailOn::Warning: return severity != Level::Note;
    case FailOn::Note: return true;
    case FailOn::Never: return false;
  }
  return true;
}

bool UseColor(const CheckOptions& o, const ReportTarget& t) {
  if (!t.output.empty() || o.color == ColorMode::Never) return false;  // never in a file
  return o.color == ColorMode::Always || (o.stdout_is_terminal && !o.no_color);
}

/// Writes a report to its file (report/output.h); false (and why, on `err`) if it could not.
bool WriteReport(const std::string& path, const std::string& text, const WriteOptions& how, Progress& progress,
                 std::ostream& err) {
  std::string problem = WriteReportFile(path, text, how);
  if (problem.empty()) return true;
  progress.Clear();
  err << "rurume-audit: " << EscapeControls(problem) << "\n";
  return false;
}

/// Writes every report, the files first (a reader that closes standard
/// output early must not cost them); false if one could not be written.
bool Emit(const CheckOptions& o, const WriteOptions& how, const Report& report, Progress& progress, std::ostream& out,
          std::ostream& err) {
  std::vector<ReportTarget> targets = o.reports;
  if (targets.empty()) targets.push_back(ReportTarget{"text", ""});
  std::stable_partition(targets.begin(), targets.end(), [](const ReportTarget& t) { return !t.output.empty(); });
  bool ok = true;
  for (const ReportTarget& t : targets) {
    const Format* format = FindFormat(t.format);
    if (!format) {
      err << "rurume-audit: no report format " << EscapeControls(t.format) << "\n";
      ok = false;
      continue;
    }
    // The terminal's width on a terminal; 80 columns in a file or a pipe.
    const size_t width = t.output.empty() && o.stdout_is_terminal ? o.text_width : 80;
    std::string text = format->make()->Render(report, RenderOptions{UseColor(o, t), width});
    if (t.output.empty()) out << text << std::flush;
    else ok = WriteReport(t.output, text, how, progress, err) && ok;
  }
  return ok;
}

/// --split-by facility: for every format, the whole report `all`,
/// DIR/all.<ext>, and a report per facility of the export, DIR/<facility>.<ext>.
bool EmitSplit(const CheckOptions& o, const WriteOptions& how, const Report& all, Progress& progress,
               std::ostream& err) {
  namespace fs = std::filesystem;
  const bool ja = o.lang == Lang::Ja;
  std::vector<std::string> ids{""};  // "": the whole report
  std::set<std::string> seen, names{"all"};
  for (const Facility& f : all.input().facilities) {
    if (!seen.insert(f.id).second) continue;  // a duplicate id (an input error)
    if (!names.insert(FacilityFileName(f.id)).second) {
      err << fmt::format(ja ? "rurume-audit: 事業所 {} のレポートは全体のレポート all と同じ名前になります\n"
                            : "rurume-audit: the report of facility {} would have the name of the whole report, all\n",
                         EscapeControls(f.id));
      return false;
    }
    ids.push_back(f.id);
  }
  std::error_code ec;
  fs::create_directories(o.output_dir, ec);
  if (ec) {
    err << fmt::format("rurume-audit: {}: {}\n", EscapeControls(o.output_dir), ec.message());
    return false;
  }
  std::vector<const Format*> formats;
  for (const ReportTarget& t : o.reports) formats.push_back(FindFormat(t.format));
  if (formats.empty()) formats.push_back(FindFormat("text"));
  bool ok = true;
  size_t written = 0;
  const size_t total = ids.size() * formats.size();
  for (const std::string& id : ids) {
    std::optional<Report> facility;
    if (!id.empty()) facility.emplace(all, id);
    const Report& report = facility ? *facility : all;
    for (const Format* format : formats) {
      progress.Update(Progress::Writing, written + 1, total);
      std::string name = (id.empty() ? std::string("all") : FacilityFileName(id)) + "." + std::string(format->extension);
      ok = WriteReport((fs::path(o.output_dir) / name).string(), format->make()->Render(report, RenderOptions{}),
                       how, progress, err) && ok;
      ++written;
    }
  }
  progress.Clear();
  if (ok && !o.quiet)
    err << fmt::format(ja ? "rurume-audit: {} 件のレポートを {} に書きました\n" : "rurume-audit: wrote {} reports to {}\n",
                       written, EscapeControls(o.output_dir));
  return ok;
}

/// How the reports are written (report/output.h): the inputs' identities, so
/// that none is overwritten; false (and why, on `err`) when an --output is
/// an input or two are one file.
bool PlanOutputs(const CheckOptions& o, WriteOptions& how, std::ostream& err) {
  how.force = o.force;
  how.personal = o.show_personal_info;
  how.lang = o.lang;
  Diagnostics ignored;  // the inputs' problems are reported when they are read
  const std::vector<std::string> inputs = ExpandInputs(o.paths, ignored, o.exclude);
  for (const std::string& in : inputs)
    if (auto id = IdOf(in)) how.inputs.push_back(*id);
  std::vector<std::string> outputs;
  for (const ReportTarget& t : o.reports)
    if (!t.output.empty()) outputs.push_back(t.output);
  std::string problem = CheckOutputPaths(outputs, inputs, o.lang);
  if (problem.empty()) return true;
  err << "rurume-audit: " << problem << "\n";
  return false;
}

/// The exit status a report's findings give: waived ones never count, and
/// under --fail-on-new only new ones do.
int FindingsStatus(const CheckOptions& o, const Report& report) {
  for (const Finding& f : report.audit().findings) {
    if (report.WaiverOf(f)) continue;
    if (o.fail_on_new && report.ChangeOf(f) != Change::New) continue;
    if (Fails(f.rule->severity, o.fail_on)) return kExitFindings;
  }
  const Summary& s = report.summary();
  if (o.fail_on_unattested && s.expired + s.unattested > 0) return kExitFindings;
  return kExitOk;
}

/// Diagnostics of the rule set, waivers or baseline: errors always, warnings unless --quiet.
void PrintDiagnostics(const Diagnostics& diags, const CheckOptions& o, std::ostream& err) {
  for (const Diagnostic& d : diags.all())
    if (d.level == Level::Error || !o.quiet) err << DiagnosticLine(d, o.lang);
}

/// Reads the export, showing progress file by file.
Export LoadWithProgress(const CheckOptions& o, Diagnostics& diags, Progress& progress) {
  return LoadExport(
      o.paths, diags, {}, [&](size_t n, size_t total) { progress.Update(Progress::Loading, n, total); }, o.exclude);
}

/// Reads the waivers, the attestations and the baseline; false on an error.
bool LoadTriage(const CheckOptions& o, const RuleSet& rules, Triage& triage, ManualClauses& manual,
                std::optional<Baseline>& baseline, Diagnostics& diags) {
  if (!o.attestations.empty()) {
    auto list = LoadAttestations(o.attestations, rules.clauses(), diags);
    if (!list) return false;
    manual.attestations = std::move(*list);
    manual.file = o.attestations;
  }
  if (!o.waivers.empty()) {
    auto waivers = LoadWaivers(o.waivers, rules, diags);
    if (!waivers) return false;
    triage.waivers = std::move(*waivers);
    triage.waivers_file = o.waivers;
  }
  if (!o.baseline.empty()) {
    baseline = LoadBaseline(o.baseline, diags);
    if (!baseline) return false;
    // A facility's report knows nothing of the others: as a baseline of more, everything else would look new.
    if (!baseline->facility.empty() && baseline->facility != o.facility) {
      diags.Add(Code::BaselineNotReport, o.baseline, 0, 0,
                {fmt::format("it is the report of facility {} only (give the whole report, or --facility {})",
                             baseline->facility, baseline->facility)});
      return false;
    }
  }
  return true;
}

}  // namespace

bool PlanReports(const std::vector<ReportArg>& args, std::vector<ReportTarget>* reports, std::string* error) {
  reports->clear();
  std::optional<std::string> pending;  // an --output waiting for its --format
  bool any_format = false;
  for (const ReportArg& a : args) {
    if (a.kind == ReportArg::Format) {
      any_format = true;
      reports->push_back(ReportTarget{a.value, pending.value_or("")});
      pending.reset();
    } else if (!reports->empty() && reports->back().output.empty()) {
      reports->back().output = a.value;
    } else if (pending) {
      *error = fmt::format("--output {} and --output {} follow each other: give a --format for each", *pending, a.value);
      return false;
    } else {
      pending = a.value;
    }
  }
  if (pending && any_format) {
    *error = fmt::format("--output {} has no --format", *pending);
    return false;
  }
  if (!any_format && pending && *pending != "-") {
    // `-o FILE` alone: the format its extension names (formats.cc), else a usage error.
    const std::string ext = std::filesystem::path(*pending).extension().string();
    const Format* format = nullptr;
    for (const Format& f : Formats()) {
      std::string want = "." + std::string(f.extension);
      if (ext.size() == want.size() &&
          std::equal(ext.begin(), ext.end(), want.begin(), [](char a, char b) { return std::tolower(a) == b; }))
        format = &f;
    }
    if (!format) {
      std::string known;
      for (const Format& f : Formats()) known += fmt::format("{}.{} ({})", known.empty() ? "" : ", ", f.extension, f.name);
      *error = fmt::format("--output {}: no --format, and its extension names none ({}): give --format", *pending, known);
      return false;
    }
    reports->push_back(ReportTarget{std::string(format->name), *pending});
    pending.reset();
  }
  if (!any_format && reports->empty()) reports->push_back(ReportTarget{"text", pending.value_or("")});
  size_t to_stdout = 0;
  for (size_t i = 0; i < reports->size(); ++i) {
    ReportTarget& t = (*reports)[i];
    if (t.output == "-") t.output.clear();  // `-o -`: standard output
    to_stdout += t.output.empty();
    for (size_t j = 0; j < i && !t.output.empty(); ++j)
      if ((*reports)[j].output == t.output) {
        *error = fmt::format("two reports to one file, {}", t.output);
        return false;
      }
  }
  if (to_stdout > 1) {
    *error = "more than one report to standard output: give an --output for each --format but one";
    return false;
  }
  return true;
}

bool PlanSplitReports(const std::vector<ReportArg>& args, std::vector<ReportTarget>* reports, std::string* error) {
  reports->clear();
  for (const ReportArg& a : args) {
    if (a.kind == ReportArg::Output) {
      *error = fmt::format("--output {}: --split-by writes its reports into --output-dir", a.value);
      return false;
    }
    for (const ReportTarget& t : *reports)
      if (t.format == a.value) {
        *error = fmt::format("--format {} is given twice", a.value);
        return false;
      }
    reports->push_back(ReportTarget{a.value, ""});
  }
  if (reports->empty()) reports->push_back(ReportTarget{"text", ""});
  return true;
}

std::string FacilityFileName(std::string_view id) {
  std::string out;
  for (size_t i = 0; i < id.size(); ++i) {
    auto c = static_cast<unsigned char>(id[i]);
    bool plain = std::isalnum(c) || c == '-' || c == '_' || (c == '.' && i > 0) || c >= 0x80;
    if (plain) out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

Date TodayInJapan() {
  return (boost::posix_time::second_clock::universal_time() + boost::posix_time::hours(9)).date();
}

namespace {

/// Exit status 2 is never silent: whatever the outputs, and under --quiet
/// too, one line on standard error says how many input errors there were,
/// the first of them, and where the report went.
void InputErrorsLine(const CheckOptions& o, const Report& report, std::ostream& err) {
  const bool ja = o.lang == Lang::Ja;
  const Diagnostic* first = nullptr;
  for (const Diagnostic& d : report.diagnostics())
    if (d.level == Level::Error) {
      first = &d;
      break;
    }
  std::string where;
  if (!o.output_dir.empty()) {
    where = ja ? fmt::format("{} (事業所ごと)", o.output_dir) : fmt::format("{} (one per facility)", o.output_dir);
  } else {
    for (const ReportTarget& t : o.reports)
      where += (where.empty() ? "" : ", ") + (t.output.empty() ? std::string(ja ? "標準出力" : "standard output") : t.output);
    if (where.empty()) where = ja ? "標準出力" : "standard output";
  }
  std::string line = first ? DiagnosticLine(*first, o.lang, report.Message(*first)) : std::string();
  if (!line.empty() && line.back() == '\n') line.pop_back();
  const size_t n = report.summary().input_errors;
  err << (ja ? fmt::format("rurume-audit: 入力エラーが {} 件あるため、結果は不完全です (終了コード 2)。最初のエラー: {}。レポート: {}\n",
                           n, line, EscapeControls(where))
             : fmt::format("rurume-audit: {} input error{}, so the result is incomplete (exit status 2). The first: {}. "
                           "Report: {}\n",
                           n, n == 1 ? "" : "s", line, EscapeControls(where)));
}

}  // namespace

int RunCheck(const CheckOptions& o, std::ostream& out, std::ostream& err) {
  Progress progress(o.stderr_is_terminal && !o.quiet, err, o.lang, std::chrono::milliseconds(o.progress_after_ms));
  // The outputs are checked before anything is read: none may be an input,
  // and no two may be one file.
  WriteOptions how;
  if (!PlanOutputs(o, how, err)) return kExitUntrusted;
  Diagnostics diags;
  std::optional<RuleSet> rules;
  Triage triage;
  ManualClauses manual;
  std::optional<Baseline> baseline;
  ReportContext context;
  context.command = o.validate_only ? "validate" : "check";
  context.lang = o.lang;
  context.show_personal_info = o.show_personal_info;
  context.verbose = o.verbose;
  {
    std::error_code ec;  // absolute() fails only without a current directory: then the root as given
    std::filesystem::path root = std::filesystem::absolute(o.sarif_root.empty() ? "." : o.sarif_root, ec);
    context.sarif_root = (ec ? std::filesystem::path(o.sarif_root) : root).lexically_normal().generic_string();
  }
  if (!o.validate_only) {
    // The rule set, the waivers and the baseline are checked before any
    // export is read: a broken one stops here.
    rules = RuleSet::Load(o.rules_dir.empty() ? DefaultRulesDir() : o.rules_dir, o.config, diags);
    if (!rules || !LoadTriage(o, *rules, triage, manual, baseline, diags)) {
      PrintDiagnostics(diags, o, err);
      return kExitUntrusted;
    }
    context.rule_set_version = RuleSetVersion(*rules);
    context.as_of = o.as_of.value_or(TodayInJapan());
  }
  Export ex = LoadWithProgress(o, diags, progress);
  if (context.as_of && ex.exported_at) {
    // The export's age against the evaluation date: a date before it, or an
    // export older than --max-export-age days, makes deadlines unreliable.
    const Date exported = calendar::JapanDate(ex.exported_at->utc);
    const std::string when = FormatTimestamp(*ex.exported_at);
    const long age = (*context.as_of - exported).days();
    if (age < 0)
      diags.Add(Code::AsOfBeforeExport, "", 0, 0, {FormatDate(*context.as_of), when});
    else if (age > o.max_export_age)
      diags.Add(Code::ExportOld, "", 0, 0,
                {when, FormatDate(*context.as_of), std::to_string(age), std::to_string(o.max_export_age)});
  }
  AuditResult audit;
  if (rules) {
    AuditOptions options{*context.as_of, o.lang};
    options.on_rule = [&progress](size_t rule, size_t n) { progress.Update(Progress::Rules, rule + 1, n); };
    audit = RunAudit(*rules, ex, options, diags);
    if (!o.waivers.empty()) ApplyWaivers(audit, *context.as_of, triage, diags);
    if (baseline) CompareWithBaseline(*baseline, ex, audit, triage, diags);
    if (!o.waivers.empty() || baseline) context.triage = &triage;
    // The attestations' facilities and users are the export's: an error in
    // them stops here, like one found before the export was read.
    const size_t first = diags.all().size();
    if (!CheckAttestations(manual.attestations, rules->clauses(), ex, *context.as_of, diags)) {
      progress.Clear();
      for (size_t i = first; i < diags.all().size(); ++i)
        if (diags.all()[i].level == Level::Error || !o.quiet) err << DiagnosticLine(diags.all()[i], o.lang);
      return kExitUntrusted;
    }
    manual.entries = ManualStatus(rules->clauses(), ex, manual.attestations, *context.as_of);
    context.manual = &manual;
    context.fail_on_unattested = o.fail_on_unattested;
  }
  progress.Clear();
  if (!o.facility.empty() && !ex.facility(o.facility)) {
    err << fmt::format(o.lang == Lang::Ja ? "rurume-audit: エクスポートに事業所 {} はありません\n"
                                          : "rurume-audit: no facility {} in the export\n",
                       EscapeControls(o.facility));
    return kExitUntrusted;
  }
  context.facility = o.facility;
  Report report(ex, diags, audit, rules ? &*rules : nullptr, context);
  bool written = o.output_dir.empty() ? Emit(o, how, report, progress, out, err)
                                      : EmitSplit(o, how, report, progress, err);
  if (written && diags.errors() > 0) InputErrorsLine(o, report, err);
  if (!written || diags.errors() > 0) return kExitUntrusted;
  return FindingsStatus(o, report);
}

namespace {

std::optional<RuleSet> LoadRules(const std::string& dir, const std::string& config, Lang lang, std::ostream& err) {
  Diagnostics diags;
  auto rules = RuleSet::Load(dir.empty() ? DefaultRulesDir() : dir, config, diags);
  for (const Diagnostic& d : diags.all()) err << DiagnosticLine(d, lang);
  return rules;
}

}  // namespace

int RunRules(const CatalogOptions& o, std::ostream& out, std::ostream& err) {
  auto rules = LoadRules(o.rules_dir, o.config, o.lang, err);
  if (!rules) return kExitUntrusted;
  out << RulesTable(*rules, o.lang);
  return kExitOk;
}

int RunExplain(const CatalogOptions& o, std::ostream& out, std::ostream& err) {
  auto rules = LoadRules(o.rules_dir, o.config, o.lang, err);
  if (!rules) return kExitUntrusted;
  auto text = Explain(*rules, o.what, o.lang);
  if (!text) {
    const std::string hint = ExplainSuggestion(*rules, o.what, o.lang);
    err << fmt::format(o.lang == Lang::Ja ? "rurume-audit: {} というルールも条項もありません{}\n"
                                          : "rurume-audit: no rule or clause {}{}\n",
                       EscapeControls(o.what), hint.empty() ? "" : (o.lang == Lang::Ja ? "。" : "; ") + hint);
    return kExitUntrusted;
  }
  out << *text;
  return kExitOk;
}

int RunClauses(const CatalogOptions& o, std::ostream& out, std::ostream& err) {
  auto rules = LoadRules(o.rules_dir, o.config, o.lang, err);
  if (!rules) return kExitUntrusted;
  if (o.template_file) {
    if (o.paths.empty()) {
      err << (o.lang == Lang::Ja ? "rurume-audit: --template にはエクスポートを指定してください\n"
                                 : "rurume-audit: --template needs the export\n");
      return kExitUntrusted;
    }
    Diagnostics diags;
    Export ex = LoadExport(o.paths, diags);
    for (const Diagnostic& d : diags.all()) err << DiagnosticLine(d, o.lang);
    if (diags.errors() > 0) {
      // A facility the export could not give would be left out of the template without a word.
      err << (o.lang == Lang::Ja ? "rurume-audit: エクスポートを読み切れないため、ひな形は書きません (終了コード 2)\n"
                                 : "rurume-audit: the export could not be read completely, so no template is written "
                                   "(exit status 2)\n");
      return kExitUntrusted;
    }
    out << AttestationsTemplate(rules->clauses(), ex, o.as_of.value_or(TodayInJapan()), o.lang);
    return kExitOk;
  }
  ClauseCoverage coverage;
  out << ClausesReport(*rules, o.lang, &coverage);
  return coverage.uncovered.empty() ? kExitOk : kExitFindings;
}

int RunCalendar(const CatalogOptions& o, std::ostream& out, std::ostream& err) {
  auto rules = LoadRules(o.rules_dir, o.config, o.lang, err);
  if (!rules) return kExitUntrusted;
  if (o.year < 1970 || o.year > 2099) {
    err << (o.lang == Lang::Ja ? "rurume-audit: 暦は 1970 年から 2099 年までです\n"
                               : "rurume-audit: the calendar covers 1970 to 2099\n");
    return kExitUntrusted;
  }
  for (const std::string& line : calendar::CalendarYear(
           o.year, rules->calendar(), o.lang == Lang::Ja ? calendar::Language::Japanese : calendar::Language::English))
    out << line << "\n";
  return kExitOk;
}

std::string DefaultFixturesDir(const std::string& rules_dir) {
  namespace fs = std::filesystem;
  fs::path rules = fs::path(rules_dir).lexically_normal();
  if (!rules.has_filename()) rules = rules.parent_path();  // "rules/"
  if (rules.empty() || rules.filename() == "." || rules.filename() == "..") {
    std::error_code ec;  // "." or "..": the parent is named by the absolute path
    fs::path absolute = fs::absolute(rules, ec);
    if (!ec) rules = absolute.lexically_normal();
    if (!rules.has_filename()) rules = rules.parent_path();
  }
  return (rules.parent_path() / "tests" / "rules").string();
}

int RunTest(const TestOptions& o, std::ostream& out, std::ostream& err) {
  namespace fs = std::filesystem;
  const bool ja = o.lang == Lang::Ja;
  const std::string rules_dir = o.rules_dir.empty() ? DefaultRulesDir() : o.rules_dir;
  auto rules = LoadRules(rules_dir, "", o.lang, err);
  if (!rules) return kExitUntrusted;
  const std::string dir = o.fixtures_dir.empty() ? DefaultFixturesDir(rules_dir) : o.fixtures_dir;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    err << fmt::format(ja ? "rurume-audit: フィクスチャのディレクトリ {} がありません{}\n"
                          : "rurume-audit: no fixture directory {}{}\n",
                       EscapeControls(dir),
                       !o.fixtures_dir.empty() ? ""
                       : ja ? " (ルールのディレクトリの隣の tests/rules)。フィクスチャのディレクトリを指定してください"
                            : " (tests/rules beside the rule directory); give the fixture directory");
    return kExitUntrusted;
  }
  const FixtureRun run = RunFixtures(*rules, dir);
  if (!run.base_errors.empty()) {
    for (const Diagnostic& d : run.base_errors) err << DiagnosticLine(d, o.lang);
    err << fmt::format(ja ? "rurume-audit: すべてのフィクスチャに合わせる {} を読めません\n"
                          : "rurume-audit: {}, which every fixture is merged with, does not load\n",
                       EscapeControls(run.base));
    return kExitUntrusted;
  }
  out << FixtureRunText(run, o.lang) << std::flush;
  return run.passed() ? kExitOk : kExitFindings;
}

int RunEval(const EvalCommandOptions& o, std::ostream& out, std::ostream& err) {
  Diagnostics diags;
  auto rules = RuleSet::Load(o.rules_dir.empty() ? DefaultRulesDir() : o.rules_dir, o.config, diags);
  if (!rules) {
    for (const Diagnostic& d : diags.all()) err << DiagnosticLine(d, o.lang);
    return kExitUntrusted;
  }
  auto env = rules->EvalEnv();
  expr::CompileResult compiled = expr::Compile(*env, o.expression);
  if (!compiled.ok()) {
    for (const expr::CompileError& e : compiled.errors)
      err << fmt::format("<expr>:1:{}: {}\n{}\n{}^\n", e.offset + 1, EscapeControls(e.message),
                         EscapeControls(o.expression),
                         std::string(EscapeControls(std::string_view(o.expression).substr(0, e.offset)).size(), ' '));
    return kExitUntrusted;
  }
  Export ex;
  if (!o.data.empty()) {
    ex = LoadExport(o.data, diags);
    for (const Diagnostic& d : diags.all()) err << DiagnosticLine(d, o.lang);
    if (diags.errors() > 0) return kExitUntrusted;
  }
  expr::Activation act = RuleSet::EvalActivation(*env, ex, o.as_of.value_or(TodayInJapan()));
  std::optional<WithholdPersonal> withhold;
  if (!o.show_personal_info) withhold.emplace(o.lang);
  try {
    expr::Value v = compiled.program->Eval(act);
    out << EscapeControls(v.DebugString()) << "\n";
    return v.is_error() ? kExitFindings : kExitOk;
  } catch (const expr::CostLimitExceeded& e) {
    err << "rurume-audit: " << e.what() << "\n";
    return kExitUntrusted;
  }
}

int RunGuarded(const std::function<int()>& body, const std::function<Lang()>& lang, std::ostream& err) {
  std::string what;
  bool memory = false;
  try {
    return body();
  } catch (const std::bad_alloc&) {
    memory = true;
  } catch (const std::exception& e) {
    what = EscapeControls(e.what());
  } catch (...) {
    what = "?";
  }
  const bool ja = lang() == Lang::Ja;
  if (memory)
    err << (ja ? "rurume-audit: 内部エラー: メモリが足りなくなりました (std::bad_alloc)。"
                 "監査は完了していないため、結果は信頼できません\n"
               : "rurume-audit: internal error: out of memory (std::bad_alloc); the audit did not complete "
                 "and cannot be trusted\n");
  else
    err << fmt::format(ja ? "rurume-audit: 内部エラー: プログラムの不具合です ({})。監査は完了していないため、"
                            "結果は信頼できません。このメッセージを開発者に伝えてください\n"
                          : "rurume-audit: internal error: a defect of the program ({}); the audit did not "
                            "complete and cannot be trusted. Please report this message to the developers\n",
                       what);
  err << std::flush;
  return kExitUntrusted;
}

}  // namespace rurume
