// The GitHub Actions report (--format github): workflow commands that the
// runner turns into annotations on the lines of the export, so that a
// repository without code scanning (a private one without GitHub Advanced
// Security) still sees its findings on the changed lines of a pull request.
// One line per finding, in the JSON report's order:
//   ::error file=F,line=L,col=C,endLine=L,title=RULE TITLE::KIND ID: MESSAGE
// error findings as ::error, warning as ::warning, note as ::notice. A
// waived finding is a ::notice whose title ends "(waived)" and whose message
// says so, with its severity and the waiver's justification: visible, and
// not failing anyone's review. Against a baseline a new finding's message
// has a second line saying it is new. A subject not evaluated is a ::notice
// ("not evaluated (KIND ID): ..."). Input diagnostics come first (after the
// notice that the result is incomplete), as ::error or ::warning titled by
// their code. Fixed findings are plain log lines ("fixed: RULE KIND ID:
// ..."), since there is nothing left to annotate; the last line is a plain
// summary. Under --show-personal-info the report begins with a ::warning
// saying so, and a finding's message has its patient or post on a line
// after it (workflow logs are kept and widely readable: think twice).
// The manual clauses, with --attestations: one annotation per clause that
// has entries expired, expiring or missing (a ::notice, or a ::warning under
// --fail-on-unattested; at the first such entry's attestation or record),
// naming them by state; without an attestations file a plain line says that
// none is tracked. The summary counts them.
// GitHub shows at most 10 annotations of each kind per step, so the summary
// and the other reports remain the full account.
#include "report/github.h"

#include "load/scalars.h"
#include "report/formats.h"
#include "text/escape.h"

#include <fmt/format.h>

namespace rurume {

std::string GithubData(std::string_view text) {
  std::string out;
  size_t start = 0;
  while (true) {
    const size_t end = text.find_first_of("\r\n", start);
    for (char ch : EscapeControls(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start)))
      out += ch == '%' ? std::string("%25") : std::string(1, ch);
    if (end == std::string_view::npos) break;
    out += text[end] == '\r' ? "%0D" : "%0A";
    start = end + 1;
  }
  return out;
}

std::string GithubProperty(std::string_view text) {
  std::string out;
  for (char ch : GithubData(text)) {
    if (ch == ':') out += "%3A";
    else if (ch == ',') out += "%2C";
    else out += ch;
  }
  return out;
}

std::string PersonalInfoLine(const PersonalInfo& p, Lang lang) {
  const bool ja = lang == Lang::Ja;
  std::string out;
  if (!p.patient_id.empty())
    out += fmt::format(ja ? "患者 {}: 氏名 {}、生年月日 {}" : "patient {}: name {}, born {}", p.patient_id,
                       p.name.value_or("-"), p.birth_date ? FormatDate(*p.birth_date) : "-");
  if (p.post_text) out += fmt::format("{}{}{}", out.empty() ? "" : "; ", ja ? "本文: " : "text: ", *p.post_text);
  return out;
}

namespace {

/// "::error file=F,line=L,col=C,endLine=L,title=T::MESSAGE\n"; the location's
/// parts only when known.
std::string Command(std::string_view command, const std::string& file, uint32_t line, uint32_t column,
                    std::string_view title, std::string_view message) {
  std::string props;
  auto add = [&props](std::string_view name, std::string_view value) {
    props += fmt::format("{}{}={}", props.empty() ? " " : ",", name, value);
  };
  if (!file.empty()) {
    add("file", GithubProperty(file));
    if (line > 0) {
      add("line", std::to_string(line));
      if (column > 0) add("col", std::to_string(column));
      add("endLine", std::to_string(line));
    }
  }
  if (!title.empty()) add("title", GithubProperty(title));
  return fmt::format("::{}{}::{}\n", command, props, GithubData(message));
}

std::string_view CommandOf(Level level) {
  switch (level) {
    case Level::Error: return "error";
    case Level::Warning: return "warning";
    default: return "notice";
  }
}

class GithubReporter : public Reporter {
 public:
  std::string Render(const Report& r, const RenderOptions&) const override {
    const Lang lang = r.lang();
    const bool ja = lang == Lang::Ja;
    const Summary& s = r.summary();
    std::string out;
    if (r.context().show_personal_info) out += Command("warning", "", 0, 0, "rurume-audit", PersonalInfoNotice(lang));
    if (s.input_errors > 0) out += Command("error", "", 0, 0, "rurume-audit", IncompleteNotice(s.input_errors, lang));
    for (const Diagnostic& d : r.diagnostics())
      out += Command(d.level == Level::Error ? "error" : d.level == Level::Warning ? "warning" : "notice", d.file,
                     d.line, d.column, CodeId(d.code), r.Message(d));
    for (const Finding& f : r.audit().findings) {
      const Waiver* w = r.WaiverOf(f);
      std::string title = fmt::format("{} {}", f.rule->id, f.rule->title.in(lang));
      std::string message =
          fmt::format("{} {}: {}", KindLabel(f.subject.kind, lang), f.subject.id, r.Message(f));
      if (PersonalInfo p = r.Personal(f.subject); !p.empty()) message += "\n" + PersonalInfoLine(p, lang);
      if (r.ChangeOf(f) == Change::New) message += ja ? "\n新規: ベースラインにない指摘です" : "\nnew: not in the baseline";
      if (w) {
        title += ja ? " (免除)" : " (waived)";
        message += fmt::format(ja ? "\n免除 ({}): {} (承認 {}、{} まで)" : "\nwaived ({}): {} (approved by {}, until {})",
                               SeverityLabel(f.rule->severity, lang), r.Screen(w->justification),
                               r.Screen(w->approved_by), FormatDate(w->expires));
      }
      out += Command(w ? "notice" : CommandOf(f.rule->severity), r.FileOf(f.subject.loc), f.subject.loc.line,
                     f.subject.loc.column, title, message);
    }
    for (const NotEvaluated& n : r.audit().not_evaluated) {
      std::string why = n.missing.empty() ? r.Reason(n) : fmt::format("{}", fmt::join(n.missing, ", "));
      out += Command("notice", r.FileOf(n.subject.loc), n.subject.loc.line, n.subject.loc.column,
                     fmt::format("{} {}", n.rule->id, n.rule->title.in(lang)),
                     fmt::format(ja ? "未評価 ({} {}): {}" : "not evaluated ({} {}): {}", KindLabel(n.subject.kind, lang),
                                 n.subject.id, why));
    }
    if (const Triage* t = r.triage(); t && t->has_baseline) {
      auto gone = [&](const FixedFinding& f, std::string_view label) {
        // A plain log line, never a command: a message beginning "::" stays data.
        out += GithubData(fmt::format("{}: {} {} {}: {}", label, f.rule, KindLabel(f.subject_kind, lang), f.subject_id,
                                      r.Screen(f.message))) +
               "\n";
      };
      for (const FixedFinding& f : t->fixed) gone(f, ja ? "解消" : "fixed");
      for (const FixedFinding& f : t->removed) gone(f, ja ? "削除 (対象のレコードがありません)" : "removed (its record is gone)");
    }
    out += ManualLines(r);
    out += SummaryLine(r) + "\n";
    return out;
  }

 private:
  static std::string ManualLines(const Report& r) {
    const bool ja = r.lang() == Lang::Ja;
    if (r.manual().empty()) return {};
    if (r.AttestationsFile().empty())
      return GithubData(ja ? "rurume-audit: 手動で確認する条項の確認記録 (--attestations) が渡されていません"
                           : "rurume-audit: no attestations of the manual clauses were given (--attestations)") +
             "\n";
    std::string out;
    for (const std::vector<const ManualEntry*>& entries : r.ManualByClause()) {
      const Clause& c = *entries.front()->clause;
      std::string message;
      const ManualEntry* first = nullptr;
      for (AttestState state : {AttestState::Expired, AttestState::Expiring, AttestState::Missing}) {
        std::vector<std::string> who;
        for (const ManualEntry* e : entries) {
          if (e->state != state) continue;
          if (!first) first = e;
          std::string name = e->facility.empty() ? std::string(ja ? "ネットワーク全体" : "the network") : e->facility;
          if (e->attestation) name += fmt::format(ja ? " ({} まで)" : " (until {})", FormatDate(e->attestation->expires));
          who.push_back(std::move(name));
        }
        if (who.empty()) continue;
        message += fmt::format("{}{} ({}): {}", message.empty() ? "" : "\n", AttestStateLabel(state, r.lang()), who.size(),
                               fmt::join(who, ja ? "、" : ", "));
      }
      if (!first) continue;
      const ManualPlace place = r.PlaceOf(*first);
      out += Command(r.context().fail_on_unattested ? "warning" : "notice", place.file, place.line, place.column,
                     fmt::format(ja ? "{} {} (手動で確認する条項)" : "{} {} (manual clause)", c.id, c.Obligation(r.lang())),
                     message);
    }
    return out;
  }

  static std::string SummaryLine(const Report& r) {
    const Summary& s = r.summary();
    const Triage* t = r.triage();
    const bool check = r.rules() != nullptr;
    std::string out = "rurume-audit: ";
    if (r.lang() == Lang::Ja) {
      if (check)
        out += fmt::format("指摘 {} 件 (エラー {}、警告 {}、注記 {})、未評価 {} 件、", s.findings, s.errors, s.warnings,
                           s.notes, s.not_evaluated);
      out += fmt::format("入力エラー {} 件、入力警告 {} 件", s.input_errors, s.input_warnings);
      if (t && !t->waivers_file.empty()) out += fmt::format("。免除 {} 件", s.waived);
      if (t && t->has_baseline)
        out += fmt::format("。ベースラインとの比較: 新規 {}、解消 {}、継続 {}{}", s.new_findings, s.fixed, s.unchanged,
                           s.removed == 0 ? "" : fmt::format("、削除 {}", s.removed));
      if (!r.manual().empty())
        out += fmt::format("。手動確認の条項: 確認済み {}、期限間近 {}、期限切れ {}、未確認 {}", s.attested, s.expiring,
                           s.expired, s.unattested);
      return out;
    }
    auto n = [](size_t count, std::string_view word) { return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s"); };
    if (check)
      out += fmt::format("{} ({}, {}, {}), {} not evaluated, ", n(s.findings, "finding"), n(s.errors, "error"),
                         n(s.warnings, "warning"), n(s.notes, "note"), s.not_evaluated);
    out += n(s.input_errors, "input error") + ", " + n(s.input_warnings, "input warning");
    if (t && !t->waivers_file.empty()) out += fmt::format(". Waived: {}", s.waived);
    if (t && t->has_baseline)
      out += fmt::format(". Against the baseline: {} new, {} fixed, {} unchanged{}", s.new_findings, s.fixed, s.unchanged,
                         s.removed == 0 ? "" : fmt::format(", {} removed", s.removed));
    if (!r.manual().empty())
      out += fmt::format(". Manual clauses: {} attested, {} expiring, {} expired, {} missing", s.attested, s.expiring,
                         s.expired, s.unattested);
    return out;
  }
};

}  // namespace

std::unique_ptr<Reporter> MakeGithubReporter() { return std::make_unique<GithubReporter>(); }

}  // namespace rurume
