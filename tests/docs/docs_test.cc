// The documents that list the diagnostics (README, man page) list all of them.
#include "base/diagnostics.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace {

std::string Slurp(const std::string& relative) {
  std::ifstream in(std::string(RURUME_SOURCE_DIR) + "/" + relative);
  REQUIRE(in);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("every input diagnostic code is documented in the README and the man page") {
  const std::string readme = Slurp("README.md");
  const std::string man = Slurp("man/rurume-audit.1");
  for (const rurume::CodeInfo& info : rurume::AllCodes()) {
    const std::string id = rurume::CodeId(info.code);
    CAPTURE(id);
    CHECK(readme.find("| " + id + " |") != std::string::npos);
    CHECK(man.find(".B " + id + "\n") != std::string::npos);
  }
}

TEST_CASE("diagnostic codes are unique and have both messages") {
  const auto& codes = rurume::AllCodes();
  for (size_t i = 0; i < codes.size(); ++i) {
    CHECK(!codes[i].ja.empty());
    CHECK(!codes[i].en.empty());
    for (size_t j = i + 1; j < codes.size(); ++j) CHECK(codes[i].code != codes[j].code);
  }
}
