// Operating-system errors (errno) in words the secretariat can act on.
#pragma once

#include <string>

namespace rurume {

/// The error in Japanese, with what to check ("ファイルがありません。パスを確認してください"),
/// without the system's own (English) words; an error it does not know by
/// its number.
std::string OsErrorJa(int error);

}  // namespace rurume
