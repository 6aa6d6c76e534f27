// The report formats: one interface, one table. `--format` takes its choices
// from the table; adding a format is one file and one row of kFormats
// (formats.cc).
#pragma once

#include "report/report.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rurume {

/// How one output is written.
struct RenderOptions {
  bool color = false;  // ANSI colours (text only; never in a file)
  size_t width = 80;   // the text report's line width, in display columns
};

/// A report format.
class Reporter {
 public:
  virtual ~Reporter() = default;
  /// The whole report: deterministic, given the same inputs, rules and options.
  virtual std::string Render(const Report& report, const RenderOptions& options) const = 0;
};

struct Format {
  std::string_view name;         // "json"
  std::string_view extension;    // of its files in --output-dir: "json" (DIR/F001.json)
  std::string_view description_ja;  // for --help
  std::string_view description;
  std::unique_ptr<Reporter> (*make)();
};

/// Every format, in the order --help lists them; the first is the default.
const std::vector<Format>& Formats();
/// The format called `name`, or null.
const Format* FindFormat(std::string_view name);

}  // namespace rurume
