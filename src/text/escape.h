// Control characters of data made visible, for what goes to a terminal (the
// text report, messages on standard error, `eval`): an export value such as
// "Insta\u001b[31mRED" must not recolour, move or clear the screen.
#pragma once

#include <string>
#include <string_view>

namespace rurume {

/// `s` with every C0 control (U+0000–U+001F, newline and tab included: a
/// value is shown on one line), DEL (U+007F) and C1 control (U+0080–U+009F)
/// written as `\u001b`, and every byte that is not UTF-8 as `\xff`. Other
/// text, backslashes included, is unchanged.
std::string EscapeControls(std::string_view s);

/// True when EscapeControls(s) would change `s`.
bool HasControls(std::string_view s);

}  // namespace rurume
