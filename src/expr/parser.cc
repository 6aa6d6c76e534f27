// A recursive-descent parser following CEL's grammar:
//
//   expr     = or ["?" or ":" expr]
//   or       = and {"||" and}            and = relation {"&&" relation}
//   relation = add {("<"|"<="|">"|">="|"=="|"!="|"in") add}
//   add      = mul {("+"|"-") mul}       mul = unary {("*"|"/"|"%") unary}
//   unary    = member | "!" unary | "-" unary
//   member   = primary {"." name ["(" args ")"] | "[" expr "]"}
//   primary  = ["."] ident ["(" args ")"] | "(" expr ")" | "[" list "]" | "{" map "}" | literal
#include "expr/parser.h"

#include "expr/lexer.h"

#include <algorithm>

namespace rurume::expr {

namespace {

// Thrown inside the parser only, to unwind to Parse() at the first error.
struct Abort {};

class Parser {
 public:
  Parser(std::vector<Token> tokens, const ParseOptions& options) : toks_(std::move(tokens)), opts_(options) {}

  ExprPtr ParseAll() {
    ExprPtr e = ParseExpr();
    if (Cur().kind != Tok::End) Unexpected("an operator or the end of the expression");
    return e;
  }

  CompileError error;

 private:
  // Counts nesting for the whole extent of a nested construct.
  class Nest {
   public:
    Nest(Parser& p, uint32_t offset) : p_(p) {
      if (++p_.nesting_ > p_.opts_.max_nesting)
        p_.Fail(offset, "expression nests more than " + std::to_string(p_.opts_.max_nesting) + " levels");
    }
    ~Nest() { --p_.nesting_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;

   private:
    Parser& p_;
  };

  const Token& Cur() const { return toks_[pos_]; }
  const Token& Ahead(size_t n) const { return toks_[std::min(pos_ + n, toks_.size() - 1)]; }
  const Token& Advance() {
    const Token& t = toks_[pos_];
    if (pos_ + 1 < toks_.size()) ++pos_;
    return t;
  }
  bool Accept(Tok k) {
    if (Cur().kind != k) return false;
    Advance();
    return true;
  }
  void Expect(Tok k, const std::string& what) {
    if (!Accept(k)) Unexpected(what);
  }

  [[noreturn]] void Fail(uint32_t offset, std::string message) {
    error = {std::move(message), offset};
    throw Abort();
  }
  [[noreturn]] void Unexpected(const std::string& expected) {
    if (Cur().kind == Tok::Error) Fail(Cur().offset, Cur().text);
    Fail(Cur().offset, "unexpected " + std::string(TokName(Cur().kind)) + ", expected " + expected);
  }

  ExprPtr Node(ExprKind kind, uint32_t offset, std::vector<ExprPtr> args = {}) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->offset = offset;
    int height = 0;
    for (const ExprPtr& a : args) height = std::max<int>(height, a->height);
    if (height + 1 > opts_.max_height)
      Fail(offset, "expression is nested more than " + std::to_string(opts_.max_height) + " levels deep");
    e->height = static_cast<uint16_t>(height + 1);
    e->args = std::move(args);
    return e;
  }

  ExprPtr Call(const char* fn, uint32_t offset, std::vector<ExprPtr> args) {
    ExprPtr e = Node(ExprKind::Call, offset, std::move(args));
    e->name = fn;
    return e;
  }

  template <class... A>
  static std::vector<ExprPtr> Args(A&&... a) {
    std::vector<ExprPtr> v;
    (v.push_back(std::forward<A>(a)), ...);
    return v;
  }

  ExprPtr ParseExpr() {
    Nest nest(*this, Cur().offset);
    ExprPtr cond = ParseOr();
    if (Cur().kind != Tok::Question) return cond;
    const uint32_t offset = Advance().offset;
    ExprPtr yes = ParseOr();
    Expect(Tok::Colon, "':'");
    ExprPtr no = ParseExpr();
    return Node(ExprKind::Conditional, offset, Args(std::move(cond), std::move(yes), std::move(no)));
  }

  // a || b || c is built as a balanced tree: evaluation order does not
  // matter for CEL's commutative logic, and the tree stays short.
  ExprPtr ParseLogic(Tok op, ExprKind kind, ExprPtr (Parser::*operand)()) {
    std::vector<ExprPtr> operands;
    std::vector<uint32_t> offsets;
    operands.push_back((this->*operand)());
    while (Cur().kind == op) {
      offsets.push_back(Advance().offset);
      operands.push_back((this->*operand)());
    }
    return Balance(operands, offsets, kind, 0, operands.size() - 1);
  }
  ExprPtr Balance(std::vector<ExprPtr>& xs, const std::vector<uint32_t>& offsets, ExprKind kind, size_t lo,
                  size_t hi) {
    if (lo == hi) return std::move(xs[lo]);
    const size_t mid = (lo + hi) / 2;
    ExprPtr left = Balance(xs, offsets, kind, lo, mid);
    ExprPtr right = Balance(xs, offsets, kind, mid + 1, hi);
    return Node(kind, offsets[mid], Args(std::move(left), std::move(right)));
  }
  ExprPtr ParseOr() { return ParseLogic(Tok::OrOr, ExprKind::Or, &Parser::ParseAnd); }
  ExprPtr ParseAnd() { return ParseLogic(Tok::AndAnd, ExprKind::And, &Parser::ParseRelation); }

  static const char* RelationOp(Tok k) {
    switch (k) {
      case Tok::Less: return op::kLt;
      case Tok::LessEq: return op::kLe;
      case Tok::Greater: return op::kGt;
      case Tok::GreaterEq: return op::kGe;
      case Tok::EqEq: return op::kEq;
      case Tok::NotEq: return op::kNe;
      case Tok::In: return op::kIn;
      default: return nullptr;
    }
  }

  ExprPtr ParseRelation() {
    ExprPtr e = ParseAddition();
    while (const char* fn = RelationOp(Cur().kind)) {
      const uint32_t offset = Advance().offset;
      e = Call(fn, offset, Args(std::move(e), ParseAddition()));
    }
    return e;
  }

  ExprPtr ParseAddition() {
    ExprPtr e = ParseMultiplication();
    while (Cur().kind == Tok::Plus || Cur().kind == Tok::Minus) {
      const char* fn = Cur().kind == Tok::Plus ? op::kAdd : op::kSub;
      const uint32_t offset = Advance().offset;
      e = Call(fn, offset, Args(std::move(e), ParseMultiplication()));
    }
    return e;
  }

  ExprPtr ParseMultiplication() {
    ExprPtr e = ParseUnary();
    for (;;) {
      const Tok k = Cur().kind;
      const char* fn = k == Tok::Star ? op::kMul : k == Tok::Slash ? op::kDiv : k == Tok::Percent ? op::kMod : nullptr;
      if (!fn) return e;
      const uint32_t offset = Advance().offset;
      e = Call(fn, offset, Args(std::move(e), ParseUnary()));
    }
  }

  ExprPtr ParseUnary() {
    const Token& t = Cur();
    if (t.kind == Tok::Minus && IsNumber(Ahead(1).kind) && !IsPostfix(Ahead(2).kind)) return NegativeLiteral();
    if (t.kind != Tok::Not && t.kind != Tok::Minus) return ParseMember();
    const char* fn = t.kind == Tok::Not ? op::kNot : op::kNeg;
    const uint32_t offset = Advance().offset;
    Nest nest(*this, offset);
    return Call(fn, offset, Args(ParseUnary()));
  }

  static bool IsNumber(Tok k) { return k == Tok::Int || k == Tok::Double; }
  static bool IsPostfix(Tok k) { return k == Tok::Dot || k == Tok::LBracket || k == Tok::LParen; }

  // "-9223372036854775808" is a literal: its magnitude alone would overflow.
  ExprPtr NegativeLiteral() {
    const uint32_t offset = Advance().offset;
    const Token& t = Advance();
    ExprPtr e = Node(ExprKind::Literal, offset);
    if (t.kind == Tok::Double) {
      e->value = Value::Double(-t.d);
    } else if (t.int_overflow || t.u > uint64_t{1} << 63) {
      Fail(offset, "integer literal out of range");
    } else {
      e->value = Value::Int(static_cast<int64_t>(0 - t.u));
    }
    return e;
  }

  ExprPtr ParseMember() {
    ExprPtr e = ParsePrimary();
    for (;;) {
      if (Cur().kind == Tok::Dot) {
        Advance();
        // CEL's grammar allows a reserved word (as, break, ... but not the
        // keywords true, false, null, in) as a field or receiver-call name.
        const Token& name = Cur();
        if (name.kind != Tok::Ident && name.kind != Tok::QuotedIdent && name.kind != Tok::Reserved)
          Unexpected("a field or method name");
        Advance();
        if (name.kind != Tok::QuotedIdent && Cur().kind == Tok::LParen) {
          e = ReceiverCall(std::move(e), name);
        } else {
          e = Node(ExprKind::Select, name.offset, Args(std::move(e)));
          e->name = name.text;
        }
      } else if (Cur().kind == Tok::LBracket) {
        const uint32_t offset = Advance().offset;
        ExprPtr index = ParseExpr();
        Expect(Tok::RBracket, "']'");
        e = Node(ExprKind::Index, offset, Args(std::move(e), std::move(index)));
      } else {
        return e;
      }
    }
  }

  std::vector<ExprPtr> ParseArgs(Tok close, const std::string& what) {
    std::vector<ExprPtr> args;
    Advance();  // the opening token
    if (Accept(close)) return args;
    for (;;) {
      args.push_back(ParseExpr());
      if (Accept(close)) return args;
      Expect(Tok::Comma, "',' or " + what);
      if (close != Tok::RParen && Accept(close)) return args;  // trailing comma in list literals
    }
  }

  ExprPtr ReceiverCall(ExprPtr target, const Token& name) {
    std::vector<ExprPtr> args = ParseArgs(Tok::RParen, "')'");
    const Macro macro = MacroFor(name.text, args.size());
    if (macro != Macro::None) return Comprehension(macro, std::move(target), std::move(args), name);
    args.insert(args.begin(), std::move(target));
    ExprPtr e = Node(ExprKind::Call, name.offset, std::move(args));
    e->name = name.text;
    e->receiver = true;
    return e;
  }

  static Macro MacroFor(const std::string& name, size_t nargs) {
    if (nargs == 2) {
      if (name == "all") return Macro::All;
      if (name == "exists") return Macro::Exists;
      if (name == "exists_one") return Macro::ExistsOne;
      if (name == "filter") return Macro::Filter;
      if (name == "map") return Macro::Map;
    }
    return nargs == 3 && name == "map" ? Macro::MapFilter : Macro::None;
  }

  ExprPtr Comprehension(Macro macro, ExprPtr range, std::vector<ExprPtr> args, const Token& name) {
    const Expr& var = *args[0];
    if (var.kind != ExprKind::Ident || var.name.find('.') != std::string::npos)
      Fail(var.offset, "the first argument of " + name.text + "() must be a variable name");
    std::string var_name = var.name;
    std::vector<ExprPtr> parts = Args(std::move(range));
    for (size_t i = 1; i < args.size(); ++i) parts.push_back(std::move(args[i]));
    ExprPtr e = Node(ExprKind::Comprehension, name.offset, std::move(parts));
    e->macro = macro;
    e->name = std::move(var_name);
    return e;
  }

  ExprPtr Literal(const Token& t, Value v) {
    ExprPtr e = Node(ExprKind::Literal, t.offset);
    e->value = std::move(v);
    Advance();
    return e;
  }

  ExprPtr ParsePrimary() {
    const Token& t = Cur();
    switch (t.kind) {
      case Tok::Int:
        if (t.int_overflow || t.u > static_cast<uint64_t>(INT64_MAX)) Fail(t.offset, "integer literal out of range");
        return Literal(t, Value::Int(static_cast<int64_t>(t.u)));
      case Tok::Uint: return Literal(t, Value::Uint(t.u));
      case Tok::Double: return Literal(t, Value::Double(t.d));
      case Tok::String: return Literal(t, Value::String(t.text));
      case Tok::Bytes: return Literal(t, Value::Bytes(t.text));
      case Tok::True: return Literal(t, Value::Bool(true));
      case Tok::False: return Literal(t, Value::Bool(false));
      case Tok::Null: return Literal(t, Value::Null());
      case Tok::Dot:  // a leading dot names the root scope; we have no containers
        if (Ahead(1).kind != Tok::Ident) Unexpected("an expression");
        Advance();
        return ParseIdent();
      case Tok::Ident: return ParseIdent();
      case Tok::LParen: {
        Advance();
        ExprPtr e = ParseExpr();
        Expect(Tok::RParen, "')'");
        return e;
      }
      case Tok::LBracket: {
        const uint32_t offset = t.offset;
        return Node(ExprKind::List, offset, ParseArgs(Tok::RBracket, "']'"));
      }
      case Tok::LBrace: return ParseMap();
      case Tok::QuotedIdent: Fail(t.offset, "a quoted identifier can only follow '.'");
      case Tok::Reserved: Fail(t.offset, "reserved word '" + t.text + "' cannot be used here");
      default: Unexpected("an expression");
    }
  }

  ExprPtr ParseIdent() {
    const Token& t = Advance();
    if (Cur().kind == Tok::LBrace) Fail(t.offset, "message construction ('" + t.text + "{...}') is not supported");
    if (Cur().kind != Tok::LParen) {
      ExprPtr e = Node(ExprKind::Ident, t.offset);
      e->name = t.text;
      return e;
    }
    std::vector<ExprPtr> args = ParseArgs(Tok::RParen, "')'");
    if (t.text == "has") return Has(t, std::move(args));
    ExprPtr e = Node(ExprKind::Call, t.offset, std::move(args));
    e->name = t.text;
    return e;
  }

  ExprPtr Has(const Token& t, std::vector<ExprPtr> args) {
    if (args.size() != 1 || args[0]->kind != ExprKind::Select || args[0]->test_only)
      Fail(args.empty() ? t.offset : args[0]->offset, "has() requires a field selection, as in has(a.b)");
    args[0]->test_only = true;
    return std::move(args[0]);
  }

  ExprPtr ParseMap() {
    const uint32_t offset = Advance().offset;
    std::vector<ExprPtr> entries;
    while (Cur().kind != Tok::RBrace) {
      entries.push_back(ParseExpr());
      Expect(Tok::Colon, "':'");
      entries.push_back(ParseExpr());
      if (!Accept(Tok::Comma)) break;
    }
    Expect(Tok::RBrace, "'}'");
    return Node(ExprKind::Map, offset, std::move(entries));
  }

  std::vector<Token> toks_;
  ParseOptions opts_;
  size_t pos_ = 0;
  int nesting_ = 0;
};

}  // namespace

ParseResult Parse(std::string_view source, const ParseOptions& options) {
  ParseResult result;
  if (source.size() > options.max_length) {
    result.errors.push_back({"expression is longer than " + std::to_string(options.max_length) + " bytes",
                             static_cast<uint32_t>(options.max_length)});
    return result;
  }
  Parser parser(Tokenize(source), options);
  try {
    result.expr = parser.ParseAll();
  } catch (const Abort&) {
    result.errors.push_back(parser.error);
  }
  return result;
}

}  // namespace rurume::expr
