// The syntax tree of an expression. The parser builds it (macros already
// expanded into Comprehension nodes); the checker annotates it in place with
// types, variable slots and overload candidates; the evaluator walks it.
#pragma once

#include "expr/types.h"
#include "expr/value.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rurume::expr {

struct Overload;

/// A syntax or type error, at a byte offset in the source.
struct CompileError {
  std::string message;
  uint32_t offset = 0;
};

enum class ExprKind : uint8_t {
  Literal,        // value
  Ident,          // name (possibly qualified after resolution: "a.b.c")
  Select,         // args[0].name; has(args[0].name) when test_only
  Call,           // name(args...), or args[0].name(args[1]...) when receiver
  Index,          // args[0][args[1]]
  And,            // args[0] && args[1]
  Or,             // args[0] || args[1]
  Conditional,    // args[0] ? args[1] : args[2]
  List,           // [args...]
  Map,            // {args[0]: args[1], args[2]: args[3], ...}
  Comprehension,  // a macro over args[0] binding `name`; see Macro
};

enum class Macro : uint8_t {
  None,
  All,        // args[1]: predicate
  Exists,     // args[1]: predicate
  ExistsOne,  // args[1]: predicate
  Filter,     // args[1]: predicate
  Map,        // args[1]: transform
  MapFilter,  // args[1]: predicate, args[2]: transform (map with three arguments)
};

/// Where an identifier's value comes from, decided by the checker.
enum class RefKind : uint8_t {
  Unresolved,  // evaluates to an error (only when type checking is disabled)
  Global,      // slot in the Activation
  Local,       // slot of a comprehension variable
  Constant,    // a type denotation such as `int`, held in `value`
};

struct Expr {
  ExprKind kind = ExprKind::Literal;
  uint32_t offset = 0;   // byte offset of the node's token in the source
  uint16_t height = 1;   // 1 + the height of the tallest child (bounded by the parser)
  bool receiver = false;   // Call: x.f(y)
  bool test_only = false;  // Select: has(x.f)
  Macro macro = Macro::None;
  std::string name;        // Ident, Select field, Call function, Comprehension variable
  Value value;             // Literal; Select: the field name as a map key
  std::vector<std::unique_ptr<Expr>> args;

  // Annotations from the checker.
  TypePtr type;
  RefKind ref = RefKind::Unresolved;
  uint32_t slot = 0;                       // Ident (Global, Local), Comprehension variable
  std::vector<const Overload*> overloads;  // Call: the candidates, tried in order at run time
  std::string error;                       // Unresolved Ident / Call: the run-time error message
};

using ExprPtr = std::unique_ptr<Expr>;

/// The name of the operator functions, as CEL spells them.
namespace op {
inline constexpr const char* kAdd = "_+_";
inline constexpr const char* kSub = "_-_";
inline constexpr const char* kMul = "_*_";
inline constexpr const char* kDiv = "_/_";
inline constexpr const char* kMod = "_%_";
inline constexpr const char* kNeg = "-_";
inline constexpr const char* kNot = "!_";
inline constexpr const char* kEq = "_==_";
inline constexpr const char* kNe = "_!=_";
inline constexpr const char* kLt = "_<_";
inline constexpr const char* kLe = "_<=_";
inline constexpr const char* kGt = "_>_";
inline constexpr const char* kGe = "_>=_";
inline constexpr const char* kIn = "@in";
}  // namespace op

/// A function name as a rule author wrote it: "+" for "_+_", "in" for "@in".
inline std::string DisplayName(std::string_view function) {
  if (function == op::kIn) return "in";
  if (function.size() > 1 && (function.front() == '_' || function.back() == '_')) {
    std::string_view s = function;
    if (s.front() == '_') s.remove_prefix(1);
    if (s.back() == '_') s.remove_suffix(1);
    return std::string(s);
  }
  return std::string(function);
}

}  // namespace rurume::expr
