// Checks of a compiled rule expression beyond types: a comparison of an
// enumeration field with a value it can never have (a typo that would turn a
// rule off silently), and, in message templates, reading a patient's
// personal information.
#pragma once

#include "expr/program.h"

#include <string>
#include <vector>

namespace rurume {

struct LintProblem {
  enum Kind { Personal, EnumValue, TimeZone } kind;
  uint32_t offset = 0;  // in the expression's source
  std::string field;    // "patient.name", "device.status"
  std::string value;    // EnumValue, TimeZone: the literal
  std::string allowed;  // EnumValue: the enumeration's values
  /// The diagnostic's arguments, for the rule key `where`.
  std::vector<std::string> args(const std::string& where) const;
};

struct EnumDesc;
/// The enumeration whose labels a message place shows instead of the
/// export's spellings: the place is an enumeration field (`device.status`),
/// or a condition one of whose branches is one and the other a string
/// (`has(u.status) ? u.status : '不明'`). Null for any other place.
const EnumDesc* LabelledEnum(const expr::Program& program);

/// `in_message`: the expression is a message template's place.
std::vector<LintProblem> Lint(const expr::Program& program, bool in_message);

}  // namespace rurume
