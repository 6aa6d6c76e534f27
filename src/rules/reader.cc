// A rule file's keys, checked, into a Rule.
#include "bind/binding.h"
#include "rules/load_steps.h"
#include "text/natural.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace rurume::rules_load {

namespace fs = std::filesystem;
using expr::Type;
using expr::Value;

namespace {

const std::vector<std::string> kRuleKeys{"id",      "clause",  "severity", "title",  "remediation", "record", "actor",
                                         "deadline", "rationale", "for",     "when",   "require",     "message", "params"};

class RuleReader {
 public:
  RuleReader(const YamlDoc& doc, const ClauseList& clauses, Diagnostics& diags)
      : doc_(doc), clauses_(clauses), diags_(diags) {}

  std::optional<Rule> Read() {
    const YAML::Node& root = doc_.root();
    if (!root.IsMap()) {
      doc_.Diag(diags_, Code::RuleKeyType, root, {"(top level)", "a mapping"});
      return std::nullopt;
    }
    size_t errors = diags_.errors();
    doc_.CheckKeys(root, kRuleKeys, Code::RuleKeyUnknown, diags_);
    Rule r;
    r.file = doc_.path();
    r.id = Text("id");
    r.clause = Text("clause");
    r.rationale = Text("rationale");
    ReadRequire(r);
    r.when_source = Text("when", false);
    r.title = Texts("title");
    r.remediation = Texts("remediation");
    r.record = Texts("record");
    ReadActor(r);
    ReadDeadline(r);
    r.message_source = Texts("message");
    ReadSeverity(r);
    ReadFor(r);
    ReadParams(r);
    CheckId(r);
    if (diags_.errors() > errors) return std::nullopt;
    return r;
  }

 private:
  // Keys are read from `parent` (the file's top level unless given); `path`
  // names the key in diagnostics ("require[2].reason").
  void Missing(const std::string& path, const YAML::Node& parent) {
    doc_.Diag(diags_, Code::RuleKeyMissing, parent, {path});
  }
  void Missing(const char* key) { Missing(key, doc_.root()); }

  std::string Text(const char* key, bool required = true) { return Text(doc_.root(), key, key, required); }

  std::string Text(const YAML::Node& parent, const char* key, const std::string& path, bool required = true) {
    const YAML::Node n = parent[key];
    if (!n) {
      if (required) Missing(path, parent);
      return {};
    }
    if (!n.IsScalar() || n.Scalar().empty()) {
      doc_.Diag(diags_, Code::RuleKeyType, n, {path, "a non-empty string"});
      return {};
    }
    return n.Scalar();
  }

  Localized Texts(const char* key) { return Texts(doc_.root(), key, key); }

  Localized Texts(const YAML::Node& parent, const char* key, const std::string& path) {
    const YAML::Node n = parent[key];
    Localized out;
    if (!n) {
      Missing(path, parent);
      return out;
    }
    if (!n.IsMap()) {
      doc_.Diag(diags_, Code::RuleKeyType, n, {path, "a mapping with ja and en"});
      return out;
    }
    doc_.CheckKeys(n, {"ja", "en"}, Code::RuleKeyUnknown, diags_);
    for (const char* lang : {"ja", "en"}) {
      const YAML::Node t = n[lang];
      if (!t || !t.IsScalar() || t.Scalar().empty())
        doc_.Diag(diags_, t ? Code::RuleKeyType : Code::RuleKeyMissing, t ? t : n,
                  {fmt::format("{}.{}", path, lang), "a non-empty string"});
      else (std::string(lang) == "ja" ? out.ja : out.en) = t.Scalar();
    }
    return out;
  }

  // `actor`: who must act on a finding (rule.h Actor).
  void ReadActor(Rule& r) {
    const YAML::Node n = doc_.root()["actor"];
    if (!n) return Missing("actor");
    std::optional<Actor> a = n.IsScalar() ? ActorFromKey(n.Scalar()) : std::nullopt;
    if (!a) {
      doc_.Diag(diags_, Code::RuleKeyType, n,
                {"actor", "one of facility, facility_admin, origin_facility, group_admin, secretariat"});
      return;
    }
    r.actor = *a;
  }

  // `deadline`: required, so that leaving it out is a decision (null) and
  // not an oversight; an expression is compiled with the rule's others.
  void ReadDeadline(Rule& r) {
    const YAML::Node n = doc_.root()["deadline"];
    if (!n) return Missing("deadline");
    if (n.IsNull()) return;
    r.deadline_source = Text("deadline");
  }

  // `require`: one bool expression, or a list of named checks
  // ({name, check, reason: {ja, en}}), each a bool expression with the
  // reason a finding gives when it is false.
  void ReadRequire(Rule& r) {
    const YAML::Node n = doc_.root()["require"];
    if (!n || !n.IsSequence()) {
      r.require_source = Text("require");
      return;
    }
    if (n.size() == 0) {
      doc_.Diag(diags_, Code::RuleKeyType, n, {"require", "an expression or a non-empty list of checks"});
      return;
    }
    for (size_t i = 0; i < n.size(); ++i) {
      const YAML::Node item = n[i];
      const std::string path = fmt::format("require[{}]", i + 1);
      if (!item.IsMap()) {
        doc_.Diag(diags_, Code::RuleKeyType, item, {path, "a mapping with name, check and reason"});
        continue;
      }
      doc_.CheckKeys(item, {"name", "check", "reason"}, Code::RuleKeyUnknown, diags_);
      NamedCheck c;
      c.name = Text(item, "name", path + ".name");
      c.source = Text(item, "check", path + ".check");
      c.reason_source = Texts(item, "reason", path + ".reason");
      if (!c.name.empty()) {
        bool valid = std::all_of(c.name.begin(), c.name.end(), [](char ch) {
          return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
        });
        bool repeated = std::any_of(r.checks.begin(), r.checks.end(), [&](const NamedCheck& o) { return o.name == c.name; });
        if (!valid || repeated)
          doc_.Diag(diags_, Code::RuleKeyType, item["name"],
                    {path + ".name", repeated ? "a name no other check of the rule has"
                                              : "lower-case letters, digits and _ (purpose, approved_by)"});
      }
      r.checks.push_back(std::move(c));
    }
  }

  void ReadSeverity(Rule& r) {
    std::string s = Text("severity");
    if (s == "error") r.severity = Level::Error;
    else if (s == "warning") r.severity = Level::Warning;
    else if (s == "note") r.severity = Level::Note;
    else if (!s.empty()) doc_.Diag(diags_, Code::RuleBadSeverity, doc_.root()["severity"], {s});
  }

  void ReadFor(Rule& r) {
    std::string f = Text("for");
    if (f.empty()) return;
    r.subject = FindSubjectKind(f);
    if (r.subject) return;
    std::string allowed;
    for (const SubjectKind& k : SubjectKinds()) allowed += (allowed.empty() ? "" : ", ") + std::string(k.collection);
    doc_.Diag(diags_, Code::RuleUnknownFor, doc_.root()["for"], {f, allowed});
  }

  void ReadParams(Rule& r) {
    const YAML::Node params = doc_.root()["params"];
    if (!params) return;
    if (!params.IsMap()) {
      doc_.Diag(diags_, Code::RuleKeyType, params, {"params", "a mapping"});
      return;
    }
    doc_.CheckKeys(params, {}, Code::RuleKeyUnknown, diags_);
    for (const auto& kv : params) {
      const std::string name = kv.first.Scalar();
      if (kv.second.IsMap()) {
        ReadRangedParam(r, name, kv.second);
        continue;
      }
      auto v = ParamValue(kv.second);
      if (!v) {
        doc_.Diag(diags_, Code::RuleParamType, kv.second, {name, "int, bool, string or list of strings"});
        continue;
      }
      RuleParam p{name, v->first, v->second, v->second, {}};
      if (v->second.is(expr::Kind::Int) && !InRange(p, v->second.int_value())) {
        doc_.Diag(diags_, Code::RuleParamType, kv.second,
                  {name, fmt::format("an int from {} to {} unless its range is declared: {{default: N, min: A, max: B}}",
                                     p.min, p.max)});
        continue;
      }
      r.params.push_back(std::move(p));
    }
  }

  static bool InRange(const RuleParam& p, int64_t v) { return v >= p.min && v <= p.max; }

  // An int parameter with its range: {default: 24, min: 0, max: 8760}.
  void ReadRangedParam(Rule& r, const std::string& name, const YAML::Node& node) {
    if (!doc_.CheckKeys(node, {"default", "min", "max"}, Code::RuleKeyUnknown, diags_)) return;
    std::optional<int64_t> ints[3];
    const char* const keys[3] = {"default", "min", "max"};
    for (int i = 0; i < 3; ++i) {
      const YAML::Node k = node[keys[i]];
      auto v = k ? ParamValue(k) : std::nullopt;
      if (v && v->second.is(expr::Kind::Int)) {
        ints[i] = v->second.int_value();
      } else {
        doc_.Diag(diags_, Code::RuleParamType, k ? k : node, {name, fmt::format("{}: an int", keys[i])});
        return;
      }
    }
    RuleParam p{name, Type::Int(), Value::Int(*ints[0]), Value::Int(*ints[0]), {}};
    p.min = *ints[1];
    p.max = *ints[2];
    if (p.min > p.max || !InRange(p, *ints[0])) {
      doc_.Diag(diags_, Code::RuleParamType, node,
                {name, fmt::format("default {} within min {} and max {}", *ints[0], p.min, p.max)});
      return;
    }
    r.params.push_back(std::move(p));
  }

  void CheckId(const Rule& r) {
    if (r.id.empty()) return;
    const YAML::Node id = doc_.root()["id"];
    std::string stem = fs::path(r.file).stem().string();
    if (stem != r.id)
      doc_.Diag(diags_, Code::RuleIdMismatch, id, {r.id, fmt::format("the file must be named {}.yaml", r.id)});
    if (!r.clause.empty() && r.id.rfind(r.clause + "-", 0) != 0)
      doc_.Diag(diags_, Code::RuleIdMismatch, id, {r.id, fmt::format("it must begin with its clause, {}-", r.clause)});
    if (!r.clause.empty()) {
      const Clause* c = clauses_.Find(r.clause);
      if (!c) doc_.Diag(diags_, Code::RuleUnknownClause, doc_.root()["clause"], {r.clause});
      else if (c->check != Clause::Check::Auto)
        doc_.Diag(diags_, Code::RuleUnknownClause, doc_.root()["clause"],
                  {fmt::format("{} ({}: no rule may check it)", r.clause, CheckName(c->check))});
    }
  }

  const YamlDoc& doc_;
  const ClauseList& clauses_;
  Diagnostics& diags_;
};

}  // namespace

std::optional<Rule> ReadRule(const YamlDoc& doc, const ClauseList& clauses, Diagnostics& diags) {
  return RuleReader(doc, clauses, diags).Read();
}

std::vector<std::string> RuleFiles(const std::string& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    if (p.extension() == ".yaml" && p.filename() != "clauses.yaml" && it->is_regular_file(ec))
      files.push_back(p.generic_string());
  }
  // Natural order of the file names (A3 before A10, N1.2 before N1.10):
  // the rule set's order, which reports list rules in.
  std::sort(files.begin(), files.end(), [](const std::string& a, const std::string& b) { return NaturalLess(a, b); });
  return files;
}

}  // namespace rurume::rules_load
