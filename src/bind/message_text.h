// Values as a message shows them.
#pragma once

#include "base/diagnostics.h"
#include "expr/value.h"

#include <string>

namespace rurume {

struct EnumDesc;

/// Renders a value into a message: strings as they are, dates YYYY-MM-DD,
/// timestamps in Japan time, lists joined with ", ".
std::string MessageText(const expr::Value& v);

/// Renders a value into a finding's message, for people: dates and times as
/// calendar/human.h writes them (2026年11月10日(火) 08:00, Japan time),
/// lists joined with "、" (", " in English), and, when `labels` is given,
/// an enumeration's spellings as its labels ("in_use" -> "使用中").
std::string MessageText(const expr::Value& v, Lang lang, const EnumDesc* labels);

}  // namespace rurume
