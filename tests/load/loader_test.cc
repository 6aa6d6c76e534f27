// The loader: YAML events into the model, every diagnostic of reading an
// export with its exact location, merging files and linking references.
#include "load/loader.h"

#include "load_helpers.h"
#include "../temp_dir.h"
#include "load/scalars.h"
#include "model/schema.h"

#include <doctest/doctest.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>
#include <vector>

using namespace rurume;
using rurume::testing::kNetworkFile;
using rurume::testing::LoadBuffers;
using rurume::testing::Loaded;
using rurume::testing::LoadOne;
using rurume::testing::Render;
using rurume::testing::Y;

namespace {

namespace fs = std::filesystem;

/// A temporary directory, removed with everything in it at the end of scope.
struct TempDir : rurume::testing::TempDir {
  TempDir() : rurume::testing::TempDir("rurume-load-test") {}
};

std::string LocStr(const Loc& l) { return fmt::format("{}:{}:{}", l.file, l.line, l.column); }

}  // namespace

// ====================================================================== basics

TEST_CASE("loader: a minimal valid export gives no diagnostic") {
  auto r = LoadBuffers({{"one.yaml", kNetworkFile}});
  CHECK(r->Diags() == "");
  CHECK(r->diags.errors() == 0);
  CHECK(r->diags.warnings() == 0);
  REQUIRE(r->ex.network);
  CHECK(r->ex.network->name == "るるめネット");
  REQUIRE(r->ex.exported_at);
  CHECK(*r->ex.exported_at == *ParseTimestamp("2026-11-23T17:00:00Z"));
  CHECK(LocStr(r->ex.exported_at_loc) == "0:2:14");
  REQUIRE(r->ex.files.size() == 1);
  CHECK(r->ex.files[0].path == "one.yaml");
  CHECK(r->ex.files[0].size == std::string(kNetworkFile).size());
}

TEST_CASE("loader: a valid multi-file export merges collections and links references") {
  std::string network = Y(R"(
format: rurume-export/1
exported_at: 2026-11-24T02:00:00+09:00
network:
  name: るるめネット
  secretariat_facility: F000
  all_members_group: G000
)");
  std::string facilities = Y(R"(
format: rurume-export/1
facilities:
  - id: F000
    name: 医師会事務局
    kind: secretariat
    status: active
  - id: F001
    name: みどり訪問看護ステーション
    kind: visiting_nursing
    device_ledger: {kept: true, updated_on: 2026-10-01}
    approved_apps: [MCS, LINE WORKS]
patients:
  - id: P001
    name: 患者 一
    facility: F001
    primary_physician: U001
    disclosures:
      - {to: 保健所, disclosed_on: 2026-06-01, consent: false, basis: public_health}
devices:
  - id: D001
    facility: F001
    assigned_to: U002
    takeouts:
      - {from: 2026-11-01, to: 2026-11-02, purpose: 訪問, approved_by: U001, approved_on: 2026-10-31}
)");
  std::string users = Y(R"(
format: rurume-export/1
users:
  - id: U001
    name: 医師 太郎
    facility: F001
    profession: doctor
    roles: [mcs_admin, secretariat]
    password: {length: 12, has_letter: true, has_digit: true, shared: false}
  - id: U002
    name: 看護 花子
    facility: F001
    profession: nurse
  - id: U003
    type: family
    patient: P001
facilities:
  - id: F002
    kind: pharmacy
documents:
  - id: DOC1
    form: patient_consent
    facility: F001
    patient: P001
    copies: [patient, facility]
  - id: DOC2
    form: usage_application
    facility: F001
    entries:
      - {user: U001, action: add, email: u1@example.jp}
      - {user: U002, action: delete}
      - {user: U001, action: change}
  - id: DOC3
    form: management_pledge
    facility: F001
    user: U002
groups:
  - id: G000
    kind: all_members
    facility: F000
    members:
      - {user: U001, role: admin}
      - {user: U002, role: member, invited_by: U001, approved_by: U001}
  - id: G001
    kind: patient
    facility: F001
    patient: P001
    created_by: U001
    members:
      - user: U001
        role: admin
        designated_by: U001
posts:
  - {id: PO1, group: G001, author: U002, posted_at: 2026-11-20T10:00:00+09:00}
  - {id: PO2, group: G001, author: U001}
incidents:
  - {id: I1, kind: misuse, facility: F001, found_by: U002, found_at: 2026-11-21T08:00:00}
sanctions:
  - {id: S1, user: U003, action: caution, imposed_on: 2026-11-22}
)");
  auto r = LoadBuffers({{"network.yaml", network}, {"facilities.yaml", facilities}, {"users.yaml", users}});
  CHECK(r->Diags() == "");
  const Export& ex = r->ex;

  SUBCASE("collections are concatenated in file order") {
    REQUIRE(ex.facilities.size() == 3);
    CHECK(ex.facilities[0].id == "F000");
    CHECK(ex.facilities[1].id == "F001");
    CHECK(ex.facilities[2].id == "F002");  // from the third file
    REQUIRE(ex.users.size() == 3);
    CHECK(ex.users[0].id == "U001");
    CHECK(ex.users[2].id == "U003");
    CHECK(ex.documents.size() == 3);
    CHECK(ex.patients.size() == 1);
    CHECK(ex.groups.size() == 2);
    CHECK(ex.posts.size() == 2);
    CHECK(ex.devices.size() == 1);
    CHECK(ex.incidents.size() == 1);
    CHECK(ex.sanctions.size() == 1);
    REQUIRE(ex.files.size() == 3);
    CHECK(ex.files[1].path == "facilities.yaml");
  }

  SUBCASE("values") {
    const Facility& f1 = ex.facilities[1];
    CHECK(f1.name == "みどり訪問看護ステーション");
    CHECK(f1.kind.is(FacilityKind::visiting_nursing));
    REQUIRE(f1.device_ledger);
    CHECK(f1.device_ledger->kept == true);
    CHECK(f1.device_ledger->updated_on == Date(2026, 10, 1));
    CHECK(f1.approved_apps == std::vector<std::string>{"MCS", "LINE WORKS"});
    const User& u1 = ex.users[0];
    CHECK(u1.roles.contains(UserRole::mcs_admin));
    CHECK(u1.roles.contains(UserRole::secretariat));
    REQUIRE(u1.password);
    CHECK(u1.password->length == 12);
    CHECK(u1.password->shared == false);
    CHECK(u1.effective_type() == UserType::professional);
    CHECK(ex.users[2].effective_type() == UserType::family);
    CHECK(ex.documents[0].copies.contains(CopyHolder::patient));
    CHECK(ex.documents[0].copies.contains(CopyHolder::facility));
    REQUIRE(ex.documents[1].entries);
    CHECK((*ex.documents[1].entries)[1].action.is(EntryAction::del));  // spelled "delete"
    CHECK((*ex.documents[1].entries)[0].email == "u1@example.jp");
    REQUIRE(ex.patients[0].disclosures);
    CHECK((*ex.patients[0].disclosures)[0].basis.is(DisclosureBasis::public_health));
    CHECK((*ex.patients[0].disclosures)[0].consent == false);
    CHECK(ex.incidents[0].found_at == ParseTimestamp("2026-11-20T23:00:00Z"));
    CHECK(ex.sanctions[0].imposed_on == Date(2026, 11, 22));
  }

  SUBCASE("references point at their targets") {
    REQUIRE(ex.network);
    CHECK(ex.network->secretariat_facility.get() == &ex.facilities[0]);
    CHECK(ex.network->all_members_group.get() == &ex.groups[0]);
    CHECK(ex.users[0].facility.get() == &ex.facilities[1]);
    CHECK(ex.users[2].patient.get() == &ex.patients[0]);
    CHECK(ex.patients[0].primary_physician.get() == &ex.users[0]);
    CHECK(ex.devices[0].assigned_to.get() == &ex.users[1]);
    CHECK((*ex.devices[0].takeouts)[0].approved_by.get() == &ex.users[0]);
    CHECK((*ex.groups[0].members)[1].invited_by.get() == &ex.users[0]);
    CHECK((*ex.groups[1].members)[0].designated_by.get() == &ex.users[0]);
    CHECK(ex.posts[0].group.get() == &ex.groups[1]);
    CHECK(ex.incidents[0].found_by.get() == &ex.users[1]);
    CHECK(ex.sanctions[0].user.get() == &ex.users[2]);
    CHECK(ex.facility("F002") == &ex.facilities[2]);
    CHECK(ex.user("U003") == &ex.users[2]);
    CHECK(ex.patient("P001") == &ex.patients[0]);
    CHECK(ex.group("G001") == &ex.groups[1]);
    CHECK(ex.facility("nope") == nullptr);
    CHECK(ex.user("F001") == nullptr);  // ids are per collection
  }

  SUBCASE("reverse relations") {
    const Facility& f1 = ex.facilities[1];
    CHECK(f1.users == std::vector<const User*>{&ex.users[0], &ex.users[1]});
    CHECK(f1.devices == std::vector<const Device*>{&ex.devices[0]});
    CHECK(f1.groups == std::vector<const Group*>{&ex.groups[1]});
    CHECK(f1.documents.size() == 3);
    CHECK(ex.facilities[0].groups == std::vector<const Group*>{&ex.groups[0]});
    CHECK(ex.facilities[2].users.empty());
    const User& u1 = ex.users[0];
    REQUIRE(u1.memberships.size() == 2);
    CHECK(u1.memberships[0]->group == &ex.groups[0]);
    CHECK(u1.memberships[1]->group == &ex.groups[1]);
    CHECK(ex.users[1].memberships.size() == 1);
    CHECK(u1.entries_in == std::vector<const Document*>{&ex.documents[1]});  // once, though named twice
    CHECK(ex.users[1].entries_in == std::vector<const Document*>{&ex.documents[1]});
    CHECK(ex.users[1].documents == std::vector<const Document*>{&ex.documents[2]});
    CHECK(ex.users[1].devices == std::vector<const Device*>{&ex.devices[0]});
    CHECK(u1.posts == std::vector<const Post*>{&ex.posts[1]});
    CHECK(ex.users[2].sanctions == std::vector<const Sanction*>{&ex.sanctions[0]});
    CHECK(ex.groups[1].posts == std::vector<const Post*>{&ex.posts[0], &ex.posts[1]});
    CHECK(ex.groups[0].posts.empty());
    CHECK(ex.patients[0].consents == std::vector<const Document*>{&ex.documents[0]});
    CHECK(ex.patients[0].groups == std::vector<const Group*>{&ex.groups[1]});
    CHECK(ex.patients[0].accounts == std::vector<const User*>{&ex.users[2]});
    for (const Group& g : ex.groups)
      for (const Member& m : *g.members) CHECK(m.group == &g);
  }

  SUBCASE("record locations") {
    // file index, line, column of each record's first key.
    CHECK(LocStr(ex.network->loc) == "0:4:3");
    CHECK(LocStr(ex.facilities[0].loc) == "1:3:5");
    CHECK(LocStr(ex.facilities[1].loc) == "1:7:5");
    CHECK(LocStr(ex.facilities[1].device_ledger->loc) == "1:10:20");
    CHECK(LocStr(ex.patients[0].loc) == "1:13:5");
    CHECK(LocStr((*ex.patients[0].disclosures)[0].loc) == "1:18:9");
    CHECK(LocStr(ex.devices[0].loc) == "1:20:5");
    CHECK(LocStr((*ex.devices[0].takeouts)[0].loc) == "1:24:9");
    CHECK(LocStr(ex.users[0].loc) == "2:3:5");
    CHECK(LocStr(ex.users[0].password->loc) == "2:8:15");
    CHECK(LocStr(ex.facilities[2].loc) == "2:17:5");
    CHECK(LocStr((*ex.documents[1].entries)[2].loc) == "2:31:9");
    CHECK(LocStr(ex.groups[0].loc) == "2:37:5");
    CHECK(LocStr((*ex.groups[0].members)[0].loc) == "2:41:9");
    CHECK(LocStr((*ex.groups[0].members)[1].loc) == "2:42:9");
    CHECK(LocStr((*ex.groups[1].members)[0].loc) == "2:49:9");
    CHECK(LocStr(ex.posts[1].loc) == "2:54:5");  // a flow mapping is where its { is
    CHECK(LocStr(ex.sanctions[0].loc) == "2:58:5");
    // References keep where their value is.
    CHECK(LocStr(ex.users[0].facility.loc) == "2:5:15");
    CHECK(LocStr((*ex.groups[0].members)[1].invited_by.loc) == "2:42:48");
    CHECK(fmt::format("{}", FormatLoc(ex, ex.users[0].loc)) == "users.yaml:3:5");
  }
}

TEST_CASE("loader: absent fields stay absent; false is present") {
  auto r = LoadOne(Y(R"(
format: rurume-export/1
devices:
  - id: D1
    screen_lock: false
    antivirus: true
  - id: D2
)"));
  CHECK(r->Diags() == "");
  REQUIRE(r->ex.devices.size() == 2);
  const Device& d1 = r->ex.devices[0];
  const Device& d2 = r->ex.devices[1];
  CHECK(d1.screen_lock.has_value());
  CHECK(*d1.screen_lock == false);
  CHECK(d1.antivirus == true);
  CHECK_FALSE(d1.mdm.has_value());
  CHECK_FALSE(d2.screen_lock.has_value());
  CHECK_FALSE(d2.type.has());
  CHECK_FALSE(d2.status.has());
  CHECK_FALSE(d2.facility.has());
  CHECK(d2.facility.get() == nullptr);
  CHECK_FALSE(d2.apps.has_value());
  CHECK_FALSE(d2.takeouts.has_value());
  CHECK_FALSE(d2.lost_at.has_value());
  CHECK_FALSE(d2.retired_on.has_value());
  CHECK(d2.ext.empty());
  // Empty lists are given, not absent.
  auto e = LoadOne("format: rurume-export/1\nusers: [{id: U1, roles: []}]\ndevices: [{id: D1, apps: [], takeouts: []}]\n");
  CHECK(e->Diags() == "");
  CHECK(e->ex.users[0].roles.has());
  CHECK_FALSE(e->ex.users[0].roles.contains(UserRole::mcs_admin));
  REQUIRE(e->ex.devices[0].apps.has_value());
  CHECK(e->ex.devices[0].apps->empty());
  REQUIRE(e->ex.devices[0].takeouts.has_value());
  CHECK(e->ex.devices[0].takeouts->empty());
  CHECK_FALSE(e->ex.users[0].password.has_value());
}

TEST_CASE("loader: timestamps without an offset are Japan time") {
  auto r = LoadOne(Y(R"(
format: rurume-export/1
devices:
  - {id: D1, lost_at: 2026-11-02T09:30:00}
  - {id: D2, lost_at: 2026-11-02T09:30:00+09:00}
  - {id: D3, lost_at: 2026-11-02T00:30:00Z}
  - {id: D4, lost_at: "2026-11-02T09:30"}
)"));
  CHECK(r->Diags() == "");
  REQUIRE(r->ex.devices.size() == 4);
  for (const Device& d : r->ex.devices) {
    CAPTURE(d.id);
    REQUIRE(d.lost_at);
    CHECK(*d.lost_at == *r->ex.devices[2].lost_at);
    CHECK(d.lost_at->utc == boost::posix_time::ptime(Date(2026, 11, 2), boost::posix_time::minutes(30)));
  }
  CHECK_FALSE(r->ex.devices[0].lost_at->offset_given);
  CHECK(r->ex.devices[1].lost_at->offset_given);
  CHECK(r->ex.devices[2].lost_at->offset_given);
}

TEST_CASE("loader: a byte-order mark is accepted") {
  auto r = LoadBuffers({{"bom.yaml", std::string("\xEF\xBB\xBF") + kNetworkFile + "facilities: [{id: F1}]\n"}});
  CHECK(r->Diags() == "");
  REQUIRE(r->ex.facilities.size() == 1);
  CHECK(LocStr(r->ex.facilities[0].loc) == "0:4:14");
  CHECK(r->ex.network->name == "るるめネット");
}

TEST_CASE("loader: CRLF line ends") {
  auto r = LoadOne("format: rurume-export/1\r\nusers:\r\n  - id: U1\r\n    name: 太郎\r\n    type: bogus\r\n");
  CHECK(r->Diags() == "t.yaml:5:11:RA1021");
  REQUIRE(r->ex.users.size() == 1);
  CHECK(r->ex.users[0].name == "太郎");
  CHECK(LocStr(r->ex.users[0].loc) == "1:3:5");
}

TEST_CASE("loader: JSON input loads") {
  std::string json = R"({"format": "rurume-export/1", "exported_at": "2026-11-24T02:00:00+09:00",
 "network": {"name": "るるめネット", "secretariat_facility": "F1"},
 "facilities": [{"id": "F1", "kind": "secretariat", "device_ledger": {"kept": false}}],
 "users": [{"id": "U1", "facility": "F1", "roles": ["mcs_admin"], "rurume_member": true,
            "password": {"length": 8, "shared": false}, "x-note": {"a": [1, 2.5, null, "s"]}}]})";
  auto r = LoadBuffers({{"export.json", json}});
  CHECK(r->Diags() == "");
  REQUIRE(r->ex.users.size() == 1);
  const User& u = r->ex.users[0];
  CHECK(u.facility.get() == &r->ex.facilities[0]);
  CHECK(u.rurume_member == true);
  CHECK(u.password->length == 8);
  CHECK(u.roles.contains(UserRole::mcs_admin));
  CHECK(r->ex.facilities[0].device_ledger->kept == false);
  CHECK(r->ex.network->secretariat_facility.get() == &r->ex.facilities[0]);
  REQUIRE(u.ext.size() == 1);
  CHECK(u.ext[0].first == "x-note");
  const Dyn& a = u.ext[0].second.members.at(0).second;
  REQUIRE(a.items.size() == 4);
  CHECK(a.items[0].kind == Dyn::Kind::Int);
  CHECK(a.items[1].kind == Dyn::Kind::Float);
  CHECK(a.items[2].kind == Dyn::Kind::Null);
  CHECK(a.items[3].kind == Dyn::Kind::String);
  CHECK(LocStr(u.loc) == "0:4:12");
  // A quoted "true" is a string in JSON as in YAML.
  auto q = LoadOne(R"({"format": "rurume-export/1", "devices": [{"id": "D1", "mdm": "true"}]})");
  CHECK(q->Diags() == "t.yaml:1:63:RA1020");
}

TEST_CASE("loader: anchors and aliases expand") {
  auto r = LoadOne(Y(R"(
format: rurume-export/1
users: [{id: U1}]
devices:
  - id: D1
    takeouts: &usual
      - from: 2026-11-01
        to: 2026-11-02
        purpose: &why 訪問診療
        approved_by: U1
  - id: D2
    takeouts: *usual
    x-why: *why
  - id: D3
    takeouts:
      - &one {from: 2026-12-01, purpose: 研修}
      - *one
)"));
  CHECK(r->Diags() == "");
  REQUIRE(r->ex.devices.size() == 3);
  for (const Device* d : {&r->ex.devices[0], &r->ex.devices[1]}) {
    CAPTURE(d->id);
    REQUIRE(d->takeouts);
    REQUIRE(d->takeouts->size() == 1);
    const Takeout& t = (*d->takeouts)[0];
    CHECK(t.from == Date(2026, 11, 1));
    CHECK(t.to == Date(2026, 11, 2));
    CHECK(t.purpose == "訪問診療");
    CHECK(t.approved_by.get() == &r->ex.users[0]);
    CHECK(LocStr(t.loc) == "1:6:9");  // an alias's records are where the anchored node is
  }
  CHECK(r->ex.users[0].devices.empty());
  REQUIRE(r->ex.devices[1].ext.size() == 1);
  CHECK(r->ex.devices[1].ext[0].second.s == "訪問診療");
  REQUIRE(r->ex.devices[2].takeouts->size() == 2);
  CHECK((*r->ex.devices[2].takeouts)[1].purpose == "研修");
  CHECK((*r->ex.devices[2].takeouts)[1].from == Date(2026, 12, 1));
  // The devices after the aliases are read as usual.
  auto after = LoadOne(Y(R"(
format: rurume-export/1
devices:
  - {id: D1, takeouts: &t [{purpose: a, to: 2026-01-01}], apps: &apps [MCS]}
  - {id: D2, takeouts: *t, apps: *apps}
  - {id: D3, screen_lock: true}
)"));
  CHECK(after->Diags() == "");
  REQUIRE(after->ex.devices.size() == 3);
  CHECK(after->ex.devices[1].apps == std::vector<std::string>{"MCS"});
  CHECK(after->ex.devices[1].takeouts->size() == 1);
  CHECK(after->ex.devices[2].screen_lock == true);
  CHECK(LocStr(after->ex.devices[2].loc) == "1:5:5");
}

TEST_CASE("loader: an aliased record is a second record with the same id") {
  auto r = LoadOne(Y(R"(
format: rurume-export/1
facilities:
  - &f {id: F1, name: a}
  - *f
)"));
  CHECK(r->Diags() == "t.yaml:3:5:RA1031");
  CHECK(r->ex.facilities.size() == 2);
}

TEST_CASE("loader: extension fields are kept and never reported") {
  auto r = LoadOne(Y(R"(
format: rurume-export/1
x-generator: {name: mcs-export, version: 3}
users:
  - id: U1
    x-internal-no: 0x1F
    x-flags: [true, ~, 1.5, text]
    password: {length: 8, x-policy: strict}
)"));
  CHECK(r->Diags() == "");
  REQUIRE(r->ex.ext.size() == 1);
  CHECK(r->ex.ext[0].first == "x-generator");
  const Dyn& gen = r->ex.ext[0].second;
  CHECK(gen.kind == Dyn::Kind::Map);
  REQUIRE(gen.members.size() == 2);
  CHECK(gen.members[0].first == "name");
  CHECK(gen.members[0].second.s == "mcs-export");
  CHECK(gen.members[1].second.kind == Dyn::Kind::Int);
  CHECK(gen.members[1].second.i == 3);
  const User& u = r->ex.users[0];
  REQUIRE(u.ext.size() == 2);
  CHECK(u.ext[0].first == "x-internal-no");
  CHECK(u.ext[0].second.i == 31);
  const Dyn& flags = u.ext[1].second;
  CHECK(flags.kind == Dyn::Kind::List);
  REQUIRE(flags.items.size() == 4);
  CHECK(flags.items[0].kind == Dyn::Kind::Bool);
  CHECK(flags.items[0].b);
  CHECK(flags.items[1].kind == Dyn::Kind::Null);
  CHECK(flags.items[2].f == doctest::Approx(1.5));
  CHECK(flags.items[3].s == "text");
  // The core schema's special floats.
  auto f = LoadOne("format: rurume-export/1\nx-f: [.inf, -.Inf, +.INF, .nan, 1e3, -0.5]\n");
  CHECK(f->Diags() == "");
  const Dyn& fl = f->ex.ext.at(0).second;
  REQUIRE(fl.items.size() == 6);
  for (const Dyn& d : fl.items) CHECK(d.kind == Dyn::Kind::Float);
  CHECK(fl.items[0].f == std::numeric_limits<double>::infinity());
  CHECK(fl.items[1].f == -std::numeric_limits<double>::infinity());
  CHECK(fl.items[2].f == std::numeric_limits<double>::infinity());
  CHECK(std::isnan(fl.items[3].f));
  CHECK(fl.items[4].f == 1000.0);
  CHECK(fl.items[5].f == -0.5);
  REQUIRE(u.password->ext.size() == 1);
  CHECK(u.password->ext[0].second.s == "strict");
}

TEST_CASE("loader: loading goes on past bad records") {
  auto r = LoadOne(Y(R"(
format: rurume-export/1
users:
  - id: U1
    status: gone
    name: 一
  - name: no id here
  - id: U3
    name: 三
  - id: U4
    rurume_member: yes
    name: 四
  - id: U5
)"));
  CHECK(r->Diags() == "t.yaml:4:13:RA1021 t.yaml:6:5:RA1033 t.yaml:10:20:RA1024");
  REQUIRE(r->ex.users.size() == 4);
  CHECK(r->ex.users[0].id == "U1");
  CHECK(r->ex.users[0].name == "一");  // the rest of a bad record is read
  CHECK_FALSE(r->ex.users[0].status.has());
  CHECK(r->ex.users[1].id == "U3");
  CHECK(r->ex.users[1].name == "三");
  CHECK(r->ex.users[2].name == "四");
  CHECK_FALSE(r->ex.users[2].rurume_member.has_value());
  CHECK(r->ex.users[3].id == "U5");
  CHECK(r->ex.user("U5") == &r->ex.users[3]);
}

TEST_CASE("loader: two bad records give two diagnostics; the good ones after them load") {
  auto r = LoadOne(Y(R"(
format: rurume-export/1
facilities:
  - {id: F1, kind: clinic}
  - {id: F2, kind: surgery}
  - {id: F3, joined_on: 2026-02-30}
  - {id: F4, kind: dental}
  - {id: F5}
)"));
  CHECK(r->Diags() == "t.yaml:4:20:RA1021 t.yaml:5:25:RA1022");
  REQUIRE(r->ex.facilities.size() == 5);
  CHECK(r->ex.facilities[3].kind.is(FacilityKind::dental));
  CHECK(r->ex.facility("F5") == &r->ex.facilities[4]);
}

TEST_CASE("loader: ExpandInputs lists *.yaml, *.yml and *.json (in any case) in sorted order, hidden ones left out") {
  TempDir dir;
  std::string root = dir.path().generic_string();
  dir.Write("b.yaml", kNetworkFile);
  dir.Write("a.yml", "format: rurume-export/1\nfacilities: [{id: F1}]\n");
  dir.Write("c.json", R"({"format": "rurume-export/1", "users": [{"id": "U1", "facility": "F1"}]})");
  dir.Write("sub/d.yaml", "format: rurume-export/1\ndevices: [{id: D1, facility: F1}]\n");
  dir.Write("B.yaml", "format: rurume-export/1\n");
  dir.Write("notes.txt", "not yaml: [");
  dir.Write("README", "x");
  dir.Write("e.yaml.bak", "[");
  dir.Write("f.YAML", "format: rurume-export/1\n");
  dir.Write("g.jsonl", "[");
  dir.Write(".hidden.yaml", "[");
  dir.Write(".git/config.yaml", "[");
  dir.Write(".github/workflows/ci.yml", "[");
  fs::create_directories(dir.path() / "empty.yaml");  // a directory, even with that name, is not a file
  Diagnostics diags;
  std::vector<std::string> files = ExpandInputs({root}, diags);
  CHECK(Render(diags) == "");
  CHECK(files == std::vector<std::string>{root + "/B.yaml", root + "/a.yml", root + "/b.yaml", root + "/c.json",
                                          root + "/f.YAML", root + "/sub/d.yaml"});
  // --exclude: a path relative to the directory, or a name.
  CHECK(ExpandInputs({root}, diags, {"sub/*.yaml", "B.*"}) ==
        std::vector<std::string>{root + "/a.yml", root + "/b.yaml", root + "/c.json", root + "/f.YAML"});
  CHECK(ExpandInputs({root}, diags, {"sub"}).size() == 5);
  // Files given by name are kept as given, with "-", around directories.
  std::vector<std::string> mixed = ExpandInputs({root + "/notes.txt", "-", root + "/sub"}, diags);
  CHECK(mixed == std::vector<std::string>{root + "/notes.txt", "-", root + "/sub/d.yaml"});
  // LoadExport reads them all.
  Diagnostics d2;
  Export ex = LoadExport({root}, d2);
  CHECK(Render(d2) == "");
  CHECK(ex.files.size() == 6);
  REQUIRE(ex.users.size() == 1);
  CHECK(ex.users[0].facility.get() == &ex.facilities[0]);
  CHECK(ex.devices[0].facility.get() == &ex.facilities[0]);
}

TEST_CASE("loader: AddFile reads a file by path") {
  TempDir dir;
  std::string net = dir.Write("net.yaml", kNetworkFile);
  std::string body = dir.Write("f.yaml", "format: rurume-export/1\nfacilities:\n  - {id: F1, kind: bogus}\n");
  Export ex;
  Diagnostics diags;
  Loader loader(ex, diags);
  loader.AddFile(net);
  loader.AddFile(body);
  loader.Finish();
  CHECK(Render(diags) == body + ":3:20:RA1021");
  CHECK(ex.files.size() == 2);
  CHECK(ex.files[1].path == body);
  CHECK(ex.facilities.size() == 1);
}

// ================================================================ diagnostics

TEST_CASE("diagnostics: the codes' table") {
  // Every loader code has a level, a slug and both messages, and RA ids are unique.
  std::vector<Code> loader_codes{
      Code::YamlSyntax,     Code::InvalidUtf8,    Code::NulByte,         Code::Unreadable,   Code::MultipleDocuments,
      Code::NotAMapping,    Code::FormatMissing,  Code::FormatUnknown,   Code::WrongType,    Code::EnumValue,
      Code::InvalidDate,    Code::InvalidTimestamp, Code::Yaml11Bool,    Code::OutOfRange,   Code::DuplicateKey, Code::DuplicateId,
      Code::DanglingRef,    Code::MissingId,      Code::TopLevelTwice,   Code::TopLevelMissing, Code::UnknownField,
      Code::AliasLimit,     Code::DepthLimit,     Code::ComplexKey,      Code::UnsupportedTag, Code::NoInput};
  for (Code c : loader_codes) {
    CAPTURE(CodeId(c));
    const CodeInfo& info = InfoOf(c);
    CHECK(info.code == c);
    CHECK_FALSE(info.slug.empty());
    CHECK_FALSE(info.ja.empty());
    CHECK_FALSE(info.en.empty());
    CHECK(info.level == (c == Code::UnknownField ? Level::Warning : Level::Error));
  }
  CHECK(CodeId(Code::DuplicateKey) == "RA1030");
  CHECK(LevelName(Level::Warning) == "warning");
  Diagnostic d{Code::DuplicateKey, Level::Error, "f", 1, 1, {"\"id\"", "3"}};
  CHECK(d.Message(Lang::En) == "duplicate key \"id\" (first on line 3)");
  CHECK(d.Message(Lang::Ja) == "キー \"id\" が重複しています (最初は 3 行目)");
  // Too few arguments leave an empty place rather than throwing.
  Diagnostic few{Code::DanglingRef, Level::Error, "f", 1, 1, {"user.facility"}};
  CHECK(few.Message(Lang::En) == "user.facility refers to  , which does not exist");
}

TEST_CASE("RA1001 yaml-syntax") {
  SUBCASE("unclosed bracket") {
    // In flow context the next line continues the list: "devices" lacks a comma.
    auto r = LoadOne("format: rurume-export/1\nusers: [{id: U1}\ndevices: []\n");
    REQUIRE(r->Count(Code::YamlSyntax) == 1);
    CHECK(r->Diags() == "t.yaml:3:1:RA1001");
    auto eof = LoadOne("format: rurume-export/1\nusers: [{id: U1}, {id: U2}\n");
    CHECK(eof->Diags() == "t.yaml:3:1:RA1001");
    CHECK(r->ex.users.size() == 1);  // what was read before the error stays
  }
  SUBCASE("bad indentation") {
    auto r = LoadOne(Y(R"(
format: rurume-export/1
users:
  - id: U1
     name: x
)"));
    CHECK(r->Diags() == "t.yaml:4:10:RA1001");
    CHECK(r->Message(Code::YamlSyntax).rfind("YAML syntax error: ", 0) == 0);
  }
  SUBCASE("the column after Japanese text counts characters") {
    auto r = LoadOne("format: rurume-export/1\nusers: [{id: U1, name: るるめ太郎, type: [}]\n");
    CHECK(r->Diags() == "t.yaml:2:38:RA1001");
  }
  SUBCASE("an unknown alias") {
    auto r = LoadOne("format: rurume-export/1\nusers: [*nope]\n");
    CHECK(r->Diags() == "t.yaml:2:9:RA1001");
  }
  SUBCASE("a stray ',' at the top level") {
    // yaml-cpp alone would start empty documents there forever.
    auto r = LoadOne(",format: rurume-export/1\n");
    CHECK(r->Diags() == "t.yaml:1:1:RA1001 t.yaml:1:1:RA1006");
    CHECK(r->Message(Code::YamlSyntax) == "YAML syntax error: unexpected token at the top level; the rest of the file is not read");
    auto later = LoadOne("format: rurume-export/1\nusers: [{id: U1}]\n---\n,\n");
    CHECK(later->Diags() == "t.yaml:3:1:RA1005 t.yaml:4:1:RA1001");
    CHECK(later->ex.users.size() == 1);
  }
  SUBCASE("no FormatMissing after a syntax error") {
    auto r = LoadOne("users: [\n");
    CHECK(r->Diags() == "t.yaml:2:1:RA1001");
  }
}

TEST_CASE("RA1002 invalid-utf8 and RA1003 nul-byte in a file") {
  auto r = LoadOne(std::string("format: rurume-export/1\nfacilities:\n  - {id: F1, name: \"\xFF\xE3\x81\"}\n") +
                   "  - {id: F2, name: \xED\xA0\x80}\n  - {id: F3, name: \xC0\xAF}\n  - {id: F4, name: a" +
                   std::string(1, '\0') + "}\n");
  CHECK(r->Diags() ==
        "t.yaml:3:21:RA1002 t.yaml:3:22:RA1002 t.yaml:3:23:RA1002 "
        "t.yaml:4:20:RA1002 t.yaml:4:21:RA1002 t.yaml:4:22:RA1002 "
        "t.yaml:5:20:RA1002 t.yaml:5:21:RA1002 t.yaml:6:21:RA1003");
  REQUIRE(r->ex.facilities.size() == 4);
  CHECK(r->ex.facilities[0].name == "___");
  CHECK(r->ex.facilities[3].name == "a_");
}

TEST_CASE("RA1004 unreadable") {
  TempDir dir;
  std::string missing = (dir.path() / "missing.yaml").generic_string();
  Export ex;
  Diagnostics diags;
  Loader loader(ex, diags);
  loader.AddBuffer("net.yaml", kNetworkFile);
  loader.AddFile(missing);
  loader.AddFile(dir.path().generic_string());
  loader.Finish();
  CHECK(Render(diags) == dir.path().generic_string() + ":0:0:RA1004 " + missing + ":0:0:RA1004");
  CHECK(diags.all()[1].Message(Lang::En) == "cannot read: No such file or directory");
  CHECK(diags.all()[0].Message(Lang::En) == "cannot read: is a directory");
}

TEST_CASE("RA1005 multiple-documents") {
  auto r = LoadOne(Y(R"(
format: rurume-export/1
facilities: [{id: F1}]
---
format: rurume-export/1
facilities: [{id: F2}]
---
x
)"));
  CHECK(r->Diags() == "t.yaml:3:1:RA1005");
  REQUIRE(r->ex.facilities.size() == 1);  // the second document is not read
  CHECK(r->ex.facilities[0].id == "F1");
  // A leading "---" and a trailing "..." are one document.
  auto one = LoadOne("---\nformat: rurume-export/1\n...\n");
  CHECK(one->Diags() == "");
}

TEST_CASE("RA1006 not-a-mapping") {
  SUBCASE("a top-level list") {
    auto r = LoadOne("- format: rurume-export/1\n- users: []\n");
    CHECK(r->Diags() == "t.yaml:1:1:RA1006 t.yaml:1:1:RA1010");
    CHECK(r->Message(Code::NotAMapping) == "the top level of a file must be a mapping, not sequence");
  }
  SUBCASE("a top-level scalar") {
    auto r = LoadOne("rurume-export/1\n");
    CHECK(r->Diags() == "t.yaml:1:1:RA1006 t.yaml:1:1:RA1010");
    CHECK(r->Message(Code::NotAMapping) == "the top level of a file must be a mapping, not scalar");
  }
  SUBCASE("a flow list in JSON") {
    auto r = LoadOne("  [{\"format\": \"rurume-export/1\"}]");
    CHECK(r->Diags() == "t.yaml:1:1:RA1010 t.yaml:1:3:RA1006");
  }
}

TEST_CASE("RA1010 format-missing") {
  SUBCASE("an empty file is named as such (RA1008), not read") {
    auto r = LoadOne("");
    CHECK(r->Diags() == "t.yaml:1:1:RA1008");
  }
  SUBCASE("only a comment") {
    auto r = LoadOne("# nothing\n");
    CHECK(r->Diags() == "t.yaml:1:1:RA1010");
  }
  SUBCASE("a file without format, read anyway") {
    auto r = LoadOne("facilities: [{id: F1}]\n");
    CHECK(r->Diags() == "t.yaml:1:1:RA1010");
    CHECK(r->ex.facilities.size() == 1);
  }
  SUBCASE("each file needs its own") {
    auto r = LoadBuffers({{"a.yaml", kNetworkFile}, {"b.yaml", "users: []\n"}, {"c.yaml", "devices: []\n"}});
    CHECK(r->Diags() == "b.yaml:1:1:RA1010 c.yaml:1:1:RA1010");
  }
}

TEST_CASE("RA1011 format-unknown") {
  auto r = LoadOne("format: rurume-export/2\n");
  CHECK(r->Diags() == "t.yaml:1:9:RA1011");
  CHECK(r->Message(Code::FormatUnknown) == "unsupported format \"rurume-export/2\" (only rurume-export/1)");
  CHECK(LoadOne("format: [rurume-export/1]\n")->Diags() == "t.yaml:1:9:RA1011");
  CHECK(LoadOne("format: 1\n")->Diags() == "t.yaml:1:9:RA1011");
  CHECK(LoadOne("format: \"rurume-export/1\"\n")->Diags() == "");
  CHECK(LoadOne("format: 'rurume-export/1'\n")->Diags() == "");
  CHECK(LoadOne("format:\n")->Diags() == "t.yaml:1:1:RA1011");  // an empty value: at its key
}

TEST_CASE("RA1020 wrong-type") {
  SUBCASE("a string field given a mapping") {
    auto r = LoadOne("format: rurume-export/1\nusers:\n  - id: U1\n    name: {first: 太郎}\n    email: a@b\n");
    CHECK(r->Diags() == "t.yaml:4:11:RA1020");
    CHECK(r->Message(Code::WrongType) == "user.name must be string, not mapping");
    CHECK_FALSE(r->ex.users[0].name.has_value());
    CHECK(r->ex.users[0].email == "a@b");  // read on after the discarded mapping
  }
  SUBCASE("a bool given \"true\" quoted") {
    auto r = LoadOne("format: rurume-export/1\ndevices: [{id: D1, mdm: \"true\", antivirus: 'false'}]\n");
    CHECK(r->Diags() == "t.yaml:2:25:RA1020 t.yaml:2:44:RA1020");
    CHECK(r->Message(Code::WrongType) == "device.mdm must be bool, not string \"true\"");
    CHECK_FALSE(r->ex.devices[0].mdm.has_value());
  }
  SUBCASE("an int given a string") {
    auto r = LoadOne("format: rurume-export/1\nusers: [{id: U1, password: {length: eight, shared: false}}]\n");
    CHECK(r->Diags() == "t.yaml:2:37:RA1020");
    CHECK(r->Message(Code::WrongType) == "password.length must be int, not string \"eight\"");
    CHECK(r->ex.users[0].password->shared == false);
    CHECK(LoadOne("format: rurume-export/1\nusers: [{id: U1, password: {length: 1.5}}]\n")->Diags() ==
          "t.yaml:2:37:RA1020");
    CHECK(LoadOne("format: rurume-export/1\nusers: [{id: U1, password: {length: \"8\"}}]\n")->Diags() ==
          "t.yaml:2:37:RA1020");
  }
  SUBCASE("a list field given a scalar") {
    auto r = LoadOne("format: rurume-export/1\ndevices:\n  - id: D1\n    apps: MCS\n    takeouts: none\n");
    CHECK(r->Diags() == "t.yaml:4:11:RA1020 t.yaml:5:15:RA1020");
    CHECK(r->Message(Code::WrongType) == "device.apps must be sequence, not scalar");
    auto roles = LoadOne("format: rurume-export/1\nusers: [{id: U1, roles: mcs_admin}]\n");
    CHECK(roles->Diags() == "t.yaml:2:25:RA1020");
    CHECK_FALSE(roles->ex.users[0].roles.has());
  }
  SUBCASE("a list field given a mapping, and wrong items") {
    auto r = LoadOne(
        "format: rurume-export/1\ndevices:\n  - id: D1\n    apps: {a: 1}\n    takeouts: [x, [y]]\n"
        "  - {id: D2, apps: [MCS, {a: 1}, 3, ~]}\n");
    CHECK(r->Diags() ==
          "t.yaml:4:11:RA1020 t.yaml:5:16:RA1020 t.yaml:5:19:RA1020 t.yaml:6:26:RA1020 t.yaml:6:34:RA1020 "
          "t.yaml:6:37:RA1020");
    CHECK(r->ex.devices[1].apps == std::vector<std::string>{"MCS"});
  }
  SUBCASE("a collection given a mapping or a scalar") {
    auto r = LoadOne("format: rurume-export/1\nusers: {id: U1}\ndevices: D1\nfacilities: [F1, {id: F2}]\n");
    CHECK(r->Diags() == "t.yaml:2:8:RA1020 t.yaml:3:10:RA1020 t.yaml:4:14:RA1020");
    CHECK(r->Message(Code::WrongType) == "users must be sequence, not mapping");
    CHECK(r->ex.users.empty());
    CHECK(r->ex.facilities.size() == 1);
  }
  SUBCASE("null for a string field") {
    auto r = LoadOne(Y(R"(
format: rurume-export/1
users:
  - id: U1
    name:
    email: ~
    organization: null
    nulls: 1
  - {id: U2, email: , name: NULL}
  - id: U3
    name:

)"));
    // An empty value is shown at its key (yaml-cpp marks it at the next token).
    CHECK(r->Diags() == "t.yaml:4:5:RA1020 t.yaml:5:12:RA1020 t.yaml:6:19:RA1020 t.yaml:7:5:RA1050 "
                        "t.yaml:8:14:RA1020 t.yaml:8:29:RA1020 t.yaml:10:5:RA1020");
    CHECK(r->Message(Code::WrongType) == "user.name must be string, not null");
    CHECK_FALSE(r->ex.users[0].name.has_value());
    CHECK(r->ex.users.size() == 3);
  }
  SUBCASE("numbers and bools for string fields") {
    auto r = LoadOne("format: rurume-export/1\nusers: [{id: 123, name: true, organization: 1.5}]\n");
    CHECK(r->Diags() == "t.yaml:2:9:RA1033 t.yaml:2:14:RA1020 t.yaml:2:25:RA1020 t.yaml:2:45:RA1020");
    // Quoted, they are strings.
    CHECK(LoadOne("format: rurume-export/1\nusers: [{id: '123', name: \"true\"}]\n")->Diags() == "");
  }
  SUBCASE("network and exported_at") {
    auto r = LoadBuffers({{"t.yaml", "format: rurume-export/1\nnetwork: るるめ\nexported_at: [1]\n"}});
    CHECK(r->Diags() == "t.yaml:2:10:RA1020 t.yaml:3:14:RA1020");
    auto n = LoadBuffers({{"t.yaml", "format: rurume-export/1\nnetwork: []\nexported_at: 20261124\n"}});
    CHECK(n->Diags() == "t.yaml:2:10:RA1020 t.yaml:3:14:RA1020");
  }
  SUBCASE("an object field given a scalar") {
    auto r = LoadOne("format: rurume-export/1\nfacilities: [{id: F1, device_ledger: true}]\n");
    CHECK(r->Diags() == "t.yaml:2:38:RA1020");
    CHECK(r->Message(Code::WrongType) == "facility.device_ledger must be mapping, not scalar");
  }
}

TEST_CASE("RA1021 enum-value") {
  auto r = LoadOne(Y(R"(
format: rurume-export/1
users:
  - id: U1
    type: doctor
    roles: [mcs_admin, admin, secretariat]
devices: [{id: D1, status: Lost}]
documents: [{id: DOC1, entries: [{action: remove}], copies: [patient, 患者]}]
)"));
  CHECK(r->Diags() == "t.yaml:4:11:RA1021 t.yaml:5:24:RA1021 t.yaml:6:28:RA1021 t.yaml:7:43:RA1021 "
                      "t.yaml:7:71:RA1021");
  CHECK(r->Message(Code::EnumValue) == "user.type cannot be \"doctor\" (allowed: professional, patient, family)");
  CHECK(r->diags.all()[1].Message(Lang::En) ==
        "user.roles[] cannot be \"admin\" (allowed: mcs_admin, secretariat)");
  const User& u = r->ex.users[0];
  CHECK_FALSE(u.type.has());
  CHECK(u.roles.contains(UserRole::mcs_admin));
  CHECK(u.roles.contains(UserRole::secretariat));
  CHECK(u.roles.raw->size() == 2);  // the bad value is left out
  CHECK(LoadOne("format: rurume-export/1\nusers: [{id: U1, roles: [mcs_admin, 1]}]\n")->Diags() ==
        "t.yaml:2:37:RA1020");
}

TEST_CASE("RA1022 invalid-date") {
  auto r = LoadOne(Y(R"(
format: rurume-export/1
facilities:
  - id: F1
    joined_on: 2026-02-30
    withdrawn_on: 2026-13-01
    loss_procedure_confirmed_on: 26-1-1
  - {id: F2, joined_on: 2024-02-29, device_ledger: {updated_on: 2026-1-1}}
)"));
  CHECK(r->Diags() == "t.yaml:4:16:RA1022 t.yaml:5:19:RA1022 t.yaml:6:34:RA1022 t.yaml:7:65:RA1022");
  CHECK(r->Message(Code::InvalidDate) ==
        "facility.joined_on: \"2026-02-30\" is not a date (an existing day as YYYY-MM-DD)");
  CHECK(r->diags.all()[3].Message(Lang::En) ==
        "device_ledger.updated_on: \"2026-1-1\" is not a date (an existing day as YYYY-MM-DD)");
  CHECK_FALSE(r->ex.facilities[0].joined_on.has_value());
  CHECK(r->ex.facilities[1].joined_on == Date(2024, 2, 29));
  // A date given as a number or a timestamp.
  CHECK(LoadOne("format: rurume-export/1\nfacilities: [{id: F1, joined_on: 20260101}]\n")->Diags() ==
        "t.yaml:2:34:RA1020");
  CHECK(LoadOne("format: rurume-export/1\nfacilities: [{id: F1, joined_on: 2026-01-01T00:00:00}]\n")->Diags() ==
        "t.yaml:2:34:RA1022");
}

TEST_CASE("RA1023 invalid-timestamp") {
  auto r = LoadOne(Y(R"(
format: rurume-export/1
devices:
  - id: D1
    lost_at: 2026-11-02 09:30
    reported_to_admin_at: 2026-11-02T25:00:00+09:00
    remote_locked_at: 2026-11-02
    mcs_suspended_at: 2026-11-02T09:30:00+0900
)"));
  CHECK(r->Diags() == "t.yaml:4:14:RA1023 t.yaml:5:27:RA1023 t.yaml:6:23:RA1023 t.yaml:7:23:RA1023");
  CHECK(r->Message(Code::InvalidTimestamp) ==
        "device.lost_at: \"2026-11-02 09:30\" is not a timestamp (ISO 8601, e.g. 2026-11-02T09:30:00+09:00)");
  auto top = LoadBuffers({{"t.yaml", "format: rurume-export/1\nexported_at: yesterday\nnetwork: {}\n"}});
  CHECK(top->Diags() == "t.yaml:2:14:RA1023");
  CHECK_FALSE(top->ex.exported_at.has_value());
}

TEST_CASE("RA1025 out-of-range: dates and timestamps outside the calendar's range (tests/load/fixtures/out-of-range.yaml)") {
  std::ifstream in(std::string(RURUME_TEST_DATA) + "/load/fixtures/out-of-range.yaml", std::ios::binary);
  const std::string body((std::istreambuf_iterator<char>(in)), {});
  REQUIRE_FALSE(body.empty());
  auto r = LoadOne(body);
  CHECK(r->Diags() == "t.yaml:6:73:RA1025 t.yaml:15:16:RA1025 t.yaml:17:49:RA1025");
  CHECK(r->Message(Code::OutOfRange) ==
        "facility.loss_procedure_confirmed_on: \"1399-12-31\" is out of range (dates from 1400-01-01 to 9999-12-31, "
        "timestamps from 1400-01-01T09:00:00+09:00 to 9999-12-31T23:59:59+09:00 in Japan time)");
  CHECK(r->diags.errors() == 3);
  REQUIRE(r->ex.posts.size() == 2);
  CHECK_FALSE(r->ex.posts[0].posted_at.has_value());  // not read: never formatted
  CHECK_FALSE(r->ex.facilities[0].loss_procedure_confirmed_on.has_value());
  auto top = LoadBuffers({{"t.yaml", "format: rurume-export/1\nexported_at: 9999-12-31T15:00:00Z\nnetwork: {}\n"}});
  CHECK(top->Diags() == "t.yaml:2:14:RA1025");
  // The last instant in range is read.
  auto ok = LoadBuffers({{"t.yaml", "format: rurume-export/1\nexported_at: 9999-12-31T23:59:59+09:00\nnetwork: {}\n"}});
  CHECK(ok->Diags().empty());
  CHECK(ok->ex.exported_at.has_value());
}

TEST_CASE("RA1024 yaml11-bool") {
  auto r = LoadOne(Y(R"(
format: rurume-export/1
devices:
  - id: D1
    screen_lock: yes
    antivirus: no
    mdm: on
    remote_wipe: off
    public_wifi: Y
    in_ledger: N
    os_supported: true
users:
  - id: U1
    name: yes
    organization: on
    password: {shared: NO}
)"));
  CHECK(r->Diags() == "t.yaml:4:18:RA1024 t.yaml:5:16:RA1024 t.yaml:6:10:RA1024 t.yaml:7:18:RA1024 "
                      "t.yaml:8:18:RA1024 t.yaml:9:16:RA1024 t.yaml:15:24:RA1024");
  CHECK(r->Message(Code::Yaml11Bool) == "device.screen_lock: yes is a YAML 1.1 boolean; write true or false");
  const Device& d = r->ex.devices[0];
  CHECK_FALSE(d.screen_lock.has_value());  // neither true nor false: unknown
  CHECK_FALSE(d.antivirus.has_value());
  CHECK(d.os_supported == true);
  // For a string field the words are plain strings.
  CHECK(r->ex.users[0].name == "yes");
  CHECK(r->ex.users[0].organization == "on");
  // Quoted, they are strings: wrong type for a bool, not a YAML 1.1 boolean.
  CHECK(LoadOne("format: rurume-export/1\ndevices: [{id: D1, mdm: 'yes'}]\n")->Diags() == "t.yaml:2:25:RA1020");
}

TEST_CASE("RA1030 duplicate-key") {
  SUBCASE("in a record") {
    auto r = LoadOne("format: rurume-export/1\nusers:\n  - id: U1\n    name: a\n    name: b\n");
    CHECK(r->Diags() == "t.yaml:5:5:RA1030");
    CHECK(r->Message(Code::DuplicateKey) == "duplicate key \"name\" (first on line 4)");
    CHECK(r->ex.users[0].name == "a");  // the first value stays
  }
  SUBCASE("a duplicated id") {
    auto r = LoadOne("format: rurume-export/1\nusers:\n  - id: U1\n    id: U2\n");
    CHECK(r->Diags() == "t.yaml:4:5:RA1030");
    CHECK(r->ex.users[0].id == "U1");
  }
  SUBCASE("in a nested object") {
    auto r = LoadOne("format: rurume-export/1\nusers: [{id: U1, password: {length: 8, length: 4}}]\n");
    CHECK(r->Diags() == "t.yaml:2:40:RA1030");
    CHECK(r->ex.users[0].password->length == 8);
  }
  SUBCASE("in a list entry") {
    auto r = LoadOne("format: rurume-export/1\ngroups:\n  - id: G1\n    members:\n      - user: U1\n        user: U2\n"
                     "users: [{id: U1}]\n");
    CHECK(r->Diags() == "t.yaml:6:9:RA1030");
  }
  SUBCASE("in an x- mapping") {
    auto r = LoadOne("format: rurume-export/1\nusers: [{id: U1, x-meta: {a: 1, b: 2, a: 3}}]\n");
    CHECK(r->Diags() == "t.yaml:2:39:RA1030");
    REQUIRE(r->ex.users[0].ext.size() == 1);
    CHECK(r->ex.users[0].ext[0].second.members.size() == 2);
  }
  SUBCASE("the same x- field twice") {
    auto r = LoadOne("format: rurume-export/1\nx-a: 1\nx-a: 2\nusers: [{id: U1, x-b: 1, x-b: 2}]\n");
    CHECK(r->Diags() == "t.yaml:3:1:RA1030 t.yaml:4:26:RA1030");
    CHECK(r->ex.ext.size() == 1);
    CHECK(r->ex.users[0].ext.size() == 1);
  }
  SUBCASE("an unknown field twice: one warning, one error") {
    auto r = LoadOne("format: rurume-export/1\nusers: [{id: U1, nick: a, nick: b}]\n");
    CHECK(r->Diags() == "t.yaml:2:18:RA1050 t.yaml:2:27:RA1030");
  }
  SUBCASE("at top level") {
    auto r = LoadOne(Y(R"(
format: rurume-export/1
users: [{id: U1}]
format: rurume-export/1
users: [{id: U2}]
)"));
    CHECK(r->Diags() == "t.yaml:3:1:RA1030 t.yaml:4:1:RA1030");
    CHECK(r->Message(Code::DuplicateKey) == "duplicate key \"format\" (first on line 1)");
    REQUIRE(r->ex.users.size() == 1);
    CHECK(r->ex.users[0].id == "U1");
  }
  SUBCASE("in a discarded value") {
    auto r = LoadOne(Y(R"(
format: rurume-export/1
unknown:
  x:
    a: 1
    a: {b: [1, 2]}
    c: 2
  y: [1, {a: 1, a: [2, {z: 1}]}, 3]
users: [{id: U1}]
)"));
    CHECK(r->Diags() == "t.yaml:2:1:RA1050 t.yaml:5:5:RA1030 t.yaml:7:17:RA1030");
    CHECK(r->ex.users.size() == 1);
  }
  SUBCASE("a long key is shortened in the message") {
    std::string key(100, 'k');
    auto r = LoadOne("format: rurume-export/1\nx-" + key + ": 1\nx-" + key + ": 2\n");
    CHECK(r->Diags() == "t.yaml:3:1:RA1030");
    CHECK(r->Message(Code::DuplicateKey) == "duplicate key \"x-" + std::string(58, 'k') + "…\" (first on line 2)");
  }
}

TEST_CASE("RA1031 duplicate-id") {
  SUBCASE("within one file") {
    auto r = LoadOne("format: rurume-export/1\nfacilities:\n  - id: F1\n  - id: F2\n  - id: F1\n");
    CHECK(r->Diags() == "t.yaml:5:5:RA1031");
    CHECK(r->Message(Code::DuplicateId) == "duplicate facility id \"F1\" (first at t.yaml:3:5)");
    CHECK(r->ex.facility("F1") == &r->ex.facilities[0]);  // references go to the first
  }
  SUBCASE("across two files") {
    auto r = LoadBuffers({{"a.yaml", kNetworkFile},
                          {"b.yaml", "format: rurume-export/1\nusers:\n  - id: U1\n"},
                          {"c.yaml", "format: rurume-export/1\nusers: [{id: U2}, {id: U1}]\n"}});
    CHECK(r->Diags() == "c.yaml:2:19:RA1031");
    CHECK(r->Message(Code::DuplicateId) == "duplicate user id \"U1\" (first at b.yaml:3:5)");
  }
  SUBCASE("ids are per collection") {
    auto r = LoadOne("format: rurume-export/1\nfacilities: [{id: X}]\nusers: [{id: X}]\ngroups: [{id: X}]\n");
    CHECK(r->Diags() == "");
  }
}

TEST_CASE("RA1032 dangling-ref: the id probably meant, by the one suggester") {
  auto r = LoadBuffers({{"t.yaml", Y(R"(
format: rurume-export/1
facilities: [{id: F001}, {id: F002}]
users:
  - {id: U0014, facility: f001}
  - {id: U0015, facility: F003}
  - {id: U0016, facility: F01}
  - {id: U0017, facility: X9}
)")}});
  std::vector<std::string> messages;
  for (const Diagnostic& d : r->diags.all())
    if (d.code == Code::DanglingRef) messages.push_back(d.Message(Lang::En));
  REQUIRE(messages.size() == 4);
  CHECK(messages[0] == "user.facility refers to facility \"f001\", which does not exist (→ F001?)");  // case
  CHECK(messages[1] == "user.facility refers to facility \"F003\", which does not exist (→ F001, F002?)");
  CHECK(messages[2] == "user.facility refers to facility \"F01\", which does not exist");  // too short to guess
  CHECK(messages[3] == "user.facility refers to facility \"X9\", which does not exist");
}

TEST_CASE("RA1032 dangling-ref") {
  auto r = LoadBuffers({{"net.yaml", "format: rurume-export/1\nexported_at: 2026-11-24T02:00:00\n"
                                     "network: {secretariat_facility: F0, all_members_group: G0}\n"},
                        {"t.yaml", Y(R"(
format: rurume-export/1
facilities: [{id: F1}]
users:
  - {id: U1, facility: F9, patient: P9}
patients:
  - {id: P1, facility: F1, primary_physician: U9}
groups:
  - id: G1
    patient: P8
    members:
      - {user: U1, invited_by: U8}
      - {user: U7}
posts:
  - {id: PO1, group: G9, author: U1}
documents:
  - id: DOC1
    entries:
      - {user: U6, action: add}
devices:
  - id: D1
    takeouts:
      - {approved_by: U5}
)")}});
  CHECK(r->Diags() ==
        "net.yaml:3:33:RA1032 net.yaml:3:56:RA1032 "
        "t.yaml:4:24:RA1032 t.yaml:4:37:RA1032 t.yaml:6:47:RA1032 t.yaml:9:14:RA1032 t.yaml:11:32:RA1032 "
        "t.yaml:12:16:RA1032 t.yaml:14:22:RA1032 t.yaml:18:16:RA1032 t.yaml:22:23:RA1032");
  CHECK(r->Message(Code::DanglingRef) == "network.secretariat_facility refers to facility \"F0\", which does not exist");
  std::vector<std::string> messages;
  for (const Diagnostic& d : r->diags.all()) messages.push_back(d.Message(Lang::En));
  CHECK(messages[2] == "user.facility refers to facility \"F9\", which does not exist");
  CHECK(messages[3] == "user.patient refers to patient \"P9\", which does not exist");
  CHECK(messages[4] == "patient.primary_physician refers to user \"U9\", which does not exist");
  CHECK(messages[5] == "group.patient refers to patient \"P8\", which does not exist");
  CHECK(messages[6] == "member.invited_by refers to user \"U8\", which does not exist");
  CHECK(messages[7] == "member.user refers to user \"U7\", which does not exist");
  CHECK(messages[8] == "post.group refers to group \"G9\", which does not exist");
  CHECK(messages[9] == "entry.user refers to user \"U6\", which does not exist");
  CHECK(messages[10] == "takeout.approved_by refers to user \"U5\", which does not exist");
  // A dangling reference keeps its id but no target; good ones still link.
  CHECK(r->ex.users[0].facility.id == "F9");
  CHECK(r->ex.users[0].facility.get() == nullptr);
  CHECK(r->ex.patients[0].facility.get() == &r->ex.facilities[0]);
  CHECK(r->ex.users[0].memberships.size() == 1);
  CHECK(r->ex.posts[0].author.get() == &r->ex.users[0]);
  CHECK((*r->ex.groups[0].members)[1].group == &r->ex.groups[0]);
}

TEST_CASE("RA1033 missing-id") {
  auto r = LoadOne(Y(R"(
format: rurume-export/1
users:
  - name: 名無し
  - id: ""
  - id:
  - {id: U4}
posts:
  - {group: G1}
)"));
  CHECK(r->Diags() == "t.yaml:3:5:RA1033 t.yaml:4:5:RA1033 t.yaml:5:5:RA1020 t.yaml:5:5:RA1033 t.yaml:8:5:RA1033");
  CHECK(r->Message(Code::MissingId) == "user record without id (the record is not read)");
  REQUIRE(r->ex.users.size() == 1);
  CHECK(r->ex.users[0].id == "U4");
  CHECK(r->ex.posts.empty());  // and its reference is not checked
}

TEST_CASE("RA1034 extra-all-members-group: the all-members group is the one the network names") {
  auto r = LoadBuffers({{"net.yaml", Y(R"(
format: rurume-export/1
exported_at: 2026-11-24T02:00:00+09:00
network: {name: るるめネット, all_members_group: G1}
groups:
  - {id: G1, kind: all_members}
  - {id: G2, kind: all_members}
  - {id: G3, kind: free}
)")}});
  CHECK(r->Diags() == "net.yaml:6:5:RA1034");
  CHECK(r->diags.errors() == 0);
  CHECK(r->Message(Code::ExtraAllMembersGroup).rfind(
            "group G2 is of kind all_members but is not the group network.all_members_group names (it names G1)", 0) == 0);
  // No group named: every group of the kind is the mistake.
  auto none = LoadOne(Y(R"(
format: rurume-export/1
groups:
  - {id: G1, kind: all_members}
)"));
  CHECK(none->Diags() == "t.yaml:3:5:RA1034");
  CHECK(none->Find(Code::ExtraAllMembersGroup)->Message(Lang::Ja).find("(指定がありません)") != std::string::npos);
}

TEST_CASE("RA1040 top-level-twice") {
  SUBCASE("network in two files") {
    auto r = LoadBuffers({{"a.yaml", kNetworkFile},
                          {"b.yaml", "format: rurume-export/1\nfacilities: []\nnetwork:\n  name: 別\n"}});
    CHECK(r->Diags() == "b.yaml:3:1:RA1040");
    CHECK(r->Message(Code::TopLevelTwice) == "network is given more than once (first at a.yaml:3:1)");
    CHECK(r->ex.network->name == "るるめネット");  // the first stays
  }
  SUBCASE("exported_at in two files") {
    auto r = LoadBuffers({{"a.yaml", kNetworkFile},
                          {"b.yaml", "format: rurume-export/1\nexported_at: 2026-12-01T00:00:00+09:00\n"},
                          {"c.yaml", "format: rurume-export/1\n\nexported_at: 2026-12-02T00:00:00+09:00\n"}});
    CHECK(r->Diags() == "b.yaml:2:1:RA1040 c.yaml:3:1:RA1040");
    CHECK(r->Message(Code::TopLevelTwice) == "exported_at is given more than once (first at a.yaml:2:1)");
    CHECK(*r->ex.exported_at == *ParseTimestamp("2026-11-24T02:00:00+09:00"));
  }
}

TEST_CASE("RA1041 top-level-missing") {
  SUBCASE("no network anywhere") {
    auto r = LoadBuffers({{"a.yaml", "format: rurume-export/1\nexported_at: 2026-11-24T02:00:00\n"},
                          {"b.yaml", "format: rurume-export/1\nfacilities: []\n"}});
    CHECK(r->Diags() == ":0:0:RA1041");
    CHECK(r->Message(Code::TopLevelMissing) == "network is given in no file");
    CHECK_FALSE(r->ex.network.has_value());
  }
  SUBCASE("neither") {
    auto r = LoadBuffers({{"a.yaml", "format: rurume-export/1\n"}});
    CHECK(r->Diags() == ":0:0:RA1041 :0:0:RA1041");
    CHECK(r->diags.all()[1].Message(Lang::En) == "exported_at is given in no file");
  }
  SUBCASE("no input at all") {
    auto r = LoadBuffers({});
    CHECK(r->Diags() == ":0:0:RA1041 :0:0:RA1041");
  }
}

TEST_CASE("RA1050 unknown-field") {
  auto r = LoadOne(Y(R"(
format: rurume-export/1
devices:
  - id: D1
    screen_lok: true
    colour: black
    takeouts: [{purpos: 訪問}]
facilites: []
)"));
  CHECK(r->Diags() == "t.yaml:4:5:RA1050 t.yaml:5:5:RA1050 t.yaml:6:17:RA1050 t.yaml:7:1:RA1050");
  CHECK(r->diags.warnings() == 4);
  CHECK(r->diags.errors() == 0);
  const auto& all = r->diags.all();
  CHECK(all[0].level == Level::Warning);
  CHECK(all[0].Message(Lang::En) == "unknown field \"screen_lok\" in device (→ screen_lock?)");
  CHECK(all[0].Message(Lang::Ja) == "device に未知のフィールド \"screen_lok\" があります (→ screen_lock?)");
  CHECK(all[1].Message(Lang::En) == "unknown field \"colour\" in device");  // nothing close
  CHECK(all[2].Message(Lang::En) == "unknown field \"purpos\" in takeout (→ purpose?)");
  CHECK(all[3].Message(Lang::En) == "unknown field \"facilites\" in export (→ facilities?)");
  // The misspelt field is not read as the right one.
  CHECK_FALSE(r->ex.devices[0].screen_lock.has_value());
  CHECK(r->ex.devices[0].ext.empty());
}

TEST_CASE("RA1060 alias-limit (a small allowance)") {
  LoadLimits limits;
  limits.alias_event_allowance = 10;
  std::string body = "format: rurume-export/1\nx-a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nx-b: [*a, *a, *a, *a, *a]\n"
                     "users: [{id: U1}]\n";
  auto r = LoadOne(body, limits);
  // The budget is the file's size in bytes plus the allowance.
  REQUIRE(r->Count(Code::AliasLimit) == 0);
  std::string many = "format: rurume-export/1\nx-a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nx-b: [";
  for (int i = 0; i < 50; ++i) many += "*a, ";
  many += "*a]\nusers: [{id: U1}]\n";
  auto over = LoadOne(many, limits);
  const Diagnostic* d = over->Find(Code::AliasLimit);
  REQUIRE(d);
  CHECK(d->file == "t.yaml");
  CHECK(d->line == 3);
  CHECK(over->Count(Code::AliasLimit) == 1);
  CHECK(over->Diags() == fmt::format("t.yaml:3:{}:RA1060", d->column));
  CHECK(over->Message(Code::AliasLimit) ==
        fmt::format("alias expansion exceeds the limit ({} events); the rest of the file is not read",
                    many.size() + 10));
  CHECK(over->ex.users.empty());  // the rest of the file is not read
}

TEST_CASE("RA1060 alias-limit: an alias inside its own anchor") {
  auto r = LoadOne("format: rurume-export/1\nx-a: &a [1, *a]\nusers: [{id: U1}]\n");
  // yaml-cpp knows the anchor already; expanding it would never end.
  CHECK(r->Count(Code::AliasLimit) + r->Count(Code::YamlSyntax) == 1);
  CHECK(r->ex.users.empty());
}

TEST_CASE("RA1061 depth-limit") {
  std::string deep = "format: rurume-export/1\nx-deep: " + std::string(70, '[') + std::string(70, ']');
  auto r = LoadOne(deep + "\nusers: [{id: U1}]\n");
  // The top mapping is level 1 and x-deep's first [ level 2: the 64th [ (column
  // 9 + 63) is level 65.
  CHECK(r->Diags() == "t.yaml:2:72:RA1061");
  CHECK(r->Message(Code::DepthLimit) == "nesting deeper than 64; the rest of the file is not read");
  CHECK(r->ex.users.empty());  // the rest of the file is not read
  // 64 levels are fine.
  std::string ok = "format: rurume-export/1\nx-deep: " + std::string(63, '[') + std::string(63, ']');
  CHECK(LoadOne(ok + "\n")->Diags() == "");
  // A smaller limit, reached inside a record: what was read of it stays.
  LoadLimits limits;
  limits.max_depth = 3;
  auto small = LoadOne("format: rurume-export/1\nusers: [{id: U1, password: {length: 8}}, {id: U2}]\n", limits);
  CHECK(small->Diags() == "t.yaml:2:28:RA1061");
  REQUIRE(small->ex.users.size() == 1);
  CHECK(small->ex.users[0].id == "U1");
  CHECK_FALSE(small->ex.users[0].password.has_value());
  // Through an alias: reported where the alias is.
  limits.max_depth = 4;
  auto alias = LoadOne("format: rurume-export/1\nx-a: &a [[[1]]]\nx-b: [[*a]]\n", limits);
  CHECK(alias->Diags() == "t.yaml:3:8:RA1061");
}

TEST_CASE("RA1070 complex-key") {
  auto r = LoadOne(Y(R"(
format: rurume-export/1
users:
  - id: U1
    ? [name, email]
    : x
    name: ok
  - {id: U2, {a: 1}: b, email: e}
? {k: v}
: value
)"));
  CHECK(r->Diags() == "t.yaml:4:7:RA1070 t.yaml:7:14:RA1070 t.yaml:8:3:RA1070");
  CHECK(r->Message(Code::ComplexKey) == "a mapping key must be a scalar");
  REQUIRE(r->ex.users.size() == 2);
  CHECK(r->ex.users[0].name == "ok");
  CHECK(r->ex.users[1].email == "e");
}

TEST_CASE("RA1071 unsupported-tag") {
  auto r = LoadOne(Y(R"(
format: rurume-export/1
users:
  - !person
    id: U1
    name: !secret 太郎
    email: !!str a@b
    roles: !!seq [mcs_admin]
devices: !<tag:example.com,2026:list> []
)"));
  CHECK(r->Diags() == "t.yaml:3:5:RA1071 t.yaml:5:11:RA1071 t.yaml:8:10:RA1071");
  CHECK(r->Message(Code::UnsupportedTag) == "unsupported tag !person");
  CHECK(r->diags.all()[1].Message(Lang::En) == "unsupported tag !secret");
  REQUIRE(r->ex.users.size() == 1);
  CHECK(r->ex.users[0].email == "a@b");
  CHECK(r->ex.users[0].roles.contains(UserRole::mcs_admin));
  // Core schema tags decide the type.
  auto core = LoadOne("format: rurume-export/1\nusers: [{id: !!str 12, name: !!str true, password: {length: !!int 8}}]\n");
  CHECK(core->Diags() == "");
  CHECK(core->ex.users[0].id == "12");
  CHECK(core->ex.users[0].name == "true");
}

TEST_CASE("RA1080 no-input") {
  TempDir dir;
  std::string root = dir.path().generic_string();
  Diagnostics diags;
  CHECK(ExpandInputs({root}, diags).empty());
  CHECK(Render(diags) == root + ":0:0:RA1080");
  CHECK(diags.all()[0].Message(Lang::En) == "no input file (*.yaml, *.yml, *.json) in " + root);
  // Other files do not count.
  dir.Write("notes.txt", "x");
  Diagnostics d2;
  CHECK(ExpandInputs({root}, d2).empty());
  CHECK(Render(d2) == root + ":0:0:RA1080");
  // Through LoadExport.
  Diagnostics d3;
  Export ex = LoadExport({root}, d3);
  CHECK(Render(d3) == root + ":0:0:RA1080 :0:0:RA1041 :0:0:RA1041");
}

TEST_CASE("RA1081 broken-link and RA1082 not-a-file: a directory's entries that are no file are errors") {
  // Issue 10: a dangling symlink, a loop or a FIFO named *.yaml was skipped
  // silently, and the records it should have held looked gone.
  TempDir dir;
  std::string root = dir.path().generic_string();
  std::string good = dir.Write("a.yaml", "format: rurume-export/1\n");
  fs::create_symlink(dir.path() / "missing.yaml", dir.path() / "dangling.yaml");
  fs::create_symlink(dir.path() / "loop2.yaml", dir.path() / "loop1.yaml");
  fs::create_symlink(dir.path() / "loop1.yaml", dir.path() / "loop2.yaml");
  REQUIRE(::mkfifo((dir.path() / "pipe.yaml").c_str(), 0600) == 0);
  fs::create_directories(dir.path() / "real");
  std::string in_real = dir.Write("real/r.yaml", "format: rurume-export/1\n");
  // A linked directory is followed, and read once (here through the link, first in order).
  fs::create_directory_symlink(dir.path() / "real", dir.path() / "linked-dir.json");
  // A link to a directory it is in is a loop: an error.
  fs::create_directory_symlink(dir.path(), dir.path() / "real" / "up");
  // A socket, and a device node (/dev/null's; the tests run as root).
  const int sock = ::socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(sock >= 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  const std::string sock_path = (dir.path() / "socket.yaml").string();
  REQUIRE(sock_path.size() < sizeof(addr.sun_path));
  std::copy(sock_path.begin(), sock_path.end(), addr.sun_path);
  REQUIRE(::bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
  ::close(sock);
  const bool device = ::mknod((dir.path() / "null.yaml").c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0;
  fs::create_symlink(dir.path() / "a.yaml", dir.path() / "via-link.yml");  // a link to a file is read
  dir.Write("notes.txt", "x");                                               // other names are not inputs
  fs::create_symlink(dir.path() / "nothing", dir.path() / "dangling.txt");
  Diagnostics diags;
  std::vector<std::string> files = ExpandInputs({root}, diags);
  CHECK(files == std::vector<std::string>{good, root + "/linked-dir.json/r.yaml", root + "/via-link.yml"});
  diags.Sort();
  CHECK(Render(diags) == root + "/dangling.yaml:0:0:RA1081 " + root + "/linked-dir.json/up:0:0:RA1004 " + root +
                             "/loop1.yaml:0:0:RA1081 " + root + "/loop2.yaml:0:0:RA1081 " +
                             (device ? root + "/null.yaml:0:0:RA1082 " : std::string()) + root +
                             "/pipe.yaml:0:0:RA1082 " + root + "/socket.yaml:0:0:RA1082");
  CHECK(diags.errors() == (device ? 7u : 6u));
  CHECK(diags.all()[0].Message(Lang::Ja).find("シンボリックリンク") != std::string::npos);
  CHECK(diags.all()[1].Message(Lang::Ja).find("シンボリックリンクが循環しています") != std::string::npos);
  CHECK(diags.all()[4].Message(Lang::En).find("not a regular file") == 0);
  // A directory holding nothing but a FIFO is not "no input": it is the FIFO's error.
  TempDir only_fifo;
  REQUIRE(::mkfifo((only_fifo.path() / "x.yaml").c_str(), 0600) == 0);
  Diagnostics d2;
  CHECK(ExpandInputs({only_fifo.path().generic_string()}, d2).empty());
  CHECK(Render(d2) == only_fifo.path().generic_string() + "/x.yaml:0:0:RA1082");
}

// ================================================================ locations

TEST_CASE("locations: columns count characters after Japanese text in flow style") {
  auto r = LoadOne(Y(R"(
format: rurume-export/1
users: [{id: U1, name: るるめ太郎, facility: F404}, {id: U2, name: 看護師, type: nurse}]
groups: [{id: G1, name: 「全員」, members: [{user: U1}, {user: 幽霊}]}]
)"));
  CHECK(r->Diags() == "t.yaml:2:41:RA1032 t.yaml:2:74:RA1021 t.yaml:3:60:RA1032");
  CHECK(LocStr(r->ex.users[1].loc) == "1:2:48");
  CHECK(LocStr((*r->ex.groups[0].members)[0].loc) == "1:3:41");
  CHECK(LocStr((*r->ex.groups[0].members)[1].loc) == "1:3:53");
  // The same on a long line of minified JSON, far from its start.
  std::string json = R"({"format": "rurume-export/1", "users": [)";
  for (int i = 0; i < 3000; ++i) json += fmt::format(R"({{"id": "U{}", "name": "名前{}"}}, )", i, i);
  json += R"({"id": "last", "type": "bogus"}]})";
  auto j = LoadOne(json);
  REQUIRE(j->ex.users.size() == 3001);
  size_t chars = 0;  // characters before "bogus"
  std::string before = json.substr(0, json.find("\"bogus\""));
  for (char c : before) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  CHECK(j->Diags() == fmt::format("t.yaml:1:{}:RA1021", chars + 1));
  size_t user_col = 0;
  std::string before_last = json.substr(0, json.find(R"({"id": "last")"));
  for (char c : before_last) user_col += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  CHECK(j->ex.users.back().loc.column == user_col + 1);
}

TEST_CASE("locations: character columns far from where the parser reads") {
  // Inputs are read in chunks. A mark can be far behind the parser's read
  // position: yaml-cpp scans a whole flow collection (minified JSON) before
  // its first event, and an alias replays marks from where its anchor is.
  auto chars_before = [](const std::string& text, const std::string& token) {
    std::string before = text.substr(0, text.find(token));
    before = before.substr(before.rfind('\n') == std::string::npos ? 0 : before.rfind('\n') + 1);
    size_t n = 0;
    for (char c : before) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return n;
  };
  SUBCASE("the first record of a long line of minified JSON") {
    std::string json = R"({"format": "rurume-export/1", "users": [{"id": "U0", "name": "名前", "type": "bogus0"})";
    for (int i = 1; i < 6000; ++i) json += fmt::format(R"(, {{"id": "U{}", "name": "名前{}"}})", i, i);
    json += R"(, {"id": "last", "name": "最後", "type": "bogus1"}]})";
    REQUIRE(json.size() > 200000);
    auto r = LoadOne(json);
    CHECK(r->Diags() == fmt::format("t.yaml:1:{}:RA1021 t.yaml:1:{}:RA1021", chars_before(json, "\"bogus0\"") + 1,
                                    chars_before(json, "\"bogus1\"") + 1));
    CHECK(r->ex.users[1].loc.column == chars_before(json, R"({"id": "U1")") + 1);
  }
  SUBCASE("an alias of an anchor 200 kB before it") {
    std::string y = "format: rurume-export/1\nx-a: &t [{purpose: 訪問訪問, to: bad}]\n";
    for (int i = 0; i < 5000; ++i) y += fmt::format("x-f{}: 名前名前名前名前名前名前\n", i);
    y += "devices:\n  - {id: D2, takeouts: *t}\n";
    REQUIRE(y.size() > 200000);
    auto r = LoadOne(y);
    // The x- value is not checked; its copy in a takeout is, where "bad" is written.
    CHECK(r->Diags() == "t.yaml:2:30:RA1022");
    REQUIRE(r->ex.devices.size() == 1);
    CHECK(FormatLoc(r->ex, (*r->ex.devices[0].takeouts)[0].loc) == "t.yaml:2:10");
  }
}

TEST_CASE("locations: an alias replayed later on the same line") {
  // The replayed value is reported where it is written; what follows the
  // alias on the line is still counted right.
  auto r = LoadOne("format: rurume-export/1\n"
                   "devices: [{id: D1, takeouts: &t [{purpose: 訪問, to: bad}]}, {id: D2, takeouts: *t, type: bogus}]\n");
  CHECK(r->Diags() == "t.yaml:2:52:RA1022 t.yaml:2:52:RA1022 t.yaml:2:89:RA1021");
}

TEST_CASE("locations: every record and member entry keeps file, line and column") {
  auto r = LoadBuffers({{"net.yaml", kNetworkFile},
                        {"g.yaml", Y(R"(
format: rurume-export/1
users: [{id: U1}, {id: U2}]
groups:
  - id: G1
    members:
      - user: U1
        role: admin
      -   user: U2
  - {id: G2, members: [{user: U1}, {user: U2}]}
)")}});
  CHECK(r->Diags() == "");
  const Export& ex = r->ex;
  CHECK(FormatLoc(ex, ex.users[0].loc) == "g.yaml:2:9");
  CHECK(FormatLoc(ex, ex.users[1].loc) == "g.yaml:2:19");
  CHECK(FormatLoc(ex, ex.groups[0].loc) == "g.yaml:4:5");
  CHECK(FormatLoc(ex, (*ex.groups[0].members)[0].loc) == "g.yaml:6:9");
  CHECK(FormatLoc(ex, (*ex.groups[0].members)[1].loc) == "g.yaml:8:11");
  CHECK(FormatLoc(ex, ex.groups[1].loc) == "g.yaml:9:5");
  CHECK(FormatLoc(ex, (*ex.groups[1].members)[0].loc) == "g.yaml:9:24");
  CHECK(FormatLoc(ex, (*ex.groups[1].members)[1].loc) == "g.yaml:9:36");
  CHECK(FormatLoc(ex, (*ex.groups[1].members)[1].user.loc) == "g.yaml:9:43");
  CHECK(FormatLoc(ex, Loc{7, 1, 1}) == "?:1:1");
}

TEST_CASE("diagnostics are sorted by file order, line, column and code") {
  auto r = LoadBuffers({{"z.yaml", "format: rurume-export/1\nusers: [{id: U1, facility: F9}]\n"},
                        {"a.yaml", "format: rurume-export/1\nfacilities: [{id: F1, kind: x}, {id: F1}]\n"}});
  CHECK(r->Diags() == ":0:0:RA1041 :0:0:RA1041 z.yaml:2:28:RA1032 a.yaml:2:29:RA1021 a.yaml:2:33:RA1031");
}

TEST_CASE("loader: a bad value's record is the record at the end, however far its collection and its list grew") {
  // A vector moved its records as it grew: a bad value noted early in a file pointed at where its record had been,
  // and the rules then read the value as merely absent (a wrong finding, or a subject silently out of scope).
  std::string text = "format: rurume-export/1\nfacilities:\n  - {id: F1, status: active}\nusers:\n";
  text += "  - {id: U0, facility: F1, status: bogus}\n";
  for (int i = 1; i < 300; ++i) text += fmt::format("  - {{id: U{}, facility: F1, status: active}}\n", i);
  text += "groups:\n  - id: G1\n    kind: free\n    facility: F1\n    members:\n";
  text += "      - {user: U1, role: admin}\n      - {user: U2, role: boss}\n";
  for (int i = 3; i < 300; ++i) text += fmt::format("      - {{user: U{}, role: member}}\n", i);
  auto r = testing::LoadBuffers({{"net.yaml", testing::kNetworkFile}, {"x.yaml", text}});
  REQUIRE(r->ex.bad_values.size() == 2);
  const BadValue& user = r->ex.bad_values[0];
  const BadValue& member = r->ex.bad_values[1];
  CHECK(user.record == &r->ex.users[0]);
  CHECK(user.field == "status");
  REQUIRE(r->ex.groups.size() == 1);
  REQUIRE(r->ex.groups[0].members->size() == 299);
  CHECK(member.record == &(*r->ex.groups[0].members)[1]);
  CHECK(member.field == "role");
}
