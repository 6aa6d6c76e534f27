// Reading an export: YAML events straight into the model (never a node tree
// of a whole file), with every record's location, every input problem as a
// diagnostic, and limits that make hostile input harmless.
#pragma once

#include "base/diagnostics.h"
#include "model/model.h"

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace YAML {
class EventHandler;
}

namespace rurume {

namespace detail {
class Builder;
}

struct LoadLimits {
  /// Deepest nesting of mappings and sequences. The format needs 5 levels.
  int max_depth = 64;
  /// Events (and bytes of scalars) that alias expansion may add to a file,
  /// beyond its own size in bytes: a "billion laughs" file ends at this bound.
  size_t alias_event_allowance = 100000;
};

/// Collects one export from one or more inputs.
class Loader {
 public:
  Loader(Export& out, Diagnostics& diags, LoadLimits limits = {});

  /// Reads a file; `path` "-" reads standard input.
  void AddFile(const std::string& path);
  /// Reads `bytes` as if they came from a file called `name`.
  void AddBuffer(const std::string& name, std::string bytes);
  /// Reads `source` in chunks (never whole) as the file called `name`.
  void AddStream(const std::string& name, std::istream& source);
  /// The checks across files (format in each, network and exported_at once),
  /// then ids, references and reverse relations. Call once, after the inputs.
  void Finish();

 private:
  Export& ex_;
  Diagnostics& diags_;
  LoadLimits limits_;
  std::vector<Loc> network_locs_;      // where `network` was given
  std::vector<Loc> exported_at_locs_;  // where `exported_at` was given
  friend class detail::Builder;
};

/// The files an argument list names: files as given, directories expanded to
/// every *.yaml, *.yml and *.json below them (the extension in any case) in
/// sorted path order, "-" kept. Hidden entries (a name beginning with ".":
/// .git, .github) are skipped, and so is what an `exclude` glob names (the
/// path relative to the directory, or the entry's name); linked directories
/// are followed, a loop of them an error. A directory without any such file
/// is a diagnostic (no-input), and so is every entry with such a name that
/// is not a file to read: a symbolic link to nothing or a loop
/// (broken-link), a FIFO, socket or device (not-a-file).
std::vector<std::string> ExpandInputs(const std::vector<std::string>& args, Diagnostics& diags,
                                      const std::vector<std::string>& exclude = {});

/// Loads inputs into a linked export. Convenience for the commands and tests;
/// `on_file(n, total)` is called before the n-th file is read.
/// `exclude`: as ExpandInputs's.
Export LoadExport(const std::vector<std::string>& paths, Diagnostics& diags, LoadLimits limits = {},
                  const std::function<void(size_t, size_t)>& on_file = nullptr,
                  const std::vector<std::string>& exclude = {});

/// Reads `source` as YAML the way the loader does (the input checks, the
/// scanner of yaml_scan.h, yaml-cpp) and hands its events to `handler`,
/// with the scanner's fixes applied to scalar values: for the conformance
/// tests, which compare any YAML with the data it means. Every problem is a
/// diagnostic (RA1001 for the syntax) of the file `name`; returns false
/// when there was a syntax error.
bool ReadYamlEvents(const std::string& name, std::istream& source, YAML::EventHandler& handler, Diagnostics& diags);

/// Formats a location as "file:line:column".
std::string FormatLoc(const Export& ex, const Loc& loc);

}  // namespace rurume
