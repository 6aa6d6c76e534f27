#include "expr/eval.h"

#include "expr/value_ops.h"

#include <cmath>

namespace rurume::expr {

namespace {

constexpr uint64_t kBytesPerCost = EvalOptions::kBytesPerCost;

constexpr uint32_t Bit(Kind k) { return uint32_t{1} << static_cast<unsigned>(k); }

// A non-bool operand of && or || (or a macro predicate) as an error.
Value NotBool(std::string_view what, const Value& v) {
  if (v.is_error()) return v;
  return Value::Error("no matching overload for '" + std::string(what) + "' applied to " + v.type()->ToString());
}

// The errors among `args`, merged; null when there are none.
Value MergedErrors(const Value* args, size_t n) {
  Value merged;
  for (size_t i = 0; i < n; ++i)
    if (args[i].is_error()) merged = merged.is_error() ? MergeErrors(merged, args[i]) : args[i];
  return merged;
}

bool Matches(const Overload& o, const Value* args, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (!(o.kind_masks[i] & Bit(args[i].kind()))) return false;
  return true;
}

// A list index of any numeric type, when it is a whole number.
bool ListIndex(const Value& i, int64_t* out) {
  switch (i.kind()) {
    case Kind::Int: *out = i.int_value(); return true;
    case Kind::Uint:
      if (i.uint_value() > static_cast<uint64_t>(INT64_MAX)) return false;
      *out = static_cast<int64_t>(i.uint_value());
      return true;
    case Kind::Double: {
      const double d = i.double_value();
      if (d != std::trunc(d) || !(d >= -9.2e18 && d <= 9.2e18)) return false;
      *out = static_cast<int64_t>(d);
      return true;
    }
    default: return false;
  }
}

class Evaluator {
 public:
  Evaluator(const Activation& activation, uint32_t local_count, uint64_t limit)
      : act_(activation), locals_(local_count), limit_(limit) {}

  Value Eval(const Expr& e) {
    Charge();
    switch (e.kind) {
      case ExprKind::Literal: return Literal(e);
      case ExprKind::Ident: return Ident(e);
      case ExprKind::Select: return Select(e);
      case ExprKind::Call: return Call(e);
      case ExprKind::Index: return Index(e);
      case ExprKind::And: return Logic(e, false);
      case ExprKind::Or: return Logic(e, true);
      case ExprKind::Conditional: return Conditional(e);
      case ExprKind::List: return List(e);
      case ExprKind::Map: return Map(e);
      case ExprKind::Comprehension: return Comprehension(e);
    }
    return Value::Error("unknown expression");
  }

 private:
  void Charge() {
    if (++cost_ > limit_) throw CostLimitExceeded(limit_);
  }

  // A call costs by the text it is given, too, which it may read whole
  // (matches(), contains(), ==): 1 per kBytesPerCost bytes.
  void ChargeText(const Value* args, size_t n) {
    uint64_t bytes = 0;
    for (size_t i = 0; i < n; ++i)
      if (args[i].is(Kind::String) || args[i].is(Kind::Bytes)) bytes += args[i].string_value().size();
    if ((cost_ += bytes / kBytesPerCost) > limit_) throw CostLimitExceeded(limit_);
  }

  // A string, list or map that an operation made costs by its size too, so
  // that no expression allocates without bound: 1 per kBytesPerCost bytes
  // of text and per kBytesPerCost elements (Footprint). Returns `v`.
  Value ChargeSize(Value v) {
    if (v.is(Kind::String) || v.is(Kind::Bytes) || v.is(Kind::List) || v.is(Kind::Map)) {
      const uint64_t size = Footprint(v) / kBytesPerCost;
      if (size > limit_ || (cost_ += size) > limit_) throw CostLimitExceeded(limit_);
    }
    return v;
  }

  // Strings from the source are borrowed from the tree: no reference count.
  static Value Literal(const Expr& e) {
    if (e.value.is(Kind::String)) return Value::StringView(e.value.string_value());
    if (e.value.is(Kind::Bytes)) return Value::BytesView(e.value.string_value());
    return e.value;
  }

  Value Ident(const Expr& e) const {
    switch (e.ref) {
      case RefKind::Global:
        if (e.slot < act_.size()) return act_.Get(e.slot);
        return Value::Error("no value bound for variable '" + e.name + "'");
      case RefKind::Local: return locals_[e.slot];
      case RefKind::Constant: return e.value;
      case RefKind::Unresolved: break;
    }
    return Value::Error(e.error);
  }

  Value Select(const Expr& e) {
    const Value v = Eval(*e.args[0]);
    if (v.is_error()) return v;
    if (v.is(Kind::Map)) {
      const Value* found = v.map().find(e.value);
      if (e.test_only) return Value::Bool(found != nullptr);
      return found ? *found : Value::Error("no such key: '" + e.name + "'");
    }
    if (v.is(Kind::Object)) {
      if (e.test_only) return Value::Bool(v.object_type()->has(v.object(), e.name));
      return v.object_type()->field(v.object(), e.name);
    }
    return Value::Error("type '" + v.type()->ToString() + "' does not support field selection");
  }

  Value Call(const Expr& e) {
    const size_t n = e.args.size();
    Value small[4];
    std::vector<Value> large;
    Value* args = small;
    if (n > 4) {
      large.resize(n);
      args = large.data();
    }
    bool any_error = false;
    for (size_t i = 0; i < n; ++i) {
      args[i] = Eval(*e.args[i]);
      any_error |= args[i].is_error();
    }
    if (e.overloads.empty()) return Value::Error(e.error);
    for (const Overload* o : e.overloads) {
      if (any_error && o->strict) return MergedErrors(args, n);
      if (Matches(*o, args, n)) {
        ChargeText(args, n);
        return ChargeSize(o->impl(args, n));
      }
    }
    return NoMatchingOverload(DisplayName(e.name), args, n);
  }

  Value Index(const Expr& e) {
    const Value c = Eval(*e.args[0]);
    const Value i = Eval(*e.args[1]);
    if (c.is_error() || i.is_error()) {
      const Value both[] = {c, i};
      return MergedErrors(both, 2);
    }
    if (c.is(Kind::List)) {
      int64_t index = 0;
      if (!ListIndex(i, &index))
        return Value::Error("invalid_argument: a list index must be a whole number, not " + i.DebugString());
      if (index < 0 || static_cast<uint64_t>(index) >= c.list().size())
        return Value::Error("invalid_argument: index " + std::to_string(index) + " out of range for a list of size " +
                            std::to_string(c.list().size()));
      return c.list().at(static_cast<size_t>(index));
    }
    if (c.is(Kind::Map)) {
      const Value* found = c.map().find(i);
      return found ? *found : Value::Error("no such key: " + i.DebugString());
    }
    return Value::Error("type '" + c.type()->ToString() + "' cannot be indexed");
  }

  // && and || are commutative: a deciding operand (false for &&, true for
  // ||) wins over an error on either side; two errors merge their `missing`.
  Value Logic(const Expr& e, bool is_or) {
    const Value l = Eval(*e.args[0]);
    if (l.is(Kind::Bool) && l.bool_value() == is_or) return l;
    const Value r = Eval(*e.args[1]);
    if (r.is(Kind::Bool) && (r.bool_value() == is_or || l.is(Kind::Bool))) return r;
    const char* op = is_or ? "||" : "&&";
    if (r.is(Kind::Bool)) return NotBool(op, l);  // r does not decide, l is not a bool
    const Value re = NotBool(op, r);
    if (l.is(Kind::Bool)) return re;
    return MergeErrors(NotBool(op, l), re);
  }

  Value Conditional(const Expr& e) {
    const Value c = Eval(*e.args[0]);
    if (!c.is(Kind::Bool)) return NotBool("?:", c);
    return Eval(*e.args[c.bool_value() ? 1 : 2]);
  }

  Value List(const Expr& e) {
    std::vector<Value> items;
    items.reserve(e.args.size());
    for (const ExprPtr& a : e.args) items.push_back(Eval(*a));
    const Value error = MergedErrors(items.data(), items.size());
    return error.is_error() ? error : ChargeSize(Value::ListOf(std::move(items)));
  }

  Value Map(const Expr& e) {
    std::vector<Value> parts;
    parts.reserve(e.args.size());
    for (const ExprPtr& a : e.args) parts.push_back(Eval(*a));
    const Value error = MergedErrors(parts.data(), parts.size());
    if (error.is_error()) return error;
    std::vector<std::pair<Value, Value>> entries;
    entries.reserve(parts.size() / 2);
    for (size_t i = 0; i + 1 < parts.size(); i += 2) entries.emplace_back(std::move(parts[i]), std::move(parts[i + 1]));
    return ChargeSize(Value::MapOf(std::move(entries)));
  }

  Value Comprehension(const Expr& e);
  Value AllOrExists(const Expr& e, const Value& range, size_t n, bool exists);
  Value Element(const Value& range, size_t i) const {
    return range.is(Kind::List) ? range.list().at(i) : range.map().key_at(i);
  }

  const Activation& act_;
  std::vector<Value> locals_;
  const uint64_t limit_;
  uint64_t cost_ = 0;
};

Value Evaluator::Comprehension(const Expr& e) {
  const Value range = Eval(*e.args[0]);
  if (range.is_error()) return range;
  size_t n = 0;
  if (range.is(Kind::List)) n = range.list().size();
  else if (range.is(Kind::Map)) n = range.map().size();
  else return Value::Error("a macro applies to a list or a map, not " + range.type()->ToString());
  if (e.macro == Macro::All || e.macro == Macro::Exists) return AllOrExists(e, range, n, e.macro == Macro::Exists);
  Value& var = locals_[e.slot];
  int64_t count = 0;
  std::vector<Value> out;
  for (size_t i = 0; i < n; ++i) {
    Charge();
    var = Element(range, i);
    if (e.macro == Macro::Map) {
      out.push_back(Eval(*e.args[1]));
      if (out.back().is_error()) return out.back();
      continue;
    }
    // exists_one, filter and the filtering map: an error anywhere is the result.
    const Value keep = Eval(*e.args[1]);
    if (!keep.is(Kind::Bool)) return NotBool("predicate", keep);
    if (!keep.bool_value()) continue;
    if (e.macro == Macro::ExistsOne) {
      ++count;
    } else if (e.macro == Macro::Filter) {
      out.push_back(var);
    } else {
      out.push_back(Eval(*e.args[2]));
      if (out.back().is_error()) return out.back();
    }
  }
  if (e.macro == Macro::ExistsOne) return Value::Bool(count == 1);
  return ChargeSize(Value::ListOf(std::move(out)));
}

// exists() is an || over the elements and all() an &&: a deciding element
// ends the loop, and errors only matter when none decides.
Value Evaluator::AllOrExists(const Expr& e, const Value& range, size_t n, bool exists) {
  Value& var = locals_[e.slot];
  Value error;
  for (size_t i = 0; i < n; ++i) {
    Charge();
    var = Element(range, i);
    const Value r = Eval(*e.args[1]);
    if (r.is(Kind::Bool)) {
      if (r.bool_value() == exists) return r;
      continue;
    }
    const Value err = NotBool(exists ? "exists" : "all", r);
    error = error.is_error() ? MergeErrors(error, err) : err;
  }
  return error.is_error() ? error : Value::Bool(!exists);
}

}  // namespace

CostLimitExceeded::CostLimitExceeded(uint64_t limit)
    : std::runtime_error("evaluation exceeded the cost limit of " + std::to_string(limit) +
                         " (each node evaluated and each macro iteration costs 1, and each " + std::to_string(EvalOptions::kBytesPerCost) +
                         " bytes of text that a call is given or makes, or elements of a list)"),
      limit_(limit) {}

Value Evaluate(const Expr& root, const Activation& activation, uint32_t local_count, const EvalOptions& options) {
  return Evaluator(activation, local_count, options.cost_limit).Eval(root);
}

}  // namespace rurume::expr
