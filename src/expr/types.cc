// Type factories (primitives are shared singletons) and their names.
#include "expr/types.h"

#include "expr/value.h"

namespace rurume::expr {

namespace {

TypePtr Make(Type::Kind kind) {
  auto t = std::make_shared<Type>();
  t->kind = kind;
  return t;
}

}  // namespace

#define RURUME_PRIMITIVE(Name, K)           \
  TypePtr Type::Name() {                    \
    static const TypePtr t = Make(Kind::K); \
    return t;                               \
  }
RURUME_PRIMITIVE(Dyn, Dyn)
RURUME_PRIMITIVE(Null, Null)
RURUME_PRIMITIVE(Bool, Bool)
RURUME_PRIMITIVE(Int, Int)
RURUME_PRIMITIVE(Uint, Uint)
RURUME_PRIMITIVE(Double, Double)
RURUME_PRIMITIVE(String, String)
RURUME_PRIMITIVE(Bytes, Bytes)
RURUME_PRIMITIVE(Timestamp, Timestamp)
RURUME_PRIMITIVE(Duration, Duration)
RURUME_PRIMITIVE(Date, Date)
RURUME_PRIMITIVE(TypeType, TypeT)
RURUME_PRIMITIVE(ErrorType, Error)
#undef RURUME_PRIMITIVE

TypePtr Type::ListOf(TypePtr elem) {
  // list(dyn) is what every runtime list reports: share it.
  static const TypePtr list_dyn = [] {
    auto t = std::make_shared<Type>();
    t->kind = Kind::List;
    t->elem = Dyn();
    return TypePtr(t);
  }();
  if (!elem || elem == Dyn()) return list_dyn;
  auto t = std::make_shared<Type>();
  t->kind = Kind::List;
  t->elem = std::move(elem);
  return t;
}

TypePtr Type::MapOf(TypePtr key, TypePtr value) {
  static const TypePtr map_dyn = [] {
    auto t = std::make_shared<Type>();
    t->kind = Kind::Map;
    t->key = Dyn();
    t->value = Dyn();
    return TypePtr(t);
  }();
  if ((!key || key == Dyn()) && (!value || value == Dyn())) return map_dyn;
  auto t = std::make_shared<Type>();
  t->kind = Kind::Map;
  t->key = key ? std::move(key) : Dyn();
  t->value = value ? std::move(value) : Dyn();
  return t;
}

TypePtr Type::ObjectOf(const ObjectType* object) {
  auto t = std::make_shared<Type>();
  t->kind = Kind::Object;
  t->object = object;
  return t;
}

TypePtr Type::Param(std::string name) {
  auto t = std::make_shared<Type>();
  t->kind = Kind::Param;
  t->param = std::move(name);
  return t;
}

std::string Type::ToString() const {
  switch (kind) {
    case Kind::Dyn: return "dyn";
    case Kind::Null: return "null_type";
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Uint: return "uint";
    case Kind::Double: return "double";
    case Kind::String: return "string";
    case Kind::Bytes: return "bytes";
    case Kind::List: return "list(" + (elem ? elem->ToString() : "dyn") + ")";
    case Kind::Map:
      return "map(" + (key ? key->ToString() : "dyn") + ", " + (value ? value->ToString() : "dyn") + ")";
    case Kind::Timestamp: return "timestamp";
    case Kind::Duration: return "duration";
    case Kind::Date: return "date";
    case Kind::Object: return object ? std::string(object->name()) : "object";
    case Kind::TypeT: return "type";
    case Kind::Error: return "error";
    case Kind::Param: return param;
  }
  return "?";
}

}  // namespace rurume::expr
