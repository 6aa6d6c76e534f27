// Operating-system errors (errno) in words the secretariat can act on.
#pragma once

#include <string>

namespace rurume {

/// The error in Japanese, with what to check ("ファイルがありません。パスを確認してください"),
/// and the system's own words in parentheses.
std::string OsErrorJa(int error);

}  // namespace rurume
