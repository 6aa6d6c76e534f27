// Writes schemas/rurume-export.schema.json from the record table
// (src/model/records.def): the one place the export format is declared.
//
//   export_schema            prints the schema
//   export_schema --check F  exits 1 (saying how to regenerate) when F differs
#include "model/schema.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

namespace {

using J = nlohmann::ordered_json;
using namespace rurume;

J EnumValues(const EnumDesc& e) {
  J values = J::array();
  for (std::string_view v : e.values) values.push_back(std::string(v));
  return values;
}

J Def(std::string_view name) { return J{{"$ref", "#/$defs/" + std::string(name)}}; }

J FieldSchema(const FieldDesc& f) {
  J j;
  std::string description(f.description);
  switch (f.kind) {
    case FieldKind::Id: j = Def("id"); break;
    case FieldKind::String: j = J{{"type", "string"}}; break;
    case FieldKind::Bool: j = J{{"type", "boolean"}}; break;
    case FieldKind::Int: j = J{{"type", "integer"}}; break;
    case FieldKind::Date: j = Def("date"); break;
    case FieldKind::Timestamp: j = Def("timestamp"); break;
    case FieldKind::Enum: j = J{{"type", "string"}, {"enum", EnumValues(*f.enumeration)}}; break;
    case FieldKind::EnumList:
      j = J{{"type", "array"}, {"items", J{{"type", "string"}, {"enum", EnumValues(*f.enumeration)}}}};
      break;
    case FieldKind::StringList: j = J{{"type", "array"}, {"items", J{{"type", "string"}}}}; break;
    case FieldKind::Ref:
      j = Def("ref");
      description = "Reference to a " + std::string(f.target->name) + " id." +
                    (description.empty() ? "" : " " + description);
      break;
    case FieldKind::Object: j = Def(f.object->name); break;
    case FieldKind::ObjectList: {
      J item = Def(f.object->name);
      item["description"] = std::string(f.object->element_description);
      j = J{{"type", "array"}, {"description", description}, {"items", item}};
      return j;
    }
  }
  j["description"] = description;
  if (!f.default_value.empty()) j["default"] = std::string(f.default_value);
  return j;
}

J RecordSchema(const RecordDesc& d) {
  J j{{"type", "object"}, {"description", std::string(d.description)}};
  J props = J::object();
  bool has_id = false;
  for (const FieldDesc& f : d.fields) {
    props[std::string(f.name)] = FieldSchema(f);
    has_id = has_id || f.kind == FieldKind::Id;
  }
  j["properties"] = props;
  if (has_id) j["required"] = J::array({"id"});
  j["patternProperties"] = J{{"^x-", J::object()}};
  j["additionalProperties"] = false;
  return j;
}

J Schema() {
  J s;
  s["$schema"] = "https://json-schema.org/draft/2020-12/schema";
  s["$id"] = "https://rurume-audit.invalid/schemas/rurume-export.schema.json";
  s["title"] = "rurume-export/1 (one file)";
  s["description"] =
      "One file of a rurume-audit input export. Generated from the record table (src/model/records.def) by "
      "tests/tools/export_schema.cc: do not edit by hand. The schema is stricter than rurume-audit about unknown "
      "fields: it rejects every field not in the spec except extensions beginning with x-, where rurume-audit "
      "only warns. Cross-file and cross-record rules (unique ids, dangling references, network and exported_at in "
      "exactly one file) are checked by rurume-audit, not by this schema.";
  s["type"] = "object";
  s["required"] = J::array({"format"});
  J props;
  props["format"] = J{{"const", "rurume-export/1"}, {"description", "Format identifier; required in every file of an export."}};
  props["exported_at"] = Def("timestamp");
  props["exported_at"]["description"] = "When the export was made; appears in exactly one file of an export.";
  props["network"] = Def("network");
  props["network"]["description"] = "The network (るるめネット); appears in exactly one file of an export.";
  for (const CollectionDesc& c : Collections()) {
    J item = Def(c.record->name);
    item["description"] = std::string(c.record->element_description);
    props[std::string(c.key)] =
        J{{"type", "array"}, {"description", std::string(c.record->collection_description)}, {"items", item}};
  }
  s["properties"] = props;
  s["patternProperties"] = J{{"^x-", J::object()}};
  s["additionalProperties"] = false;
  J defs;
  defs["id"] = J{{"type", "string"}, {"minLength", 1},
                 {"description", "Identifier of a record, unique within its collection (uniqueness is checked by "
                                 "rurume-audit, not by this schema)."}};
  defs["ref"] = J{{"type", "string"}, {"minLength", 1},
                  {"description", "The id of a record in another collection; a dangling reference is an input "
                                  "error (checked by rurume-audit, not by this schema)."}};
  defs["date"] = J{{"type", "string"}, {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}, {"format", "date"},
                   {"description", "A calendar date in Japan, YYYY-MM-DD."}};
  defs["timestamp"] = J{
      {"type", "string"},
      {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?$"},
      {"description", "ISO 8601 date and time, YYYY-MM-DDTHH:MM[:SS[.fraction]][Z|+HH:MM|-HH:MM], e.g. "
                      "2026-11-02T09:30:00+09:00. Without an offset it is Japan time (UTC+9, no DST)."}};
  for (const RecordDesc* d : AllRecordDescs()) defs[std::string(d->name)] = RecordSchema(*d);
  s["$defs"] = defs;
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  std::string text = Schema().dump(2, ' ', false) + "\n";
  if (argc == 3 && std::string(argv[1]) == "--check") {
    std::ifstream in(argv[2], std::ios::binary);
    std::string committed(std::istreambuf_iterator<char>(in), {});
    if (committed == text) return 0;
    std::cerr << argv[2] << " is not what the record table (src/model/records.def) generates.\n"
              << "Regenerate it from the build directory with:\n"
              << "  cmake --build build --target export_schema && build/tests/export_schema > "
                 "schemas/rurume-export.schema.json\n";
    return 1;
  }
  if (argc != 1) {
    std::cerr << "usage: export_schema [--check FILE]\n";
    return 2;
  }
  std::cout << text;
  return 0;
}
