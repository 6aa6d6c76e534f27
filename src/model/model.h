// The export as typed data: one struct per record type of the export
// format, declared from the table in records.def (which also generates
// schemas/rurume-export.schema.json).
//
// Absent fields stay absent (std::optional, Ref without id, Enum with no
// value): a rule that needs one is "not evaluated", never a pass or a fail.
// After loading, every Ref points at its target and the reverse relations
// (a facility's users, a user's documents, ...) are filled in by Link().
#pragma once

#include "base/time.h"
#include "model/records.def"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <cstddef>
#include <deque>
#include <vector>

namespace rurume {

/// A value of an `x-` extension field, kept as YAML gave it.
struct Dyn {
  enum class Kind : uint8_t { Null, Bool, Int, Float, String, List, Map };
  Kind kind = Kind::Null;
  bool b = false;
  int64_t i = 0;
  double f = 0;
  std::string s;
  std::vector<Dyn> items;                             // List
  std::vector<std::pair<std::string, Dyn>> members;   // Map
};

using Extensions = std::vector<std::pair<std::string, Dyn>>;

/// Base of every record and list entry that keeps its location.
struct Record {
  Loc loc;
  Extensions ext;
  /// Its file stopped being read (a syntax error) inside it: what follows
  /// the stop is missing from it.
  bool partial = false;
};

/// An enumeration value that may be absent: the index of its spelling in
/// the enumeration's table, or -1. Code that does not know E (the loader,
/// the binding) reaches it as this base, through the field's descriptor.
struct EnumSlot {
  int8_t raw = -1;
  bool has() const { return raw >= 0; }
};

template <class E>
struct Enum : EnumSlot {
  E get() const { return static_cast<E>(raw); }
  bool is(E e) const { return raw == static_cast<int8_t>(e); }
};

/// A list of enumeration values, absent or given (perhaps empty).
struct EnumListSlot {
  std::optional<std::vector<int8_t>> raw;
  bool has() const { return raw.has_value(); }
};

template <class E>
struct EnumList : EnumListSlot {
  bool contains(E e) const {
    if (!raw) return false;
    for (int8_t v : *raw)
      if (v == static_cast<int8_t>(e)) return true;
    return false;
  }
};

/// A reference by id. `target` is set by Link(); it stays null when the id
/// is absent or dangles (the latter is an input error).
struct RefBase {
  std::string id;  // empty: absent
  Loc loc;
  const void* target = nullptr;
  bool has() const { return !id.empty(); }
};

template <class T>
struct Ref : RefBase {
  const T* get() const { return static_cast<const T*>(target); }
};

// ---------------------------------------------------------------- enums
// Each enumeration and its spellings are in records.def.

#define RURUME_ENUMERATOR(ID, ...) ID,
#define RURUME_DECLARE_ENUM(E) enum class E : int8_t { RURUME_VALUES_##E(RURUME_ENUMERATOR) };
RURUME_ENUMS(RURUME_DECLARE_ENUM)
#undef RURUME_DECLARE_ENUM
#undef RURUME_ENUMERATOR

// ---------------------------------------------------------------- entities
// The fields of every record type are in records.def; what follows each list
// is what linking adds (reverse relations) and helpers.

#define RURUME_DECLARE_FIELD(R, NAME, TYPE, ...) TYPE NAME;

struct FieldDesc;
struct Facility;
struct User;
struct Document;
struct Patient;
struct Group;
struct Member;
struct Post;
struct Device;
struct Incident;
struct Sanction;

struct DeviceLedger : Record {
  RURUME_FIELDS_DeviceLedger(RURUME_DECLARE_FIELD)
};

struct Facility : Record {
  RURUME_FIELDS_Facility(RURUME_DECLARE_FIELD)
  // reverse relations
  std::vector<const User*> users;
  std::vector<const Device*> devices;
  std::vector<const Group*> groups;
  std::vector<const Document*> documents;
};

struct Password : Record {
  RURUME_FIELDS_Password(RURUME_DECLARE_FIELD)
};

struct User : Record {
  RURUME_FIELDS_User(RURUME_DECLARE_FIELD)
  // reverse relations
  std::vector<const Document*> documents;   // as `user` of a form 1/2
  std::vector<const Document*> entries_in;  // usage applications (form 3) naming the user in an entry
  std::vector<const Member*> memberships;
  std::vector<const Device*> devices;
  std::vector<const Sanction*> sanctions;
  std::vector<const Post*> posts;
  /// Every user with this email (case-insensitive), this one included, when
  /// there are several; shared by them.
  std::shared_ptr<const std::vector<const User*>> email_group;
  /// The type, with the spec's default (`professional`) applied.
  UserType effective_type() const { return type.has() ? type.get() : UserType::professional; }
};

struct Entry : Record {
  RURUME_FIELDS_Entry(RURUME_DECLARE_FIELD)
};

struct Document : Record {
  RURUME_FIELDS_Document(RURUME_DECLARE_FIELD)
};

struct Disclosure : Record {
  RURUME_FIELDS_Disclosure(RURUME_DECLARE_FIELD)
};

struct Patient : Record {
  RURUME_FIELDS_Patient(RURUME_DECLARE_FIELD)
  // reverse relations
  std::vector<const Group*> groups;
  std::vector<const Document*> consents;  // form 4 documents for this patient
  std::vector<const User*> accounts;      // patient/family accounts
};

struct Member : Record {
  RURUME_FIELDS_Member(RURUME_DECLARE_FIELD)
  const Group* group = nullptr;  // the group whose `members` holds this entry
};

struct Group : Record {
  RURUME_FIELDS_Group(RURUME_DECLARE_FIELD)
  // reverse relations
  std::vector<const Post*> posts;
};

struct Post : Record {
  RURUME_FIELDS_Post(RURUME_DECLARE_FIELD)
};

struct Takeout : Record {
  RURUME_FIELDS_Takeout(RURUME_DECLARE_FIELD)
};

struct Device : Record {
  RURUME_FIELDS_Device(RURUME_DECLARE_FIELD)
};

struct Incident : Record {
  RURUME_FIELDS_Incident(RURUME_DECLARE_FIELD)
};

struct Sanction : Record {
  RURUME_FIELDS_Sanction(RURUME_DECLARE_FIELD)
};

struct Network : Record {
  RURUME_FIELDS_Network(RURUME_DECLARE_FIELD)
};
#undef RURUME_DECLARE_FIELD

/// The collections, in the order the export format lists them (records.def).
#define RURUME_COLLECTION_ENUMERATOR(T, KEY) KEY,
enum class Collection : uint8_t { RURUME_COLLECTIONS(RURUME_COLLECTION_ENUMERATOR) };
#undef RURUME_COLLECTION_ENUMERATOR
#define RURUME_COUNT_COLLECTION(T, key) +1
constexpr int kCollectionCount = 0 RURUME_COLLECTIONS(RURUME_COUNT_COLLECTION);
#undef RURUME_COUNT_COLLECTION

/// One input file (or standard input).
struct SourceFile {
  std::string path;       // as given, or "-" / "<stdin>"
  std::string sha256;     // hex digest of the bytes read
  uint64_t size = 0;
  /// Read completely: 0. Else the line where reading stopped (1: nothing of
  /// it was read: unreadable, another encoding or kind of file).
  uint32_t stopped_at_line = 0;
  /// The top-level collections the file began (users, devices, ...), as far
  /// as it was read, and whether it held the network block.
  std::vector<std::string> collections;
  bool network = false;
  /// Its last byte is not a newline (a file cut short, as often as not): its
  /// last line then.
  uint32_t unterminated_line = 0;
};

/// A whole export, possibly merged from several files.
/// A field whose value in the export was unusable (a wrong type, a value
/// outside its enumeration, an invalid date): the record has it absent, and
/// this says why, for the rules that need it.
struct BadValue {
  const void* record;
  std::string_view field;  // its name
  Loc loc;                 // where the value is
  uint16_t code;           // the diagnostic's code (RA1021: 1021)
  /// While the export is read, a list entry (a group's member) may still
  /// move as its list grows: it is then found by its list (in a record that
  /// does not move), its index and its offset in the entry, and `record` is
  /// set from them when reading ends (Loader::Finish).
  const void* list = nullptr;
  const FieldDesc* list_field = nullptr;
  size_t index = 0;
  std::ptrdiff_t offset = 0;
};

/// A collection's records: appended one by one as the export is read, and
/// never moved once there. Records point at each other (references, reverse
/// relations) and the bad values at their records (Export::bad_values): a
/// vector would move them as it grows, and leave those pointers dangling (a
/// value found unusable early in a file then read as merely absent). A
/// deque also spares the copy and the slack of a vector's growth.
template <class T>
using Records = std::deque<T>;

struct Export {
  Export() = default;
  std::vector<BadValue> bad_values;
  Export(Export&&) = default;
  Export& operator=(Export&&) = default;
  Export(const Export&) = delete;  // records point at each other
  Export& operator=(const Export&) = delete;

  std::vector<SourceFile> files;
  Extensions ext;  // top-level `x-` fields
  std::optional<Timestamp> exported_at;
  Loc exported_at_loc;
  std::optional<Network> network;
#define RURUME_COLLECTION_MEMBER(T, KEY) Records<T> KEY;
  RURUME_COLLECTIONS(RURUME_COLLECTION_MEMBER)
#undef RURUME_COLLECTION_MEMBER

  const Facility* facility(const std::string& id) const;
  const User* user(const std::string& id) const;
  const Patient* patient(const std::string& id) const;
  const Group* group(const std::string& id) const;

  /// Filled by Link(): id -> index per collection.
  struct Index;
  std::shared_ptr<const Index> index;
};

}  // namespace rurume
