#include "cli/commands.h"

#include "audit/audit.h"
#include "audit/binding.h"
#include "expr/eval.h"
#include "expr/program.h"
#include "load/loader.h"
#include "report/output.h"
#include "rules/catalog.h"
#include "rules/ruleset.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <ostream>

namespace rurume {

namespace {

std::string_view LevelLabel(Level level, Lang lang) {
  if (lang == Lang::En) return LevelName(level);
  switch (level) {
    case Level::Error: return "エラー";
    case Level::Warning: return "警告";
    case Level::Note: return "注記";
  }
  return "エラー";
}

std::string DiagnosticLine(const Diagnostic& d, Lang lang) {
  std::string where = d.file.empty() ? std::string("rurume-audit")
                      : d.line == 0  ? d.file
                                     : fmt::format("{}:{}:{}", d.file, d.line, d.column);
  return fmt::format("{}: {}[{}]: {}\n", where, LevelLabel(d.level, lang), CodeId(d.code), d.Message(lang));
}

std::string Plural(size_t n, const char* word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

std::string TextReport(const Export& ex, const Diagnostics& diags, const AuditResult& audit, Lang lang) {
  std::string out;
  for (const Diagnostic& d : diags.all()) out += DiagnosticLine(d, lang);
  for (const Finding& f : audit.findings)
    out += fmt::format("{}: {}[{}]: {}\n", FormatLoc(ex, f.subject.loc), LevelLabel(f.rule->severity, lang),
                       f.rule->id, f.message);
  if (lang == Lang::Ja)
    out += fmt::format("{} ファイル: 指摘 {} 件、未評価 {} 件、入力エラー {} 件、入力警告 {} 件\n", ex.files.size(),
                       audit.findings.size(), audit.not_evaluated.size(), diags.errors(), diags.warnings());
  else
    out += fmt::format("{}: {}, {} not evaluated, {}, {}\n", Plural(ex.files.size(), "file"),
                       Plural(audit.findings.size(), "finding"), audit.not_evaluated.size(),
                       Plural(diags.errors(), "input error"), Plural(diags.warnings(), "input warning"));
  return out;
}

nlohmann::ordered_json SubjectJson(const SubjectRef& s) {
  nlohmann::ordered_json j;
  j["kind"] = s.kind;
  j["id"] = s.id;
  return j;
}

nlohmann::ordered_json LocationJson(const Export& ex, const Loc& l) {
  nlohmann::ordered_json j;
  j["file"] = l.file < ex.files.size() ? ex.files[l.file].path : "";
  j["line"] = l.line;
  j["column"] = l.column;
  return j;
}

std::string JsonReport(const Export& ex, const Diagnostics& diags, const AuditResult& audit, Lang lang) {
  using J = nlohmann::ordered_json;
  J report;
  J& findings = report["findings"] = J::array();
  for (const Finding& f : audit.findings) {
    J j;
    j["rule"] = f.rule->id;
    j["clause"] = f.rule->clause;
    j["severity"] = LevelName(f.rule->severity);
    j["subject"] = SubjectJson(f.subject);
    j["location"] = LocationJson(ex, f.subject.loc);
    j["message"] = f.message;
    findings.push_back(std::move(j));
  }
  J& ne = report["not_evaluated"] = J::array();
  for (const NotEvaluated& n : audit.not_evaluated) {
    J j;
    j["rule"] = n.rule->id;
    j["clause"] = n.rule->clause;
    j["subject"] = SubjectJson(n.subject);
    j["missing"] = n.missing;
    if (!n.reason.empty()) j["reason"] = n.reason;
    ne.push_back(std::move(j));
  }
  J& list = report["diagnostics"] = J::array();
  for (const Diagnostic& d : diags.all()) {
    J j;
    j["level"] = LevelName(d.level);
    j["code"] = CodeId(d.code);
    j["file"] = d.file;
    j["line"] = d.line;
    j["column"] = d.column;
    j["message"] = d.Message(lang);
    list.push_back(std::move(j));
  }
  return report.dump(2) + "\n";
}

int Emit(const CheckOptions& o, const std::string& report, std::ostream& out, std::ostream& err) {
  if (o.output.empty()) {
    out << report;
    return kExitOk;
  }
  if (std::string problem = WriteAtomically(o.output, report); !problem.empty()) {
    err << "rurume-audit: " << problem << "\n";
    return kExitUntrusted;
  }
  return kExitOk;
}

}  // namespace

Date TodayInJapan() {
  return (boost::posix_time::second_clock::universal_time() + boost::posix_time::hours(9)).date();
}

int RunCheck(const CheckOptions& o, std::ostream& out, std::ostream& err) {
  Diagnostics diags;
  std::optional<RuleSet> rules;
  if (!o.validate_only) {
    // The rule set is checked before any export is read: a broken rule stops here.
    rules = RuleSet::Load(o.rules_dir.empty() ? DefaultRulesDir() : o.rules_dir, o.config, diags);
    if (!rules) {
      for (const Diagnostic& d : diags.all()) err << DiagnosticLine(d, o.lang);
      return kExitUntrusted;
    }
  }
  Export ex = LoadExport(o.paths, diags);
  AuditResult audit;
  if (rules) audit = RunAudit(*rules, ex, AuditOptions{o.as_of.value_or(TodayInJapan()), o.lang}, diags);
  std::string report = o.format == "json" ? JsonReport(ex, diags, audit, o.lang) : TextReport(ex, diags, audit, o.lang);
  if (Emit(o, report, out, err) != kExitOk) return kExitUntrusted;
  if (diags.errors() > 0) return kExitUntrusted;
  for (const Finding& f : audit.findings)
    if (f.rule->severity == Level::Error) return kExitFindings;
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
