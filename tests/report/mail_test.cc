// The nightly mail's encoding (report/mail.h): RFC 2047 subjects folded
// within 78 columns without cutting a character, plain addresses, and a
// message's structure. The whole delivery is tests/ops/mail_test.py.
#include "report/mail.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace rurume;

namespace {

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  size_t at = 0;
  for (size_t crlf; (crlf = s.find("\r\n", at)) != std::string::npos; at = crlf + 2) out.push_back(s.substr(at, crlf - at));
  out.push_back(s.substr(at));
  return out;
}

std::string Unbase64(const std::string& b) {
  const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : b) {
    if (c == '=') break;
    acc = (acc << 6) | static_cast<uint32_t>(alphabet.find(c));
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return out;
}

bool WholeUtf8(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

}  // namespace

TEST_CASE("mail: a Japanese subject as RFC 2047 words of whole characters, within 78 columns") {
  const std::string subject =
      "[るるめネット] 2026-11-24 新規エラー 8件・新規警告 2件・期限切れ 2件・確認記録の期限切れ 2件・医療法人社団くるめ野会";
  const std::string encoded = EncodeHeader(subject, 9);
  std::string decoded;
  const std::vector<std::string> lines = Lines(encoded);
  CHECK(lines.size() > 2);
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    CHECK((i == 0 ? 9 : 0) + line.size() <= 78);
    const std::string word = i == 0 ? line : line.substr(1);
    CHECK((i == 0 || line[0] == ' '));
    REQUIRE(word.rfind("=?UTF-8?B?", 0) == 0);
    REQUIRE(word.size() <= 75);
    REQUIRE(word.compare(word.size() - 2, 2, "?=") == 0);
    const std::string part = Unbase64(word.substr(10, word.size() - 12));
    CHECK(WholeUtf8(part));  // no character cut between two words
    decoded += part;
  }
  CHECK(decoded == subject);
  CHECK(EncodeHeader("plain ASCII", 9) == "plain ASCII");
  CHECK(EncodeHeader("line\nbreak", 9).rfind("=?UTF-8?B?", 0) == 0);  // never a raw newline in a header
}

TEST_CASE("mail: addresses are plain addr-specs") {
  CHECK(IsMailAddress("jimukyoku@example.jp"));
  CHECK(IsMailAddress("a.b+c@sub.example.jp"));
  CHECK(!IsMailAddress("事務局 <jimukyoku@example.jp>"));
  CHECK(!IsMailAddress("jimukyoku@example.jp\nBcc: x@y.jp"));
  CHECK(!IsMailAddress("a@b@c.jp"));
  CHECK(!IsMailAddress("@example.jp"));
  CHECK(!IsMailAddress("a@.example.jp"));
  CHECK(!IsMailAddress("a,b@example.jp"));
}

TEST_CASE("mail: a message with an attachment: headers, CRLF, base64 parts, RFC 2231 name") {
  Mail m;
  m.from = "rurume-audit@example.jp";
  m.to = {"a@example.jp", "b@example.jp"};
  m.subject = "[るるめネット] 2026-11-24 指摘の変化なし";
  m.text = "一行目\n二行目\n";
  m.attachments.push_back({"るるめネット_監査_2026-11-24_F001.html", "text/html; charset=UTF-8", "<!DOCTYPE html>\n<p>x</p>\n"});
  const std::string raw = RenderMail(m, MailDate(0), "<id@example.jp>");
  CHECK(MailDate(0) == "Thu, 01 Jan 1970 09:00:00 +0900");
  for (const std::string& line : Lines(raw)) {
    CHECK(line.size() <= 78);
    CHECK(line.find('\n') == std::string::npos);
    for (char c : line) CHECK(static_cast<unsigned char>(c) < 0x80);
  }
  CHECK(raw.find("To: a@example.jp,\r\n b@example.jp\r\n") != std::string::npos);
  CHECK(raw.find("Auto-Submitted: auto-generated\r\n") != std::string::npos);
  CHECK(raw.find("Message-ID: <id@example.jp>\r\n") != std::string::npos);
  CHECK(raw.find("Content-Type: multipart/mixed;\r\n boundary=\"=_rurume_") != std::string::npos);
  CHECK(raw.find(" filename*0*=UTF-8''%E3%82%8B") != std::string::npos);
  // The body's base64 decodes to the text with CRLF line ends.
  const size_t body = raw.find("Content-Transfer-Encoding: base64\r\n\r\n") + 37;
  CHECK(Unbase64(raw.substr(body, raw.find("\r\n", body) - body)) == "一行目\r\n二行目\r\n");
}
