#include "expr/program.h"

#include "expr/checker.h"

namespace rurume::expr {

Value Program::Eval(const Activation& activation, const EvalOptions& options) const {
  return Evaluate(*root_, activation, check_.local_count, options);
}

CompileResult Compile(const Env& env, std::string_view source, const CompileOptions& options) {
  CompileResult result;
  auto text = std::make_shared<const std::string>(source);
  ParseResult parsed = Parse(*text, options.parse);
  if (!parsed.errors.empty()) {
    result.errors = std::move(parsed.errors);
    return result;
  }
  CheckResult checked = Check(env, *parsed.expr, options.check_types);
  if (!checked.errors.empty()) {
    result.errors = std::move(checked.errors);
    return result;
  }
  result.program.reset(new Program());
  result.program->source_ = std::move(text);
  result.program->root_ = std::move(parsed.expr);
  result.program->check_ = std::move(checked);
  return result;
}

}  // namespace rurume::expr
