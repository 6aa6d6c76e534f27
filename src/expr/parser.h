// Parses CEL source into a syntax tree, expanding the macros (has, all,
// exists, exists_one, filter, map). Nesting and length are bounded so that
// no input can exhaust the stack of the parser, the checker or the evaluator.
#pragma once

#include "expr/ast.h"

#include <string>
#include <string_view>

namespace rurume::expr {

struct ParseOptions {
  /// Longest accepted source, in bytes.
  size_t max_length = 100000;
  /// Deepest nesting of parentheses, brackets, calls and unary operators.
  int max_nesting = 200;
  /// Tallest syntax tree (long chains of + or == build tall trees; && and
  /// || chains are balanced and stay short).
  int max_height = 400;
};

struct ParseResult {
  ExprPtr expr;                     // null when there is an error
  std::vector<CompileError> errors;  // at most one: parsing stops at the first
};

ParseResult Parse(std::string_view source, const ParseOptions& options = {});

}  // namespace rurume::expr
