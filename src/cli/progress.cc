#include "cli/progress.h"

#include <fmt/format.h>

namespace rurume {

Progress::Progress(bool on, std::ostream& err, Lang lang, std::chrono::milliseconds after)
    : on_(on), err_(err), lang_(lang), start_(Clock::now()), after_(after) {}

void Progress::Update(Step step, size_t done, size_t total) {
  if (!on_) return;
  const Clock::time_point now = Clock::now();
  if (now - start_ < after_) return;
  if (shown_ && done < total && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  shown_ = true;
  err_ << "\r" << Text(step, done, total, lang_) << "\x1b[K" << std::flush;
}

void Progress::Clear() {
  if (!shown_) return;
  shown_ = false;
  err_ << "\r\x1b[K" << std::flush;
}

std::string Progress::Text(Step step, size_t done, size_t total, Lang lang) {
  const bool ja = lang == Lang::Ja;
  switch (step) {
    case Loading: return fmt::format(ja ? "読み込み中 {}/{} ファイル" : "loading {}/{} files", done, total);
    case Rules: return fmt::format(ja ? "ルール {}/{}" : "rule {}/{}", done, total);
    case Writing: return fmt::format(ja ? "書き出し中 {}/{} レポート" : "writing {}/{} reports", done, total);
  }
  return {};
}

}  // namespace rurume
