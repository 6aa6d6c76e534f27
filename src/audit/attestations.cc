#include "audit/attestations.h"

#include "audit/entry_reader.h"
#include "audit/fingerprint.h"
#include "base/suggest.h"
#include "load/scalars.h"
#include "model/schema.h"
#include "rules/yaml_doc.h"

#include <fmt/format.h>

#include <algorithm>

namespace rurume {

std::string_view AttestStateName(AttestState s) {
  switch (s) {
    case AttestState::Attested: return "attested";
    case AttestState::Expiring: return "expiring";
    case AttestState::Expired: return "expired";
    case AttestState::Missing: return "missing";
  }
  return "missing";
}

std::string_view AttestStateLabel(AttestState s, Lang lang) {
  const bool ja = lang == Lang::Ja;
  switch (s) {
    case AttestState::Attested: return ja ? "確認済み" : "attested";
    case AttestState::Expiring: return ja ? "期限間近" : "expiring";
    case AttestState::Expired: return ja ? "期限切れ" : "expired";
    case AttestState::Missing: return ja ? "未確認" : "missing";
  }
  return "";
}

std::string AttesterLabel(std::string_view attested_by, Lang lang) {
  const EnumDesc& roles = EnumOf<UserRole>();
  if (roles.Find(attested_by) >= 0) return std::string(roles.LabelOf(attested_by, lang));
  return std::string(attested_by);
}

std::string EntryFingerprint(const ManualEntry& e) {
  return Fingerprint(e.clause->id, "attestation", e.facility.empty() ? std::string_view("network") : e.facility);
}

namespace {

const std::vector<std::string> kKeys{"clause", "facility", "attested_by", "attested_on", "evidence", "expires"};
/// The keys a person fills in: an entry with none of them is blank.
const std::vector<const char*> kFilled{"attested_by", "attested_on", "evidence", "expires"};

/// One entry of the `attestations` list, checked; every problem a diagnostic.
class AttestationReader : EntryReader {
 public:
  AttestationReader(const YamlDoc& doc, const ClauseList& clauses, Diagnostics& diags)
      : EntryReader(doc, diags, Code::AttestationKeyMissing, Code::AttestationType), clauses_(clauses) {}

  std::optional<Attestation> Read(const YAML::Node& item) {
    if (!item.IsMap()) {
      TypeDiag(item, "確認記録の各項目", "an attestation", "マッピング (clause: などのキーと値)", "a mapping");
      return std::nullopt;
    }
    const size_t errors = diags_.errors();
    doc_.CheckKeys(item, kKeys, Code::AttestationKeyUnknown, diags_);
    Attestation a;
    auto [line, column] = doc_.Pos(item);
    a.file = doc_.path(), a.line = line, a.column = column;
    const Clause* clause = nullptr;
    if (auto id = Text(item, "clause")) clause = CheckClause(item["clause"], a.clause = *id);
    if (item["facility"]) {
      if (auto id = Text(item, "facility")) a.facility = *id;
    }
    if (clause && clause->check == Clause::Check::Manual) {
      if (clause->scope == Clause::Scope::Network && item["facility"])
        doc_.Diag(diags_, Code::AttestationScope, item["facility"], {a.clause}, 0);
      else if (clause->scope == Clause::Scope::Facility && !item["facility"])
        doc_.Diag(diags_, Code::AttestationScope, item, {a.clause});
    }
    a.blank = std::none_of(kFilled.begin(), kFilled.end(), [&](const char* key) { return item[key] && !item[key].IsNull(); });
    if (a.blank) return diags_.errors() > errors ? std::nullopt : std::optional<Attestation>(a);
    if (auto by = Text(item, "attested_by")) a.attested_by = *by;
    a.evidence = Text(item, "evidence").value_or("");
    if (auto on = DateOf(item, "attested_on")) a.attested_on = *on;
    if (!item["expires"] || item["expires"].IsNull()) {
      const YAML::Node at = KeyNode(item, "expires");
      doc_.Diag(diags_, Code::AttestationNoExpiry, at,
                {a.clause.empty() ? std::string("?") : a.clause, std::to_string(clause ? clause->valid_days : 365)});
    } else if (auto until = DateOf(item, "expires")) {
      a.expires = *until;
      if (!a.attested_on.is_not_a_date() && a.expires < a.attested_on)
        doc_.Diag(diags_, Code::AttestationDateOrder, item["expires"], {FormatDate(a.expires), FormatDate(a.attested_on)});
    }
    if (diags_.errors() > errors) return std::nullopt;
    return a;
  }

 private:
  std::optional<Date> DateOf(const YAML::Node& item, const char* key) {
    auto text = Text(item, key);
    if (!text) return std::nullopt;
    if (auto date = ParseDate(*text)) return date;
    doc_.Diag(diags_, Code::AttestationBadDate, item[key], {key, *text});
    return std::nullopt;
  }

  const Clause* CheckClause(const YAML::Node& node, const std::string& id) {
    const Clause* c = clauses_.Find(id);
    if (!c) {
      std::vector<std::string_view> ids;
      for (const Clause& m : clauses_.all())
        if (m.check == Clause::Check::Manual) ids.push_back(m.id);
      doc_.Diag(diags_, Code::AttestationUnknownClause, node, {id, SuggestionHint(id, ids)});
      return nullptr;
    }
    if (c->check != Clause::Check::Manual) {
      std::string manual;
      for (const Clause& m : clauses_.all())
        if (m.check == Clause::Check::Manual) manual += (manual.empty() ? "" : ", ") + m.id;
      const bool rules = c->check == Clause::Check::Auto;
      diags_.AddLocalized(Code::AttestationNotManual, doc_.path(), doc_.Pos(node).first, doc_.Pos(node).second,
                          {id, rules ? "ルールで確認する条項です" : "義務を定めない条項です", manual},
                          {id, rules ? "checked by rules" : "states no obligation", manual});
    }
    return c;
  }

  const ClauseList& clauses_;
};

}  // namespace

std::optional<std::vector<Attestation>> LoadAttestations(const std::string& path, const ClauseList& clauses,
                                                         Diagnostics& diags) {
  auto doc = YamlDoc::Read(path, Code::AttestationsYaml, diags);
  if (!doc) return std::nullopt;
  const YAML::Node& root = doc->root();
  if (!root.IsMap()) {
    auto [line, column] = doc->Pos(root);
    diags.AddLocalized(Code::AttestationType, path, line, column,
                       {"確認記録ファイル", "attestations: の下に確認記録を並べたもの"},
                       {"the attestations file", "a mapping with a list `attestations`"});
    return std::nullopt;
  }
  const size_t errors = diags.errors();
  doc->CheckKeys(root, {"attestations"}, Code::AttestationKeyUnknown, diags);
  const YAML::Node list = root["attestations"];
  std::vector<Attestation> out;
  if (!list) {
    doc->Diag(diags, Code::AttestationKeyMissing, root, {"attestations"});
  } else if (list.IsNull()) {
    // `attestations:` with nothing under it: none yet.
  } else if (!list.IsSequence()) {
    auto [line, column] = doc->Pos(list);
    diags.AddLocalized(Code::AttestationType, path, line, column, {"attestations", "リスト (- で始まる項目)"},
                       {"attestations", "a list"});
  } else {
    AttestationReader reader(*doc, clauses, diags);
    for (const YAML::Node& item : list)
      if (auto a = reader.Read(item)) out.push_back(std::move(*a));
  }
  if (diags.errors() > errors) return std::nullopt;
  return out;
}

bool CheckAttestations(const std::vector<Attestation>& list, const ClauseList& clauses, const Export& ex, Date as_of,
                       Diagnostics& diags) {
  const size_t errors = diags.errors();
  std::vector<std::string_view> facility_ids;
  for (const Facility& f : ex.facilities) facility_ids.push_back(f.id);
  for (const Attestation& a : list) {
    const Clause* clause = clauses.Find(a.clause);
    const Facility* facility = nullptr;
    if (!a.facility.empty()) {
      facility = ex.facility(a.facility);
      if (!facility)
        diags.Add(Code::AttestationUnknownFacility, a.file, a.line, a.column,
                  {a.facility, SuggestionHint(a.facility, facility_ids)});
      else if (facility->status.is(FacilityStatus::withdrawn))
        diags.Add(Code::AttestationWithdrawn, a.file, a.line, a.column, {a.facility, a.clause});
    }
    if (a.blank) continue;
    if (EnumOf<UserRole>().Find(a.attested_by) < 0) {
      const User* user = ex.user(a.attested_by);
      // The value is not repeated: it may be a person's name, which no report shows.
      if (!user) diags.Add(Code::AttestationBadActor, a.file, a.line, a.column, {});
      else if (facility && user->facility.id != facility->id)
        diags.Add(Code::AttestationUserElsewhere, a.file, a.line, a.column, {a.attested_by, a.facility});
    }
    if (a.attested_on > as_of)
      diags.Add(Code::AttestationFuture, a.file, a.line, a.column,
                {a.clause, FormatDate(a.attested_on), FormatDate(as_of)});
    else if (clause && clause->valid_days > 0 && (a.expires - a.attested_on).days() > clause->valid_days)
      diags.Add(Code::AttestationLong, a.file, a.line, a.column,
                {a.clause, FormatDate(a.expires), FormatDate(a.attested_on), std::to_string(clause->valid_days)});
  }
  return diags.errors() == errors;
}

std::vector<ManualEntry> ManualStatus(const ClauseList& clauses, const Export& ex, const std::vector<Attestation>& list,
                                      Date as_of) {
  std::vector<ManualEntry> out;
  auto entry = [&](const Clause& c, const std::string& facility) {
    ManualEntry e;
    e.clause = &c;
    e.facility = facility;
    for (const Attestation& a : list) {
      if (a.blank || a.clause != c.id || a.facility != facility || a.attested_on > as_of) continue;
      if (!e.attestation || !(a.expires < e.attestation->expires)) e.attestation = &a;
    }
    if (e.attestation) {
      e.days_left = (e.attestation->expires - as_of).days();
      e.state = e.days_left < 0 ? AttestState::Expired
                : e.days_left <= kExpiringDays ? AttestState::Expiring
                                              : AttestState::Attested;
    }
    out.push_back(std::move(e));
  };
  for (const Clause& c : clauses.all()) {
    if (c.check != Clause::Check::Manual) continue;
    if (c.scope == Clause::Scope::Network) {
      entry(c, "");
      continue;
    }
    for (const Facility& f : ex.facilities)
      if (!f.status.is(FacilityStatus::withdrawn)) entry(c, f.id);  // an unknown status: listed
  }
  return out;
}

}  // namespace rurume
