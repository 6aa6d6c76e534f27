// The compile-time environment of expressions: the variables a rule can
// name and the functions it can call, with the standard library preloaded.
// Callers add their own variables and functions (the date arithmetic and
// business-day functions, for instance) through the same calls.
#pragma once

#include "expr/types.h"
#include "expr/value.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace rurume::expr {

/// A function's implementation: the arguments (the receiver first for
/// methods) in, a value or an error value out. It never throws.
using FunctionImpl = std::function<Value(const Value* args, size_t n)>;

/// One signature of a function.
struct Overload {
  std::string id;                // unique among the function's overloads: "size_string"
  bool receiver = false;         // called as x.f(y) rather than f(x, y)
  std::vector<TypePtr> params;   // the receiver first; Type::Param("A") for type parameters
  TypePtr result;                // may mention the parameters: list(A)
  FunctionImpl impl;
  /// Strict overloads are not called when an argument is an error: the
  /// call's value is that error (with the `missing` of all error arguments).
  bool strict = true;

  /// Filled by Env: per parameter, the runtime Kinds it accepts (bit k for
  /// Kind k), so that dispatch needs no type comparison.
  std::vector<uint32_t> kind_masks;
  std::string function;          // the function's name, for messages
};

using OverloadPtr = std::shared_ptr<const Overload>;

struct VariableDecl {
  std::string name;   // may be qualified: "a.b.c"
  TypePtr type;
  uint32_t slot = 0;  // index in an Activation
};

class Env {
 public:
  /// An environment with the standard library and no variables.
  Env();
  /// An environment with nothing at all, not even operators.
  static Env Bare();

  /// Declares (or redeclares, keeping the slot) a variable; returns its slot.
  uint32_t DeclareVariable(std::string name, TypePtr type);
  const VariableDecl* FindVariable(std::string_view name) const;
  const std::vector<VariableDecl>& variables() const { return variables_; }

  /// Adds an overload to function `name`. An overload whose id the function
  /// already has replaces it.
  void AddOverload(std::string name, Overload overload);
  /// f(params...) -> result.
  void AddFunction(std::string name, std::string id, std::vector<TypePtr> params, TypePtr result,
                   FunctionImpl impl);
  /// params[0].f(params[1]...) -> result.
  void AddMethod(std::string name, std::string id, std::vector<TypePtr> params, TypePtr result,
                 FunctionImpl impl);
  /// Every overload of `name`, global and receiver-style, or null.
  const std::vector<OverloadPtr>* FindFunction(std::string_view name) const;
  /// The names of all functions, operators included ("_+_"), sorted.
  std::vector<std::string> FunctionNames() const;

 private:
  struct Bare_ {};
  explicit Env(Bare_) {}

  std::vector<VariableDecl> variables_;
  std::map<std::string, uint32_t, std::less<>> variable_index_;
  std::map<std::string, std::vector<OverloadPtr>, std::less<>> functions_;
};

/// The values of an Env's variables for one evaluation. Unset variables
/// hold an error naming them. Bind by slot in loops (no string lookup).
class Activation {
 public:
  explicit Activation(const Env& env);
  void Set(uint32_t slot, Value value) { values_[slot] = std::move(value); }
  /// False when the Env declares no such variable.
  bool Set(std::string_view name, Value value);
  const Value& Get(uint32_t slot) const { return values_[slot]; }
  size_t size() const { return values_.size(); }

 private:
  const Env* env_;
  std::vector<Value> values_;
};

/// Registers every standard function family (functions/*.cc).
void RegisterStandardLibrary(Env& env);

}  // namespace rurume::expr
