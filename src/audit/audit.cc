#include "audit/audit.h"

#include "bind/binding.h"
#include "bind/message_text.h"
#include "calendar/human.h"
#include "calendar/time_util.h"
#include "expr/eval.h"
#include "expr/program.h"
#include "expr/value_ops.h"
#include "load/loader.h"

#include <fmt/format.h>

#include <map>
#include <optional>

namespace rurume {

namespace {

using expr::Value;

/// The message of a finding; a placeholder that fails to evaluate prints
/// "?" and is noted in `errors` ("{{source}}: error").
std::string Render(const Template& t, const expr::Activation& act, const expr::EvalOptions& options, Lang lang,
                   std::vector<std::string>& errors) {
  std::string out;
  for (const Template::Piece& p : t.pieces) {
    if (!p.program) {
      out += p.text;
      continue;
    }
    Value v = p.program->Eval(act, options);
    if (v.is_error()) {
      out += "?";
      errors.push_back("{{" + p.text + "}}: " + v.error().message);
      continue;
    }
    out += MessageText(v, lang, p.labels);
  }
  return out;
}

/// Runs one rule over its subjects.
class RuleRun {
 public:
  RuleRun(const CompiledRule& cr, const Export& ex, const std::vector<Subject>& subjects, const AuditOptions& options,
          AuditResult& result, IncompleteData* incomplete)
      : cr_(cr), ex_(ex), subjects_(subjects), options_(options), result_(result), act_(*cr.env),
        incomplete_(incomplete) {
    act_.Set(cr.vars.params, Value::Object(cr.params_type.get(), cr.params_type.get()));
    act_.Set(cr.vars.as_of, Value::Date(options.as_of));
    if (ex.network) act_.Set(cr.vars.network, Value::Object(ObjectTypeOf(NetworkDesc()), &*ex.network));
    if (ex.exported_at) act_.Set(cr.vars.exported_at, Value::Timestamp(ex.exported_at->utc));
    eval_.cost_limit = options.cost_limit;
    // Japan time: the as-of day ends at the next day's 00:00 JST.
    const Date d = options.as_of;
    end_of_as_of_ = (calendar::time::DaysFromCivil(d.year(), d.month(), d.day()) + 1) * 86400 - 9 * 3600;
  }

  void Run() {
    const Rule& r = cr_.rule;
    RuleOutcome outcome{&r};
    const expr::ObjectType* type = ObjectTypeOf(*r.subject->desc);
    for (const Subject& s : subjects_) {
      act_.Set(cr_.vars.subject, Value::Object(type, s.record));
      // The subject's reference (a copy of its id) is made only for what is reported.
      auto ref = [&] { return SubjectRef{r.subject->desc, s.record, r.subject->desc->name, s.id, s.loc, s.facility}; };
      std::optional<Value> unknown_scope;
      if (r.when) {
        Value w = r.when->Eval(act_, eval_);
        if (w.is_error() && !w.error().missing.empty()) {
          // Whether the rule applies is unknown; a rule reads as
          // `!when || require`, so a require that holds decides it (the
          // catalogue: a check whose answer does not depend on the unknown
          // value is decided), and one that does not leaves it unknown.
          unknown_scope = std::move(w);
        } else if (w.is_error() || !w.is(expr::Kind::Bool)) {
          NotEvaluatedFor(outcome, ref(), w);
          continue;
        } else if (!w.bool_value()) {
          continue;
        }
      }
      if (incomplete_) incomplete_->Reset();
      Value v = r.checks.empty() ? r.require->Eval(act_, eval_) : EvalChecks(r);
      // An unknown scope: only a require that holds (on records read whole) decides; it passes below.
      if (unknown_scope && !(v.is(expr::Kind::Bool) && v.bool_value() && !(incomplete_ && (incomplete_->hit() || Partial(s))))) {
        NotEvaluatedFor(outcome, ref(), v.is_error() ? expr::MergeErrors(*unknown_scope, v) : *unknown_scope);
        continue;
      }
      ++outcome.applicable;
      if (v.is_error() || !v.is(expr::Kind::Bool)) {
        NotEvaluatedFor(outcome, ref(), v);
      } else if (!v.bool_value() && incomplete_ && (incomplete_->hit() || Partial(s))) {
        // A failure that read records a file read only in part may lack, or
        // a subject read only in part: not a finding to present as fact.
        ++outcome.not_evaluated;
        const std::string at = incomplete_->hit() ? *incomplete_->hit() : FormatLoc(ex_, s.loc);
        result_.not_evaluated.push_back(NotEvaluated{
            &r, ref(), {},
            options_.lang == Lang::En
                ? fmt::format("input error at {}: the records it needs may not all have been read", at)
                : fmt::format("入力エラー ({}) のため、必要なデータをすべては読めていない可能性があります", at)});
      } else if (v.bool_value()) {
        ++outcome.passed;
        if (!s.facility.empty()) ++outcome.passed_by_facility[s.facility];
      } else {
        ++outcome.failed;
        Finding& f = result_.findings.emplace_back(Finding{&r, ref(), {}, {}});
        if (!r.checks.empty()) {
          std::string reasons;
          for (const NamedCheck* c : failed_)
            reasons += (reasons.empty() ? "" : options_.lang == Lang::En ? "; " : "、") +
                       Render(c->reason(options_.lang), act_, eval_, options_.lang, f.message_errors);
          act_.Set(cr_.vars.reasons, Value::String(std::move(reasons)));
        }
        f.message = Render(r.message(options_.lang), act_, eval_, options_.lang, f.message_errors);
        if (r.deadline) Deadline(*r.deadline, f);
      }
    }
    result_.outcomes.push_back(outcome);
  }

 private:
  /// Whether the subject's file stopped inside it (for a member: inside its group).
  bool Partial(const Subject& s) const {
    const RecordDesc& desc = *cr_.rule.subject->desc;
    const Record* rec = desc.as_record ? desc.as_record(const_cast<void*>(s.record)) : nullptr;
    if (rec && rec->partial) return true;
    if (&desc == &DescOf<Member>()) {
      const Group* g = static_cast<const Member*>(s.record)->group;
      return g && g->partial;
    }
    return false;
  }

  /// A rule's named checks, as `&&` of them: false when any is false (the
  /// false ones are kept in failed_, in the rule's order), else the errors
  /// of those that could not be evaluated, merged (their missing fields
  /// together, as `&&` merges them), else true.
  Value EvalChecks(const Rule& r) {
    failed_.clear();
    std::optional<Value> unknown;
    for (const NamedCheck& c : r.checks) {
      Value v = c.program->Eval(act_, eval_);
      if (v.is_error() && unknown && unknown->is_error()) {
        unknown = expr::MergeErrors(*unknown, v);
      } else if (v.is_error() || !v.is(expr::Kind::Bool)) {
        if (!unknown) unknown = std::move(v);
      } else if (!v.bool_value()) {
        failed_.push_back(&c);
      }
    }
    if (!failed_.empty()) return Value::Bool(false);
    return unknown ? *unknown : Value::Bool(true);
  }

  /// The finding's deadline. One that reads an absent field (the day it
  /// counts from is not on record) is no deadline; one that does not
  /// evaluate otherwise is a defect of the rule, noted with the message's.
  void Deadline(const expr::Program& p, Finding& f) {
    Value v = p.Eval(act_, eval_);
    if ((v.is_error() && !v.error().missing.empty()) || v.is(expr::Kind::Null)) return;
    if (v.is_error() || !(v.is(expr::Kind::Date) || v.is(expr::Kind::Timestamp))) {
      f.message_errors.push_back("deadline: " + (v.is_error() ? v.error().message : std::string("not a date")));
      return;
    }
    f.deadline = MessageText(v);
    f.deadline_text = MessageText(v, options_.lang, nullptr);
    if (v.is(expr::Kind::Timestamp)) {
      // A deadline at 00:00 Japan time is the end of the day before: people
      // read "by 26 November", not "by 27 November 00:00".
      const calendar::time::Civil c = calendar::time::ToCivil(v.timestamp_seconds(), 0, 9 * 3600);
      if (c.hour == 0 && c.minute == 0 && c.second == 0 && v.timestamp_nanos() == 0)
        f.deadline_text = calendar::HumanDate(Date(static_cast<int>(c.year), c.month, c.day) - boost::gregorian::days(1),
                                              options_.lang);
    }
    if (v.is(expr::Kind::Date)) {
      f.overdue = v.date_value() < options_.as_of;
    } else {
      f.overdue = v.timestamp_seconds() < end_of_as_of_;
    }
  }

  void NotEvaluatedFor(RuleOutcome& outcome, SubjectRef ref, const Value& v) {
    ++outcome.not_evaluated;
    NotEvaluated ne{&cr_.rule, std::move(ref), {}, {}, {}};
    if (v.is_error()) {
      ne.missing = v.error().missing;
      if (ne.missing.empty()) {
        if (v.error().for_reader)
          ne.reason = v.error().message;
        else
          ne.detail = v.error().message;
      }
    } else {
      ne.detail = fmt::format("the expression gave {}, not a bool", v.DebugString());
    }
    // The evaluator's error is in its own words: the reader is told what it
    // means for them, the rule's maintainer finds the error in `detail`.
    if (!ne.detail.empty())
      ne.reason = options_.lang == Lang::En
                      ? "the rule's expression could not be computed for this record; "
                        "tell whoever maintains the rules (the JSON report has the error)"
                      : "ルールの式をこの記録について計算できませんでした。ルールを管理する人に伝えてください"
                        " (JSON レポートにエラーの内容があります)";
    result_.not_evaluated.push_back(std::move(ne));
  }

  const CompiledRule& cr_;
  const Export& ex_;
  const std::vector<Subject>& subjects_;
  const AuditOptions& options_;
  AuditResult& result_;
  expr::Activation act_;
  expr::EvalOptions eval_;
  std::vector<const NamedCheck*> failed_;
  int64_t end_of_as_of_ = 0;  // unix seconds: a timestamp deadline before it is overdue
  IncompleteData* incomplete_;  // null when every file was read completely and every value was usable
};

}  // namespace

std::string ResponsibleParty(const Finding& f, Lang lang) {
  return ActorText(f.rule->actor, f.subject.facility, lang);
}

AuditResult RunAudit(const RuleSet& rules, const Export& ex, const AuditOptions& options, Diagnostics& diags) {
  AuditResult result;
  // Each kind's subjects are listed once, for all the rules over that kind.
  std::map<const SubjectKind*, std::vector<Subject>> subjects;
  for (const CompiledRule& cr : rules.rules())
    if (!subjects.count(cr.rule.subject)) subjects.emplace(cr.rule.subject, SubjectsOf(ex, *cr.rule.subject));
  // What a file read only in part or an unusable value leaves out; null when nothing.
  IncompleteData incomplete_data(ex, options.lang);
  IncompleteData* incomplete = incomplete_data.any() || !ex.bad_values.empty() ? &incomplete_data : nullptr;
  IncompleteData::Scope scope(incomplete);
  ErrorLanguage reasons_in(options.lang);  // the reasons of subjects not evaluated
  for (const CompiledRule& cr : rules.rules()) {
    if (options.on_rule) options.on_rule(static_cast<size_t>(&cr - rules.rules().data()), rules.rules().size());
    size_t findings = result.findings.size(), not_evaluated = result.not_evaluated.size();
    try {
      RuleRun(cr, ex, subjects.at(cr.rule.subject), options, result, incomplete).Run();
    } catch (const expr::CostLimitExceeded& e) {
      // Nothing of a rule stopped half-way is reported: its partial results
      // would look like a complete check.
      result.findings.resize(findings);
      result.not_evaluated.resize(not_evaluated);
      diags.Add(Code::CostLimit, cr.rule.file, 0, 0,
                {cr.rule.id, std::to_string(options.cost_limit), e.what()});
    }
  }
  return result;
}

}  // namespace rurume
