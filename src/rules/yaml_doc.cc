#include "rules/yaml_doc.h"

#include "load/syntax_text.h"

#include "base/os_error.h"
#include "base/suggest.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

namespace rurume {

std::optional<YamlDoc> YamlDoc::Read(const std::string& path, Code syntax_code, Diagnostics& diags) {
  YamlDoc doc;
  doc.path_ = path;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno;
    diags.AddLocalized(Code::Unreadable, path, 0, 0, {OsErrorJa(error)}, {std::strerror(error)});
    return std::nullopt;
  }
  std::ostringstream s;
  s << in.rdbuf();
  doc.text_ = s.str();
  doc.line_starts_.push_back(0);
  for (size_t i = 0; i < doc.text_.size(); ++i)
    if (doc.text_[i] == '\n') doc.line_starts_.push_back(i + 1);
  try {
    doc.root_ = YAML::Load(doc.text_);
  } catch (const YAML::Exception& e) {
    // Japanese from the parser's words (load/syntax_text.h); English as the parser says it.
    diags.AddLocalized(syntax_code, path, static_cast<uint32_t>(e.mark.line + 1),
                       static_cast<uint32_t>(e.mark.column + 1), {SyntaxTextJa(e.msg)}, {e.msg});
    return std::nullopt;
  }
  return doc;
}

std::pair<uint32_t, uint32_t> YamlDoc::Pos(const YAML::Node& node, size_t offset) const {
  const YAML::Mark m = node.Mark();
  if (m.line < 0 || static_cast<size_t>(m.line) >= line_starts_.size()) return {1, 1};
  size_t pos = line_starts_[static_cast<size_t>(m.line)] + static_cast<size_t>(m.column);
  if (offset > 0 && pos < text_.size()) {
    char c = text_[pos];
    if (c == '"' || c == '\'') {
      pos += 1 + offset;  // a quoted scalar without escapes before the offset
    } else if (c == '|' || c == '>') {
      // A block scalar: its text starts on the next line, after the indentation.
      size_t line_end = text_.find('\n', pos);
      size_t p = line_end == std::string::npos ? text_.size() : line_end + 1;
      size_t indent = 0;
      while (p + indent < text_.size() && text_[p + indent] == ' ') ++indent;
      // Walk the offset through the scalar's lines, each with its indentation.
      size_t left = offset;
      while (p < text_.size()) {
        size_t end = text_.find('\n', p);
        if (end == std::string::npos) end = text_.size();
        size_t content = std::min(p + indent, end);
        if (left <= end - content) {
          pos = content + left;
          break;
        }
        left -= end - content + 1;
        p = end + 1;
      }
    } else {
      pos += offset;
    }
  }
  pos = std::min(pos, text_.size());
  // Line of pos, and its column in characters.
  size_t line = static_cast<size_t>(m.line);
  while (line + 1 < line_starts_.size() && line_starts_[line + 1] <= pos) ++line;
  uint32_t col = 1;
  for (size_t i = line_starts_[line]; i < pos; ++i)
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++col;
  return {static_cast<uint32_t>(line + 1), col};
}

void YamlDoc::Diag(Diagnostics& diags, Code code, const YAML::Node& node, std::vector<std::string> args,
                   size_t offset) const {
  auto [line, col] = Pos(node, offset);
  diags.Add(code, path_, line, col, std::move(args));
}

bool YamlDoc::CheckKeys(const YAML::Node& map, const std::vector<std::string>& allowed, Code unknown_code,
                        Diagnostics& diags) const {
  bool ok = true;
  std::map<std::string, uint32_t> seen;
  for (const auto& kv : map) {
    std::string key = kv.first.Scalar();
    auto [it, fresh] = seen.emplace(key, Pos(kv.first).first);
    if (!fresh) {
      Diag(diags, Code::DuplicateKey, kv.first, {fmt::format("\"{}\"", key), std::to_string(it->second)});
      ok = false;
      continue;
    }
    if (allowed.empty()) continue;
    bool known = false;
    for (const std::string& a : allowed) known = known || a == key;
    if (!known) {
      // The one suggester: the key probably meant (" (→ message?)").
      std::vector<std::string_view> names(allowed.begin(), allowed.end());
      Diag(diags, unknown_code, kv.first, {fmt::format("\"{}\"", key), SuggestionHint(key, names)});
      ok = false;
    }
  }
  return ok;
}

std::optional<std::string> ScalarText(const YAML::Node& node) {
  if (!node || !node.IsScalar()) return std::nullopt;
  return node.Scalar();
}

}  // namespace rurume
