// Values as a message shows them.
#pragma once

#include "expr/value.h"

#include <string>

namespace rurume {

/// Renders a value into a message: strings as they are, dates YYYY-MM-DD,
/// timestamps in Japan time, lists joined with ", ".
std::string MessageText(const expr::Value& v);

}  // namespace rurume
