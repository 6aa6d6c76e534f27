// Strings and bytes: size (strings in code points), concatenation,
// contains/startsWith/endsWith, ASCII case mapping and matches().
//
// matches() uses std::regex's ECMAScript grammar, the closest engine
// available here to CEL's RE2: the text and the pattern are decoded to code
// points first so that `.` and repetition apply to characters, not bytes.
// See docs/expressions.md for the differences from RE2.
#include "expr/functions/functions.h"
#include "expr/functions/util.h"

#include <memory>
#include <regex>
#include <unordered_map>
#include <vector>

namespace rurume::expr {

using namespace fn;

namespace {

// std::regex backtracks (recursively, and quadratically for a failed
// search): bounding the text bounds both time and stack.
constexpr size_t kMaxMatchText = 2000;
constexpr size_t kRegexCacheSize = 256;

std::wstring Decode(std::string_view s) {
  std::wstring out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    uint32_t cp = len == 1 ? c : c & (0x7Fu >> len);
    for (size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out += static_cast<wchar_t>(cp);
    i += len;
  }
  return out;
}

// Compiled patterns, per thread (Programs are shared between threads).
struct CompiledRegex {
  std::shared_ptr<const std::wregex> regex;
  std::string error;
};

// True when a repeated group holds an unbounded repetition, as in (a+)* or
// (x*)*y: a backtracking engine takes exponential time on those, where RE2
// stays linear. Escapes and character classes are skipped.
bool HasNestedRepetition(std::string_view p) {
  std::vector<bool> group_repeats;  // per open group: it holds *, + or {n,}
  bool last_group_repeats = false;   // the group that just closed
  for (size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    const bool unbounded = c == '*' || c == '+' || (c == '{' && p.find(",}", i) == p.find('}', i) - 1);
    if (unbounded && last_group_repeats) return true;
    last_group_repeats = false;
    if (c == '\\') {
      ++i;
    } else if (c == '[') {
      while (++i < p.size() && p[i] != ']')
        if (p[i] == '\\') ++i;
    } else if (c == '(') {
      group_repeats.push_back(false);
    } else if (c == ')' && !group_repeats.empty()) {
      last_group_repeats = group_repeats.back();
      group_repeats.pop_back();
      if (last_group_repeats && !group_repeats.empty()) group_repeats.back() = true;
    } else if (unbounded && !group_repeats.empty()) {
      group_repeats.back() = true;
    }
  }
  return false;
}

CompiledRegex Compile(std::string_view pattern) {
  thread_local std::unordered_map<std::string, CompiledRegex> cache;
  auto it = cache.find(std::string(pattern));
  if (it != cache.end()) return it->second;
  if (cache.size() >= kRegexCacheSize) cache.clear();
  CompiledRegex compiled;
  auto flags = std::regex::ECMAScript;
  std::string_view body = pattern;
  if (body.substr(0, 4) == "(?i)") {  // RE2's case-insensitive flag, common in rules
    flags |= std::regex::icase;
    body.remove_prefix(4);
  }
  if (HasNestedRepetition(body)) {
    compiled.error = "unsupported regular expression '" + std::string(pattern) +
                     "': a repeated group may not contain another unbounded repetition";
    cache.emplace(std::string(pattern), compiled);
    return compiled;
  }
  try {
    compiled.regex = std::make_shared<const std::wregex>(Decode(body), flags);
  } catch (const std::regex_error& e) {
    compiled.error = "invalid regular expression '" + std::string(pattern) + "': " + e.what();
  }
  cache.emplace(std::string(pattern), compiled);
  return compiled;
}

Value Matches(const Value* a, size_t) {
  const std::string_view text = a[0].string_value();
  if (CodePointCount(text) > kMaxMatchText)
    return Value::Error("matches(): text longer than " + std::to_string(kMaxMatchText) + " characters");
  const CompiledRegex re = Compile(a[1].string_value());
  if (!re.regex) return Value::Error(re.error);
  try {
    return Value::Bool(std::regex_search(Decode(text), *re.regex));
  } catch (const std::regex_error& e) {  // complexity or stack limits of the engine
    return Value::Error(std::string("matches(): ") + e.what());
  }
}

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
