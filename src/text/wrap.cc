#include "text/wrap.h"

#include "text/width.h"

#include <cstdint>

namespace rurume {

namespace {

struct Char {
  std::string_view bytes;
  uint32_t code = 0;
};

std::vector<Char> Decode(std::string_view s) {
  std::vector<Char> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    size_t n = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
    if (i + n > s.size()) n = s.size() - i;
    uint32_t c = n == 1 ? b : n == 2 ? b & 0x1Fu : n == 3 ? b & 0x0Fu : b & 0x07u;
    for (size_t k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    out.push_back({s.substr(i, n), c});
    i += n;
  }
  return out;
}

bool Ascii(uint32_t c) { return c < 0x80; }

// 行頭禁則: no line starts with these.
bool NoLineStart(uint32_t c) {
  static const std::u32string_view kChars =
      U"、。，．・：；？！ー）」』】〕〉》｝〙〗ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ";
  return kChars.find(static_cast<char32_t>(c)) != std::u32string_view::npos;
}

// 行末禁則: no line ends with these.
bool NoLineEnd(uint32_t c) {
  static const std::u32string_view kChars = U"（「『【〔〈《｛〘〖";
  return kChars.find(static_cast<char32_t>(c)) != std::u32string_view::npos;
}

/// The text as unbreakable pieces, each with whether a space comes before it.
struct Piece {
  std::string text;
  bool space_before = false;
};

std::vector<Piece> Pieces(std::string_view text) {
  std::vector<Char> cs = Decode(text);
  std::vector<Piece> out;
  bool space = false;
  for (size_t i = 0; i < cs.size(); ++i) {
    const Char& c = cs[i];
    if (c.code == ' ' || c.code == '\n' || c.code == '\t') {
      space = true;
      continue;
    }
    bool join = !out.empty() && !space && i > 0;
    if (join) {
      const uint32_t prev = cs[i - 1].code;
      // A break only between two non-ASCII characters, and not against 禁則.
      const bool may_break = !Ascii(prev) && !Ascii(c.code) && !NoLineStart(c.code) && !NoLineEnd(prev);
      join = !may_break;
    }
    if (join) {
      out.back().text += c.bytes;
    } else {
      out.push_back({std::string(c.bytes), space && !out.empty()});
    }
    space = false;
  }
  return out;
}

}  // namespace

std::vector<std::string> WrapLines(std::string_view text, size_t width, size_t first_used, size_t indent) {
  std::vector<std::string> lines(1);
  size_t used = first_used;
  for (const Piece& p : Pieces(text)) {
    const size_t w = DisplayWidth(p.text);
    const size_t sep = lines.back().empty() || !p.space_before ? 0 : 1;
    if (!lines.back().empty() && used + sep + w > width) {
      lines.emplace_back();
      used = indent;
    } else if (sep) {
      lines.back() += ' ';
      used += 1;
    }
    lines.back() += p.text;
    used += w;
  }
  return lines;
}

std::string WrapParagraph(std::string_view first, size_t first_used, std::string_view text, size_t width,
                          size_t indent) {
  std::string out(first);
  bool head = true;
  for (const std::string& line : WrapLines(text, width, first_used, indent)) {
    if (!head) out += std::string(indent, ' ');
    out += line;
    out += '\n';
    head = false;
  }
  return out;
}

}  // namespace rurume
