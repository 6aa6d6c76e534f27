// The text report, for people: input diagnostics first, then the findings
// by clause (in the clause list's order) and subject, the rules that could
// not be evaluated, and a summary line. Columns are aligned in display width
// (Japanese text takes two columns a character).
#include "load/scalars.h"
#include "report/formats.h"
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

std::string Location(const Report& r, const Loc& loc) {
  return fmt::format("{}:{}:{}:", r.FileOf(loc), loc.line, loc.column);
}

std::string PersonalLine(const PersonalInfo& p, Lang lang) {
  const bool ja = lang == Lang::Ja;
  std::string out;
  if (!p.patient_id.empty())
    out += fmt::format(ja ? "患者 {}: 氏名 {}、生年月日 {}" : "patient {}: name {}, born {}", p.patient_id,
                       p.name.value_or("-"), p.birth_date ? FormatDate(*p.birth_date) : "-");
  if (p.post_text) out += fmt::format("{}{}{}", out.empty() ? "" : "; ", ja ? "本文: " : "text: ", *p.post_text);
  return out;
}

class TextReport {
 public:
  TextReport(const Report& r, const RenderOptions& o) : r_(r), lang_(r.lang()), paint_(o.color) {}

  std::string Render() {
    if (r_.context().show_personal_info) Section(paint_.Severity(Level::Warning, PersonalInfoNotice(lang_)) + "\n");
    std::string diags;
    for (const Diagnostic& d : r_.diagnostics()) diags += DiagnosticLine(d, lang_, r_.Message(d));
    Section(diags);
    MeasureColumns();
    for (const ClauseResult& c : r_.clauses()) Section(ClauseBlock(c));
    Section(NotEvaluatedList());
    Section(SummaryLine());
    return out_;
  }

 private:
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

  std::string ClauseBlock(const ClauseResult& c) const {
    if (c.findings.empty()) return {};
    std::string out = paint_.Bold(fmt::format("{} {} {}", c.clause->id, c.clause->source, c.clause->obligation)) + "\n";
    const SubjectRef* last = nullptr;
    for (const Finding* f : c.findings) {
      if (!last || last->kind != f->subject.kind || last->id != f->subject.id) {
        out += fmt::format("  {} {}\n", KindLabel(f->subject.kind, lang_), f->subject.id);
        PersonalInfo p = r_.Personal(f->subject);
        if (!p.empty()) out += "    " + paint_.Severity(Level::Warning, PersonalLine(p, lang_)) + "\n";
        last = &f->subject;
      }
      Level level = f->rule->severity;
      out += fmt::format("    {} {}  {} {}\n", PadRight(Location(r_, f->subject.loc), loc_width_),
                         paint_.Severity(level, PadRight(SeverityLabel(level, lang_), severity_width_)),
                         r_.Message(*f), paint_.Dim("[" + f->rule->id + "]"));
    }
    return out;
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
      std::string what = n.missing.empty() ? fmt::format("{}{}", ja ? "理由: " : "reason: ", r_.Reason(n))
                                           : fmt::format("{}{}", ja ? "不足: " : "missing: ", fmt::join(n.missing, ", "));
      if (lines.empty() || lines.back().first->rule != n.rule || lines.back().what != what)
        lines.push_back(Line{&n, std::move(what), {}});
      lines.back().ids.push_back(n.subject.id);
    }
    if (lines.empty()) return {};
    size_t width = 0;
    for (const Line& l : lines) width = std::max(width, DisplayWidth(l.first->rule->id));
    std::string out = paint_.Bold(fmt::format(ja ? "未評価 ({} 件)" : "Not evaluated ({})", r_.audit().not_evaluated.size())) + "\n";
    for (const Line& l : lines)
      out += fmt::format("  {}  {} {}  {}\n", PadRight(l.first->rule->id, width), KindLabel(l.first->subject.kind, lang_),
                         fmt::join(l.ids, ", "), l.what);
    return out;
  }

  /// "10 files: 10 findings, 0 not evaluated, 0 input errors, 0 input
  /// warnings; ..." (the first part is what scripts grep for).
  std::string SummaryLine() const {
    const Summary& s = r_.summary();
    const bool check = r_.rules() != nullptr;
    if (lang_ == Lang::Ja) {
      std::string out = fmt::format("{} ファイル: ", s.files);
      if (check) out += fmt::format("指摘 {} 件、未評価 {} 件、", s.findings, s.not_evaluated);
      out += fmt::format("入力エラー {} 件、入力警告 {} 件", s.input_errors, s.input_warnings);
      if (check)
        out += fmt::format("。指摘の内訳: エラー {}、警告 {}、注記 {}。確認した条項 {} (ルール {})", s.errors, s.warnings,
                           s.notes, s.clauses_checked, s.rules);
      return out + "\n";
    }
    auto n = [](size_t count, std::string_view word) { return fmt::format("{} {}{}", count, word, count == 1 ? "" : "s"); };
    std::string out = n(s.files, "file") + ": ";
    if (check) out += fmt::format("{}, {} not evaluated, ", n(s.findings, "finding"), s.not_evaluated);
    out += n(s.input_errors, "input error") + ", " + n(s.input_warnings, "input warning");
    if (check)
      out += fmt::format(". Findings by severity: {}, {}, {}. {} checked ({})", n(s.errors, "error"),
                         n(s.warnings, "warning"), n(s.notes, "note"), n(s.clauses_checked, "clause"), n(s.rules, "rule"));
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
