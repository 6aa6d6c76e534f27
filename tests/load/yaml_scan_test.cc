// The loader's lexical pass (load/yaml_scan.h) through the loader: issue 10's
// reproducers (tests/load/fixtures/issue10/, tests/ops/fixtures/) and the
// cases around them, with their diagnostics' positions and messages.
#include "load/loader.h"

#include "load_helpers.h"
#include "load/input.h"
#include "load/yaml_scan.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

using namespace rurume;
using rurume::testing::LoadOne;
using rurume::testing::Render;

namespace {

std::string Fixture(const std::string& rel) {
  std::ifstream in(std::string(RURUME_TEST_DATA) + "/" + rel, std::ios::binary);
  REQUIRE(in);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The English messages of the RA1001 diagnostics, "line:column message" each.
std::string Syntax(const testing::Loaded& r) {
  std::string out;
  for (const Diagnostic& d : r.diags.all())
    if (d.code == Code::YamlSyntax)
      out += (out.empty() ? "" : "\n") + fmt::format("{}:{} {}", d.line, d.column, d.Message(Lang::En));
  return out;
}

}  // namespace

TEST_CASE("unterminated quote: the rest of the file is not silently one string (RA1001 at the opening quote)") {
  // Issue 10: `"smartphone` never closed; yaml-cpp read the rest of the file as one string and dropped DV2, DV3.
  auto r = LoadOne(Fixture("ops/fixtures/unterminated-quote/export.yaml"));
  const Diagnostic* d = r->Find(Code::YamlSyntax);
  REQUIRE(d != nullptr);
  CHECK(d->line == 55);
  CHECK(d->column == 37);
  CHECK(d->Message(Lang::En) ==
        "YAML syntax error: the closing quote (\") is missing, so the rest of the file would be one string; end the "
        "value with \"");
  CHECK(d->Message(Lang::Ja) ==
        "YAML の構文エラーです: 閉じる引用符 (\") がありません。このままではファイルの残りがすべて 1 "
        "つの文字列になります。値の終わりに \" を書いてください");
  // Single quotes, in block style, the column in characters after Japanese text.
  auto single = LoadOne("format: rurume-export/1\nfacilities:\n  - id: F1\n    name: 'はな\n  - id: F2\n");
  CHECK(Syntax(*single) ==
        "4:11 YAML syntax error: the closing quote (') is missing, so the rest of the file would be one string; end "
        "the value with '");
  // Closed by a quote further down: the lines between are not indented as a string's.
  auto later = LoadOne("format: rurume-export/1\nfacilities:\n  - id: F1\n    name: \"はな\n  - id: F2\n    name: \"x\"\n");
  CHECK(Syntax(*later).find("4:11 YAML syntax error: the quoted value (\") goes on to line 5, which is not indented "
                            "enough: its closing quote may be missing; end the value with \"") == 0);
  // A multi-line quoted value indented as YAML wants is fine; so are quotes in plain and block scalars.
  auto fine = LoadOne(
      "format: rurume-export/1\nfacilities:\n  - id: F1\n    name: \"はな\n      みずき\"\n"
      "    approved_apps: [it's, a \"b]\n  - id: F2\n    name: |\n      He said \"hi\n      and 'left\n"
      "  - id: F3\n    name: it's \"x\n");
  CHECK(Syntax(*fine) == "");
  REQUIRE(fine->ex.facilities.size() == 3);
  CHECK(*fine->ex.facilities[0].name == "はな みずき");
  CHECK(*fine->ex.facilities[0].approved_apps == std::vector<std::string>{"it's", "a \"b"});
  CHECK(*fine->ex.facilities[1].name == "He said \"hi\nand 'left\n");
  CHECK(*fine->ex.facilities[2].name == "it's \"x");
}

TEST_CASE("surrogate pairs: JSON's \\ud842\\udfb7 is one character; a lone surrogate is RA1001 with a hint") {
  // Issue 10: Python's json.dumps writes 𠮷 as "\ud842\udfb7"; yaml-cpp said "invalid unicode: 55362".
  auto r = LoadOne(Fixture("load/fixtures/issue10/surrogate-pair.json"));
  CHECK(Syntax(*r) == "");
  REQUIRE(r->ex.users.size() == 1);
  CHECK(*r->ex.users[0].name == "𠮷田 太郎");
  REQUIRE(r->ex.facilities.size() == 1);
  CHECK(*r->ex.facilities[0].name == "𠮷野家クリニック");
  // Columns after a pair count the characters the file has (the pair is 12 of them).
  auto cols = LoadOne("format: rurume-export/1\nfacilities: [{name: \"\\ud842\\udfb7\", kind: clinik, id: F1}]\n");
  const Diagnostic* kind = cols->Find(Code::EnumValue);
  REQUIRE(kind != nullptr);
  CHECK(kind->column == 43);
  auto lone = LoadOne(Fixture("load/fixtures/issue10/lone-surrogate.json"));
  CHECK(Syntax(*lone) ==
        "1:68 YAML syntax error: \\uD842 is half a surrogate pair: \\uD800-\\uDBFF must be followed by "
        "\\uDC00-\\uDFFF (or write the character itself)");
  CHECK(lone->Find(Code::YamlSyntax)->Message(Lang::Ja).find("サロゲートペアの片方") != std::string::npos);
  auto low = LoadOne("format: rurume-export/1\nx-a: \"\\udfb7\\ud842\"\n");
  CHECK(Syntax(*low).find("2:7 YAML syntax error: \\uDFB7 is half a surrogate pair") == 0);
  CHECK(lone->Count(Code::YamlSyntax) == 1);  // not yaml-cpp's "invalid unicode: 55362" too
}

TEST_CASE("a blank line of only tabs and spaces is a blank line") {
  auto r = LoadOne(Fixture("load/fixtures/issue10/tab-blank-line.yaml"));
  CHECK(r->Diags() == "");
  REQUIRE(r->ex.facilities.size() == 2);
  CHECK(*r->ex.facilities[1].name == "二番");
  // Inside a block scalar such a line is content, kept as it is.
  auto block = LoadOne("format: rurume-export/1\nfacilities:\n  - id: F1\n    name: |\n      a\n      \t\n      b\n");
  CHECK(block->Diags() == "");
  CHECK(*block->ex.facilities[0].name == "a\n\t\nb\n");
  // A tab as indentation is still an error.
  auto indent = LoadOne("format: rurume-export/1\nfacilities:\n\t- id: F1\n");
  CHECK(indent->Count(Code::YamlSyntax) == 1);
}

TEST_CASE("? inside a plain scalar in a flow collection is part of the scalar") {
  // Issue 10: `[MCS, 電子薬歴?]` gave "unknown token".
  auto r = LoadOne(Fixture("load/fixtures/issue10/question-in-flow.yaml"));
  CHECK(r->Diags() == "");
  REQUIRE(r->ex.facilities.size() == 1);
  CHECK(*r->ex.facilities[0].approved_apps == std::vector<std::string>{"MCS", "電子薬歴?", "?ToDo", "what ? ever"});
  // An explicit key (`? ` then a space) is still one, and a quoted `?` untouched.
  auto key = LoadOne("format: rurume-export/1\nx-a: {? k: v, q: \"?\"}\n");
  CHECK(key->Diags() == "");
  REQUIRE(key->ex.ext.size() == 1);
  CHECK(key->ex.ext[0].second.members.size() == 2);
  CHECK(key->ex.ext[0].second.members[0].first == "k");
  CHECK(key->ex.ext[0].second.members[1].second.s == "?");
}

TEST_CASE("invalid input yaml-cpp accepts that can change a file's meaning is RA1001") {
  // Issue 10: `key: "value"# c`.
  auto r = LoadOne(Fixture("load/fixtures/issue10/comment-after-quote.yaml"));
  CHECK(Syntax(*r) ==
        "4:18 YAML syntax error: no space before #: put a space before # to start a comment, or quote the whole "
        "value if # is part of it");
  CHECK(r->Find(Code::YamlSyntax)->Message(Lang::Ja).find("# の前に空白がありません") != std::string::npos);
  CHECK(Syntax(*LoadOne("format: rurume-export/1\nx-a: [a, b]#c\n")).find("2:12 ") == 0);
  CHECK(Syntax(*LoadOne("format: rurume-export/1\nx-a: [a,#c\n  b]\n")).find("2:9 ") == 0);
  CHECK(Syntax(*LoadOne("format: rurume-export/1\nx-a: >#c\n  b\n")).find("2:7 ") == 0);
  // A # inside a plain scalar, or after a space, is fine.
  auto fine = LoadOne("format: rurume-export/1\nx-a: a#b\nx-b: \"v\" # c\nx-c: [a, b] # c\n");
  CHECK(fine->Diags() == "");
  // Escapes YAML does not have.
  CHECK(Syntax(*LoadOne("format: rurume-export/1\nx-a: \"it\\'s\"\n")) ==
        "2:9 YAML syntax error: \\' is not an escape of a double-quoted string; write a backslash as \\\\");
  // Empty entries and `-` entries in flow collections.
  CHECK(Syntax(*LoadOne("format: rurume-export/1\nx-a: [a, , b]\n")).find("2:10 YAML syntax error: an empty entry") == 0);
  CHECK(Syntax(*LoadOne("format: rurume-export/1\nx-a: [ , a]\n")).find("2:8 ") == 0);
  CHECK(Syntax(*LoadOne("format: rurume-export/1\nx-a: {a: 1, , b: 2}\n")).find("2:13 ") == 0);
  CHECK(Syntax(*LoadOne("format: rurume-export/1\nx-a: [-, -]\n")).find("2:7 YAML syntax error: a \"-\" entry") == 0);
  auto trailing = LoadOne("format: rurume-export/1\nx-a: [a, b, ]\nx-b: [-1, -a]\nx-c: []\n");
  CHECK(trailing->Diags() == "");
}

TEST_CASE("the scanner decides the same when the input comes a byte at a time") {
  // Feed's stops (a surrogate pair, a line's whitespace, a document marker
  // cut by a chunk's end) must not change what it hands on.
  const std::string text = "format: rurume-export/1\n---\nx: \"\\ud842\\udfb7\"\n\t \ny: [a?b]\n";
  auto hand_on = [&](size_t step) {
    YamlScanner s;
    std::string buf, out;
    uint64_t out_base = 0;
    for (size_t at = 0; at < text.size() || !buf.empty();) {
      const size_t take = std::min(step, text.size() - at);
      buf += text.substr(at, take);
      at += take;
      const bool last = at == text.size();
      size_t consumed = 0, produced = 0;
      s.Feed(buf.data(), buf.size(), last, out_base, &consumed, &produced);
      out += buf.substr(0, produced);
      out_base += produced;
      buf.erase(0, consumed);
      if (last && buf.empty()) break;
      if (last) FAIL("the scanner kept bytes at the end of input");
    }
    return out;
  };
  const std::string whole = hand_on(text.size());
  CHECK(whole == "format: rurume-export/1\n---\nx: \"\\U00020BB7\"\n  \ny: [a\x01" "b]\n");
  for (size_t step : {1, 2, 3, 5, 7}) CHECK(hand_on(step) == whole);
}
