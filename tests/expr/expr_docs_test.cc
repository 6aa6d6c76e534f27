// docs/expressions.md lists every function of the standard library.
#include "expr/env.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

namespace rurume::expr {
namespace {

TEST_CASE("expr docs: every standard function is documented") {
  std::ifstream in(std::string(RURUME_SOURCE_DIR) + "/docs/expressions.md");
  REQUIRE(in.good());
  std::stringstream text;
  text << in.rdbuf();
  const std::string docs = text.str();
  for (const std::string& name : Env().FunctionNames()) {
    if (name.find_first_of("_@!-") == 0) continue;  // operators have their own table
    CHECK_MESSAGE(docs.find("| `" + name + "` |") != std::string::npos, "undocumented function " << name);
  }
}

}  // namespace
}  // namespace rurume::expr
