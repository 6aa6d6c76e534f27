// Display width of text in a terminal: East Asian wide and fullwidth
// characters (kanji, kana, fullwidth forms) take two columns.
#pragma once

#include <string>
#include <string_view>

namespace rurume {

/// The number of terminal columns `s` (UTF-8) takes.
size_t DisplayWidth(std::string_view s);

/// `s` followed by spaces up to `width` columns.
std::string PadRight(std::string_view s, size_t width);

}  // namespace rurume
