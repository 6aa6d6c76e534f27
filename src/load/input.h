// The bytes of one input file as the YAML parser reads them: in chunks, so
// that a large export is never held in memory whole, checked for UTF-8 and
// NUL on the way (utf8.h), scanned for what yaml-cpp gets wrong
// (yaml_scan.h), digested (SHA-256), with one bit per byte kept to turn the
// parser's byte columns into character columns.
#pragma once

#include "load/digest.h"
#include "load/utf8.h"
#include "load/yaml_scan.h"

#include <istream>
#include <streambuf>
#include <string>
#include <vector>

namespace rurume {

class InputStreambuf : public std::streambuf {
 public:
  /// Reads `source` (which must outlive this); diagnostics name `file`.
  InputStreambuf(std::istream& source, const std::string& file, Diagnostics& diags);

  /// The 1-based column, in characters, of the byte at stream offset `pos`
  /// that the parser reports at 0-based byte column `byte_column`. Exact for
  /// any byte read so far, however far behind the parser's position (yaml-cpp
  /// scans a whole flow collection before its first event; aliases replay
  /// old marks).
  uint32_t CharColumn(long pos, long byte_column) const;

  /// Up to `n` bytes from stream offset `pos`, as far as the window holds them.
  std::string_view Peek(long pos, size_t n) const;

  /// Bytes read so far.
  uint64_t bytes_read() const { return size_; }

  /// After the whole input was read: its size and SHA-256 (of the bytes as
  /// they were, before any replacement).
  uint64_t size() const { return size_; }
  std::string FinishDigest() { return sha_.FinalHex(); }
  bool read_error() const { return read_error_; }
  /// Whether the file was not read at all: its first bytes showed another
  /// encoding or another kind of file (sniff.h), reported as one diagnostic.
  bool rejected() const { return rejected_; }
  /// Whether the input is not empty and its last byte is not a newline (a
  /// file cut short, as often as not), and its line count.
  bool ends_without_newline() const { return size_ > 0 && last_byte_ != '\n'; }
  uint32_t lines() const { return checker_.line(); }
  /// After the whole input was read: the UTF-8 check's closing report.
  void FinishText() { checker_.Finish(); }
  /// The lexical pass the parser's bytes went through (yaml_scan.h).
  const YamlScanner& scanner() const { return scanner_; }

 protected:
  int_type underflow() override;

 private:
  /// On the first chunk: whether it is another encoding or kind of file.
  bool Reject(std::string_view head, bool whole);
  /// Notes which of the next `n` bytes handed out are UTF-8 continuation bytes.
  void NoteContinuations(const char* p, size_t n);
  /// The continuation bytes before stream offset `at` (at most `noted_`).
  uint64_t ContinuationsBefore(uint64_t at) const;

  static constexpr size_t kChunk = 1 << 16;
  static constexpr size_t kKeep = 1 << 16;  // the window kept before the chunk
  static constexpr size_t kHeld = 2048;     // at most what the scanner holds back to decide

  std::istream& source_;
  const std::string& file_;
  Diagnostics& diags_;
  TextChecker checker_;
  YamlScanner scanner_;
  Sha256 sha_;
  std::vector<char> buf_;
  uint64_t buf_offset_ = 0;  // stream offset of buf_[0]
  size_t held_ = 0;          // bytes checked but not yet scanned, before the pending ones
  size_t pending_ = 0;       // bytes at the end of buf_ not yet checked (a cut sequence)
  size_t filled_ = 0;        // bytes of buf_ in use
  uint64_t size_ = 0;
  bool first_ = true;
  bool eof_ = false;
  bool read_error_ = false;
  bool rejected_ = false;
  char last_byte_ = '\n';
  // For CharColumn: bit i of continuation_bits_ is set when byte i of the
  // stream is a UTF-8 continuation byte (1/8 of the input's size), and
  // block_counts_[k] counts those before byte 512 k.
  std::vector<uint64_t> continuation_bits_;
  std::vector<uint64_t> block_counts_;
  uint64_t noted_ = 0;          // bytes noted
  uint64_t continuations_ = 0;  // continuation bytes among them
};

}  // namespace rurume
