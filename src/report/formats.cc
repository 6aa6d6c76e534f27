#include "report/formats.h"

namespace rurume {

// One file each: text.cc, json.cc, junit.cc, sarif.cc, html.cc.
std::unique_ptr<Reporter> MakeTextReporter();
std::unique_ptr<Reporter> MakeJsonReporter();
std::unique_ptr<Reporter> MakeJunitReporter();
std::unique_ptr<Reporter> MakeSarifReporter();
std::unique_ptr<Reporter> MakeHtmlReporter();  // html.cc
std::unique_ptr<Reporter> MakeGithubReporter();  // github.cc
std::unique_ptr<Reporter> MakeGitlabReporter();  // gitlab.cc

const std::vector<Format>& Formats() {
  static const std::vector<Format> kFormats{
      // name, file extension (--split-by; never one that -o FILE alone infers for another format), description (ja, en), factory
      {"text", "txt", "人が読むもの: 条項・対象ごとの指摘、80 桁で折り返し",
       "for people: findings by clause and subject, wrapped to 80 columns", MakeTextReporter},
      {"json", "json", "プログラム向け: schemas/rurume-audit-report.schema.json",
       "for programs: schemas/rurume-audit-report.schema.json", MakeJsonReporter},
      {"junit", "xml", "CI のダッシュボード向け: 条項ごとのテストスイート、指摘ごとのテストケース",
       "for CI dashboards: a test suite per clause, a test case per finding", MakeJunitReporter},
      {"sarif", "sarif", "SARIF 2.1.0: コードスキャンのツール向け", "SARIF 2.1.0, for code-scanning tools",
       MakeSarifReporter},
      {"html", "html", "事務局向け: 1つで完結したページ (今日やること、グラフ、並べ替えできる表)",
       "for the secretariat: one self-contained page (what to do today, charts, a sortable table)", MakeHtmlReporter},
      {"github", "github.txt", "GitHub のワークフローコマンド: 指摘ごとに、その行への注釈 (コードスキャンがなくても)",
       "GitHub Actions workflow commands: an annotation per finding on its line (without code scanning)",
       MakeGithubReporter},
      {"gitlab", "gitlab.json", "GitLab のコード品質レポート: 指摘ごとに1件 (マージリクエストに表示)",
       "GitLab Code Quality report (artifacts:reports:codequality)", MakeGitlabReporter},
  };
  return kFormats;
}

const Format* FindFormat(std::string_view name) {
  for (const Format& f : Formats())
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace rurume
