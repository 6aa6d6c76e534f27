// The export as typed data: one struct per entity of the export format
// (schemas/rurume-export.schema.json describes the same).
//
// Absent fields stay absent (std::optional, Ref without id, Enum with no
// value): a rule that needs one is "not evaluated", never a pass or a fail.
// After loading, every Ref points at its target and the reverse relations
// (a facility's users, a user's documents, ...) are filled in by Link().
#pragma once

#include "base/time.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
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
};

/// An enumeration value that may be absent. All Enum<E> share one layout so
/// that the schema tables can reach them without knowing E.
template <class E>
struct Enum {
  int8_t raw = -1;
  bool has() const { return raw >= 0; }
  E get() const { return static_cast<E>(raw); }
  bool is(E e) const { return raw == static_cast<int8_t>(e); }
};

/// A list of enumeration values.
template <class E>
struct EnumList {
  std::optional<std::vector<int8_t>> raw;
  bool has() const { return raw.has_value(); }
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
// Each enumeration's spellings live in schema.cc, in declaration order.

enum class FacilityKind : int8_t { secretariat, clinic, hospital, dental, pharmacy, visiting_nursing,
                                   care_management, home_care, rehabilitation, other };
enum class FacilityStatus : int8_t { active, withdrawn };
enum class UserType : int8_t { professional, patient, family };
enum class Profession : int8_t { doctor, dentist, pharmacist, nurse, therapist, care_manager,
                                 care_worker, social_worker, clerk, other };
enum class UserRole : int8_t { mcs_admin, secretariat };
enum class UserStatus : int8_t { active, suspended, deleted };
enum class FormKind : int8_t { management_pledge, retention_pledge, usage_application, patient_consent };
enum class EntryAction : int8_t { add, change, del };  // spelled "delete"
enum class CopyHolder : int8_t { patient, facility };
enum class PatientStatus : int8_t { active, ended, deceased };
enum class DisclosureBasis : int8_t { law, vital_interest, public_health };
enum class GroupKind : int8_t { all_members, patient, free, workplace };
enum class GroupState : int8_t { active, archived, deleted };
enum class MemberRole : int8_t { admin, member };
enum class PostState : int8_t { visible, deleted };
enum class DeviceType : int8_t { smartphone, tablet, pc, other };
enum class Ownership : int8_t { facility, personal };
enum class DeviceStatus : int8_t { in_use, lost, stolen, retired };
enum class IncidentKind : int8_t { misuse, operational_problem };
enum class SanctionAction : int8_t { caution, guidance, expulsion };

// ---------------------------------------------------------------- entities

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
  std::optional<bool> kept;
  std::optional<Date> updated_on;
};

struct Facility : Record {
  std::string id;
  std::optional<std::string> name;
  Enum<FacilityKind> kind;
  Enum<FacilityStatus> status;
  std::optional<Date> joined_on;
  std::optional<Date> withdrawn_on;
  std::optional<DeviceLedger> device_ledger;
  std::optional<Date> loss_procedure_confirmed_on;
  std::optional<std::vector<std::string>> approved_apps;
  // reverse relations
  std::vector<const User*> users;
  std::vector<const Device*> devices;
  std::vector<const Group*> groups;
  std::vector<const Document*> documents;
};

struct Password : Record {
  std::optional<int64_t> length;
  std::optional<bool> has_letter;
  std::optional<bool> has_digit;
  std::optional<bool> shared;
};

struct User : Record {
  std::string id;
  std::optional<std::string> name;
  Enum<UserType> type;
  Ref<Facility> facility;
  std::optional<std::string> organization;
  Enum<Profession> profession;
  std::optional<std::string> email;
  EnumList<UserRole> roles;
  Enum<UserStatus> status;
  std::optional<bool> rurume_member;
  std::optional<Date> registered_on;
  std::optional<Date> left_on;
  std::optional<Date> last_login_on;
  Ref<Patient> patient;
  std::optional<Password> password;
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
  Ref<User> user;
  Enum<EntryAction> action;
  std::optional<std::string> email;
};

struct Document : Record {
  std::string id;
  Enum<FormKind> form;
  Ref<Facility> facility;
  Ref<User> user;
  Ref<Patient> patient;
  std::optional<Date> signed_on;
  std::optional<Date> received_on;
  std::optional<std::vector<Entry>> entries;
  EnumList<CopyHolder> copies;
  std::optional<Date> revoked_on;
};

struct Disclosure : Record {
  std::optional<std::string> to;
  std::optional<Date> disclosed_on;
  std::optional<bool> consent;
  Enum<DisclosureBasis> basis;
};

struct Patient : Record {
  std::string id;
  std::optional<std::string> name;        // personal information
  std::optional<Date> birth_date;         // personal information
  Ref<Facility> facility;
  Ref<User> primary_physician;
  Enum<PatientStatus> status;
  std::optional<Date> ended_on;
  std::optional<Date> died_on;
  std::optional<std::vector<Disclosure>> disclosures;
  // reverse relations
  std::vector<const Group*> groups;
  std::vector<const Document*> consents;  // form 4 documents for this patient
  std::vector<const User*> accounts;      // patient/family accounts
};

struct Member : Record {
  Ref<User> user;
  Enum<MemberRole> role;
  Ref<User> invited_by;
  std::optional<Date> invited_on;
  Ref<User> approved_by;
  Ref<User> designated_by;
  std::optional<Date> joined_on;
  const Group* group = nullptr;  // the group whose `members` holds this entry
};

struct Group : Record {
  std::string id;
  std::optional<std::string> name;
  Enum<GroupKind> kind;
  Ref<Facility> facility;
  Ref<Patient> patient;
  std::optional<Date> created_on;
  Ref<User> created_by;
  Enum<GroupState> state;
  std::optional<Date> archived_on;
  std::optional<Date> deleted_on;
  std::optional<Date> rurume_approved_on;
  std::optional<Date> last_reviewed_on;
  std::optional<std::vector<Member>> members;
  // reverse relations
  std::vector<const Post*> posts;
};

struct Post : Record {
  std::string id;
  Ref<Group> group;
  Ref<User> author;
  std::optional<Timestamp> posted_at;
  std::optional<Date> approved_on;
  std::optional<bool> patient_info;
  std::optional<std::string> text;  // personal information
  Enum<PostState> state;
};

struct Takeout : Record {
  std::optional<Date> from;
  std::optional<Date> to;
  std::optional<std::string> purpose;
  Ref<User> approved_by;
  std::optional<Date> approved_on;
};

struct Device : Record {
  std::string id;
  Ref<Facility> facility;
  Enum<DeviceType> type;
  Enum<Ownership> ownership;
  Ref<User> assigned_to;
  std::optional<bool> in_ledger;
  std::optional<bool> screen_lock;
  std::optional<bool> antivirus;
  std::optional<Date> os_updated_on;
  std::optional<bool> os_supported;
  std::optional<bool> browser_saves_password;
  std::optional<std::vector<std::string>> apps;
  std::optional<bool> remote_wipe;
  std::optional<bool> line_suspension;
  std::optional<bool> mdm;
  std::optional<bool> public_wifi;
  Enum<DeviceStatus> status;
  std::optional<Timestamp> lost_at;
  std::optional<Timestamp> reported_to_admin_at;
  std::optional<Timestamp> reported_to_secretariat_at;
  std::optional<Timestamp> remote_locked_at;
  std::optional<Timestamp> mcs_suspended_at;
  std::optional<Date> retired_on;
  std::optional<Date> wiped_on;
  std::optional<std::vector<Takeout>> takeouts;
};

struct Incident : Record {
  std::string id;
  Enum<IncidentKind> kind;
  Ref<Facility> facility;
  Ref<User> found_by;
  std::optional<Timestamp> found_at;
  std::optional<Timestamp> reported_to_admin_at;
  std::optional<Timestamp> reported_to_secretariat_at;
};

struct Sanction : Record {
  std::string id;
  Ref<User> user;
  Enum<SanctionAction> action;
  std::optional<Date> imposed_on;
};

struct Network : Record {
  std::optional<std::string> name;
  Ref<Facility> secretariat_facility;
  Ref<Group> all_members_group;
};

/// The collections, in the order the export format lists them.
enum class Collection : uint8_t { facilities, users, documents, patients, groups, posts, devices,
                                  incidents, sanctions };
constexpr int kCollectionCount = 9;

/// One input file (or standard input).
struct SourceFile {
  std::string path;       // as given, or "-" / "<stdin>"
  std::string sha256;     // hex digest of the bytes read
  uint64_t size = 0;
};

/// A whole export, possibly merged from several files.
struct Export {
  Export() = default;
  Export(Export&&) = default;
  Export& operator=(Export&&) = default;
  Export(const Export&) = delete;  // records point at each other
  Export& operator=(const Export&) = delete;

  std::vector<SourceFile> files;
  Extensions ext;  // top-level `x-` fields
  std::optional<Timestamp> exported_at;
  Loc exported_at_loc;
  std::optional<Network> network;
  std::vector<Facility> facilities;
  std::vector<User> users;
  std::vector<Document> documents;
  std::vector<Patient> patients;
  std::vector<Group> groups;
  std::vector<Post> posts;
  std::vector<Device> devices;
  std::vector<Incident> incidents;
  std::vector<Sanction> sanctions;

  const Facility* facility(const std::string& id) const;
  const User* user(const std::string& id) const;
  const Patient* patient(const std::string& id) const;
  const Group* group(const std::string& id) const;

  /// Filled by Link(): id -> index per collection.
  struct Index;
  std::shared_ptr<const Index> index;
};

}  // namespace rurume
