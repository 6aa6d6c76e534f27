#include "expr/lexer.h"
#include "expr/parser.h"

#include <doctest/doctest.h>

namespace rurume::expr {
namespace {

ExprPtr ParseOk(std::string_view source) {
  ParseResult r = Parse(source);
  INFO(source);
  REQUIRE_MESSAGE(r.errors.empty(), (r.errors.empty() ? "" : r.errors[0].message));
  return std::move(r.expr);
}

CompileError ParseFails(std::string_view source, const ParseOptions& options = {}) {
  ParseResult r = Parse(source, options);
  INFO(source);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.expr == nullptr);
  return r.errors[0];
}

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST_CASE("expr parser: literals") {
  CHECK(ParseOk("42")->value.int_value() == 42);
  CHECK(ParseOk("0x1F")->value.int_value() == 31);
  CHECK(ParseOk("7u")->value.uint_value() == 7);
  CHECK(ParseOk("18446744073709551615u")->value.uint_value() == UINT64_MAX);
  CHECK(ParseOk("-9223372036854775808")->value.int_value() == INT64_MIN);
  CHECK(ParseOk("2.5e3")->value.double_value() == 2500.0);
  CHECK(ParseOk(".5")->value.double_value() == 0.5);
  CHECK(ParseOk("'a\\tb\\u00e9\\x41\\101'")->value.string_value() == "a\tb\xC3\xA9" "AA");
  CHECK(ParseOk("r'a\\tb'")->value.string_value() == "a\\tb");
  CHECK(ParseOk("'''two\nlines'''")->value.string_value() == "two\nlines");
  CHECK(ParseOk("\"\"\"say \"hi\" \"\"\"")->value.string_value() == "say \"hi\" ");
  const ExprPtr bytes = ParseOk("b'\\xff\\000'");
  CHECK(bytes->value.is(Kind::Bytes));
  CHECK(bytes->value.string_value() == std::string("\xff\0", 2));
  CHECK(ParseOk("null")->value.is(Kind::Null));
  CHECK(ParseOk("true")->value.bool_value());
}

TEST_CASE("expr parser: structure and offsets") {
  ExprPtr e = ParseOk("a.b + f(x)[0]");
  REQUIRE(e->kind == ExprKind::Call);
  CHECK(e->name == "_+_");
  CHECK(e->offset == 4);
  CHECK(e->args[0]->kind == ExprKind::Select);
  CHECK(e->args[0]->offset == 2);  // the field name
  CHECK(e->args[1]->kind == ExprKind::Index);
  CHECK(e->args[1]->args[0]->offset == 6);

  e = ParseOk("x.all(y, y > 0)");
  CHECK(e->kind == ExprKind::Comprehension);
  CHECK(e->macro == Macro::All);
  CHECK(e->name == "y");

  e = ParseOk("has(a.b)");
  CHECK(e->kind == ExprKind::Select);
  CHECK(e->test_only);

  e = ParseOk("l.map(x, x > 1, x * 2)");
  CHECK(e->macro == Macro::MapFilter);
  CHECK(e->args.size() == 3);

  e = ParseOk("'s'.startsWith('x')");
  CHECK(e->kind == ExprKind::Call);
  CHECK(e->receiver);

  e = ParseOk("a ? b : c ? d : e");  // right associative
  CHECK(e->kind == ExprKind::Conditional);
  CHECK(e->args[2]->kind == ExprKind::Conditional);

  e = ParseOk("{'a': 1, 'b': 2,}");
  CHECK(e->kind == ExprKind::Map);
  CHECK(e->args.size() == 4);

  CHECK(ParseOk("m.`content-type`")->name == "content-type");
  CHECK(ParseOk("x in [1, 2]")->name == "@in");
  CHECK(ParseOk("1 - -1")->args[1]->value.int_value() == -1);
}

TEST_CASE("expr parser: syntax errors carry an offset") {
  CompileError e = ParseFails("1 +");
  CHECK(e.offset == 3);
  CHECK(e.message.find("end of expression") != std::string::npos);

  e = ParseFails("a && (b || c");
  CHECK(e.offset == 12);
  CHECK(e.message.find("')'") != std::string::npos);

  e = ParseFails("x + 'abc");
  CHECK(e.offset == 4);
  CHECK(e.message.find("unterminated") != std::string::npos);

  e = ParseFails("1 + #");
  CHECK(e.offset == 4);

  e = ParseFails("has(x)");
  CHECK(e.offset == 4);
  CHECK(e.message.find("has()") != std::string::npos);

  e = ParseFails("[1].all(1, true)");
  CHECK(e.offset == 8);
  CHECK(e.message.find("variable name") != std::string::npos);

  e = ParseFails("if");
  CHECK(e.message.find("reserved") != std::string::npos);
  e = ParseFails("x + as");
  CHECK(e.offset == 4);
  CHECK(e.message == "reserved word 'as' cannot be used here");
  CHECK(ParseFails("{as: 1}").message == "reserved word 'as' cannot be used here");  // a map key is an expression
  CHECK(ParseFails("while(x)").message == "reserved word 'while' cannot be used here");  // not a global function
  CHECK(ParseFails(".as").message.find("expected an expression") != std::string::npos);
  CHECK(ParseFails("x.true").message.find("field or method name") != std::string::npos);  // keywords are not selectors
  CHECK(ParseFails("x.in").message.find("field or method name") != std::string::npos);

  e = ParseFails("9223372036854775808");
  CHECK(e.message.find("out of range") != std::string::npos);

  e = ParseFails("'\\q'");
  CHECK(e.offset == 1);

  CHECK(ParseFails("Msg{a: 1}").message.find("not supported") != std::string::npos);
  CHECK(ParseFails("`a`").offset == 0);
  CHECK(ParseFails("'\\ud800'").message.find("code point") != std::string::npos);
}

TEST_CASE("expr parser: reserved words are field selectors and receiver-call names, as CEL's grammar allows") {
  for (const char* word : {"as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop",
                           "package", "namespace", "return", "var", "void", "while"}) {
    ExprPtr e = ParseOk(std::string("{'") + word + "': 1}." + word);
    CHECK(e->kind == ExprKind::Select);
    CHECK(e->name == word);
    e = ParseOk(std::string("a.") + word + "()");
    CHECK(e->kind == ExprKind::Call);
    CHECK(e->receiver);
    CHECK(e->name == word);
    e = ParseOk(std::string("has(a.") + word + ")");
  }
}

TEST_CASE("expr parser: nesting and length are bounded") {
  // 250 levels of any construct is a syntax error, never a stack overflow.
  CHECK(ParseFails(Repeat("(", 250) + "1" + Repeat(")", 250)).message.find("nests more than") != std::string::npos);
  CHECK(ParseFails(Repeat("[", 250) + Repeat("]", 250)).message.find("nests") != std::string::npos);
  CHECK(ParseFails(Repeat("!", 250) + "true").message.find("nests") != std::string::npos);
  CHECK(ParseFails(Repeat("-", 250) + "x").message.find("nests") != std::string::npos);
  CHECK(ParseFails(Repeat("f(", 250) + Repeat(")", 250)).message.find("nests") != std::string::npos);
  CHECK(ParseFails("x" + Repeat(".a", 1000)).message.find("levels deep") != std::string::npos);
  CHECK(ParseFails("1" + Repeat(" + 1", 1000)).message.find("levels deep") != std::string::npos);
  // Even far deeper input fails cleanly.
  CHECK(!ParseFails(Repeat("(", 100000)).message.empty());

  ParseOk(Repeat("(", 150) + "1" + Repeat(")", 150));
  // && and || chains are balanced, so long ones stay shallow.
  ExprPtr chain = ParseOk("a" + Repeat(" || a", 5000));
  CHECK(chain->height < 20);

  ParseOptions small;
  small.max_length = 10;
  CHECK(ParseFails("1 + 2 + 3 + 4", small).message.find("longer than 10") != std::string::npos);
}

}  // namespace
}  // namespace rurume::expr
