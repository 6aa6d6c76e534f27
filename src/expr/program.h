// The entry point of the expression language: compile a source string
// against an Env into a Program, then evaluate it as often as needed.
//
//   Env env;                                          // standard library
//   uint32_t device = env.DeclareVariable("device", Type::ObjectOf(&device_type));
//   CompileResult r = Compile(env, "device.screen_lock && has(device.mdm)");
//   if (!r.ok()) ... r.errors[i].message, r.errors[i].offset ...
//   Activation act(env);
//   act.Set(device, Value::Object(&device_type, &record));
//   Value v = r.program->Eval(act);                   // may throw CostLimitExceeded
#pragma once

#include "expr/ast.h"
#include "expr/checker.h"
#include "expr/env.h"
#include "expr/eval.h"
#include "expr/parser.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rurume::expr {

struct CompileOptions {
  ParseOptions parse;
  /// False skips type errors (cel-spec's disable_check): unknown names and
  /// calls without an overload then evaluate to error values.
  bool check_types = true;
};

/// A compiled expression. Immutable: one Program may be evaluated by many
/// threads at once. Values it returns may borrow strings from it (string
/// literals), so keep it alive while using them.
struct CompileResult;

class Program {
 public:
  /// The static type of the expression's value (rules require bool; dyn
  /// when only the run time can tell).
  const TypePtr& result_type() const { return check_.type; }
  const std::string& source() const { return *source_; }
  /// The checked syntax tree (for lints that look at what an expression reads).
  const Expr& root() const { return *root_; }

  /// Evaluates over the activation's variable values. Errors (absent
  /// fields, division by zero, ...) come back as error values; exceeding
  /// the cost limit throws CostLimitExceeded.
  Value Eval(const Activation& activation, const EvalOptions& options = {}) const;

 private:
  friend CompileResult Compile(const Env&, std::string_view, const CompileOptions&);
  Program() = default;

  std::shared_ptr<const std::string> source_;
  ExprPtr root_;
  CheckResult check_;
};

struct CompileResult {
  std::unique_ptr<Program> program;   // null when there are errors
  std::vector<CompileError> errors;   // syntax errors, or every type error
  bool ok() const { return program != nullptr; }
};

/// Parses and type-checks `source`. The Program keeps what it uses of the
/// Env (the overloads), so the Env may change or go away afterwards;
/// Activations are built from the Env whose variables the Program names.
CompileResult Compile(const Env& env, std::string_view source, const CompileOptions& options = {});

}  // namespace rurume::expr
