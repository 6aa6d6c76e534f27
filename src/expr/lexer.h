// Splits CEL source into tokens, decoding literals (numbers, strings with
// every CEL escape, raw and triple-quoted strings, bytes).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rurume::expr {

enum class Tok : uint8_t {
  End, Error,
  Int,          // u: the magnitude (sign is applied by the parser)
  Uint, Double, String, Bytes,
  Ident, QuotedIdent,  // `a-b`: only valid as a field name
  Reserved,            // as, break, ...: only valid as a field or receiver-call name
  True, False, Null, In,
  LParen, RParen, LBracket, RBracket, LBrace, RBrace, Dot, Comma, Colon, Question,
  Plus, Minus, Star, Slash, Percent, Not,
  Less, LessEq, Greater, GreaterEq, EqEq, NotEq, AndAnd, OrOr,
};

struct Token {
  Tok kind = Tok::End;
  uint32_t offset = 0;
  std::string text;   // Ident, QuotedIdent, String, Bytes (decoded); Error: the message
  uint64_t u = 0;     // Int, Uint
  double d = 0;       // Double
  bool int_overflow = false;  // Int: above UINT64_MAX
};

/// Tokenizes the whole source. Stops after the first Error token; the last
/// token is End or Error.
std::vector<Token> Tokenize(std::string_view source);

/// "'+'", "identifier", ... for messages.
std::string_view TokName(Tok kind);

}  // namespace rurume::expr
