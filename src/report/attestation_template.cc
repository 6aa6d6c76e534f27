#include "report/attestation_template.h"

#include "load/scalars.h"
#include "text/escape.h"
#include "text/wrap.h"

#include <fmt/format.h>

namespace rurume {

namespace {

constexpr size_t kWidth = 78;

/// `text` as YAML comment lines ("  # ..."), wrapped at kWidth columns.
std::string Comment(std::string_view text, size_t indent = 2) {
  std::string out;
  const std::string lead = std::string(indent, ' ') + "# ";
  for (const std::string& line : WrapLines(EscapeControls(text), kWidth, lead.size(), lead.size()))
    out += lead + line + "\n";
  return out;
}

/// A value as a YAML scalar: plain when it is safely so, else double-quoted.
std::string Scalar(std::string_view s) {
  bool plain = !s.empty();
  for (char ch : s) plain = plain && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_' || ch == '.');
  if (plain && s.find_first_not_of("0123456789.") != std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"' || ch == '\\') out += '\\';
    if (static_cast<unsigned char>(ch) < 0x20) out += fmt::format("\\x{:02x}", static_cast<unsigned char>(ch));
    else out += ch;
  }
  return out + "\"";
}

/// One item of the header's list: "#   key: text", its continuation lines under the text.
std::string Item(std::string_view key, std::string_view text) {
  const std::string lead = "#   " + std::string(key) + ": ";
  std::string out;
  bool first = true;
  for (const std::string& line : WrapLines(text, kWidth, lead.size(), lead.size())) {
    out += (first ? lead : "#" + std::string(lead.size() - 1, ' ')) + line + "\n";
    first = false;
  }
  return out;
}

}  // namespace

std::string AttestationsTemplate(const ClauseList& clauses, const Export& ex, Date today, Lang lang) {
  const bool ja = lang == Lang::Ja;
  const std::string network = ex.network && ex.network->name ? *ex.network->name : std::string(ja ? "ネットワーク" : "the network");
  std::string out;
  // The header: the same lines in either language.
  auto W = [ja](const char* j, const char* e) { return ja ? j : e; };
  out += Comment(fmt::format(W("{} の確認記録 (手動で確認する条項)。rurume-audit clauses --template で {} に作りました。",
                               "Attestations of {} (the manual clauses), written by rurume-audit clauses --template on {}."),
                             network, FormatDate(today)),
                 0);
  out += "#\n";
  out += Comment(W("エクスポートからは確かめられない条項について、誰が、いつ、どのように確認したかと、その有効期限を書きます。"
                   "書いたら rurume-audit check --attestations このファイル エクスポート で使います。",
                   "For each clause no export can show: who confirmed it, when, how, and until when. Use it with "
                   "rurume-audit check --attestations THIS-FILE EXPORT."),
                 0);
  out += W("#\n# 書き方:\n", "#\n# How to fill it in:\n");
  out += Item("attested_by", W("確認した人。役割 (mcs_admin: MCS管理者、secretariat: 医師会事務局) か MCS の ID。"
                               "氏名は書きません (レポートに載ります)",
                               "who confirmed it: a role (mcs_admin: the facility's MCS administrator; secretariat: "
                               "the medical association's secretariat) or an MCS ID; never a name (reports show it)"));
  out += Item("attested_on", W("確認した日 (YYYY-MM-DD)", "the day it was confirmed (YYYY-MM-DD)"));
  out += Item("evidence", W("確認の方法や記録を短く (研修記録、点検表 など)", "how, in a few words (training records, a checklist, ...)"));
  out += Item("expires", W("有効期限 (YYYY-MM-DD、必ず書きます)。条項ごとの有効期間の目安の日数以内にします",
                           "the last day it holds (YYYY-MM-DD, required), within the clause's validity"));
  out += Comment(W("4つとも空欄の項目は、まだ確認していないもの (未確認) として扱います。1つでも書いたら、4つとも書いてください。",
                   "An entry with all four blank is not attested yet (missing). Once one is given, give all four."),
                 0);
  out += "attestations:\n";
  for (const Clause& c : clauses.all()) {
    if (c.check != Clause::Check::Manual) continue;
    const bool per_facility = c.scope == Clause::Scope::Facility;
    out += "\n  # " + std::string(kWidth - 4, '-') + "\n";
    out += Comment(fmt::format(ja ? "{} {} ({}、{}、有効期間の目安 {} 日: 例えば {} に確認したら expires は {} まで)"
                                  : "{} {} ({}, {}, valid for at most {} days: attested on {}, it expires by {})",
                               c.id, c.Obligation(lang), c.Source(lang),
                               ScopeLabel(c.scope, lang),
                               c.valid_days, FormatDate(today), FormatDate(today + boost::gregorian::days(c.valid_days))));
    out += Comment(fmt::format(ja ? "ポリシーの文言: {}" : "The policy's words: {}", c.policy));
    out += Comment(fmt::format(ja ? "記録の例: {}" : "Evidence, e.g.: {}", c.Evidence(lang)));
    auto entry = [&](const Facility* f) {
      out += fmt::format("  - clause: {}\n", Scalar(c.id));
      if (f) {
        out += fmt::format("    facility: {}", Scalar(f->id));
        if (f->name) out += "  # " + EscapeControls(*f->name);
        out += "\n";
      }
      out += fmt::format("    attested_by:{}\n", per_facility ? (ja ? "   # mcs_admin か MCS の ID" : "   # mcs_admin or an MCS ID")
                                                               : (ja ? "   # secretariat か MCS の ID" : "   # secretariat or an MCS ID"));
      out += "    attested_on:\n    evidence:\n    expires:\n";
    };
    if (!per_facility) {
      entry(nullptr);
      continue;
    }
    for (const Facility& f : ex.facilities)
      if (!f.status.is(FacilityStatus::withdrawn)) entry(&f);
  }
  return out;
}

}  // namespace rurume
