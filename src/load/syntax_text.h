// The YAML parser's error messages (yaml-cpp's, in English) in Japanese, with
// what to do about them; the parser's own words are in the English message
// only, unless the message is one this table does not know.
#pragma once

#include <string>

namespace rurume {

/// "インデントにタブ文字が使われています。タブをスペースに置き換えてください"
/// for yaml-cpp's "illegal tab when looking for indentation"; an unknown one
/// is "YAML として読めません (its words)".
std::string SyntaxTextJa(const std::string& message);

}  // namespace rurume
