// Helpers shared by the nightly operations' tests (tests/ops/): a `check` of
// the report tests' fixture through RunCheck, with waivers and baselines
// written on the fly.
#pragma once

#include "cli/commands.h"
#include "../report/report_helpers.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>

namespace rurume::testing {

// The files of people (waivers, attestations) whose comments say what the
// program must give: `# expect-diagnostic: LINE:COLUMN CODE`.

inline std::string SortedJoined(std::vector<std::string> lines) {
  std::sort(lines.begin(), lines.end());
  return fmt::format("{}", fmt::join(lines, ", "));
}

/// "line:column CODE" of each diagnostic, sorted.
inline std::string Positions(const std::vector<Diagnostic>& diags) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diags) out.push_back(fmt::format("{}:{} {}", d.line, d.column, CodeId(d.code)));
  return SortedJoined(out);
}

/// The `# expect-diagnostic: LINE:COLUMN CODE` comments of a file, sorted.
inline std::string ExpectedDiagnostics(const std::filesystem::path& file) {
  std::vector<std::string> out;
  std::istringstream in(Slurp(file));
  const std::string tag = "# expect-diagnostic: ";
  for (std::string line; std::getline(in, line);)
    if (line.rfind(tag, 0) == 0) out.push_back(line.substr(tag.size()));
  return SortedJoined(out);
}

/// The files of a directory, sorted.
inline std::vector<std::filesystem::path> FilesOf(const std::string& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

/// A check of the report tests' fixture as of 2026-11-24 with their rule
/// set, through RunCheck: its standard output, standard error and status.
struct Check {
  TempDir rules, scratch;
  CheckOptions o;
  std::string out, err;
  Check() {
    CopyTestRules(rules.path);
    o.rules_dir = rules.path.string();
    o.as_of = Date(2026, 11, 24);
    o.paths = {kReportTests + "/fixtures/export"};
  }
  int Run() {
    std::ostringstream so, se;
    int status = RunCheck(o, so, se);
    out = so.str(), err = se.str();
    return status;
  }
  /// The JSON report of a run (standard output).
  nlohmann::json Json() {
    o.reports = {{"json", ""}};
    Run();
    return nlohmann::json::parse(out);
  }
  /// Writes a file into the scratch directory; its path.
  std::string Scratch(const std::string& name, const std::string& text) {
    std::string path = (scratch.path / name).string();
    Write(path, text);
    return path;
  }
  void Waivers(const std::string& yaml) { o.waivers = Scratch("waivers.yaml", yaml); }
  void Baseline(const nlohmann::json& report) { o.baseline = Scratch("baseline.json", report.dump(2)); }
};

/// One waiver as a line of a waivers file.
inline std::string WaiverYaml(std::string_view key, std::string_view id, std::string_view subject,
                              std::string_view expires) {
  return fmt::format("  - {{{}: {}, subject: \"{}\", justification: テスト, approved_by: 事務局, expires: {}}}\n", key, id,
                     subject, expires);
}

}  // namespace rurume::testing
