// CheckText: UTF-8 validation and NUL bytes before the YAML parser, and what
// the loader makes of its findings.
#include "load/utf8.h"

#include "load_helpers.h"

#include <doctest/doctest.h>

#include <string>

using namespace rurume;
using rurume::testing::LoadOne;
using rurume::testing::Render;
using rurume::testing::Y;

namespace {

struct Checked {
  bool clean;
  std::string text;  // after the replacements
  std::string diags;
  Diagnostics all;
};

Checked Check(std::string text) {
  Checked c;
  c.clean = CheckText(text, "u.yaml", c.all);
  c.text = text;
  c.diags = Render(c.all);
  return c;
}

}  // namespace

TEST_CASE("utf8: clean text passes unchanged") {
  for (const char* s : {"", "a", "format: rurume-export/1\n", "るるめネット\n事業所: 医師会事務局\n",
                        "emoji 😀 and \xC2\xA9 and \xED\x9F\xBF (U+D7FF) and \xEE\x80\x80 (U+E000)",
                        "\xEF\xBF\xBF \xF4\x8F\xBF\xBF (U+10FFFF)", "tab\there\r\nCRLF\r\n"}) {
    CAPTURE(s);
    Checked c = Check(s);
    CHECK(c.clean);
    CHECK(c.text == s);
    CHECK(c.diags == "");
  }
}

TEST_CASE("utf8: a lone 0xFF is reported at its line and column and replaced") {
  Checked c = Check("ab\ncd\xFF" "ef\n");
  CHECK_FALSE(c.clean);
  CHECK(c.diags == "u.yaml:2:3:RA1002");
  REQUIRE(c.all.all().size() == 1);
  CHECK(c.all.all()[0].args == std::vector<std::string>{"FF"});
  CHECK(c.all.all()[0].level == Level::Error);
  CHECK(c.all.all()[0].Message(Lang::En) == "invalid UTF-8: byte 0xFF");
  CHECK(c.text == "ab\ncd_ef\n");  // same length: later positions stay right
  CHECK(c.all.errors() == 1);
}

TEST_CASE("utf8: columns count characters, not bytes") {
  // る (3 bytes) る め: the bad byte is the 4th character of line 1.
  CHECK(Check("るるめ\xFF").diags == "u.yaml:1:4:RA1002");
  CHECK(Check("x: 医師会\n  事務局: \xFE").diags == "u.yaml:2:8:RA1002");
  CHECK(Check("😀\xFF").diags == "u.yaml:1:2:RA1002");
}

TEST_CASE("utf8: a truncated sequence") {
  SUBCASE("cut by a newline") {
    // E3 81 is the start of a 3-byte character (ぁ..み) cut short. Every
    // offending byte is reported and replaced.
    Checked c = Check("name: \xE3\x81\nnext: ok\n");
    CHECK(c.diags == "u.yaml:1:7:RA1002 u.yaml:1:8:RA1002");
    CHECK(c.all.all()[0].args == std::vector<std::string>{"E3"});
    CHECK(c.text == "name: __\nnext: ok\n");
  }
  SUBCASE("cut by the end of the input") {
    Checked c = Check("ab\xF0\x9F\x98");
    CHECK(c.diags == "u.yaml:1:3:RA1002 u.yaml:1:4:RA1002 u.yaml:1:5:RA1002");
    CHECK(c.text == "ab___");
  }
  SUBCASE("a lead byte followed by ASCII") {
    CHECK(Check("\xC3" "A").diags == "u.yaml:1:1:RA1002");
    CHECK(Check("\xC3" "A").text == "_A");
  }
  SUBCASE("a lone continuation byte") { CHECK(Check("a\x80" "b").diags == "u.yaml:1:2:RA1002"); }
}

TEST_CASE("utf8: overlong encodings are invalid") {
  // "/" as C0 AF and as E0 80 AF; NUL as C0 80.
  CHECK(Check("\xC0\xAF").diags == "u.yaml:1:1:RA1002 u.yaml:1:2:RA1002");
  CHECK(Check("\xC1\xBF").diags == "u.yaml:1:1:RA1002 u.yaml:1:2:RA1002");
  CHECK(Check("\xE0\x80\xAF").diags == "u.yaml:1:1:RA1002 u.yaml:1:2:RA1002 u.yaml:1:3:RA1002");
  CHECK(Check("\xF0\x80\x80\xAF").diags ==
        "u.yaml:1:1:RA1002 u.yaml:1:2:RA1002 u.yaml:1:3:RA1002 u.yaml:1:4:RA1002");
  Checked nul = Check("\xC0\x80");
  CHECK_FALSE(nul.clean);
  CHECK(nul.all.all()[0].code == Code::InvalidUtf8);  // not a NUL byte
  CHECK(nul.all.all()[0].args == std::vector<std::string>{"C0"});
  // The shortest forms right at the boundaries are fine.
  CHECK(Check("\xC2\x80 \xE0\xA0\x80 \xF0\x90\x80\x80").clean);
}

TEST_CASE("utf8: surrogates and code points above U+10FFFF are invalid") {
  Checked hi = Check("x\xED\xA0\x80");  // U+D800
  CHECK(hi.diags == "u.yaml:1:2:RA1002 u.yaml:1:3:RA1002 u.yaml:1:4:RA1002");
  CHECK(hi.all.all()[0].args == std::vector<std::string>{"ED"});
  CHECK(Check("\xED\xBF\xBF").diags == "u.yaml:1:1:RA1002 u.yaml:1:2:RA1002 u.yaml:1:3:RA1002");  // U+DFFF
  CHECK(Check("\xF4\x90\x80\x80").all.all().size() == 4);                                         // U+110000
  CHECK(Check("\xF5\x80\x80\x80").all.all().size() == 4);
  CHECK(Check("\xF8\x88\x80\x80\x80").all.all().size() == 5);
}

TEST_CASE("utf8: NUL bytes") {
  Checked c = Check(std::string("id: F1\nname: a\0b\n", 17));
  CHECK_FALSE(c.clean);
  CHECK(c.diags == "u.yaml:2:8:RA1003");
  CHECK(c.all.all()[0].args.empty());
  CHECK(c.all.all()[0].Message(Lang::En) == "NUL byte (0x00) in input");
  CHECK(c.text == "id: F1\nname: a_b\n");
}

TEST_CASE("utf8: the eight-byte fast path keeps lines and columns right") {
  // Long ASCII runs, with the problem and the newlines at every offset of a word.
  for (size_t lead = 0; lead < 20; ++lead) {
    CAPTURE(lead);
    std::string s(lead, 'a');
    s += "\nbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n";
    s += std::string(lead, 'c');
    s += '\0';
    s += "dddddddddddddddddddddddd\xFF";
    Checked c = Check(s);
    CHECK(c.diags == fmt::format("u.yaml:3:{}:RA1003 u.yaml:3:{}:RA1002", lead + 1, lead + 26));
  }
}

TEST_CASE("utf8: at most 20 reports per input, but every byte is replaced") {
  std::string s;
  for (int i = 0; i < 25; ++i) s += "\xFF\n";
  Checked c = Check(s);
  CHECK_FALSE(c.clean);
  // Twenty one by one, then one that says how many more (and where the first of them is).
  REQUIRE(c.all.all().size() == 21);
  CHECK(c.all.all()[19].line == 20);
  CHECK(c.all.all().back().code == Code::MoreOfTheSame);
  CHECK(c.all.all().back().line == 21);
  CHECK(c.all.all().back().Message(Lang::Ja) ==
        "このファイルには同じ問題 (UTF-8 として不正なバイトか NUL バイト) がほかに 5 件あります (最初の 20 件だけを示しました)");
  CHECK(c.text.find('\xFF') == std::string::npos);
}

// ------------------------------------------------------------ through the loader

TEST_CASE("utf8: the loader reports bad bytes and reads on") {
  // A lone 0xFF as a whole value must not turn into a YAML indicator ("?"):
  // the rest of the file is still read.
  std::string body = std::string("format: rurume-export/1\nusers:\n  - id: U1\n    name: \xFF\n"
                                 "    email: a\xFF" "b@example.jp\n  - id: U2\n    organization: \xE3\x81\n"
                                 "  - id: U3\n    name: ok") + std::string(1, '\0') + "\n  - id: U4\n";
  auto l = LoadOne(body);
  CHECK(l->Diags() ==
        "t.yaml:4:11:RA1002 t.yaml:5:13:RA1002 t.yaml:7:19:RA1002 t.yaml:7:20:RA1002 t.yaml:9:13:RA1003");
  REQUIRE(l->ex.users.size() == 4);
  CHECK(l->ex.users[0].name == "_");
  CHECK(l->ex.users[0].email == "a_b@example.jp");
  CHECK(l->ex.users[1].organization == "__");
  CHECK(l->ex.users[2].name == "ok_");
  CHECK(l->ex.users[3].id == "U4");
}

TEST_CASE("utf8: a byte-order mark is not a column") {
  auto r = LoadOne("\xEF\xBB\xBF" "format: rurume-export/1\nfacilities: [{id: F1, name: \xFF}]\nx: \xFF\n");
  // 0xFF on line 2 and the unknown field on line 3 as usual; nothing about the BOM.
  CHECK(r->Diags() == "t.yaml:2:29:RA1002 t.yaml:3:4:RA1002 t.yaml:3:1:RA1050");
  auto first_line = LoadOne("\xEF\xBB\xBF" "format: \xFF\n");
  // Column 9 for both: the BOM does not count, for CheckText as for the parser.
  CHECK(first_line->Diags() == "t.yaml:1:9:RA1002 t.yaml:1:9:RA1011");
}

TEST_CASE("utf8: characters and bad bytes across the loader's 64 KiB chunks") {
  // Inputs are read and checked in chunks of 64 KiB: a character cut by a
  // chunk's end is whole, and positions after it stay right.
  std::string text;
  for (int i = 0; i < 30000; ++i) text += i % 2 ? "る" : "め";  // 90,000 bytes, one line
  for (const char* bom : {"", "\xEF\xBB\xBF"}) {
    for (size_t pad = 0; pad < 4; ++pad) {
      CAPTURE(pad);
      CAPTURE(std::string(bom).size());
      std::string body = std::string(bom) + "format: rurume-export/1\nx-text: " + std::string(pad, 'a') + text +
                         "\nusers: [{id: U1, type: bogus}]\n";
      auto r = LoadOne(body);
      CHECK(r->Diags() == "t.yaml:3:24:RA1021");
      REQUIRE(r->ex.ext.size() == 1);
      CHECK(r->ex.ext[0].second.s == std::string(pad, 'a') + text);
    }
  }
  // A bad byte at each offset around the first chunk's end.
  for (size_t at = 65530; at < 65542; ++at) {
    CAPTURE(at);
    std::string body = "format: rurume-export/1\nx-text: " + std::string(70000, 'a') + "\nusers: [{id: U1, type: bogus}]\n";
    body[at] = '\xFF';
    auto r = LoadOne(body);
    CHECK(r->Diags() == fmt::format("t.yaml:2:{}:RA1002 t.yaml:3:24:RA1021", at - 24 + 1));
  }
  // A truncated sequence right before the chunk's end, and one cut by the end of the input.
  std::string body = "format: rurume-export/1\nx-text: " + std::string(65536 - 32 - 2, 'a') + "\xE3\x81" + "b\n";
  auto cut = LoadOne(body);
  CHECK(cut->Diags() == fmt::format("t.yaml:2:{}:RA1002 t.yaml:2:{}:RA1002", 65536 - 24 - 2 + 1, 65536 - 24 - 1 + 1));
  auto end = LoadOne("format: rurume-export/1\nx-text: " + std::string(65536, 'a') + "\xE3\x81");
  CHECK(end->Diags() == fmt::format("t.yaml:2:{}:RA1002 t.yaml:2:{}:RA1002", 65536 + 9, 65536 + 10));
}
