// Attestations (--attestations): the file's checks, each at its position
// (tests/ops/attestations/: valid files; invalid and unknown ones, which the
// loader rejects; export ones, checked against the report tests' export;
// their comments say what each must give), the states as of a date, the
// exit status under --fail-on-unattested, and errors stopping `check`.
#include "audit/attestations.h"
#include "cli/commands.h"
#include "load/loader.h"
#include "ops_helpers.h"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;
using namespace rurume;
using testing::Check;
using testing::kReportTests;
using testing::Slurp;
using testing::TempDir;
using testing::ExpectedDiagnostics;
using testing::FilesOf;
using testing::Positions;
using testing::Write;

namespace {

const std::string kFiles = std::string(RURUME_TEST_DATA) + "/ops/attestations";
const std::string kFixture = kReportTests + "/fixtures/triage/attestations.yaml";

ClauseList Clauses() {
  Diagnostics diags;
  auto clauses = ClauseList::Load(std::string(RURUME_SOURCE_DIR) + "/rules/clauses.yaml", diags);
  REQUIRE(clauses);
  return *clauses;
}

}  // namespace

TEST_CASE("attestations: the clause list gives every manual clause a scope, a validity and evidence") {
  const ClauseList clauses = Clauses();
  size_t manual = 0, facility = 0;
  for (const Clause& c : clauses.all()) {
    if (c.check != Clause::Check::Manual) {
      CHECK(c.valid_days == 0);
      continue;
    }
    ++manual;
    facility += c.scope == Clause::Scope::Facility;
    CHECK(c.valid_days == 365);
    CHECK(!c.evidence.empty());
    CHECK(!c.evidence_en.empty());
  }
  CHECK(manual == 13);
  CHECK(facility == 9);
  CHECK(clauses.Find("A14")->scope == Clause::Scope::Network);
  CHECK(clauses.Find("N1.8")->scope == Clause::Scope::Facility);

  // A manual clause without its scope, or an auto one with one, is a broken clause list.
  TempDir dir;
  std::string text = Slurp(std::string(RURUME_SOURCE_DIR) + "/rules/clauses.yaml");
  const std::string scope = "    scope: network\n";
  const size_t at = text.find(scope);
  REQUIRE(at != std::string::npos);
  Write(dir.path / "no-scope.yaml", std::string(text).erase(at, scope.size()));
  Diagnostics d1;
  CHECK(!ClauseList::Load((dir.path / "no-scope.yaml").string(), d1));
  REQUIRE(d1.all().size() == 1);
  CHECK(d1.all()[0].Message(Lang::En).find("a manual clause needs scope: network or facility") != std::string::npos);
  const std::string auto_check = "    check: auto\n";
  Write(dir.path / "auto-scope.yaml", std::string(text).insert(text.find(auto_check) + auto_check.size(), "    scope: network\n"));
  Diagnostics d2;
  CHECK(!ClauseList::Load((dir.path / "auto-scope.yaml").string(), d2));
  REQUIRE(d2.all().size() == 1);
  CHECK(d2.all()[0].Message(Lang::En).find("only a manual clause has scope") != std::string::npos);
}

TEST_CASE("attestations: the valid files load, every field read") {
  const ClauseList clauses = Clauses();
  for (const fs::path& file : FilesOf(kFiles + "/valid")) {
    CAPTURE(file);
    Diagnostics diags;
    CHECK(LoadAttestations(file.string(), clauses, diags));
    CHECK(diags.all().empty());
  }
  Diagnostics diags;
  auto list = LoadAttestations(kFiles + "/valid/every-form.yaml", clauses, diags);
  REQUIRE(list);
  REQUIRE(list->size() == 3);
  const Attestation& a = (*list)[1];
  CHECK(a.clause == "N1.8");
  CHECK(a.facility == "F001");
  CHECK(a.attested_by == "U001");
  CHECK(a.attested_on == Date(2026, 6, 1));
  CHECK(a.evidence == "点検表");
  CHECK(a.expires == Date(2027, 5, 31));
  CHECK(a.line == 8);
  CHECK(a.column == 5);
  CHECK((*list)[0].facility.empty());
  CHECK((*list)[2].attested_by == "mcs_admin");
  CHECK((*list)[2].line == 14);
}

TEST_CASE("attestations: every problem of the file is an error at its line and column") {
  const ClauseList clauses = Clauses();
  std::vector<fs::path> files = FilesOf(kFiles + "/invalid");
  for (const fs::path& f : FilesOf(kFiles + "/unknown")) files.push_back(f);
  CHECK(files.size() >= 13);
  for (const fs::path& file : files) {
    CAPTURE(file);
    Diagnostics diags;
    CHECK(!LoadAttestations(file.string(), clauses, diags));
    REQUIRE(!ExpectedDiagnostics(file).empty());
    CHECK(Positions(diags.all()) == ExpectedDiagnostics(file));
    for (const Diagnostic& d : diags.all()) {
      CHECK(d.file == file.string());
      CHECK(d.level == Level::Error);
    }
  }
  // The messages say what is wrong and what to write, in both languages.
  auto message = [&](const char* file, Lang lang) {
    Diagnostics diags;
    LoadAttestations(kFiles + "/" + file, clauses, diags);
    REQUIRE(!diags.all().empty());
    return diags.all()[0].Message(lang);
  };
  CHECK(message("invalid/missing-expires.yaml", Lang::Ja) ==
        "条項 N1.8 の確認記録に有効期限 (expires) がありません。確認日から 365 日以内の日付を書いてください");
  CHECK(message("invalid/missing-expires.yaml", Lang::En) ==
        "the attestation of clause N1.8 has no expiry (expires): give a date at most 365 days after it was made");
  CHECK(message("unknown/unknown-clause.yaml", Lang::En) == "no clause N1.80 in the clause list (→ N1.8?)");
  CHECK(message("unknown/not-manual.yaml", Lang::Ja).rfind(
            "条項 N1.10 はルールで確認する条項です。確認記録に書けるのは手動で確認する条項 (A2, A6.1, ", 0) == 0);
  CHECK(message("unknown/not-manual.yaml", Lang::En).rfind("clause N1.10 is checked by rules: an attestation names a manual clause (A2, ", 0) == 0);
  CHECK(message("unknown/scope.yaml", Lang::En).find("a network-wide clause has no facility") != std::string::npos);
}

TEST_CASE("attestations: checked against the export: unknown facilities and names are errors, the rest warnings") {
  const ClauseList clauses = Clauses();
  Diagnostics load;
  Export ex = LoadExport({kReportTests + "/fixtures/export"}, load);
  REQUIRE(load.all().empty());
  for (const fs::path& file : FilesOf(kFiles + "/export")) {
    CAPTURE(file);
    Diagnostics diags;
    auto list = LoadAttestations(file.string(), clauses, diags);
    REQUIRE(list);
    const bool ok = CheckAttestations(*list, clauses, ex, Date(2026, 11, 24), diags);
    CHECK(Positions(diags.all()) == ExpectedDiagnostics(file));
    CHECK(ok == (diags.errors() == 0));
  }
  // A name is never repeated in the message: reports would show it.
  Diagnostics diags;
  auto list = LoadAttestations(kFiles + "/export/a-name.yaml", clauses, diags);
  REQUIRE(list);
  CHECK(!CheckAttestations(*list, clauses, ex, Date(2026, 11, 24), diags));
  REQUIRE(diags.all().size() == 1);
  for (Lang lang : {Lang::Ja, Lang::En}) CHECK(diags.all()[0].Message(lang).find("山田") == std::string::npos);

  // A withdrawn facility's attestation is a warning, and the facility is not listed.
  TempDir dir;
  std::string text = Slurp(kReportTests + "/fixtures/export/export.yaml");
  const std::string active = "{id: F002, name: テスト薬局, kind: pharmacy, status: active}";
  REQUIRE(text.find(active) != std::string::npos);
  text.replace(text.find(active), active.size(),
               "{id: F002, name: テスト薬局, kind: pharmacy, status: withdrawn, withdrawn_on: 2026-10-01}");
  Write(dir.path / "export.yaml", text);
  Diagnostics d2;
  Export withdrawn = LoadExport({(dir.path / "export.yaml").string()}, d2);
  auto every = LoadAttestations(kFiles + "/valid/every-form.yaml", clauses, d2);
  REQUIRE(every);
  const size_t before = d2.all().size();
  CHECK(CheckAttestations(*every, clauses, withdrawn, Date(2026, 11, 24), d2));
  REQUIRE(d2.all().size() == before + 1);
  CHECK(d2.all().back().code == Code::AttestationWithdrawn);
  CHECK(d2.all().back().line == 14);
  for (const ManualEntry& e : ManualStatus(clauses, withdrawn, *every, Date(2026, 11, 24))) CHECK(e.facility != "F002");
}

TEST_CASE("attestations: the state as of a date: expiring within 30 days, expired the day after it expires") {
  const ClauseList clauses = Clauses();
  Diagnostics diags;
  Export ex = LoadExport({kReportTests + "/fixtures/export"}, diags);
  auto list = LoadAttestations(kFixture, clauses, diags);
  REQUIRE(list);
  auto state = [&](Date as_of, const char* clause, const char* facility) {
    for (const ManualEntry& e : ManualStatus(clauses, ex, *list, as_of))
      if (e.clause->id == clause && e.facility == facility) return std::string(AttestStateName(e.state));
    return std::string("not listed");
  };
  // N1.8 F002 expires on 2026-12-24.
  CHECK(state(Date(2026, 11, 23), "N1.8", "F002") == "attested");  // 31 days left
  CHECK(state(Date(2026, 11, 24), "N1.8", "F002") == "expiring");  // 30
  CHECK(state(Date(2026, 12, 24), "N1.8", "F002") == "expiring");  // 0: it holds through its last day
  CHECK(state(Date(2026, 12, 25), "N1.8", "F002") == "expired");
  // Made on 2026-01-01: before that day it does not count yet.
  CHECK(state(Date(2025, 12, 31), "N1.8", "F002") == "missing");
  CHECK(state(Date(2026, 1, 1), "N1.8", "F002") == "attested");
  // Two attestations of A2 for F001: the one with the later expiry counts, once it is made.
  CHECK(state(Date(2026, 11, 24), "A2", "F001") == "attested");
  CHECK(state(Date(2026, 1, 15), "A2", "F001") == "expired");  // only the old one was made by then
  // Every manual clause is listed: network-wide once, per facility for each facility.
  CHECK(state(Date(2026, 11, 24), "N6.7", "") == "missing");
  CHECK(state(Date(2026, 11, 24), "N6.7", "F001") == "not listed");
  CHECK(state(Date(2026, 11, 24), "N8.1", "F000") == "missing");
  CHECK(ManualStatus(clauses, ex, {}, Date(2026, 11, 24)).size() == 4 + 9 * 3);
}

TEST_CASE("attestations: --fail-on-unattested counts missing and expired ones for the exit status") {
  Check c;
  c.o.fail_on = FailOn::Never;  // findings never fail: only the attestations can
  c.o.reports = {{"json", ""}};
  CHECK(c.Run() == kExitOk);  // without the option, nothing attested is no failure
  c.o.fail_on_unattested = true;
  CHECK(c.Run() == kExitFindings);  // without a file, every one is missing
  c.o.attestations = kFixture;
  CHECK(c.Run() == kExitFindings);
  CHECK(nlohmann::json::parse(c.out)["manual_clauses"]["fail_on_unattested"] == true);

  // Every entry attested (an expiring one does not fail): 0.
  TempDir dir;
  std::string all = "attestations:\n";
  const ClauseList clauses = Clauses();
  for (const Clause& cl : clauses.all()) {
    if (cl.check != Clause::Check::Manual) continue;
    for (const char* f : {"F000", "F001", "F002"}) {
      all += fmt::format("  - {{clause: {}, {}attested_by: secretariat, attested_on: 2026-11-01, evidence: 点検表, expires: {}}}\n",
                         cl.id, cl.scope == Clause::Scope::Facility ? fmt::format("facility: {}, ", f) : "",
                         std::string(f) == "F001" ? "2026-12-01" : "2027-10-31");
      if (cl.scope == Clause::Scope::Network) break;
    }
  }
  Write(dir.path / "all.yaml", all);
  c.o.attestations = (dir.path / "all.yaml").string();
  CHECK(c.Run() == kExitOk);
  const nlohmann::json s = nlohmann::json::parse(c.out)["manual_clauses"]["summary"];
  CHECK(s["missing"] == 0);
  CHECK(s["expired"] == 0);
  CHECK(s["expiring"] == 9);  // F001's expire on 2026-12-01
  // One facility's report fails on its own entries only.
  c.o.facility = "F001";
  CHECK(c.Run() == kExitOk);
}

TEST_CASE("attestations: an error in the file stops check before anything is reported") {
  Check c;
  c.o.reports = {{"json", ""}};
  c.o.lang = Lang::En;
  c.o.attestations = kFiles + "/invalid/missing-expires.yaml";
  CHECK(c.Run() == kExitUntrusted);
  CHECK(c.out.empty());
  CHECK(c.err == kFiles + "/invalid/missing-expires.yaml:4:5: error[RA3048]: the attestation of clause N1.8 has no "
                          "expiry (expires): give a date at most 365 days after it was made\n");
  // One that needs the export (an unknown facility): after reading it, still before any report.
  c.o.attestations = kFiles + "/export/unknown-facility.yaml";
  CHECK(c.Run() == kExitUntrusted);
  CHECK(c.out.empty());
  CHECK(c.err.find("unknown-facility.yaml:4:5: error[RA3050]: no facility F009 in the export") != std::string::npos);
  // A file that is not there.
  c.o.attestations = kFiles + "/no-such-file.yaml";
  CHECK(c.Run() == kExitUntrusted);
  CHECK(c.out.empty());
  CHECK(c.err.find("no-such-file.yaml") != std::string::npos);
  // Warnings are reported with the report, as input warnings.
  c.o.attestations = kFiles + "/export/warnings.yaml";
  CHECK(c.Run() == kExitFindings);
  size_t warnings = 0;
  const nlohmann::json report = nlohmann::json::parse(c.out);
  for (const auto& d : report["diagnostics"]) warnings += d["code"].get<std::string>().rfind("RA305", 0) == 0;
  CHECK(warnings == 3);
}

TEST_CASE("attestations: clauses --template round-trips: as written nothing is attested; filled in, everything") {
  for (Lang lang : {Lang::Ja, Lang::En}) {
    CAPTURE(static_cast<int>(lang));
    Check c;
    CatalogOptions t;
    t.rules_dir = c.o.rules_dir;
    t.lang = lang;
    t.template_file = true;
    t.paths = c.o.paths;
    t.as_of = Date(2026, 11, 24);
    std::ostringstream out, err;
    REQUIRE(RunClauses(t, out, err) == kExitOk);
    CHECK(err.str().empty());
    const std::string text = out.str();
    // Every manual clause, per facility for F000-F002; the policy's words quoted; no value filled in.
    CHECK(text.find("  - clause: N1.8\n    facility: F002  # テスト薬局\n") != std::string::npos);
    std::string comments = text;  // the comments' lines joined, as wrapped
    for (size_t at; (at = comments.find("\n  # ")) != std::string::npos;) comments.erase(at, 5);
    CHECK(comments.find("MCS内で連携された情報のダウンロードや、コピー、スクリーンショットの取得を行わないこと") != std::string::npos);
    size_t entries = 0;
    for (size_t at = 0; (at = text.find("  - clause: ", at)) != std::string::npos; ++at) ++entries;
    CHECK(entries == 4 + 9 * 3);

    // As written: valid, and every entry missing.
    TempDir dir;
    Write(dir.path / "template.yaml", text);
    c.o.attestations = (dir.path / "template.yaml").string();
    c.o.fail_on = FailOn::Never;
    c.o.fail_on_unattested = true;
    c.o.reports = {{"json", ""}};
    CHECK(c.Run() == kExitFindings);
    nlohmann::json s = nlohmann::json::parse(c.out)["manual_clauses"]["summary"];
    CHECK(s["missing"] == 31);
    CHECK(nlohmann::json::parse(c.out)["diagnostics"].empty());

    // Filled in as a person would, line by line: every entry attested, exit status 0.
    std::istringstream in(text);
    std::string filled;
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("    attested_by:", 0) == 0)
        line = line.find("secretariat") != std::string::npos ? "    attested_by: secretariat" : "    attested_by: mcs_admin";
      else if (line == "    attested_on:") line += " 2026-11-01";
      else if (line == "    evidence:") line += " 点検表";
      else if (line == "    expires:") line += " 2027-10-31";
      filled += line + "\n";
    }
    Write(dir.path / "filled.yaml", filled);
    c.o.attestations = (dir.path / "filled.yaml").string();
    CHECK(c.Run() == kExitOk);
    s = nlohmann::json::parse(c.out)["manual_clauses"]["summary"];
    CHECK(s["attested"] == 31);
    CHECK(s["missing"] == 0);
    CHECK(nlohmann::json::parse(c.out)["diagnostics"].empty());
  }
  // An export that cannot be read completely gives no template.
  TempDir dir;
  Write(dir.path / "cut.yaml", "format: rurume-export/1\nfacilities:\n  - {id: F001, name: [\n");
  CatalogOptions t;
  t.rules_dir = std::string(RURUME_SOURCE_DIR) + "/rules";
  t.template_file = true;
  t.paths = {(dir.path / "cut.yaml").string()};
  std::ostringstream out, err;
  CHECK(RunClauses(t, out, err) == kExitUntrusted);
  CHECK(out.str().empty());
  CHECK(err.str().find("ひな形は書きません") != std::string::npos);
}
