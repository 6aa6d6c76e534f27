// Checks that input text is UTF-8 without NUL bytes, before the YAML parser
// sees it.
#pragma once

#include "load/diagnostics.h"

#include <string>

namespace rurume {

/// Reports every invalid UTF-8 sequence and NUL byte of `text` (the first 20
/// of each file) with its line and column, and replaces each offending byte
/// with '_' (not a YAML indicator) so that parsing can go on and show the
/// file's other problems.
/// Returns true when the text was clean.
bool CheckText(std::string& text, const std::string& file, Diagnostics& diags);

}  // namespace rurume
