#include "load/input.h"

#include "load/sniff.h"

#include <algorithm>
#include <cstring>

namespace rurume {

InputStreambuf::InputStreambuf(std::istream& source, const std::string& file, Diagnostics& diags)
    : source_(source), file_(file), diags_(diags), checker_(file, diags) {
  buf_.resize(kKeep + kHeld + kChunk + 8);
  setg(buf_.data(), buf_.data(), buf_.data());
}

InputStreambuf::int_type InputStreambuf::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  while (!eof_) {
    // Keep the last kKeep bytes handed out (and the unscanned and unchecked tail after them).
    const size_t handed = filled_ - held_ - pending_;
    const size_t keep = std::min(handed, kKeep);
    const size_t drop = handed - keep;
    std::memmove(buf_.data(), buf_.data() + drop, keep + held_ + pending_);
    buf_offset_ += drop;
    const size_t start = keep;  // first byte not yet handed out
    const size_t check_from = keep + held_;
    size_t end = check_from + pending_;
    // Read the next chunk after what is kept.
    source_.read(buf_.data() + end, static_cast<std::streamsize>(kChunk));
    size_t got = static_cast<size_t>(source_.gcount());
    if (source_.bad()) read_error_ = true;
    sha_.Update(std::string_view(buf_.data() + end, got));
    size_ += got;
    if (got > 0) last_byte_ = buf_[end + got - 1];
    end += got;
    const bool last = got < kChunk;
    if (first_ && Reject(std::string_view(buf_.data() + start, end - start), last)) return traits_type::eof();
    if (first_ && end - start >= 3 && std::memcmp(buf_.data() + start, "\xEF\xBB\xBF", 3) == 0) {
      // A byte-order mark is accepted and ignored: drop it from the stream.
      std::memmove(buf_.data() + start, buf_.data() + start + 3, end - start - 3);
      end -= 3;
    }
    first_ = false;
    const size_t checked_end = check_from + checker_.Check(buf_.data() + check_from, end - check_from, last);
    pending_ = end - checked_end;
    // The scanner may hand on fewer bytes than it took (a surrogate pair
    // became one escape): what it did not take follows what it wrote.
    size_t consumed = 0, produced = 0;
    scanner_.Feed(buf_.data() + start, checked_end - start, last && pending_ == 0, buf_offset_ + start, &consumed,
                  &produced);
    held_ = checked_end - start - consumed;
    if (produced < consumed)
      std::memmove(buf_.data() + start + produced, buf_.data() + start + consumed, held_ + pending_);
    NoteContinuations(buf_.data() + start, produced);  // after the checker's replacements
    filled_ = start + produced + held_ + pending_;
    if (last) eof_ = true;
    if (produced == 0) continue;
    setg(buf_.data(), buf_.data() + start, buf_.data() + start + produced);
    return traits_type::to_int_type(*gptr());
  }
  return traits_type::eof();
}

bool InputStreambuf::Reject(std::string_view head, bool whole) {
  const std::optional<Sniffed> sniffed = Sniff(head, whole);
  if (!sniffed) return false;
  const Code code = sniffed->kind == Sniffed::Kind::Encoding ? Code::Encoding : Code::NotYaml;
  diags_.AddLocalized(code, file_, 1, 1, {std::string(sniffed->ja), std::string(sniffed->hint_ja)},
                      {std::string(sniffed->en), std::string(sniffed->hint_en)});
  // Nothing of it reaches the parser; the rest is read for its size and digest.
  std::vector<char> chunk(kChunk);
  while (!whole && source_) {
    source_.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const size_t got = static_cast<size_t>(source_.gcount());
    if (source_.bad()) read_error_ = true;
    sha_.Update(std::string_view(chunk.data(), got));
    size_ += got;
    if (got < chunk.size()) break;
  }
  rejected_ = true;
  eof_ = true;
  first_ = false;
  filled_ = 0;
  setg(buf_.data(), buf_.data(), buf_.data());
  return true;
}

void InputStreambuf::NoteContinuations(const char* p, size_t n) {
  for (size_t i = 0; i < n; ++i, ++noted_) {
    if (noted_ % 512 == 0) block_counts_.push_back(continuations_);
    if (noted_ % 64 == 0) continuation_bits_.push_back(0);
    if ((static_cast<unsigned char>(p[i]) & 0xC0) == 0x80) {
      continuation_bits_.back() |= uint64_t{1} << (noted_ % 64);
      ++continuations_;
    }
  }
}

uint64_t InputStreambuf::ContinuationsBefore(uint64_t at) const {
  if (at >= noted_) return continuations_;
  auto ones = [](uint64_t w) { return static_cast<uint64_t>(__builtin_popcountll(w)); };
  uint64_t n = block_counts_[at / 512];
  for (uint64_t w = at / 512 * 8; w < at / 64; ++w) n += ones(continuation_bits_[w]);
  if (at % 64) n += ones(continuation_bits_[at / 64] & ((uint64_t{1} << (at % 64)) - 1));
  return n;
}

uint32_t InputStreambuf::CharColumn(long pos, long byte_column) const {
  const uint32_t bytes = static_cast<uint32_t>(std::max(byte_column, 0L)) + 1;
  if (pos < 0 || byte_column < 0 || byte_column > pos || static_cast<uint64_t>(pos) > noted_) return bytes;
  // Every byte that is not a continuation byte starts a character (invalid
  // bytes were replaced, each a character of its own).
  const uint64_t at = static_cast<uint64_t>(pos);
  const uint64_t line_start = at - static_cast<uint64_t>(byte_column);
  return bytes - static_cast<uint32_t>(ContinuationsBefore(at) - ContinuationsBefore(line_start)) +
         scanner_.RemovedBetween(line_start, at);
}

std::string_view InputStreambuf::Peek(long pos, size_t n) const {
  if (pos < 0) return {};
  const uint64_t at = static_cast<uint64_t>(pos);
  if (at < buf_offset_ || at >= buf_offset_ + filled_) return {};
  const size_t i = static_cast<size_t>(at - buf_offset_);
  return std::string_view(buf_.data() + i, std::min(n, filled_ - i));
}

}  // namespace rurume
