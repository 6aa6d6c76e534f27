#include "report/fixture_text.h"

#include "report/report.h"
#include "text/escape.h"

#include <fmt/format.h>

namespace rurume {

namespace {

using Kind = FixtureProblem::Kind;

std::string Quote(const std::string& s, bool ja) {
  return ja ? "「" + EscapeControls(s) + "」" : "\"" + EscapeControls(s) + "\"";
}

/// A list of fields as a rule author writes them; "(none)" when empty.
std::string Fields(const std::string& s, bool ja) {
  if (s.empty()) return ja ? "(項目なし)" : "(no field)";
  return Quote(s, ja);
}

}  // namespace

std::string FixtureProblemText(const FixtureProblem& p, Lang lang) {
  const bool ja = lang == Lang::Ja;
  const std::string id = EscapeControls(p.subject);
  const std::string& actual = ja && !p.actual_ja.empty() ? p.actual_ja : p.actual;
  if (p.diagnostic) {
    std::string line = DiagnosticLine(*p.diagnostic, lang);
    if (!line.empty() && line.back() == '\n') line.pop_back();
    switch (p.kind) {
      case Kind::RulesError:
        return (ja ? "このフィクスチャのパラメータではルールを読み込めません: " : "the rules do not load with this fixture's parameters: ") + line;
      case Kind::AuditError: return (ja ? "監査が完了しません: " : "the audit did not complete: ") + line;
      default: return (ja ? "フィクスチャを読めません: " : "the fixture does not load: ") + line;
    }
  }
  switch (p.kind) {
    case Kind::NoAsOf:
      return ja ? "基準日の行 「# as-of: YYYY-MM-DD」 がありません" : "no `# as-of: YYYY-MM-DD` line";
    case Kind::BadAsOf:
      return ja ? fmt::format("基準日 {} は日付 (YYYY-MM-DD の実在する日) ではありません", Quote(p.expected, ja))
                : fmt::format("the as-of date {} is not a date (YYYY-MM-DD)", Quote(p.expected, ja));
    case Kind::BadParam:
      return ja ? fmt::format("パラメータの行 {} が 「名前=値」 ではありません", Quote(p.expected, ja))
                : fmt::format("the parameter line {} is not NAME=VALUE", Quote(p.expected, ja));
    case Kind::UnterminatedQuote:
      return ja ? fmt::format("期待する文の引用符が閉じていません: {}", Quote(p.expected, ja))
                : fmt::format("an unterminated quoted message: {}", Quote(p.expected, ja));
    case Kind::NoSubject:
      if (p.expected.empty()) return ja ? "期待する指摘または未評価の行に、対象の ID がありません" : "an expectation without a subject id";
      return ja ? fmt::format("期待する指摘または未評価の行の対象の ID が正しくありません: {}", Quote(p.expected, ja))
                : fmt::format("an expectation without a single subject id: {}", Quote(p.expected, ja));
    case Kind::InputError:
    case Kind::RulesError:
    case Kind::AuditError:
      return ja ? "読み込めません" : "does not load";
    case Kind::MissingFinding:
      return ja ? fmt::format("{} の指摘がありません (フィクスチャは指摘を期待しています)", id)
                : fmt::format("no finding for {}, which the fixture expects", id);
    case Kind::UnexpectedFinding:
      return ja ? fmt::format("期待していない {} の指摘があります: {}", id, Quote(actual, ja))
                : fmt::format("an unexpected finding for {}: {}", id, Quote(actual, ja));
    case Kind::WrongText:
      // The expected text is Japanese, and so is the message it is looked for in.
      return ja ? fmt::format("{} の指摘の文に {} がありません。文: {}", id, Quote(p.expected, ja), Quote(actual, ja))
                : fmt::format("the (Japanese) message of {} does not contain {}: {}", id, Quote(p.expected, ja),
                              Quote(actual, ja));
    case Kind::EmptyMessage:
      return ja ? fmt::format("{} の指摘に文がありません", id) : fmt::format("the finding for {} has no message", id);
    case Kind::PlaceholderFailed: {
      const bool in_ja = p.lang == Lang::Ja;
      return ja ? fmt::format("{} の指摘の文 ({}) の差し込みを評価できません (「?」と表示されます): {}", id,
                              in_ja ? "日本語" : "英語", Quote(actual, ja))
                : fmt::format("a placeholder of the {} message of {} failed (a report would print \"?\"): {}",
                              in_ja ? "Japanese" : "English", id, Quote(actual, ja));
    }
    case Kind::FindingInBase:
      return ja ? fmt::format("base.yaml の記録 {} への指摘があります (指摘はフィクスチャの記録だけにしてください): {}", id,
                              Quote(actual, ja))
                : fmt::format("a finding for {}, a record of base.yaml (findings belong to the fixture's own records): {}",
                              id, Quote(actual, ja));
    case Kind::LanguagesDisagree:
      return ja ? fmt::format("日本語と英語で指摘の数が違います (英語 {} 件、日本語 {} 件)", p.expected, p.actual)
                : fmt::format("the Japanese and English runs disagree: {} findings in English, {} in Japanese",
                              p.expected, p.actual);
    case Kind::MissingNotEvaluated:
      return ja ? fmt::format("{} が未評価になりません (フィクスチャは不足の項目 {} で未評価を期待しています)", id,
                              Fields(p.expected, ja))
                : fmt::format("{} is not left not evaluated, which the fixture expects (missing {})", id,
                              Fields(p.expected, ja));
    case Kind::UnexpectedNotEvaluated:
      return ja ? fmt::format("期待していない未評価があります: {} (不足の項目 {})", id, Fields(actual, ja))
                : fmt::format("an unexpected subject not evaluated: {} (missing {})", id, Fields(actual, ja));
    case Kind::WrongNotEvaluated:
      return ja ? fmt::format("{} の未評価の不足の項目が違います: 期待 {}、実際 {}", id, Fields(p.expected, ja),
                              Fields(actual, ja))
                : fmt::format("{} is not evaluated for other fields: expected {}, got {}", id, Fields(p.expected, ja),
                              Fields(actual, ja));
    case Kind::EvidenceNotEvaluated:
      return ja ? fmt::format("{} が {} がないために未評価です。行ったことを記録する項目がないときは、未評価ではなく"
                              "「記録がない」という指摘にしてください (「has()」で確かめます)",
                              id, Quote(actual, ja))
                : fmt::format("{} is not evaluated for want of {}, which records an act: absent, it is not on record "
                              "(a finding; test it with has()), not unknown",
                              id, Quote(actual, ja));
    case Kind::DeadlineText:
      return ja ? fmt::format("{} の指摘の期限 {} の表示がないか、日本語と英語で違います: {}", id, p.expected, Quote(actual, ja))
                : fmt::format("the deadline {} of the finding for {} has no text, or the languages disagree: {}",
                              p.expected, id, Quote(actual, ja));
    case Kind::NoFixtures:
      return ja ? "フィクスチャがありません" : "no fixtures";
    case Kind::NeverFires:
      return ja ? "指摘が出るフィクスチャ (期待する指摘の行のあるもの) がありません"
                : "no fixture where the rule fires (one with an `# expect:` line)";
    case Kind::NeverPasses:
      return ja ? "指摘が出ないフィクスチャ (期待する指摘の行のないもの) がありません"
                : "no fixture where the rule passes (one without `# expect:` lines)";
    case Kind::NoDeadlineShown:
      return ja ? "期限のあるルールですが、フィクスチャの指摘のどれにも期限がありません"
                : "the rule has a deadline, but no finding of its fixtures shows one";
    case Kind::UnexpectedDeadline:
      return ja ? "期限のないルールですが、フィクスチャの指摘に期限があります"
                : "the rule has no deadline, but a finding of its fixtures shows one";
  }
  return "?";
}

std::string FixtureRunText(const FixtureRun& run, Lang lang) {
  const bool ja = lang == Lang::Ja;
  std::string out;
  for (const RuleFixtures& r : run.rules) {
    const size_t n = r.fixtures.size();
    if (ja) out += fmt::format("{} {} (フィクスチャ {} 件)\n", r.passed() ? "合格  " : "不合格", r.rule_id, n);
    else out += fmt::format("{} {} ({} fixture{})\n", r.passed() ? "pass" : "FAIL", r.rule_id, n, n == 1 ? "" : "s");
    for (const FixtureProblem& p : r.problems) {
      std::string where;
      if (!p.file.empty() && !p.diagnostic) where = EscapeControls(p.line ? fmt::format("{}:{}: ", p.file, p.line) : p.file + ": ");
      else if (!p.file.empty() && p.diagnostic && p.diagnostic->file != p.file) where = EscapeControls(p.file) + ": ";
      out += "    " + where + FixtureProblemText(p, lang) + "\n";
    }
  }
  for (const std::string& dir : run.strays)
    out += ja ? fmt::format("不合格 {}: この名前のルールはありません\n", EscapeControls(dir))
              : fmt::format("FAIL {}: names no rule\n", EscapeControls(dir));
  const size_t failed = run.failed();
  out += ja ? fmt::format("ルール {} 件: 合格 {} 件、不合格 {} 件 (フィクスチャ {} 件、{})", run.rules.size(),
                          run.rules.size() - failed, failed, run.fixtures(), EscapeControls(run.fixtures_dir))
            : fmt::format("{} rules: {} passed, {} failed ({} fixtures, {})", run.rules.size(), run.rules.size() - failed,
                          failed, run.fixtures(), EscapeControls(run.fixtures_dir));
  if (!run.strays.empty())
    out += ja ? fmt::format("。ルールのないフィクスチャのディレクトリ {} 件", run.strays.size())
              : fmt::format("; {} fixture director{} naming no rule", run.strays.size(), run.strays.size() == 1 ? "y" : "ies");
  out += "\n";
  return out;
}

}  // namespace rurume
