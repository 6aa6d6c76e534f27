// What to do, for whom, by when: every shipped rule says the real-world
// action (not an edit of the export), how the export records it, who must
// act and, where its clause sets a time limit, the deadline.
#include "bind/binding.h"
#include "rules/ruleset.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

using namespace rurume;
namespace fs = std::filesystem;

namespace {

bool HasJapanese(const std::string& s) {
  for (unsigned char c : s)
    if (c >= 0xE3) return true;  // kana and kanji start with 0xE3..0xE9 in UTF-8
  return false;
}

std::string FileText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("every rule has a real-world remediation, a record text, a responsible party and its deadline") {
  Diagnostics diags;
  auto set = RuleSet::Load((fs::path(RURUME_SOURCE_DIR) / "rules").string(), "", diags);
  REQUIRE(set.has_value());
  // A field of the export (snake_case) or the export itself has no place in
  // what a facility's administrator is told to do.
  const std::regex field_name("[a-z]+_[a-z_]+");
  const std::regex export_word("export|YAML|yaml", std::regex::icase);
  size_t with_deadline = 0;
  for (const CompiledRule& cr : set->rules()) {
    const Rule& r = cr.rule;
    CAPTURE(r.id);
    CHECK(HasJapanese(r.remediation.ja));
    // English, but for the literal group name prefix the policy requires.
    CHECK_FALSE(HasJapanese(std::regex_replace(r.remediation.en, std::regex("【るるめネット】"), "")));
    CHECK(r.remediation.ja.find("エクスポート") == std::string::npos);
    CHECK_FALSE(std::regex_search(r.remediation.ja, field_name));
    CHECK_FALSE(std::regex_search(r.remediation.en, field_name));
    CHECK_FALSE(std::regex_search(r.remediation.ja, export_word));
    CHECK_FALSE(std::regex_search(r.remediation.en, export_word));
    CHECK(r.remediation.ja != r.record.ja);
    // The record text names the export's items by their labels, not their keys.
    CHECK(HasJapanese(r.record.ja));
    CHECK_FALSE(r.record.en.empty());
    CHECK_FALSE(std::regex_search(r.record.ja, field_name));
    CHECK_FALSE(std::regex_search(r.record.en, field_name));
    // Who acts: an originating facility or a group's administrator only for
    // what belongs to a group.
    const std::string kind(r.subject->desc->name);
    if (r.actor == Actor::OriginFacility || r.actor == Actor::GroupAdmin)
      CHECK_MESSAGE((kind == "group" || kind == "member" || kind == "post"), kind);
    CHECK_FALSE(ActorText(r.actor, "F001", Lang::Ja).empty());
    // `deadline` is written in every rule file, null or not; a rule whose
    // clause counts days or hours has one.
    CHECK(std::regex_search(FileText(r.file), std::regex("\\ndeadline: ")));
    // A late report (the *-late rules) is judged after the fact: nothing is
    // left to do by a date, so it has none (the *-missing rule has it).
    const bool after_the_fact = std::regex_search(r.id, std::regex("-late$"));
    bool counts_time = false;
    for (const RuleParam& p : r.params)
      counts_time |= std::regex_search(p.name, std::regex("_(days|hours)$")) &&
                     !std::regex_search(p.name, std::regex("_window_days$"));
    if (after_the_fact) CHECK_MESSAGE(r.deadline == nullptr, "a late report has nothing left to do by a date");
    else if (counts_time) CHECK_MESSAGE(r.deadline != nullptr, "a time limit but no deadline");
    if (r.deadline) ++with_deadline;
  }
  CHECK(with_deadline == 11);
}

TEST_CASE("actors read as roles and facilities, never as people") {
  CHECK(ActorText(Actor::FacilityAdmin, "F003", Lang::Ja) == "F003 の MCS管理者");
  CHECK(ActorText(Actor::OriginFacility, "F003", Lang::Ja) == "連携元事業所 F003");
  CHECK(ActorText(Actor::Secretariat, "F003", Lang::Ja) == "医師会事務局");
  CHECK(ActorText(Actor::FacilityAdmin, "", Lang::Ja) == "事業所の MCS管理者");
  CHECK(ActorText(Actor::FacilityAdmin, "F003", Lang::En) == "MCS administrator of F003");
  for (std::string_view key : {"facility", "facility_admin", "origin_facility", "group_admin", "secretariat"})
    CHECK(ActorKey(*ActorFromKey(key)) == key);
  CHECK_FALSE(ActorFromKey("doctor").has_value());
}
