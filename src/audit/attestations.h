// Attestations (--attestations FILE, schemas/rurume-attestations.schema.json):
// for a clause no export can show (rules/clauses.yaml, check: manual), who
// confirmed that it is kept, when, how, and until when. Each manual clause is
// attested for the network or by each active facility (its `scope`); every
// report lists them as attested, expiring (within kExpiringDays), expired or
// missing.
#pragma once

#include "base/diagnostics.h"
#include "base/time.h"
#include "model/model.h"
#include "rules/clauses.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rurume {

/// One entry of an attestations file.
struct Attestation {
  std::string clause;       // a manual clause's id
  std::string facility;     // a facility's id; empty for a network-wide clause
  std::string attested_by;  // a role (mcs_admin, secretariat) or a user's MCS ID, never a name
  Date attested_on;
  std::string evidence;     // how: 研修記録, 点検表 …
  Date expires;             // the last day it holds
  std::string file;         // where it was written
  uint32_t line = 0;
  uint32_t column = 0;
  /// Not filled in: attested_by, attested_on, evidence and expires all
  /// absent or empty (a template's entry left as it was). It attests
  /// nothing; its clause and facility are still checked.
  bool blank = false;
};

/// Where a manual clause stands for the network or for one facility.
enum class AttestState : uint8_t { Attested, Expiring, Expired, Missing };

/// A state's name in JSON and SARIF ("attested", "expiring", "expired", "missing").
std::string_view AttestStateName(AttestState s);
/// A state in a report's language ("確認済み", "attested").
std::string_view AttestStateLabel(AttestState s, Lang lang);

/// An attestation that expires within this many days of the as-of date
/// (the day itself included) is listed as expiring.
constexpr long kExpiringDays = 30;

/// One line of the manual-clause section: a clause for the network, or a
/// per-facility clause for one active facility.
struct ManualEntry {
  const Clause* clause = nullptr;
  std::string facility;                    // empty: the network
  AttestState state = AttestState::Missing;
  const Attestation* attestation = nullptr;  // the one that counts (latest expiry); null when missing
  long days_left = 0;                      // expires - as-of, when attested (negative: expired)
};

/// The manual-clause section of one run.
struct ManualClauses {
  std::string file;                       // --attestations; empty when none was given
  std::vector<Attestation> attestations;  // in file order
  std::vector<ManualEntry> entries;       // by clause (catalogue order), then facility (export order)
};

/// Reads an attestations file. Every problem is a diagnostic with its
/// position (RA3040-RA3051; an unreadable file RA1004, a duplicate key
/// RA1030); returns nullopt if any is an error. Clause ids and scopes are
/// checked against `clauses`; facilities and users need the export
/// (CheckAttestations).
std::optional<std::vector<Attestation>> LoadAttestations(const std::string& path, const ClauseList& clauses,
                                                         Diagnostics& diags);

/// Checks the attestations against the export: an unknown facility, or an
/// attested_by that is neither a role nor a user of the export, is an error;
/// a withdrawn facility, a user of another facility, an expiry beyond the
/// clause's valid_days and an attestation made after `as_of` are warnings.
/// Returns false if any is an error.
bool CheckAttestations(const std::vector<Attestation>& list, const ClauseList& clauses, const Export& ex, Date as_of,
                       Diagnostics& diags);

/// The manual-clause section as of a date: every manual clause once
/// (network) or once per active facility (facility), with the attestation
/// that counts (made on or before `as_of`, latest expiry; the later in the
/// file on a tie).
std::vector<ManualEntry> ManualStatus(const ClauseList& clauses, const Export& ex,
                                      const std::vector<Attestation>& list, Date as_of);

/// An entry's stable identity across runs (audit/fingerprint.h): its
/// clause, and its facility or "network".
std::string EntryFingerprint(const ManualEntry& e);

/// Who attested, for people: a role by its label ("MCS管理者"), a user by
/// the MCS ID.
std::string AttesterLabel(std::string_view attested_by, Lang lang);

}  // namespace rurume
