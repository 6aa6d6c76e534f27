#include "report/xml_text.h"

#include "text/utf8_decode.h"

#include <cstdint>

namespace rurume {

namespace {

bool Allowed(uint32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         c >= 0x10000;
}

}  // namespace

std::string XmlText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    auto [c, n] = DecodeUtf8(text, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
      continue;
    }
    if (Allowed(c)) out.append(text.substr(i, n));
    i += n;
  }
  return out;
}

}  // namespace rurume
