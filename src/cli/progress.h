// Progress of a long run on standard error ("loading 3/10 files", "rule
// 12/47"), for a person at a terminal: nothing until the run has taken a
// while, at most ten updates a second, one line rewritten in place and
// cleared when the run is done or something else is written.
#pragma once

#include "base/diagnostics.h"

#include <chrono>
#include <ostream>
#include <string>
#include <string_view>

namespace rurume {

class Progress {
 public:
  /// What is being counted.
  enum Step { Loading, Rules, Writing };

  /// `on`: standard error is a terminal and --quiet was not given. Shows
  /// nothing before `after` has passed.
  Progress(bool on, std::ostream& err, Lang lang, std::chrono::milliseconds after);
  ~Progress() { Clear(); }
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// At `done` of `total` (counting from 1).
  void Update(Step step, size_t done, size_t total);
  /// Removes the line, if one is shown; call before writing anything else.
  void Clear();
  /// The line for a step: "loading 3/10 files", "読み込み中 3/10 ファイル".
  static std::string Text(Step step, size_t done, size_t total, Lang lang);

 private:
  using Clock = std::chrono::steady_clock;
  bool on_;
  std::ostream& err_;
  Lang lang_;
  Clock::time_point start_;
  Clock::time_point last_{};
  std::chrono::milliseconds after_;
  bool shown_ = false;
};

}  // namespace rurume
