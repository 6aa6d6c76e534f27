// Type-checks a parsed expression against an Env and annotates the tree for
// the evaluator: variables become slots, comprehension variables local
// slots, calls a short list of candidate overloads, field names map keys.
//
// Gradual typing: `dyn` (and anything unknown after an error) is accepted
// where any type is expected, and the overload is then chosen at run time.
#pragma once

#include "expr/ast.h"
#include "expr/env.h"

#include <string_view>
#include <vector>

namespace rurume::expr {

struct CheckResult {
  TypePtr type;                       // the expression's type
  std::vector<CompileError> errors;   // empty when it checks
  uint32_t local_count = 0;           // comprehension variable slots used
  std::vector<OverloadPtr> overloads; // every overload the tree refers to
};

/// Checks `root` in place. With `check_types` false (cel-spec's
/// disable_check), nothing is an error: names that do not resolve and calls
/// without an overload evaluate to error values instead.
CheckResult Check(const Env& env, Expr& root, bool check_types = true);

/// The type a type denotation names: "int", "list", "google.protobuf.Timestamp",
/// "timestamp", "date", ... or null.
TypePtr FindTypeName(std::string_view name);

}  // namespace rurume::expr
