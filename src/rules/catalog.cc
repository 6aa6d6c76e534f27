#include "bind/binding.h"
#include "rules/catalog.h"

#include "base/suggest.h"
#include "bind/message_text.h"
#include "text/width.h"

#include <fmt/format.h>

#include <algorithm>

namespace rurume {

namespace {

/// A severity as people read it: エラー, 警告, 注記 (error, warning, note).
std::string_view SeverityName(Level level, Lang lang) {
  if (lang == Lang::En) return LevelName(level);
  return level == Level::Error ? "エラー" : level == Level::Warning ? "警告" : "注記";
}

/// Lines of `text` indented by `indent`, wrapped at nothing: the terminal wraps.
std::string Indented(const std::string& text, const std::string& indent) {
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out += indent + text.substr(start, end - start) + "\n";
    start = end + 1;
  }
  return out;
}

/// How a clause is checked, as people read it: 自動, 手動, 情報 (auto, manual, info).
std::string_view CheckLabel(Clause::Check check, Lang lang) {
  if (lang == Lang::En) return CheckName(check);
  return check == Clause::Check::Auto ? "自動" : check == Clause::Check::Manual ? "手動" : "情報";
}

std::string ParamValueText(const RuleParam& p) { return MessageText(p.value); }

std::string ExplainRule(const Rule& r, const ClauseList& clauses, Lang lang) {
  const bool ja = lang == Lang::Ja;
  std::string out = fmt::format("{}  [{}, {}]\n  {}\n\n", r.id, r.clause, SeverityName(r.severity, lang), r.title.in(lang));
  const Clause* c = clauses.Find(r.clause);
  out += ja ? "条項:\n" : "Clause:\n";
  if (c) out += fmt::format("  {} {} {}\n", c->id, c->Source(lang), c->Obligation(lang));
  out += ja ? "ポリシーの文言:\n" : "Policy text:\n";
  out += Indented(r.rationale, "  ");
  if (c && !c->Detail(lang).empty()) {
    out += ja ? "確認すること:\n" : "What is checked:\n";
    out += Indented(c->Detail(lang), "  ");
  }
  if (!r.params.empty()) {
    out += ja ? "パラメータ (現在の値):\n" : "Parameters (values in force):\n";
    for (const RuleParam& p : r.params) {
      std::string origin = p.set_by.empty() ? (ja ? "既定値" : "default")
                                            : fmt::format("{} {}", ja ? "設定:" : "set by", p.set_by);
      if (p.type->ToString() == "int") origin += fmt::format(ja ? "、範囲 {} から {}" : ", range {} to {}", p.min, p.max);
      out += fmt::format("  {} = {}  ({})\n", p.name, ParamValueText(p), origin);
    }
  }
  out += ja ? "対処:\n" : "How to fix:\n";
  out += Indented(r.remediation.in(lang), "  ");
  out += ja ? "記録のしかた:\n" : "How it is recorded:\n";
  out += Indented(r.record.in(lang), "  ");
  out += ja ? "対応する人:\n" : "Who acts:\n";
  out += "  " + ActorText(r.actor, "", lang) + "\n";
  out += ja ? "期限:\n" : "Deadline:\n";
  out += r.deadline_source.empty()
             ? std::string(ja ? "  なし (この指摘には、期日までにする対処がありません)\n"
                              : "  none (nothing about this finding is to be done by a date)\n")
             : std::string(ja ? "  あり: 指摘ごとに期日を計算して、レポートに表示します\n"
                              : "  yes: computed for each finding and shown in the report\n");
  // The expressions are the rule's own source: for whoever maintains the rules.
  out += ja ? "ルールの式 (ルールを管理する人向け):\n" : "The rule's expressions (for whoever maintains the rules):\n";
  out += fmt::format("  for: {}\n", r.subject->collection);
  if (!r.when_source.empty()) out += Indented("when: " + r.when_source, "  ");
  if (r.checks.empty()) out += Indented("require: " + r.require_source, "  ");
  else out += "  require:\n";
  for (const NamedCheck& check : r.checks) {
    out += fmt::format("    - {}: {}\n", check.name, check.reason_source.in(lang));
    out += Indented(check.source, "        ");
  }
  if (!r.deadline_source.empty()) out += Indented("deadline: " + r.deadline_source, "  ");
  return out;
}

std::string ExplainClause(const Clause& c, const RuleSet& rules, Lang lang) {
  const bool ja = lang == Lang::Ja;
  std::string out = fmt::format("{}  {}  {}  [{}]\n", c.id, c.Source(lang), c.Obligation(lang), CheckLabel(c.check, lang));
  if (!c.policy.empty()) {
    out += ja ? "ポリシーの文言:\n" : "Policy text:\n";
    out += Indented(c.policy, "  ");
  }
  if (c.check == Clause::Check::Manual) {
    out += ja ? "この条項はエクスポートからは確かめられません。担当者が確認し、確認記録 (--attestations) に書きます。\n"
              : "No export can show this clause: a person attests it, in the attestations file (--attestations).\n";
    out += fmt::format(ja ? "確認する範囲: {}\n有効期間の目安: 確認日から {} 日\n記録の例: {}\n"
                          : "Attested: {}\nValid for: at most {} days from the day it is attested\nEvidence, e.g.: {}\n",
                       c.scope == Clause::Scope::Facility ? (ja ? "事業所ごと (参加中の事業所がそれぞれ確認します)" : "by each facility")
                                                           : (ja ? "ネットワーク全体 (医師会事務局が1つ確認します)" : "once for the network (the secretariat)"),
                       c.valid_days, c.Evidence(lang));
  }
  if (c.check == Clause::Check::Info) out += ja ? "義務を定めない条項です。\n" : "This clause states no obligation.\n";
  if (!c.via.empty()) {
    std::string via;
    for (const std::string& v : c.via) via += (via.empty() ? "" : ", ") + v;
    out += fmt::format(ja ? "{} のルールで確認します。\n" : "Checked through the rules of {}.\n", via);
  }
  for (const Rule* r : rules.RulesOf(c.id)) out += "\n" + ExplainRule(*r, rules.clauses(), lang);
  return out;
}

}  // namespace

std::string RulesTable(const RuleSet& rules, Lang lang) {
  size_t id_w = 2, clause_w = 6;
  for (const CompiledRule& cr : rules.rules()) {
    id_w = std::max(id_w, DisplayWidth(cr.rule.id));
    clause_w = std::max(clause_w, DisplayWidth(cr.rule.clause));
  }
  std::string out = PadRight("ID", id_w) + "  " + PadRight(lang == Lang::Ja ? "条項" : "CLAUSE", clause_w) + "  " +
                    PadRight(lang == Lang::Ja ? "重大度" : "SEVERITY", 8) + "  " +
                    (lang == Lang::Ja ? "題名" : "TITLE") + "\n";
  for (const CompiledRule& cr : rules.rules())
    out += PadRight(cr.rule.id, id_w) + "  " + PadRight(cr.rule.clause, clause_w) + "  " +
           PadRight(SeverityName(cr.rule.severity, lang), 8) + "  " + cr.rule.title.in(lang) + "\n";
  return out;
}

std::optional<std::string> Explain(const RuleSet& rules, std::string_view what, Lang lang) {
  if (const CompiledRule* cr = rules.Find(what)) return ExplainRule(cr->rule, rules.clauses(), lang);
  if (const Clause* c = rules.clauses().Find(what)) return ExplainClause(*c, rules, lang);
  // Ids are looked up in any case ("n1.10", "n1.10-remote-control").
  for (const CompiledRule& cr : rules.rules())
    if (SameIgnoringCase(cr.rule.id, what)) return ExplainRule(cr.rule, rules.clauses(), lang);
  for (const Clause& c : rules.clauses().all())
    if (SameIgnoringCase(c.id, what)) return ExplainClause(c, rules, lang);
  return std::nullopt;
}

std::string ExplainSuggestion(const RuleSet& rules, std::string_view what, Lang lang) {
  std::vector<std::string_view> names;
  for (const CompiledRule& cr : rules.rules()) names.push_back(cr.rule.id);
  for (const Clause& c : rules.clauses().all()) names.push_back(c.id);
  return SuggestionSentence(what, names, lang == Lang::Ja);
}

std::string ClausesReport(const RuleSet& rules, Lang lang, ClauseCoverage* coverage) {
  const bool ja = lang == Lang::Ja;
  ClauseCoverage cov;
  size_t id_w = 0, src_w = 0;
  for (const Clause& c : rules.clauses().all()) {
    id_w = std::max(id_w, DisplayWidth(c.id));
    src_w = std::max(src_w, DisplayWidth(c.Source(lang)));
  }
  std::string out;
  std::string checklist;
  for (const Clause& c : rules.clauses().all()) {
    std::string how;
    switch (c.check) {
      case Clause::Check::Auto: {
        ++cov.auto_clauses;
        std::string ids;
        for (const Rule* r : rules.RulesOf(c.id)) ids += (ids.empty() ? "" : ", ") + r->id;
        if (ids.empty() && !c.via.empty()) {
          for (const std::string& v : c.via) ids += (ids.empty() ? "" : ", ") + v;
          ids = fmt::format(ja ? "{} のルールで確認" : "via {}", ids);
          bool all = std::all_of(c.via.begin(), c.via.end(), [&](const std::string& v) { return !rules.RulesOf(v).empty(); });
          if (!all) ids += ja ? " (ルールなし)" : " (no rule)";
          if (all) ++cov.covered;
          else cov.uncovered.push_back(c.id);
        } else if (ids.empty()) {
          ids = ja ? "ルールなし" : "NO RULE";
          cov.uncovered.push_back(c.id);
        } else {
          ++cov.covered;
        }
        how = PadRight(CheckLabel(c.check, lang), 6) + "  " + ids;
        break;
      }
      case Clause::Check::Manual:
        ++cov.manual;
        how = std::string(CheckLabel(c.check, lang));
        checklist += fmt::format("[ ] {} {} {} ({}{}{})\n", c.id, c.Source(lang), c.Obligation(lang),
                                 ScopeLabel(c.scope, lang),
                                 ja ? "、" : ", ",
                                 fmt::format(ja ? "{} 日ごと" : "every {} days", c.valid_days));
        if (!c.policy.empty()) checklist += Indented(c.policy, "      ");
        break;
      case Clause::Check::Info:
        ++cov.info;
        how = std::string(CheckLabel(c.check, lang));
        break;
    }
    out += PadRight(c.id, id_w) + "  " + PadRight(c.Source(lang), src_w) + "  " + how + "\n";
  }
  out += fmt::format(ja ? "\n{} 条項: 自動 {} (ルールで確認 {})、手動 {}、情報 {}\n"
                        : "\n{} clauses: {} auto ({} covered by rules), {} manual, {} info\n",
                     rules.clauses().all().size(), cov.auto_clauses, cov.covered, cov.manual, cov.info);
  if (!cov.uncovered.empty()) {
    std::string ids;
    for (const std::string& id : cov.uncovered) ids += (ids.empty() ? "" : ", ") + id;
    out += fmt::format(ja ? "ルールのない自動の条項: {}\n" : "auto clauses without a rule: {}\n", ids);
  }
  out += ja ? "\n担当者が確認する項目 (手動。確認記録は --attestations、ひな形は clauses --template):\n"
            : "\nTo be attested by a person (manual; attestations: --attestations, a template: clauses --template):\n";
  out += checklist;
  if (coverage) *coverage = cov;
  return out;
}

}  // namespace rurume
