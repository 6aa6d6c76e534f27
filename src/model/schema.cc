#include "model/schema.h"

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

const FieldDesc* RecordDesc::Find(std::string_view field) const {
  for (const FieldDesc& f : fields)
    if (f.name == field) return &f;
  return nullptr;
}

namespace {

// ------------------------------------------------------------ enumerations

#define RURUME_ENUM(E, ...)                                   \
  template <>                                                 \
  const EnumDesc& EnumOfImpl<E>() {                           \
    static const EnumDesc d{#E, {__VA_ARGS__}};               \
    return d;                                                 \
  }

template <class E>
const EnumDesc& EnumOfImpl();

RURUME_ENUM(FacilityKind, "secretariat", "clinic", "hospital", "dental", "pharmacy", "visiting_nursing",
            "care_management", "home_care", "rehabilitation", "other")
RURUME_ENUM(FacilityStatus, "active", "withdrawn")
RURUME_ENUM(UserType, "professional", "patient", "family")
RURUME_ENUM(Profession, "doctor", "dentist", "pharmacist", "nurse", "therapist", "care_manager",
            "care_worker", "social_worker", "clerk", "other")
RURUME_ENUM(UserRole, "mcs_admin", "secretariat")
RURUME_ENUM(UserStatus, "active", "suspended", "deleted")
RURUME_ENUM(FormKind, "management_pledge", "retention_pledge", "usage_application", "patient_consent")
RURUME_ENUM(EntryAction, "add", "change", "delete")
RURUME_ENUM(CopyHolder, "patient", "facility")
RURUME_ENUM(PatientStatus, "active", "ended", "deceased")
RURUME_ENUM(DisclosureBasis, "law", "vital_interest", "public_health")
RURUME_ENUM(GroupKind, "all_members", "patient", "free", "workplace")
RURUME_ENUM(GroupState, "active", "archived", "deleted")
RURUME_ENUM(MemberRole, "admin", "member")
RURUME_ENUM(PostState, "visible", "deleted")
RURUME_ENUM(DeviceType, "smartphone", "tablet", "pc", "other")
RURUME_ENUM(Ownership, "facility", "personal")
RURUME_ENUM(DeviceStatus, "in_use", "lost", "stolen", "retired")
RURUME_ENUM(IncidentKind, "misuse", "operational_problem")
RURUME_ENUM(SanctionAction, "caution", "guidance", "expulsion")
#undef RURUME_ENUM

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
template <>
const RecordDesc& DescOfImpl<DeviceLedger>();
template <>
const RecordDesc& DescOfImpl<Facility>();
template <>
const RecordDesc& DescOfImpl<Password>();
template <>
const RecordDesc& DescOfImpl<User>();
template <>
const RecordDesc& DescOfImpl<Entry>();
template <>
const RecordDesc& DescOfImpl<Document>();
template <>
const RecordDesc& DescOfImpl<Disclosure>();
template <>
const RecordDesc& DescOfImpl<Patient>();
template <>
const RecordDesc& DescOfImpl<Member>();
template <>
const RecordDesc& DescOfImpl<Group>();
template <>
const RecordDesc& DescOfImpl<Post>();
template <>
const RecordDesc& DescOfImpl<Takeout>();
template <>
const RecordDesc& DescOfImpl<Device>();
template <>
const RecordDesc& DescOfImpl<Incident>();
template <>
const RecordDesc& DescOfImpl<Sanction>();
template <>
const RecordDesc& DescOfImpl<Network>();

/// A field descriptor, its kind deduced from the member's type.
template <auto M>
FieldDesc Field(std::string_view name) {
  using T = typename MemberTraits<decltype(M)>::Type;
  FieldDesc f{name, FieldKind::String};
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
  } else if constexpr (EnumListTraits<T>::value) {
    f.kind = FieldKind::EnumList;
    f.enumeration = &EnumOfImpl<typename EnumListTraits<T>::Inner>();
  } else if constexpr (RefTraits<T>::value) {
    f.kind = FieldKind::Ref;
    f.target = &DescOfImpl<typename RefTraits<T>::Inner>();
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

// Descriptors are built on first use; fields that refer to another record type
// only keep a pointer to its (function-static) descriptor, so the order in
// which they are built does not matter, and cycles (user <-> patient) are fine.
template <class R>
RecordDesc MakeDesc(std::string_view name, std::string_view collection, std::vector<FieldDesc> (*fields)()) {
  RecordDesc d;
  d.name = name;
  d.collection = collection;
  d.as_record = &AsRecord<R>;
  d.fields = fields();
  return d;
}

#define RURUME_RECORD(R, name, collection, ...)                                   \
  template <>                                                                     \
  const RecordDesc& DescOfImpl<R>() {                                             \
    static RecordDesc d;                                                          \
    static bool init = false;                                                     \
    if (!init) {                                                                  \
      init = true;                                                                \
      d = MakeDesc<R>(name, collection, [] { return std::vector<FieldDesc>{__VA_ARGS__}; }); \
    }                                                                             \
    return d;                                                                     \
  }

#define F(R, m) Field<&R::m>(#m)

RURUME_RECORD(DeviceLedger, "device_ledger", "", F(DeviceLedger, kept), F(DeviceLedger, updated_on))

RURUME_RECORD(Facility, "facility", "facilities", F(Facility, id), F(Facility, name), F(Facility, kind),
              F(Facility, status), F(Facility, joined_on), F(Facility, withdrawn_on), F(Facility, device_ledger),
              F(Facility, loss_procedure_confirmed_on), F(Facility, approved_apps))

RURUME_RECORD(Password, "password", "", F(Password, length), F(Password, has_letter), F(Password, has_digit),
              F(Password, shared))

RURUME_RECORD(User, "user", "users", F(User, id), F(User, name), F(User, type), F(User, facility),
              F(User, organization), F(User, profession), F(User, email), F(User, roles), F(User, status),
              F(User, rurume_member), F(User, registered_on), F(User, left_on), F(User, last_login_on),
              F(User, patient), F(User, password))

RURUME_RECORD(Entry, "entry", "", F(Entry, user), F(Entry, action), F(Entry, email))

RURUME_RECORD(Document, "document", "documents", F(Document, id), F(Document, form), F(Document, facility),
              F(Document, user), F(Document, patient), F(Document, signed_on), F(Document, received_on),
              F(Document, entries), F(Document, copies), F(Document, revoked_on))

RURUME_RECORD(Disclosure, "disclosure", "", F(Disclosure, to), F(Disclosure, disclosed_on), F(Disclosure, consent),
              F(Disclosure, basis))

RURUME_RECORD(Patient, "patient", "patients", F(Patient, id), F(Patient, name), F(Patient, birth_date),
              F(Patient, facility), F(Patient, primary_physician), F(Patient, status), F(Patient, ended_on),
              F(Patient, died_on), F(Patient, disclosures))

RURUME_RECORD(Member, "member", "", F(Member, user), F(Member, role), F(Member, invited_by), F(Member, invited_on),
              F(Member, approved_by), F(Member, designated_by), F(Member, joined_on))

RURUME_RECORD(Group, "group", "groups", F(Group, id), F(Group, name), F(Group, kind), F(Group, facility),
              F(Group, patient), F(Group, created_on), F(Group, created_by), F(Group, state), F(Group, archived_on),
              F(Group, deleted_on), F(Group, rurume_approved_on), F(Group, last_reviewed_on), F(Group, members))

RURUME_RECORD(Post, "post", "posts", F(Post, id), F(Post, group), F(Post, author), F(Post, posted_at),
              F(Post, approved_on), F(Post, patient_info), F(Post, text), F(Post, state))

RURUME_RECORD(Takeout, "takeout", "", F(Takeout, from), F(Takeout, to), F(Takeout, purpose),
              F(Takeout, approved_by), F(Takeout, approved_on))

RURUME_RECORD(Device, "device", "devices", F(Device, id), F(Device, facility), F(Device, type),
              F(Device, ownership), F(Device, assigned_to), F(Device, in_ledger), F(Device, screen_lock),
              F(Device, antivirus), F(Device, os_updated_on), F(Device, os_supported),
              F(Device, browser_saves_password), F(Device, apps), F(Device, remote_wipe),
              F(Device, line_suspension), F(Device, mdm), F(Device, public_wifi), F(Device, status),
              F(Device, lost_at), F(Device, reported_to_admin_at), F(Device, reported_to_secretariat_at),
              F(Device, remote_locked_at), F(Device, mcs_suspended_at), F(Device, retired_on), F(Device, wiped_on),
              F(Device, takeouts))

RURUME_RECORD(Incident, "incident", "incidents", F(Incident, id), F(Incident, kind), F(Incident, facility),
              F(Incident, found_by), F(Incident, found_at), F(Incident, reported_to_admin_at),
              F(Incident, reported_to_secretariat_at))

RURUME_RECORD(Sanction, "sanction", "sanctions", F(Sanction, id), F(Sanction, user), F(Sanction, action),
              F(Sanction, imposed_on))

RURUME_RECORD(Network, "network", "", F(Network, name), F(Network, secretariat_facility),
              F(Network, all_members_group))
#undef F
#undef RURUME_RECORD

template <class R, std::vector<R> Export::*M>
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

#define RURUME_INSTANTIATE(R) template const RecordDesc& DescOf<R>();
RURUME_INSTANTIATE(Facility)
RURUME_INSTANTIATE(DeviceLedger)
RURUME_INSTANTIATE(User)
RURUME_INSTANTIATE(Password)
RURUME_INSTANTIATE(Document)
RURUME_INSTANTIATE(Entry)
RURUME_INSTANTIATE(Patient)
RURUME_INSTANTIATE(Disclosure)
RURUME_INSTANTIATE(Group)
RURUME_INSTANTIATE(Member)
RURUME_INSTANTIATE(Post)
RURUME_INSTANTIATE(Device)
RURUME_INSTANTIATE(Takeout)
RURUME_INSTANTIATE(Incident)
RURUME_INSTANTIATE(Sanction)
RURUME_INSTANTIATE(Network)
#undef RURUME_INSTANTIATE
#define RURUME_INSTANTIATE(E) template const EnumDesc& EnumOf<E>();
RURUME_INSTANTIATE(FacilityKind)
RURUME_INSTANTIATE(FacilityStatus)
RURUME_INSTANTIATE(UserType)
RURUME_INSTANTIATE(Profession)
RURUME_INSTANTIATE(UserRole)
RURUME_INSTANTIATE(UserStatus)
RURUME_INSTANTIATE(FormKind)
RURUME_INSTANTIATE(EntryAction)
RURUME_INSTANTIATE(CopyHolder)
RURUME_INSTANTIATE(PatientStatus)
RURUME_INSTANTIATE(DisclosureBasis)
RURUME_INSTANTIATE(GroupKind)
RURUME_INSTANTIATE(GroupState)
RURUME_INSTANTIATE(MemberRole)
RURUME_INSTANTIATE(PostState)
RURUME_INSTANTIATE(DeviceType)
RURUME_INSTANTIATE(Ownership)
RURUME_INSTANTIATE(DeviceStatus)
RURUME_INSTANTIATE(IncidentKind)
RURUME_INSTANTIATE(SanctionAction)
#undef RURUME_INSTANTIATE

const std::vector<CollectionDesc>& Collections() {
  static const std::vector<CollectionDesc> all{
      MakeCollection<Facility, &Export::facilities>(Collection::facilities),
      MakeCollection<User, &Export::users>(Collection::users),
      MakeCollection<Document, &Export::documents>(Collection::documents),
      MakeCollection<Patient, &Export::patients>(Collection::patients),
      MakeCollection<Group, &Export::groups>(Collection::groups),
      MakeCollection<Post, &Export::posts>(Collection::posts),
      MakeCollection<Device, &Export::devices>(Collection::devices),
      MakeCollection<Incident, &Export::incidents>(Collection::incidents),
      MakeCollection<Sanction, &Export::sanctions>(Collection::sanctions),
  };
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
  std::vector<const RecordDesc*> all;
  for (const CollectionDesc& c : Collections()) all.push_back(c.record);
  for (const RecordDesc* d : {&DescOfImpl<DeviceLedger>(), &DescOfImpl<Password>(), &DescOfImpl<Entry>(),
                              &DescOfImpl<Disclosure>(), &DescOfImpl<Member>(), &DescOfImpl<Takeout>(),
                              &DescOfImpl<Network>()})
    all.push_back(d);
  return all;
}

}  // namespace rurume
