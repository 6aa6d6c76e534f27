#include "model/schema.h"

#include <fmt/format.h>

#include <algorithm>

namespace rurume {

std::string_view KindName(FieldKind kind) {
  switch (kind) {
    case FieldKind::Id: return "id";
    case FieldKind::String: return "string";
    case FieldKind::Bool: return "bool";
    case FieldKind::Int: return "int";
    case FieldKind::Date: return "date";
    case FieldKind::Timestamp: return "timestamp";
    case FieldKind::Enum: return "enum";
    case FieldKind::EnumList: return "list of enum";
    case FieldKind::StringList: return "list of string";
    case FieldKind::Ref: return "ref";
    case FieldKind::Object: return "object";
    case FieldKind::ObjectList: return "list of object";
  }
  return "?";
}

int EnumDesc::Find(std::string_view text) const {
  for (size_t i = 0; i < values.size(); ++i)
    if (values[i] == text) return static_cast<int>(i);
  return -1;
}

std::string_view EnumDesc::LabelOf(std::string_view spelling, Lang lang) const {
  const int i = Find(spelling);
  return i < 0 ? spelling : Label(static_cast<size_t>(i), lang);
}

const FieldDesc* RecordDesc::Find(std::string_view field) const {
  for (const FieldDesc& f : fields)
    if (f.name == field) return &f;
  return nullptr;
}

namespace {

// ------------------------------------------------------------ enumerations

template <class E>
const EnumDesc& EnumOfImpl();

#define RURUME_SPELLING(id, spelling, ja, en) spelling,
#define RURUME_LABEL_JA(id, spelling, ja, en) ja,
#define RURUME_LABEL_EN(id, spelling, ja, en) en,
#define RURUME_ENUM(E)                                                                        \
  template <>                                                                                 \
  const EnumDesc& EnumOfImpl<E>() {                                                           \
    static const EnumDesc d{#E,                                                               \
                            {RURUME_VALUES_##E(RURUME_SPELLING)},                             \
                            {RURUME_VALUES_##E(RURUME_LABEL_JA)},                             \
                            {RURUME_VALUES_##E(RURUME_LABEL_EN)}};                            \
    return d;                                                                                 \
  }
RURUME_ENUMS(RURUME_ENUM)
#undef RURUME_ENUM
#undef RURUME_LABEL_EN
#undef RURUME_LABEL_JA
#undef RURUME_SPELLING

// ------------------------------------------------------------ field tables

template <class>
struct MemberTraits;
template <class R, class T>
struct MemberTraits<T R::*> {
  using Owner = R;
  using Type = T;
};

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {
  using Inner = T;
};
template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {
  using Inner = T;
};
template <class T>
struct EnumTraits : std::false_type {};
template <class E>
struct EnumTraits<Enum<E>> : std::true_type {
  using Inner = E;
};
template <class T>
struct EnumListTraits : std::false_type {};
template <class E>
struct EnumListTraits<EnumList<E>> : std::true_type {
  using Inner = E;
};
template <class T>
struct RefTraits : std::false_type {};
template <class T>
struct RefTraits<Ref<T>> : std::true_type {
  using Inner = T;
};

template <auto M>
void* SlotOf(void* r) {
  using Tr = MemberTraits<decltype(M)>;
  return &(static_cast<typename Tr::Owner*>(r)->*M);
}

template <class S>
void* MakeObject(void* slot) {
  auto* opt = static_cast<std::optional<S>*>(slot);
  opt->emplace();
  return &**opt;
}
template <class S>
size_t CountObject(const void* slot) {
  return static_cast<const std::optional<S>*>(slot)->has_value() ? 1 : 0;
}
template <class S>
const void* AtObject(const void* slot, size_t) {
  return &**static_cast<const std::optional<S>*>(slot);
}
template <class T>
bool Present(const void* slot) {
  return static_cast<const std::optional<T>*>(slot)->has_value();
}
template <class S>
void* AppendElement(void* slot) {
  auto* opt = static_cast<std::optional<std::vector<S>>*>(slot);
  if (!*opt) opt->emplace();
  return &(*opt)->emplace_back();
}
template <class S>
void EnsureList(void* slot) {
  auto* opt = static_cast<std::optional<std::vector<S>>*>(slot);
  if (!*opt) opt->emplace();
}
template <class S>
size_t CountElements(const void* slot) {
  const auto* opt = static_cast<const std::optional<std::vector<S>>*>(slot);
  return *opt ? (*opt)->size() : 0;
}
template <class S>
const void* AtElement(const void* slot, size_t i) {
  return &(**static_cast<const std::optional<std::vector<S>>*>(slot))[i];
}

template <class R>
const RecordDesc& DescOfImpl();
#define RURUME_DECLARE_DESC(T, ...) \
  template <>                       \
  const RecordDesc& DescOfImpl<T>();
RURUME_RECORDS(RURUME_DECLARE_DESC)
#undef RURUME_DECLARE_DESC

template <class S, class T>
S* AsBase(void* slot) {
  return static_cast<S*>(static_cast<T*>(slot));
}

/// A field descriptor, its kind deduced from the member's type.
template <auto M>
FieldDesc Field(std::string_view name, uint8_t flags, std::string_view label_ja, std::string_view label_en,
                std::string_view description) {
  using T = typename MemberTraits<decltype(M)>::Type;
  FieldDesc f;
  f.name = name;
  f.kind = FieldKind::String;
  f.flags = flags;
  f.label_ja = label_ja;
  f.label_en = label_en;
  f.description = description;
  f.slot = &SlotOf<M>;
  if constexpr (std::is_same_v<T, std::string>) {
    f.kind = FieldKind::Id;
  } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
    f.kind = FieldKind::String;
  } else if constexpr (std::is_same_v<T, std::optional<bool>>) {
    f.kind = FieldKind::Bool;
  } else if constexpr (std::is_same_v<T, std::optional<int64_t>>) {
    f.kind = FieldKind::Int;
  } else if constexpr (std::is_same_v<T, std::optional<Date>>) {
    f.kind = FieldKind::Date;
  } else if constexpr (std::is_same_v<T, std::optional<Timestamp>>) {
    f.kind = FieldKind::Timestamp;
  } else if constexpr (std::is_same_v<T, std::optional<std::vector<std::string>>>) {
    f.kind = FieldKind::StringList;
  } else if constexpr (EnumTraits<T>::value) {
    f.kind = FieldKind::Enum;
    f.enumeration = &EnumOfImpl<typename EnumTraits<T>::Inner>();
    f.as_enum = &AsBase<EnumSlot, T>;
  } else if constexpr (EnumListTraits<T>::value) {
    f.kind = FieldKind::EnumList;
    f.enumeration = &EnumOfImpl<typename EnumListTraits<T>::Inner>();
    f.as_enum_list = &AsBase<EnumListSlot, T>;
  } else if constexpr (RefTraits<T>::value) {
    f.kind = FieldKind::Ref;
    f.target = &DescOfImpl<typename RefTraits<T>::Inner>();
    f.as_ref = &AsBase<RefBase, T>;
  } else if constexpr (IsOptional<T>::value) {
    using Inner = typename IsOptional<T>::Inner;
    if constexpr (IsVector<Inner>::value) {
      using S = typename IsVector<Inner>::Inner;
      static_assert(std::is_base_of_v<Record, S>, "list elements must be records");
      f.kind = FieldKind::ObjectList;
      f.object = &DescOfImpl<S>();
      f.make = &AppendElement<S>;
      f.present = &Present<std::vector<S>>;
      f.ensure_list = &EnsureList<S>;
      f.count = &CountElements<S>;
      f.at = &AtElement<S>;
    } else {
      static_assert(std::is_base_of_v<Record, Inner>, "objects must be records");
      f.kind = FieldKind::Object;
      f.object = &DescOfImpl<Inner>();
      f.make = &MakeObject<Inner>;
      f.present = &Present<Inner>;
      f.count = &CountObject<Inner>;
      f.at = &AtObject<Inner>;
    }
  } else {
    static_assert(sizeof(T) == 0, "unsupported field type");
  }
  return f;
}

template <class R>
Record* AsRecord(void* r) {
  return static_cast<R*>(r);
}

/// The key of a record type's top-level collection, or empty.
template <class R>
constexpr std::string_view CollectionKey() {
#define RURUME_KEY(T, key) \
  if constexpr (std::is_same_v<R, T>) return #key;
  RURUME_COLLECTIONS(RURUME_KEY)
#undef RURUME_KEY
  return {};
}

/// The holder of a nested record type (records.def, RURUME_HOLDERS).
template <class R>
void SetHolder(RecordDesc& d) {
#define RURUME_HOLDER(T, H, MEMBER)                                                            \
  if constexpr (std::is_same_v<R, T>) {                                                        \
    d.holder = [](const void* r) -> const void* { return static_cast<const T*>(r)->MEMBER; }; \
    d.holder_desc = &DescOfImpl<H>();                                                          \
  }
  RURUME_HOLDERS(RURUME_HOLDER)
#undef RURUME_HOLDER
  (void)d;
}

/// Applies the format's defaults (records.def, RURUME_DEFAULTS).
template <class R>
void SetDefaults(RecordDesc& d) {
#define RURUME_DEFAULT(T, FIELD, VALUE)                    \
  if constexpr (std::is_same_v<R, T>)                      \
    for (FieldDesc& f : d.fields)                          \
      if (f.name == #FIELD) f.default_value = VALUE;
  RURUME_DEFAULTS(RURUME_DEFAULT)
#undef RURUME_DEFAULT
  (void)d;
}

// Descriptors are built on first use; fields that refer to another record type
// only keep a pointer to its (function-static) descriptor, so the order in
// which they are built does not matter, and cycles (user <-> patient) are fine.
#define RURUME_FIELD_DESC(T, M, TYPE, FLAGS, JA, EN, DESCRIPTION) Field<&T::M>(#M, FLAGS, JA, EN, DESCRIPTION),
#define RURUME_RECORD_DESC(T, NAME, JA, EN, DESCRIPTION, ELEMENT, COLLECTION_DESCRIPTION, FACILITY, PATIENT, ID) \
  template <>                                                                                                 \
  const RecordDesc& DescOfImpl<T>() {                                                                         \
    static RecordDesc d;                                                                                      \
    static bool init = false;                                                                                 \
    if (!init) {                                                                                              \
      init = true;                                                                                            \
      d.name = NAME;                                                                                          \
      d.collection = CollectionKey<T>();                                                                      \
      d.label_ja = JA;                                                                                        \
      d.label_en = EN;                                                                                        \
      d.description = DESCRIPTION;                                                                            \
      d.element_description = ELEMENT;                                                                        \
      d.collection_description = COLLECTION_DESCRIPTION;                                                      \
      d.facility_path = FACILITY;                                                                             \
      d.patient_path = PATIENT;                                                                               \
      d.subject_id = ID;                                                                                      \
      d.as_record = &AsRecord<T>;                                                                             \
      d.fields = std::vector<FieldDesc>{RURUME_FIELDS_##T(RURUME_FIELD_DESC)};                                \
      SetHolder<T>(d);                                                                                        \
      SetDefaults<T>(d);                                                                                      \
    }                                                                                                         \
    return d;                                                                                                 \
  }

RURUME_RECORDS(RURUME_RECORD_DESC)
#undef RURUME_RECORD_DESC
#undef RURUME_FIELD_DESC

template <class R, Records<R> Export::*M>
CollectionDesc MakeCollection(Collection id) {
  CollectionDesc c;
  c.id = id;
  c.record = &DescOfImpl<R>();
  c.key = c.record->collection;
  c.append = [](Export& ex) -> void* { return &(ex.*M).emplace_back(); };
  c.pop = [](Export& ex) { (ex.*M).pop_back(); };
  c.count = [](const Export& ex) { return (ex.*M).size(); };
  c.at = [](const Export& ex, size_t i) -> const void* { return &(ex.*M)[i]; };
  return c;
}

}  // namespace

template <class R>
const RecordDesc& DescOf() {
  return DescOfImpl<R>();
}
template <class E>
const EnumDesc& EnumOf() {
  return EnumOfImpl<E>();
}

#define RURUME_INSTANTIATE(T, ...) template const RecordDesc& DescOf<T>();
RURUME_RECORDS(RURUME_INSTANTIATE)
#undef RURUME_INSTANTIATE
#define RURUME_INSTANTIATE(E) template const EnumDesc& EnumOf<E>();
RURUME_ENUMS(RURUME_INSTANTIATE)
#undef RURUME_INSTANTIATE

const std::vector<CollectionDesc>& Collections() {
#define RURUME_COLLECTION_DESC(T, key) MakeCollection<T, &Export::key>(Collection::key),
  static const std::vector<CollectionDesc> all{RURUME_COLLECTIONS(RURUME_COLLECTION_DESC)};
#undef RURUME_COLLECTION_DESC
  return all;
}

const CollectionDesc* FindCollection(std::string_view key) {
  for (const CollectionDesc& c : Collections())
    if (c.key == key) return &c;
  return nullptr;
}

const CollectionDesc& CollectionOf(Collection id) { return Collections()[static_cast<size_t>(id)]; }

const RecordDesc& NetworkDesc() { return DescOfImpl<Network>(); }

std::vector<const RecordDesc*> AllRecordDescs() {
#define RURUME_DESC_OF(T, ...) &DescOfImpl<T>(),
  return {RURUME_RECORDS(RURUME_DESC_OF)};
#undef RURUME_DESC_OF
}

std::vector<const EnumDesc*> AllEnumDescs() {
#define RURUME_ENUM_OF(E) &EnumOfImpl<E>(),
  return {RURUME_ENUMS(RURUME_ENUM_OF)};
#undef RURUME_ENUM_OF
}

const RecordDesc* FindRecordDesc(std::string_view name) {
  for (const RecordDesc* d : AllRecordDescs())
    if (d->name == name) return d;
  return nullptr;
}

std::string FieldPathLabel(std::string_view path, Lang lang) {
  const size_t dot = path.find('.');
  if (dot == std::string_view::npos) return std::string(path);
  const RecordDesc* desc = FindRecordDesc(path.substr(0, dot));
  std::string_view rest = path.substr(dot + 1);
  const FieldDesc* field = nullptr;
  while (desc) {
    const size_t next = rest.find('.');
    field = desc->Find(rest.substr(0, next));
    if (!field || next == std::string_view::npos) break;
    const RecordDesc* onward = field->kind == FieldKind::Ref ? field->target : field->object;
    if (!onward) {
      field = nullptr;
      break;
    }
    desc = onward;
    rest = rest.substr(next + 1);
  }
  if (!desc || !field) return std::string(path);
  return fmt::format(lang == Lang::Ja ? "{}の{}" : "{}'s {}", desc->Label(lang), field->Label(lang));
}

}  // namespace rurume
