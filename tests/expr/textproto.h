// A small reader for the protobuf text format, enough for cel-spec's
// conformance files: messages, `name: value`, `name { ... }`, strings with
// C escapes (octal, \x, \u, \U; adjacent strings concatenate), numbers,
// enum identifiers, `#` comments and `[type.googleapis.com/...]` names.
#pragma once

#include "expr/value_ops.h"

#include <cctype>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace rurume::textproto {

struct Message;

struct Field {
  std::string name;
  std::string scalar;  // a decoded string, or the text of a number or identifier
  bool is_string = false;
  std::shared_ptr<const Message> message;  // set for `name { ... }`
};

struct Message {
  std::vector<Field> fields;

  const Field* Find(std::string_view name) const {
    for (const Field& f : fields)
      if (f.name == name) return &f;
    return nullptr;
  }
  std::vector<const Field*> All(std::string_view name) const {
    std::vector<const Field*> out;
    for (const Field& f : fields)
      if (f.name == name) out.push_back(&f);
    return out;
  }
  const Message* Sub(std::string_view name) const {
    const Field* f = Find(name);
    return f ? f->message.get() : nullptr;
  }
  std::string Scalar(std::string_view name) const {
    const Field* f = Find(name);
    return f ? f->scalar : std::string();
  }
};

namespace detail {

class Reader {
 public:
  explicit Reader(std::string_view text) : s_(text) {}

  Message ReadMessage(char close) {
    Message m;
    for (;;) {
      Skip();
      if (pos_ >= s_.size()) {
        if (close) Fail("unexpected end of input");
        return m;
      }
      if (s_[pos_] == close) {
        ++pos_;
        return m;
      }
      m.fields.push_back(ReadField());
      Skip();
      if (pos_ < s_.size() && (s_[pos_] == ',' || s_[pos_] == ';')) ++pos_;
    }
  }

 private:
  [[noreturn]] void Fail(const std::string& what) const {
    size_t line = 1;
    for (size_t i = 0; i < pos_ && i < s_.size(); ++i) line += s_[i] == '\n';
    throw std::runtime_error("textproto line " + std::to_string(line) + ": " + what);
  }

  void Skip() {
    while (pos_ < s_.size()) {
      if (s_[pos_] == '#') {
        while (pos_ < s_.size() && s_[pos_] != '\n') ++pos_;
      } else if (std::isspace(static_cast<unsigned char>(s_[pos_]))) {
        ++pos_;
      } else {
        return;
      }
    }
  }

  static bool IsWordChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-' || c == '+';
  }

  std::string Word() {
    const size_t start = pos_;
    while (pos_ < s_.size() && IsWordChar(s_[pos_])) ++pos_;
    if (pos_ == start) Fail("expected a name or a value");
    return std::string(s_.substr(start, pos_ - start));
  }

  Field ReadField() {
    Field f;
    if (s_[pos_] == '[') {
      const size_t end = s_.find(']', pos_);
      if (end == std::string_view::npos) Fail("unterminated [type name]");
      f.name = std::string(s_.substr(pos_, end + 1 - pos_));
      pos_ = end + 1;
    } else {
      f.name = Word();
    }
    Skip();
    if (pos_ < s_.size() && s_[pos_] == ':') {
      ++pos_;
      Skip();
    }
    if (pos_ >= s_.size()) Fail("missing value");
    const char c = s_[pos_];
    if (c == '{' || c == '<') {
      ++pos_;
      f.message = std::make_shared<Message>(ReadMessage(c == '{' ? '}' : '>'));
    } else if (c == '"' || c == '\'') {
      f.is_string = true;
      while (pos_ < s_.size() && (s_[pos_] == '"' || s_[pos_] == '\'')) {
        f.scalar += ReadString();
        Skip();
      }
    } else {
      f.scalar = Word();
    }
    return f;
  }

  uint32_t Digits(int max, int base) {
    uint32_t v = 0;
    int n = 0;
    while (n < max && pos_ < s_.size()) {
      const char c = s_[pos_];
      int d = -1;
      if (c >= '0' && c <= '9') d = c - '0';
      else if (base == 16 && std::isxdigit(static_cast<unsigned char>(c))) d = (c | 0x20) - 'a' + 10;
      if (d < 0 || d >= base) break;
      v = v * static_cast<uint32_t>(base) + static_cast<uint32_t>(d);
      ++pos_;
      ++n;
    }
    if (n == 0) Fail("bad escape");
    return v;
  }

  std::string ReadString() {
    const char q = s_[pos_++];
    std::string out;
    while (pos_ < s_.size() && s_[pos_] != q) {
      char c = s_[pos_++];
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= s_.size()) Fail("unterminated escape");
      c = s_[pos_++];
      switch (c) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'v': out += '\v'; break;
        case 'x': case 'X': out += static_cast<char>(Digits(2, 16)); break;
        case 'u': expr::AppendUtf8(out, Digits(4, 16)); break;
        case 'U': expr::AppendUtf8(out, Digits(8, 16)); break;
        default:
          if (c >= '0' && c <= '7') {
            --pos_;
            out += static_cast<char>(Digits(3, 8));
          } else {
            out += c;  // \\ \' \" \?
          }
      }
    }
    if (pos_ >= s_.size()) Fail("unterminated string");
    ++pos_;
    return out;
  }

  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace detail

/// Parses a whole file; throws std::runtime_error (with the line) on bad input.
inline Message Parse(std::string_view text) { return detail::Reader(text).ReadMessage(0); }

}  // namespace rurume::textproto
