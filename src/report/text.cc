// The text report, for people: against a baseline the difference first (new
// and fixed findings), then input diagnostics, the findings by clause (in the
// clause list's order) and subject, the waived findings with their waivers,
// the rules that could not be evaluated, and a summary line. Columns are
// aligned in display width (Japanese text takes two columns a character).
#include "calendar/human.h"
#include "load/scalars.h"
#include "model/schema.h"
#include "report/formats.h"
#include "text/escape.h"
#include "text/width.h"
#include "text/wrap.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace rurume {

namespace {

/// ANSI colours, or nothing.
class Paint {
 public:
  explicit Paint(bool on) : on_(on) {}
  bool on() const { return on_; }
  std::string Bold(std::string_view s) const { return Wrap("1", s); }
  std::string Dim(std::string_view s) const { return Wrap("2", s); }
  std::string Severity(Level level, std::string_view s) const {
    return Wrap(level == Level::Error ? "1;31" : level == Level::Warning ? "1;33" : "1;36", s);
  }

 private:
  std::string Wrap(std::string_view code, std::string_view s) const {
    return on_ ? fmt::format("\x1b[{}m{}\x1b[0m", code, s) : std::string(s);
  }
  bool on_;
};

// Every text from data (the export, the waivers, the baseline, the rule
// set) goes through E() on its way into the report: control characters in
// it are shown escaped (text/escape.h), never written to the terminal.
std::string E(std::string_view s) { return EscapeControls(s); }

std::string Location(const Report& r, const Loc& loc) {
  return fmt::format("{}:{}:{}:", E(r.FileOf(loc)), loc.line, loc.column);
}

std::string PersonalLine(const PersonalInfo& p, Lang lang) {
  const bool ja = lang == Lang::Ja;
  std::string out;
  if (!p.patient_id.empty())
    out += fmt::format(ja ? "患者 {}: 氏名 {}、生年月日 {}" : "patient {}: name {}, born {}", E(p.patient_id),
                       E(p.name.value_or("-")), p.birth_date ? FormatDate(*p.birth_date) : "-");
  if (p.post_text) out += fmt::format("{}{}{}", out.empty() ? "" : "; ", ja ? "本文: " : "text: ", E(*p.post_text));
  return out;
}

class TextReport {
 public:
  TextReport(const Report& r, const RenderOptions& o)
      : r_(r), lang_(r.lang()), paint_(o.color), width_(std::max<size_t>(o.width, kMinWidth)) {}

  std::string Render() {
    if (r_.context().show_personal_info) Section(Hang(0, PersonalInfoNotice(lang_), 2, Level::Warning));
    if (r_.summary().input_errors > 0)
      Section(Hang(0, IncompleteNotice(r_.summary().input_errors, lang_), 2, Level::Error));
    Section(Hang(0, HeaderLine(r_), 2) + FacilityLine());
    Section(Difference());
    Section(InputProblems());
    bool any = false;
    for (const ClauseResult& c : r_.clauses()) {
      std::string block = ClauseBlock(c);
      any |= !block.empty();
      Section(block);
    }
    if (!any && r_.rules()) Section(Hang(0, lang_ == Lang::Ja ? "指摘はありません。" : "No findings.", 2));
    Section(WaivedList());
    Section(NotEvaluatedList());
    Section(ManualSection());
    Section(SummaryLine());
    return out_;
  }

 private:
  /// The input problems, the causes first (Diagnostics::Sort): without
  /// --verbose at most kDiagnosticsShown of them, and the errors that follow
  /// from a file read only in part as one line per such file.
  std::string InputProblems() const {
    const bool all = r_.context().verbose;
    std::string out;
    size_t shown = 0, hidden = 0;
    std::vector<std::pair<const Diagnostic*, size_t>> follow_on;  // a cause's first follow-on error, their count
    for (const Diagnostic& d : r_.diagnostics()) {
      if (!all && !d.cause_file.empty()) {
        auto same = [&](const auto& p) { return p.first->cause_file == d.cause_file && p.first->cause_line == d.cause_line; };
        auto it = std::find_if(follow_on.begin(), follow_on.end(), same);
        if (it == follow_on.end()) follow_on.emplace_back(&d, 1);
        else ++it->second;
        continue;
      }
      if (!all && shown >= kDiagnosticsShown) {
        ++hidden;
        continue;
      }
      out += HangLine(DiagnosticLine(d, lang_, r_.Message(d)));
      ++shown;
    }
    for (const auto& [d, count] : follow_on) {
      Diagnostic line = *d;
      line.file = d->cause_file;
      line.line = line.column = 0;
      out += HangLine(DiagnosticLine(line, lang_, FollowOnSummary(d->cause_file, d->cause_line, count, lang_)));
    }
    if (hidden) out += Hang(0, MoreProblemsSummary(hidden, lang_), 2);
    if (r_.other_diagnostics() > 0)
      out += Hang(0, OtherFacilitiesProblems(r_.other_diagnostics(), lang_), 2);
    return out;
  }

  /// Appends a block, separated from the one before by a blank line.
  void Section(const std::string& block) {
    if (block.empty()) return;
    if (!out_.empty()) out_ += "\n";
    out_ += block;
  }

  /// `text` wrapped to the report's width after `lead` spaces, its
  /// continuation lines `indent` spaces in; painted in a severity's colour
  /// when given (after wrapping: colour codes take no columns).
  std::string Hang(size_t lead, std::string_view text, size_t indent, std::optional<Level> level = {}) const {
    std::string out;
    bool first = true;
    for (const std::string& line : WrapLines(text, width_, lead, indent)) {
      out += std::string(first ? lead : indent, ' ');
      out += level ? paint_.Severity(*level, line) : line;
      out += '\n';
      first = false;
    }
    return out;
  }

  /// A line (ending in "\n") wrapped with its continuations 4 columns in.
  std::string HangLine(std::string_view line) const {
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    return Hang(0, line, 4);
  }

  /// A finding: "file:line:column: severity [rule]" (then "(new)" against
  /// a baseline, or in the list of new findings "(waived)"), its message,
  /// who must act and by when, each `indent` columns in.
  std::string FindingBlock(const Finding& f, size_t indent, bool in_new_list = false) const {
    const bool ja = lang_ == Lang::Ja;
    Level level = f.rule->severity;
    std::string_view mark;
    if (in_new_list && r_.WaiverOf(f)) mark = ja ? "免除" : "waived";
    if (!in_new_list && r_.ChangeOf(f) == Change::New) mark = ChangeLabel(Change::New, lang_);
    const std::string severity(SeverityLabel(level, lang_));
    const std::string rule = "[" + E(f.rule->id) + "]";
    std::string tail = severity + " " + rule;
    if (!mark.empty()) tail += fmt::format(" ({})", mark);
    // The location and the rest on one line, or (a long path) on two.
    const std::string where = Location(r_, f.subject.loc);
    std::string head = std::string(indent, ' ') + where;
    head += indent + DisplayWidth(where) + 1 + DisplayWidth(tail) <= width_ ? " " : "\n" + std::string(indent + 4, ' ');
    head += tail + "\n";
    // Colours go in after wrapping: they take no columns.
    if (paint_.on()) {
      const size_t at = head.find(" " + severity + " ");
      if (at != std::string::npos) head.replace(at + 1, severity.size(), paint_.Severity(level, severity));
      const size_t r = head.find(rule);
      if (r != std::string::npos) head.replace(r, rule.size(), paint_.Dim(rule));
    }
    std::string out = head;
    const size_t in = indent + 2;
    out += Hang(in, E(r_.Message(f)), in);
    std::string who = fmt::format(ja ? "対応する人: {}" : "to act: {}", E(ResponsibleParty(f, lang_)));
    if (!f.deadline_text.empty())
      who += fmt::format(ja ? "、期限: {}{}" : "; deadline: {}{}", f.deadline_text,
                         f.overdue ? (ja ? " (期限切れ)" : " (overdue)") : "");
    out += Hang(in, who, in + 2);
    return out;
  }

  /// What to do for each rule of `findings`, once per rule: the
  /// remediation, then how the export records it.
  std::string Remedies(const std::vector<const Finding*>& findings) const {
    const bool ja = lang_ == Lang::Ja;
    std::vector<const Rule*> rules;
    for (const Finding* f : findings)
      if (std::find(rules.begin(), rules.end(), f->rule) == rules.end()) rules.push_back(f->rule);
    std::string out;
    for (const Rule* rule : rules) {
      std::string head = rules.size() > 1 ? fmt::format(" [{}]", E(rule->id)) : "";
      out += Hang(2, fmt::format(ja ? "対処{}: {}" : "What to do{}: {}", head, E(rule->remediation.in(lang_))), 4);
      out += Hang(2, fmt::format(ja ? "記録: {}" : "To record it: {}", E(rule->record.in(lang_))), 4);
    }
    return out;
  }

  /// Findings under their subjects ("  device DV2"), with the subject's
  /// personal information when it is shown and `after` each finding.
  template <class After>
  std::string BySubject(const std::vector<const Finding*>& findings, After after) const {
    std::string out;
    const SubjectRef* last = nullptr;
    for (const Finding* f : findings) {
      if (!last || last->kind != f->subject.kind || last->id != f->subject.id) {
        out += fmt::format("  {} {}\n", KindLabel(f->subject.kind, lang_), E(f->subject.id));
        PersonalInfo p = r_.Personal(f->subject);
        if (!p.empty()) out += Hang(4, PersonalLine(p, lang_), 6, Level::Warning);
        last = &f->subject;
      }
      out += FindingBlock(*f, 4) + after(*f);
    }
    return out;
  }

  /// A clause's findings that are not waived.
  std::string ClauseBlock(const ClauseResult& c) const {
    std::vector<const Finding*> open;
    for (const Finding* f : c.findings)
      if (!r_.WaiverOf(*f)) open.push_back(f);
    if (open.empty()) return {};
    return paint_.Bold(Hang(0, fmt::format("{} {} {}", E(c.clause->id), E(c.clause->Source(lang_)), E(c.clause->Obligation(lang_))), 2)) +
           BySubject(open, [](const Finding&) { return std::string(); }) + Remedies(open);
  }

  /// The report's facility, at its top.
  std::string FacilityLine() const {
    const std::string& id = r_.context().facility;
    if (id.empty()) return {};
    const Facility* f = r_.facility();
    std::string name = f && f->name ? " " + E(*f->name) : "";
    return paint_.Bold(Hang(0,
                            fmt::format(lang_ == Lang::Ja ? "事業所 {}{} の報告です (この事業所の指摘と未評価のみ)"
                                                          : "Report of facility {}{}: its findings and subjects not evaluated only",
                                        E(id), name),
                            2));
  }

  /// Against a baseline: the counts, then the new findings and the fixed ones.
  std::string Difference() const {
    const Triage* t = r_.triage();
    if (!t || !t->has_baseline) return {};
    const Summary& s = r_.summary();
    const bool ja = lang_ == Lang::Ja;
    std::string as_of = t->baseline_as_of.empty() ? "" : fmt::format(ja ? " ({} 時点)" : " (as of {})", E(t->baseline_as_of));
    std::string out = paint_.Bold(Hang(0,
                                       fmt::format(ja ? "ベースライン {}{} との比較: 新規 {} 件、解消 {} 件、継続 {} 件"
                                                      : "Against the baseline {}{}: {} new, {} fixed, {} unchanged",
                                                   E(t->baseline_file), as_of, s.new_findings, s.fixed, s.unchanged) +
                                           (s.removed == 0 ? std::string()
                                                           : fmt::format(ja ? "、削除 {} 件" : ", {} removed", s.removed)),
                                       2));
    if (s.input_errors > 0 && s.fixed > 0)
      out += Hang(2,
                  ja ? "入力エラーがあるため、読めなかったレコードの指摘が「解消」に入っているかもしれません"
                     : "there are input errors: findings of records that could not be read may be among the fixed",
                  4);
    std::string added;
    for (const ClauseResult& c : r_.clauses())
      for (const Finding* f : c.findings)
        if (r_.ChangeOf(*f) == Change::New) added += FindingBlock(*f, 2, true);
    if (!added.empty())
      out += "\n" + paint_.Bold(fmt::format(ja ? "新規 ({} 件)" : "New ({})", s.new_findings)) + "\n" + added;
    auto gone = [&](const std::vector<FixedFinding>& list, std::string title) {
      if (list.empty()) return;
      out += "\n" + paint_.Bold(title) + "\n";
      for (const FixedFinding& f : list) {
        Level level = f.severity == "warning" ? Level::Warning : f.severity == "note" ? Level::Note : Level::Error;
        out += "  " + paint_.Severity(level, std::string(SeverityLabel(level, lang_))) + " " +
               paint_.Dim("[" + E(f.rule) + "]") + "\n";
        out += Hang(4, fmt::format("{} {}: {}", E(KindLabel(f.subject_kind, lang_)), E(f.subject_id), E(r_.Screen(f.message))), 4);
      }
    };
    gone(t->fixed, fmt::format(ja ? "解消 ({} 件)" : "Fixed ({})", t->fixed.size()));
    gone(t->removed, fmt::format(ja ? "削除 ({} 件、対象のレコードがなくなった指摘。解消とは限りません)"
                                    : "Removed ({}; their records are gone: not known to be fixed)",
                                 t->removed.size()));
    return out;
  }

  /// The waived findings, each with its waiver.
  std::string WaivedList() const {
    std::vector<const Finding*> waived;
    for (const ClauseResult& c : r_.clauses())
      for (const Finding* f : c.findings)
        if (r_.WaiverOf(*f)) waived.push_back(f);
    if (waived.empty()) return {};
    const bool ja = lang_ == Lang::Ja;
    return paint_.Bold(fmt::format(ja ? "免除 ({} 件)" : "Waived ({})", waived.size())) + "\n" +
           BySubject(waived, [&](const Finding& f) {
             const Waiver& w = *r_.WaiverOf(f);
             return Hang(6,
                         fmt::format(ja ? "免除: {} (承認 {}、{} まで、{}:{}:{})" : "waived: {} (approved by {}, until {}, {}:{}:{})",
                                     E(r_.Screen(w.justification)), E(r_.Screen(w.approved_by)),
                                     calendar::HumanDate(w.expires, lang_), E(w.file), w.line, w.column),
                         8);
           });
  }

  /// Per rule and missing fields (or reason): its subjects, at most
  /// kIdsShown of them unless --verbose ("DV0001、DV0002 ほか 341 件"),
  /// then what was missing, by the fields' labels.
  std::string NotEvaluatedList() const {
    struct Line {
      const NotEvaluated* first;
      std::string what;
      std::vector<std::string> ids;
    };
    std::vector<Line> lines;
    const bool ja = lang_ == Lang::Ja;
    for (const NotEvaluated& n : r_.audit().not_evaluated) {
      std::string what = E(r_.NotEvaluatedWhy(n));
      if (lines.empty() || lines.back().first->rule != n.rule || lines.back().what != what)
        lines.push_back(Line{&n, std::move(what), {}});
      lines.back().ids.push_back(E(n.subject.id));
    }
    if (lines.empty()) return {};
    std::string out = paint_.Bold(fmt::format(ja ? "未評価 ({} 件)" : "Not evaluated ({})", r_.audit().not_evaluated.size())) + "\n";
    const bool all = r_.context().verbose;
    for (const Line& l : lines) {
      const size_t shown = all ? l.ids.size() : std::min(l.ids.size(), kIdsShown);
      std::vector<std::string> ids(l.ids.begin(), l.ids.begin() + static_cast<std::ptrdiff_t>(shown));
      std::string list = fmt::format("{}", fmt::join(ids, ja ? "、" : ", "));
      if (shown < l.ids.size())
        list += fmt::format(ja ? " ほか {} 件" : " and {} more", l.ids.size() - shown);
      out += Hang(2, fmt::format("{} [{}] {}", KindLabel(l.first->subject.kind, lang_), E(l.first->rule->id), list), 6);
      out += Hang(4, l.what, 6);
    }
    return out;
  }

  /// The manual clauses, each with its entries by state: the expired and
  /// the expiring one by one (with who, until when, and where the
  /// attestation is written), the missing and the attested by facility ids
  /// (the attested one by one under --verbose, or in a facility's report).
  std::string ManualSection() const {
    if (!r_.context().manual || r_.manual().empty()) return {};
    const bool ja = lang_ == Lang::Ja;
    const Summary& s = r_.summary();
    const std::string& file = r_.AttestationsFile();
    std::string out = paint_.Bold(Hang(0, fmt::format(ja ? "手動で確認する条項 ({} 条項): 確認済み {}、期限間近 {}、期限切れ {}、未確認 {}"
                                                        : "Manual clauses ({}): {} attested, {} expiring, {} expired, {} missing",
                                                     s.manual_clauses, s.attested, s.expiring, s.expired, s.unattested),
                                         2));
    out += Hang(2, file.empty() ? std::string(ja ? "確認記録 (--attestations) が渡されていないため、すべて未確認です。"
                                                   "ひな形は rurume-audit clauses --template で作れます"
                                                 : "no attestations were given (--attestations), so every one is missing; "
                                                   "rurume-audit clauses --template writes a file to start from")
                                : fmt::format(ja ? "確認記録: {} (期限まで {} 日以内は期限間近)" : "attestations: {} (expiring: within {} days)",
                                              E(file), kExpiringDays),
                4);
    const bool each = r_.context().verbose || !r_.context().facility.empty();
    for (const std::vector<const ManualEntry*>& entries : r_.ManualByClause()) {
      const Clause& c = *entries.front()->clause;
      const bool per_facility = c.scope == Clause::Scope::Facility;
      out += Hang(2, fmt::format("{} {} ({}{}{})", E(c.id), E(c.Obligation(lang_)), E(c.Source(lang_)), ja ? "、" : ", ",
                                 ScopeLabel(c.scope, lang_)),
                  4);
      for (AttestState state : {AttestState::Expired, AttestState::Expiring, AttestState::Missing, AttestState::Attested}) {
        std::vector<const ManualEntry*> of;
        for (const ManualEntry* e : entries)
          if (e->state == state) of.push_back(e);
        if (of.empty()) continue;
        const bool one_by_one = state == AttestState::Expired || state == AttestState::Expiring ||
                                (state == AttestState::Attested && each) || !per_facility;
        if (one_by_one) {
          for (const ManualEntry* e : of) out += StateLine(state, EntryText(*e));
          continue;
        }
        std::string text;
        if (state == AttestState::Attested) {
          // Nothing to do for them: how many, and until when.
          auto [lo, hi] = std::minmax_element(of.begin(), of.end(), [](const ManualEntry* a, const ManualEntry* b) {
            return a->attestation->expires < b->attestation->expires;
          });
          const Date first = (*lo)->attestation->expires, last = (*hi)->attestation->expires;
          text = fmt::format(ja ? "{} 事業所 ({})" : "{} facilities ({})", of.size(),
                             first == last ? fmt::format(ja ? "期限 {}" : "until {}", FormatDate(first))
                                           : fmt::format(ja ? "期限 {} から {}" : "until {} to {}", FormatDate(first), FormatDate(last)));
        } else {
          std::vector<std::string> ids;
          for (const ManualEntry* e : of) ids.push_back(E(e->facility));
          text = IdList(ids);
        }
        out += StateLine(state, text);
      }
    }
    return out;
  }

  /// A line of entries in one state: the state's label, padded to the
  /// widest (the entries' texts align), then `text`; the label painted after
  /// the line is wrapped.
  std::string StateLine(AttestState state, const std::string& text) const {
    size_t widest = 0;
    for (AttestState s : {AttestState::Attested, AttestState::Expiring, AttestState::Expired, AttestState::Missing})
      widest = std::max(widest, DisplayWidth(AttestStateLabel(s, lang_)));
    const std::string label(AttestStateLabel(state, lang_));
    std::string out = "    " +
                      (state == AttestState::Attested
                           ? label
                           : paint_.Severity(state == AttestState::Expiring ? Level::Note : Level::Warning, label)) +
                      std::string(widest - DisplayWidth(label) + 1, ' ');
    bool first = true;
    for (const std::string& line : WrapLines(text, width_, 4 + widest + 1, 6)) {
      out += (first ? "" : std::string(6, ' ')) + line + "\n";
      first = false;
    }
    return out;
  }

  /// One entry: its facility (id and name), then its attestation.
  std::string EntryText(const ManualEntry& e) const {
    const bool ja = lang_ == Lang::Ja;
    std::string out;
    if (!e.facility.empty() && r_.context().facility.empty()) {  // (a facility's report is all about it)
      const Facility* f = r_.input().facility(e.facility);
      out += E(e.facility) + (f && f->name ? " " + E(*f->name) : "");
    }
    const Attestation* a = e.attestation;
    if (!a) return out;
    if (!out.empty()) out += ": ";
    out += fmt::format(ja ? "{} まで ({}、{} 確認、{}) {}:{}:{}" : "until {} ({}, attested {}, {}) {}:{}:{}",
                       calendar::HumanDate(a->expires, lang_), E(AttesterLabel(a->attested_by, lang_)),
                       FormatDate(a->attested_on), E(r_.Screen(a->evidence)), E(a->file), a->line, a->column);
    return out;
  }

  /// Facility ids, at most kIdsShown unless --verbose ("F001、F002 ほか 14 事業所").
  std::string IdList(const std::vector<std::string>& ids) const {
    const bool ja = lang_ == Lang::Ja;
    const size_t shown = r_.context().verbose ? ids.size() : std::min(ids.size(), kIdsShown);
    std::vector<std::string> head(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(shown));
    std::string list = fmt::format("{}", fmt::join(head, ja ? "、" : ", "));
    if (shown < ids.size()) list += fmt::format(ja ? " ほか {} 事業所" : " and {} more", ids.size() - shown);
    return list;
  }

  /// "10 files: 10 findings, 0 not evaluated, 0 input errors, 0 input
  /// warnings; ..." (the first part is what scripts grep for).
  std::string SummaryLine() const {
    const Summary& s = r_.summary();
    const Triage* t = r_.triage();
    const bool check = r_.rules() != nullptr;
    if (lang_ == Lang::Ja) {
      std::string out = fmt::format("{} ファイル: ", s.files);
      if (check) out += fmt::format("指摘 {} 件、未評価 {} 件、", s.findings, s.not_evaluated);
      out += fmt::format("入力エラー {} 件、入力警告 {} 件", s.input_errors, s.input_warnings);
      if (check)
        out += fmt::format("。指摘の内訳: エラー {}、警告 {}、注記 {}。確認した条項 {} (ルール {})", s.errors, s.warnings,
                           s.notes, s.clauses_checked, s.rules);
      if (t && !t->waivers_file.empty()) out += fmt::format("。免除 {} 件", s.waived);
      if (t && t->has_baseline)
        out += fmt::format("。ベースラインとの比較: 新規 {}、解消 {}、継続 {}{}", s.new_findings, s.fixed, s.unchanged,
                           s.removed == 0 ? "" : fmt::format("、削除 {}", s.removed));
      if (!r_.manual().empty())
        out += fmt::format("。手動確認の条項: 確認済み {}、期限間近 {}、期限切れ {}、未確認 {}", s.attested, s.expiring,
                           s.expired, s.unattested);
      return Hang(0, out, 2);
    }
    auto n = [](size_t count, std::string_view word) { return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s"); };
    std::string out = n(s.files, "file") + ": ";
    if (check) out += fmt::format("{}, {} not evaluated, ", n(s.findings, "finding"), s.not_evaluated);
    out += n(s.input_errors, "input error") + ", " + n(s.input_warnings, "input warning");
    if (check)
      out += fmt::format(". Findings by severity: {}, {}, {}. {} checked ({})", n(s.errors, "error"),
                         n(s.warnings, "warning"), n(s.notes, "note"), n(s.clauses_checked, "clause"), n(s.rules, "rule"));
    if (t && !t->waivers_file.empty()) out += fmt::format(". Waived: {}", s.waived);
    if (t && t->has_baseline)
      out += fmt::format(". Against the baseline: {} new, {} fixed, {} unchanged{}", s.new_findings, s.fixed, s.unchanged,
                         s.removed == 0 ? "" : fmt::format(", {} removed", s.removed));
    if (!r_.manual().empty())
      out += fmt::format(". Manual clauses: {} attested, {} expiring, {} expired, {} missing", s.attested, s.expiring,
                         s.expired, s.unattested);
    return Hang(0, out, 2);
  }

  const Report& r_;
  Lang lang_;
  Paint paint_;
  size_t width_;
  std::string out_;
  static constexpr size_t kMinWidth = 40;
  static constexpr size_t kIdsShown = 5;
};

class TextReporter : public Reporter {
 public:
  std::string Render(const Report& report, const RenderOptions& options) const override {
    return TextReport(report, options).Render();
  }
};

}  // namespace

std::unique_ptr<Reporter> MakeTextReporter() { return std::make_unique<TextReporter>(); }

}  // namespace rurume
