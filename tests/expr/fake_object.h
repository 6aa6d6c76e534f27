// A tiny ObjectType for tests: records are maps from field name to value;
// a field the schema declares but the record lacks is "absent", as in the
// export, and reading it gives an error value naming it in `missing`.
#pragma once

#include "expr/value.h"

#include <map>
#include <string>

namespace rurume::expr::testing {

struct FakeRecord {
  std::string id;
  std::map<std::string, Value, std::less<>> fields;
};

class FakeType : public ObjectType {
 public:
  FakeType(std::string name, std::map<std::string, TypePtr, std::less<>> schema)
      : name_(std::move(name)), schema_(std::move(schema)) {
    schema_.emplace("id", Type::String());
  }

  std::string_view name() const override { return name_; }

  const Type* field_type(std::string_view field) const override {
    auto it = schema_.find(field);
    return it == schema_.end() ? nullptr : it->second.get();
  }

  Value field(const void* record, std::string_view field) const override {
    const auto& r = *static_cast<const FakeRecord*>(record);
    if (field == "id") return Value::StringView(r.id);
    auto it = r.fields.find(field);
    if (it != r.fields.end()) return it->second;
    const std::string path = name_ + "." + std::string(field);
    if (field_type(field)) return Value::Error(path + " is absent", {path});
    return Value::Error("no field " + path);
  }

  bool has(const void* record, std::string_view field) const override {
    const auto& r = *static_cast<const FakeRecord*>(record);
    return field == "id" || r.fields.count(field) > 0;
  }

  Value Of(const FakeRecord& r) const { return Value::Object(this, &r); }

 private:
  std::string name_;
  std::map<std::string, TypePtr, std::less<>> schema_;
};

}  // namespace rurume::expr::testing
