// The export format as data, expanded from the table in records.def: for
// every record type, its fields with their kinds, flags, enumerations,
// reference targets and typed access to their storage; its labels, its path
// to its facility and its patient, and its subject id.
//
// The loader fills records through these descriptors, the expression
// checker resolves field paths against them, the reports screen personal
// fields through them, and schemas/rurume-export.schema.json is generated
// from them.
#pragma once

#include "base/diagnostics.h"
#include "model/model.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace rurume {

enum class FieldKind : uint8_t {
  Id,          // std::string, required
  String,      // std::optional<std::string>
  Bool,        // std::optional<bool>
  Int,         // std::optional<int64_t>
  Date,        // std::optional<Date>
  Timestamp,   // std::optional<Timestamp>
  Enum,        // Enum<E>
  EnumList,    // EnumList<E>
  StringList,  // std::optional<std::vector<std::string>>
  Ref,         // Ref<T>
  Object,      // std::optional<S>, S a Record
  ObjectList,  // std::optional<std::vector<S>>, S a Record
};

/// The name of a kind as the diagnostics and the docs say it.
std::string_view KindName(FieldKind kind);

/// What a field means when it is absent, and whether it is personal
/// (records.def explains each).
enum FieldFlag : uint8_t {
  kPersonal = 1,
  kEvidence = 2,
  kEventDate = 4,
  kEmptyByDefault = 8,
};

struct EnumDesc {
  std::string_view name;
  std::vector<std::string_view> values;  // index = enumerator value
  std::vector<std::string_view> labels_ja;  // what reports call each value
  std::vector<std::string_view> labels_en;
  /// The label of value `index` in `lang`.
  std::string_view Label(size_t index, Lang lang) const { return (lang == Lang::Ja ? labels_ja : labels_en).at(index); }
  /// The label of the value spelled `spelling`, or the spelling itself when
  /// it is none of the values.
  std::string_view LabelOf(std::string_view spelling, Lang lang) const;
  /// The index of `text`, or -1.
  int Find(std::string_view text) const;
};

struct RecordDesc;

struct FieldDesc {
  std::string_view name;
  FieldKind kind = FieldKind::String;
  uint8_t flags = 0;                       // FieldFlag bits
  std::string_view label_ja;               // what reports call the field
  std::string_view label_en;
  std::string_view description;            // for the JSON Schema
  std::string_view default_value;          // the format's default, or empty
  const EnumDesc* enumeration = nullptr;   // Enum, EnumList
  const RecordDesc* target = nullptr;      // Ref: the referenced record type
  const RecordDesc* object = nullptr;      // Object, ObjectList: the element type
  void* (*slot)(void* record) = nullptr;   // address of the field's storage
  /// Enum, EnumList, Ref: the storage at `slot` as its typed base.
  EnumSlot* (*as_enum)(void* slot) = nullptr;
  EnumListSlot* (*as_enum_list)(void* slot) = nullptr;
  RefBase* (*as_ref)(void* slot) = nullptr;
  /// Object: constructs the object in the optional and returns it.
  /// ObjectList: appends an element (creating the list) and returns it.
  void* (*make)(void* slot) = nullptr;
  /// Object / ObjectList: element count (0 or 1 for Object) and element i.
  size_t (*count)(const void* slot) = nullptr;
  /// Object / ObjectList: the field was given (an empty list is given).
  bool (*present)(const void* slot) = nullptr;
  /// ObjectList: makes the list present (and empty) if it was absent.
  void (*ensure_list)(void* slot) = nullptr;
  const void* (*at)(const void* slot, size_t i) = nullptr;

  const void* cslot(const void* record) const { return slot(const_cast<void*>(record)); }
  const EnumSlot& enum_at(const void* slot) const { return *as_enum(const_cast<void*>(slot)); }
  const EnumListSlot& enum_list_at(const void* slot) const { return *as_enum_list(const_cast<void*>(slot)); }
  const RefBase& ref_at(const void* slot) const { return *as_ref(const_cast<void*>(slot)); }
  bool personal() const { return (flags & kPersonal) != 0; }
  std::string_view Label(Lang lang) const { return lang == Lang::Ja ? label_ja : label_en; }
  /// The field is given in `record` (an empty list is given).
  bool Present(const void* record) const;
};

struct RecordDesc {
  std::string_view name;        // "device", "member", "takeout", ...
  std::string_view collection;  // top-level key for entities ("devices"), else empty
  std::string_view label_ja;    // "機器": how a report names the kind
  std::string_view label_en;    // "device"
  std::string_view description;             // for the JSON Schema
  std::string_view element_description;     // of one element of a list of them
  std::string_view collection_description;  // of the top-level collection
  std::string_view facility_path;  // records.def: "group.facility", "." ...; empty: none
  std::string_view patient_path;   // likewise, to the record's patient
  std::string_view subject_id;     // "id", or "^.id/user" for a member
  std::vector<FieldDesc> fields;
  Record* (*as_record)(void* record) = nullptr;
  /// The record holding this one (a member's group), where the model keeps it.
  const void* (*holder)(const void* record) = nullptr;
  const RecordDesc* holder_desc = nullptr;
  /// The kind's label in the report's language.
  std::string_view Label(Lang lang) const { return lang == Lang::Ja ? label_ja : label_en; }
  /// The field called `name`, or null.
  const FieldDesc* Find(std::string_view name) const;
  /// The index of `field` in `fields`.
  size_t IndexOf(const FieldDesc* field) const { return static_cast<size_t>(field - fields.data()); }
};

/// The descriptor of each record type.
template <class R>
const RecordDesc& DescOf();

/// The descriptor of each enumeration.
template <class E>
const EnumDesc& EnumOf();

/// The top-level collections of an export, in the spec's order.
struct CollectionDesc {
  Collection id;
  std::string_view key;          // "facilities"
  const RecordDesc* record;
  void* (*append)(Export& ex);   // appends a record and returns it
  void (*pop)(Export& ex);       // removes the last record
  size_t (*count)(const Export& ex);
  const void* (*at)(const Export& ex, size_t i);
};
const std::vector<CollectionDesc>& Collections();
const CollectionDesc* FindCollection(std::string_view key);
const CollectionDesc& CollectionOf(Collection id);

/// The `network` block's record type.
const RecordDesc& NetworkDesc();

/// Every record type, entities first, in the order of records.def.
std::vector<const RecordDesc*> AllRecordDescs();
/// Every enumeration, in the order of records.def.
std::vector<const EnumDesc*> AllEnumDescs();
/// The record type called `name` ("device"), or null.
const RecordDesc* FindRecordDesc(std::string_view name);

/// The most fields any record type has (records.def), for fixed-size
/// per-field bookkeeping.
#define RURUME_COUNT_FIELD(...) +1
#define RURUME_FIELD_COUNT(T, ...) 0 RURUME_FIELDS_##T(RURUME_COUNT_FIELD),
inline constexpr size_t kMaxFields = std::max({RURUME_RECORDS(RURUME_FIELD_COUNT)});
#undef RURUME_FIELD_COUNT
#undef RURUME_COUNT_FIELD

/// A field path as people read it: "device.mdm" -> "機器の端末管理 (MDM)"
/// ("device's MDM"); a path through references names the last record
/// ("user.facility.status" -> "事業所の参加状況"). A path that is not one of
/// the table's is returned as it is.
std::string FieldPathLabel(std::string_view path, Lang lang);

/// A field that holds personal information (FieldFlag kPersonal): reports
/// screen its values, and rule messages may not read it.
bool IsPersonalField(std::string_view record, std::string_view field);

/// The record a path of records.def leads to from `record` (facility_path,
/// patient_path): null when a reference on the way is absent or dangles.
/// `*desc` is the type of the record found.
const void* FollowPath(const RecordDesc& from, const void* record, std::string_view path, const RecordDesc** desc);
/// The id of the facility a record belongs to (its facility_path), or empty.
/// The view points into the export.
std::string_view FacilityIdOf(const RecordDesc& desc, const void* record);
/// The patient a record is about (its patient_path), or null.
const Patient* PatientOf(const RecordDesc& desc, const void* record);
/// The record's subject id as reports show it ("DV0042", "G101/U0007").
std::string SubjectIdOf(const RecordDesc& desc, const void* record);

}  // namespace rurume
