#include "base/diagnostics.h"

#include <fmt/args.h>
#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

namespace rurume {

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::Error: return "error";
    case Level::Warning: return "warning";
    case Level::Note: return "note";
  }
  return "error";
}

const std::vector<CodeInfo>& AllCodes() {
  static const std::vector<CodeInfo> codes{
      {Code::YamlSyntax, Level::Error, "yaml-syntax", "YAML の構文エラーです: {0}", "YAML syntax error: {0}"},
      {Code::InvalidUtf8, Level::Error, "invalid-utf8", "UTF-8 として不正なバイト 0x{0} があります",
       "invalid UTF-8: byte 0x{0}"},
      {Code::NulByte, Level::Error, "nul-byte", "NUL バイト (0x00) があります", "NUL byte (0x00) in input"},
      {Code::Unreadable, Level::Error, "unreadable", "読み込めません: {0}", "cannot read: {0}"},
      {Code::MultipleDocuments, Level::Error, "multiple-documents",
       "1 つのファイルに YAML 文書が複数あります (2 つ目以降は読みません)",
       "more than one YAML document in a file (the second and later are not read)"},
      {Code::NotAMapping, Level::Error, "not-a-mapping", "ファイルの最上位がマッピングではありません ({0})",
       "the top level of a file must be a mapping, not {0}"},
      {Code::Encoding, Level::Error, "encoding",
       "文字コードが {0} のようです (UTF-8 ではありません)。{1}。このファイルは読みません",
       "the file seems to be {0}, not UTF-8: {1}; it is not read"},
      {Code::NotYaml, Level::Error, "not-yaml", "このファイルは {0} で、YAML のエクスポートではありません。{1}。このファイルは読みません",
       "this file is {0}, not a YAML export: {1}; it is not read"},
      {Code::MoreOfTheSame, Level::Error, "more-of-the-same",
       "このファイルには同じ問題 ({0}) がほかに {1} 件あります (最初の {2} 件だけを示しました)",
       "{1} more of the same problem ({0}) in this file (only the first {2} are shown)"},
      {Code::FileCut, Level::Error, "file-cut",
       "ファイルが途中で切れているようです: 最後の {0} 行目が改行で終わっておらず、ほかのファイルが参照する記録がこのファイルに"
       "ありません。エクスポートし直すか、ファイルのコピーが最後まで終わっているか確認してください",
       "the file seems cut short: its last line ({0}) does not end with a newline, and records other files refer to "
       "are not in it; export it again, or check that copying it finished"},
      {Code::NotAnExport, Level::Error, "not-an-export",
       "このファイルはエクスポートではありません (format: rurume-export/1 も、users などの一覧もありません)。"
       "フォルダの中の別の YAML ファイル (CI の設定など) なら、別のフォルダに移すか --exclude で除外できます",
       "this file is not an export (no format: rurume-export/1, none of its lists such as users); another YAML file "
       "in the folder (a CI configuration, say) can be moved elsewhere or left out with --exclude"},
      {Code::FormatMissing, Level::Error, "format-missing", "format: rurume-export/1 がありません",
       "missing format: rurume-export/1"},
      {Code::FormatUnknown, Level::Error, "format-unknown", "format {0} には対応していません (rurume-export/1 のみ)",
       "unsupported format {0} (only rurume-export/1)"},
      {Code::WrongType, Level::Error, "wrong-type", "{0} は {1} でなければなりません ({2} が書かれています)",
       "{0} must be {1}, not {2}"},
      {Code::EnumValue, Level::Error, "enum-value", "{0} に {1} は使えません (使える値: {2})",
       "{0} cannot be {1} (allowed: {2})"},
      {Code::InvalidDate, Level::Error, "invalid-date", "{0} の {1} は日付 (YYYY-MM-DD の実在する日) ではありません",
       "{0}: {1} is not a date (an existing day as YYYY-MM-DD)"},
      {Code::InvalidTimestamp, Level::Error, "invalid-timestamp",
       "{0} の {1} は日時 (ISO 8601, 例 2026-11-02T09:30:00+09:00) ではありません",
       "{0}: {1} is not a timestamp (ISO 8601, e.g. 2026-11-02T09:30:00+09:00)"},
      {Code::Yaml11Bool, Level::Error, "yaml11-bool",
       "{0} の {1} は YAML 1.1 の真偽値です。true か false と書いてください",
       "{0}: {1} is a YAML 1.1 boolean; write true or false"},
      {Code::OutOfRange, Level::Error, "out-of-range",
       "{0} の {1} は扱える範囲の外です (日付は 1400-01-01 から 9999-12-31 まで、日時は日本時間で "
       "1400-01-01T09:00:00+09:00 から 9999-12-31T23:59:59+09:00 まで)",
       "{0}: {1} is out of range (dates from 1400-01-01 to 9999-12-31, timestamps from "
       "1400-01-01T09:00:00+09:00 to 9999-12-31T23:59:59+09:00 in Japan time)"},
      {Code::DuplicateKey, Level::Error, "duplicate-key", "キー {0} が重複しています (最初は {1} 行目)",
       "duplicate key {0} (first on line {1})"},
      {Code::DuplicateId, Level::Error, "duplicate-id", "{0} の id {1} が重複しています (最初は {2})",
       "duplicate {0} id {1} (first at {2})"},
      {Code::DanglingRef, Level::Error, "dangling-ref", "{0} が参照する {1} {2} はありません{3}",
       "{0} refers to {1} {2}, which does not exist{3}"},
      {Code::ExtraAllMembersGroup, Level::Warning, "extra-all-members-group",
       "グループ {0} は種類が全員グループですが、network.all_members_group が指すグループではありません{1}。"
       "全員グループの確認 (留意事項4) は、このグループを全員グループとして扱いません。種類を直すか、"
       "network.all_members_group を確かめてください",
       "group {0} is of kind all_members but is not the group network.all_members_group names{1}; the "
       "all-members checks (Note 4) do not treat it as the all-members group. Correct its kind, or check "
       "network.all_members_group"},
      {Code::MissingId, Level::Error, "missing-id", "{0} のレコードに id がありません (このレコードは読みません)",
       "{0} record without id (the record is not read)"},
      {Code::TopLevelTwice, Level::Error, "top-level-twice", "{0} が複数あります (最初は {1})",
       "{0} is given more than once (first at {1})"},
      {Code::TopLevelMissing, Level::Error, "top-level-missing", "{0} がどのファイルにもありません",
       "{0} is given in no file"},
      {Code::UnknownField, Level::Warning, "unknown-field", "{1} に未知のフィールド {0} があります{2}",
       "unknown field {0} in {1}{2}"},
      {Code::AliasLimit, Level::Error, "alias-limit",
       "エイリアスの展開が上限 ({0} イベント) を超えました。ファイルの残りは読みません",
       "alias expansion exceeds the limit ({0} events); the rest of the file is not read"},
      {Code::DepthLimit, Level::Error, "depth-limit", "入れ子が深すぎます (上限 {0})。ファイルの残りは読みません",
       "nesting deeper than {0}; the rest of the file is not read"},
      {Code::ComplexKey, Level::Error, "complex-key", "マッピングのキーがスカラーではありません",
       "a mapping key must be a scalar"},
      {Code::UnsupportedTag, Level::Error, "unsupported-tag", "タグ {0} には対応していません",
       "unsupported tag {0}"},
      {Code::NoInput, Level::Error, "no-input", "{0} に読み込むファイル (*.yaml, *.yml, *.json) がありません",
       "no input file (*.yaml, *.yml, *.json) in {0}"},
      {Code::BrokenLink, Level::Error, "broken-link",
       "シンボリックリンクのリンク先がないか、リンクが循環しているため読めません。リンク先のファイルを置くか、"
       "リンクをディレクトリから取り除いてください",
       "a symbolic link to nothing (or a loop of links) cannot be read; put the file it names in place, or remove "
       "the link from the directory"},
      {Code::NotAFile, Level::Error, "not-a-file",
       "通常のファイルではない (名前付きパイプ、ソケット、デバイスなど) ため読めません。"
       "エクスポートのファイルだけをディレクトリに置いてください",
       "not a regular file (a named pipe, socket, device or the like), so it cannot be read; keep only the "
       "export's files in the directory"},
      {Code::AsOfBeforeExport, Level::Warning, "as-of-before-export",
       "基準日 {0} がエクスポートの日時 {1} より前です。--as-of の日付を確認してください (期限の判定が実際と合いません)",
       "the as-of date {0} is before the export was made ({1}); check --as-of (deadlines would be judged wrongly)"},
      {Code::ExportOld, Level::Warning, "export-old",
       "エクスポート ({0}) が基準日 {1} の {2} 日前のもので、--max-export-age の {3} 日より古いです。最新のエクスポートで監査してください",
       "the export ({0}) is {2} days older than the as-of date {1}, more than --max-export-age ({3}); audit a fresh export"},
      {Code::RuleYaml, Level::Error, "rule-yaml", "ルールファイルの YAML エラーです: {0}", "rule file YAML error: {0}"},
      {Code::RuleKeyMissing, Level::Error, "rule-key-missing", "ルールに {0} がありません", "rule lacks {0}"},
      {Code::RuleKeyUnknown, Level::Error, "rule-key-unknown", "ルールに未知のキー {0} があります{1}",
       "unknown key {0} in rule{1}"},
      {Code::RuleKeyType, Level::Error, "rule-key-type", "ルールの {0} は {1} でなければなりません",
       "rule key {0} must be {1}"},
      {Code::RuleIdMismatch, Level::Error, "rule-id-mismatch", "ルール id {0} が正しくありません: {1}",
       "rule id {0} is wrong: {1}"},
      {Code::RuleUnknownClause, Level::Error, "rule-unknown-clause", "条項 {0} は条項一覧にありません",
       "clause {0} is not in the clause list"},
      {Code::RuleBadSeverity, Level::Error, "rule-bad-severity",
       "severity {0} は使えません (error, warning, note のいずれか)", "severity {0} is not error, warning or note"},
      {Code::RuleUnknownFor, Level::Error, "rule-unknown-for", "for の {0} はコレクションではありません (使える値: {1})",
       "for: {0} is not a collection (allowed: {1})"},
      {Code::RuleDuplicateId, Level::Error, "rule-duplicate-id", "ルール id {0} が重複しています (最初は {1})",
       "duplicate rule id {0} (first in {1})"},
      {Code::ExprSyntax, Level::Error, "expr-syntax", "{0} の式の構文エラーです: {1}", "syntax error in {0}: {1}"},
      {Code::ExprCheck, Level::Error, "expr-check", "{0} の式の誤りです: {1}", "error in {0}: {1}"},
      {Code::ExprNotBool, Level::Error, "expr-not-bool", "{0} の式は bool でなければなりません ({1} です)",
       "{0} must be a bool expression, not {1}"},
      {Code::ExprPersonal, Level::Error, "expr-personal",
       "{0} は患者の個人情報 {1} を読んでいます (メッセージに個人情報は出せません)",
       "{0} reads personal information {1} (messages may not show it)"},
      {Code::ExprEnumValue, Level::Error, "expr-enum-value", "{0}: {1} に {2} という値はありません (使える値: {3})",
       "{0}: {1} has no value {2} (allowed: {3})"},
      {Code::TemplateSyntax, Level::Error, "template-syntax", "{0} のテンプレートの誤りです: {1}",
       "template error in {0}: {1}"},
      {Code::RuleParamType, Level::Error, "rule-param-type", "パラメータ {0} の値の型に対応していません ({1})",
       "parameter {0} has an unsupported type ({1})"},
      {Code::NoRules, Level::Error, "no-rules", "{0} にルールがありません", "no rules in {0}"},
      {Code::ClauseList, Level::Error, "clause-list", "条項一覧の誤りです: {0}", "clause list error: {0}"},
      {Code::ExprTimeZone, Level::Error, "expr-time-zone",
       "{0}: {1} のタイムゾーン {2} には対応していません (UTC、Asia/Tokyo、Japan、+09:00 のような固定の時差のいずれか)",
       "{0}: {1} has an unsupported time zone {2} (use UTC, Asia/Tokyo, Japan or a fixed offset such as +09:00)"},
      {Code::ConfigYaml, Level::Error, "config-yaml", "設定ファイルの YAML エラーです: {0}", "config file YAML error: {0}"},
      {Code::ConfigUnknownParam, Level::Error, "config-unknown-param",
       "パラメータ {0} を使うルールはありません{1}", "no rule has a parameter {0}{1}"},
      {Code::ConfigParamType, Level::Error, "config-param-type", "パラメータ {0} は {1} でなければなりません ({2})",
       "parameter {0} must be {1} ({2})"},
      {Code::ConfigKey, Level::Error, "config-key", "設定ファイルの {0} が正しくありません: {1}",
       "config key {0} is wrong: {1}"},
      {Code::ConfigParamRange, Level::Error, "config-param-range",
       "パラメータ {0} の値 {1} は範囲外です ({2} から {3} までの整数にしてください)",
       "parameter {0}: {1} is out of range (an integer from {2} to {3})"},
      {Code::CostLimit, Level::Error, "cost-limit",
       "ルール {0} の評価が上限 ({1}) を超えたため、残りの対象は評価していません ({2})",
       "rule {0} exceeded the evaluation cost limit ({1}); its remaining subjects are not checked ({2})"},
      {Code::WaiversYaml, Level::Error, "waivers-yaml", "免除ファイルの YAML エラーです: {0}",
       "waivers file YAML error: {0}"},
      {Code::WaiverKeyMissing, Level::Error, "waiver-key-missing", "免除に {0} がありません", "waiver lacks {0}"},
      {Code::WaiverKeyUnknown, Level::Error, "waiver-key-unknown", "免除ファイルに未知のキー {0} があります{1}",
       "unknown key {0} in the waivers file{1}"},
      {Code::WaiverRuleAndClause, Level::Error, "waiver-rule-and-clause",
       "免除には rule と clause のどちらか一方だけを書いてください", "a waiver names a rule or a clause, not both"},
      {Code::WaiverUnknownRule, Level::Error, "waiver-unknown-rule", "ルール {0} はありません{1}", "no rule {0}{1}"},
      {Code::WaiverUnknownClause, Level::Error, "waiver-unknown-clause",
       "条項 {0} は条項一覧にないか、確認するルールがありません", "clause {0} is not in the clause list or no rule checks it"},
      {Code::WaiverBadDate, Level::Error, "waiver-bad-date",
       "expires の {0} は日付 (YYYY-MM-DD の実在する日) ではありません", "expires: {0} is not a date (an existing day as YYYY-MM-DD)"},
      {Code::WaiverType, Level::Error, "waiver-type", "{0} は{1}でなければなりません", "{0} must be {1}"},
      {Code::WaiverExpired, Level::Warning, "waiver-expired",
       "{0} {1} の免除は {2} で期限が切れています。指摘は免除されません", "the waiver of {0} {1} expired on {2}; it no longer waives"},
      {Code::WaiverUnused, Level::Warning, "waiver-unused", "{0} {1} の免除に当てはまる指摘がありません",
       "the waiver of {0} {1} matches no finding"},
      {Code::AttestationsYaml, Level::Error, "attestations-yaml", "確認記録ファイルの YAML エラーです: {0}",
       "attestations file YAML error: {0}"},
      {Code::AttestationKeyMissing, Level::Error, "attestation-key-missing", "確認記録に {0} がありません",
       "attestation lacks {0}"},
      {Code::AttestationKeyUnknown, Level::Error, "attestation-key-unknown", "確認記録ファイルに未知のキー {0} があります{1}",
       "unknown key {0} in the attestations file{1}"},
      {Code::AttestationType, Level::Error, "attestation-type", "{0} は{1}でなければなりません", "{0} must be {1}"},
      {Code::AttestationUnknownClause, Level::Error, "attestation-unknown-clause", "条項 {0} は条項一覧にありません{1}",
       "no clause {0} in the clause list{1}"},
      {Code::AttestationNotManual, Level::Error, "attestation-not-manual",
       "条項 {0} は{1}。確認記録に書けるのは手動で確認する条項 ({2}) だけです",
       "clause {0} is {1}: an attestation names a manual clause ({2})"},
      {Code::AttestationScope, Level::Error, "attestation-scope",
       "条項 {0} の確認記録の facility が条項の範囲と合いません。ネットワーク全体で確認する条項には facility を書かず、"
       "事業所ごとに確認する条項には facility に事業所 ID を書きます (rurume-audit explain {0} で範囲がわかります)",
       "the attestation of clause {0} does not match its scope: a network-wide clause has no facility, a per-facility "
       "clause names its facility (rurume-audit explain {0} shows the scope)"},
      {Code::AttestationBadDate, Level::Error, "attestation-bad-date",
       "{0} の {1} は日付 (YYYY-MM-DD の実在する日) ではありません", "{0}: {1} is not a date (an existing day as YYYY-MM-DD)"},
      {Code::AttestationNoExpiry, Level::Error, "attestation-no-expiry",
       "条項 {0} の確認記録に有効期限 (expires) がありません。確認日から {1} 日以内の日付を書いてください",
       "the attestation of clause {0} has no expiry (expires): give a date at most {1} days after it was made"},
      {Code::AttestationDateOrder, Level::Error, "attestation-date-order",
       "有効期限 (expires) の {0} が確認日 (attested_on) の {1} より前です", "expires {0} is before attested_on {1}"},
      {Code::AttestationUnknownFacility, Level::Error, "attestation-unknown-facility",
       "事業所 {0} はエクスポートにありません{1}", "no facility {0} in the export{1}"},
      {Code::AttestationBadActor, Level::Error, "attestation-bad-actor",
       "確認した人 (attested_by) が、役割 (mcs_admin: MCS管理者、secretariat: 医師会事務局) でも、エクスポートにある利用者の "
       "MCS の ID でもありません。氏名ではなく、役割か MCS の ID を書いてください",
       "attested_by is neither a role (mcs_admin, secretariat) nor the MCS ID of a user in the export: write a role or "
       "an MCS ID, never a name"},
      {Code::AttestationWithdrawn, Level::Warning, "attestation-withdrawn",
       "事業所 {0} は脱退しているため、条項 {1} の確認は要りません (この確認記録は一覧に載りません)",
       "facility {0} has withdrawn: clause {1} needs no attestation from it (this one is not listed)"},
      {Code::AttestationUserElsewhere, Level::Warning, "attestation-user-elsewhere",
       "確認した利用者 {0} は事業所 {1} の所属ではありません", "user {0}, who attested, is not of facility {1}"},
      {Code::AttestationFuture, Level::Warning, "attestation-future",
       "条項 {0} の確認日 {1} は基準日 {2} より後のため、この監査では数えません",
       "the attestation of clause {0} was made on {1}, after the as-of date {2}: this audit does not count it"},
      {Code::AttestationLong, Level::Warning, "attestation-long",
       "条項 {0} の有効期限 {1} は確認日 {2} から {3} 日を超えています。この条項の確認は {3} 日ごとが目安です。期限の日付を確かめてください",
       "the attestation of clause {0} holds until {1}, more than {3} days after it was made on {2}: the clause is "
       "attested every {3} days at most; check the date"},
      {Code::RecipientsYaml, Level::Error, "recipients-yaml", "宛先ファイルの YAML エラーです: {0}",
       "recipients file YAML error: {0}"},
      {Code::RecipientsKeyMissing, Level::Error, "recipients-key-missing", "宛先ファイルに {0} がありません",
       "the recipients file lacks {0}"},
      {Code::RecipientsKeyUnknown, Level::Error, "recipients-key-unknown", "宛先ファイルに未知のキー {0} があります{1}",
       "unknown key {0} in the recipients file{1}"},
      {Code::RecipientsType, Level::Error, "recipients-type", "{0} は{1}でなければなりません", "{0} must be {1}"},
      {Code::RecipientsAddress, Level::Error, "recipients-address",
       "{0} はメールアドレス (名前@ドメイン) ではありません。アドレスだけを書いてください (名前や <> は付けません)",
       "{0} is not an e-mail address (name@domain): write the address alone (no name, no <>)"},
      {Code::RecipientsSend, Level::Error, "recipients-send",
       "send の {0} は使えません (when-new-or-due: 新しいことか期限を過ぎたことがある夜だけ、every-night: 毎晩)",
       "send cannot be {0} (when-new-or-due: only on a night with something new or past its deadline; every-night)"},
      {Code::RecipientsUnknownFacility, Level::Warning, "recipients-unknown-facility",
       "宛先ファイルの事業所 {0} は今夜のレポートにありません (脱退したか、ID の誤りかもしれません)",
       "facility {0} of the recipients file is not in tonight's report (withdrawn, or a mistyped id)"},
      {Code::BaselineUnreadable, Level::Error, "baseline-unreadable", "ベースラインを読み込めません: {0}",
       "cannot read the baseline: {0}"},
      {Code::BaselineJson, Level::Error, "baseline-json", "ベースラインが JSON として正しくありません: {0}",
       "the baseline is not valid JSON: {0}"},
      {Code::BaselineNotReport, Level::Error, "baseline-not-report",
       "ベースラインは rurume-audit check の JSON レポートではありません: {0}",
       "the baseline is not a JSON report of rurume-audit check: {0}"},
      {Code::BaselineShrunk, Level::Warning, "baseline-shrunk",
       "{0} のレコードがベースラインの {1} 件から {2} 件に減りました (半分未満)。エクスポートの一部が読めていないかもしれません。"
       "ファイルがすべてそろっているか確認してください",
       "{0} has {2} records, less than half the baseline's {1}: part of the export may be missing; check that "
       "every file of it is there"},
      {Code::BaselineRemoved, Level::Warning, "baseline-removed",
       "ベースラインの指摘 {0} 件は、対象のレコードがエクスポートにないため「解消」ではなく「削除」としています。"
       "レコードを消したのでなければ、エクスポートがすべて読めているか確認してください",
       "{0} findings of the baseline are removed, not fixed: their records are not in the export; unless they "
       "were deleted, check that the whole export was read"},
  };
  return codes;
}

const CodeInfo& InfoOf(Code code) {
  for (const CodeInfo& info : AllCodes())
    if (info.code == code) return info;
  return AllCodes().front();
}

std::string CodeId(Code code) { return fmt::format("RA{}", static_cast<int>(code)); }

namespace {

/// The YAML and export type names of a WrongType diagnostic ("string",
/// "sequence", "int 12") as the Japanese message says them.
std::string TypeNameJa(const std::string& name) {
  static const std::pair<std::string_view, std::string_view> kNames[] = {
      {"string", "文字列"},
      {"sequence", "リスト"},
      {"mapping", "「キー: 値」の組"},
      {"scalar", "1つの値"},
      {"enum", "決められた語のどれか"},
      {"bool", "true か false"},
      {"int", "整数"},
      {"float", "小数"},
      {"date", "日付 (YYYY-MM-DD)"},
      {"timestamp", "日時 (YYYY-MM-DDThh:mm:ss+09:00)"},
      {"null", "空の値"},
      {"id", "ID (文字列)"},
      {"ref", "ID (文字列)"},
  };
  const size_t space = name.find(' ');
  const std::string_view head = std::string_view(name).substr(0, space);
  for (const auto& [en, ja] : kNames)
    if (head == en) return std::string(ja) + (space == std::string::npos ? "" : name.substr(space));
  return name;
}

}  // namespace

std::string Diagnostic::Message(Lang lang) const {
  const CodeInfo& info = InfoOf(code);
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  const std::vector<std::string>& shown = lang == Lang::En && !en_args.empty() ? en_args : args;
  for (size_t i = 0; i < shown.size(); ++i)
    store.push_back(lang == Lang::Ja && code == Code::WrongType && i > 0 ? TypeNameJa(shown[i]) : shown[i]);
  // Templates never name more arguments than their code is given; pad anyway
  // so that a mismatch shows as an empty place rather than an exception.
  for (size_t i = shown.size(); i < 4; ++i) store.push_back(std::string());
  return fmt::vformat(lang == Lang::Ja ? info.ja : info.en, store);
}

void Diagnostics::Add(Code code, std::string file, uint32_t line, uint32_t column, std::vector<std::string> args) {
  Level level = InfoOf(code).level;
  (level == Level::Error ? errors_ : warnings_) += level != Level::Note ? 1 : 0;
  items_.push_back(Diagnostic{code, level, std::move(file), line, column, std::move(args), {}});
}

void Diagnostics::AddLocalized(Code code, std::string file, uint32_t line, uint32_t column,
                               std::vector<std::string> ja_args, std::vector<std::string> en_args) {
  Add(code, std::move(file), line, column, std::move(ja_args));
  items_.back().en_args = std::move(en_args);
}

int Stage(const Diagnostic& d) {
  if (!d.cause_file.empty()) return 3;
  switch (d.code) {
    case Code::Unreadable:
    case Code::Encoding:
    case Code::NotYaml:
    case Code::NotAFile:
    case Code::BrokenLink:
    case Code::NoInput: return 0;
    case Code::YamlSyntax:
    case Code::InvalidUtf8:
    case Code::NulByte:
    case Code::MoreOfTheSame:
    case Code::MultipleDocuments:
    case Code::NotAMapping:
    case Code::AliasLimit:
    case Code::DepthLimit:
    case Code::FormatMissing:
    case Code::FormatUnknown:
    case Code::FileCut:
    case Code::NotAnExport: return 1;
    default: return 2;
  }
}

void Diagnostics::Sort(const std::vector<std::string>& file_order) {
  std::unordered_map<std::string, size_t> rank;
  for (size_t i = 0; i < file_order.size(); ++i) rank.emplace(file_order[i], i + 1);
  auto rank_of = [&](const std::string& f) {
    auto it = rank.find(f);
    return it == rank.end() ? 0 : it->second;
  };
  std::stable_sort(items_.begin(), items_.end(), [&](const Diagnostic& a, const Diagnostic& b) {
    const int sa = Stage(a), sb = Stage(b);
    if (sa != sb) return sa < sb;
    size_t ra = rank_of(a.file), rb = rank_of(b.file);
    if (ra != rb) return ra < rb;
    if (a.line != b.line) return a.line < b.line;
    if (a.column != b.column) return a.column < b.column;
    return static_cast<int>(a.code) < static_cast<int>(b.code);
  });
}

}  // namespace rurume

namespace rurume {

void Diagnostics::Sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.file != b.file) return a.file < b.file;
    if (a.line != b.line) return a.line < b.line;
    if (a.column != b.column) return a.column < b.column;
    return static_cast<int>(a.code) < static_cast<int>(b.code);
  });
}

}  // namespace rurume
