// Rule fixtures: every rule of a rule set against the example exports of
// FIXTURES_DIR/<rule-id>/*.yaml (`rurume-audit test`, and the project's own
// fixture test, which runs this same code on rules/ and tests/rules/).
//
// A fixture is an export file, merged with FIXTURES_DIR/base.yaml when there
// is one. Its header comments give the evaluation date and parameter values:
//   # as-of: 2026-11-24                  required
//   # param: review_interval_days=30     a parameter's value (YAML), repeatable
//   # base: none                         a whole export, not merged with base.yaml
// and comments just before a record say what the rule must report for it:
//   # expect: DV1                        a finding for subject DV1 at the next record's line
//   # expect: DV1 "持ち出し 2026-11-02"    the same, and its Japanese message contains the text
//   # expect-not-evaluated: DV3 device.mdm device.line_suspension
//                                        DV3 not evaluated, for want of exactly these fields
// The rule must report exactly these, nothing else. A rule passes when every
// fixture of it does and it has a fixture where it fires (an `# expect:`
// line) and one where it passes (none). Besides, in every fixture: each
// placeholder of a finding's message evaluates in both languages (one that
// fails prints "?"), no finding is about a record of base.yaml, an absent
// evidence field never leaves a subject not evaluated (absent evidence is
// "not on record", a finding), and a rule with a deadline shows one on its
// findings (a rule without shows none).
#pragma once

#include "base/diagnostics.h"
#include "base/time.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace rurume {

class RuleSet;

/// What one fixture file says.
struct Fixture {
  std::string path;
  std::optional<Date> as_of;
  std::map<std::string, std::string> params;  // name -> YAML value
  std::map<std::string, size_t> param_lines;  // name -> the line of its `# param:` comment
  std::set<std::string> findings;             // "DV1@12": subject and record line
  std::map<std::string, std::string> texts;   // "DV1@12" -> what its Japanese message contains
  std::map<std::string, size_t> expect_lines; // "DV1@12" -> the line of its `# expect:` comment
  /// `# expect-not-evaluated:`: subject -> its missing fields, sorted and
  /// joined by spaces; and the line of each comment.
  std::map<std::string, std::string> not_evaluated;
  std::map<std::string, size_t> not_evaluated_lines;
  bool with_base = true;                      // `# base: none`: false
  /// Mistakes in the comments themselves: (line, what), in English; the
  /// report says them in its language through FixtureProblem::Kind.
  struct Mistake {
    size_t line;
    enum Kind { BadAsOf, BadParam, UnterminatedQuote, NoSubject } kind;
    std::string text;  // the comment's value
  };
  std::vector<Mistake> mistakes;
  bool fires() const { return !findings.empty(); }
};

/// Reads a fixture's comments (the export itself is read when it is run).
/// An unreadable file gives a Fixture with no as-of.
Fixture ReadFixture(const std::string& path);

/// A difference between what the fixtures say and what the rule did.
struct FixtureProblem {
  enum class Kind {
    // The fixture itself.
    NoAsOf,                 // no `# as-of:` line
    BadAsOf,                // `# as-of:` that is not a date (text)
    BadParam,               // `# param:` without NAME=VALUE (text)
    UnterminatedQuote,      // `# expect: ID "...` (text)
    NoSubject,              // `# expect:` or `# expect-not-evaluated:` without a subject
    InputError,             // the fixture (or base.yaml) does not load: `diagnostic`
    RulesError,             // the rule set does not load with the fixture's parameters: `diagnostic`
    AuditError,             // the audit itself failed (a runaway expression): `diagnostic`
    // What the rule did.
    MissingFinding,         // subject expected at `line`, not reported
    UnexpectedFinding,      // subject reported at `line` (actual: its message), not expected
    WrongText,              // the Japanese message (actual) lacks the expected text
    EmptyMessage,           // a finding without a message
    PlaceholderFailed,      // a placeholder of the message (in `lang`) failed: actual is the error
    FindingInBase,          // a finding about a record of base.yaml
    LanguagesDisagree,      // the Japanese and English runs found different subjects
    MissingNotEvaluated,    // subject expected not evaluated (expected: the fields), but it was not
    UnexpectedNotEvaluated, // subject not evaluated (actual: the fields or reason), not expected
    WrongNotEvaluated,      // not evaluated for other fields: expected, actual
    EvidenceNotEvaluated,   // not evaluated for want of an evidence field (actual)
    DeadlineText,           // a deadline without its text for people, or the two languages' disagree
    // The rule's fixtures as a whole (no file).
    NoFixtures,
    NeverFires,             // no fixture with an `# expect:` line
    NeverPasses,            // no fixture without one
    NoDeadlineShown,        // the rule has a deadline; no finding of its fixtures shows one
    UnexpectedDeadline,     // the rule has no deadline; a finding shows one
  };
  Kind kind = Kind::NoFixtures;
  std::string file;       // the fixture; empty for the rule's fixtures as a whole
  size_t line = 0;        // where in it (the comment or the record), 0 when nowhere
  std::string subject;    // "DV1"
  std::string expected;   // the expected text or fields
  std::string actual;     // the message, fields, reason or error (in English)
  std::string actual_ja;  // the same in Japanese, when it differs (a message, a reason)
  Lang lang = Lang::Ja;   // PlaceholderFailed: the message's language
  std::optional<Diagnostic> diagnostic;  // InputError, RulesError, AuditError
};

/// One rule's fixtures and what went wrong with them.
struct RuleFixtures {
  std::string rule_id;
  std::vector<std::string> fixtures;  // the fixtures' paths, sorted
  std::vector<FixtureProblem> problems;
  bool passed() const { return problems.empty(); }
};

/// A run over every rule of a rule set.
struct FixtureRun {
  std::string fixtures_dir;
  std::string base;                    // FIXTURES_DIR/base.yaml, or empty when there is none
  /// base.yaml's input errors (read alone): then no fixture is run.
  std::vector<Diagnostic> base_errors;
  std::vector<RuleFixtures> rules;     // in the rule set's order
  std::vector<std::string> strays;     // directories of FIXTURES_DIR that name no rule
  size_t fixtures() const;
  size_t failed() const;               // rules that failed
  bool passed() const { return failed() == 0 && strays.empty(); }
};

/// Runs every rule of `rules` (loaded from rules.dir() without a
/// configuration) on its fixtures in `fixtures_dir`. A fixture with
/// `# param:` lines is run with the rule set loaded again with those values.
/// A base.yaml that does not load by itself stops the run (base_errors).
FixtureRun RunFixtures(const RuleSet& rules, const std::string& fixtures_dir);

}  // namespace rurume
