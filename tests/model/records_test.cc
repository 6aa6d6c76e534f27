// The record table (src/model/records.def) as the rest of the code reads
// it: labels, flags, paths to a record's facility and patient, subject ids.
#include "model/schema.h"

#include "../load/load_helpers.h"

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace rurume;

namespace {

std::set<std::string> FieldsWith(uint8_t flag) {
  std::set<std::string> out;
  for (const RecordDesc* d : AllRecordDescs())
    for (const FieldDesc& f : d->fields)
      if (f.flags & flag) out.insert(std::string(d->name) + "." + std::string(f.name));
  return out;
}

/// The type a path of records.def leads to, by the descriptors alone (null: a step names no reference).
const RecordDesc* PathType(const RecordDesc* d, std::string_view path) {
  while (d && !path.empty()) {
    size_t dot = path.find('.', path[0] == '.' ? 1 : 0);
    std::string_view step = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    if (step == ".") continue;
    if (step == "^") {
      d = d->holder_desc;
      continue;
    }
    const FieldDesc* f = d->Find(step);
    d = f && f->kind == FieldKind::Ref ? f->target : nullptr;
  }
  return d;
}

}  // namespace

TEST_CASE("records: every record type has labels in both languages and a description") {
  for (const RecordDesc* d : AllRecordDescs()) {
    CAPTURE(d->name);
    CHECK(!d->label_ja.empty());
    CHECK(!d->label_en.empty());
    CHECK(!d->description.empty());
    CHECK(d->Label(Lang::Ja) == d->label_ja);
    CHECK(d->Label(Lang::En) == d->label_en);
    for (const FieldDesc& f : d->fields) {
      CAPTURE(f.name);
      CHECK((!f.description.empty() || f.kind == FieldKind::Ref));
      CHECK((f.kind == FieldKind::Enum) == (f.as_enum != nullptr));
      CHECK((f.kind == FieldKind::EnumList) == (f.as_enum_list != nullptr));
      CHECK((f.kind == FieldKind::Ref) == (f.as_ref != nullptr));
    }
  }
  CHECK(DescOf<Device>().Label(Lang::Ja) == "機器");
  CHECK(DescOf<Member>().Label(Lang::Ja) == "メンバー");
}

namespace {
/// Japanese text: at least one character outside ASCII.
bool HasJapanese(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return true;
  return false;
}
/// English text: ASCII only.
bool IsAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}
}  // namespace

TEST_CASE("records: every field and every enumeration value has a label in both languages") {
  size_t fields = 0, values = 0;
  for (const RecordDesc* d : AllRecordDescs())
    for (const FieldDesc& f : d->fields) {
      CAPTURE(d->name);
      CAPTURE(f.name);
      ++fields;
      CHECK(HasJapanese(f.label_ja));
      CHECK(!f.label_en.empty());
      CHECK(IsAscii(f.label_en));
      CHECK(f.Label(Lang::Ja) == f.label_ja);
      CHECK(f.Label(Lang::En) == f.label_en);
    }
  for (const EnumDesc* e : AllEnumDescs()) {
    CAPTURE(e->name);
    REQUIRE(e->labels_ja.size() == e->values.size());
    REQUIRE(e->labels_en.size() == e->values.size());
    std::set<std::string_view> ja(e->labels_ja.begin(), e->labels_ja.end());
    CHECK(ja.size() == e->values.size());  // two values never read the same
    for (size_t i = 0; i < e->values.size(); ++i) {
      CAPTURE(e->values[i]);
      ++values;
      CHECK(HasJapanese(e->labels_ja[i]));
      CHECK(!e->labels_en[i].empty());
      CHECK(IsAscii(e->labels_en[i]));
      CHECK(e->LabelOf(e->values[i], Lang::Ja) == e->labels_ja[i]);
    }
    CHECK(e->LabelOf("no-such-value", Lang::Ja) == "no-such-value");
  }
  CHECK(fields > 100);
  CHECK(values > 60);
  CHECK(EnumOf<DeviceStatus>().LabelOf("in_use", Lang::Ja) == "使用中");
  CHECK(EnumOf<UserStatus>().LabelOf("active", Lang::Ja) == "有効");
  CHECK(EnumOf<GroupState>().LabelOf("active", Lang::Ja) == "稼働中");
  CHECK(EnumOf<DeviceType>().LabelOf("tablet", Lang::En) == "tablet");
}

TEST_CASE("records: a field path as people read it") {
  CHECK(FieldPathLabel("device.mdm", Lang::Ja) == "機器の端末管理 (MDM)");
  CHECK(FieldPathLabel("device.mdm", Lang::En) == "device's MDM");
  CHECK(FieldPathLabel("user.facility.status", Lang::Ja) == "事業所の参加状況");
  CHECK(FieldPathLabel("member.user.left_on", Lang::Ja) == "利用者の退職・異動日");
  CHECK(FieldPathLabel("device.takeouts.purpose", Lang::Ja) == "持ち出しの目的");
  CHECK(FieldPathLabel("device.nonesuch", Lang::Ja) == "device.nonesuch");
  CHECK(FieldPathLabel("nothing", Lang::Ja) == "nothing");
}

TEST_CASE("records: the personal fields, and the evidence fields of the catalogue's 'Missing values'") {
  CHECK(FieldsWith(kPersonal) == std::set<std::string>{"patient.name", "patient.birth_date", "post.text", "user.name"});
  CHECK(IsPersonalField("patient", "birth_date"));
  CHECK(!IsPersonalField("patient", "facility"));
  CHECK(!IsPersonalField("nothing", "name"));
  CHECK(FieldsWith(kEvidence) ==
        std::set<std::string>{"document.received_on", "post.approved_on", "group.rurume_approved_on",
                              "group.last_reviewed_on", "facility.loss_procedure_confirmed_on",
                              "facility.device_ledger", "device_ledger.kept", "device_ledger.updated_on",
                              "member.approved_by", "member.designated_by", "device.reported_to_admin_at",
                              "device.reported_to_secretariat_at", "device.remote_locked_at",
                              "device.mcs_suspended_at", "device.wiped_on", "takeout.purpose",
                              "takeout.approved_by", "takeout.approved_on", "incident.reported_to_secretariat_at",
                              "incident.reported_to_admin_at", "disclosure.consent", "disclosure.basis"});
  CHECK(FieldsWith(kEmptyByDefault) == std::set<std::string>{"user.roles", "patient.disclosures", "device.takeouts",
                                                             "document.entries", "group.members"});
  CHECK(DescOf<User>().Find("type")->default_value == "professional");
}

TEST_CASE("records: every path leads to a facility or a patient, every subject has an id") {
  for (const RecordDesc* d : AllRecordDescs()) {
    CAPTURE(d->name);
    if (!d->facility_path.empty()) CHECK(PathType(d, d->facility_path) == &DescOf<Facility>());
    if (!d->patient_path.empty()) CHECK(PathType(d, d->patient_path) == &DescOf<Patient>());
    if (!d->collection.empty()) {
      CHECK(d->subject_id == "id");
      CHECK(!d->facility_path.empty());
    }
  }
  CHECK(DescOf<Member>().holder_desc == &DescOf<Group>());
  CHECK(kMaxFields == DescOf<Device>().fields.size());
}

TEST_CASE("records: a subject's facility, patient and id, read through the table") {
  auto l = testing::LoadOne(testing::Y(R"(
facilities:
  - {id: F1, name: 東久留米クリニック}
users:
  - {id: U1, facility: F1}
  - {id: U2, facility: F9}
patients:
  - {id: P1, facility: F1}
groups:
  - id: G1
    facility: F1
    patient: P1
    members:
      - {user: U1}
      - {user: U7}
posts:
  - {id: PO1, group: G1, author: U1}
sanctions:
  - {id: S1, user: U1}
)"));
  const Export& ex = l->ex;
  const Member& m = (*ex.groups[0].members)[1];
  CHECK(FacilityIdOf(DescOf<Facility>(), &ex.facilities[0]) == "F1");
  CHECK(FacilityIdOf(DescOf<User>(), &ex.users[0]) == "F1");
  CHECK(FacilityIdOf(DescOf<User>(), &ex.users[1]).empty());  // dangling: no facility
  CHECK(FacilityIdOf(DescOf<Member>(), &m) == "F1");
  CHECK(FacilityIdOf(DescOf<Post>(), &ex.posts[0]) == "F1");
  CHECK(FacilityIdOf(DescOf<Sanction>(), &ex.sanctions[0]) == "F1");
  CHECK(PatientOf(DescOf<Member>(), &m) == &ex.patients[0]);
  CHECK(PatientOf(DescOf<Group>(), &ex.groups[0]) == &ex.patients[0]);
  CHECK(PatientOf(DescOf<Post>(), &ex.posts[0]) == nullptr);
  CHECK(SubjectIdOf(DescOf<Member>(), &m) == "G1/U7");
  CHECK(SubjectIdOf(DescOf<Post>(), &ex.posts[0]) == "PO1");
}
