// Value factories, the in-memory list and map used for literals and
// computed collections, and the readable rendering of values.
#include "expr/value.h"

#include "calendar/range.h"

#include "calendar/time_util.h"
#include "expr/value_ops.h"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <cmath>
#include <cstdio>
#include <unordered_map>

namespace rurume::expr {

namespace {

// a + b, at most UINT64_MAX.
uint64_t SaturatingAdd(uint64_t a, uint64_t b) {
  uint64_t r = 0;
  return __builtin_add_overflow(a, b, &r) ? UINT64_MAX : r;
}

class VectorList final : public ListImpl {
 public:
  explicit VectorList(std::vector<Value> items) : items_(std::move(items)) {
    for (const Value& v : items_) footprint_ = SaturatingAdd(footprint_, SaturatingAdd(1, Footprint(v)));
  }
  size_t size() const override { return items_.size(); }
  Value at(size_t i) const override { return items_[i]; }
  uint64_t footprint() const override { return footprint_; }

 private:
  std::vector<Value> items_;
  uint64_t footprint_ = 0;
};

// A map key reduced so that equal CEL keys are identical: numbers that fit
// an int64 are ints whatever their type (1, 1u and 1.0 are one key).
struct NormKey {
  enum Tag : uint8_t { Bool, Int, BigUint, String } tag;
  uint64_t bits = 0;
  std::string_view text;
  bool operator==(const NormKey& o) const { return tag == o.tag && bits == o.bits && text == o.text; }
};

struct NormKeyHash {
  size_t operator()(const NormKey& k) const {
    return std::hash<std::string_view>()(k.text) ^ (std::hash<uint64_t>()(k.bits) * 31 + k.tag);
  }
};

bool Normalize(const Value& v, NormKey* out) {
  switch (v.kind()) {
    case Kind::Bool: *out = {NormKey::Bool, v.bool_value(), {}}; return true;
    case Kind::Int: *out = {NormKey::Int, static_cast<uint64_t>(v.int_value()), {}}; return true;
    case Kind::Uint:
      if (v.uint_value() <= static_cast<uint64_t>(INT64_MAX)) *out = {NormKey::Int, v.uint_value(), {}};
      else *out = {NormKey::BigUint, v.uint_value(), {}};
      return true;
    case Kind::Double: {
      // Only a lookup key: a double finds the int or uint key of equal value.
      const double d = v.double_value();
      if (d != std::trunc(d)) return false;
      if (d >= -9223372036854775808.0 && d < 9223372036854775808.0) {
        *out = {NormKey::Int, static_cast<uint64_t>(static_cast<int64_t>(d)), {}};
        return true;
      }
      if (d >= 0 && d < 18446744073709551616.0) {
        *out = {NormKey::BigUint, static_cast<uint64_t>(d), {}};
        return true;
      }
      return false;
    }
    case Kind::String: *out = {NormKey::String, 0, v.string_value()}; return true;
    default: return false;
  }
}

class VectorMap final : public MapImpl {
 public:
  // Small maps are scanned; larger ones get a hash index.
  static constexpr size_t kIndexFrom = 8;

  size_t size() const override { return keys_.size(); }
  Value key_at(size_t i) const override { return keys_[i]; }
  uint64_t footprint() const override { return footprint_; }
  const Value* find(const Value& key) const override {
    NormKey k;
    if (!Normalize(key, &k)) return nullptr;
    if (!index_.empty()) {
      auto it = index_.find(k);
      return it == index_.end() ? nullptr : &values_[it->second];
    }
    for (size_t i = 0; i < norm_.size(); ++i)
      if (norm_[i] == k) return &values_[i];
    return nullptr;
  }

  // False (with a message) when the key is not a key type or repeats.
  bool Add(Value key, Value value, std::string* error) {
    NormKey k;
    if (!IsKeyKind(key.kind()) || !Normalize(key, &k)) {
      *error = "unsupported key type: " + key.type()->ToString();
      return false;
    }
    if (find(key)) {
      *error = "Failed with repeated key: " + key.DebugString();
      return false;
    }
    footprint_ = SaturatingAdd(footprint_, SaturatingAdd(1, SaturatingAdd(Footprint(key), Footprint(value))));
    keys_.push_back(std::move(key));
    values_.push_back(std::move(value));
    norm_.push_back(k);  // a string key's text stays in the key's own storage
    if (keys_.size() == kIndexFrom) {
      for (size_t i = 0; i < norm_.size(); ++i) index_.emplace(norm_[i], i);
    } else if (keys_.size() > kIndexFrom) {
      index_.emplace(norm_.back(), keys_.size() - 1);
    }
    return true;
  }

 private:
  std::vector<Value> keys_, values_;
  std::vector<NormKey> norm_;
  std::unordered_map<NormKey, size_t, NormKeyHash> index_;
  uint64_t footprint_ = 0;
};

void AppendQuoted(std::string& out, std::string_view s, bool bytes) {
  out += bytes ? "b\"" : "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f || (bytes && c >= 0x80)) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

const boost::posix_time::ptime& Epoch() {
  static const boost::posix_time::ptime epoch(boost::gregorian::date(1970, 1, 1));
  return epoch;
}

}  // namespace

Value Value::Bool(bool b) {
  Value v;
  v.kind_ = Kind::Bool;
  v.b_ = b;
  return v;
}

Value Value::Int(int64_t i) {
  Value v;
  v.kind_ = Kind::Int;
  v.i_ = i;
  return v;
}

Value Value::Uint(uint64_t u) {
  Value v;
  v.kind_ = Kind::Uint;
  v.u_ = u;
  return v;
}

Value Value::Double(double d) {
  Value v;
  v.kind_ = Kind::Double;
  v.d_ = d;
  return v;
}

Value Value::String(std::string s) {
  auto owned = std::make_shared<const std::string>(std::move(s));
  Value v = StringView(*owned);
  v.ptr_ = std::move(owned);
  return v;
}

Value Value::StringView(std::string_view s) {
  Value v;
  v.kind_ = Kind::String;
  v.str_ = {s.data(), s.size()};
  return v;
}

Value Value::Bytes(std::string s) {
  Value v = String(std::move(s));
  v.kind_ = Kind::Bytes;
  return v;
}

Value Value::BytesView(std::string_view s) {
  Value v = StringView(s);
  v.kind_ = Kind::Bytes;
  return v;
}

Value Value::List(std::shared_ptr<const ListImpl> l) {
  Value v;
  v.kind_ = Kind::List;
  v.ptr_ = std::move(l);
  return v;
}

Value Value::ListOf(std::vector<Value> items) { return List(std::make_shared<VectorList>(std::move(items))); }

Value Value::Map(std::shared_ptr<const MapImpl> m) {
  Value v;
  v.kind_ = Kind::Map;
  v.ptr_ = std::move(m);
  return v;
}

Value Value::MapOf(std::vector<std::pair<Value, Value>> entries) {
  auto map = std::make_shared<VectorMap>();
  std::string error;
  for (auto& [key, value] : entries)
    if (!map->Add(std::move(key), std::move(value), &error)) return Error(error);
  return Map(std::move(map));
}

Value Value::Timestamp(boost::posix_time::ptime utc) {
  if (utc.is_special()) return Error("invalid timestamp");
  const int64_t ticks = (utc - Epoch()).ticks();
  const int64_t per_second = boost::posix_time::time_duration::ticks_per_second();
  int64_t seconds = ticks / per_second, rest = ticks % per_second;
  if (rest < 0) {
    --seconds;
    rest += per_second;
  }
  return TimestampUnix(seconds, static_cast<int32_t>(rest * (calendar::time::kNanosPerSecond / per_second)));
}

Value Value::TimestampUnix(int64_t seconds, int32_t nanos) {
  Value v;
  v.kind_ = Kind::Timestamp;
  v.ts_ = {seconds, nanos};
  return v;
}

boost::posix_time::ptime Value::timestamp_value() const {
  static const int64_t kBoostMin = calendar::time::DaysFromCivil(1400, 1, 1) * 86400;
  if (ts_.seconds < kBoostMin) return boost::posix_time::ptime(boost::posix_time::not_a_date_time);
  return Epoch() + boost::posix_time::seconds(ts_.seconds) + boost::posix_time::microseconds(ts_.nanos / 1000);
}

Value Value::Duration(boost::posix_time::time_duration d) {
  if (d.is_special()) return Error("invalid duration");
  const int64_t per_nano = calendar::time::kNanosPerSecond / boost::posix_time::time_duration::ticks_per_second();
  int64_t nanos = 0;
  if (__builtin_mul_overflow(d.ticks(), per_nano, &nanos)) return Error("duration out of range");
  return DurationNanos(nanos);
}

Value Value::DurationNanos(int64_t nanos) {
  Value v;
  v.kind_ = Kind::Duration;
  v.i_ = nanos;
  return v;
}

boost::posix_time::time_duration Value::duration_value() const { return boost::posix_time::microseconds(i_ / 1000); }

Value Value::Date(rurume::Date d) {
  if (d.is_special()) return Error("invalid date");
  if (!calendar::InRange(d)) return Error("date out of range (1400-01-01 to 9999-12-31)");
  Value v;
  v.kind_ = Kind::Date;
  v.day_ = d.day_number();
  return v;
}

Value Value::Object(const ObjectType* type, const void* record) {
  Value v;
  v.kind_ = Kind::Object;
  v.obj_ = {type, record};
  return v;
}

Value Value::TypeValue(TypePtr t) {
  Value v;
  v.kind_ = Kind::TypeV;
  v.ptr_ = std::make_shared<const TypePtr>(std::move(t));
  return v;
}

Value Value::Error(std::string message, std::vector<std::string> missing, bool for_reader) {
  auto e = std::make_shared<ErrorInfo>();
  e->message = std::move(message);
  e->missing = std::move(missing);
  e->for_reader = for_reader;
  return Error(std::shared_ptr<const ErrorInfo>(std::move(e)));
}

Value Value::Error(std::shared_ptr<const ErrorInfo> e) {
  Value v;
  v.kind_ = Kind::Error;
  v.ptr_ = std::move(e);
  return v;
}

TypePtr Value::type() const {
  switch (kind_) {
    case Kind::Null: return Type::Null();
    case Kind::Bool: return Type::Bool();
    case Kind::Int: return Type::Int();
    case Kind::Uint: return Type::Uint();
    case Kind::Double: return Type::Double();
    case Kind::String: return Type::String();
    case Kind::Bytes: return Type::Bytes();
    case Kind::List: return Type::ListOf(Type::Dyn());
    case Kind::Map: return Type::MapOf(Type::Dyn(), Type::Dyn());
    case Kind::Timestamp: return Type::Timestamp();
    case Kind::Duration: return Type::Duration();
    case Kind::Date: return Type::Date();
    case Kind::Object: return Type::ObjectOf(obj_.type);
    case Kind::TypeV: return Type::TypeType();
    case Kind::Error: return Type::ErrorType();
  }
  return Type::Dyn();
}

std::string Value::DebugString() const {
  std::string out;
  switch (kind_) {
    case Kind::Null: return "null";
    case Kind::Bool: return b_ ? "true" : "false";
    case Kind::Int: return std::to_string(i_);
    case Kind::Uint: return std::to_string(u_) + "u";
    case Kind::Double: {
      out = FormatDouble(d_);
      if (out.find_first_of(".eEnN") == std::string::npos) out += ".0";  // keep it a double
      return out;
    }
    case Kind::String: AppendQuoted(out, string_value(), false); return out;
    case Kind::Bytes: AppendQuoted(out, string_value(), true); return out;
    case Kind::List: {
      out = "[";
      for (size_t i = 0; i < list().size(); ++i) out += (i ? ", " : "") + list().at(i).DebugString();
      return out + "]";
    }
    case Kind::Map: {
      out = "{";
      for (size_t i = 0; i < map().size(); ++i) {
        const Value key = map().key_at(i);
        out += (i ? ", " : "") + key.DebugString() + ": " + map().find(key)->DebugString();
      }
      return out + "}";
    }
    case Kind::Timestamp: return calendar::time::FormatTimestamp(ts_.seconds, ts_.nanos);
    case Kind::Duration: return calendar::time::FormatDuration(i_);
    case Kind::Date: return boost::gregorian::to_iso_extended_string(date_value());
    case Kind::Object: {
      out = std::string(obj_.type->name());
      const Value id = obj_.type->field(obj_.record, "id");
      return id.is(Kind::String) ? out + "(" + std::string(id.string_value()) + ")" : out;
    }
    case Kind::TypeV: return type_value()->ToString();
    case Kind::Error: return "error(" + error().message + ")";
  }
  return out;
}

uint64_t Footprint(const Value& v) {
  switch (v.kind()) {
    case Kind::String:
    case Kind::Bytes: return v.string_value().size();
    case Kind::List: return v.list().footprint();
    case Kind::Map: return v.map().footprint();
    case Kind::Error: return v.error().message.size();
    default: return 1;
  }
}

}  // namespace rurume::expr
