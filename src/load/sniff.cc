#include "load/sniff.h"

#include <cstddef>
#include <cstdint>

namespace rurume {

namespace {

using Kind = Sniffed::Kind;

constexpr std::string_view kResaveJa =
    "メモ帳で開き「名前を付けて保存」で文字コードを「UTF-8」にして保存し直してください (Excel の「CSV UTF-8」ではなく、"
    "エクスポートした YAML ファイルそのものを UTF-8 で保存します)";
constexpr std::string_view kResaveEn =
    "open it in Notepad and save it again with \"Save As\", encoding \"UTF-8\" (not Excel's \"CSV UTF-8\": the YAML "
    "file itself is saved as UTF-8)";
constexpr std::string_view kExportJa = "MCS からエクスポートした YAML ファイル (*.yaml) を指定してください";
constexpr std::string_view kExportEn = "give the YAML files exported from MCS (*.yaml)";

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

/// Whether `s` is valid UTF-8 but for a sequence cut at its end (when not whole).
bool IsUtf8(std::string_view s, bool whole) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (len == 0) return false;
    if (i + len > n) return !whole;
    for (size_t k = 1; k < len; ++k)
      if ((p[i + k] & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

/// The multi-byte UTF-8 sequences of `s` and the bytes that begin none.
void Utf8Census(std::string_view s, size_t& valid, size_t& invalid) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  valid = invalid = 0;
  for (size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    bool ok = len > 0 && i + len <= n;
    for (size_t k = 1; ok && k < len; ++k) ok = (p[i + k] & 0xC0) == 0x80;
    if (ok) {
      ++valid;
      i += len;
    } else {
      ++invalid;
      ++i;
    }
  }
}

/// Counts the double-byte characters of `s` read as EUC-JP or Shift_JIS;
/// -1 when some byte is not valid in it (a pair cut at the end is allowed).
long Pairs(std::string_view s, bool sjis) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  long pairs = 0;
  for (size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    if (sjis && c >= 0xA1 && c <= 0xDF) {  // half-width katakana, one byte
      ++i;
      continue;
    }
    bool lead = sjis ? (c >= 0x81 && c <= 0x9F) || (c >= 0xE0 && c <= 0xFC) : (c >= 0xA1 && c <= 0xFE) || c == 0x8E;
    if (!lead) return -1;
    if (i + 1 >= n) break;
    const unsigned char t = p[i + 1];
    bool trail = sjis ? (t >= 0x40 && t <= 0x7E) || (t >= 0x80 && t <= 0xFC)
                      : c == 0x8E ? t >= 0xA1 && t <= 0xDF : t >= 0xA1 && t <= 0xFE;
    if (!trail) return -1;
    ++pairs;
    i += 2;
  }
  return pairs;
}

}  // namespace

std::optional<Sniffed> Sniff(std::string_view head, bool whole) {
  if (whole && head.empty())
    return Sniffed{Kind::File, "空のファイル (0 バイト)", "an empty file (0 bytes)",
                   "エクスポートし直してください (書き出しかコピーが途中で止まったのかもしれません)",
                   "export it again (writing or copying it may have stopped)"};
  // Byte-order marks (UTF-32's before UTF-16's: FF FE 00 00 begins both).
  if (StartsWith(head, std::string_view("\xFF\xFE\x00\x00", 4)))
    return Sniffed{Kind::Encoding, "UTF-32 (リトルエンディアン)", "UTF-32 (little-endian)", kResaveJa, kResaveEn};
  if (StartsWith(head, std::string_view("\x00\x00\xFE\xFF", 4)))
    return Sniffed{Kind::Encoding, "UTF-32 (ビッグエンディアン)", "UTF-32 (big-endian)", kResaveJa, kResaveEn};
  if (StartsWith(head, "\xFF\xFE"))
    return Sniffed{Kind::Encoding, "UTF-16 (リトルエンディアン)", "UTF-16 (little-endian)", kResaveJa, kResaveEn};
  if (StartsWith(head, "\xFE\xFF"))
    return Sniffed{Kind::Encoding, "UTF-16 (ビッグエンディアン)", "UTF-16 (big-endian)", kResaveJa, kResaveEn};
  // Other kinds of file, by their signatures.
  if (StartsWith(head, "PK\x03\x04")) {
    if (head.find("[Content_Types].xml") != std::string_view::npos && head.find("xl/") != std::string_view::npos)
      return Sniffed{Kind::File, "Excel ブック (.xlsx)", "an Excel workbook (.xlsx)", kExportJa, kExportEn};
    if (head.find("word/") != std::string_view::npos)
      return Sniffed{Kind::File, "Word 文書 (.docx)", "a Word document (.docx)", kExportJa, kExportEn};
    return Sniffed{Kind::File, "ZIP 圧縮ファイル", "a ZIP archive", "展開してから、中の YAML ファイルを指定してください",
                   "unpack it and give the YAML files inside"};
  }
  if (StartsWith(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
    return Sniffed{Kind::File, "古い形式の Excel/Word ファイル (.xls, .doc)", "an old Excel or Word file (.xls, .doc)",
                   kExportJa, kExportEn};
  if (StartsWith(head, "%PDF-")) return Sniffed{Kind::File, "PDF", "a PDF", kExportJa, kExportEn};
  if (StartsWith(head, "\x1F\x8B"))
    return Sniffed{Kind::File, "gzip 圧縮ファイル", "a gzip file", "展開してから指定してください", "unpack it first"};
  // UTF-16 and UTF-32 without a mark: ASCII text has a NUL beside each byte.
  const size_t n = head.size() - head.size() % 4;
  if (n >= 8) {
    size_t zero_at[4] = {0, 0, 0, 0};
    for (size_t i = 0; i < n; ++i)
      if (head[i] == '\0') ++zero_at[i % 4];
    const size_t quarter = n / 4;
    auto most = [&](size_t k) { return zero_at[k] * 10 >= quarter * 9; };
    auto few = [&](size_t k) { return zero_at[k] * 10 <= quarter; };
    if (few(0) && most(1) && most(2) && most(3))
      return Sniffed{Kind::Encoding, "UTF-32 (リトルエンディアン)", "UTF-32 (little-endian)", kResaveJa, kResaveEn};
    if (most(0) && most(1) && most(2) && few(3))
      return Sniffed{Kind::Encoding, "UTF-32 (ビッグエンディアン)", "UTF-32 (big-endian)", kResaveJa, kResaveEn};
    const size_t even = zero_at[0] + zero_at[2], odd = zero_at[1] + zero_at[3];
    if (odd * 10 >= n / 2 * 6 && even * 10 <= n / 2)
      return Sniffed{Kind::Encoding, "UTF-16 (リトルエンディアン)", "UTF-16 (little-endian)", kResaveJa, kResaveEn};
    if (even * 10 >= n / 2 * 6 && odd * 10 <= n / 2)
      return Sniffed{Kind::Encoding, "UTF-16 (ビッグエンディアン)", "UTF-16 (big-endian)", kResaveJa, kResaveEn};
  }
  // Binary data: many NUL or control bytes (text has tabs, newlines, CR).
  size_t control = 0;
  for (unsigned char c : head)
    if (c == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')) ++control;
  if (!head.empty() && control * 20 > head.size())
    return Sniffed{Kind::File, "バイナリファイル (テキストではありません)", "binary data (not text)", kExportJa, kExportEn};
  if (IsUtf8(head, whole)) return std::nullopt;
  // UTF-8 with a few bad bytes is UTF-8 (the UTF-8 check reports the bytes);
  // legacy text makes few valid UTF-8 sequences, and only by chance.
  size_t valid = 0, invalid = 0;
  Utf8Census(head, valid, invalid);
  if (valid * 4 >= invalid) return std::nullopt;
  // Japanese legacy encodings: every byte above 0x7F pairs up in exactly one
  // of them (typical Shift_JIS text is invalid EUC-JP: its leads 0x81-0x9F).
  const long euc = Pairs(head, false), sjis = Pairs(head, true);
  if (euc > 0)
    return Sniffed{Kind::Encoding, "EUC-JP", "EUC-JP", kResaveJa, kResaveEn};
  if (sjis > 0)
    return Sniffed{Kind::Encoding, "Shift_JIS (CP932, Windows の既定)", "Shift_JIS (CP932, the Windows default)", kResaveJa,
                   kResaveEn};
  return std::nullopt;
}

}  // namespace rurume
