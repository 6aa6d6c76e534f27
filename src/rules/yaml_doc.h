// Small YAML documents written by people (rule files, the clause list, the
// configuration): read whole with yaml-cpp's node API, which is fine at
// their size, keeping positions for diagnostics.
#pragma once

#include "base/diagnostics.h"

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

namespace rurume {

class YamlDoc {
 public:
  /// Reads and parses `path`; on failure adds `syntax_code` and returns nullopt.
  static std::optional<YamlDoc> Read(const std::string& path, Code syntax_code, Diagnostics& diags);

  const std::string& path() const { return path_; }
  const YAML::Node& root() const { return root_; }
  const std::string& text() const { return text_; }

  /// 1-based line and column (in characters) of a node, or of a byte offset
  /// inside a scalar node's text as written (quotes and block headers allowed for).
  std::pair<uint32_t, uint32_t> Pos(const YAML::Node& node, size_t offset_in_scalar = 0) const;

  void Diag(Diagnostics& diags, Code code, const YAML::Node& node, std::vector<std::string> args,
            size_t offset_in_scalar = 0) const;

  /// Checks that a mapping has no duplicate keys and only keys from `allowed`
  /// (an empty `allowed` allows any); reports each problem with `unknown_code`.
  bool CheckKeys(const YAML::Node& map, const std::vector<std::string>& allowed, Code unknown_code,
                 Diagnostics& diags) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<size_t> line_starts_;
  YAML::Node root_;
};

/// A scalar's text, or nullopt when the node is not a scalar.
std::optional<std::string> ScalarText(const YAML::Node& node);

}  // namespace rurume
