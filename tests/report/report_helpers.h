// Helpers shared by the report tests (tests/report/) and the nightly
// operations' tests (tests/ops/): scratch directories, files, the report
// tests' rule set.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <unistd.h>

namespace rurume::testing {

inline const std::string kReportTests = std::string(RURUME_TEST_DATA) + "/report";

/// A scratch directory, removed at the end.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    path = std::filesystem::temp_directory_path() /
           ("rurume-report-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  static int& counter() {
    static int n = 0;
    return n;
  }
};

inline void Write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

inline std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

/// The report tests' rule set (tests/report/rules/ and rules/clauses.yaml).
inline void CopyTestRules(const std::filesystem::path& dir) {
  std::filesystem::copy_file(std::filesystem::path(RURUME_SOURCE_DIR) / "rules" / "clauses.yaml", dir / "clauses.yaml");
  for (const auto& e : std::filesystem::directory_iterator(kReportTests + "/rules"))
    if (e.path().extension() == ".yaml") std::filesystem::copy_file(e.path(), dir / e.path().filename());
}

}  // namespace rurume::testing
