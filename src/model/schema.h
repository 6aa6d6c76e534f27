// The export format as data: for every record type, its fields with their
// kinds, enumerations, reference targets and a way to reach their storage.
//
// The loader fills records through these tables, the expression checker
// resolves field paths against them, and a test compares them with
// schemas/rurume-export.schema.json so that the three cannot drift apart.
#pragma once

#include "model/model.h"

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

struct EnumDesc {
  std::string_view name;
  std::vector<std::string_view> values;  // index = enumerator value
  /// The index of `text`, or -1.
  int Find(std::string_view text) const;
};

struct RecordDesc;

struct FieldDesc {
  std::string_view name;
  FieldKind kind;
  const EnumDesc* enumeration = nullptr;   // Enum, EnumList
  const RecordDesc* target = nullptr;      // Ref: the referenced record type
  const RecordDesc* object = nullptr;      // Object, ObjectList: the element type
  void* (*slot)(void* record) = nullptr;   // address of the field's storage
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
};

struct RecordDesc {
  std::string_view name;        // "device", "member", "takeout", ...
  std::string_view collection;  // top-level key for entities ("devices"), else empty
  std::vector<FieldDesc> fields;
  Record* (*as_record)(void* record) = nullptr;
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

/// Every record type, entities first.
std::vector<const RecordDesc*> AllRecordDescs();

}  // namespace rurume
