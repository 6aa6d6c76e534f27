// Static types of the rule expression language, for the checker that runs
// when rules load (before any export is read).
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace rurume::expr {

class ObjectType;
struct Type;
using TypePtr = std::shared_ptr<const Type>;

struct Type {
  enum class Kind : uint8_t {
    Dyn,        // unknown until run time
    Null, Bool, Int, Uint, Double, String, Bytes,
    List,       // elem
    Map,        // key, value
    Timestamp, Duration,
    Date,       // a calendar day (our extension; the export's `date` fields)
    Object,     // an export record: object
    TypeT,      // the type of types: type(x)
    Error,
    Param,      // a type parameter in function signatures: name
  };
  Kind kind = Kind::Dyn;
  TypePtr elem;                         // List
  TypePtr key, value;                   // Map
  const ObjectType* object = nullptr;   // Object
  std::string param;                    // Param

  static TypePtr Dyn();
  static TypePtr Null();
  static TypePtr Bool();
  static TypePtr Int();
  static TypePtr Uint();
  static TypePtr Double();
  static TypePtr String();
  static TypePtr Bytes();
  static TypePtr Timestamp();
  static TypePtr Duration();
  static TypePtr Date();
  static TypePtr TypeType();
  static TypePtr ListOf(TypePtr elem);
  static TypePtr MapOf(TypePtr key, TypePtr value);
  static TypePtr ObjectOf(const ObjectType* object);
  static TypePtr Param(std::string name);
  /// The type of an expression the checker could not type (after an error).
  static TypePtr ErrorType();

  bool is(Kind k) const { return kind == k; }

  /// "int", "list(string)", "map(string, dyn)", "device", ...
  std::string ToString() const;
};

}  // namespace rurume::expr
