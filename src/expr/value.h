// Runtime values of the rule expression language (a subset of CEL).
//
// A Value is small and cheap to copy: scalars inline, strings either borrowed
// (a view into the export or the expression text, which outlive evaluation)
// or owned through a shared pointer, aggregates behind shared pointers, and
// export records as a pointer plus their ObjectType.
#pragma once

#include "expr/types.h"
#include "base/time.h"

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rurume::expr {

class Value;

/// A list: literal lists and computed ones are vectors; lists read from the
/// export are views over the model, without copying.
class ListImpl {
 public:
  virtual ~ListImpl() = default;
  virtual size_t size() const = 0;
  virtual Value at(size_t i) const = 0;
  /// What the list holds in all, for the cost limit: an element costs 1 plus
  /// its own footprint (Footprint below). Lists over the export hold records
  /// and the export's own values: their size.
  virtual uint64_t footprint() const { return size(); }
};

/// A map with keys of bool, int, uint or string (CEL's key types).
class MapImpl {
 public:
  virtual ~MapImpl() = default;
  virtual size_t size() const = 0;
  /// The value for `key`, or nullptr when absent.
  virtual const Value* find(const Value& key) const = 0;
  /// The keys in insertion order (for macros over maps).
  virtual Value key_at(size_t i) const = 0;
  /// As ListImpl::footprint(), over keys and values.
  virtual uint64_t footprint() const { return size(); }
};

/// An error value. `missing` names the absent export fields that caused it
/// ("device.remote_wipe"): a rule whose result is such an error is reported
/// as not evaluated for that subject.
struct ErrorInfo {
  std::string message;
  std::vector<std::string> missing;
  /// The message is written for a report's reader, in the report's language
  /// (the host's errors about its data); else it is the evaluator's own,
  /// for whoever writes the expression.
  bool for_reader = false;
};

/// How the evaluator reaches the fields of an export record (a device, a
/// member, a takeout, ...). Implemented once, over the schema tables.
class ObjectType {
 public:
  virtual ~ObjectType() = default;
  /// "device", "member", ...
  virtual std::string_view name() const = 0;
  /// The field's static type, or nullptr if the record type has no such field.
  virtual const Type* field_type(std::string_view field) const = 0;
  /// The field's value. An absent field gives an error value whose
  /// `missing` is {"<name>.<field>"}; an unknown field gives an error too.
  virtual Value field(const void* record, std::string_view field) const = 0;
  /// has(record.field): the field is present.
  virtual bool has(const void* record, std::string_view field) const = 0;
};

enum class Kind : uint8_t {
  Null, Bool, Int, Uint, Double, String, Bytes, List, Map, Timestamp, Duration, Date, Object, TypeV, Error
};

class Value {
 public:
  Value() = default;  // null
  static Value Null() { return Value(); }
  static Value Bool(bool b);
  static Value Int(int64_t i);
  static Value Uint(uint64_t u);
  static Value Double(double d);
  /// A string owned by the value.
  static Value String(std::string s);
  /// A string borrowed from storage that outlives the value (the export, the AST).
  static Value StringView(std::string_view s);
  static Value Bytes(std::string s);
  /// Bytes borrowed from storage that outlives the value.
  static Value BytesView(std::string_view s);
  static Value List(std::shared_ptr<const ListImpl> l);
  static Value ListOf(std::vector<Value> items);
  static Value Map(std::shared_ptr<const MapImpl> m);
  /// A map literal: keys must be bool, int, uint or string and distinct
  /// (1 and 1u are the same key); otherwise an error value.
  static Value MapOf(std::vector<std::pair<Value, Value>> entries);
  /// An instant. Microsecond precision (Boost's default resolution); an
  /// invalid ptime (not_a_date_time, infinities) gives an error value.
  static Value Timestamp(boost::posix_time::ptime utc);
  /// An instant as Unix seconds and nanoseconds in [0, 1e9). The caller
  /// keeps it within CEL's range (years 0001 to 9999).
  static Value TimestampUnix(int64_t seconds, int32_t nanos);
  static Value Duration(boost::posix_time::time_duration d);
  /// A duration in nanoseconds (CEL limits durations to int64 nanoseconds).
  static Value DurationNanos(int64_t nanos);
  static Value Date(rurume::Date d);
  static Value Object(const ObjectType* type, const void* record);
  static Value TypeValue(TypePtr t);
  static Value Error(std::string message, std::vector<std::string> missing = {}, bool for_reader = false);
  static Value Error(std::shared_ptr<const ErrorInfo> e);

  Kind kind() const { return kind_; }
  bool is(Kind k) const { return kind_ == k; }
  bool is_error() const { return kind_ == Kind::Error; }

  bool bool_value() const { return b_; }
  int64_t int_value() const { return i_; }
  uint64_t uint_value() const { return u_; }
  double double_value() const { return d_; }
  std::string_view string_value() const { return {str_.data, str_.size}; }  // String, Bytes
  const ListImpl& list() const { return *static_cast<const ListImpl*>(ptr_.get()); }
  const MapImpl& map() const { return *static_cast<const MapImpl*>(ptr_.get()); }
  /// The instant as a ptime (microseconds; not_a_date_time before 1400,
  /// which Boost's calendar does not reach).
  boost::posix_time::ptime timestamp_value() const;
  int64_t timestamp_seconds() const { return ts_.seconds; }  // since 1970-01-01T00:00:00Z
  int32_t timestamp_nanos() const { return ts_.nanos; }      // [0, 1e9)
  /// The duration as a time_duration (truncated to microseconds).
  boost::posix_time::time_duration duration_value() const;
  int64_t duration_nanos() const { return i_; }
  rurume::Date date_value() const { return rurume::Date(day_); }
  const ObjectType* object_type() const { return obj_.type; }
  const void* object() const { return obj_.record; }
  const TypePtr& type_value() const { return *static_cast<const TypePtr*>(ptr_.get()); }
  const ErrorInfo& error() const { return *static_cast<const ErrorInfo*>(ptr_.get()); }
  std::shared_ptr<const ErrorInfo> error_ptr() const {
    return std::static_pointer_cast<const ErrorInfo>(ptr_);
  }

  /// The value's runtime type (for type() and messages).
  TypePtr type() const;
  /// A readable rendering, as in messages and `eval` output: strings quoted,
  /// lists [1, 2], maps {"a": 1}, timestamps 2026-11-24T02:00:00Z, dates
  /// 2026-11-24, durations 3600s, objects device(DV0001).
  std::string DebugString() const;

 private:
  // Scalars share one 16-byte union; strings are a view (into ptr_ when
  // owned); aggregates, errors and type values live behind ptr_. Copying a
  // Value therefore costs at most one reference count.
  struct StrRep { const char* data; size_t size; };
  struct TsRep { int64_t seconds; int32_t nanos; };
  struct ObjRep { const ObjectType* type; const void* record; };

  Kind kind_ = Kind::Null;
  union {
    bool b_;
    int64_t i_;  // Int, Duration (nanoseconds)
    uint64_t u_;
    double d_;
    uint32_t day_;  // Date: Boost's day number
    TsRep ts_;
    ObjRep obj_;
    StrRep str_ = {nullptr, 0};
  };
  std::shared_ptr<const void> ptr_;  // owned string, list, map, error or TypePtr
};

/// How much a value holds, for the cost limit: a string's or bytes' length,
/// a list's or map's footprint(), 1 for anything else. Kept by each list and
/// map when it is made, so O(1); a list that holds the same big string 450
/// times holds 450 of it, as printing it would show.
uint64_t Footprint(const Value& v);

}  // namespace rurume::expr
