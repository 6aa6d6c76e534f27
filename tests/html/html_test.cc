// The HTML report (src/report/html.cc), as text: escaping, replaced bytes,
// waivers and the baseline (which no command line gives yet: html_run.h
// builds them), languages, determinism, a per-facility title. The page in a
// browser: html_test.py.
#include "html_run.h"

#include <doctest/doctest.h>

#include <regex>

using namespace rurume;
using rurume::html_test::HtmlRun;

namespace {

const std::string kSource = RURUME_SOURCE_DIR;

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
  return n;
}

/// The text between `from` and the next `to` after it.
std::string Between(const std::string& s, const std::string& from, const std::string& to) {
  size_t a = s.find(from);
  if (a == std::string::npos) return {};
  a += from.size();
  size_t b = s.find(to, a);
  return b == std::string::npos ? std::string() : s.substr(a, b - a);
}

}  // namespace

TEST_SUITE("html") {

TEST_CASE("html: a self-contained page, every special character escaped") {
  HtmlRun run(kSource, Lang::Ja, false);
  std::string html = run.Render();
  CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"ja\">", 0) == 0);
  CHECK(Count(html, "<script") == 1);
  CHECK(Count(html, "<style") == 1);
  CHECK(html.find("<script>alert") == std::string::npos);
  CHECK(html.find("南沢 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;クリニック&#39;") != std::string::npos);
  CHECK(html.find("&lt;未作成&gt; &amp; &quot;要確認&quot; &#39;テスト&#39;") != std::string::npos);
  CHECK(html.find("data-facility=\"F&quot;&lt;&amp;&#39;&gt;2\"") != std::string::npos);
  // A chart's link keeps "&" and "=" of an id in its value.
  CHECK(html.find("href=\"#facility=F%22%3C%26%27%3E2\"") != std::string::npos);
  CHECK(std::regex_search(html, std::regex("Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]{43}='; "
                                           "script-src 'sha256-[A-Za-z0-9+/]{43}=';")));
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  // Findings in the clause list's order, then by subject.
  CHECK(html.find("data-clause=\"A9\"") < html.find("data-clause=\"N1.1\""));
  CHECK(html.find("data-clause=\"N1.1\"") < html.find("data-clause=\"N1.10\""));
  // No triage: no status column, no fixed list.
  CHECK(html.find("data-col=\"status\"") == std::string::npos);
  CHECK(html.find("id=\"fixed\"") == std::string::npos);
  CHECK(html.find("id=\"count-new\"") == std::string::npos);
  CHECK(html.find("id=\"count-waived\"") == std::string::npos);
}

TEST_CASE("html: the same bytes every time") {
  HtmlRun a(kSource, Lang::Ja, true), b(kSource, Lang::Ja, true);
  CHECK(a.Render() == b.Render());
  CHECK(a.Render() == a.Render());
}

TEST_CASE("html: English") {
  HtmlRun run(kSource, Lang::En, false);
  std::string html = run.Render();
  CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
  CHECK(html.find("audit report (as of 2026-11-24)") != std::string::npos);
  CHECK(html.find("Findings by clause") != std::string::npos);
  CHECK(html.find("&lt;missing&gt; &amp; &quot;check&quot; &#39;test&#39;") != std::string::npos);
  CHECK(html.find("監査") == std::string::npos);
  CHECK(html.find("基準日") == std::string::npos);
}

TEST_CASE("html: waivers and a baseline") {
  HtmlRun run(kSource, Lang::Ja, true);
  std::string html = run.Render();
  // New and fixed come first in the summary, before the counts by severity.
  size_t added = html.find("id=\"count-new\">1<");
  size_t fixed = html.find("id=\"count-fixed\">2<");
  size_t errors = html.find("id=\"count-error\"");
  REQUIRE(added != std::string::npos);
  REQUIRE(fixed != std::string::npos);
  CHECK(added < errors);
  CHECK(fixed < errors);
  CHECK(html.find("id=\"count-waived\">1<") != std::string::npos);
  // The marks, in their own column.
  CHECK(html.find("data-col=\"status\"") != std::string::npos);
  CHECK(Count(html, "data-change=\"new\"") == 1);
  CHECK(Count(html, "data-waived=\"1\"") == 1);
  CHECK(Count(html, "<span class=\"mark new\">新規</span>") == 1);
  CHECK(Count(html, "<span class=\"mark waived\">免除</span>") == 1);
  CHECK(html.find("更新待ち &lt;台帳&gt; &amp; &quot;事務局&quot; &#39;確認済み&#39; (承認 事務局 佐藤、2026-12-31 まで)") !=
        std::string::npos);
  // The fixed list, escaped.
  std::string fixed_table = Between(html, "<table id=\"fixed-table\"", "</table>");
  CHECK(Count(fixed_table, "<tr class=") == 2);
  CHECK(fixed_table.find("機器 DV0 に &lt;リモートワイプ&gt; &amp; &quot;遠隔消去&quot; がありません") != std::string::npos);
  CHECK(html.find("<code>baseline &lt;2026-11-17&gt;.json</code>") != std::string::npos);
  // The waivers: active, expired, unused.
  std::string waivers = Between(html, "<table id=\"waivers-table\"", "</table>");
  CHECK(Count(waivers, "<tr>\n") == 3);
  CHECK(waivers.find("期限切れ") != std::string::npos);
  CHECK(waivers.find("該当なし") != std::string::npos);
  CHECK(waivers.find("<code>waivers.yaml:3:5</code>") != std::string::npos);
}

TEST_CASE("html: personal information only under --show-personal-info, the notice at the top") {
  HtmlRun hidden(kSource, Lang::Ja, true);
  std::string html = hidden.Render();
  CHECK(html.find("山田 花子") == std::string::npos);
  CHECK(html.find("1941-03-05") == std::string::npos);
  CHECK(html.find("class=\"notice\"") == std::string::npos);
  HtmlRun shown(kSource, Lang::Ja, true, true);
  html = shown.Render();
  CHECK(html.find("患者 P001: 氏名 山田 花子、生年月日 1941-03-05") != std::string::npos);
  size_t notice = html.find("<p class=\"notice\" role=\"alert\">注意: --show-personal-info");
  REQUIRE(notice != std::string::npos);
  CHECK(notice < html.find("<main"));
}

TEST_CASE("html: a per-facility report names its facility") {
  HtmlRun run(kSource, Lang::Ja, false, false, "F001");
  std::string title = Between(run.Render(), "<title>", "</title>");
  CHECK(title == "るるめネット &lt;テスト&gt; &amp; &quot;HTML&quot; 監査レポート — F001 南沢 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; "
                 "&amp; &#39;クリニック&#39; (基準日 2026-11-24)");
}

TEST_CASE("html: invalid UTF-8 and control characters become U+FFFD; validate has no findings section") {
  Export ex;
  Diagnostics diags;
  diags.Add(Code::Unreadable, "bad\xFF\x01name<x>.yaml", 0, 0, {"no such file"});
  AuditResult audit;
  Report r(ex, diags, audit, nullptr, ReportContext{"validate", std::nullopt, Lang::En, false, "", nullptr, ""});
  std::string html = FindFormat("html")->make()->Render(r, RenderOptions{});
  CHECK(html.find("<code>bad\xEF\xBF\xBD\xEF\xBF\xBDname&lt;x&gt;.yaml</code>") != std::string::npos);
  CHECK(html.find('\x01') == std::string::npos);
  CHECK(html.find("\xFF") == std::string::npos);
  CHECK(html.find("id=\"findings\"") == std::string::npos);
  CHECK(html.find("id=\"diagnostics-table\"") != std::string::npos);
  CHECK(html.find("input validation report") != std::string::npos);
  CHECK(html.find("id=\"count-input-error\">1<") != std::string::npos);
}

TEST_CASE("html: a clean run says there is nothing to do") {
  Export ex;
  Diagnostics diags;
  AuditResult audit;
  HtmlRun run(kSource, Lang::Ja, false);  // for its rule set
  Report r(ex, diags, audit, &*run.rules, ReportContext{"check", Date(2026, 11, 24), Lang::Ja, false, "", nullptr, ""});
  std::string html = FindFormat("html")->make()->Render(r, RenderOptions{});
  CHECK(html.find("<p class=\"banner good\">指摘はありません。</p>") != std::string::npos);
  CHECK(html.find("id=\"findings-table\"") == std::string::npos);
  CHECK(html.find("id=\"charts\"") == std::string::npos);
  CHECK(html.find("るるめネット 監査レポート (基準日 2026-11-24)") != std::string::npos);
}

}  // TEST_SUITE("html")
