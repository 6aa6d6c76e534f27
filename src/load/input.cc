#include "load/input.h"

#include <algorithm>
#include <cstring>

namespace rurume {

InputStreambuf::InputStreambuf(std::istream& source, const std::string& file, Diagnostics& diags)
    : source_(source), checker_(file, diags) {
  buf_.resize(kKeep + kChunk + 8);
  setg(buf_.data(), buf_.data(), buf_.data());
}

InputStreambuf::int_type InputStreambuf::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  if (eof_) return traits_type::eof();
  // Keep the last kKeep bytes handed out (and the unchecked tail after them).
  const size_t handed = filled_ - pending_;
  const size_t keep = std::min(handed, kKeep);
  const size_t drop = handed - keep;
  // Carry the column across what leaves the window, so that a line longer
  // than the window still gets character columns.
  for (size_t i = 0; i < drop; ++i) {
    const unsigned char c = static_cast<unsigned char>(buf_[i]);
    if (c == '\n') buf_column_ = 1;
    else if ((c & 0xC0) != 0x80) ++buf_column_;
  }
  std::memmove(buf_.data(), buf_.data() + drop, keep + pending_);
  buf_offset_ += drop;
  size_t start = keep;        // first byte not yet handed out
  size_t end = keep + pending_;
  // Read the next chunk after what is kept.
  source_.read(buf_.data() + end, static_cast<std::streamsize>(kChunk));
  size_t got = static_cast<size_t>(source_.gcount());
  if (source_.bad()) read_error_ = true;
  sha_.Update(std::string_view(buf_.data() + end, got));
  size_ += got;
  end += got;
  const bool last = got < kChunk;
  if (first_ && end - start >= 3 && std::memcmp(buf_.data() + start, "\xEF\xBB\xBF", 3) == 0) {
    // A byte-order mark is accepted and ignored: drop it from the stream.
    std::memmove(buf_.data() + start, buf_.data() + start + 3, end - start - 3);
    end -= 3;
  }
  first_ = false;
  const size_t done = checker_.Check(buf_.data() + start, end - start, last);
  pending_ = end - start - done;
  filled_ = end;
  if (last) eof_ = true;
  if (done == 0) return traits_type::eof();
  setg(buf_.data(), buf_.data() + start, buf_.data() + start + done);
  return traits_type::to_int_type(*gptr());
}

uint32_t InputStreambuf::CharColumn(long pos, long byte_column) const {
  const uint32_t bytes = static_cast<uint32_t>(std::max(byte_column, 0L)) + 1;
  if (pos < 0 || byte_column < 0 || byte_column > pos) return bytes;
  const uint64_t line_start = static_cast<uint64_t>(pos - byte_column);
  const uint64_t at = static_cast<uint64_t>(pos);
  const uint64_t window_end = buf_offset_ + filled_;
  if (at < buf_offset_ || at > window_end) return bytes;
  uint64_t from = line_start;
  uint32_t column = 1;
  if (line_start < buf_offset_) from = buf_offset_, column = buf_column_;  // the line began before the window
  if (line_start == col_line_start_ && at >= col_pos_ && col_pos_ >= from) from = col_pos_, column = col_;
  for (uint64_t i = from; i < at; ++i)
    if ((static_cast<unsigned char>(buf_[i - buf_offset_]) & 0xC0) != 0x80) ++column;
  col_line_start_ = line_start, col_pos_ = at, col_ = column;
  return column;
}

std::string_view InputStreambuf::Peek(long pos, size_t n) const {
  if (pos < 0) return {};
  const uint64_t at = static_cast<uint64_t>(pos);
  if (at < buf_offset_ || at >= buf_offset_ + filled_) return {};
  const size_t i = static_cast<size_t>(at - buf_offset_);
  return std::string_view(buf_.data() + i, std::min(n, filled_ - i));
}

}  // namespace rurume
