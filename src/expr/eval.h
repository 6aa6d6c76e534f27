// Evaluates a checked syntax tree over an Activation, with CEL's error
// semantics (errors are values; && and || absorb them when the other side
// decides) and a cost limit that no expression can exceed.
#pragma once

#include "expr/ast.h"
#include "expr/env.h"

#include <cstdint>
#include <stdexcept>

namespace rurume::expr {

struct EvalOptions {
  /// Every node evaluated and every macro iteration costs 1; a call costs 1
  /// per kBytesPerCost bytes of the strings it is given (matches() and the
  /// like read them whole), and a string, list or map that an operation
  /// makes costs 1 per kBytesPerCost bytes of text or elements it holds
  /// (Footprint in value.h): the limit bounds time and memory alike.
  uint64_t cost_limit = 1000000;
  static constexpr uint64_t kBytesPerCost = 16;
};

/// Thrown when an evaluation exceeds EvalOptions::cost_limit. Unlike an
/// error value it cannot be absorbed by && or ||: the caller catches it and
/// reports the rule as too expensive.
class CostLimitExceeded : public std::runtime_error {
 public:
  explicit CostLimitExceeded(uint64_t limit);
  uint64_t limit() const { return limit_; }

 private:
  uint64_t limit_;
};

/// Evaluates `root` (annotated by Check) with `local_count` comprehension slots.
Value Evaluate(const Expr& root, const Activation& activation, uint32_t local_count, const EvalOptions& options);

}  // namespace rurume::expr
