// main() runs every command through RunGuarded: an exception that escapes a
// command is an internal error (exit 2) with a message in the run's
// language, never std::terminate (exit 134). Issue 10: boost's bad_year from
// formatting a timestamp, and bad_alloc from printing a huge value.
#include "cli/commands.h"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <doctest/doctest.h>

#include <new>
#include <sstream>
#include <stdexcept>

namespace rurume {
namespace {

std::string Run(const std::function<int()>& body, Lang lang, int* status) {
  std::ostringstream err;
  *status = RunGuarded(body, [lang] { return lang; }, err);
  return err.str();
}

TEST_CASE("cli: an exception escaping a command is an internal error, exit 2") {
  int status = -1;
  const auto bad_year = [] () -> int { throw boost::gregorian::bad_year(); };
  std::string err = Run(bad_year, Lang::Ja, &status);
  CHECK(status == kExitUntrusted);
  CHECK(err.find("rurume-audit: 内部エラー: プログラムの不具合です (") == 0);
  CHECK(err.find("Year is out of valid range") != std::string::npos);  // boost's what()
  CHECK(err.find("結果は信頼できません") != std::string::npos);
  err = Run(bad_year, Lang::En, &status);
  CHECK(status == kExitUntrusted);
  CHECK(err.find("rurume-audit: internal error: a defect of the program (") == 0);
  CHECK(err.find("cannot be trusted") != std::string::npos);

  const auto bad_alloc = [] () -> int { throw std::bad_alloc(); };
  err = Run(bad_alloc, Lang::Ja, &status);
  CHECK(status == kExitUntrusted);
  CHECK(err == "rurume-audit: 内部エラー: メモリが足りなくなりました (std::bad_alloc)。"
               "監査は完了していないため、結果は信頼できません\n");
  err = Run(bad_alloc, Lang::En, &status);
  CHECK(status == kExitUntrusted);
  CHECK(err.find("rurume-audit: internal error: out of memory (std::bad_alloc)") == 0);

  // Not even an std::exception; and a what() with a control character is escaped.
  err = Run([]() -> int { throw 42; }, Lang::En, &status);
  CHECK(status == kExitUntrusted);
  CHECK(err.find("internal error") != std::string::npos);
  err = Run([]() -> int { throw std::runtime_error("x\x1b[2Jy"); }, Lang::En, &status);
  CHECK(err.find("x\\u001b[2Jy") != std::string::npos);
  CHECK(err.find('\x1b') == std::string::npos);
}

TEST_CASE("cli: a command that returns is not touched by the guard") {
  int status = -1;
  CHECK(Run([] { return kExitFindings; }, Lang::Ja, &status).empty());
  CHECK(status == kExitFindings);
  CHECK(Run([] { return kExitOk; }, Lang::En, &status).empty());
  CHECK(status == kExitOk);
}

}  // namespace
}  // namespace rurume
