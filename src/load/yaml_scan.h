// A lexical pass over an input's bytes before yaml-cpp 0.7 parses them, for
// what that parser gets wrong (it is a Debian package and cannot be patched):
//  - it accepts a quoted scalar without its closing quote at the end of the
//    file, and the rest of the file silently becomes one string: the pass
//    proves that every quoted scalar it opens is closed;
//  - it rejects valid input: a surrogate pair of \u escapes (JSON's way to
//    write U+10000 and above) is combined into one \U escape; a blank line
//    holding only tabs and spaces has its tabs turned into spaces; a `?`
//    inside a plain scalar in a flow collection is handed to the parser as
//    a placeholder byte and restored in the value (FixValue);
//  - it accepts invalid input that can change what a file means: a `#`
//    right after a quoted scalar, a flow collection, a `,` or a block scalar
//    header (`key: "v"# c`), an escape YAML does not have (`\'`), an empty
//    entry in a flow sequence (`[a, , b]`), a `-` entry in a flow collection.
// It tracks just enough of YAML's lexical structure for that: flow depth,
// quoted and plain scalars, comments, block scalars and their indentation.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace rurume {

class YamlScanner {
 public:
  /// A problem found, at the original input's line and column (1-based, in characters).
  struct Problem {
    uint32_t line = 0, column = 0;
    std::string ja, en;
  };

  /// Scans `p[0, n)`, the bytes of the stream from (output) offset `out_base`
  /// on, and rewrites them in place for the parser. Stops early when it needs
  /// bytes after `n` to decide (never when `last`): `*consumed` is how many
  /// input bytes it took, `*produced` how many it wrote at `p` (fewer when a
  /// surrogate pair became one escape). The caller passes the rest again.
  void Feed(char* p, size_t n, bool last, uint64_t out_base, size_t* consumed, size_t* produced);

  const std::vector<Problem>& problems() const { return problems_; }
  /// Whether an unterminated quoted scalar was found (at the end of the input).
  bool unterminated() const { return unterminated_; }

  /// Characters the rewriting removed from the stream in [from, to) (output
  /// offsets): what a parser's column between them lacks.
  uint32_t RemovedBetween(uint64_t from, uint64_t to) const;

  /// Restores the `?` placeholders of the plain scalar that starts at output
  /// offset `pos`, if it has any.
  void FixValue(int64_t pos, std::string& value) const;

  /// The placeholder handed to the parser for `?` in a flow plain scalar.
  static constexpr char kQuestionPlaceholder = '\x01';

 private:
  enum class State : uint8_t {
    LineStart,     // at the start of a line, before its indentation is read
    Between,       // between tokens: a node may start here
    AfterNode,     // after a quoted scalar or a flow collection's end, on its line
    Plain,         // inside a plain scalar
    Double,        // inside a double-quoted scalar
    Single,        // inside a single-quoted scalar
    Comment,       // to the end of the line
    Property,      // an anchor, tag or alias, to whitespace
    BlockHeader,   // after | or >, to the end of the line
    BlockScalar,   // the content lines of a block scalar
  };

  void AddProblem(uint32_t line, uint32_t column, std::string ja, std::string en);

  State state_ = State::LineStart;
  std::vector<char> flow_kinds_;  // '[' or '{' per open flow collection
  bool flow_entry_empty_ = false; // in a flow collection: nothing since '[', '{' or ','
  // The current line.
  uint32_t line_ = 1, column_ = 1;  // of the next input byte (column in characters)
  int line_indent_ = 0;             // leading spaces of the current line
  int last_node_col_ = -1;          // column (0-based) of the line's last block node start
  bool prev_space_ = true;          // the byte before was whitespace (or none)
  // Open scalars.
  uint32_t quote_line_ = 0, quote_column_ = 0;  // where the open quoted scalar starts
  int quote_parent_ = -1;                       // its lines must be indented more than this
  int quote_indent_ = 0;                        // the indentation of its current line
  bool quote_at_line_start_ = false;            // in the indentation of one of its lines
  bool quote_reported_ = false;                 // its indentation was found wrong
  int plain_parent_ = -1;                       // a block plain scalar's lines must be indented more than this
  int64_t plain_pos_ = -1;                      // output offset of the open plain scalar
  std::vector<bool> plain_marks_;               // per \x01 in it: a placeholder (true) or the input's (false)
  // Block scalars.
  int block_parent_ = -1;   // the indentation its content must exceed
  int block_indent_ = -1;   // its content's indentation, once known
  int block_explicit_ = 0;  // an indentation indicator
  bool pending_block_ = false;  // after a block scalar's header: its content starts on the next line
  bool in_block_ = false;       // in a block scalar's lines
  bool unterminated_ = false;
  std::vector<Problem> problems_;
  std::vector<uint64_t> removed_at_;  // output offsets just after a shortened escape (2 characters each)
  std::unordered_map<int64_t, std::vector<bool>> placeholders_;  // plain scalar offset -> its \x01 marks
};

}  // namespace rurume
