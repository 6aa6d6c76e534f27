#include "text/escape.h"

#include "text/utf8_decode.h"

#include <cstdio>

namespace rurume {

namespace {

bool IsControl(uint32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

}  // namespace

bool HasControls(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto [cp, len] = DecodeUtf8(s, i);
    if (len == 0 || IsControl(cp)) return true;
    i += len;
  }
  return false;
}

std::string EscapeControls(std::string_view s) {
  if (!HasControls(s)) return std::string(s);
  std::string out;
  out.reserve(s.size() + 16);
  for (size_t i = 0; i < s.size();) {
    const auto [cp, len] = DecodeUtf8(s, i);
    char buf[12];
    if (len == 0) {
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(static_cast<unsigned char>(s[i])));
      out += buf;
      ++i;
      continue;
    }
    if (IsControl(cp)) {
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(s, i, len);
    }
    i += len;
  }
  return out;
}

}  // namespace rurume
