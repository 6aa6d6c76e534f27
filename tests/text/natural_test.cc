#include "text/natural.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using rurume::NaturalLess;

TEST_CASE("natural order: numbers by value, the rest by bytes") {
  CHECK(NaturalLess("A3", "A10"));
  CHECK_FALSE(NaturalLess("A10", "A3"));
  CHECK(NaturalLess("N1.2", "N1.10"));
  CHECK(NaturalLess("N1.10-remote-control", "N1.11-public-wifi"));
  CHECK(NaturalLess("A6.8-problem-report-late", "A7.1-admin-management-pledge"));
  CHECK(NaturalLess("N1.1-device-in-ledger", "N1.1-facility-ledger"));
  CHECK_FALSE(NaturalLess("A3", "A3"));
  CHECK(NaturalLess("A3", "A03") != NaturalLess("A03", "A3"));  // total: one of them comes first
  std::vector<std::string> ids{"N1.10", "A10", "N1.2", "A3", "A12", "N1.1", "A6.4", "N2.1"};
  std::sort(ids.begin(), ids.end(), [](const std::string& a, const std::string& b) { return NaturalLess(a, b); });
  CHECK(ids == std::vector<std::string>{"A3", "A6.4", "A10", "A12", "N1.1", "N1.2", "N1.10", "N2.1"});
}
