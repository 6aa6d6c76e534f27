// Shorthands for the function families.
#pragma once

#include "expr/ast.h"
#include "expr/env.h"
#include "expr/value_ops.h"

namespace rurume::expr::fn {

/// Type parameters for signatures such as size(list(A)) -> int.
inline TypePtr A() { return Type::Param("A"); }
inline TypePtr B() { return Type::Param("B"); }

inline Value Overflow() { return Value::Error("integer overflow"); }

/// Registers <, <=, >, >= for operands of types `a` and `b`, all through
/// Compare (value_ops.h). `suffix` names the overloads: "lt_int64_uint64".
void AddOrdering(Env& env, const TypePtr& a, const TypePtr& b, const std::string& suffix);

}  // namespace rurume::expr::fn
