// Natural order of ids: runs of digits compare by their value, so that
// A3 < A10 and N1.2 < N1.10 (rules, clauses and rule files sort so).
#pragma once

#include <string_view>

namespace rurume {

/// Whether `a` comes before `b` in natural order; ties of value ("A03",
/// "A3") fall back to byte order, so that the order is total.
bool NaturalLess(std::string_view a, std::string_view b);

}  // namespace rurume
