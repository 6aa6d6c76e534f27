#include "expr/lexer.h"

#include "expr/value_ops.h"

#include <cmath>
#include <cstdlib>

namespace rurume::expr {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool IsIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsIdentChar(char c) { return IsIdentStart(c) || IsDigit(c); }
int HexValue(char c) { return IsDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10; }

// Words CEL reserves: they can name nothing.
bool IsReserved(std::string_view w) {
  static const std::string_view kReserved[] = {"as", "break", "const", "continue", "else", "for",
                                               "function", "if", "import", "let", "loop", "package",
                                               "namespace", "return", "var", "void", "while"};
  for (auto r : kReserved)
    if (w == r) return true;
  return false;
}

class Lexer {
 public:
  explicit Lexer(std::string_view src) : src_(src) {}

  Token Next() {
    SkipSpaceAndComments();
    Token t;
    t.offset = static_cast<uint32_t>(pos_);
    if (pos_ >= src_.size()) return t;
    const char c = src_[pos_];
    if (IsDigit(c) || (c == '.' && pos_ + 1 < src_.size() && IsDigit(src_[pos_ + 1]))) return Number(t);
    if (IsIdentStart(c)) return Word(t);
    if (c == '"' || c == '\'') return Quoted(t, false, false);
    if (c == '`') return Backquoted(t);
    return Punct(t);
  }

 private:
  char Peek(size_t ahead = 0) const { return pos_ + ahead < src_.size() ? src_[pos_ + ahead] : '\0'; }

  void SkipSpaceAndComments() {
    while (pos_ < src_.size()) {
      const char c = src_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        ++pos_;
      } else if (c == '/' && Peek(1) == '/') {
        while (pos_ < src_.size() && src_[pos_] != '\n') ++pos_;
      } else {
        break;
      }
    }
  }

  static Token Fail(Token t, std::string message) {
    t.kind = Tok::Error;
    t.text = std::move(message);
    return t;
  }

  Token Number(Token t) {
    const size_t start = pos_;
    if (Peek() == '0' && (Peek(1) == 'x' || Peek(1) == 'X')) {
      pos_ += 2;
      const size_t digits = pos_;
      while (IsHex(Peek())) {
        if (t.u >> 60) t.int_overflow = true;
        t.u = t.u * 16 + static_cast<uint64_t>(HexValue(src_[pos_++]));
      }
      if (pos_ == digits) return Fail(t, "invalid hexadecimal literal");
      return IntSuffix(t);
    }
    bool is_double = false;
    while (IsDigit(Peek())) ++pos_;
    if (Peek() == '.' && IsDigit(Peek(1))) {
      is_double = true;
      ++pos_;
      while (IsDigit(Peek())) ++pos_;
    }
    if (Peek() == 'e' || Peek() == 'E') {
      size_t p = 1;
      if (Peek(1) == '+' || Peek(1) == '-') ++p;
      if (!IsDigit(Peek(p))) return Fail(t, "invalid exponent in number");
      is_double = true;
      pos_ += p;
      while (IsDigit(Peek())) ++pos_;
    }
    const std::string text(src_.substr(start, pos_ - start));
    if (is_double) {
      t.kind = Tok::Double;
      t.d = std::strtod(text.c_str(), nullptr);  // overflow gives infinity, as in CEL
      if (IsIdentChar(Peek())) return Fail(t, "invalid number literal");
      return t;
    }
    for (char c : text) {
      const uint64_t digit = static_cast<uint64_t>(c - '0');
      if (t.u > (UINT64_MAX - digit) / 10) t.int_overflow = true;
      t.u = t.u * 10 + digit;
    }
    return IntSuffix(t);
  }

  Token IntSuffix(Token t) {
    t.kind = Tok::Int;
    if (Peek() == 'u' || Peek() == 'U') {
      ++pos_;
      t.kind = Tok::Uint;
      if (t.int_overflow) return Fail(t, "unsigned integer literal out of range");
    }
    if (IsIdentChar(Peek())) return Fail(t, "invalid number literal");
    return t;
  }

  Token Word(Token t) {
    const size_t start = pos_;
    while (IsIdentChar(Peek())) ++pos_;
    const std::string_view w = src_.substr(start, pos_ - start);
    if ((Peek() == '"' || Peek() == '\'') && w.size() <= 2) {
      bool raw = false, bytes = false, prefix = true;
      for (char c : w) {
        if ((c == 'r' || c == 'R') && !raw) raw = true;
        else if ((c == 'b' || c == 'B') && !bytes) bytes = true;
        else prefix = false;
      }
      if (prefix) return Quoted(t, raw, bytes);
    }
    if (w == "true") t.kind = Tok::True;
    else if (w == "false") t.kind = Tok::False;
    else if (w == "null") t.kind = Tok::Null;
    else if (w == "in") t.kind = Tok::In;
    else if (IsReserved(w)) t.kind = Tok::Reserved;  // the parser allows it after a dot
    else t.kind = Tok::Ident;
    t.text = std::string(w);
    return t;
  }

  Token Backquoted(Token t) {
    const size_t start = ++pos_;
    while (pos_ < src_.size() && src_[pos_] != '`' && src_[pos_] != '\n') ++pos_;
    if (Peek() != '`' || pos_ == start) return Fail(t, "unterminated or empty quoted identifier");
    t.kind = Tok::QuotedIdent;
    t.text = std::string(src_.substr(start, pos_ - start));
    ++pos_;
    return t;
  }

  Token Quoted(Token t, bool raw, bool bytes) {
    const char q = src_[pos_];
    const bool triple = Peek(1) == q && Peek(2) == q;
    pos_ += triple ? 3 : 1;
    t.kind = bytes ? Tok::Bytes : Tok::String;
    for (;;) {
      if (pos_ >= src_.size()) return Fail(t, "unterminated string literal");
      const char c = src_[pos_];
      if (c == q && (!triple || (Peek(1) == q && Peek(2) == q))) {
        pos_ += triple ? 3 : 1;
        return t;
      }
      if (!triple && (c == '\n' || c == '\r'))
        return Fail(t, "unterminated string literal (newline in a single-quoted string)");
      if (c == '\\' && !raw) {
        const size_t escape = pos_;
        std::string error;
        if (!Escape(t.text, bytes, &error)) {
          Token e = Fail(t, error);
          e.offset = static_cast<uint32_t>(escape);  // point at the backslash
          return e;
        }
      } else {
        t.text += c;
        ++pos_;
      }
    }
  }

  // Decodes the escape at pos_ (a backslash) into `out`.
  bool Escape(std::string& out, bool bytes, std::string* error) {
    const char c = Peek(1);
    pos_ += 2;
    switch (c) {
      case 'a': out += '\a'; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'v': out += '\v'; return true;
      case '\\': case '\'': case '"': case '`': case '?': out += c; return true;
      case 'x': case 'X': return Code(out, 2, 16, bytes, error);
      case 'u': case 'U':
        if (bytes) break;
        return Code(out, c == 'u' ? 4 : 8, 16, false, error);
      default:
        if (c >= '0' && c <= '3') {
          --pos_;
          return Code(out, 3, 8, bytes, error);
        }
    }
    *error = "invalid escape sequence '\\" + std::string(1, c) + "'";
    return false;
  }

  // Reads `n` digits in `base`: a byte in bytes literals, a code point in strings.
  bool Code(std::string& out, int n, uint32_t base, bool as_byte, std::string* error) {
    uint32_t v = 0;
    for (int i = 0; i < n; ++i) {
      const char c = Peek();
      const bool ok = base == 16 ? IsHex(c) : (c >= '0' && c <= '7');
      if (!ok) {
        *error = "invalid escape sequence: expected " + std::to_string(n) + (base == 16 ? " hex" : " octal") + " digits";
        return false;
      }
      v = v * base + static_cast<uint32_t>(HexValue(c));
      ++pos_;
    }
    if (as_byte) {
      out += static_cast<char>(v);
    } else if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
      *error = "invalid code point in escape sequence";
      return false;
    } else {
      AppendUtf8(out, v);
    }
    return true;
  }

  Token Punct(Token t) {
    struct P { std::string_view text; Tok kind; };
    static const P kPuncts[] = {
        {"<=", Tok::LessEq}, {">=", Tok::GreaterEq}, {"==", Tok::EqEq}, {"!=", Tok::NotEq},
        {"&&", Tok::AndAnd}, {"||", Tok::OrOr},      {"(", Tok::LParen},  {")", Tok::RParen},
        {"[", Tok::LBracket}, {"]", Tok::RBracket},  {"{", Tok::LBrace},  {"}", Tok::RBrace},
        {".", Tok::Dot},      {",", Tok::Comma},     {":", Tok::Colon},   {"?", Tok::Question},
        {"+", Tok::Plus},     {"-", Tok::Minus},     {"*", Tok::Star},    {"/", Tok::Slash},
        {"%", Tok::Percent},  {"!", Tok::Not},       {"<", Tok::Less},    {">", Tok::Greater},
    };
    for (const P& p : kPuncts) {
      if (src_.substr(pos_, p.text.size()) == p.text) {
        pos_ += p.text.size();
        t.kind = p.kind;
        return t;
      }
    }
    const unsigned char c = static_cast<unsigned char>(src_[pos_]);
    return Fail(t, c >= 0x20 && c < 0x7f ? "unexpected character '" + std::string(1, static_cast<char>(c)) + "'"
                                         : "unexpected character");
  }

  std::string_view src_;
  size_t pos_ = 0;
};

}  // namespace

std::vector<Token> Tokenize(std::string_view source) {
  Lexer lexer(source);
  std::vector<Token> tokens;
  for (;;) {
    tokens.push_back(lexer.Next());
    if (tokens.back().kind == Tok::End || tokens.back().kind == Tok::Error) return tokens;
  }
}

std::string_view TokName(Tok kind) {
  switch (kind) {
    case Tok::End: return "end of expression";
    case Tok::Error: return "invalid token";
    case Tok::Int: case Tok::Uint: case Tok::Double: return "number";
    case Tok::String: return "string";
    case Tok::Bytes: return "bytes";
    case Tok::Ident: return "identifier";
    case Tok::QuotedIdent: return "quoted identifier";
    case Tok::Reserved: return "reserved word";
    case Tok::True: return "'true'";
    case Tok::False: return "'false'";
    case Tok::Null: return "'null'";
    case Tok::In: return "'in'";
    case Tok::LParen: return "'('";
    case Tok::RParen: return "')'";
    case Tok::LBracket: return "'['";
    case Tok::RBracket: return "']'";
    case Tok::LBrace: return "'{'";
    case Tok::RBrace: return "'}'";
    case Tok::Dot: return "'.'";
    case Tok::Comma: return "','";
    case Tok::Colon: return "':'";
    case Tok::Question: return "'?'";
    case Tok::Plus: return "'+'";
    case Tok::Minus: return "'-'";
    case Tok::Star: return "'*'";
    case Tok::Slash: return "'/'";
    case Tok::Percent: return "'%'";
    case Tok::Not: return "'!'";
    case Tok::Less: return "'<'";
    case Tok::LessEq: return "'<='";
    case Tok::Greater: return "'>'";
    case Tok::GreaterEq: return "'>='";
    case Tok::EqEq: return "'=='";
    case Tok::NotEq: return "'!='";
    case Tok::AndAnd: return "'&&'";
    case Tok::OrOr: return "'||'";
  }
  return "token";
}

}  // namespace rurume::expr
