#include "load/yaml_scan.h"

#include <fmt/format.h>

#include <algorithm>

namespace rurume {

namespace {

bool IsFlowIndicator(int c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }
bool IsBlankOrEnd(int c) { return c < 0 || c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int HexValue(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// The value of four hex digits at p, or -1.
long Hex4(const char* p) {
  long v = 0;
  for (int k = 0; k < 4; ++k) {
    int h = HexValue(static_cast<unsigned char>(p[k]));
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

}  // namespace

void YamlScanner::AddProblem(uint32_t line, uint32_t column, std::string ja, std::string en) {
  problems_.push_back({line, column, std::move(ja), std::move(en)});
}

uint32_t YamlScanner::RemovedBetween(uint64_t from, uint64_t to) const {
  auto lo = std::upper_bound(removed_at_.begin(), removed_at_.end(), from);
  auto hi = std::upper_bound(removed_at_.begin(), removed_at_.end(), to);
  return static_cast<uint32_t>(2 * (hi - lo));
}

void YamlScanner::FixValue(int64_t pos, std::string& value) const {
  auto it = placeholders_.find(pos);
  if (it == placeholders_.end()) return;
  size_t k = 0;
  for (char& c : value) {
    if (c != kQuestionPlaceholder) continue;
    if (k < it->second.size() && it->second[k]) c = '?';
    ++k;
  }
}

void YamlScanner::Feed(char* p, size_t n, bool last, uint64_t out_base, size_t* consumed, size_t* produced) {
  size_t i = 0, w = 0;
  // The byte k after the current one, or -1 past the end.
  auto at = [&](size_t k) -> int { return i + k < n ? static_cast<unsigned char>(p[i + k]) : -1; };
  // Whether k bytes from the current one are there to decide (always at the end of input).
  auto have = [&](size_t k) { return last || i + k <= n; };
  auto emit = [&](size_t k) {  // copies k input bytes as they are
    for (size_t e = 0; e < k; ++e) {
      const unsigned char c = static_cast<unsigned char>(p[i]);
      p[w++] = p[i++];
      if (c == '\n') {
        ++line_, column_ = 1;
      } else if ((c & 0xC0) != 0x80) {
        ++column_;
      }
    }
  };
  auto close_plain = [&] {
    if (std::find(plain_marks_.begin(), plain_marks_.end(), true) != plain_marks_.end())
      placeholders_[plain_pos_] = plain_marks_;
    plain_marks_.clear();
    plain_pos_ = -1;
  };
  auto node_starts = [&] {
    if (!flow_kinds_.empty()) flow_entry_empty_ = false;
  };
  auto comment_without_space = [&] {
    AddProblem(line_, column_, "# の前に空白がありません。コメントにするなら # の前に空白を入れ、値の一部なら値全体を引用符で囲んでください",
            "no space before #: put a space before # to start a comment, or quote the whole value if # is part of it");
  };

  while (i < n) {
    const int c = at(0);
    switch (state_) {
      case State::LineStart: {
        // A document marker ends everything open.
        if (column_ == 1 && (c == '-' || c == '.')) {
          if (!have(4)) goto stop;
          if (at(1) == c && at(2) == c && IsBlankOrEnd(at(3))) {
            if (plain_pos_ >= 0) close_plain();
            block_indent_ = -1;
            block_parent_ = -1;
            in_block_ = false;
            flow_kinds_.clear();
            emit(3);
            last_node_col_ = -1;
            line_indent_ = 0;
            prev_space_ = false;
            state_ = State::Between;
            break;
          }
        }
        // The line's leading whitespace, and whether anything follows it.
        size_t k = i;
        while (k < n && (p[k] == ' ' || p[k] == '\t')) ++k;
        if (k == n && !last && k - i < 1024) goto stop;
        const int next = k < n ? static_cast<unsigned char>(p[k]) : -1;
        const bool blank = next < 0 || next == '\n' || next == '\r';
        size_t spaces = 0;
        while (i + spaces < k && p[i + spaces] == ' ') ++spaces;
        if (in_block_) {
          // A block scalar's line: content while indented enough (blank lines always).
          bool content = blank;
          if (!blank) {
            const int indent = static_cast<int>(spaces);
            if (block_indent_ < 0 && indent > block_parent_) block_indent_ = indent;
            content = block_indent_ >= 0 && indent >= block_indent_;
          }
          if (content) {
            state_ = State::BlockScalar;
            break;
          }
          in_block_ = false;
          block_indent_ = -1;
        }
        // Outside block scalars, a line of only whitespace (or a comment)
        // may hold tabs: YAML allows them there, yaml-cpp does not.
        if (blank || next == '#')
          for (size_t t = i; t < k; ++t)
            if (p[t] == '\t') p[t] = ' ';

        line_indent_ = static_cast<int>(spaces);
        const bool comment = next == '#';
        emit(k - i);
        prev_space_ = true;
        last_node_col_ = -1;
        if (blank || comment) {
          state_ = comment ? State::Comment : State::Between;  // a plain scalar goes on past blank lines
          if (comment && plain_pos_ >= 0) close_plain();
          break;
        }
        if (plain_pos_ >= 0 && (!flow_kinds_.empty() || line_indent_ > plain_parent_)) {
          state_ = State::Plain;  // the plain scalar of the line before goes on
          break;
        }
        if (plain_pos_ >= 0) close_plain();
        state_ = State::Between;
        break;
      }

      case State::Between: {
        if (c == ' ' || c == '\t' || c == '\r') {
          emit(1);
          prev_space_ = true;
          break;
        }
        if (c == '\n') {
          emit(1);
          if (pending_block_) in_block_ = true, pending_block_ = false;
          state_ = State::LineStart;
          break;
        }
        if (plain_pos_ >= 0) close_plain();  // a blank line, then something else
        const int col0 = static_cast<int>(column_) - 1;
        if (c == '#') {
          if (!prev_space_) comment_without_space();
          state_ = State::Comment;
          break;
        }
        if (c == '"' || c == '\'') {
          node_starts();
          // Its lines after the first must be indented past its parent
          // node's column (a block mapping's key, a sequence's `-`).
          quote_parent_ = flow_kinds_.empty() ? last_node_col_ : -1;
          quote_reported_ = false;
          quote_at_line_start_ = false;
          if (flow_kinds_.empty()) last_node_col_ = col0;
          quote_line_ = line_, quote_column_ = column_;
          state_ = c == '"' ? State::Double : State::Single;
          emit(1);
          break;
        }
        if (c == '[' || c == '{') {
          node_starts();
          flow_kinds_.push_back(static_cast<char>(c));
          flow_entry_empty_ = true;
          emit(1);
          prev_space_ = false;
          break;
        }
        if (c == ']' || c == '}') {
          if (!flow_kinds_.empty()) flow_kinds_.pop_back();
          flow_entry_empty_ = false;
          emit(1);
          prev_space_ = false;
          state_ = State::AfterNode;
          break;
        }
        if (c == ',' && !flow_kinds_.empty()) {
          if (flow_entry_empty_)
            AddProblem(line_, column_, "[ ] や { } の中に空の要素があります (カンマが続いているか、括弧の直後にあります)。余分なカンマを削除してください",
                    "an empty entry in [ ] or { } (two commas, or one right after the bracket); remove the extra comma");
          flow_entry_empty_ = true;
          emit(1);
          prev_space_ = false;
          break;
        }
        if (c == '-' || c == '?' || c == ':') {
          if (!have(2)) goto stop;
          const int after = at(1);
          const bool in_flow = !flow_kinds_.empty();
          if (c == '-' && in_flow && (IsBlankOrEnd(after) || IsFlowIndicator(after))) {
            AddProblem(line_, column_, "[ ] や { } の中に「-」の要素は書けません。文字列の - なら引用符で囲んでください",
                    "a \"-\" entry cannot be inside [ ] or { }; quote it if it is a string");
            node_starts();
            emit(1);
            break;
          }
          if (IsBlankOrEnd(after) || (c == ':' && in_flow && IsFlowIndicator(after))) {
            // An indicator: a sequence entry, an explicit key, a value.
            if (!in_flow && c != ':') last_node_col_ = col0;
            if (c != '-') node_starts();
            emit(1);
            prev_space_ = false;
            break;
          }
          if (c == '?' && in_flow) {
            // A plain scalar starting with `?` (`{?foo: bar}`): yaml-cpp reads an unknown token.
            node_starts();
            plain_pos_ = static_cast<int64_t>(out_base + w);
            plain_marks_.assign(1, true);
            plain_parent_ = line_indent_ - 1;
            p[i] = kQuestionPlaceholder;
            emit(1);
            prev_space_ = false;
            state_ = State::Plain;
            break;
          }
        }
        if ((c == '|' || c == '>') && flow_kinds_.empty()) {
          node_starts();
          block_parent_ = last_node_col_;
          block_explicit_ = 0;
          emit(1);
          prev_space_ = false;
          state_ = State::BlockHeader;
          break;
        }
        if (c == '&' || c == '!' || c == '*') {
          node_starts();
          if (flow_kinds_.empty() && last_node_col_ < 0) last_node_col_ = col0;
          emit(1);
          state_ = State::Property;
          break;
        }
        if (c == '%' && column_ == 1) {  // a directive
          state_ = State::Comment;
          break;
        }
        // A plain scalar. Its lines after the first must be indented past
        // its parent node's column (a key's, a `-`'s; else its own line's).
        node_starts();
        plain_parent_ = last_node_col_ >= 0 ? last_node_col_ : line_indent_ - 1;
        if (flow_kinds_.empty()) last_node_col_ = col0;
        plain_pos_ = static_cast<int64_t>(out_base + w);
        plain_marks_.clear();
        prev_space_ = false;
        state_ = State::Plain;
        break;
      }

      case State::AfterNode: {
        if (c == '#') {
          comment_without_space();
          state_ = State::Comment;
          break;
        }
        if (c == ':') {
          // `"key":value` (JSON-like, in flow) and `"key": value`.
          emit(1);
          prev_space_ = false;
          state_ = State::Between;
          break;
        }
        prev_space_ = c == ' ' || c == '\t';
        state_ = State::Between;
        break;
      }

      case State::Plain: {
        const bool in_flow = !flow_kinds_.empty();
        if (c == '\n') {
          emit(1);
          state_ = State::LineStart;  // it may go on on the next line
          break;
        }
        if (c == ' ' || c == '\t' || c == '\r') {
          emit(1);
          prev_space_ = true;
          break;
        }
        if (c == '#' && prev_space_) {
          close_plain();
          state_ = State::Comment;
          break;
        }
        if (c == ':') {
          if (!have(2)) goto stop;
          const int after = at(1);
          if (IsBlankOrEnd(after) || (in_flow && IsFlowIndicator(after))) {
            close_plain();
            emit(1);
            prev_space_ = false;
            state_ = State::Between;
            break;
          }
        }
        if (in_flow && IsFlowIndicator(c)) {
          close_plain();
          state_ = State::Between;
          break;
        }
        if (in_flow && c == '?') {
          // yaml-cpp ends a plain scalar at `?` in flow; YAML does not.
          p[i] = kQuestionPlaceholder;
          plain_marks_.push_back(true);
        } else if (c == kQuestionPlaceholder) {
          plain_marks_.push_back(false);
        }
        emit(1);
        prev_space_ = false;
        break;
      }

      case State::Double:
      case State::Single:
        if (quote_at_line_start_) {
          // A line of a quoted scalar after its first: indented enough,
          // unless blank. A line that is not was most likely meant to be
          // outside the string: its closing quote is missing.
          if (c == ' ') {
            ++quote_indent_;
            emit(1);
            break;
          }
          quote_at_line_start_ = false;
          if (c != '\n' && c != '\r' && quote_indent_ <= quote_parent_ && !quote_reported_) {
            quote_reported_ = true;
            AddProblem(quote_line_, quote_column_,
                       fmt::format("引用符 ({0}) で始まった値が {1} 行目に続いていますが、{1} 行目の字下げが足りません。"
                                   "閉じる引用符がないのかもしれません。値の終わりに {0} を書いてください",
                                   state_ == State::Double ? "\"" : "'", line_),
                       fmt::format("the quoted value ({0}) goes on to line {1}, which is not indented enough: its "
                                   "closing quote may be missing; end the value with {0}",
                                   state_ == State::Double ? "\"" : "'", line_));
          }
        }
        if (c == '\n') {
          emit(1);
          quote_at_line_start_ = true;
          quote_indent_ = 0;
          break;
        }
        if (state_ == State::Single) goto single;
        {  // double-quoted
        if (c == '"') {
          emit(1);
          prev_space_ = false;
          state_ = State::AfterNode;
          break;
        }
        if (c != '\\') {
          emit(1);
          break;
        }
        if (!have(2)) goto stop;
        const int e = at(1);
        if (e == 'u') {
          if (!have(12)) goto stop;
          const long cp = i + 6 <= n ? Hex4(p + i + 2) : -1;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            const long low = i + 12 <= n && p[i + 6] == '\\' && p[i + 7] == 'u' ? Hex4(p + i + 8) : -1;
            if (low >= 0xDC00 && low <= 0xDFFF) {
              // A surrogate pair (JSON's, Python's json.dumps): one \U escape, two bytes shorter.
              const long combined = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
              const std::string esc = fmt::format("\\U{:08X}", combined);
              std::copy(esc.begin(), esc.end(), p + w);
              w += esc.size();
              i += 12;
              column_ += 12;
              removed_at_.push_back(out_base + w);
              break;
            }
          }
          if (cp >= 0xD800 && cp <= 0xDFFF) {
            AddProblem(line_, column_,
                    fmt::format("\\u{:04X} はサロゲートペアの片方だけです。\\uD800-\\uDBFF の直後には "
                                "\\uDC00-\\uDFFF が必要です (または文字そのものを書いてください)",
                                cp),
                    fmt::format("\\u{:04X} is half a surrogate pair: \\uD800-\\uDBFF must be followed by "
                                "\\uDC00-\\uDFFF (or write the character itself)",
                                cp));
          }
          emit(2);
          break;
        }
        static constexpr std::string_view kEscapes = "0abt\tnvfre \"/\\N_LPxU\n\r";
        if (e >= 0 && kEscapes.find(static_cast<char>(e)) == std::string_view::npos) {
          const std::string shown = e < 0x80 ? std::string(1, static_cast<char>(e)) : std::string("…");
          AddProblem(line_, column_,
                  fmt::format("\\{} は二重引用符の中で使えるエスケープではありません。\\ そのものは \\\\ と書いてください", shown),
                  fmt::format("\\{} is not an escape of a double-quoted string; write a backslash as \\\\", shown));
        }
        emit(e == '\n' || e < 0 ? 1 : 2);
        break;
      }

      single: {
        if (c == '\'') {
          if (!have(2)) goto stop;
          if (at(1) == '\'') {
            emit(2);
            break;
          }
          emit(1);
          prev_space_ = false;
          state_ = State::AfterNode;
          break;
        }
        emit(1);
        break;
      }

      case State::Comment: {
        if (c == '\n') {
          emit(1);
          if (pending_block_) in_block_ = true, pending_block_ = false;
          state_ = State::LineStart;
          break;
        }
        emit(1);
        break;
      }

      case State::Property: {
        if (IsBlankOrEnd(c) || (!flow_kinds_.empty() && IsFlowIndicator(c))) {
          prev_space_ = false;
          state_ = State::Between;
          break;
        }
        emit(1);
        break;
      }

      case State::BlockHeader: {
        if (c == '#') {
          if (!prev_space_) comment_without_space();
          pending_block_ = true;
          state_ = State::Comment;
          break;
        }
        if (c == '\n') {
          pending_block_ = true;
          state_ = State::Between;
          break;
        }
        if (c >= '1' && c <= '9') {
          block_explicit_ = c - '0';
          block_indent_ = std::max(block_parent_, 0) + block_explicit_;
        }
        prev_space_ = c == ' ' || c == '\t';
        emit(1);
        break;
      }

      case State::BlockScalar: {
        emit(1);
        if (c == '\n') state_ = State::LineStart;
        break;
      }
    }
  }
  if (last) {
    if (state_ == State::Double || state_ == State::Single) {
      const bool dq = state_ == State::Double;
      unterminated_ = true;
      // Never closed: that, rather than its lines' indentation, is the problem to show.
      if (quote_reported_)
        problems_.erase(std::remove_if(problems_.begin(), problems_.end(),
                                       [&](const struct Problem& q) {
                                         return q.line == quote_line_ && q.column == quote_column_;
                                       }),
                        problems_.end());
      AddProblem(quote_line_, quote_column_,
              fmt::format("閉じる引用符 ({}) がありません。このままではファイルの残りがすべて 1 つの文字列になります。"
                          "値の終わりに {} を書いてください",
                          dq ? "\"" : "'", dq ? "\"" : "'"),
              fmt::format("the closing quote ({}) is missing, so the rest of the file would be one string; "
                          "end the value with {}",
                          dq ? "\"" : "'", dq ? "\"" : "'"));
      state_ = State::Between;
    }
    if (plain_pos_ >= 0) close_plain();
  }
stop:
  *consumed = i;
  *produced = w;
}

}  // namespace rurume
