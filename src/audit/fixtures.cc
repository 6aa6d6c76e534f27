#include "audit/fixtures.h"

#include "audit/audit.h"
#include "load/loader.h"
#include "load/scalars.h"
#include "model/model.h"
#include "model/schema.h"
#include "rules/ruleset.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace rurume {

namespace fs = std::filesystem;

namespace {

std::string Trim(std::string s) {
  s.erase(0, s.find_first_not_of(" \t"));
  s.erase(s.find_last_not_of(" \t\r") + 1);
  return s;
}

/// The line of the record an expectation comment announces: the next line
/// that starts a list item.
size_t NextRecordLine(const std::vector<std::string>& lines, size_t from) {
  for (size_t i = from; i < lines.size(); ++i)
    if (Trim(lines[i]).rfind("- ", 0) == 0) return i + 1;
  return 0;
}

/// "DV1@12" -> ("DV1", 12)
std::pair<std::string, size_t> SplitKey(const std::string& key) {
  const size_t at = key.rfind('@');
  return {key.substr(0, at), static_cast<size_t>(std::stoul(key.substr(at + 1)))};
}

std::string SortedFields(std::vector<std::string> fields) {
  std::sort(fields.begin(), fields.end());
  std::string out;
  for (const std::string& f : fields) out += (out.empty() ? "" : " ") + f;
  return out;
}

}  // namespace

Fixture ReadFixture(const std::string& path) {
  Fixture f;
  f.path = path;
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string t = Trim(lines[i]);
    auto value = [&](const std::string& prefix) { return Trim(t.substr(prefix.size())); };
    auto mistake = [&](Fixture::Mistake::Kind kind, const std::string& text) {
      f.mistakes.push_back(Fixture::Mistake{i + 1, kind, text});
    };
    if (t.rfind("# as-of:", 0) == 0) {
      f.as_of = ParseDate(value("# as-of:"));
      if (!f.as_of) mistake(Fixture::Mistake::BadAsOf, value("# as-of:"));
    } else if (t.rfind("# base:", 0) == 0) {
      f.with_base = value("# base:") != "none";
    } else if (t.rfind("# param:", 0) == 0) {
      const std::string p = value("# param:");
      const size_t eq = p.find('=');
      if (eq == std::string::npos || Trim(p.substr(0, eq)).empty()) {
        mistake(Fixture::Mistake::BadParam, p);
        continue;
      }
      f.params[Trim(p.substr(0, eq))] = Trim(p.substr(eq + 1));
      f.param_lines[Trim(p.substr(0, eq))] = i + 1;
    } else if (t.rfind("# expect:", 0) == 0) {
      const std::string v = value("# expect:");
      const size_t quote = v.find('"');
      const std::string id = Trim(v.substr(0, quote));
      if (id.empty() || id.find_first_of(" \t") != std::string::npos) {
        mistake(Fixture::Mistake::NoSubject, v);
        continue;
      }
      std::string text;
      if (quote != std::string::npos) {
        const size_t end = v.rfind('"');
        if (end <= quote) {
          mistake(Fixture::Mistake::UnterminatedQuote, v);
          continue;
        }
        text = v.substr(quote + 1, end - quote - 1);
      }
      const std::string key = fmt::format("{}@{}", id, NextRecordLine(lines, i + 1));
      f.findings.insert(key);
      f.expect_lines[key] = i + 1;
      if (quote != std::string::npos) f.texts[key] = text;
    } else if (t.rfind("# expect-not-evaluated:", 0) == 0) {
      std::istringstream words(value("# expect-not-evaluated:"));
      std::string id, field;
      words >> id;
      if (id.empty()) {
        mistake(Fixture::Mistake::NoSubject, "");
        continue;
      }
      std::vector<std::string> missing;
      while (words >> field) missing.push_back(field);
      std::string& entry = f.not_evaluated[id];
      const std::string fields = SortedFields(missing);
      entry += (entry.empty() ? "" : " | ") + fields;
      f.not_evaluated_lines.emplace(id, i + 1);
    }
  }
  return f;
}

size_t FixtureRun::fixtures() const {
  size_t n = 0;
  for (const RuleFixtures& r : rules) n += r.fixtures.size();
  return n;
}

size_t FixtureRun::failed() const {
  return static_cast<size_t>(std::count_if(rules.begin(), rules.end(), [](const RuleFixtures& r) { return !r.passed(); }));
}

namespace {

using Kind = FixtureProblem::Kind;

/// The rule set with a fixture's parameter values, through a configuration
/// file of its own; its diagnostics are moved to the `# param:` lines.
std::optional<RuleSet> RulesWithParams(const RuleSet& rules, const Fixture& f, std::vector<Diagnostic>& problems) {
  static std::atomic<unsigned> counter{0};
  const fs::path config = fs::temp_directory_path() /
                          fmt::format("rurume-fixture-{}-{}.yaml", static_cast<long>(getpid()), counter++);
  std::vector<std::string> order;
  {
    std::ofstream out(config);
    out << "params:\n";
    for (const auto& [name, value] : f.params) {
      out << "  " << name << ": " << value << "\n";
      order.push_back(name);
    }
  }
  Diagnostics diags;
  auto loaded = RuleSet::Load(rules.dir(), config.string(), diags);
  std::error_code ec;
  fs::remove(config, ec);
  for (Diagnostic d : diags.all()) {
    if (d.level != Level::Error) continue;
    if (d.file == config.string()) {
      // Line 1 is `params:`, line 2 the first parameter, in name order.
      const size_t i = d.line >= 2 ? d.line - 2 : order.size();
      d.file = f.path;
      d.line = static_cast<uint32_t>(i < order.size() ? f.param_lines.at(order[i]) : 0);
      d.column = d.line ? 1 : 0;
    }
    problems.push_back(d);
  }
  return loaded;
}

/// An absent evidence field is "not on record", a finding, never unknown
/// (the catalogue's Missing values); but a deadline whose starting event is
/// missing is not evaluated even when that event is evidence (N2.2 without
/// reported_to_admin_at: N2.1 reports the missing report).
bool IsEvidence(const std::string& field, const Rule& rule) {
  const size_t dot = field.find('.');
  const RecordDesc* desc = dot == std::string::npos ? nullptr : FindRecordDesc(field.substr(0, dot));
  const FieldDesc* fd = desc ? desc->Find(field.substr(dot + 1)) : nullptr;
  const bool starting_event = rule.clause == "N2.2" && field == "device.reported_to_admin_at";
  return fd && (fd->flags & kEvidence) && !starting_event;
}

struct FixtureOutcome {
  size_t with_deadline = 0;  // the rule's findings that had a deadline
};

/// Runs one fixture of `rule`, adding what went wrong to `out`.
FixtureOutcome CheckFixture(const RuleSet& rules, const CompiledRule& rule, const Fixture& f, const std::string& base,
                            std::vector<FixtureProblem>& out) {
  FixtureOutcome outcome;
  auto problem = [&](Kind kind, size_t line = 0, std::string subject = {}, std::string expected = {},
                     std::string actual = {}) -> FixtureProblem& {
    FixtureProblem& p = out.emplace_back();
    p.kind = kind;
    p.file = f.path;
    p.line = line;
    p.subject = std::move(subject);
    p.expected = std::move(expected);
    p.actual = std::move(actual);
    return p;
  };
  if (!std::ifstream(f.path)) {
    // An unreadable fixture: the loader says why (RA1004), not "no as-of".
    Diagnostics diags;
    LoadExport({f.path}, diags);
    for (const Diagnostic& d : diags.all())
      if (d.level == Level::Error && d.file == f.path) problem(Kind::InputError).diagnostic = d;
    return outcome;
  }
  for (const Fixture::Mistake& m : f.mistakes) {
    switch (m.kind) {
      case Fixture::Mistake::BadAsOf: problem(Kind::BadAsOf, m.line, "", m.text); break;
      case Fixture::Mistake::BadParam: problem(Kind::BadParam, m.line, "", m.text); break;
      case Fixture::Mistake::UnterminatedQuote: problem(Kind::UnterminatedQuote, m.line, "", m.text); break;
      case Fixture::Mistake::NoSubject: problem(Kind::NoSubject, m.line, "", m.text); break;
    }
  }
  if (!f.as_of) {
    if (std::none_of(f.mistakes.begin(), f.mistakes.end(),
                     [](const Fixture::Mistake& m) { return m.kind == Fixture::Mistake::BadAsOf; }))
      problem(Kind::NoAsOf);
    return outcome;
  }
  if (!f.mistakes.empty()) return outcome;

  std::optional<RuleSet> with_params;
  const RuleSet* set = &rules;
  if (!f.params.empty()) {
    std::vector<Diagnostic> errors;
    with_params = RulesWithParams(rules, f, errors);
    for (const Diagnostic& d : errors) problem(Kind::RulesError, d.line).diagnostic = d;
    if (!with_params) return outcome;
    set = &*with_params;
  }
  const CompiledRule* cr = set->Find(rule.rule.id);
  if (!cr) return outcome;

  Diagnostics diags;
  const Export ex = LoadExport(f.with_base && !base.empty() ? std::vector<std::string>{base, f.path}
                                                            : std::vector<std::string>{f.path},
                               diags);
  bool input_errors = false;
  for (const Diagnostic& d : diags.all())
    if (d.level == Level::Error) {
      problem(Kind::InputError, d.file == f.path ? d.line : 0).diagnostic = d;
      input_errors = true;
    }
  if (input_errors) return outcome;

  Diagnostics audit_diags;
  const AuditResult en = RunAudit(*set, ex, AuditOptions{*f.as_of, Lang::En}, audit_diags);
  const AuditResult ja = RunAudit(*set, ex, AuditOptions{*f.as_of, Lang::Ja}, audit_diags);
  for (const Diagnostic& d : audit_diags.all())
    if (d.level == Level::Error) problem(Kind::AuditError).diagnostic = d;

  // The findings: by subject and line, in both languages.
  std::map<std::string, size_t> reported;  // "DV1@12" -> index in en.findings
  const bool same = ja.findings.size() == en.findings.size();
  if (!same) problem(Kind::LanguagesDisagree, 0, "", std::to_string(en.findings.size()), std::to_string(ja.findings.size()));
  for (size_t i = 0; i < en.findings.size(); ++i) {
    const Finding& x = en.findings[i];
    if (x.rule->id != rule.rule.id) continue;
    const Finding* xj = same ? &ja.findings[i] : nullptr;
    const std::string key = fmt::format("{}@{}", x.subject.id, x.subject.loc.line);
    const size_t line = x.subject.loc.line;
    const bool in_fixture = x.subject.loc.file < ex.files.size() && ex.files[x.subject.loc.file].path == f.path;
    if (!in_fixture) problem(Kind::FindingInBase, line, x.subject.id, "", x.message).actual_ja = xj ? xj->message : "";
    reported[key] = i;
    if (x.message.empty() || (xj && xj->message.empty())) problem(Kind::EmptyMessage, line, x.subject.id);
    if (!x.deadline.empty()) {
      ++outcome.with_deadline;
      if (x.deadline_text.empty() || (xj && (xj->deadline != x.deadline || xj->deadline_text.find("年") == std::string::npos)))
        problem(Kind::DeadlineText, line, x.subject.id, x.deadline, xj ? xj->deadline_text : x.deadline_text);
    }
    for (const std::string& e : x.message_errors) problem(Kind::PlaceholderFailed, line, x.subject.id, "", e).lang = Lang::En;
    if (xj)
      for (const std::string& e : xj->message_errors)
        problem(Kind::PlaceholderFailed, line, x.subject.id, "", e).lang = Lang::Ja;
    if (!in_fixture) continue;
    if (!f.findings.count(key)) {
      problem(Kind::UnexpectedFinding, line, x.subject.id, "", x.message).actual_ja = xj ? xj->message : "";
    } else if (auto t = f.texts.find(key); t != f.texts.end() && xj && xj->message.find(t->second) == std::string::npos) {
      problem(Kind::WrongText, f.expect_lines.at(key), x.subject.id, t->second, xj->message);
    }
  }
  for (const std::string& key : f.findings)
    if (!reported.count(key)) problem(Kind::MissingFinding, f.expect_lines.at(key), SplitKey(key).first);

  // The subjects not evaluated, by subject: the missing fields, or the
  // reason when none is missing.
  auto entries = [&rule](const AuditResult& result, std::map<std::string, std::string>& by_subject) {
    for (const NotEvaluated& n : result.not_evaluated) {
      if (n.rule->id != rule.rule.id) continue;
      std::string& all = by_subject[n.subject.id];
      all += (all.empty() ? "" : " | ") + (n.missing.empty() ? "(" + n.reason + ")" : SortedFields(n.missing));
    }
  };
  std::map<std::string, std::string> not_evaluated, not_evaluated_ja;
  entries(en, not_evaluated);
  entries(ja, not_evaluated_ja);
  std::map<std::string, size_t> not_evaluated_lines;
  for (const NotEvaluated& n : en.not_evaluated) {
    if (n.rule->id != rule.rule.id) continue;
    for (const std::string& m : n.missing)
      if (IsEvidence(m, *n.rule)) problem(Kind::EvidenceNotEvaluated, n.subject.loc.line, n.subject.id, "", m);
    not_evaluated_lines.emplace(n.subject.id, n.subject.loc.line);
  }
  for (const auto& [id, fields] : f.not_evaluated) {
    auto it = not_evaluated.find(id);
    if (it == not_evaluated.end()) problem(Kind::MissingNotEvaluated, f.not_evaluated_lines.at(id), id, fields);
    else if (it->second != fields)
      problem(Kind::WrongNotEvaluated, f.not_evaluated_lines.at(id), id, fields, it->second).actual_ja =
          not_evaluated_ja[id];
  }
  for (const auto& [id, fields] : not_evaluated)
    if (!f.not_evaluated.count(id))
      problem(Kind::UnexpectedNotEvaluated, not_evaluated_lines.at(id), id, "", fields).actual_ja = not_evaluated_ja[id];
  return outcome;
}

}  // namespace

FixtureRun RunFixtures(const RuleSet& rules, const std::string& fixtures_dir) {
  FixtureRun run;
  run.fixtures_dir = fixtures_dir;
  const fs::path base = fs::path(fixtures_dir) / "base.yaml";
  std::error_code ec;
  if (fs::is_regular_file(base, ec)) {
    run.base = base.string();
    Diagnostics diags;
    LoadExport({run.base}, diags);
    for (const Diagnostic& d : diags.all())
      if (d.level == Level::Error) run.base_errors.push_back(d);
    if (!run.base_errors.empty()) return run;
  }
  for (const CompiledRule& cr : rules.rules()) {
    RuleFixtures r;
    r.rule_id = cr.rule.id;
    for (fs::directory_iterator it(fs::path(fixtures_dir) / cr.rule.id, ec), end; !ec && it != end; it.increment(ec))
      // Every *.yaml but a directory: one that cannot be read is an input error, never skipped.
      if (it->path().extension() == ".yaml" && !it->is_directory(ec)) r.fixtures.push_back(it->path().string());
    std::sort(r.fixtures.begin(), r.fixtures.end());
    bool fires = false, passes = false;
    size_t with_deadline = 0;
    for (const std::string& path : r.fixtures) {
      const Fixture f = ReadFixture(path);
      (f.fires() ? fires : passes) = true;
      with_deadline += CheckFixture(rules, cr, f, run.base, r.problems).with_deadline;
    }
    auto whole = [&r](Kind kind) { r.problems.emplace_back().kind = kind; };
    if (r.fixtures.empty()) {
      whole(Kind::NoFixtures);
    } else {
      if (!fires) whole(Kind::NeverFires);
      if (!passes) whole(Kind::NeverPasses);
      // A rule with a deadline shows it on the findings of its fixtures.
      if (fires && cr.rule.deadline && with_deadline == 0) whole(Kind::NoDeadlineShown);
      if (!cr.rule.deadline && with_deadline > 0) whole(Kind::UnexpectedDeadline);
    }
    run.rules.push_back(std::move(r));
  }
  for (fs::directory_iterator it(fixtures_dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_directory(ec)) continue;
    const std::string name = it->path().filename().string();
    if (!rules.Find(name)) run.strays.push_back(it->path().string());
  }
  std::sort(run.strays.begin(), run.strays.end());
  return run;
}

}  // namespace rurume
