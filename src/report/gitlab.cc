// The GitLab report (--format gitlab): GitLab's Code Quality report, the
// subset of the Code Climate issue format GitLab reads (a JSON array of
// issues with description, check_name, fingerprint, severity, location.path
// and location.lines.begin; the other Code Climate members, which GitLab
// ignores, are type, categories and content.body). Every finding is an issue
// whose fingerprint is ours (rurumeFingerprint/v1: rule, subject kind and
// id), so that GitLab follows a finding across merge requests as the
// baseline does. Severities: note -> info, warning -> minor, error ->
// critical; a waived finding is info (accepted: listed, not a degradation
// to act on), its own severity and the waiver in content.body. A subject not
// evaluated is info. Input diagnostics are issues too, titled by their code
// (check_name RA1020): an input error is a blocker (the audit is incomplete
// and may be wrong), a warning minor. Issues in the JSON report's order:
// diagnostics, findings, subjects not evaluated. Fixed findings are not
// issues: GitLab finds them itself by comparing with the target branch's
// report. With --attestations, a manual clause's entry that is missing or
// expired is an issue too (check_name the clause; info, or minor under
// --fail-on-unattested; at its attestation, or at the facility's record),
// its fingerprint the entry's (clause and facility), after the subjects not
// evaluated; without an attestations file none is (nothing is tracked).
// Paths are the input's, as given on the command line. Under
// --show-personal-info a finding's patient or post, with the notice that
// the report holds personal information, is in its content.body only, which
// GitLab does not show.
#include "load/digest.h"
#include "load/scalars.h"
#include "report/formats.h"
#include "report/github.h"
#include "report/json_values.h"

#include <fmt/format.h>

#include <initializer_list>
#include <set>

namespace rurume {

namespace {

using J = nlohmann::ordered_json;

/// Each part followed by a NUL byte.
std::string Joined(std::initializer_list<std::string> parts) {
  std::string out;
  for (const std::string& p : parts) out += p + '\0';
  return out;
}

std::string_view SeverityOf(Level level) {
  switch (level) {
    case Level::Error: return "critical";
    case Level::Warning: return "minor";
    default: return "info";
  }
}

J Location(const std::string& path, uint32_t line) {
  return J{{"path", path.empty() ? "(export)" : path}, {"lines", {{"begin", line > 0 ? line : 1}}}};
}

J Issue(std::string description, std::string_view check_name, std::string fingerprint, std::string_view severity,
        J location, std::string body) {
  return J{{"type", "issue"},
           {"check_name", check_name},
           {"description", std::move(description)},
           {"categories", J::array({"Security"})},
           {"severity", severity},
           {"fingerprint", std::move(fingerprint)},
           {"location", std::move(location)},
           {"content", {{"body", std::move(body)}}}};
}

class GitlabReporter : public Reporter {
 public:
  std::string Render(const Report& r, const RenderOptions&) const override {
    const Lang lang = r.lang();
    const bool ja = lang == Lang::Ja;
    J list = J::array();
    std::set<std::string> seen;  // GitLab shows one issue per fingerprint
    for (const Diagnostic& d : r.diagnostics()) {
      // Stable across runs and languages: the code, the place and the arguments.
      std::string key = Joined({"rurume/diagnostic/v1", CodeId(d.code), d.file, std::to_string(d.line),
                                std::to_string(d.column)});
      for (const std::string& a : d.args) key += a + '\0';
      std::string fp = Sha256Hex(key);
      for (size_t n = 2; !seen.insert(fp).second; ++n) fp = Sha256Hex(key + std::to_string(n));
      std::string message = r.Message(d);
      list.push_back(Issue(fmt::format("{}: {}", CodeId(d.code), message), CodeId(d.code), fp,
                           d.level == Level::Error ? "blocker" : d.level == Level::Warning ? "minor" : "info",
                           Location(d.file, d.line), DiagnosticLine(d, lang, message)));
    }
    for (const Finding& f : r.audit().findings) {
      const Waiver* w = r.WaiverOf(f);
      std::string description = fmt::format("{} {}: {}", KindLabel(f.subject.kind, lang), f.subject.id, r.Message(f));
      std::string body = fmt::format("**{}** {}\n\n{}: {}\n", f.rule->id, f.rule->title.in(lang), ja ? "重大度" : "severity",
                                     SeverityLabel(f.rule->severity, lang));
      if (Change c = r.ChangeOf(f); c != Change::NoBaseline)
        body += c == Change::New ? (ja ? "新規: ベースラインにない指摘です\n" : "new: not in the baseline\n")
                                 : (ja ? "継続: ベースラインにもある指摘です\n" : "unchanged: in the baseline too\n");
      if (w) {
        std::string waived = fmt::format(ja ? "免除: {} (承認 {}、{} まで)" : "waived: {} (approved by {}, until {})",
                                         r.Screen(w->justification), r.Screen(w->approved_by), FormatDate(w->expires));
        description += fmt::format(" ({})", waived);
        body += waived + "\n";
      }
      body += fmt::format("\n{}{}\n", ja ? "対処: " : "How to fix: ", f.rule->remediation.in(lang));
      if (PersonalInfo p = r.Personal(f.subject); !p.empty())
        body += fmt::format("\n{}\n{}\n", PersonalInfoNotice(lang), PersonalInfoLine(p, lang));
      std::string fp = Fingerprint(f.rule->id, f.subject.kind, f.subject.id);
      seen.insert(fp);
      list.push_back(Issue(std::move(description), f.rule->id, std::move(fp), w ? "info" : SeverityOf(f.rule->severity),
                           Location(r.FileOf(f.subject.loc), f.subject.loc.line), std::move(body)));
    }
    for (const NotEvaluated& n : r.audit().not_evaluated) {
      std::string why = n.missing.empty() ? r.Reason(n) : fmt::format("{}", fmt::join(n.missing, ", "));
      // Not the finding's fingerprint: a subject evaluated later and failing is a new issue.
      std::string fp = Sha256Hex(Joined({"rurume/not-evaluated/v1", Fingerprint(n.rule->id, n.subject.kind, n.subject.id)}));
      seen.insert(fp);
      list.push_back(Issue(fmt::format(ja ? "未評価 ({} {}): {}" : "not evaluated ({} {}): {}",
                                       KindLabel(n.subject.kind, lang), n.subject.id, why),
                           n.rule->id, std::move(fp), "info", Location(r.FileOf(n.subject.loc), n.subject.loc.line),
                           fmt::format("**{}** {}\n\n{}\n", n.rule->id, n.rule->title.in(lang), r.NotEvaluatedWhy(n))));
    }
    if (!r.AttestationsFile().empty())
      for (const ManualEntry* e : r.manual()) {
        if (e->state != AttestState::Missing && e->state != AttestState::Expired) continue;
        std::string fp = EntryFingerprint(*e);
        seen.insert(fp);
        const ManualPlace place = r.PlaceOf(*e);
        const std::string message = r.ManualMessage(*e);
        list.push_back(Issue(message, e->clause->id, std::move(fp), r.context().fail_on_unattested ? "minor" : "info",
                             Location(place.file, place.line),
                             fmt::format(ja ? "**{}** {} (手動で確認する条項)\n\n{}\n" : "**{}** {} (manual clause)\n\n{}\n",
                                         e->clause->id, e->clause->Obligation(lang), message)));
      }
    return DumpJson(list);
  }
};

}  // namespace

std::unique_ptr<Reporter> MakeGitlabReporter() { return std::make_unique<GitlabReporter>(); }

}  // namespace rurume
