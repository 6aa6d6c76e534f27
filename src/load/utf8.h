// Checks that input text is UTF-8 without NUL bytes, before the YAML parser
// sees it.
#pragma once

#include "base/diagnostics.h"

#include <string>

namespace rurume {

/// Checks text chunk by chunk, keeping the line and column across chunks.
/// Reports every invalid UTF-8 sequence and NUL byte (the first 20 of a
/// file) with its line and column, and replaces each offending byte with '_'
/// (not a YAML indicator) so that parsing can go on and show the file's
/// other problems.
class TextChecker {
 public:
  TextChecker(const std::string& file, Diagnostics& diags) : file_(file), diags_(diags) {}
  /// Checks `p[0, n)` in place. Returns how many bytes are done: all of
  /// them, except a sequence cut off at the end of the chunk when `last` is
  /// false (the caller passes it again at the start of the next chunk).
  size_t Check(char* p, size_t n, bool last);
  bool clean() const { return clean_; }
  /// The line being checked (after the whole text: its last line).
  uint32_t line() const { return line_; }
  /// After the last chunk: says how many problems were not reported one by one.
  void Finish();

 private:
  const std::string& file_;
  Diagnostics& diags_;
  uint32_t line_ = 1;
  uint32_t column_ = 1;
  int reports_ = 0;
  uint32_t last_line_ = 0;
  bool clean_ = true;
};

/// Checks a whole text at once. Returns true when it was clean.
bool CheckText(std::string& text, const std::string& file, Diagnostics& diags);

}  // namespace rurume
