#include "readback.h"

#include <algorithm>

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <nlohmann/json.hpp>

#include <regex>
#include <sstream>

namespace rurume::testing {

using nlohmann::json;

std::ostream& operator<<(std::ostream& os, const Counts& c) {
  return os << c.findings << " findings (" << c.errors << "/" << c.warnings << "/" << c.notes << "), "
            << c.not_evaluated << " not evaluated";
}

std::string Str(const Keys& keys) {
  std::string out;
  for (const Key& k : keys) out += k.first + " " + k.second + "; ";
  return out;
}

namespace {

void CountSeverity(Counts& c, std::string_view severity) {
  (severity == "error" ? c.errors : severity == "warning" ? c.warnings : c.notes)++;
}

Key KeyOf(const json& rule, const json& subject_id) { return {rule.get<std::string>(), subject_id.get<std::string>()}; }

// ------------------------------------------------------------ JSON, SARIF

ReadBack FromJson(const std::string& text) {
  json j = json::parse(text);
  ReadBack rb;
  for (const json& f : j["findings"]) {
    rb.findings.insert(Seen{f["rule"], f["subject"]["kind"], f["subject"]["id"], f["location"]["file"],
                            f["location"]["line"], f["location"]["column"], f["severity"], f["message"]});
    Key k = KeyOf(f["rule"], f["subject"]["id"]);
    if (f.contains("waived")) rb.triage.waived.insert(k);
    if (f.value("change", "") == "new") rb.triage.added.insert(k);
  }
  if (j.contains("fixed"))
    for (const json& f : j["fixed"]) rb.triage.fixed.insert(KeyOf(f["rule"], f["subject"]["id"]));
  if (j.contains("manual_clauses")) {
    std::map<std::string, size_t> by_state;
    for (const json& e : j["manual_clauses"]["entries"]) {
      const std::string facility = e["facility"].is_null() ? "-" : e["facility"].get<std::string>();
      CHECK(rb.manual.emplace(e["clause"].get<std::string>() + " " + facility, e["state"]).second);
      ++by_state[e["state"]];
    }
    const json& ms = j["manual_clauses"]["summary"];
    CHECK(ms["entries"] == j["manual_clauses"]["entries"].size());
    for (const char* state : {"attested", "expiring", "expired", "missing"}) CHECK(ms[state] == by_state[state]);
  }
  const json& s = j["summary"];
  rb.counts = Counts{s["findings"]["total"], s["findings"]["error"], s["findings"]["warning"], s["findings"]["note"],
                     s["not_evaluated"]};
  CHECK(rb.counts.findings == j["findings"].size());
  CHECK(rb.counts.not_evaluated == j["not_evaluated"].size());
  return rb;
}

/// An artifactLocation as an absolute path (the unit tests give the inputs
/// so): a URI relative to %SRCROOT% resolved against the run's
/// originalUriBaseIds, an absolute file URI as its path; percent-decoded.
std::string SarifFile(const json& run, const json& location) {
  std::string uri = location["uri"].get<std::string>();
  if (location.contains("uriBaseId")) {
    REQUIRE(location["uriBaseId"] == "%SRCROOT%");
    uri = run["originalUriBaseIds"]["%SRCROOT%"]["uri"].get<std::string>() + uri;
  }
  if (uri.rfind("file://", 0) == 0) uri = uri.substr(7);
  std::string path;
  for (size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size()) {
      path += static_cast<char>(std::stoi(uri.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      path += uri[i];
    }
  }
  return path;
}

ReadBack FromSarif(const std::string& text) {
  json j = json::parse(text);
  const json& run = j["runs"][0];
  ReadBack rb;
  // Only findings are results (fixed findings are in no SARIF report: the
  // agreement test knows); a subject not evaluated is a notification.
  for (const json& r : run["results"]) {
    if (r["kind"] == "review") {  // a manual clause's entry, missing or expired
      const json& p = r["properties"];
      CHECK(!r.contains("level"));
      CHECK(run["tool"]["driver"]["rules"][r["ruleIndex"].get<size_t>()]["id"] == p["clause"]);
      CHECK(rb.manual.emplace(p["clause"].get<std::string>() + " " + (p["facility"].is_null() ? "-" : p["facility"].get<std::string>()),
                              p["state"]).second);
      continue;
    }
    Key k = KeyOf(r["ruleId"], r["properties"]["subject"]["id"]);
    std::string state = r.value("baselineState", "");
    REQUIRE(r["kind"] == "fail");
    CHECK(state != "absent");
    if (r.contains("suppressions")) {
      CHECK(r["suppressions"][0]["kind"] == "external");
      CHECK(r["suppressions"][0]["status"] == "accepted");
      rb.triage.waived.insert(k);
    }
    if (state == "new") rb.triage.added.insert(k);
    const json& loc = r["locations"][0]["physicalLocation"];
    const json& rule = run["tool"]["driver"]["rules"][r["ruleIndex"].get<size_t>()];
    CHECK(rule["id"] == r["ruleId"]);
    const std::string fingerprint = r["partialFingerprints"]["rurumeFingerprint/v1"];
    CHECK(r["partialFingerprints"]["primaryLocationLineHash"] == fingerprint.substr(0, 16) + ":1");
    rb.findings.insert(Seen{r["ruleId"], r["properties"]["subject"]["kind"], r["properties"]["subject"]["id"],
                            SarifFile(run, loc["artifactLocation"]), loc["region"]["startLine"], loc["region"]["startColumn"],
                            r["level"], r["message"]["text"]});
    ++rb.counts.findings;
    CountSeverity(rb.counts, r["level"].get<std::string>());
  }
  for (const json& n : run["invocations"][0]["toolExecutionNotifications"]) {
    const std::string descriptor = n["descriptor"]["id"];
    if (descriptor.rfind("attestation-", 0) == 0) {
      const json& p = n["properties"];
      CHECK(descriptor == "attestation-" + p["state"].get<std::string>());
      CHECK(run["tool"]["driver"]["rules"][n["associatedRule"]["index"].get<size_t>()]["id"] == p["clause"]);
      CHECK(rb.manual.emplace(p["clause"].get<std::string>() + " " + (p["facility"].is_null() ? "-" : p["facility"].get<std::string>()),
                              p["state"]).second);
    }
  }
  for (const json& n : run["invocations"][0]["toolExecutionNotifications"])
    if (n["descriptor"]["id"] == "not-evaluated") {
      CHECK(n["level"] == "note");
      CHECK(run["tool"]["driver"]["rules"][n["associatedRule"]["index"].get<size_t>()]["id"] == n["associatedRule"]["id"]);
      ++rb.counts.not_evaluated;
    }
  const json& s = run["properties"]["summary"];
  CHECK(s["findings"]["total"] == rb.counts.findings);
  CHECK(s["notEvaluated"] == rb.counts.not_evaluated);
  return rb;
}

// ------------------------------------------------------------ GitLab Code Quality

/// The English GitLab report: an issue per finding ("KIND ID: MESSAGE", a
/// waived one's waiver after it, its severity and change in content.body),
/// per subject not evaluated ("not evaluated (...)") and per input diagnostic
/// (check_name its code).
ReadBack FromGitlab(const std::string& text) {
  json j = json::parse(text);
  REQUIRE(j.is_array());
  ReadBack rb;
  rb.has_columns = rb.has_fixed = false;
  rb.manual_view = ReadBack::ManualView::MissingOrExpired;
  std::set<std::string> fingerprints;
  for (const json& issue : j) {
    CHECK(fingerprints.insert(issue["fingerprint"].get<std::string>()).second);  // unique, as GitLab needs
    const std::string check = issue["check_name"], description = issue["description"];
    if (std::regex_match(check, std::regex("RA[0-9]{4}"))) continue;
    std::smatch mc;
    // A manual clause's entry: "CLAUSE Obligation (Source): F001 Name: no attestation; ..." or "...: the network: ...".
    if (std::regex_match(check, std::regex("[AN][0-9.]+")) &&
        std::regex_search(description, mc, std::regex("\\): (F\\S+|the network)[^:]*: (no attestation|the attestation expired)"))) {
      CHECK(issue["severity"] == "info");
      rb.manual.emplace(check + " " + (mc[1] == "the network" ? std::string("-") : mc[1].str()),
                        mc[2] == "no attestation" ? "missing" : "expired");
      continue;
    }
    if (description.rfind("not evaluated (", 0) == 0) {
      CHECK(issue["severity"] == "info");
      ++rb.counts.not_evaluated;
      continue;
    }
    const std::string body = issue["content"]["body"];
    std::smatch m;
    REQUIRE(std::regex_search(body, m, std::regex("\nseverity: (error|warning|note)\n")));
    Seen s;
    s.rule = check;
    s.kind = description.substr(0, description.find(' '));
    s.severity = m[1];
    std::string rest = description.substr(s.kind.size() + 1);
    s.id = rest.substr(0, rest.find(": "));
    s.message = rest.substr(s.id.size() + 2);
    s.file = issue["location"]["path"];
    s.line = issue["location"]["lines"]["begin"];
    const Key k{s.rule, s.id};
    if (std::regex_search(body, m, std::regex("\n(waived: [^\n]*)\n"))) {
      const std::string suffix = " (" + m[1].str() + ")";
      REQUIRE(s.message.size() > suffix.size());
      CHECK(s.message.compare(s.message.size() - suffix.size(), suffix.size(), suffix) == 0);
      s.message.resize(s.message.size() - suffix.size());
      CHECK(issue["severity"] == "info");
      rb.triage.waived.insert(k);
    } else {
      CHECK(issue["severity"] == (s.severity == "error" ? "critical" : s.severity == "warning" ? "minor" : "info"));
    }
    if (body.find("\nnew: not in the baseline\n") != std::string::npos) rb.triage.added.insert(k);
    rb.findings.insert(s);
    ++rb.counts.findings;
    CountSeverity(rb.counts, s.severity);
  }
  return rb;
}

// ------------------------------------------------------------ GitHub workflow commands

/// Undoes GitHub's escaping (%25, %0D, %0A; in properties %3A, %2C too).
std::string Unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const std::string code = s.substr(i + 1, 2);
      const char c = code == "25" ? '%' : code == "0D" ? '\r' : code == "0A" ? '\n' : code == "3A" ? ':' : code == "2C" ? ',' : 0;
      REQUIRE_MESSAGE(c != 0, "an unknown escape in " << s);
      out += c;
      i += 2;
    } else {
      REQUIRE_MESSAGE(s[i] != '%', "a bare % in " << s);
      out += s[i];
    }
  }
  return out;
}

/// The English GitHub report: a command per input diagnostic (titled by its
/// code), per finding ("::error|warning|notice file=,line=,col=,endLine=,
/// title=RULE TITLE::KIND ID: MESSAGE", then "new: ..." and, waived,
/// "waived (SEVERITY): ..." lines) and per subject not evaluated, then plain
/// "fixed: RULE KIND ID: ..." lines and the summary.
ReadBack FromGithub(const std::string& text) {
  ReadBack rb;
  rb.manual_view = ReadBack::ManualView::NotAttested;
  std::istringstream in(text);
  const std::regex command("::(error|warning|notice)( ([^:]*))?::(.*)");
  const std::regex summary("rurume-audit: ([0-9]+) findings? \\(([0-9]+) errors?, ([0-9]+) warnings?, ([0-9]+) notes?\\), "
                           "([0-9]+) not evaluated, .*");
  const std::regex fixed("fixed: (\\S+) [a-z]+ (\\S+): .*");
  Counts annotated;
  bool summarised = false;
  std::smatch m;
  for (std::string line; std::getline(in, line);) {
    CHECK_MESSAGE(!summarised, "a line after the summary: " << line);
    if (std::regex_match(line, m, summary)) {
      rb.counts = Counts{std::stoul(m[1]), std::stoul(m[2]), std::stoul(m[3]), std::stoul(m[4]), std::stoul(m[5])};
      summarised = true;
      continue;
    }
    if (std::regex_match(line, m, fixed)) {
      rb.triage.fixed.insert({m[1], m[2]});
      continue;
    }
    if (!std::regex_match(line, m, command)) continue;
    const std::string level = m[1];
    std::map<std::string, std::string> props;
    std::istringstream list(m[3].str());
    for (std::string prop; std::getline(list, prop, ',');) {
      const size_t eq = prop.find('=');
      REQUIRE(eq != std::string::npos);
      props[prop.substr(0, eq)] = Unescape(prop.substr(eq + 1));
    }
    std::string message = Unescape(m[4]);
    const std::string title = props["title"];
    if (std::regex_match(title, std::regex("RA[0-9]{4}|rurume-audit"))) continue;
    if (title.size() > 16 && title.compare(title.size() - 16, 16, " (manual clause)") == 0) {
      // "expired (1): F001 (until 2026-10-31)\nmissing (18): F000, F002, ..." per clause.
      const std::string clause = title.substr(0, title.find(' '));
      std::istringstream parts(message);
      for (std::string part; std::getline(parts, part);) {
        std::smatch pm;
        REQUIRE(std::regex_match(part, pm, std::regex("(expired|expiring|missing) \\(([0-9]+)\\): (.*)")));
        std::string list = pm[3].str() + ", ";
        size_t n = 0;
        for (size_t at = 0, comma; (comma = list.find(", ", at)) != std::string::npos; at = comma + 2, ++n) {
          std::string who = list.substr(at, comma - at);
          who = who.substr(0, who.find(" (until "));
          rb.manual.emplace(clause + " " + (who == "the network" ? std::string("-") : who), pm[1]);
        }
        CHECK(std::to_string(n) == pm[2].str());
      }
      continue;
    }
    if (message.rfind("not evaluated (", 0) == 0) {
      CHECK(level == "notice");
      ++annotated.not_evaluated;
      continue;
    }
    Seen s;
    s.rule = title.substr(0, title.find(' '));
    s.file = props["file"];
    s.line = static_cast<uint32_t>(std::stoul(props["line"]));
    s.column = static_cast<uint32_t>(std::stoul(props["col"]));
    CHECK(props["endLine"] == props["line"]);
    s.kind = message.substr(0, message.find(' '));
    std::string rest = message.substr(s.kind.size() + 1);
    s.id = rest.substr(0, rest.find(": "));
    rest = rest.substr(s.id.size() + 2);
    const Key key{s.rule, s.id};
    // The lines the report adds after the message, from the end: the waiver, then the change.
    const size_t last = rest.rfind('\n');
    const std::string last_line = last == std::string::npos ? "" : rest.substr(last + 1);
    if (last != std::string::npos && std::regex_match(last_line, m, std::regex("waived \\((error|warning|note)\\): .*"))) {
      CHECK(level == "notice");
      CHECK(title.size() > 9);
      CHECK(title.compare(title.size() - 9, 9, " (waived)") == 0);
      s.severity = m[1];
      rb.triage.waived.insert(key);
      rest.resize(last);
    } else {
      s.severity = level == "notice" ? "note" : level;
    }
    const std::string added = "\nnew: not in the baseline";
    if (rest.size() > added.size() && rest.compare(rest.size() - added.size(), added.size(), added) == 0) {
      rb.triage.added.insert(key);
      rest.resize(rest.size() - added.size());
    }
    s.message = rest;
    rb.findings.insert(s);
    ++annotated.findings;
    CountSeverity(annotated, s.severity);
  }
  CHECK_MESSAGE(summarised, "no summary line");
  CHECK(annotated == rb.counts);
  return rb;
}

// ------------------------------------------------------------ libxml2 trees

std::string Attr(xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  std::string s = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return s;
}

bool Is(const xmlNode* n, const char* name) {
  return n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

std::string Content(xmlNode* n) {
  xmlChar* body = xmlNodeGetContent(n);
  std::string s = body ? reinterpret_cast<const char*>(body) : "";
  xmlFree(body);
  return s;
}

/// "file:12:5" into its parts.
void SplitLocation(const std::string& where, Seen& s) {
  std::smatch m;
  REQUIRE(std::regex_match(where, m, std::regex("(.*):([0-9]+):([0-9]+)")));
  s.file = m[1];
  s.line = static_cast<uint32_t>(std::stoul(m[2]));
  s.column = static_cast<uint32_t>(std::stoul(m[3]));
}

// ------------------------------------------------------------ JUnit

/// The English JUnit report: a finding is a failure (a waived one is skipped
/// with "waived: ..."), a rule not evaluated for a subject is skipped, the
/// input's problems are the suite "input", a fixed finding is a passing case
/// in its rule's suite named as a finding's (not "...: passed"). Classnames
/// are "rurume." and the rule id with '.' as '_' (no rule id has a '_').
std::string RuleOfClassname(const std::string& classname) {
  REQUIRE(classname.rfind("rurume.", 0) == 0);
  std::string rule = classname.substr(7);
  CHECK(rule.find('.') == std::string::npos);  // Jenkins would split it there
  for (char& ch : rule)
    if (ch == '_') ch = '.';
  return rule;
}

ReadBack FromJunit(const std::string& text) {
  xmlDoc* doc = xmlReadMemory(text.data(), static_cast<int>(text.size()), "junit.xml", nullptr, XML_PARSE_NONET);
  REQUIRE(doc);
  ReadBack rb;
  rb.manual_view = ReadBack::ManualView::PassOrFail;
  xmlNode* root = xmlDocGetRootElement(doc);
  CHECK(Is(root, "testsuites"));
  for (xmlNode* suite = root->children; suite; suite = suite->next) {
    if (!Is(suite, "testsuite")) continue;
    const std::string suite_name = Attr(suite, "name");
    if (suite_name == "manual-clauses") {
      // A case per entry: classname "rurume.manual.N1_8", name "network" or "facility F001"; passing when attested or
      // expiring, else failing (type: the state) or skipped (its message begins "missing: " or "expired: ").
      for (xmlNode* tc = suite->children; tc; tc = tc->next) {
        if (!Is(tc, "testcase")) continue;
        const std::string classname = Attr(tc, "classname"), name = Attr(tc, "name");
        REQUIRE(classname.rfind("rurume.manual.", 0) == 0);
        std::string clause = classname.substr(14);
        std::replace(clause.begin(), clause.end(), '_', '.');
        std::string state = "attested";
        for (xmlNode* r = tc->children; r; r = r->next) {
          if (Is(r, "failure")) state = Attr(r, "type");
          if (Is(r, "skipped")) state = Attr(r, "message").substr(0, Attr(r, "message").find(':'));
        }
        CHECK(rb.manual.emplace(clause + " " + (name == "network" ? std::string("-") : name.substr(name.find(' ') + 1)), state).second);
      }
      continue;
    }
    const bool input = suite_name == "input";
    size_t tests = 0, failures = 0, errors = 0, skipped = 0;
    for (xmlNode* tc = suite->children; tc; tc = tc->next) {
      if (!Is(tc, "testcase")) continue;
      ++tests;
      const std::string name = Attr(tc, "name");
      const std::string rule = RuleOfClassname(Attr(tc, "classname"));
      const Key k{rule, name.substr(name.find(' ') + 1)};
      bool passing = true;
      for (xmlNode* r = tc->children; r; r = r->next) passing &= !Is(r, "failure") && !Is(r, "skipped") && !Is(r, "error");
      const bool fixed = !input && passing && name.find(": passed") == std::string::npos;
      if (fixed) rb.triage.fixed.insert(k);
      for (xmlNode* r = tc->children; r; r = r->next) {
        if (Is(r, "error")) ++errors;
        if (!Is(r, "failure") && !Is(r, "skipped")) continue;
        const std::string body = Content(r);
        if (body.find("\nnew: not in the baseline\n") != std::string::npos) rb.triage.added.insert(k);
        const bool waived = Is(r, "skipped") && Attr(r, "message").rfind("waived: ", 0) == 0;
        if (waived) rb.triage.waived.insert(k);
        if (Is(r, "skipped")) {
          ++skipped;
          if (!waived && !input && !fixed) ++rb.counts.not_evaluated;
          continue;
        }
        ++failures;
        if (input || fixed) continue;
        Seen s{rule, name.substr(0, name.find(' ')), name.substr(name.find(' ') + 1)};
        SplitLocation(body.substr(0, body.find('\n')), s);
        s.severity = Attr(r, "type");
        s.message = Attr(r, "message");
        rb.findings.insert(s);
        ++rb.counts.findings;
        CountSeverity(rb.counts, s.severity);
      }
    }
    // The counts in the attributes are those of the test cases.
    CHECK(Attr(suite, "tests") == std::to_string(tests));
    CHECK(Attr(suite, "failures") == std::to_string(failures));
    CHECK(Attr(suite, "errors") == std::to_string(errors));
    CHECK(Attr(suite, "skipped") == std::to_string(skipped));
  }
  xmlFreeDoc(doc);
  return rb;
}

// ------------------------------------------------------------ text

/// Joins a wrapped paragraph's lines as the report broke them: at a space,
/// or (no space) between two non-ASCII characters.
void Join(std::string& text, const std::string& more) {
  if (text.empty()) {
    text = more;
    return;
  }
  const bool cjk = static_cast<unsigned char>(text.back()) >= 0x80 && !more.empty() &&
                   static_cast<unsigned char>(more[0]) >= 0x80;
  text += (cjk ? "" : " ") + more;
}

/// The English text report: subject lines ("  device DV2"), findings
/// ("    file:12:5: error [rule]", " (new)" or " (waived)" after it, then
/// the message wrapped 6 columns in, then "to act: ..."), the sections "New
/// (N)", "Fixed (N)", "Waived (N)" and the summary (wrapped 2 columns in).
ReadBack FromText(const std::string& text) {
  ReadBack rb;
  std::vector<std::string> lines;
  {
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
  }
  std::string kind, id, section;
  const std::regex subject("  ([a-z]+) (\\S+)");
  const std::regex finding("    (.*):([0-9]+):([0-9]+): (error|warning|note) \\[(\\S+)\\]( \\((new|waived)\\))?");
  const std::regex new_line("  (\\S+:[0-9]+:[0-9]+): (error|warning|note) \\[(\\S+)\\]( \\((waived)\\))?");
  const std::regex fixed("  (error|warning|note) \\[(\\S+)\\]");
  const std::regex fixed_subject("    [a-z]+ (\\S+): .*");
  const std::regex summary("[0-9]+ files?: ([0-9]+) findings?, ([0-9]+) not evaluated, .*"
                           "Findings by severity: ([0-9]+) errors?, ([0-9]+) warnings?, ([0-9]+) notes?\\..*");
  std::vector<std::pair<std::string, std::string>> added_at;  // "file:line:column", rule
  std::string fixed_rule, manual_clause, manual_scope, report_facility = "?";
  std::smatch m;
  auto indented = [&](size_t i, size_t n) {
    return i < lines.size() && lines[i].size() > n && lines[i].compare(0, n, std::string(n, ' ')) == 0 &&
           lines[i][n] != ' ';
  };
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string line = lines[i];
    // A finding's first line wraps after a long location: "file:12:5:", then "error [rule]".
    if (std::regex_search(line, std::regex("^ +\\S+:[0-9]+:[0-9]+:$")) && i + 1 < lines.size())
      line += " " + lines[++i].substr(lines[i].find_first_not_of(' '));
    if (line.empty()) section.clear();
    else if (line[0] != ' ') section = line.substr(0, line.find(' '));
    if (std::regex_match(line, m, std::regex("Report of facility (\\S+) .*"))) report_facility = m[1];
    if (section == "Manual") {
      // "  N1.8 Obligation (Note 1, per facility)", then "    STATE    F001 Name: until ..." one by one, or
      // "    missing  F000, F002 and 3 more" (whole under --verbose), or "    missing" for the network.
      // In a facility's report ("Report of facility F001 ...") an entry of a per-facility clause is that facility's.
      if (std::regex_match(line, m, std::regex("  ([AN][0-9.]+) .*"))) {
        manual_clause = m[1];
        std::string head = line;
        while (indented(i + 1, 4) && !std::regex_match(lines[i + 1], std::regex("    (attested|expiring|expired|missing)\\b.*")))
          Join(head, lines[++i].substr(4));
        const std::string per_facility = "per facility)";
        const bool facility_scope = head.size() > per_facility.size() &&
                                    head.compare(head.size() - per_facility.size(), per_facility.size(), per_facility) == 0;
        manual_scope = facility_scope ? report_facility : "-";
        continue;
      }
      std::string paragraph = line;
      while (indented(i + 1, 6)) Join(paragraph, lines[++i].substr(6));
      if (!manual_clause.empty() && std::regex_match(paragraph, m, std::regex("    (attested|expiring|expired|missing)( +(.*))?"))) {
        const std::string state = m[1], rest = m[3];
        if (rest.empty() || rest.rfind("until ", 0) == 0) {
          rb.manual.emplace(manual_clause + " " + manual_scope, state);
        } else if (std::regex_match(rest, std::regex("F[^\\s:]+( [^:]*)?: until .*"))) {
          rb.manual.emplace(manual_clause + " " + rest.substr(0, rest.find_first_of(" :")), state);
        } else {
          CHECK_MESSAGE(rest.find(" more") == std::string::npos, "a list cut short (give --verbose): " << rest);
          std::string list = rest.substr(0, rest.find(" (until")) + ", ";
          for (size_t at = 0, comma; (comma = list.find(", ", at)) != std::string::npos; at = comma + 2)
            rb.manual.emplace(manual_clause + " " + list.substr(at, comma - at), state);
        }
      }
      continue;
    }
    if (section == "Fixed" && std::regex_match(line, m, fixed)) {
      fixed_rule = m[2];
    } else if (std::regex_match(line, m, subject)) {
      kind = m[1];
      id = m[2];
    } else if (std::regex_match(line, m, finding)) {
      std::string message;
      while (indented(i + 1, 6) && lines[i + 1].compare(6, 7, "to act:") != 0) Join(message, lines[++i].substr(6));
      rb.findings.insert(Seen{m[5], kind, id, m[1], static_cast<uint32_t>(std::stoul(m[2])),
                              static_cast<uint32_t>(std::stoul(m[3])), m[4], message});
      if (section == "Waived") rb.triage.waived.insert({m[5], id});
      if (m[7] == "new") rb.triage.added.insert({m[5], id});
    } else if (section == "New" && std::regex_match(line, m, new_line)) {
      added_at.emplace_back(m[1], m[3]);
    } else if (section == "Fixed" && !fixed_rule.empty() && std::regex_match(line, m, fixed_subject)) {
      rb.triage.fixed.insert({fixed_rule, m[1]});
      fixed_rule.clear();
    } else if (std::regex_search(line, std::regex("^[0-9]+ files?: "))) {
      std::string paragraph = line;
      while (indented(i + 1, 2)) Join(paragraph, lines[++i].substr(2));
      if (std::regex_match(paragraph, m, summary))
        rb.counts = Counts{std::stoul(m[1]), std::stoul(m[3]), std::stoul(m[4]), std::stoul(m[5]), std::stoul(m[2])};
    }
  }
  // A new finding's subject: the finding at its place, listed under its subject.
  for (const auto& at : added_at) {
    const std::string& where = at.first;
    const std::string& rule = at.second;
    bool found = false;
    for (const Seen& s : rb.findings)
      if (s.rule == rule && fmt::format("{}:{}:{}", s.file, s.line, s.column) == where) {
        rb.triage.added.insert({rule, s.id});
        found = true;
      }
    CHECK_MESSAGE(found, "the new finding at " << where << " is not listed under its subject");
  }
  return rb;
}

// ------------------------------------------------------------ HTML

xmlNode* FindById(xmlNode* n, std::string_view id) {
  for (; n; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && Attr(n, "id") == id) return n;
    if (xmlNode* found = FindById(n->children, id)) return found;
  }
  return nullptr;
}

/// The rows of a table's body.
std::vector<xmlNode*> Rows(xmlNode* table) {
  std::vector<xmlNode*> rows;
  if (!table) return rows;
  for (xmlNode* part = table->children; part; part = part->next)
    if (Is(part, "tbody"))
      for (xmlNode* tr = part->children; tr; tr = tr->next)
        if (Is(tr, "tr")) rows.push_back(tr);
  return rows;
}

/// The row's cell of class `cls`, or the one labelled `label`.
xmlNode* Cell(xmlNode* tr, std::string_view cls, std::string_view label = {}) {
  for (xmlNode* td = tr->children; td; td = td->next)
    if (Is(td, "td") && ((!cls.empty() && Attr(td, "class") == cls) || (!label.empty() && Attr(td, "data-label") == label)))
      return td;
  FAIL("no cell " << cls << label);
  return nullptr;
}

/// The text of a node's own text children (not of the elements in it).
std::string OwnText(xmlNode* n) {
  std::string s;
  for (xmlNode* c = n->children; c; c = c->next)
    if (c->type == XML_TEXT_NODE) s += reinterpret_cast<const char*>(c->content);
  return s;
}

size_t Number(xmlNode* root, std::string_view id) {
  xmlNode* n = FindById(root, id);
  return n ? std::stoul(Content(n)) : 0;
}

/// "device DV2": the subject's kind and id.
std::pair<std::string, std::string> Subject(xmlNode* td) {
  const std::string s = Content(td);
  const size_t space = s.rfind(' ');
  REQUIRE(space != std::string::npos);
  return {s.substr(0, space), s.substr(space + 1)};
}

/// The English HTML page: the rows of its findings table (a row's data-
/// attributes: severity, new, waived), of its table of fixed findings, and
/// the numbers of its summary cards.
ReadBack FromHtml(const std::string& text) {
  htmlDocPtr doc = htmlReadMemory(text.data(), static_cast<int>(text.size()), "report.html", "UTF-8",
                                  HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  REQUIRE(doc);
  xmlNode* root = xmlDocGetRootElement(doc);
  ReadBack rb;
  for (xmlNode* tr : Rows(FindById(root, "findings-table"))) {
    Seen s;
    s.rule = Content(Cell(tr, "rule"));
    std::tie(s.kind, s.id) = Subject(Cell(tr, "subject"));
    SplitLocation(Content(Cell(tr, "", "Location")), s);
    s.severity = Attr(tr, "data-severity");
    s.message = OwnText(Cell(tr, "msg"));
    rb.findings.insert(s);
    if (Attr(tr, "data-waived") == "1") rb.triage.waived.insert({s.rule, s.id});
    if (Attr(tr, "data-change") == "new") rb.triage.added.insert({s.rule, s.id});
  }
  for (xmlNode* tr : Rows(FindById(root, "manual-table"))) {
    const std::string facility = Attr(tr, "data-facility");
    CHECK(rb.manual.emplace(Attr(tr, "data-clause") + " " + (facility.empty() ? "-" : facility), Attr(tr, "data-state")).second);
  }
  for (xmlNode* tr : Rows(FindById(root, "fixed-table")))
    rb.triage.fixed.insert({Content(Cell(tr, "", "Rule")), Subject(Cell(tr, "subject")).second});
  rb.counts.errors = Number(root, "count-error");
  rb.counts.warnings = Number(root, "count-warning");
  rb.counts.notes = Number(root, "count-note");
  rb.counts.findings = rb.counts.errors + rb.counts.warnings + rb.counts.notes;
  rb.counts.not_evaluated = Number(root, "count-not-evaluated");
  CHECK(Rows(FindById(root, "not-evaluated-table")).size() == rb.counts.not_evaluated);
  xmlFreeDoc(doc);
  return rb;
}

}  // namespace

std::map<std::string, std::string> ManualAs(const std::map<std::string, std::string>& all, ReadBack::ManualView view) {
  std::map<std::string, std::string> out;
  for (const auto& [entry, state] : all) {
    switch (view) {
      case ReadBack::ManualView::All: out[entry] = state; break;
      case ReadBack::ManualView::PassOrFail: out[entry] = state == "expiring" ? "attested" : state; break;
      case ReadBack::ManualView::NotAttested:
        if (state != "attested") out[entry] = state;
        break;
      case ReadBack::ManualView::MissingOrExpired:
        if (state == "missing" || state == "expired") out[entry] = state;
        break;
    }
  }
  return out;
}

const std::map<std::string, Parser, std::less<>>& Parsers() {
  static const std::map<std::string, Parser, std::less<>> kParsers{
      {"github", FromGithub}, {"gitlab", FromGitlab}, {"html", FromHtml}, {"json", FromJson}, {"junit", FromJunit}, {"sarif", FromSarif}, {"text", FromText},
  };
  return kParsers;
}

}  // namespace rurume::testing
