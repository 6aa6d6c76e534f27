// Hostile and damaged input: alias bombs, deep nesting, huge scalars, and a
// long run of random mutations of a valid export. None may crash the loader
// or escape it as an exception; each ends in a loaded export or diagnostics.
#include "load/loader.h"

#include "load_helpers.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

using namespace rurume;
using rurume::testing::LoadBuffers;
using rurume::testing::Loaded;
using rurume::testing::LoadOne;
using rurume::testing::Render;

namespace {

/// "x-l0: &l0 [lol, ...]" then levels whose lists hold `width` aliases of
/// the level before: the last level stands for width^levels scalars.
std::string Laughs(int levels, int width, const std::string& key_prefix) {
  std::string s = "format: rurume-export/1\n" + key_prefix + "0: &l0 [";
  for (int i = 0; i < width; ++i) s += i ? ", lol" : "lol";
  s += "]\n";
  for (int level = 1; level < levels; ++level) {
    s += fmt::format("{}{}: &l{} [", key_prefix, level, level);
    for (int i = 0; i < width; ++i) s += fmt::format("{}*l{}", i ? ", " : "", level - 1);
    s += "]\n";
  }
  s += "users: [{id: U1}]\n";
  return s;
}

/// The character at 1-based `line` and `column` of `text` (columns count
/// UTF-8 characters), or "" past the end.
std::string CharAt(const std::string& text, uint32_t line, uint32_t column) {
  size_t i = 0;
  for (uint32_t l = 1; l < line; ++l) {
    i = text.find('\n', i);
    if (i == std::string::npos) return "";
    ++i;
  }
  for (uint32_t c = 1; c < column && i < text.size() && text[i] != '\n'; ++c) {
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
  }
  return i < text.size() ? text.substr(i, 1) : "";
}

}  // namespace

// ============================================================== alias bombs

TEST_CASE("limits: a billion laughs ends with alias-limit") {
  for (int levels : {9, 10}) {
    CAPTURE(levels);
    std::string bomb = Laughs(levels, 10, "x-l");
    auto r = LoadOne(bomb);
    REQUIRE(r->Count(Code::AliasLimit) == 1);
    const Diagnostic& d = *r->Find(Code::AliasLimit);
    // The budget (file size + 100000) runs out inside level 4 (x-l4, line
    // 6): counting each event and each byte of a scalar, 48,060 are replayed
    // up to level 3, and each alias of level 4 replays 43,332.
    CHECK(d.file == "t.yaml");
    CHECK(d.line == 6);
    CHECK(CharAt(bomb, d.line, d.column) == "*");  // at an alias
    CHECK(d.args == std::vector<std::string>{std::to_string(bomb.size() + 100000)});
    CHECK(r->Diags() == Render(*r->Find(Code::AliasLimit)));  // nothing else
    CHECK(r->ex.users.empty());  // the rest of the file is not read
    CHECK(r->ex.ext.size() == 5);  // x-l0 to x-l3, and x-l4 up to the limit
  }
}

TEST_CASE("limits: the classic billion laughs with plain keys") {
  // a: &a [lol, ...], b: &b [*a, ...] ... unknown top-level keys, so the
  // expansion goes into discarded values: still bounded.
  std::string bomb = "format: rurume-export/1\n";
  const char* keys = "abcdefghi";
  bomb += "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  for (int k = 1; k < 9; ++k) {
    bomb += fmt::format("{}: &{} [", keys[k], keys[k]);
    for (int i = 0; i < 9; ++i) bomb += fmt::format("{}*{}", i ? "," : "", keys[k - 1]);
    bomb += "]\n";
  }
  auto r = LoadOne(bomb);
  CHECK(r->Count(Code::AliasLimit) == 1);
  CHECK(r->Count(Code::UnknownField) >= 1);
  CHECK(r->diags.all().size() == r->Count(Code::AliasLimit) + r->Count(Code::UnknownField));
}

TEST_CASE("limits: an alias bomb inside a record field") {
  // Expanding into a typed field: every expanded item is checked (and may be
  // a diagnostic), but the expansion still ends at the budget.
  std::string bomb = Laughs(8, 10, "x-l");
  bomb += "devices: [{id: D1, apps: *l7}]\n";
  auto r = LoadOne(bomb);
  CHECK(r->Count(Code::AliasLimit) == 1);
  CHECK(r->ex.devices.size() <= 1);
}

TEST_CASE("limits: aliases of a long scalar are bounded by its bytes") {
  // Few events, many bytes: 2,000 aliases of a 1 MB scalar would be 2 GB.
  std::string big(1000000, 'x');
  std::string bomb = "format: rurume-export/1\nx-a: &a " + big + "\ndevices: [{id: D1, apps: [*a";
  for (int i = 1; i < 2000; ++i) bomb += ", *a";
  bomb += "]}]\nusers: [{id: U1}]\n";
  auto r = LoadOne(bomb);
  // The first alias fits in the budget (the file's size + 100000), the second does not.
  CHECK(r->Diags() == "t.yaml:3:31:RA1060");
  REQUIRE(r->ex.devices.size() == 1);
  REQUIRE(r->ex.devices[0].apps);
  CHECK(r->ex.devices[0].apps->size() == 1);
  CHECK((*r->ex.devices[0].apps)[0].size() == big.size());
  CHECK(r->ex.users.empty());
  // Once is fine.
  auto once = LoadOne("format: rurume-export/1\nx-a: &a " + big + "\nx-b: *a\n");
  CHECK(once->Diags() == "");
  REQUIRE(once->ex.ext.size() == 2);
  CHECK(once->ex.ext[1].second.s.size() == big.size());
}

TEST_CASE("limits: aliases within the budget expand fully") {
  // 5 levels of 4: 4^4 = 256 scalars at the last level, far below the budget.
  std::string s = Laughs(5, 4, "x-l");
  auto r = LoadOne(s);
  CHECK(r->Diags() == "");
  REQUIRE(r->ex.ext.size() == 5);
  const Dyn& top = r->ex.ext[4].second;
  size_t leaves = 0;
  for (const Dyn& a : top.items)
    for (const Dyn& b : a.items)
      for (const Dyn& c : b.items)
        for (const Dyn& d : c.items) leaves += d.items.size();
  CHECK(leaves == 4 * 4 * 4 * 4 * 4);
  CHECK(r->ex.users.size() == 1);
}

// ============================================================== deep nesting

TEST_CASE("limits: 200,000 nested [ end with a diagnostic, not a crash") {
  const size_t n = 200000;
  SUBCASE("unclosed") {
    auto r = LoadOne("format: rurume-export/1\nx: " + std::string(n, '['));
    CHECK(r->Count(Code::DepthLimit) + r->Count(Code::YamlSyntax) >= 1);
  }
  SUBCASE("closed") {
    auto r = LoadOne("format: rurume-export/1\nx-deep: " + std::string(n, '[') + std::string(n, ']') + "\n");
    CHECK(r->Diags() == "t.yaml:2:72:RA1061");
  }
  SUBCASE("at the top") {
    auto r = LoadOne(std::string(n, '['));
    CHECK(r->Count(Code::DepthLimit) + r->Count(Code::YamlSyntax) >= 1);
  }
  SUBCASE("flow mappings") {
    std::string s = "format: rurume-export/1\nx: ";
    for (size_t i = 0; i < n / 4; ++i) s += "{a: ";
    auto r = LoadOne(s);
    CHECK(r->Count(Code::DepthLimit) + r->Count(Code::YamlSyntax) >= 1);
  }
  SUBCASE("block sequences") {
    std::string s = "format: rurume-export/1\nx:\n";
    for (size_t i = 0; i < 2000; ++i) s += std::string(i * 2, ' ') + "-\n";
    auto r = LoadOne(s);
    CHECK(r->Count(Code::DepthLimit) + r->Count(Code::YamlSyntax) >= 1);
  }
}

// ============================================================== big scalars

TEST_CASE("limits: a 50 MB name loads and keeps its length") {
  const size_t n = 50u * 1000u * 1000u;
  std::string body = "format: rurume-export/1\nusers:\n  - id: U1\n    name: ";
  body.reserve(body.size() + n + 40);
  for (size_t i = 0; i < n; ++i) body += static_cast<char>('a' + i % 26);
  body += "\n  - id: U2\n    name: 二\n";
  auto r = LoadOne(body);
  CHECK(r->Diags() == "");
  REQUIRE(r->ex.users.size() == 2);
  REQUIRE(r->ex.users[0].name);
  CHECK(r->ex.users[0].name->size() == n);
  CHECK(r->ex.users[0].name->substr(0, 3) == "abc");
  CHECK(r->ex.users[1].name == "二");
  CHECK(r->ex.users[1].loc.line == 5);
}

TEST_CASE("limits: a 10 MB quoted Japanese name") {
  const size_t chars = 3u * 1000u * 1000u;  // 9 MB of UTF-8
  std::string name;
  name.reserve(chars * 3);
  for (size_t i = 0; i < chars; ++i) name += i % 2 ? "る" : "め";
  auto r = LoadOne("format: rurume-export/1\nusers: [{id: U1, name: \"" + name + "\", type: bogus}]\n");
  // The column after the name counts characters.
  CHECK(r->Diags() == fmt::format("t.yaml:2:{}:RA1021", 25 + chars + 9));
  REQUIRE(r->ex.users.size() == 1);
  CHECK(r->ex.users[0].name == name);
}

// ============================================================== mutations

namespace {

const char* kSeedExport = R"(format: rurume-export/1
exported_at: 2026-11-24T02:00:00+09:00
network:
  name: るるめネット
  secretariat_facility: F000
  all_members_group: G000
facilities:
  - id: F000
    name: 医師会事務局
    kind: secretariat
    device_ledger: {kept: true, updated_on: 2026-10-01}
  - {id: F001, name: みどり訪問看護, kind: visiting_nursing, approved_apps: [MCS]}
users:
  - id: U001
    name: 医師 太郎
    facility: F001
    roles: [mcs_admin]
    password: {length: 12, has_letter: true, shared: false}
  - {id: U002, facility: F001, profession: nurse, rurume_member: true}
patients:
  - id: P001
    facility: F001
    primary_physician: U001
    disclosures: [{to: 保健所, consent: false, basis: law}]
documents:
  - {id: DOC1, form: patient_consent, patient: P001, copies: [patient]}
  - id: DOC2
    form: usage_application
    entries:
      - {user: U001, action: add}
groups:
  - id: G000
    kind: all_members
    members:
      - &m {user: U001, role: admin, joined_on: 2026-04-01}
      - {user: U002, role: member, invited_by: U001}
  - id: G001
    kind: patient
    patient: P001
    members: [*m]
posts:
  - {id: PO1, group: G001, author: U001, posted_at: 2026-11-20T10:00:00}
devices:
  - id: D001
    facility: F001
    assigned_to: U002
    screen_lock: true
    takeouts: &t
      - {from: 2026-11-01, to: 2026-11-02, purpose: 訪問, approved_by: U001}
    x-note: {a: [1, 2.5, null]}
  - {id: D002, facility: F001, takeouts: *t, lost_at: 2026-11-03T08:00:00Z}
incidents:
  - {id: I1, kind: misuse, facility: F001, found_at: 2026-11-21T08:00:00}
sanctions:
  - {id: S1, user: U002, action: caution, imposed_on: 2026-11-22}
)";

/// A deterministic generator: std::mt19937's output is fixed by the standard
/// (unlike the distributions), so the run is the same everywhere.
class Rng {
 public:
  explicit Rng(uint32_t seed) : gen_(seed) {}
  size_t Below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(gen_()) % n; }

 private:
  std::mt19937 gen_;
};

std::string Mutate(std::string s, Rng& rng) {
  static const std::vector<std::string> kInserts{
      "[", "]", "{", "}", "&a ", "*a", "&a", "*a ", ":", ": ", "-", "- ", std::string(1, '\0'), "\xFF", "\xE3\x81",
      "\n", " ", "  ", "\t", "'", "\"", "#", "? ", "!tag ", "!!str ", "---\n", "...\n", "|\n", ">\n", ",", "~",
      "&b [*a, *a, *a]", "\xEF\xBB\xBF", "x-", "yes", "\\", "%YAML 1.2\n", "<<: *a\n"};
  int edits = 1 + static_cast<int>(rng.Below(4));
  for (int e = 0; e < edits; ++e) {
    size_t at = rng.Below(s.size() + 1);
    switch (rng.Below(7)) {
      case 0:  // flip a bit
        if (!s.empty()) s[at % s.size()] = static_cast<char>(s[at % s.size()] ^ (1 << rng.Below(8)));
        break;
      case 1:  // any byte
        if (!s.empty()) s[at % s.size()] = static_cast<char>(rng.Below(256));
        break;
      case 2:  // truncate
        s.resize(at);
        break;
      case 3:  // delete a range
        s.erase(at, 1 + rng.Below(20));
        break;
      case 4:  // duplicate a range
        if (at < s.size()) s.insert(at, s.substr(at, 1 + rng.Below(80)));
        break;
      default:  // insert a token YAML cares about
        s.insert(at, kInserts[rng.Below(kInserts.size())]);
        break;
    }
  }
  return s;
}

/// What must hold after any input: diagnostics well-formed and renderable,
/// records with ids, references pointing at records with their id.
void CheckInvariants(const Loaded& r, const std::string& input) {
  size_t lines = 1;
  for (char c : input) lines += c == '\n' ? 1 : 0;
  for (const Diagnostic& d : r.diags.all()) {
    CAPTURE(Render(d));
    CHECK((d.file == "t.yaml" || d.file == "net.yaml" || d.file.empty()));
    if (d.file == "t.yaml") {
      CHECK(d.line >= 1);
      CHECK(d.line <= lines + 1);
      CHECK(d.column >= 1);
    }
    CHECK(!d.Message(Lang::En).empty());
    CHECK(!d.Message(Lang::Ja).empty());
  }
  for (const User& u : r.ex.users) {
    CHECK(!u.id.empty());
    if (u.facility.get()) CHECK(u.facility.get()->id == u.facility.id);
  }
  for (const Group& g : r.ex.groups) {
    CHECK(!g.id.empty());
    if (g.members)
      for (const Member& m : *g.members) {
        CHECK(m.group == &g);
        if (m.user.get()) CHECK(m.user.get()->id == m.user.id);
      }
  }
  for (const Device& d : r.ex.devices)
    if (d.takeouts)
      for (const Takeout& t : *d.takeouts)
        if (t.approved_by.get()) CHECK(t.approved_by.get()->id == t.approved_by.id);
}

}  // namespace

TEST_CASE("limits: the seed export of the mutation run is valid") {
  auto r = LoadBuffers({{"t.yaml", kSeedExport}});
  CHECK(r->Diags() == "");
  CHECK(r->ex.devices.size() == 2);
  CHECK(r->ex.groups[1].members->size() == 1);
  CHECK(r->ex.devices[1].takeouts->size() == 1);
}

TEST_CASE("limits: 3,000 random mutations never crash or throw") {
  Rng rng(20261124);
  size_t clean = 0, with_diags = 0;
  for (int run = 0; run < 3000; ++run) {
    std::string input = Mutate(kSeedExport, rng);
    CAPTURE(run);
    std::unique_ptr<Loaded> r;
    CHECK_NOTHROW(r = LoadBuffers({{"t.yaml", input}}));
    REQUIRE(r);
    // Either it loaded cleanly or it says why not; a silent half-load would
    // need a record count check, which the invariants cover for references.
    (r->diags.all().empty() ? clean : with_diags) += 1;
    CheckInvariants(*r, input);
    // The same input with a second, clean file still merges.
    std::unique_ptr<Loaded> two;
    CHECK_NOTHROW(two = LoadBuffers({{"t.yaml", input}, {"u.yaml", "format: rurume-export/1\nusers: [{id: Z9}]\n"}}));
    REQUIRE(two);
    CHECK(two->ex.user("Z9") != nullptr);
  }
  INFO(clean, " mutants loaded cleanly, ", with_diags, " gave diagnostics");
  CHECK(with_diags > 1500);  // most mutations are noticed
  CHECK(clean + with_diags == 3000);
}

TEST_CASE("limits: every truncation of the seed export") {
  std::string seed = kSeedExport;
  for (size_t n = 0; n <= seed.size(); ++n) {
    CAPTURE(n);
    std::unique_ptr<Loaded> r;
    CHECK_NOTHROW(r = LoadBuffers({{"t.yaml", seed.substr(0, n)}}));
    REQUIRE(r);
    CheckInvariants(*r, seed.substr(0, n));
  }
}
