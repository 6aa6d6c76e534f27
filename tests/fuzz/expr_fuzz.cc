// libFuzzer target for the expression language: any bytes, as the source of
// one expression, go through the lexer, parser and checker (and, without the
// checker, as cel-spec's disable_check does) and, when they compile, are
// evaluated over a small export with every record type and printed. Errors
// are values or compile errors and the cost limit is the only exception;
// anything else (a crash, an uncaught exception, a leak, a hang) is a
// finding. Built with -DRURUME_FUZZ=ON (tests/fuzz/README.md).
#include "expr/program.h"
#include "load/loader.h"
#include "rules/ruleset.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

namespace {

struct World {
  std::optional<rurume::RuleSet> rules;
  std::shared_ptr<const rurume::expr::Env> env;
  rurume::Export ex;
};

const World& TheWorld() {
  static const World* world = [] {
    auto* w = new World;
    rurume::Diagnostics diags;
    w->rules = rurume::RuleSet::Load(RURUME_SOURCE_DIR "/rules", "", diags);
    w->ex = rurume::LoadExport({RURUME_SOURCE_DIR "/tests/schema/valid/all-entities.yaml"}, diags);
    if (!w->rules || diags.errors() > 0) {
      std::cerr << "expr_fuzz: cannot load the rule set or the export\n";
      std::abort();
    }
    w->env = w->rules->EvalEnv();
    return w;
  }();
  return *world;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const World& w = TheWorld();
  if (size == 0) return 0;
  // The first byte chooses checked or unchecked compilation; the rest is the source.
  rurume::expr::CompileOptions options;
  options.check_types = (data[0] & 1) == 0;
  std::string source(reinterpret_cast<const char*>(data) + 1, size - 1);
  rurume::expr::CompileResult compiled = rurume::expr::Compile(*w.env, source, options);
  if (!compiled.ok()) return 0;
  rurume::expr::Activation act =
      rurume::RuleSet::EvalActivation(*w.env, w.ex, boost::gregorian::date(2026, 11, 24));
  rurume::expr::EvalOptions eval;
  eval.cost_limit = 100000;
  try {
    rurume::expr::Value v = compiled.program->Eval(act, eval);
    std::string printed = v.DebugString();
    (void)printed;
  } catch (const rurume::expr::CostLimitExceeded&) {
  }
  return 0;
}
