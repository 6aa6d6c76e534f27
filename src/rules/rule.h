// A rule file (rules/<id>.yaml): one rule, mapped to one clause of the
// policy, with its expressions in the CEL subset of src/expr.
#pragma once

#include "expr/value.h"
#include "base/diagnostics.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace rurume {

namespace expr {
class Program;
}
struct SubjectKind;
struct EnumDesc;

struct Localized {
  std::string ja;
  std::string en;
  const std::string& in(Lang lang) const { return lang == Lang::En && !en.empty() ? en : ja; }
};

/// A rule parameter: its default from the rule file, and the value in force.
struct RuleParam {
  std::string name;
  expr::TypePtr type;
  expr::Value default_value;
  expr::Value value;
  std::string set_by;  // empty: the default; else the config file that set it
  /// An int parameter's range, both ends included: declared in the rule file
  /// (`name: {default: 24, min: 0, max: 8760}`), else kDefaultMin..kDefaultMax.
  /// A value outside it (from --config) is RA2024: the policy functions and
  /// the evaluator check their arithmetic too, but a nonsense limit would
  /// give nonsense findings long before it overflowed.
  int64_t min = kDefaultMin;
  int64_t max = kDefaultMax;
  static constexpr int64_t kDefaultMin = 0;
  static constexpr int64_t kDefaultMax = 10000;
};

/// A message template: literal text and `{{ expression }}` places.
struct Template {
  struct Piece {
    std::string text;                              // literal text, or the expression's source
    std::shared_ptr<const expr::Program> program;  // null for literal text
    /// The place's value is an enumeration's (rules/lint.h LabelledEnum):
    /// the message shows its labels, not the export's spellings.
    const EnumDesc* labels = nullptr;
  };
  std::vector<Piece> pieces;
};

/// One named check of a rule whose `require` is a list: the subject passes
/// when every check is true; the finding's message lists the reasons of the
/// checks that are false (the `reasons` variable of the message, a string).
struct NamedCheck {
  std::string name;    // "purpose": unique within the rule
  std::string source;  // the boolean expression
  Localized reason_source;
  std::shared_ptr<const expr::Program> program;
  Template reason_ja;
  Template reason_en;
  const Template& reason(Lang lang) const { return lang == Lang::En ? reason_en : reason_ja; }
};

/// Who must act on a finding of the rule (its `actor`): the subject's
/// facility itself (its head, where it has no MCS administrator), the MCS
/// administrator of the subject's facility, the patient group's originating
/// facility (連携元事業所), the group's administrator, or the medical
/// association's secretariat. Never a person's name.
enum class Actor { Facility, FacilityAdmin, OriginFacility, GroupAdmin, Secretariat };

/// The rule file's spelling of an actor ("facility_admin"), and back.
std::string_view ActorKey(Actor a);
std::optional<Actor> ActorFromKey(std::string_view key);
/// "F003 の MCS管理者", "連携元事業所 F003", "医師会事務局"; an empty
/// facility leaves it out ("MCS管理者").
std::string ActorText(Actor a, std::string_view facility, Lang lang);

struct Rule {
  std::string id;       // "N1.10-remote-control"
  std::string clause;   // "N1.10"
  std::string file;     // where it was read
  Level severity = Level::Error;
  Localized title;
  Localized remediation;  // the real-world step, for the one who must act
  Localized record;       // how the export's keeper records that it was done
  Actor actor = Actor::FacilityAdmin;
  std::string rationale;  // the policy's words
  const SubjectKind* subject = nullptr;
  std::string when_source;  // empty: every subject
  std::string require_source;  // `require` as one expression; empty when `checks`
  std::vector<NamedCheck> checks;   // `require` as a list of named checks
  Localized message_source;
  std::vector<RuleParam> params;

  std::shared_ptr<const expr::Program> when;
  std::shared_ptr<const expr::Program> require;
  Template message_ja;
  Template message_en;
  /// `deadline`: by when the finding must be acted on (a date or a
  /// timestamp), or null in the file (source empty) where the clause sets no
  /// time limit.
  std::string deadline_source;
  std::shared_ptr<const expr::Program> deadline;

  const RuleParam* Param(std::string_view name) const {
    for (const RuleParam& p : params)
      if (p.name == name) return &p;
    return nullptr;
  }
  const Template& message(Lang lang) const { return lang == Lang::En ? message_en : message_ja; }
};

}  // namespace rurume
