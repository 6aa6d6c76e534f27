// What a file is, from its first bytes, when it is not UTF-8 text: another
// encoding (UTF-16, UTF-32, Shift_JIS, EUC-JP) or another kind of file (an
// Excel workbook, a ZIP archive, a PDF, binary data). Such a file is named
// for what it is in one diagnostic and not read at all, rather than read
// half-way through a cascade of byte errors.
#pragma once

#include <optional>
#include <string_view>

namespace rurume {

struct Sniffed {
  enum class Kind : unsigned char { Encoding, File };
  Kind kind;
  std::string_view ja;       // "Shift_JIS (CP932)", "Excel ブック (.xlsx)"
  std::string_view en;       // "Shift_JIS (CP932)", "an Excel workbook (.xlsx)"
  std::string_view hint_ja;  // how to save it as UTF-8 YAML
  std::string_view hint_en;
};

/// What the file whose first bytes are `head` is, when not UTF-8 text (with
/// or without a byte-order mark); nullopt for UTF-8, or for text too short or
/// too mixed to tell (the UTF-8 check then reports its bytes). `whole` is
/// true when `head` is the whole file.
std::optional<Sniffed> Sniff(std::string_view head, bool whole);

}  // namespace rurume
