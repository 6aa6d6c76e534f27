// Strings and bytes: size (strings in code points), concatenation,
// contains/startsWith/endsWith, ASCII case mapping and matches().
//
// matches() uses RE2, as CEL specifies: its time is linear in the text
// whatever the pattern, and it matches UTF-8 text by characters.
#include "expr/functions/functions.h"
#include "expr/functions/util.h"

#include <re2/re2.h>

#include <memory>
#include <string>
#include <unordered_map>

namespace rurume::expr {

using namespace fn;

namespace {

constexpr size_t kRegexCacheSize = 256;

// A compiled pattern, or why it does not compile.
struct CompiledRegex {
  std::shared_ptr<const re2::RE2> regex;
  std::string error;
};

// Compiled patterns, per thread (Programs are shared between threads).
CompiledRegex Compile(std::string_view pattern) {
  thread_local std::unordered_map<std::string, CompiledRegex> cache;
  auto it = cache.find(std::string(pattern));
  if (it != cache.end()) return it->second;
  if (cache.size() >= kRegexCacheSize) cache.clear();
  CompiledRegex compiled;
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_shared<const re2::RE2>(re2::StringPiece(pattern.data(), pattern.size()), options);
  if (re->ok()) compiled.regex = std::move(re);
  else compiled.error = "invalid regular expression '" + std::string(pattern) + "': " + re->error();
  cache.emplace(std::string(pattern), compiled);
  return compiled;
}

Value Matches(const Value* a, size_t) {
  const std::string_view text = a[0].string_value();
  const CompiledRegex re = Compile(a[1].string_value());
  if (!re.regex) return Value::Error(re.error);
  return Value::Bool(RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), *re.regex));
}

}  // namespace

std::string RegexError(std::string_view pattern) { return Compile(pattern).error; }

namespace {

Value MapAscii(const Value& v, char from, char to, int delta) {
  std::string s(v.string_value());
  for (char& c : s)
    if (c >= from && c <= to) c = static_cast<char>(c + delta);
  return Value::String(std::move(s));
}

void RegisterPredicates(Env& env) {
  const TypePtr S = Type::String(), B = Type::Bool();
  env.AddMethod("contains", "contains_string", {S, S}, B, [](const Value* a, size_t) {
    return Value::Bool(a[0].string_value().find(a[1].string_value()) != std::string_view::npos);
  });
  env.AddMethod("startsWith", "starts_with_string", {S, S}, B, [](const Value* a, size_t) {
    return Value::Bool(a[0].string_value().substr(0, a[1].string_value().size()) == a[1].string_value());
  });
  env.AddMethod("endsWith", "ends_with_string", {S, S}, B, [](const Value* a, size_t) {
    const std::string_view s = a[0].string_value(), suffix = a[1].string_value();
    return Value::Bool(s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix);
  });
  env.AddMethod("matches", "matches_string", {S, S}, B, Matches);
  env.AddFunction("matches", "matches", {S, S}, B, Matches);
}

}  // namespace

void RegisterStrings(Env& env) {
  const TypePtr S = Type::String(), Y = Type::Bytes(), I = Type::Int();
  const auto size_string = [](const Value* a, size_t) {
    return Value::Int(static_cast<int64_t>(CodePointCount(a[0].string_value())));
  };
  const auto size_bytes = [](const Value* a, size_t) {
    return Value::Int(static_cast<int64_t>(a[0].string_value().size()));
  };
  env.AddFunction("size", "size_string", {S}, I, size_string);
  env.AddMethod("size", "string_size", {S}, I, size_string);
  env.AddFunction("size", "size_bytes", {Y}, I, size_bytes);
  env.AddMethod("size", "bytes_size", {Y}, I, size_bytes);
  env.AddFunction(op::kAdd, "add_string", {S, S}, S, [](const Value* a, size_t) {
    return Value::String(std::string(a[0].string_value()) + std::string(a[1].string_value()));
  });
  env.AddFunction(op::kAdd, "add_bytes", {Y, Y}, Y, [](const Value* a, size_t) {
    return Value::Bytes(std::string(a[0].string_value()) + std::string(a[1].string_value()));
  });
  RegisterPredicates(env);
  env.AddMethod("lowerAscii", "lower_ascii", {S}, S, [](const Value* a, size_t) { return MapAscii(a[0], 'A', 'Z', 32); });
  env.AddMethod("upperAscii", "upper_ascii", {S}, S, [](const Value* a, size_t) { return MapAscii(a[0], 'a', 'z', -32); });
}

}  // namespace rurume::expr
