#include "audit/entry_reader.h"

namespace rurume {

YAML::Node EntryReader::KeyNode(const YAML::Node& item, const char* key) const {
  // (No YAML::Node assignment from item[key]: it would write into the document.)
  for (auto it = item.begin(); it != item.end(); ++it)
    if (it->first.Scalar() == key) return it->first;
  return item;
}

std::optional<std::string> EntryReader::Text(const YAML::Node& item, const char* key) {
  const YAML::Node node = item[key];
  if (!node || node.IsNull()) {  // `key:` with nothing after it is missing too: there
    doc_.Diag(diags_, missing_, KeyNode(item, key), {key});
    return std::nullopt;
  }
  auto text = ScalarText(node);
  if (!text || text->find_first_not_of(" \t") == std::string::npos) {
    TypeDiag(node, key, key, "空でない文字列", "a non-empty string");
    return std::nullopt;
  }
  return text;
}

void EntryReader::TypeDiag(const YAML::Node& node, const std::string& what_ja, const std::string& what_en,
                           const char* must_ja, const char* must_en) {
  auto [line, column] = doc_.Pos(node);
  diags_.AddLocalized(type_, doc_.path(), line, column, {what_ja, must_ja}, {what_en, must_en});
}

}  // namespace rurume
