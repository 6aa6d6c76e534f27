#include "load/utf8.h"

#include <fmt/format.h>

#include <cstring>

namespace rurume {

namespace {

/// The length of the valid UTF-8 sequence at p (RFC 3629: no overlongs, no
/// surrogates, nothing above U+10FFFF), or 0.
size_t SequenceLength(const unsigned char* p, size_t left) {
  unsigned char c = p[0];
  if (c < 0x80) return 1;
  size_t n;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c == 0xE0) n = 3, lo = 0xA0;
  else if (c >= 0xE1 && c <= 0xEC) n = 3;
  else if (c == 0xED) n = 3, hi = 0x9F;
  else if (c >= 0xEE && c <= 0xEF) n = 3;
  else if (c == 0xF0) n = 4, lo = 0x90;
  else if (c >= 0xF1 && c <= 0xF3) n = 4;
  else if (c == 0xF4) n = 4, hi = 0x8F;
  else return 0;
  if (left < n) return 0;
  if (p[1] < lo || p[1] > hi) return 0;
  for (size_t i = 2; i < n; ++i)
    if ((p[i] & 0xC0) != 0x80) return 0;
  return n;
}

}  // namespace

namespace {
constexpr int kMaxReports = 20;
}

void TextChecker::Finish() {
  if (reports_ > kMaxReports)
    diags_.AddLocalized(Code::MoreOfTheSame, file_, last_line_, 1,
                        {"UTF-8 として不正なバイトか NUL バイト", std::to_string(reports_ - kMaxReports),
                         std::to_string(kMaxReports)},
                        {"invalid UTF-8 or NUL bytes", std::to_string(reports_ - kMaxReports),
                         std::to_string(kMaxReports)});
}

size_t TextChecker::Check(char* text, size_t size, bool last) {
  auto* p = reinterpret_cast<unsigned char*>(text);
  size_t i = 0;
  while (i < size) {
    // Fast path: eight bytes of plain ASCII without NUL or newline.
    if (i + 8 <= size) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      const uint64_t high = w & 0x8080808080808080ULL;
      const uint64_t zero = (w - 0x0101010101010101ULL) & ~w & 0x8080808080808080ULL;
      const uint64_t x = w ^ 0x0A0A0A0A0A0A0A0AULL;
      const uint64_t nl = (x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL;
      if ((high | zero | nl) == 0) {
        i += 8;
        column_ += 8;
        continue;
      }
    }
    unsigned char c = p[i];
    if (c == '\n') {
      ++line_, column_ = 1, ++i;
      continue;
    }
    size_t n = c == 0 ? 0 : SequenceLength(p + i, size - i);
    const size_t expected = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
    if (n == 0 && !last && expected > size - i) {
      // Possibly a sequence cut by the chunk's end: decide with the next chunk.
      bool prefix_ok = true;
      for (size_t k = i + 1; k < size; ++k) prefix_ok = prefix_ok && (p[k] & 0xC0) == 0x80;
      if (prefix_ok) return i;
    }
    if (n == 0) {
      clean_ = false;
      if (reports_ == kMaxReports) last_line_ = line_;
      if (reports_++ < kMaxReports) {
        if (c == 0) diags_.Add(Code::NulByte, file_, line_, column_);
        else diags_.Add(Code::InvalidUtf8, file_, line_, column_, {fmt::format("{:02X}", c)});
      }
      p[i] = '_';  // not '?': "key: ?" would be a syntax error
      n = 1;
    }
    i += n;
    ++column_;
  }
  return size;
}

bool CheckText(std::string& text, const std::string& file, Diagnostics& diags) {
  TextChecker checker(file, diags);
  checker.Check(text.data(), text.size(), true);
  checker.Finish();
  return checker.clean();
}

}  // namespace rurume
