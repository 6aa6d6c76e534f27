// Runs cel-spec's conformance tables through our parser, checker and
// evaluator. Every test either passes or is listed in kSkips with the reason
// it is outside our subset; the runner prints per-file counts.
#include "expr/checker.h"
#include "expr/program.h"
#include "expr/value_ops.h"
#include "textproto.h"

#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

namespace rurume::expr {
namespace {

using textproto::Message;

struct Skip {
  const char* what;    // "file/section" or "file/section/test"
  const char* reason;
};

// Everything here is outside the subset documented in docs/expressions.md.
const Skip kSkips[] = {
    {"comparisons/eq_literal/eq_dyn_json_null", "google.protobuf.Value messages are not supported"},
    {"comparisons/eq_literal/not_eq_dyn_proto2_msg_null", "protobuf messages (TestAllTypes) are not supported"},
    {"comparisons/eq_literal/not_eq_dyn_proto3_msg_null", "protobuf messages (TestAllTypes) are not supported"},
    {"comparisons/eq_wrapper", "protobuf wrapper types, messages and Any are not supported"},
    {"comparisons/ne_literal/ne_proto2", "protobuf messages (TestAllTypes) are not supported"},
    {"comparisons/ne_literal/ne_proto3", "protobuf messages (TestAllTypes) are not supported"},
    {"comparisons/ne_literal/ne_proto2_missing_fields_neq", "protobuf messages (TestAllTypes) are not supported"},
    {"comparisons/ne_literal/ne_proto3_missing_fields_neq", "protobuf messages (TestAllTypes) are not supported"},
    {"comparisons/ne_literal/ne_proto_nan_not_equal", "protobuf messages (TestAllTypes) are not supported"},
    {"comparisons/ne_literal/ne_proto_different_types", "protobuf messages (TestAllTypes) are not supported"},
    {"comparisons/ne_literal/ne_proto2_any_unpack", "protobuf Any is not supported"},
    {"comparisons/ne_literal/ne_proto2_any_unpack_bytewise_fallback", "protobuf Any is not supported"},
    {"comparisons/ne_literal/ne_proto3_any_unpack", "protobuf Any is not supported"},
    {"comparisons/ne_literal/ne_proto3_any_unpack_bytewise_fallback", "protobuf Any is not supported"},
    {"timestamps/timestamp_selectors_tz/getDate", "IANA time zone Australia/Sydney (only UTC, Asia/Tokyo and fixed offsets)"},
    {"timestamps/timestamp_selectors_tz/getDayOfMonth_name_pos", "IANA time zone US/Central (only UTC, Asia/Tokyo and fixed offsets)"},
    {"timestamps/timestamp_selectors_tz/getDayOfMonth_name_neg", "IANA time zone America/St_Johns (only UTC, Asia/Tokyo and fixed offsets)"},
    {"timestamps/timestamp_selectors_tz/getDayOfYear", "IANA time zone US/Central (only UTC, Asia/Tokyo and fixed offsets)"},
    {"timestamps/timestamp_selectors_tz/getMinutes", "IANA time zone Asia/Kathmandu (only UTC, Asia/Tokyo and fixed offsets)"},
    {"parse/nest/message_literal", "protobuf messages (NestedTestAllTypes) are not supported"},
    {"parse/repeat/select", "protobuf messages (NestedTestAllTypes) are not supported"},
    {"parse/repeat/message_literal", "protobuf messages (TestAllTypes) are not supported"},
    {"parse/whitespace", "protobuf messages (TestAllTypes) are not supported"},
    {"parse/comments/new_line_terminated", "protobuf messages (TestAllTypes) are not supported"},
    {"parse/struct_field_names", "protobuf messages (TestAllTypes) are not supported"},
};

const char* const kFiles[] = {"basic",  "comparisons", "logic",      "macros", "string", "lists",  "integer_math",
                              "fields", "timestamps",  "conversions", "fp_math", "parse"};

// Thrown for a test whose data this runner cannot represent.
struct Unsupported : std::runtime_error {
  using std::runtime_error::runtime_error;
};

TypePtr ToType(const Message& m) {
  if (const auto* f = m.Find("primitive")) {
    static const std::map<std::string, TypePtr> kPrimitives = {
        {"INT64", Type::Int()}, {"UINT64", Type::Uint()}, {"DOUBLE", Type::Double()},
        {"BOOL", Type::Bool()}, {"STRING", Type::String()}, {"BYTES", Type::Bytes()}};
    auto it = kPrimitives.find(f->scalar);
    if (it == kPrimitives.end()) throw Unsupported("primitive " + f->scalar);
    return it->second;
  }
  if (const Message* l = m.Sub("list_type")) return Type::ListOf(ToType(*l->Sub("elem_type")));
  if (const Message* mt = m.Sub("map_type")) return Type::MapOf(ToType(*mt->Sub("key_type")), ToType(*mt->Sub("value_type")));
  if (m.Find("null")) return Type::Null();
  if (m.Find("dyn")) return Type::Dyn();
  if (const auto* f = m.Find("message_type")) {
    if (f->scalar == "google.protobuf.Duration") return Type::Duration();
    if (f->scalar == "google.protobuf.Timestamp") return Type::Timestamp();
    throw Unsupported("message type " + f->scalar);
  }
  if (const auto* f = m.Find("well_known")) {
    if (f->scalar == "DURATION") return Type::Duration();
    if (f->scalar == "TIMESTAMP") return Type::Timestamp();
  }
  throw Unsupported("type");
}

Value ToValue(const Message& m);

Value ObjectValue(const Message& m) {
  for (const auto& f : m.fields) {
    const bool duration = f.name == "[type.googleapis.com/google.protobuf.Duration]";
    const bool timestamp = f.name == "[type.googleapis.com/google.protobuf.Timestamp]";
    if (!duration && !timestamp) continue;
    const int64_t seconds = std::stoll("0" + f.message->Scalar("seconds"));
    const int64_t nanos = std::stoll("0" + f.message->Scalar("nanos"));
    if (duration) return Value::DurationNanos(seconds * 1000000000 + nanos);
    return Value::TimestampUnix(seconds, static_cast<int32_t>(nanos));
  }
  throw Unsupported("object_value");
}

Value ToValue(const Message& m) {
  if (m.fields.empty()) throw Unsupported("empty value");
  const textproto::Field& f = m.fields.front();
  if (f.name == "int64_value") return Value::Int(std::stoll(f.scalar));
  if (f.name == "uint64_value") return Value::Uint(std::stoull(f.scalar));
  if (f.name == "double_value") return Value::Double(std::strtod(f.scalar.c_str(), nullptr));
  if (f.name == "string_value") return Value::String(f.scalar);
  if (f.name == "bytes_value") return Value::Bytes(f.scalar);
  if (f.name == "bool_value") return Value::Bool(f.scalar == "true");
  if (f.name == "null_value") return Value::Null();
  if (f.name == "type_value") {
    TypePtr t = FindTypeName(f.scalar);
    if (!t) throw Unsupported("type_value " + f.scalar);
    return Value::TypeValue(t);
  }
  if (f.name == "list_value") {
    std::vector<Value> items;
    for (const auto* v : f.message->All("values")) items.push_back(ToValue(*v->message));
    return Value::ListOf(std::move(items));
  }
  if (f.name == "map_value") {
    std::vector<std::pair<Value, Value>> entries;
    for (const auto* e : f.message->All("entries"))
      entries.emplace_back(ToValue(*e->message->Sub("key")), ToValue(*e->message->Sub("value")));
    return Value::MapOf(std::move(entries));
  }
  if (f.name == "object_value") return ObjectValue(*f.message);
  throw Unsupported(f.name);
}

// Equal by CEL and of the same type all the way down; NaN matches NaN.
bool SameValue(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Kind::Double:
      if (std::isnan(a.double_value())) return std::isnan(b.double_value());
      return a.double_value() == b.double_value();
    case Kind::List:
      if (a.list().size() != b.list().size()) return false;
      for (size_t i = 0; i < a.list().size(); ++i)
        if (!SameValue(a.list().at(i), b.list().at(i))) return false;
      return true;
    case Kind::Map:
      if (a.map().size() != b.map().size()) return false;
      for (size_t i = 0; i < a.map().size(); ++i) {
        const Value key = a.map().key_at(i);
        const Value* other = b.map().find(key);
        if (!other || !SameValue(*a.map().find(key), *other)) return false;
      }
      return true;
    default: return Equal(a, b);
  }
}

// "" when the test passes, else why not.
std::string RunTest(const Message& test) {
  Env env;
  std::map<std::string, Value> bindings;
  for (const auto* b : test.All("bindings"))
    bindings[b->message->Scalar("key")] = ToValue(*b->message->Sub("value")->Sub("value"));
  for (const auto* decl : test.All("type_env")) {
    const Message* ident = decl->message->Sub("ident");
    if (!ident) throw Unsupported("function declaration");
    env.DeclareVariable(decl->message->Scalar("name"), ToType(*ident->Sub("type")));
  }
  for (const auto& [name, value] : bindings)
    if (!env.FindVariable(name)) env.DeclareVariable(name, Type::Dyn());
  if (test.Find("container")) throw Unsupported("container");

  CompileOptions options;
  options.check_types = test.Scalar("disable_check") != "true";
  const CompileResult compiled = Compile(env, test.Scalar("expr"), options);
  if (!compiled.ok()) return "compile error: " + compiled.errors[0].message;
  Activation activation(env);
  for (const auto& [name, value] : bindings) activation.Set(name, value);
  const Value result = compiled.program->Eval(activation);

  if (test.Find("eval_error")) return result.is_error() ? "" : "expected an error, got " + result.DebugString();
  const Message* expected = test.Sub("value");
  const Value want = expected ? ToValue(*expected) : Value::Bool(true);
  if (SameValue(result, want)) return "";
  return "expected " + want.DebugString() + ", got " + result.DebugString();
}

struct Counts {
  int passed = 0, failed = 0, skipped = 0;
  // The row of docs/expressions.md's conformance table.
  std::string Row(const std::string& file) const {
    return "| " + file + " | " + std::to_string(passed) + " | " + std::to_string(failed) + " | " +
           std::to_string(skipped) + " |";
  }
};

std::string ReadDocs() {
  std::ifstream in(std::string(RURUME_SOURCE_DIR) + "/docs/expressions.md");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const Skip* FindSkip(const std::string& section, const std::string& test, std::map<std::string, int>& used) {
  for (const Skip& s : kSkips) {
    if (section == s.what || test == s.what) {
      ++used[s.what];
      return &s;
    }
  }
  return nullptr;
}

TEST_CASE("expr conformance: cel-spec tables") {
  std::map<std::string, int> used;
  const std::string docs = ReadDocs();
  Counts total;
  std::vector<std::string> failures;
  for (const char* file : kFiles) {
    const std::string path = std::string(RURUME_CONFORMANCE_DIR) + "/cel-spec/" + file + ".textproto";
    std::ifstream in(path);
    REQUIRE_MESSAGE(in.good(), "cannot read " << path);
    std::stringstream text;
    text << in.rdbuf();
    const Message doc = textproto::Parse(text.str());
    Counts counts;
    for (const auto* section : doc.All("section")) {
      const std::string section_name = std::string(file) + "/" + section->message->Scalar("name");
      for (const auto* test : section->message->All("test")) {
        const std::string name = section_name + "/" + test->message->Scalar("name");
        if (FindSkip(section_name, name, used)) {
          ++counts.skipped;
          continue;
        }
        std::string why;
        try {
          why = RunTest(*test->message);
        } catch (const std::exception& e) {
          why = std::string("unsupported by the runner: ") + e.what();
        }
        if (why.empty()) {
          ++counts.passed;
        } else {
          ++counts.failed;
          failures.push_back(name + " (" + test->message->Scalar("expr") + "): " + why);
        }
      }
    }
    std::cout << "conformance " << file << ": " << counts.passed << " passed, " << counts.failed << " failed, "
              << counts.skipped << " skipped\n";
    CHECK_MESSAGE(docs.find(counts.Row(file)) != std::string::npos,
                  "docs/expressions.md lacks the row " << counts.Row(file));
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
  }
  const int applicable = total.passed + total.failed;
  std::cout << "conformance total: " << total.passed << " passed, " << total.failed << " failed, " << total.skipped
            << " skipped (" << (applicable ? 100.0 * total.passed / applicable : 0.0) << "% of applicable tests pass)\n";
  for (const std::string& f : failures) std::cout << "  FAILED " << f << "\n";

  CHECK_MESSAGE(docs.find(total.Row("total")) != std::string::npos, "docs/expressions.md lacks " << total.Row("total"));
  for (const Skip& s : kSkips) {
    CHECK_MESSAGE(used[s.what] > 0, "skip entry matches no test: " << s.what);
    CHECK_MESSAGE(docs.find(std::string("`") + s.what + "`") != std::string::npos,
                  "docs/expressions.md does not list the skipped " << s.what);
  }
  CHECK_MESSAGE(failures.empty(), failures.size() << " conformance tests failed and are not in the skip table");
  CHECK(total.passed * 100 >= applicable * 95);
}

}  // namespace
}  // namespace rurume::expr
