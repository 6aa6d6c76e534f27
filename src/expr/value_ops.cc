#include "expr/value_ops.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace rurume::expr {

namespace {

bool IsNumber(Kind k) { return k == Kind::Int || k == Kind::Uint || k == Kind::Double; }

template <class T>
Order Cmp(const T& a, const T& b) {
  return a < b ? Order::Less : b < a ? Order::Greater : Order::Same;
}

Order CmpDouble(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return Order::Unordered;
  return Cmp(a, b);
}

double AsDouble(const Value& v) {
  switch (v.kind()) {
    case Kind::Int: return static_cast<double>(v.int_value());
    case Kind::Uint: return static_cast<double>(v.uint_value());
    default: return v.double_value();
  }
}

Order CompareNumbers(const Value& a, const Value& b) {
  const Kind ka = a.kind(), kb = b.kind();
  if (ka == Kind::Double || kb == Kind::Double) return CmpDouble(AsDouble(a), AsDouble(b));
  if (ka == Kind::Int && kb == Kind::Int) return Cmp(a.int_value(), b.int_value());
  if (ka == Kind::Uint && kb == Kind::Uint) return Cmp(a.uint_value(), b.uint_value());
  if (ka == Kind::Int) return a.int_value() < 0 ? Order::Less : Cmp(static_cast<uint64_t>(a.int_value()), b.uint_value());
  return b.int_value() < 0 ? Order::Greater : Cmp(a.uint_value(), static_cast<uint64_t>(b.int_value()));
}

bool SameType(const TypePtr& a, const TypePtr& b) {
  if (a->kind != b->kind) return false;
  return a->kind != Type::Kind::Object || a->object == b->object;
}

bool ListsEqual(const ListImpl& a, const ListImpl& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!Equal(a.at(i), b.at(i))) return false;
  return true;
}

bool MapsEqual(const MapImpl& a, const MapImpl& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const Value key = a.key_at(i);
    const Value* other = b.find(key);
    if (!other || !Equal(*a.find(key), *other)) return false;
  }
  return true;
}

}  // namespace

bool Equal(const Value& a, const Value& b) {
  if (IsNumber(a.kind()) && IsNumber(b.kind())) return CompareNumbers(a, b) == Order::Same;
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Kind::Null: return true;
    case Kind::Bool: return a.bool_value() == b.bool_value();
    case Kind::String:
    case Kind::Bytes: return a.string_value() == b.string_value();
    case Kind::List: return &a.list() == &b.list() || ListsEqual(a.list(), b.list());
    case Kind::Map: return &a.map() == &b.map() || MapsEqual(a.map(), b.map());
    case Kind::Timestamp:
      return a.timestamp_seconds() == b.timestamp_seconds() && a.timestamp_nanos() == b.timestamp_nanos();
    case Kind::Duration: return a.duration_nanos() == b.duration_nanos();
    case Kind::Date: return a.date_value() == b.date_value();
    case Kind::Object: return a.object_type() == b.object_type() && a.object() == b.object();
    case Kind::TypeV: return SameType(a.type_value(), b.type_value());
    default: return false;  // errors equal nothing
  }
}

Order Compare(const Value& a, const Value& b) {
  if (IsNumber(a.kind()) && IsNumber(b.kind())) return CompareNumbers(a, b);
  if (a.kind() != b.kind()) return Order::NoOverload;
  switch (a.kind()) {
    case Kind::Bool: return Cmp(a.bool_value(), b.bool_value());
    // UTF-8 byte order is code point order.
    case Kind::String:
    case Kind::Bytes: return Cmp(a.string_value(), b.string_value());
    case Kind::Timestamp: {
      const Order o = Cmp(a.timestamp_seconds(), b.timestamp_seconds());
      return o != Order::Same ? o : Cmp(a.timestamp_nanos(), b.timestamp_nanos());
    }
    case Kind::Duration: return Cmp(a.duration_nanos(), b.duration_nanos());
    case Kind::Date: return Cmp(a.date_value(), b.date_value());
    default: return Order::NoOverload;
  }
}

bool IsKeyKind(Kind k) { return k == Kind::Bool || k == Kind::Int || k == Kind::Uint || k == Kind::String; }

Value MergeErrors(const Value& a, const Value& b) {
  const ErrorInfo& x = a.error();
  const ErrorInfo& y = b.error();
  if (a.error_ptr() == b.error_ptr()) return a;
  std::vector<std::string> missing = x.missing;
  missing.insert(missing.end(), y.missing.begin(), y.missing.end());
  std::sort(missing.begin(), missing.end());
  missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
  std::string message = x.message == y.message ? x.message : x.message + "; " + y.message;
  return Value::Error(std::move(message), std::move(missing), x.for_reader && y.for_reader);
}

Value NoMatchingOverload(std::string_view function, const Value* args, size_t n) {
  std::string message = "no matching overload for '" + std::string(function) + "' applied to (";
  for (size_t i = 0; i < n; ++i) message += (i ? ", " : "") + args[i].type()->ToString();
  return Value::Error(message + ")");
}

std::string FormatDouble(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  auto result = std::to_chars(buf, buf + sizeof buf, d);
  return std::string(buf, result.ptr);
}

size_t CodePointCount(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    uint32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static const uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace rurume::expr
