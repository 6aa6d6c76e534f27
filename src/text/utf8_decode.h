// Decoding UTF-8 one character at a time.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>

namespace rurume {

/// The code point at text[i] and its length in bytes; {0, 0} when the
/// sequence is invalid (overlong, surrogate, beyond U+10FFFF, truncated).
std::pair<uint32_t, size_t> DecodeUtf8(std::string_view text, size_t i);

}  // namespace rurume
