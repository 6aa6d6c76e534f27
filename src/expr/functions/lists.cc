// Lists and maps: size, membership and list concatenation.
#include "expr/functions/functions.h"
#include "expr/functions/util.h"

namespace rurume::expr {

using namespace fn;

namespace {

Value SizeOfList(const Value* a, size_t) { return Value::Int(static_cast<int64_t>(a[0].list().size())); }
Value SizeOfMap(const Value* a, size_t) { return Value::Int(static_cast<int64_t>(a[0].map().size())); }

Value InList(const Value* a, size_t) {
  const ListImpl& list = a[1].list();
  for (size_t i = 0; i < list.size(); ++i)
    if (Equal(a[0], list.at(i))) return Value::Bool(true);
  return Value::Bool(false);
}

// The map finds 1, 1u and 1.0 alike.
Value InMap(const Value* a, size_t) { return Value::Bool(a[1].map().find(a[0]) != nullptr); }

// Concatenation shares an operand when the other is empty.
Value Concat(const Value* a, size_t) {
  const ListImpl& x = a[0].list();
  const ListImpl& y = a[1].list();
  if (y.size() == 0) return a[0];
  if (x.size() == 0) return a[1];
  std::vector<Value> items;
  items.reserve(x.size() + y.size());
  for (size_t i = 0; i < x.size(); ++i) items.push_back(x.at(i));
  for (size_t i = 0; i < y.size(); ++i) items.push_back(y.at(i));
  return Value::ListOf(std::move(items));
}

}  // namespace

void RegisterLists(Env& env) {
  const TypePtr I = Type::Int();
  const TypePtr list = Type::ListOf(A());
  const TypePtr map = Type::MapOf(A(), B());
  env.AddFunction("size", "size_list", {list}, I, SizeOfList);
  env.AddFunction("size", "size_map", {map}, I, SizeOfMap);
  env.AddMethod("size", "list_size", {list}, I, SizeOfList);
  env.AddMethod("size", "map_size", {map}, I, SizeOfMap);
  env.AddFunction(op::kIn, "in_list", {A(), list}, Type::Bool(), InList);
  env.AddFunction(op::kIn, "in_map", {A(), map}, Type::Bool(), InMap);
  env.AddFunction(op::kAdd, "add_list", {list, list}, list, Concat);
}

}  // namespace rurume::expr
