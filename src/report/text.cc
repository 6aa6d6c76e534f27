// The text report, for people: against a baseline the difference first (new
// and fixed findings), then input diagnostics, the findings by clause (in the
// clause list's order) and subject, the waived findings with their waivers,
// the rules that could not be evaluated, and a summary line. Columns are
// aligned in display width (Japanese text takes two columns a character).
#include "load/scalars.h"
#include "report/formats.h"
#include "text/escape.h"
#include "text/width.h"

#include <fmt/format.h>

#include <algorithm>

namespace rurume {

namespace {

/// ANSI colours, or nothing.
class Paint {
 public:
  explicit Paint(bool on) : on_(on) {}
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
  TextReport(const Report& r, const RenderOptions& o) : r_(r), lang_(r.lang()), paint_(o.color) {}

  std::string Render() {
    if (r_.context().show_personal_info) Section(paint_.Severity(Level::Warning, PersonalInfoNotice(lang_)) + "\n");
    if (r_.summary().input_errors > 0)
      Section(paint_.Severity(Level::Error, IncompleteNotice(r_.summary().input_errors, lang_)) + "\n");
    Section(paint_.Bold(HeaderLine(r_)) + "\n" + FacilityLine());
    MeasureColumns();
    Section(Difference());
    Section(InputProblems());
    for (const ClauseResult& c : r_.clauses()) Section(ClauseBlock(c));
    Section(WaivedList());
    Section(NotEvaluatedList());
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
      out += DiagnosticLine(d, lang_, r_.Message(d));
      ++shown;
    }
    for (const auto& [d, count] : follow_on) {
      Diagnostic line = *d;
      line.file = d->cause_file;
      line.line = line.column = 0;
      out += DiagnosticLine(line, lang_, FollowOnSummary(d->cause_file, d->cause_line, count, lang_));
    }
    if (hidden) out += MoreProblemsSummary(hidden, lang_) + "\n";
    return out;
  }

  /// Appends a block, separated from the one before by a blank line.
  void Section(const std::string& block) {
    if (block.empty()) return;
    if (!out_.empty()) out_ += "\n";
    out_ += block;
  }

  void MeasureColumns() {
    for (const Finding& f : r_.audit().findings) {
      loc_width_ = std::max(loc_width_, DisplayWidth(Location(r_, f.subject.loc)));
      severity_width_ = std::max(severity_width_, DisplayWidth(SeverityLabel(f.rule->severity, lang_)));
    }
  }

  /// "file:line:column: severity  message [rule]", in aligned columns, then
  /// "(new)" against a baseline, or in the list of new findings "(waived)".
  std::string FindingLine(const Finding& f, bool in_new_list = false) const {
    Level level = f.rule->severity;
    std::string line = fmt::format("{} {}  {} {}", PadRight(Location(r_, f.subject.loc), loc_width_),
                                   paint_.Severity(level, PadRight(SeverityLabel(level, lang_), severity_width_)),
                                   E(r_.Message(f)), paint_.Dim("[" + E(f.rule->id) + "]"));
    std::string_view mark;
    if (in_new_list && r_.WaiverOf(f)) mark = lang_ == Lang::Ja ? "免除" : "waived";
    if (!in_new_list && r_.ChangeOf(f) == Change::New) mark = ChangeLabel(Change::New, lang_);
    if (!mark.empty()) line += " " + paint_.Bold(fmt::format("({})", mark));
    return line + "\n";
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
        if (!p.empty()) out += "    " + paint_.Severity(Level::Warning, PersonalLine(p, lang_)) + "\n";
        last = &f->subject;
      }
      out += "    " + FindingLine(*f) + after(*f);
    }
    return out;
  }

  /// A clause's findings that are not waived.
  std::string ClauseBlock(const ClauseResult& c) const {
    std::vector<const Finding*> open;
    for (const Finding* f : c.findings)
      if (!r_.WaiverOf(*f)) open.push_back(f);
    if (open.empty()) return {};
    return paint_.Bold(fmt::format("{} {} {}", E(c.clause->id), E(c.clause->source), E(c.clause->obligation))) + "\n" +
           BySubject(open, [](const Finding&) { return std::string(); });
  }

  /// The report's facility, at its top.
  std::string FacilityLine() const {
    const std::string& id = r_.context().facility;
    if (id.empty()) return {};
    const Facility* f = r_.facility();
    std::string name = f && f->name ? " " + E(*f->name) : "";
    return paint_.Bold(fmt::format(lang_ == Lang::Ja ? "事業所 {}{} の報告です (この事業所の指摘と未評価のみ)"
                                                     : "Report of facility {}{}: its findings and subjects not evaluated only",
                                   E(id), name)) +
           "\n";
  }

  /// Against a baseline: the counts, then the new findings and the fixed ones.
  std::string Difference() const {
    const Triage* t = r_.triage();
    if (!t || !t->has_baseline) return {};
    const Summary& s = r_.summary();
    const bool ja = lang_ == Lang::Ja;
    std::string as_of = t->baseline_as_of.empty() ? "" : fmt::format(ja ? " ({} 時点)" : " (as of {})", E(t->baseline_as_of));
    std::string out = paint_.Bold(fmt::format(ja ? "ベースライン {}{} との比較: 新規 {} 件、解消 {} 件、継続 {} 件"
                                                 : "Against the baseline {}{}: {} new, {} fixed, {} unchanged",
                                              E(t->baseline_file), as_of, s.new_findings, s.fixed, s.unchanged) +
                                  (s.removed == 0 ? std::string()
                                                  : fmt::format(ja ? "、削除 {} 件" : ", {} removed", s.removed))) +
                      "\n";
    if (s.input_errors > 0 && s.fixed > 0)
      out += ja ? "  入力エラーがあるため、読めなかったレコードの指摘が「解消」に入っているかもしれません\n"
                : "  there are input errors: findings of records that could not be read may be among the fixed\n";
    std::string added;
    for (const ClauseResult& c : r_.clauses())
      for (const Finding* f : c.findings)
        if (r_.ChangeOf(*f) == Change::New) added += "  " + FindingLine(*f, true);
    if (!added.empty())
      out += "\n" + paint_.Bold(fmt::format(ja ? "新規 ({} 件)" : "New ({})", s.new_findings)) + "\n" + added;
    auto gone = [&](const std::vector<FixedFinding>& list, std::string title) {
      if (list.empty()) return;
      out += "\n" + paint_.Bold(title) + "\n";
      for (const FixedFinding& f : list) {
        Level level = f.severity == "warning" ? Level::Warning : f.severity == "note" ? Level::Note : Level::Error;
        out += fmt::format("  {}  {} {}: {} {}\n", PadRight(SeverityLabel(level, lang_), severity_width_),
                           E(KindLabel(f.subject_kind, lang_)), E(f.subject_id), E(r_.Screen(f.message)),
                           paint_.Dim("[" + E(f.rule) + "]"));
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
             return fmt::format(ja ? "      免除: {} (承認 {}、{} まで、{}:{}:{})\n"
                                   : "      waived: {} (approved by {}, until {}, {}:{}:{})\n",
                                E(r_.Screen(w.justification)), E(r_.Screen(w.approved_by)), FormatDate(w.expires), E(w.file),
                                w.line, w.column);
           });
  }

  /// One line per rule and missing fields (or reason), with its subjects.
  std::string NotEvaluatedList() const {
    struct Line {
      const NotEvaluated* first;
      std::string what;
      std::vector<std::string> ids;
    };
    std::vector<Line> lines;
    const bool ja = lang_ == Lang::Ja;
    for (const NotEvaluated& n : r_.audit().not_evaluated) {
      std::string what = n.missing.empty() ? fmt::format("{}{}", ja ? "理由: " : "reason: ", E(r_.Reason(n)))
                                           : fmt::format("{}{}", ja ? "不足: " : "missing: ", E(fmt::format("{}", fmt::join(n.missing, ", "))));
      if (lines.empty() || lines.back().first->rule != n.rule || lines.back().what != what)
        lines.push_back(Line{&n, std::move(what), {}});
      lines.back().ids.push_back(E(n.subject.id));
    }
    if (lines.empty()) return {};
    size_t width = 0;
    for (const Line& l : lines) width = std::max(width, DisplayWidth(E(l.first->rule->id)));
    std::string out = paint_.Bold(fmt::format(ja ? "未評価 ({} 件)" : "Not evaluated ({})", r_.audit().not_evaluated.size())) + "\n";
    for (const Line& l : lines)
      out += fmt::format("  {}  {} {}  {}\n", PadRight(E(l.first->rule->id), width), KindLabel(l.first->subject.kind, lang_),
                         fmt::join(l.ids, ", "), l.what);
    return out;
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
      return out + "\n";
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
    return out + "\n";
  }

  const Report& r_;
  Lang lang_;
  Paint paint_;
  std::string out_;
  size_t loc_width_ = 0;
  size_t severity_width_ = 0;
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
