// The YAML parser's error messages (yaml-cpp's, in English) in Japanese, with
// what to do about them; the parser's words follow in parentheses.
#pragma once

#include <string>

namespace rurume {

/// "インデントにタブ文字が使われています。タブをスペースに置き換えてください
/// (illegal tab when looking for indentation)" for yaml-cpp's `message`.
std::string SyntaxTextJa(const std::string& message);

}  // namespace rurume
