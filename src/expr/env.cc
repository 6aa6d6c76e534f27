#include "expr/env.h"

namespace rurume::expr {

namespace {

uint32_t Bit(Kind k) { return uint32_t{1} << static_cast<unsigned>(k); }

// The runtime kinds a parameter of type `t` accepts.
uint32_t KindMask(const Type& t) {
  switch (t.kind) {
    case Type::Kind::Dyn:
    case Type::Kind::Param:
    case Type::Kind::Error: return ~Bit(Kind::Error);
    case Type::Kind::Null: return Bit(Kind::Null);
    case Type::Kind::Bool: return Bit(Kind::Bool);
    case Type::Kind::Int: return Bit(Kind::Int);
    case Type::Kind::Uint: return Bit(Kind::Uint);
    case Type::Kind::Double: return Bit(Kind::Double);
    case Type::Kind::String: return Bit(Kind::String);
    case Type::Kind::Bytes: return Bit(Kind::Bytes);
    case Type::Kind::List: return Bit(Kind::List);
    case Type::Kind::Map: return Bit(Kind::Map);
    case Type::Kind::Timestamp: return Bit(Kind::Timestamp);
    case Type::Kind::Duration: return Bit(Kind::Duration);
    case Type::Kind::Date: return Bit(Kind::Date);
    case Type::Kind::Object: return Bit(Kind::Object);
    case Type::Kind::TypeT: return Bit(Kind::TypeV);
  }
  return 0;
}

}  // namespace

Env::Env() { RegisterStandardLibrary(*this); }

Env Env::Bare() { return Env(Bare_{}); }

uint32_t Env::DeclareVariable(std::string name, TypePtr type) {
  auto it = variable_index_.find(name);
  if (it != variable_index_.end()) {
    variables_[it->second].type = std::move(type);
    return it->second;
  }
  const auto slot = static_cast<uint32_t>(variables_.size());
  variable_index_.emplace(name, slot);
  variables_.push_back({std::move(name), std::move(type), slot});
  return slot;
}

const VariableDecl* Env::FindVariable(std::string_view name) const {
  auto it = variable_index_.find(name);
  return it == variable_index_.end() ? nullptr : &variables_[it->second];
}

void Env::AddOverload(std::string name, Overload overload) {
  overload.function = name;
  overload.kind_masks.clear();
  for (const TypePtr& p : overload.params) {
    uint32_t mask = KindMask(*p);
    // A non-strict overload sees error arguments where it accepts any type.
    if (!overload.strict && (p->kind == Type::Kind::Dyn || p->kind == Type::Kind::Param)) mask |= Bit(Kind::Error);
    overload.kind_masks.push_back(mask);
  }
  auto& overloads = functions_[name];
  auto shared = std::make_shared<const Overload>(std::move(overload));
  for (OverloadPtr& o : overloads) {
    if (o->id == shared->id) {
      o = std::move(shared);
      return;
    }
  }
  overloads.push_back(std::move(shared));
}

void Env::AddFunction(std::string name, std::string id, std::vector<TypePtr> params, TypePtr result,
                      FunctionImpl impl) {
  Overload o;
  o.id = std::move(id);
  o.params = std::move(params);
  o.result = std::move(result);
  o.impl = std::move(impl);
  AddOverload(std::move(name), std::move(o));
}

void Env::AddMethod(std::string name, std::string id, std::vector<TypePtr> params, TypePtr result,
                    FunctionImpl impl) {
  Overload o;
  o.id = std::move(id);
  o.receiver = true;
  o.params = std::move(params);
  o.result = std::move(result);
  o.impl = std::move(impl);
  AddOverload(std::move(name), std::move(o));
}

const std::vector<OverloadPtr>* Env::FindFunction(std::string_view name) const {
  auto it = functions_.find(name);
  return it == functions_.end() ? nullptr : &it->second;
}

std::vector<std::string> Env::FunctionNames() const {
  std::vector<std::string> names;
  for (const auto& entry : functions_) names.push_back(entry.first);
  return names;
}

Activation::Activation(const Env& env) : env_(&env) {
  values_.reserve(env.variables().size());
  for (const VariableDecl& v : env.variables())
    values_.push_back(Value::Error("no value bound for variable '" + v.name + "'"));
}

bool Activation::Set(std::string_view name, Value value) {
  const VariableDecl* v = env_->FindVariable(name);
  if (!v || v->slot >= values_.size()) return false;
  values_[v->slot] = std::move(value);
  return true;
}

}  // namespace rurume::expr
