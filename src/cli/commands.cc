#include "cli/commands.h"

#include "audit/audit.h"
#include "audit/binding.h"
#include "expr/eval.h"
#include "expr/program.h"
#include "load/loader.h"
#include "report/formats.h"
#include "report/output.h"
#include "report/report.h"
#include "rules/catalog.h"
#include "rules/ruleset.h"

#include <fmt/format.h>

#include <algorithm>
#include <ostream>

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

/// Writes every report, the files first (a reader that closes standard
/// output early must not cost them); false if one could not be written.
bool Emit(const CheckOptions& o, const Report& report, std::ostream& out, std::ostream& err) {
  std::vector<ReportTarget> targets = o.reports;
  if (targets.empty()) targets.push_back(ReportTarget{"text", ""});
  std::stable_partition(targets.begin(), targets.end(), [](const ReportTarget& t) { return !t.output.empty(); });
  bool ok = true;
  for (const ReportTarget& t : targets) {
    const Format* format = FindFormat(t.format);
    if (!format) {
      err << "rurume-audit: no report format " << t.format << "\n";
      ok = false;
      continue;
    }
    std::string text = format->make()->Render(report, RenderOptions{UseColor(o, t)});
    if (t.output.empty()) {
      out << text << std::flush;
    } else if (std::string problem = WriteAtomically(t.output, text); !problem.empty()) {
      err << "rurume-audit: " << problem << "\n";
      ok = false;
    }
  }
  return ok;
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
  if (!any_format) reports->push_back(ReportTarget{"text", pending.value_or("")});
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

Date TodayInJapan() {
  return (boost::posix_time::second_clock::universal_time() + boost::posix_time::hours(9)).date();
}

int RunCheck(const CheckOptions& o, std::ostream& out, std::ostream& err) {
  Diagnostics diags;
  std::optional<RuleSet> rules;
  ReportContext context;
  context.command = o.validate_only ? "validate" : "check";
  context.lang = o.lang;
  context.show_personal_info = o.show_personal_info;
  if (!o.validate_only) {
    // The rule set is checked before any export is read: a broken rule stops here.
    rules = RuleSet::Load(o.rules_dir.empty() ? DefaultRulesDir() : o.rules_dir, o.config, diags);
    if (!rules) {
      for (const Diagnostic& d : diags.all()) err << DiagnosticLine(d, o.lang);
      return kExitUntrusted;
    }
    context.rule_set_version = RuleSetVersion(*rules);
    context.as_of = o.as_of.value_or(TodayInJapan());
  }
  Export ex = LoadExport(o.paths, diags);
  AuditResult audit;
  if (rules) audit = RunAudit(*rules, ex, AuditOptions{*context.as_of, o.lang}, diags);
  Report report(ex, diags, audit, rules ? &*rules : nullptr, context);
  if (!Emit(o, report, out, err)) return kExitUntrusted;
  if (diags.errors() > 0) return kExitUntrusted;
  for (const Finding& f : audit.findings)
    if (Fails(f.rule->severity, o.fail_on)) return kExitFindings;
  return kExitOk;
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
    err << fmt::format(o.lang == Lang::Ja ? "rurume-audit: {} という規則も条項もありません\n"
                                          : "rurume-audit: no rule or clause {}\n",
                       o.what);
    return kExitUntrusted;
  }
  out << *text;
  return kExitOk;
}

int RunClauses(const CatalogOptions& o, std::ostream& out, std::ostream& err) {
  auto rules = LoadRules(o.rules_dir, o.config, o.lang, err);
  if (!rules) return kExitUntrusted;
  ClauseCoverage coverage;
  out << ClausesReport(*rules, o.lang, &coverage);
  return coverage.uncovered.empty() ? kExitOk : kExitFindings;
}

int RunCalendar(const CatalogOptions& o, std::ostream& out, std::ostream& err) {
  auto rules = LoadRules(o.rules_dir, o.config, o.lang, err);
  if (!rules) return kExitUntrusted;
  if (o.year < 1970 || o.year > 2099) {
    err << "rurume-audit: the calendar covers 1970 to 2099\n";
    return kExitUntrusted;
  }
  for (const std::string& line : calendar::CalendarYear(
           o.year, rules->calendar(), o.lang == Lang::Ja ? calendar::Language::Japanese : calendar::Language::English))
    out << line << "\n";
  return kExitOk;
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
      err << fmt::format("<expr>:1:{}: {}\n{}\n{}^\n", e.offset + 1, e.message, o.expression,
                         std::string(e.offset, ' '));
    return kExitUntrusted;
  }
  Export ex;
  if (!o.data.empty()) {
    ex = LoadExport(o.data, diags);
    for (const Diagnostic& d : diags.all()) err << DiagnosticLine(d, o.lang);
    if (diags.errors() > 0) return kExitUntrusted;
  }
  expr::Activation act(*env);
  act.Set("as_of", expr::Value::Date(o.as_of.value_or(TodayInJapan())));
  if (ex.network) act.Set("network", expr::Value::Object(ObjectTypeOf(NetworkDesc()), &*ex.network));
  if (ex.exported_at) act.Set("exported_at", expr::Value::Timestamp(ex.exported_at->utc));
  std::vector<std::vector<expr::Value>> keep;
  for (const SubjectKind& k : SubjectKinds()) {
    std::vector<expr::Value> items;
    const expr::ObjectType* type = ObjectTypeOf(*k.desc);
    for (const Subject& s : SubjectsOf(ex, k)) items.push_back(expr::Value::Object(type, s.record));
    act.Set(k.collection, expr::Value::ListOf(std::move(items)));
  }
  try {
    expr::Value v = compiled.program->Eval(act);
    out << v.DebugString() << "\n";
    return v.is_error() ? kExitFindings : kExitOk;
  } catch (const expr::CostLimitExceeded& e) {
    err << "rurume-audit: " << e.what() << "\n";
    return kExitUntrusted;
  }
}

}  // namespace rurume
