// The loader's field tables and schemas/rurume-export.schema.json describe
// the same format: same records, same fields, same kinds, same enumerations.
#include "model/schema.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <string>

using nlohmann::json;
using namespace rurume;

namespace {

json LoadSchema() {
  std::ifstream in(std::string(RURUME_SOURCE_DIR) + "/schemas/rurume-export.schema.json");
  REQUIRE(in);
  return json::parse(in);
}

std::string RefName(const json& prop) {
  std::string ref = prop.value("$ref", "");
  const std::string prefix = "#/$defs/";
  return ref.rfind(prefix, 0) == 0 ? ref.substr(prefix.size()) : "";
}

std::vector<std::string> EnumValues(const EnumDesc& e) { return {e.values.begin(), e.values.end()}; }

/// Checks that the schema's description of one field matches its kind.
void CheckField(const FieldDesc& f, const json& prop) {
  CAPTURE(f.name);
  switch (f.kind) {
    case FieldKind::Id: CHECK(RefName(prop) == "id"); break;
    case FieldKind::Ref: CHECK(RefName(prop) == "ref"); break;
    case FieldKind::Date: CHECK(RefName(prop) == "date"); break;
    case FieldKind::Timestamp: CHECK(RefName(prop) == "timestamp"); break;
    case FieldKind::String: CHECK(prop.value("type", "") == "string"); break;
    case FieldKind::Bool: CHECK(prop.value("type", "") == "boolean"); break;
    case FieldKind::Int: CHECK(prop.value("type", "") == "integer"); break;
    case FieldKind::Enum:
      CHECK(prop.value("type", "") == "string");
      CHECK(prop.at("enum").get<std::vector<std::string>>() == EnumValues(*f.enumeration));
      break;
    case FieldKind::EnumList:
      CHECK(prop.value("type", "") == "array");
      CHECK(prop.at("items").at("enum").get<std::vector<std::string>>() == EnumValues(*f.enumeration));
      break;
    case FieldKind::StringList:
      CHECK(prop.value("type", "") == "array");
      CHECK(prop.at("items").value("type", "") == "string");
      break;
    case FieldKind::Object: CHECK(RefName(prop) == f.object->name); break;
    case FieldKind::ObjectList:
      CHECK(prop.value("type", "") == "array");
      CHECK(RefName(prop.at("items")) == f.object->name);
      break;
  }
}

}  // namespace

TEST_CASE("every record type of the loader is in the export schema, field by field") {
  json schema = LoadSchema();
  const json& defs = schema.at("$defs");
  for (const RecordDesc* d : AllRecordDescs()) {
    CAPTURE(d->name);
    REQUIRE(defs.contains(std::string(d->name)));
    const json& def = defs.at(std::string(d->name));
    CHECK(def.at("additionalProperties") == false);
    CHECK(def.at("patternProperties").contains("^x-"));
    std::set<std::string> in_schema, in_loader;
    for (const auto& [name, prop] : def.at("properties").items()) in_schema.insert(name);
    for (const FieldDesc& f : d->fields) {
      in_loader.insert(std::string(f.name));
      if (def.at("properties").contains(std::string(f.name))) CheckField(f, def.at("properties").at(std::string(f.name)));
    }
    CHECK(in_schema == in_loader);
    if (!d->collection.empty()) CHECK(def.at("required") == json::array({"id"}));
  }
}

TEST_CASE("the schema's top level lists format, exported_at, network and the nine collections") {
  json schema = LoadSchema();
  std::set<std::string> expected{"format", "exported_at", "network"};
  for (const CollectionDesc& c : Collections()) {
    expected.insert(std::string(c.key));
    CHECK(RefName(schema.at("properties").at(std::string(c.key)).at("items")) == c.record->name);
  }
  std::set<std::string> actual;
  for (const auto& [name, prop] : schema.at("properties").items()) actual.insert(name);
  CHECK(actual == expected);
  CHECK(schema.at("required") == json::array({"format"}));
  CHECK(schema.at("properties").at("format").at("const") == "rurume-export/1");
}
