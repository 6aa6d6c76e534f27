// yaml2json: prints every YAML document of the given files as one JSON line.
//
// A test helper, not part of rurume-audit: it lets the JSON Schema in
// schemas/ be checked against YAML fixtures and examples. Plain scalars are
// resolved by the YAML 1.2 core schema, so `yes`, `on` and unquoted dates stay
// strings (as rurume-audit reads them) instead of becoming booleans or dates.
//
// Usage: yaml2json FILE...
// Exit status: 0 if every file loaded, 1 if any did not (the message names
// file:line:col), 2 on a usage error.

#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using nlohmann::json;

// A load error that points into the input.
struct InputError : std::runtime_error {
  InputError(const YAML::Mark& m, const std::string& what)
      : std::runtime_error(std::to_string(m.line + 1) + ":" +
                           std::to_string(m.column + 1) + ": " + what) {}
};

// YAML 1.2.2, 10.3.2 (core schema tag resolution).
const std::regex kNull("null|Null|NULL|~|");
const std::regex kTrue("true|True|TRUE");
const std::regex kFalse("false|False|FALSE");
const std::regex kInt10("[-+]?[0-9]+");
const std::regex kInt8("0o[0-7]+");
const std::regex kInt16("0x[0-9a-fA-F]+");
const std::regex kFloat("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

// The integer written `text`: digits in `base` after a sign or a `prefix`
// of that many characters (0o, 0x). When it does not fit in 64 bits, `text`
// itself as a string: the schema then reports a type error, not a rounded
// number.
json Integer(const std::string& text, std::size_t prefix, int base) {
  bool negative = text[0] == '-';
  if (negative || text[0] == '+') prefix = 1;
  const char* first = text.data() + prefix;
  const char* last = text.data() + text.size();
  std::uint64_t u = 0;
  auto [end, ec] = std::from_chars(first, last, u, base);
  if (ec != std::errc() || end != last) return text;
  if (!negative) return u;
  if (u > static_cast<std::uint64_t>(INT64_MAX) + 1) return text;
  return static_cast<std::int64_t>(0 - u);
}

json PlainScalar(const std::string& s) {
  if (std::regex_match(s, kNull)) return nullptr;
  if (std::regex_match(s, kTrue)) return true;
  if (std::regex_match(s, kFalse)) return false;
  if (std::regex_match(s, kInt10)) return Integer(s, 0, 10);
  if (std::regex_match(s, kInt8)) return Integer(s, 2, 8);
  if (std::regex_match(s, kInt16)) return Integer(s, 2, 16);
  if (std::regex_match(s, kFloat)) return std::stod(s);
  // .inf and .nan have no JSON form: they stay strings, as does everything else.
  return s;
}

// Converts `node`; `budget` bounds the number of nodes produced so that
// aliases cannot expand beyond what the input size justifies.
json Convert(const YAML::Node& node, long& budget) {
  if (--budget < 0) throw InputError(node.Mark(), "alias expansion exceeds the input size");
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return nullptr;
    case YAML::NodeType::Scalar:
      // "?" is a plain scalar; "!" a quoted one; anything else an explicit tag.
      if (node.Tag() == "?") return PlainScalar(node.Scalar());
      if (node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str") return node.Scalar();
      return PlainScalar(node.Scalar());
    case YAML::NodeType::Sequence: {
      json out = json::array();
      for (const auto& item : node) out.push_back(Convert(item, budget));
      return out;
    }
    case YAML::NodeType::Map: {
      json out = json::object();
      for (const auto& kv : node) {
        if (!kv.first.IsScalar()) throw InputError(kv.first.Mark(), "mapping key is not a scalar");
        const std::string& key = kv.first.Scalar();
        if (out.contains(key)) throw InputError(kv.first.Mark(), "duplicate key '" + key + "'");
        out[key] = Convert(kv.second, budget);
      }
      return out;
    }
  }
  return nullptr;
}

long FileSize(const char* path) {
  std::FILE* f = std::fopen(path, "rb");
  if (!f) return 0;
  std::fseek(f, 0, SEEK_END);
  long size = std::ftell(f);
  std::fclose(f);
  return size;
}

// Prints the documents of `path`; returns false (after a message) on error.
bool PrintFile(const char* path) {
  try {
    long budget = 100 * FileSize(path) + 1000;
    for (const auto& doc : YAML::LoadAllFromFile(path)) {
      std::cout << Convert(doc, budget).dump() << '\n';
    }
    return true;
  } catch (const YAML::Exception& e) {
    std::cerr << path;
    if (!e.mark.is_null()) std::cerr << ":" << e.mark.line + 1 << ":" << e.mark.column + 1;
    std::cerr << ": " << e.msg << '\n';
  } catch (const InputError& e) {
    std::cerr << path << ":" << e.what() << '\n';
  } catch (const std::exception& e) {  // e.g. invalid UTF-8, from dump()
    std::cerr << path << ": " << e.what() << '\n';
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: yaml2json FILE...\n";
    return 2;
  }
  bool ok = true;
  for (int i = 1; i < argc; ++i) ok = PrintFile(argv[i]) && ok;
  return ok ? 0 : 1;
}
