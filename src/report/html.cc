// The HTML report, for the secretariat: one self-contained page (inline CSS,
// inline JavaScript, inline SVG; nothing fetched, which its Content Security
// Policy enforces) that opens from an e-mail. In the report's language: a
// title, a summary, bar charts of findings by clause and by facility (drawn
// here, so that they need no script), the findings in a table (new and
// waived ones marked), with a baseline the fixed findings, with waivers the
// waivers, the rules not evaluated and the input diagnostics. Printable: on
// paper the folded parts open and the colours stay apart in grey.
//
// Everything is readable without JavaScript. The script only adds sorting
// (a click on a column's header) and filtering (a text box; clause,
// severity and facility selects), keeps the view in the address's fragment
// (#sort=severity&order=desc&q=…&clause=…&severity=…&facility=…, read on
// load, so that a view can be shared), and records what it did on <body>
// (data-ready, data-findings, data-visible, ...) for tests.
//
// Every text is escaped, invalid UTF-8 and the characters HTML forbids are
// replaced with U+FFFD, and free text (messages, reasons, justifications) is
// screened for personal information as in the other formats. No wall clock:
// the same inputs give the same bytes.
#include "load/digest.h"

#include "text/utf8_decode.h"
#include "load/scalars.h"
#include "calendar/human.h"
#include "report/formats.h"
#include "report/html/assets.h"
#include "text/width.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

namespace rurume {

namespace {

// ---------------------------------------------------------------- text

/// Characters whose presence in the input stream HTML calls a parse error:
/// controls (but tab, line feed, form feed, carriage return) and noncharacters.
bool ForbiddenInHtml(uint32_t c) {
  if (c < 0x20) return c != 0x9 && c != 0xA && c != 0xC && c != 0xD;
  if (c >= 0x7F && c <= 0x9F) return true;
  return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

/// `text` as HTML text or an attribute value (double- or single-quoted):
/// the five special characters escaped, an invalid UTF-8 sequence and a
/// character HTML forbids replaced with U+FFFD.
std::string Esc(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (size_t i = 0; i < text.size();) {
    auto [c, n] = DecodeUtf8(text, i);
    if (n == 0 || ForbiddenInHtml(c)) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      i += n == 0 ? 1 : n;
      continue;
    }
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.append(text.substr(i, n));
    }
    i += n;
  }
  return out;
}

/// `text` cut to at most `width` display columns, with "…" when cut.
std::string Truncate(std::string_view text, size_t width) {
  if (DisplayWidth(text) <= width) return std::string(text);
  std::string out;
  size_t used = 0;
  for (size_t i = 0; i < text.size();) {
    auto [c, n] = DecodeUtf8(text, i);
    if (n == 0) n = 1;
    size_t w = DisplayWidth(text.substr(i, n));
    if (used + w + 1 > width) break;
    out.append(text.substr(i, n));
    used += w;
    i += n;
  }
  return out + "…";
}

/// `text` for a URL's fragment: every byte but letters, digits and "-._~"
/// as %XX (UTF-8), so that "&", "=" and "#" in an id stay in its value.
std::string PercentEncode(std::string_view text) {
  std::string out;
  for (char ch : text) {
    auto b = static_cast<unsigned char>(ch);
    if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '.' || b == '_' || b == '~')
      out += ch;
    else
      out += fmt::format("%{:02X}", b);
  }
  return out;
}

/// Base64 of the bytes a hex string spells (a SHA-256 for a CSP source).
std::string HexToBase64(std::string_view hex) {
  static constexpr char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  auto nibble = [](char h) { return static_cast<uint32_t>(h <= '9' ? h - '0' : h - 'a' + 10); };
  std::vector<uint32_t> bytes;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) bytes.push_back(nibble(hex[i]) << 4 | nibble(hex[i + 1]));
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t v = bytes[i] << 16 | (i + 1 < bytes.size() ? bytes[i + 1] << 8 : 0) | (i + 2 < bytes.size() ? bytes[i + 2] : 0);
    out += kDigits[v >> 18 & 63];
    out += kDigits[v >> 12 & 63];
    out += i + 1 < bytes.size() ? kDigits[v >> 6 & 63] : '=';
    out += i + 2 < bytes.size() ? kDigits[v & 63] : '=';
  }
  return out;
}

/// "1 file", "2 files".
std::string Plural(size_t n, std::string_view word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }

int SeverityRank(Level level) { return level == Level::Error ? 0 : level == Level::Warning ? 1 : 2; }

/// "error", "warning", "note" as recorded in a baseline; Error when unknown.
Level LevelFromName(std::string_view name) {
  return name == "warning" ? Level::Warning : name == "note" ? Level::Note : Level::Error;
}

// ---------------------------------------------------------------- charts

struct Bar {
  std::string label;                // shown, cut to fit the chart
  std::string full;                 // the whole label (tooltip, accessible name)
  std::string filter_name;          // "clause", "facility"
  std::string filter_value;         // "A6.4", "F001"
  std::array<size_t, 3> counts{};   // error, warning, note
  size_t total() const { return counts[0] + counts[1] + counts[2]; }
};

// ---------------------------------------------------------------- the page

class HtmlReport {
 public:
  explicit HtmlReport(const Report& r)
      : r_(r), ja_(r.lang() == Lang::Ja), triage_(r.triage()), check_(r.rules() != nullptr) {}

  std::string Render() {
    // The elements' text begins on a line of its own; the hashes of the
    // Content-Security-Policy cover exactly that text.
    std::string style = "\n" + std::string(HtmlStyle()), script = "\n" + std::string(HtmlScript());
    out_ += fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n", ja_ ? "ja" : "en");
    out_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    // Nothing but this page's own style and script: no fetch, no image, no
    // font, no frame, and no injected script would run.
    out_ += fmt::format(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-{}'; "
        "script-src 'sha256-{}'; base-uri 'none'; form-action 'none'\">\n",
        HexToBase64(Sha256Hex(style)), HexToBase64(Sha256Hex(script)));
    out_ += "<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"robots\" content=\"noindex\">\n";
    out_ += fmt::format("<meta name=\"generator\" content=\"rurume-audit {}\">\n", RURUME_VERSION);
    out_ += fmt::format("<title>{}</title>\n", Esc(Title(true)));
    out_ += "<style>" + style + "</style>\n</head>\n";
    out_ += "<body data-ready=\"0\">\n";
    out_ += fmt::format("<a class=\"skip\" href=\"#{}\">{}</a>\n", check_ ? "findings" : "diagnostics",
                        W("本文へ移動", "Skip to the findings"));
    Header();
    out_ += "<main class=\"wrap\">\n";
    if (check_) TodaySection();
    SummarySection();
    if (check_) {
      Charts();
      FindingsSection();
      if (HasBaseline()) FixedSection();
      if (HasBaseline()) RemovedSection();
      if (HasWaivers()) WaiversSection();
      NotEvaluatedSection();
      if (r_.context().manual) ManualSection();
    }
    DiagnosticsSection();
    out_ += "</main>\n";
    Footer();
    out_ += "<script>" + script + "</script>\n</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  std::string_view W(std::string_view ja, std::string_view en) const { return ja_ ? ja : en; }

  /// A list section's start: the section and its heading with the count.
  void OpenListSection(std::string_view id, std::string_view title, size_t count) {
    out_ += fmt::format("<section class=\"panel\" id=\"{0}\" aria-labelledby=\"{0}-h\">\n", id);
    out_ += fmt::format("<h2 id=\"{}-h\">{}<span class=\"count\">{}</span></h2>\n", id, title,
                        fmt::format(ja_ ? "{} 件" : "{}", count));
  }

  /// The end of a list section with nothing to list.
  void CloseEmptySection() { out_ += fmt::format("<p class=\"empty\">{}</p>\n</section>\n", W("ありません。", "None.")); }

  /// A list section's table, up to its body: `section`-table, labelled by the section's heading.
  void OpenTable(std::string_view section, std::initializer_list<std::string_view> headers) {
    out_ += fmt::format("<div class=\"table-wrap\">\n<table id=\"{0}-table\" class=\"cards-narrow\" aria-labelledby=\"{0}-h\">\n<thead><tr>",
                        section);
    for (std::string_view h : headers) out_ += fmt::format("<th scope=\"col\">{}</th>", h);
    out_ += "</tr></thead>\n<tbody>\n";
  }

  void CloseTable() { out_ += "</tbody>\n</table>\n</div>\n</section>\n"; }

  // ------------------------------------------------------------ context

  std::string NetworkName() const {
    const Export& ex = r_.input();
    if (ex.network && ex.network->name && !ex.network->name->empty()) return *ex.network->name;
    return std::string(W("るるめネット", "Rurume Net"));
  }

  std::string Title(bool with_date) const {
    std::string what = check_ ? std::string(W("監査レポート", "audit report"))
                              : std::string(W("入力検証レポート", "input validation report"));
    std::string title = NetworkName() + " " + what;
    if (!r_.context().facility.empty()) title += " — " + FacilityLabel(r_.context().facility);
    if (with_date && r_.context().as_of)
      title += fmt::format(ja_ ? " (基準日 {})" : " (as of {})", FormatDate(*r_.context().as_of));
    return title;
  }

  std::string FacilityLabel(std::string_view id) const {
    if (id.empty()) return std::string(W("事業所なし", "no facility"));
    const Facility* f = r_.input().facility(std::string(id));
    return f && f->name && !f->name->empty() ? fmt::format("{} {}", id, *f->name) : std::string(id);
  }

  /// "file:line:column", escaped, breakable after each "/" of the file.
  std::string Location(const Loc& loc) const {
    const std::string& file = r_.FileOf(loc);
    if (file.empty()) return "-";
    return BreakablePath(loc.line == 0 ? file : fmt::format("{}:{}:{}", file, loc.line, loc.column));
  }

  /// A path, escaped, with a line break allowed after each "/".
  static std::string BreakablePath(std::string_view path) {
    std::string out;
    for (size_t at = 0; at < path.size();) {
      size_t slash = path.find('/', at);
      size_t end = slash == std::string_view::npos ? path.size() : slash + 1;
      out += Esc(path.substr(at, end - at));
      if (end < path.size() && slash != std::string_view::npos) out += "<wbr>";
      at = end;
    }
    return out;
  }

  /// The order of a finding's location: file read order, line, column.
  static std::string LocationKey(const Loc& loc) {
    return fmt::format("{:05}.{:09}.{:06}", loc.file, loc.line, loc.column);
  }

  std::string SubjectLabel(const SubjectRef& s) const { return fmt::format("{} {}", KindLabel(s.kind, r_.lang()), s.id); }

  bool HasBaseline() const { return triage_ && triage_->has_baseline; }
  /// Whether waivers were given (a file, though it may waive nothing).
  bool HasWaivers() const { return triage_ && (!triage_->waivers_file.empty() || !triage_->waivers.empty()); }

  /// The order of clauses in the clause list, for sorting.
  size_t ClauseOrder(std::string_view clause) const {
    const auto& all = r_.clauses();
    for (size_t i = 0; i < all.size(); ++i)
      if (all[i].clause->id == clause) return i;
    return all.size();
  }
  /// The order of facilities in the export, no facility last.
  size_t FacilityOrder(std::string_view id) const {
    const auto& all = r_.input().facilities;
    for (size_t i = 0; i < all.size(); ++i)
      if (all[i].id == id) return i;
    return all.size() + (id.empty() ? 1 : 0);
  }

  const Clause* ClauseOf(std::string_view id) const {
    for (const ClauseResult& c : r_.clauses())
      if (c.clause->id == id) return c.clause;
    return nullptr;
  }
  std::string ClauseLine(const Clause& c) const { return fmt::format("{} {}", c.Source(r_.lang()), c.Obligation(r_.lang())); }

  // ------------------------------------------------------------ header and summary

  void Header() {
    const ReportContext& c = r_.context();
    out_ += "<header class=\"top\">\n<div class=\"wrap\">\n";
    out_ += "<p class=\"eyebrow\">rurume-audit</p>\n";
    out_ += fmt::format("<h1>{}</h1>\n", Esc(Title(false)));
    out_ += "<dl class=\"meta\">\n";
    auto item = [this](std::string_view term, const std::string& value) {
      out_ += fmt::format("<div><dt>{}</dt><dd>{}</dd></div>\n", term, value);
    };
    if (c.as_of) item(W("基準日", "As of"), Esc(calendar::HumanDate(*c.as_of, r_.lang())));
    if (r_.input().exported_at) item(W("エクスポート日時", "Exported at"),
           Esc(HumanTime(*r_.input().exported_at, r_.lang())));
    // A few inputs by name; more by their number (all of them below).
    const auto& files = r_.input().files;
    if (!files.empty() && files.size() <= 3) {
      std::vector<std::string> names;
      for (const SourceFile& f : files) names.push_back("<code>" + BreakablePath(f.path) + "</code>");
      item(W("入力", "Inputs"), fmt::format("{}", fmt::join(names, ja_ ? "、" : ", ")));
    } else {
      item(W("入力", "Inputs"), ja_ ? fmt::format("{} ファイル", files.size()) : Plural(files.size(), "file"));
    }
    if (r_.rules())
      item(W("ルール", "Rules"), fmt::format(ja_ ? "{} 件 (条項 {})" : "{} ({} clauses)", r_.summary().rules,
                                           r_.summary().clauses_checked));
    if (HasBaseline()) {
      std::string about;
      if (!triage_->baseline_as_of.empty())
        about = ja_ ? fmt::format(" (基準日 {}、指摘 {} 件)", Esc(triage_->baseline_as_of), triage_->baseline_findings)
                    : fmt::format(" (as of {}, {})", Esc(triage_->baseline_as_of), Plural(triage_->baseline_findings, "finding"));
      item(W("ベースライン", "Baseline"), "<code>" + BreakablePath(triage_->baseline_file) + "</code>" + about);
    }
    if (HasWaivers() && !triage_->waivers_file.empty())
      item(W("免除の設定", "Waivers"), "<code>" + BreakablePath(triage_->waivers_file) + "</code>");
    out_ += "</dl>\n";
    if (!r_.input().files.empty()) {
      out_ += fmt::format("<details class=\"inputs\"><summary>{}</summary>\n", W("入力ファイルの一覧", "Input files"));
      out_ += fmt::format("<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">SHA-256</th></tr></thead><tbody>\n",
                          W("ファイル", "File"), W("サイズ (バイト)", "Size (bytes)"));
      for (const SourceFile& f : r_.input().files)
        out_ += fmt::format("<tr><td><code>{}</code></td><td>{}</td><td><code>{}</code></td></tr>\n", Esc(f.path),
                            f.size, Esc(f.sha256));
      out_ += "</tbody></table></details>\n";
    }
    if (c.show_personal_info) out_ += fmt::format("<p class=\"notice\" role=\"alert\">{}</p>\n", Esc(PersonalInfoNotice(r_.lang())));
    out_ += "</div>\n</header>\n";
  }

  /// A count, linked to its section when there is one.
  void Card(std::string_view id, std::string_view cls, size_t n, std::string_view label, std::string_view href) {
    std::string klass = fmt::format("card {}{}", cls, n == 0 ? " zero" : "");
    std::string inner = fmt::format("<span class=\"n\" id=\"count-{}\">{}</span><span class=\"k\">{}</span>", id, n, label);
    if (!href.empty() && n > 0)
      out_ += fmt::format("<li><a class=\"{}\" href=\"#{}\">{}</a></li>\n", klass, href, inner);
    else
      out_ += fmt::format("<li><div class=\"{}\">{}</div></li>\n", klass, inner);
  }

  /// Opens a list of cards under a small heading.
  void CardGroup(std::string_view id, std::string_view heading) {
    out_ += fmt::format("<h3 class=\"group\" id=\"cards-{}\">{}</h3>\n<ul class=\"cards\" aria-labelledby=\"cards-{}\">\n", id,
                        heading, id);
  }

  void SummarySection() {
    const Summary& s = r_.summary();
    out_ += "<section class=\"panel\" id=\"summary\" aria-labelledby=\"summary-h\">\n";
    out_ += fmt::format("<h2 id=\"summary-h\">{}</h2>\n", W("概要", "Summary"));
    // What to make of it, in one line.
    if (s.input_errors > 0)
      out_ += fmt::format("<p class=\"banner bad\">{}</p>\n", Esc(IncompleteNotice(s.input_errors, r_.lang())));
    else if (check_ && s.findings == 0 && s.not_evaluated == 0)
      out_ += fmt::format("<p class=\"banner good\">{}</p>\n", W("指摘はありません。", "No findings."));
    else if (check_ && s.errors > 0)
      out_ += fmt::format("<p class=\"banner attention\">{}</p>\n",
                          ja_ ? fmt::format("対応が必要な指摘 (エラー) が {} 件あります。", s.errors)
                              : fmt::format("{} of severity error need{} action.", Plural(s.errors, "finding"),
                                            s.errors == 1 ? "s" : ""));
    if (HasBaseline()) {
      CardGroup("baseline", W("ベースライン (前回の結果) との比較", "Against the baseline (an earlier run)"));
      Card("new", "new", s.new_findings, W("新規", "new"), "findings");
      Card("fixed", "fixed", s.fixed, W("解消", "fixed"), "fixed");
      if (s.removed > 0) Card("removed", "error", s.removed, W("削除", "removed"), "removed");
      out_ += "</ul>\n";
    }
    if (check_) {
      CardGroup("findings", W("指摘の件数 (重大度別)", "Findings by severity"));
      Card("error", "error", s.errors, SeverityLabel(Level::Error, r_.lang()), "findings");
      Card("warning", "warning", s.warnings, SeverityLabel(Level::Warning, r_.lang()), "findings");
      Card("note", "note", s.notes, SeverityLabel(Level::Note, r_.lang()), "findings");
      if (HasWaivers()) {
        Card("waived", "waived", s.waived, W("免除 (指摘に含む)", "waived (counted above)"), "waivers");
      }
      Card("not-evaluated", "other", s.not_evaluated, W("未評価", "not evaluated"), "not-evaluated");
      out_ += "</ul>\n";
    }
    CardGroup("inputs", W("入力データの問題", "Problems in the input"));
    Card("input-error", "error", s.input_errors, W("入力エラー", "input errors"), "diagnostics");
    Card("input-warning", "warning", s.input_warnings, W("入力警告", "input warnings"), "diagnostics");
    out_ += "</ul>\n";
    if (check_)
      out_ += fmt::format("<p class=\"scope\">{}</p>\n",
                          ja_ ? fmt::format("指摘 {} 件。{} ファイルを {} の条項 ({} ルール) で確認し、{} 件の確認が合格しました。",
                                            s.findings, s.files, s.clauses_checked, s.rules, s.passed)
                              : fmt::format("{}. {} checked against {} ({}); {} passed.", Plural(s.findings, "finding"),
                                            Plural(s.files, "file"), Plural(s.clauses_checked, "clause"),
                                            Plural(s.rules, "rule"), Plural(s.passed, "check")));
    out_ += "</section>\n";
  }

  // ------------------------------------------------------------ charts

  /// A horizontal bar chart, each bar stacked by severity and linked to the
  /// table filtered by it; a list of links with labels for assistive
  /// technology. Two drawings: labels beside the bars, and (for narrow
  /// screens, chosen by CSS) labels above them.
  std::string BarChart(std::string_view id, std::string_view caption, const std::vector<Bar>& bars) const {
    std::string out = fmt::format("<figure class=\"chart\" id=\"{}\">\n<figcaption id=\"{}-cap\">{}</figcaption>\n", id, id, caption);
    if (bars.empty()) return out + fmt::format("<p class=\"empty\">{}</p>\n</figure>\n", W("指摘はありません。", "No findings."));
    out += ChartSvg(id, bars, false) + ChartSvg(id, bars, true);
    return out + "</figure>\n";
  }

  std::string ChartSvg(std::string_view id, const std::vector<Bar>& bars, bool narrow) const {
    // In viewBox units, which are CSS pixels at the chart's widest.
    const int width = narrow ? 360 : 580;
    const int label = narrow ? 0 : 256;      // the label column
    const int row = narrow ? 44 : 28;
    const int bar_top = narrow ? 22 : 5;     // within the row
    const int bar = narrow ? 16 : 18;
    const size_t label_columns = narrow ? 50 : 32;
    const int plot = width - label - 40;     // 40: the count after the bar
    constexpr int kTop = 4;
    static const char* const kFill[] = {"#b3261e", "#f2b01e", "#ffffff"};
    static const char* const kStroke[] = {"#b3261e", "#b07c00", "#1d5fa8"};
    size_t max = 1;
    for (const Bar& b : bars) max = std::max(max, b.total());
    const int height = kTop * 2 + row * static_cast<int>(bars.size());
    std::string out = fmt::format(
        "<svg class=\"{}\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"list\" aria-labelledby=\"{}-cap\">\n",
        narrow ? "narrow" : "wide", width, height, width, height, id);
    for (size_t i = 0; i < bars.size(); ++i) {
      const Bar& b = bars[i];
      const int y = kTop + row * static_cast<int>(i);
      std::string spoken = fmt::format(ja_ ? "{}: {} 件" : "{}: {}", b.full, b.total());
      std::vector<std::string> parts;
      for (size_t k = 0; k < 3; ++k)
        if (b.counts[k] > 0)
          parts.push_back(fmt::format("{} {}", SeverityLabel(static_cast<Level>(k), r_.lang()), b.counts[k]));
      spoken += fmt::format(" ({})", fmt::join(parts, ja_ ? "、" : ", "));
      out += fmt::format("<g role=\"listitem\"><a href=\"#{}={}\" data-filter=\"{}\" data-value=\"{}\" aria-label=\"{}\">",
                         b.filter_name, PercentEncode(b.filter_value), b.filter_name, Esc(b.filter_value), Esc(spoken));
      out += fmt::format("<title>{}</title>", Esc(spoken));
      out += fmt::format("<rect class=\"hit\" x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"transparent\"/>", y, width, row);
      if (narrow)
        out += fmt::format("<text class=\"lbl\" x=\"0\" y=\"{}\" dominant-baseline=\"central\">{}</text>", y + 10,
                           Esc(Truncate(b.label, label_columns)));
      else
        out += fmt::format("<text class=\"lbl\" x=\"{}\" y=\"{}\" text-anchor=\"end\" dominant-baseline=\"central\">{}</text>",
                           label - 10, y + row / 2, Esc(Truncate(b.label, label_columns)));
      int x = label;
      for (size_t k = 0; k < 3; ++k) {
        if (b.counts[k] == 0) continue;
        int w = std::max(3, static_cast<int>(static_cast<double>(b.counts[k]) * plot / static_cast<double>(max) + 0.5));
        // Inset by half the stroke, so that outlined (note) bars keep their width.
        out += fmt::format("<rect x=\"{}.5\" y=\"{}.5\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1\"/>",
                           x, y + bar_top, std::max(1, w - 1), bar - 1, kFill[k], kStroke[k]);
        x += w;
      }
      out += fmt::format("<text class=\"num\" x=\"{}\" y=\"{}\" dominant-baseline=\"central\">{}</text>", x + 8,
                         y + bar_top + bar / 2, b.total());
      out += "</a></g>\n";
    }
    return out + "</svg>\n";
  }

  void Charts() {
    if (r_.audit().findings.empty()) return;
    std::vector<Bar> by_clause;
    for (const ClauseResult& c : r_.clauses()) {
      if (c.findings.empty()) continue;
      Bar b;
      std::string words = fmt::format("{} {}", c.clause->id, c.clause->Obligation(r_.lang()));
      b.label = words;
      b.full = fmt::format("{} {}", c.clause->id, ClauseLine(*c.clause));
      b.filter_name = "clause";
      b.filter_value = c.clause->id;
      for (const Finding* f : c.findings) ++b.counts[static_cast<size_t>(f->rule->severity)];
      by_clause.push_back(std::move(b));
    }
    // Facilities with the most findings first; then in the export's order.
    std::map<std::string_view, Bar> facilities;
    for (const Finding& f : r_.audit().findings) {
      Bar& b = facilities[f.subject.facility];
      ++b.counts[static_cast<size_t>(f.rule->severity)];
    }
    std::vector<std::pair<std::string_view, Bar>> ordered(facilities.begin(), facilities.end());
    std::stable_sort(ordered.begin(), ordered.end(), [&](const auto& a, const auto& b) {
      if (a.second.total() != b.second.total()) return a.second.total() > b.second.total();
      return FacilityOrder(a.first) < FacilityOrder(b.first);
    });
    std::vector<Bar> by_facility;
    for (auto& [id, bar] : ordered) {
      bar.full = FacilityLabel(id);
      bar.label = bar.full;
      bar.filter_name = "facility";
      bar.filter_value = id.empty() ? std::string("-") : std::string(id);
      by_facility.push_back(std::move(bar));
    }
    out_ += "<section class=\"panel\" id=\"charts\" aria-labelledby=\"charts-h\">\n";
    out_ += fmt::format("<h2 id=\"charts-h\">{}</h2>\n<div class=\"charts\">\n", W("指摘の内訳", "Findings at a glance"));
    out_ += BarChart("chart-clause", W("条項別の指摘件数", "Findings by clause"), by_clause);
    // (A facility's own report has one bar: no chart.)
    if (r_.context().facility.empty())
      out_ += BarChart("chart-facility", W("事業所別の指摘件数", "Findings by facility"), by_facility);
    out_ += "</div>\n<ul class=\"legend\">";
    for (Level l : {Level::Error, Level::Warning, Level::Note})
      out_ += fmt::format("<li class=\"{}\">{}</li>", LevelName(l), SeverityLabel(l, r_.lang()));
    out_ += fmt::format("<li class=\"hint\" id=\"chart-hint\" hidden>{}</li></ul>\n</section>\n",
                        W("棒を選ぶと、その指摘だけを下の表に表示します。", "Choose a bar to show only its findings in the table below."));
  }

  // ------------------------------------------------------------ findings

  std::string SeverityBadge(Level level) const {
    return fmt::format("<span class=\"badge {}\">{}</span>", LevelName(level), SeverityLabel(level, r_.lang()));
  }

  std::string PersonalLine(const PersonalInfo& p) const {
    std::string out;
    if (!p.patient_id.empty())
      out += fmt::format(ja_ ? "患者 {}: 氏名 {}、生年月日 {}" : "patient {}: name {}, born {}", p.patient_id,
                         p.name.value_or("-"), p.birth_date ? FormatDate(*p.birth_date) : "-");
    if (p.post_text) out += fmt::format("{}{}{}", out.empty() ? "" : "; ", ja_ ? "本文: " : "text: ", *p.post_text);
    return out;
  }

  std::string WaiverText(const Waiver& w) const {
    return fmt::format(ja_ ? "{} (承認 {}、{} まで)" : "{} (approved by {}, until {})", r_.Screen(w.justification),
                       w.approved_by, FormatDate(w.expires));
  }

  /// A select of the table's rows by one of their data attributes.
  void Select(std::string_view name, std::string_view label, const std::vector<std::pair<std::string, std::string>>& options) {
    out_ += fmt::format("<label for=\"filter-{}\">{}<select id=\"filter-{}\"><option value=\"\">{}</option>", name, label,
                        name, W("すべて", "All"));
    for (const auto& [value, text] : options)
      out_ += fmt::format("<option value=\"{}\">{}</option>", Esc(value), Esc(text));
    out_ += "</select></label>\n";
  }

  /// 今日やること: the errors to act on by facility (new ones against a
  /// baseline), then the findings past their deadline; waived ones are not
  /// listed.
  void TodaySection() {
    const auto& findings = r_.audit().findings;
    const bool baseline = HasBaseline();
    std::map<std::string_view, size_t> errors;
    std::vector<const Finding*> overdue;
    for (const Finding& f : findings) {
      if (r_.WaiverOf(f)) continue;
      if (f.rule->severity == Level::Error && (!baseline || r_.ChangeOf(f) == Change::New)) ++errors[f.subject.facility];
      if (f.overdue) overdue.push_back(&f);
    }
    out_ += "<section class=\"panel today\" id=\"today\" aria-labelledby=\"today-h\">\n";
    out_ += fmt::format("<h2 id=\"today-h\">{}</h2>\n", W("今日やること", "What to do today"));
    if (errors.empty() && overdue.empty()) {
      out_ += fmt::format("<p class=\"empty\">{}</p>\n",
                          baseline ? W("新しいエラーも、期限を過ぎた指摘もありません。", "No new errors and nothing past its deadline.")
                                   : W("エラーも、期限を過ぎた指摘もありません。", "No errors and nothing past its deadline."));
      TodayManual();
      out_ += "</section>\n";
      return;
    }
    if (!errors.empty()) {
      std::vector<std::pair<std::string_view, size_t>> in_order(errors.begin(), errors.end());
      std::stable_sort(in_order.begin(), in_order.end(),
                       [this](const auto& a, const auto& b) { return FacilityOrder(a.first) < FacilityOrder(b.first); });
      out_ += fmt::format("<h3>{}</h3>\n<ul class=\"today-list\">\n",
                          baseline ? W("新しいエラー (事業所ごと)", "New errors, by facility") : W("エラー (事業所ごと)", "Errors, by facility"));
      for (const auto& [id, n] : in_order)
        out_ += fmt::format("<li><a href=\"#facility={}&amp;severity=error{}\">{}</a>: {}</li>\n",
                            PercentEncode(id.empty() ? "-" : id), baseline ? "&amp;change=new" : "", Esc(FacilityLabel(id)),
                            fmt::format(ja_ ? "{} 件" : "{}", n));
      out_ += "</ul>\n";
    }
    if (!overdue.empty()) {
      out_ += fmt::format("<h3>{}<span class=\"count\">{}</span></h3>\n<ul class=\"today-list\">\n",
                          W("期限を過ぎた指摘", "Past their deadline"), fmt::format(ja_ ? "{} 件" : "{}", overdue.size()));
      for (const Finding* f : overdue)
        out_ += fmt::format("<li><a href=\"#f-{}\">{}</a> {} <span class=\"sub\">{} {}{}{}</span></li>\n",
                            Fingerprint(f->rule->id, f->subject.kind, f->subject.id).substr(0, 16),
                            Esc(SubjectLabel(f->subject)), Esc(f->rule->title.in(r_.lang())), W("期限", "deadline"),
                            Esc(f->deadline_text), W("、", ", "), Esc(ResponsibleParty(*f, r_.lang())));
      out_ += "</ul>\n";
    }
    TodayManual();
    out_ += "</section>\n";
  }

  /// 今日やること's line for the manual clauses, with --attestations: how
  /// many are expired, expiring and missing, linking to their section.
  void TodayManual() {
    const Summary& s = r_.summary();
    if (r_.AttestationsFile().empty() || s.expired + s.expiring + s.unattested == 0) return;
    out_ += fmt::format("<h3>{}</h3>\n<p class=\"today-manual\"><a href=\"#manual\">{}</a></p>\n",
                        W("手動で確認する条項", "Manual clauses"),
                        fmt::format(ja_ ? "期限切れ {} 件、期限間近 {} 件、未確認 {} 件: 確認して確認記録を更新してください"
                                        : "{} expired, {} expiring, {} missing: confirm them and update the attestations",
                                    s.expired, s.expiring, s.unattested));
  }

  void FindingsSection() {
    const auto& findings = r_.audit().findings;
    const bool marks = triage_ != nullptr;
    out_ += "<section class=\"panel\" id=\"findings\" aria-labelledby=\"findings-h\">\n";
    out_ += fmt::format("<h2 id=\"findings-h\">{}<span class=\"count\">{}</span></h2>\n", W("指摘", "Findings"),
                        fmt::format(ja_ ? "{} 件" : "{}", findings.size()));
    if (findings.empty()) {
      out_ += fmt::format("<p class=\"empty\">{}</p>\n</section>\n", W("指摘はありません。", "No findings."));
      return;
    }
    // The controls: useless without the script, which shows them.
    std::vector<std::pair<std::string, std::string>> clauses, severities, facilities;
    for (const ClauseResult& c : r_.clauses())
      if (!c.findings.empty())
        clauses.emplace_back(c.clause->id, fmt::format("{} {} ({})", c.clause->id, c.clause->Obligation(r_.lang()), c.findings.size()));
    const Summary& s = r_.summary();
    const size_t by_level[] = {s.errors, s.warnings, s.notes};
    for (Level l : {Level::Error, Level::Warning, Level::Note})
      if (by_level[SeverityRank(l)] > 0)
        severities.emplace_back(LevelName(l), fmt::format("{} ({})", SeverityLabel(l, r_.lang()), by_level[SeverityRank(l)]));
    std::map<std::string_view, size_t> per_facility;
    for (const Finding& f : findings) ++per_facility[f.subject.facility];
    std::vector<std::pair<std::string_view, size_t>> in_order(per_facility.begin(), per_facility.end());
    std::stable_sort(in_order.begin(), in_order.end(),
                     [this](const auto& a, const auto& b) { return FacilityOrder(a.first) < FacilityOrder(b.first); });
    for (const auto& [id, n] : in_order)
      facilities.emplace_back(id.empty() ? "-" : std::string(id), fmt::format("{} ({})", FacilityLabel(id), n));
    out_ += fmt::format("<div class=\"controls\" id=\"controls\" role=\"search\" aria-label=\"{}\" hidden>\n",
                        W("指摘の絞り込み", "Filter the findings"));
    out_ += fmt::format("<label for=\"filter-q\">{}<input id=\"filter-q\" type=\"search\" placeholder=\"{}\" autocomplete=\"off\"></label>\n",
                        W("キーワード", "Search"), W("例: DV0048、パスワード", "e.g. DV0048, password"));
    Select("clause", W("条項", "Clause"), clauses);
    Select("severity", W("重大度", "Severity"), severities);
    Select("facility", W("事業所", "Facility"), facilities);
    if (marks && r_.summary().new_findings > 0)
      Select("change", W("新規", "New"), {{"new", fmt::format(ja_ ? "新規のみ ({})" : "new only ({})", r_.summary().new_findings)}});
    out_ += fmt::format("<button type=\"button\" id=\"filter-reset\">{}</button>\n", W("条件をクリア", "Clear"));
    out_ += fmt::format("<p class=\"status\" id=\"filter-status\" role=\"status\" data-template=\"{}\"></p>\n",
                        W("{total} 件中 {shown} 件を表示", "Showing {shown} of {total}"));
    out_ += "</div>\n";

    std::string_view sort_title = W("クリックで並べ替え", "Click to sort");
    auto head = [&](std::string_view col, std::string_view label, bool keyed) {
      return fmt::format("<th scope=\"col\" data-col=\"{}\"{} data-sort-title=\"{}\">{}</th>", col,
                         keyed ? " data-keyed=\"1\"" : "", sort_title, label);
    };
    out_ += "<div class=\"table-wrap\">\n<table id=\"findings-table\" class=\"cards-narrow\" aria-labelledby=\"findings-h\">\n<thead><tr>";
    out_ += head("clause", W("条項", "Clause"), true);
    out_ += head("rule", W("ルール", "Rule"), false);
    out_ += head("severity", W("重大度", "Severity"), true);
    if (marks) out_ += head("status", W("状態", "Status"), true);
    out_ += head("subject", W("対象", "Subject"), false);
    out_ += head("facility", W("事業所", "Facility"), false);
    out_ += head("location", W("場所", "Location"), true);
    out_ += head("message", W("内容と対処", "Message and what to do"), false);
    out_ += head("deadline", W("期限", "Deadline"), true);
    out_ += head("actor", W("対応する人", "Who acts"), false);
    out_ += "</tr></thead>\n<tbody>\n";
    // New findings first (against a baseline), then the rest, each in clause order.
    std::vector<std::pair<const ClauseResult*, const Finding*>> rows;
    for (int pass = 0; pass < 2; ++pass)
      for (const ClauseResult& c : r_.clauses())
        for (const Finding* f : c.findings)
          if ((r_.ChangeOf(*f) == Change::New) == (pass == 0)) rows.emplace_back(&c, f);
    size_t row = 0;
    for (const auto& [cp, f] : rows) {
      const ClauseResult& c = *cp;
      {
        const Rule& rule = *f->rule;
        const Waiver* waiver = r_.WaiverOf(*f);
        const Change change = r_.ChangeOf(*f);
        std::string fingerprint = Fingerprint(rule.id, f->subject.kind, f->subject.id);
        std::string facility = f->subject.facility.empty() ? "-" : std::string(f->subject.facility);
        out_ += fmt::format(
            "<tr id=\"f-{}\" class=\"{}{}\" data-i=\"{}\" data-clause=\"{}\" data-severity=\"{}\" data-facility=\"{}\" "
            "data-fingerprint=\"{}\"{}{}>\n",
            fingerprint.substr(0, 16), LevelName(rule.severity), waiver ? " waived" : "", row++, Esc(c.clause->id),
            LevelName(rule.severity), Esc(facility), fingerprint, change == Change::New ? " data-change=\"new\"" : "",
            waiver ? " data-waived=\"1\"" : "");
        out_ += fmt::format("<td class=\"clause\" data-label=\"{}\" data-key=\"{:05}\">{}<span class=\"sub\">{}</span></td>\n",
                            W("条項", "Clause"), ClauseOrder(c.clause->id), Esc(c.clause->id), Esc(ClauseLine(*c.clause)));
        out_ += fmt::format("<td class=\"rule\" data-label=\"{}\"><code>{}</code></td>\n", W("ルール", "Rule"), Esc(rule.id));
        out_ += fmt::format("<td class=\"sev\" data-label=\"{}\" data-key=\"{}\">{}</td>\n", W("重大度", "Severity"),
                            SeverityRank(rule.severity), SeverityBadge(rule.severity));
        if (marks) {
          std::string cell;
          if (change == Change::New) cell += fmt::format("<span class=\"mark new\">{}</span>", Esc(ChangeLabel(change, r_.lang())));
          if (waiver)
            cell += fmt::format("<span class=\"mark waived\">{}</span><span class=\"sub\">{}</span>", W("免除", "waived"),
                                Esc(WaiverText(*waiver)));
          // New first, then the rest; waived last.
          int key = change == Change::New ? 0 : 1;
          if (waiver) key += 2;
          out_ += fmt::format("<td data-label=\"{}\" data-key=\"{}\">{}</td>\n", W("状態", "Status"), key, cell);
        }
        std::string subject = Esc(SubjectLabel(f->subject));
        PersonalInfo p = r_.Personal(f->subject);
        if (!p.empty()) subject += fmt::format("<span class=\"personal\">{}</span>", Esc(PersonalLine(p)));
        out_ += fmt::format("<td class=\"subject\" data-label=\"{}\">{}</td>\n", W("対象", "Subject"), subject);
        out_ += fmt::format("<td data-label=\"{}\">{}</td>\n", W("事業所", "Facility"), Esc(FacilityLabel(f->subject.facility)));
        out_ += fmt::format("<td data-label=\"{}\" data-key=\"{}\"><code>{}</code></td>\n", W("場所", "Location"),
                            LocationKey(f->subject.loc), Location(f->subject.loc));
        out_ += fmt::format("<td class=\"msg\" data-label=\"{}\">{}", W("内容と対処", "Message and what to do"),
                            Esc(r_.Message(*f)));
        // What to do, in the row; how the export records it, smaller.
        out_ += fmt::format("<p class=\"fix\"><strong>{}</strong>{}</p>", W("対処: ", "What to do: "),
                            Esc(rule.remediation.in(r_.lang())));
        out_ += fmt::format("<p class=\"record\">{}{}</p>", W("記録: ", "To record it: "), Esc(rule.record.in(r_.lang())));
        out_ += "</td>\n";
        out_ += fmt::format("<td class=\"deadline{}\" data-label=\"{}\" data-key=\"{}\">{}{}</td>\n",
                            f->overdue ? " overdue" : "", W("期限", "Deadline"), f->deadline.empty() ? "~" : f->deadline,
                            f->deadline.empty() ? std::string(W("なし", "none")) : Esc(f->deadline_text),
                            f->overdue ? fmt::format("<span class=\"mark overdue\">{}</span>", W("期限切れ", "overdue")) : "");
        out_ += fmt::format("<td class=\"actor\" data-label=\"{}\">{}</td>\n</tr>\n", W("対応する人", "Who acts"),
                            Esc(ResponsibleParty(*f, r_.lang())));
      }
    }
    out_ += "</tbody>\n</table>\n</div>\n";
    out_ += fmt::format("<p class=\"no-match\" id=\"no-match\" hidden>{}</p>\n",
                        W("条件に合う指摘はありません。", "No finding matches."));
    out_ += "</section>\n";
  }

  // ------------------------------------------------------------ the other lists

  void FixedSection() {
    OpenListSection("fixed", W("解消 (ベースラインにあり、今回はない指摘)", "Fixed (in the baseline, not found now)"), triage_->fixed.size());
    if (r_.summary().input_errors > 0)
      out_ += fmt::format("<p class=\"banner bad\">{}</p>\n",
                          W("入力エラーがあるため、読めなかったレコードの指摘が「解消」に入っているかもしれません。",
                            "There are input errors: findings of records that could not be read may be listed as fixed."));
    if (triage_->fixed.empty()) {
      CloseEmptySection();
      return;
    }
    GoneTable("fixed", triage_->fixed);
  }

  /// The baseline's findings gone with their subjects (only when there are some).
  void RemovedSection() {
    if (triage_->removed.empty()) return;
    OpenListSection("removed",
                    W("削除 (ベースラインにあり、対象のレコードがなくなった指摘。解消とは限りません)",
                      "Removed (in the baseline, their records gone: not known to be fixed)"),
                    triage_->removed.size());
    out_ += fmt::format("<p class=\"banner bad\">{}</p>\n",
                        W("対象のレコードがエクスポートにありません。レコードを消したのでなければ、エクスポートがすべて読めているか確認してください。",
                          "Their records are not in the export: unless they were deleted, check that the whole export was read."));
    GoneTable("removed", triage_->removed);
  }

  /// A table of the baseline's findings this run has not.
  void GoneTable(const char* id, const std::vector<FixedFinding>& list) {
    OpenTable(id, {W("条項", "Clause"), W("ルール", "Rule"), W("重大度", "Severity"), W("対象", "Subject"), W("事業所", "Facility"),
        W("内容 (ベースライン)", "Message (baseline)")});
    for (const FixedFinding& f : list) {
      const Clause* clause = ClauseOf(f.clause);
      Level level = LevelFromName(f.severity);
      out_ += fmt::format("<tr class=\"{}\" data-fingerprint=\"{}\">\n", LevelName(level), Esc(f.fingerprint));
      out_ += fmt::format("<td class=\"clause\" data-label=\"{}\">{}{}</td>\n", W("条項", "Clause"), Esc(f.clause),
                          clause ? fmt::format("<span class=\"sub\">{}</span>", Esc(ClauseLine(*clause))) : "");
      out_ += fmt::format("<td data-label=\"{}\"><code>{}</code></td>\n", W("ルール", "Rule"), Esc(f.rule));
      out_ += fmt::format("<td class=\"sev\" data-label=\"{}\">{}</td>\n", W("重大度", "Severity"), SeverityBadge(level));
      out_ += fmt::format("<td class=\"subject\" data-label=\"{}\">{} {}</td>\n", W("対象", "Subject"), Esc(KindLabel(f.subject_kind, r_.lang())),
                          Esc(f.subject_id));
      out_ += fmt::format("<td data-label=\"{}\">{}</td>\n", W("事業所", "Facility"),
                          f.facility.empty() ? "-" : Esc(FacilityLabel(f.facility)));
      out_ += fmt::format("<td class=\"msg\" data-label=\"{}\">{}</td>\n</tr>\n", W("内容", "Message"), Esc(r_.Screen(f.message)));
    }
    CloseTable();
  }

  void WaiversSection() {
    OpenListSection("waivers", W("免除の設定", "Waivers"), triage_->waivers.size());
    if (triage_->waivers.empty()) {
      CloseEmptySection();
      return;
    }
    OpenTable("waivers", {W("ルール・条項", "Rule or clause"), W("対象", "Subject"), W("理由", "Justification"), W("承認者", "Approved by"),
        W("期限", "Until"), W("該当", "Waives"), W("状態", "State")});
    for (const Waiver& w : triage_->waivers) {
      std::string state = w.expired      ? fmt::format("<span class=\"mark expired\">{}</span>", W("期限切れ", "expired"))
                          : w.matched == 0 ? fmt::format("<span class=\"mark unused\">{}</span>", W("該当なし", "unused"))
                                           : std::string(W("有効", "active"));
      out_ += "<tr>\n";
      out_ += fmt::format("<td data-label=\"{}\"><code>{}</code></td>\n", W("ルール・条項", "Rule or clause"),
                          Esc(w.rule.empty() ? w.clause : w.rule));
      out_ += fmt::format("<td data-label=\"{}\"><code>{}</code></td>\n", W("対象", "Subject"), Esc(w.subject));
      out_ += fmt::format("<td data-label=\"{}\">{}<span class=\"sub\"><code>{}</code></span></td>\n", W("理由", "Justification"),
                          Esc(r_.Screen(w.justification)), Esc(w.line ? fmt::format("{}:{}:{}", w.file, w.line, w.column) : w.file));
      out_ += fmt::format("<td data-label=\"{}\">{}</td>\n", W("承認者", "Approved by"), Esc(r_.Screen(w.approved_by)));
      out_ += fmt::format("<td data-label=\"{}\">{}</td>\n", W("期限", "Until"), Esc(FormatDate(w.expires)));
      out_ += fmt::format("<td data-label=\"{}\">{}</td>\n", W("該当", "Waives"), w.matched);
      out_ += fmt::format("<td data-label=\"{}\">{}</td>\n</tr>\n", W("状態", "State"), state);
    }
    CloseTable();
  }

  void NotEvaluatedSection() {
    const auto& list = r_.audit().not_evaluated;
    OpenListSection("not-evaluated", W("未評価 (データ不足などで確認できなかったもの)", "Not evaluated (data missing or unusable)"), list.size());
    if (list.empty()) {
      CloseEmptySection();
      return;
    }
    OpenTable("not-evaluated", {W("条項", "Clause"), W("ルール", "Rule"), W("対象", "Subject"), W("事業所", "Facility"), W("場所", "Location"),
        W("記録がない項目・理由", "Not on record, or reason")});
    for (const NotEvaluated& n : list) {
      std::string what = Esc(r_.NotEvaluatedWhy(n));
      out_ += "<tr>\n";
      out_ += fmt::format("<td class=\"clause\" data-label=\"{}\">{}</td>\n", W("条項", "Clause"), Esc(n.rule->clause));
      out_ += fmt::format("<td data-label=\"{}\"><code>{}</code></td>\n", W("ルール", "Rule"), Esc(n.rule->id));
      out_ += fmt::format("<td data-label=\"{}\">{}</td>\n", W("対象", "Subject"), Esc(SubjectLabel(n.subject)));
      out_ += fmt::format("<td data-label=\"{}\">{}</td>\n", W("事業所", "Facility"), Esc(FacilityLabel(n.subject.facility)));
      out_ += fmt::format("<td data-label=\"{}\"><code>{}</code></td>\n", W("場所", "Location"), Location(n.subject.loc));
      out_ += fmt::format("<td class=\"msg\" data-label=\"{}\">{}</td>\n</tr>\n", W("記録がない項目・理由", "Not on record, or reason"), what);
    }
    CloseTable();
  }

  /// The manual clauses: a row per clause (network-wide) or per clause and
  /// facility, with its state and the attestation that counts.
  void ManualSection() {
    const Summary& s = r_.summary();
    OpenListSection("manual", W("手動で確認する条項 (確認記録)", "Manual clauses (attestations)"), r_.manual().size());
    const std::string& file = r_.AttestationsFile();
    out_ += fmt::format(
        "<p class=\"note\">{}</p>\n",
        file.empty()
            ? std::string(W("確認記録 (--attestations) が渡されていないため、すべて未確認です。ひな形は <code>rurume-audit clauses --template</code> で作れます。",
                            "No attestations were given (--attestations), so every one is missing; <code>rurume-audit clauses --template</code> writes a file to start from."))
            : fmt::format(ja_ ? "確認記録 <code>{}</code>: 確認済み {}、期限間近 {} (期限まで {} 日以内)、期限切れ {}、未確認 {}。"
                              : "Attestations <code>{}</code>: {} attested, {} expiring (within {} days), {} expired, {} missing.",
                          BreakablePath(file), s.attested, s.expiring, kExpiringDays, s.expired, s.unattested));
    if (r_.manual().empty()) {
      CloseEmptySection();
      return;
    }
    OpenTable("manual", {W("条項", "Clause"), W("事業所", "Facility"), W("状態", "State"), W("確認した人", "Attested by"),
                         W("確認日", "Attested on"), W("方法", "Evidence"), W("期限", "Until")});
    for (const ManualEntry* e : r_.manual()) {
      const Attestation* a = e->attestation;
      const char* cls = e->state == AttestState::Attested ? "" : e->state == AttestState::Expiring ? "unused" : "expired";
      std::string state = *cls ? fmt::format("<span class=\"mark {}\">{}</span>", cls, AttestStateLabel(e->state, r_.lang()))
                               : std::string(AttestStateLabel(e->state, r_.lang()));
      out_ += fmt::format("<tr class=\"{0}\" data-state=\"{0}\" data-clause=\"{1}\" data-facility=\"{2}\">\n",
                          AttestStateName(e->state), Esc(e->clause->id), Esc(e->facility));
      out_ += fmt::format("<td class=\"clause\" data-label=\"{}\"><code>{}</code> {}<span class=\"sub\">{}</span></td>\n",
                          W("条項", "Clause"), Esc(e->clause->id), Esc(e->clause->Obligation(r_.lang())),
                          Esc(e->clause->Source(r_.lang())));
      out_ += fmt::format("<td data-label=\"{}\">{}</td>\n", W("事業所", "Facility"),
                          e->facility.empty()          ? std::string(W("ネットワーク全体", "The network"))
                          : r_.context().facility.empty() ? Esc(FacilityLabel(e->facility))
                                                          : Esc(e->facility));  // a facility's report names it at its top
      out_ += fmt::format("<td data-label=\"{}\">{}</td>\n", W("状態", "State"), state);
      out_ += fmt::format("<td data-label=\"{}\">{}</td>\n", W("確認した人", "Attested by"),
                          a ? Esc(AttesterLabel(a->attested_by, r_.lang())) : "");
      out_ += fmt::format("<td class=\"date\" data-label=\"{}\">{}</td>\n", W("確認日", "Attested on"), a ? FormatDate(a->attested_on) : "");
      out_ += fmt::format("<td data-label=\"{}\">{}</td>\n", W("方法", "Evidence"),
                          a ? Esc(r_.Screen(a->evidence)) + fmt::format("<span class=\"sub\"><code>{}</code></span>",
                                                                       Esc(fmt::format("{}:{}:{}", a->file, a->line, a->column)))
                            : "");
      out_ += fmt::format("<td class=\"date\" data-label=\"{}\">{}</td>\n</tr>\n", W("期限", "Until"), a ? FormatDate(a->expires) : "");
    }
    CloseTable();
  }

  void DiagnosticsSection() {
    const auto& list = r_.diagnostics();
    OpenListSection("diagnostics", W("入力の問題 (エクスポートの読み込み)", "Input diagnostics (reading the export)"), list.size());
    if (r_.other_diagnostics() > 0)
      out_ += fmt::format("<p class=\"note\">{}</p>\n", Esc(OtherFacilitiesProblems(r_.other_diagnostics(), r_.lang())));
    if (list.empty()) {
      CloseEmptySection();
      return;
    }
    OpenTable("diagnostics", {W("重大度", "Level"), W("コード", "Code"), W("場所", "Location"), W("内容", "Message")});
    for (const Diagnostic& d : list) {
      std::string where = d.file.empty() ? "rurume-audit"
                          : d.line == 0  ? d.file
                                         : fmt::format("{}:{}:{}", d.file, d.line, d.column);
      out_ += fmt::format("<tr class=\"{}\">\n", LevelName(d.level));
      out_ += fmt::format("<td class=\"sev\" data-label=\"{}\">{}</td>\n", W("重大度", "Level"), SeverityBadge(d.level));
      out_ += fmt::format("<td data-label=\"{}\"><code>{}</code></td>\n", W("コード", "Code"), CodeId(d.code));
      out_ += fmt::format("<td data-label=\"{}\"><code>{}</code></td>\n", W("場所", "Location"), BreakablePath(where));
      out_ += fmt::format("<td class=\"msg\" data-label=\"{}\">{}</td>\n</tr>\n", W("内容", "Message"), Esc(r_.Message(d)));
    }
    CloseTable();
  }

  void Footer() {
    const ReportContext& c = r_.context();
    out_ += "<footer class=\"wrap\">\n";
    out_ += fmt::format("<p>rurume-audit {} · {} <code>{}</code>{}</p>\n", RURUME_VERSION, W("コマンド", "command"), Esc(c.command),
                        c.rule_set_version.empty()
                            ? std::string()
                            : fmt::format(" · {} <code>{}</code>", W("ルールセットの版", "rule set version"), Esc(c.rule_set_version)));
    out_ += fmt::format("<p>{}</p>\n", W("このファイルだけで表示できます (外部への接続はありません)。表の並べ替えと絞り込みには JavaScript を使います。",
                                        "This file is complete by itself and connects to nothing. Sorting and filtering the table use JavaScript."));
    out_ += "</footer>\n";
  }

  const Report& r_;
  const bool ja_;
  const Triage* triage_;
  const bool check_;
  std::string out_;
};

class HtmlReporter : public Reporter {
 public:
  std::string Render(const Report& report, const RenderOptions&) const override { return HtmlReport(report).Render(); }
};

}  // namespace

std::unique_ptr<Reporter> MakeHtmlReporter() { return std::make_unique<HtmlReporter>(); }

}  // namespace rurume
