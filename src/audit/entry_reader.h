// What the readers of people's list files (waivers, attestations) share: a
// required key's text, the position of a key, and the "must be" error in
// both languages, each with the file's own codes.
#pragma once

#include "base/diagnostics.h"
#include "rules/yaml_doc.h"

#include <optional>
#include <string>

namespace rurume {

class EntryReader {
 protected:
  /// `missing`: a key absent or empty (`key:` with nothing after it);
  /// `type`: a value of the wrong kind, or blank.
  EntryReader(const YamlDoc& doc, Diagnostics& diags, Code missing, Code type)
      : doc_(doc), diags_(diags), missing_(missing), type_(type) {}

  /// The key node of `key` in the mapping `item` (where a diagnostic about
  /// it points), or `item` itself when it has no such key.
  YAML::Node KeyNode(const YAML::Node& item, const char* key) const;
  /// A required key's text: a scalar, not blank; else a diagnostic and nullopt.
  std::optional<std::string> Text(const YAML::Node& item, const char* key);
  /// The `type` diagnostic: "WHAT must be MUST", in both languages.
  void TypeDiag(const YAML::Node& node, const std::string& what_ja, const std::string& what_en, const char* must_ja,
                const char* must_en);

  const YamlDoc& doc_;
  Diagnostics& diags_;

 private:
  Code missing_, type_;
};

}  // namespace rurume
