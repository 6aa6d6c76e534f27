// Every report format read back: what a report says about its findings, its
// counts and its triage (waived, new against the baseline, fixed), parsed
// from the report's own bytes (nlohmann for JSON and SARIF, libxml2 for JUnit
// and, with its HTML parser, for the HTML page; the lines of the text
// report). The agreement tests compare every format of the program's table
// (Formats()) with the JSON report through these parsers, so a format without
// one fails them. Reports in English (`--lang en`: the text parser reads its
// English section names and subject kinds).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

namespace rurume::testing {

/// What the formats must agree on about a finding.
struct Seen {
  std::string rule, kind, id, file;
  uint32_t line = 0, column = 0;
  std::string severity, message;
  bool operator<(const Seen& o) const {
    return std::tie(rule, kind, id, file, line, column, severity, message) <
           std::tie(o.rule, o.kind, o.id, o.file, o.line, o.column, o.severity, o.message);
  }
  bool operator==(const Seen& o) const { return !(*this < o) && !(o < *this); }
};

struct Counts {
  size_t findings = 0, errors = 0, warnings = 0, notes = 0, not_evaluated = 0;
  bool operator==(const Counts& o) const {
    return std::tie(findings, errors, warnings, notes, not_evaluated) ==
           std::tie(o.findings, o.errors, o.warnings, o.notes, o.not_evaluated);
  }
};
std::ostream& operator<<(std::ostream& os, const Counts& c);

using Key = std::pair<std::string, std::string>;  // rule, subject id
using Keys = std::set<Key>;
/// "rule subject; ..." for the comparisons' messages.
std::string Str(const Keys& keys);

struct Triaged {
  Keys waived, added, fixed;
};

struct ReadBack {
  std::set<Seen> findings;
  Counts counts;
  Triaged triage;
  // What a format cannot say, and the comparisons leave out: GitLab's Code
  // Quality has no columns and no fixed findings (GitLab finds those itself).
  bool has_columns = true;
  bool has_fixed = true;
  /// The manual clauses' entries the format lists: "CLAUSE FACILITY" (or
  /// "CLAUSE -" for the network) -> state (attested, expiring, expired,
  /// missing), and which of them the format can show: every entry in its
  /// state (All), or with attested and expiring alike as "attested" (JUnit:
  /// both pass), or only those not attested (GitHub's annotations), or only
  /// the missing and expired (GitLab's issues).
  std::map<std::string, std::string> manual;
  enum class ManualView { All, PassOrFail, NotAttested, MissingOrExpired } manual_view = ManualView::All;
};

/// What a format of `view` shows of the JSON report's manual entries.
std::map<std::string, std::string> ManualAs(const std::map<std::string, std::string>& all, ReadBack::ManualView view);

using Parser = std::function<ReadBack(const std::string& report)>;

/// The read-back parser of each format, by the format's name.
const std::map<std::string, Parser, std::less<>>& Parsers();

}  // namespace rurume::testing
