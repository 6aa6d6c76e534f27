#include "cli/commands.h"

#include "load/loader.h"
#include "report/output.h"

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

std::string TextReport(const Export& ex, const Diagnostics& diags, Lang lang) {
  std::string out;
  for (const Diagnostic& d : diags.all()) out += DiagnosticLine(d, lang);
  if (lang == Lang::Ja)
    out += fmt::format("{} ファイル: エラー {} 件、警告 {} 件\n", ex.files.size(), diags.errors(), diags.warnings());
  else
    out += fmt::format("{} file{}: {} error{}, {} warning{}\n", ex.files.size(), ex.files.size() == 1 ? "" : "s",
                       diags.errors(), diags.errors() == 1 ? "" : "s", diags.warnings(),
                       diags.warnings() == 1 ? "" : "s");
  return out;
}

std::string JsonReport(const Diagnostics& diags, Lang lang) {
  nlohmann::ordered_json report;
  report["findings"] = nlohmann::ordered_json::array();
  report["not_evaluated"] = nlohmann::ordered_json::array();
  auto& list = report["diagnostics"] = nlohmann::ordered_json::array();
  for (const Diagnostic& d : diags.all()) {
    nlohmann::ordered_json j;
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

}  // namespace

Date TodayInJapan() {
  return (boost::posix_time::second_clock::universal_time() + boost::posix_time::hours(9)).date();
}

int RunCheck(const CheckOptions& o, std::ostream& out, std::ostream& err) {
  Diagnostics diags;
  Export ex = LoadExport(o.paths, diags);
  std::string report = o.format == "json" ? JsonReport(diags, o.lang) : TextReport(ex, diags, o.lang);
  if (o.output.empty()) {
    out << report;
  } else if (std::string problem = WriteAtomically(o.output, report); !problem.empty()) {
    err << "rurume-audit: " << problem << "\n";
    return kExitUntrusted;
  }
  return diags.errors() > 0 ? kExitUntrusted : kExitOk;
}

}  // namespace rurume
