// The record builder: YAML events -> records of the model, through the
// descriptors of the record table, with file:line:column for every problem.
// Internal to the loader (loader.cc includes it once).
#pragma once

#include "load/loader.h"

#include "base/suggest.h"
#include "load/digest.h"
#include "load/input.h"
#include "load/scalars.h"
#include "load/syntax_text.h"
#include "load/utf8.h"
#include "load/link.h"
#include "model/schema.h"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <istream>
#include <iterator>
#include <sstream>
#include <limits>
#include <memory>
#include <optional>
#include <streambuf>

namespace rurume {

namespace {

constexpr std::string_view kFormat = "rurume-export/1";

/// Thrown from inside the event handler to stop reading a file after a
/// diagnostic that makes the rest of it meaningless (limits).
struct AbortFile {};

std::string Quote(std::string_view s) {
  constexpr size_t kMax = 60;
  if (s.size() <= kMax) return fmt::format("\"{}\"", s);
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // whole characters
  return fmt::format("\"{}…\"", s.substr(0, cut));
}

std::string EnumValues(const EnumDesc& e) {
  std::string out;
  for (std::string_view v : e.values) out += (out.empty() ? "" : ", ") + std::string(v);
  return out;
}

enum class NodeKind : uint8_t { Scalar, Map, Seq };

/// A core-schema float; strtod does not know `.inf` and `.nan`.
double FloatOf(const std::string& text) {
  std::string_view s = text;
  bool negative = !s.empty() && s[0] == '-';
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  if (s == ".inf" || s == ".Inf" || s == ".INF")
    return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return std::numeric_limits<double>::quiet_NaN();
  return std::strtod(text.c_str(), nullptr);
}

}  // namespace

namespace detail {

/// Turns YAML events into the model. One Builder reads one file.
class Builder {
 public:
  Builder(Loader& loader, uint32_t file, const std::string& name, const InputStreambuf& input)
      : ex_(loader.ex_), diags_(loader.diags_), loader_(loader), file_(file), name_(name), input_(input) {}

  void DocumentStart() {
    ++documents_;
    skipping_document_ = documents_ > 1;
    if (documents_ == 2) Diag(Code::MultipleDocuments, doc_mark_, {});
  }
  void NoteDocumentMark(const YAML::Mark& m) { doc_mark_ = m; }
  void DocumentEnd() {}

  void Scalar(const YAML::Mark& m, const std::string& tag, const std::string& value) {
    if (skipping_document_) return;
    CheckTag(m, tag);
    if (stack_.empty()) return TopLevelNotMap(m, "scalar");
    Frame& f = stack_.back();
    if (f.kind == NodeKind::Map) {
      if (f.expect_key) {
        f.key_mark = m;
        return Key(f, m, tag, value);
      }
      f.expect_key = true;
      return ScalarValue(f, m, tag, value);
    }
    ScalarItem(f, m, tag, value);
  }

  void Null(const YAML::Mark& m) {
    // An empty value (`name:`) has the mark of whatever follows it, often on
    // a later line: it is shown where its key is.
    if (!stack_.empty() && stack_.back().kind == NodeKind::Map && !stack_.back().expect_key && !NullWritten(m))
      return Scalar(stack_.back().key_mark, "?", std::string());
    Scalar(m, "?", std::string());
  }

  void Start(NodeKind kind, const YAML::Mark& m, const std::string& tag) {
    if (skipping_document_) return;
    CheckTag(m, tag);
    if (stack_.empty()) {
      if (kind != NodeKind::Map) return TopLevelNotMap(m, "sequence");
      Push(Frame::Top, kind, m);
      return;
    }
    Frame& f = stack_.back();
    if (f.kind == NodeKind::Map && f.expect_key) {
      Diag(Code::ComplexKey, m, {});
      f.complex_key = true;
      return PushDiscard(kind, m);
    }
    if (f.kind == NodeKind::Map) return StartValue(f, kind, m);
    StartItem(f, kind, m);
  }

  void End() {
    if (skipping_document_ || stack_.empty()) return;
    Close(stack_.back(), false);
    stack_.pop_back();
    if (stack_.empty()) return;
    Frame& parent = stack_.back();
    if (parent.kind != NodeKind::Map) return;
    if (parent.expect_key && parent.complex_key) {  // the key was a node: drop its value too
      parent.complex_key = false;
      parent.expect_key = false;
      parent.pending = Pending::Discard;
    } else {
      parent.expect_key = true;
    }
  }

  /// After an abort: closes the open frames without their end-of-node checks.
  void Unwind() {
    FlushUnknownTop();
    while (!stack_.empty()) {
      Close(stack_.back(), true);
      stack_.pop_back();
    }
  }

  void Finish() {
    if (!format_seen_ && !export_key_seen_ && !unknown_top_.empty()) {
      // No `format`, none of an export's keys: another kind of YAML file.
      Diag(Code::NotAnExport, 1, 1, {});
      unknown_top_.clear();
      return;
    }
    FlushUnknownTop();
    if (!format_seen_) Diag(Code::FormatMissing, 1, 1, {});
  }

  /// The held-back warnings of unknown top-level keys (after a syntax error too).
  void FlushUnknownTop() {
    for (auto& u : unknown_top_) Diag(Code::UnknownField, u.line, u.column, std::move(u.args));
    unknown_top_.clear();
  }

  /// A YAML syntax error, located like every other diagnostic.
  /// In Japanese with what to do (the parser's English in parentheses), and
  /// that the rest of the file was not read.
  void SyntaxError(const YAML::Exception& e) {
    const Loc l = LocOf(e.mark);
    // A tab before the error on its line, and nothing but blanks: the tab is the cause, whatever the parser
    // says of the line ("illegal block entry" for "\t- id: U0005").
    std::string_view lead;
    if (e.mark.pos >= e.mark.column && e.mark.column > 0)
      lead = input_.Peek(e.mark.pos - e.mark.column, static_cast<size_t>(e.mark.column));
    const bool tab = lead.size() == static_cast<size_t>(e.mark.column) && lead.find('\t') != std::string_view::npos &&
                     lead.find_first_not_of(" \t") == std::string_view::npos;
    const std::string ja = tab ? SyntaxTextJa("illegal tab when looking for indentation") : SyntaxTextJa(e.msg);
    const std::string en = tab ? "a tab in the indentation (" + e.msg + ")" : e.msg;
    diags_.AddLocalized(Code::YamlSyntax, name_, l.line, tab ? 1 : l.column, {ja + "。この行から後は読んでいません"},
                        {en + "; the rest of the file is not read"});
  }

  /// Whether one of the scanner's problems comes at or before a syntax error.
  bool ScannerExplains(const YAML::Exception& e, const std::vector<YamlScanner::Problem>& problems) const {
    const Loc l = LocOf(e.mark);
    for (const YamlScanner::Problem& p : problems)
      if (p.line < l.line || (p.line == l.line && p.column <= l.column)) return true;
    return false;
  }

  [[noreturn]] void Abort(Code code, const YAML::Mark& m, std::vector<std::string> args) {
    Diag(code, m, std::move(args));
    throw AbortFile{};
  }

 private:
  enum class Pending : uint8_t { None, Field, Ext, Discard, Format, ExportedAt, Network, Collection, DynMember };

  struct Frame {
    enum Type : uint8_t { Top, Collection, Record, List, Dyn } type = Top;
    NodeKind kind = NodeKind::Map;
    bool expect_key = true;
    bool complex_key = false;
    Pending pending = Pending::None;
    const FieldDesc* pending_field = nullptr;
    const RecordDesc* desc = nullptr;  // Record
    void* rec = nullptr;               // Record: the record; List: the list's storage
    const CollectionDesc* coll = nullptr;
    const FieldDesc* field = nullptr;  // List
    rurume::Dyn* dyn = nullptr;        // Dyn: the node being built
    Extensions* ext = nullptr;         // Record, Top: where `x-` fields go
    Loc loc;
    /// Record: the line each field was first given on (0: not given), one
    /// slot per field of the largest record type (records.def).
    std::array<uint32_t, kMaxFields> first_line{};
    std::vector<std::pair<std::string, uint32_t>> other_keys;  // keys not in the table
    std::string key;                   // the current key, for Ext
    YAML::Mark key_mark;               // Map: where the current key is
    std::unique_ptr<rurume::Dyn> discarded;  // Dyn: the node of a discarded value
  };

  // ---------------------------------------------------------- locations

  Loc LocOf(const YAML::Mark& m) const {
    // yaml-cpp counts columns in bytes; we count characters.
    return Loc{file_, static_cast<uint32_t>(std::max(m.line, 0)) + 1, input_.CharColumn(m.pos, m.column)};
  }

  void Diag(Code code, const YAML::Mark& m, std::vector<std::string> args) {
    Loc l = LocOf(m);
    Diag(code, l.line, l.column, std::move(args));
  }
  void Diag(Code code, uint32_t line, uint32_t column, std::vector<std::string> args) {
    diags_.Add(code, name_, line, column, std::move(args));
  }

  std::string Path(const Frame& f, std::string_view field) const {
    return fmt::format("{}.{}", f.desc ? f.desc->name : std::string_view("export"), field);
  }

  // ---------------------------------------------------------- frames

  Frame& Push(Frame::Type type, NodeKind kind, const YAML::Mark& m) {
    stack_.emplace_back();
    Frame& f = stack_.back();
    f.type = type;
    f.kind = kind;
    f.loc = LocOf(m);
    if (type == Frame::Top) f.ext = &ex_.ext;
    return f;
  }

  void PushRecord(const RecordDesc* desc, void* rec, const CollectionDesc* coll, const YAML::Mark& m) {
    Frame& f = Push(Frame::Record, NodeKind::Map, m);
    f.desc = desc;
    f.rec = rec;
    f.coll = coll;
    Record* r = desc->as_record(rec);
    r->loc = f.loc;
    f.ext = &r->ext;
  }

  void PushDyn(rurume::Dyn* node, NodeKind kind, const YAML::Mark& m) {
    node->kind = kind == NodeKind::Map ? rurume::Dyn::Kind::Map : rurume::Dyn::Kind::List;
    Frame& f = Push(Frame::Dyn, kind, m);
    f.dyn = node;
  }

  void PushDiscard(NodeKind kind, const YAML::Mark& m) {
    // Its own node: a discarded value can be inside another one (a duplicate
    // key in an unknown field's mapping), whose frames point into theirs.
    auto node = std::make_unique<rurume::Dyn>();
    PushDyn(node.get(), kind, m);
    stack_.back().discarded = std::move(node);
  }

  void Close(Frame& f, bool aborted) {
    if (f.type != Frame::Record) return;
    if (aborted && f.desc->as_record)
      if (Record* r = f.desc->as_record(f.rec)) r->partial = true;
    if (!f.coll) return;
    if (!static_cast<const std::string*>(f.desc->fields[0].slot(f.rec))->empty()) return;
    if (!aborted) Diag(Code::MissingId, f.loc.line, f.loc.column, {std::string(f.desc->name)});
    f.coll->pop(ex_);
  }

  /// Only the non-specific tags and the core schema's (`!!str` ...) are read.
  void CheckTag(const YAML::Mark& m, const std::string& tag) {
    if (!tag.empty() && tag != "?" && tag != "!" && tag.rfind("tag:yaml.org,2002:", 0) != 0)
      Diag(Code::UnsupportedTag, m, {tag});
  }

  /// Whether a null at `m` is written (`~`, `null`) rather than empty.
  bool NullWritten(const YAML::Mark& m) const {
    std::string_view rest = input_.Peek(m.pos, 5);
    if (rest.empty()) return false;
    if (rest[0] == '~') return true;
    if (rest.substr(0, 4) != "null" && rest.substr(0, 4) != "Null" && rest.substr(0, 4) != "NULL") return false;
    return rest.size() == 4 || !(std::isalnum(static_cast<unsigned char>(rest[4])) || rest[4] == '_' || rest[4] == '-');
  }

  void TopLevelNotMap(const YAML::Mark& m, const char* what) {
    Diag(Code::NotAMapping, m, {what});
    skipping_document_ = true;
  }

  // ---------------------------------------------------------- keys

  bool DuplicateOther(Frame& f, const std::string& key, const YAML::Mark& m) {
    for (const auto& [k, line] : f.other_keys) {
      if (k == key) {
        Diag(Code::DuplicateKey, m, {Quote(key), std::to_string(line)});
        return true;
      }
    }
    f.other_keys.emplace_back(key, static_cast<uint32_t>(m.line + 1));
    return false;
  }

  void Key(Frame& f, const YAML::Mark& m, const std::string& tag, const std::string& key) {
    f.expect_key = false;
    (void)tag;
    switch (f.type) {
      case Frame::Record: return RecordKey(f, m, key);
      case Frame::Top: return TopKey(f, m, key);
      case Frame::Dyn: {
        if (DuplicateOther(f, key, m)) {
          f.pending = Pending::Discard;
          return;
        }
        f.dyn->members.emplace_back(key, rurume::Dyn{});
        f.pending = Pending::DynMember;
        return;
      }
      default: return;
    }
  }

  void RecordKey(Frame& f, const YAML::Mark& m, const std::string& key) {
    if (const FieldDesc* fd = f.desc->Find(key)) {
      size_t idx = f.desc->IndexOf(fd);
      if (f.first_line[idx] != 0) {
        Diag(Code::DuplicateKey, m, {Quote(key), std::to_string(f.first_line[idx])});
        f.pending = Pending::Discard;
        return;
      }
      f.first_line[idx] = static_cast<uint32_t>(m.line + 1);
      f.pending = Pending::Field;
      f.pending_field = fd;
      return;
    }
    if (DuplicateOther(f, key, m)) {
      f.pending = Pending::Discard;
      return;
    }
    if (key.rfind("x-", 0) == 0) {
      f.pending = Pending::Ext;
      f.key = key;
      return;
    }
    std::vector<std::string_view> names;
    for (const FieldDesc& fd : f.desc->fields) names.push_back(fd.name);
    UnknownField(m, key, std::string(f.desc->name), names);
    f.pending = Pending::Discard;
  }

  void UnknownField(const YAML::Mark& m, const std::string& key, const std::string& where,
                    const std::vector<std::string_view>& names) {
    Diag(Code::UnknownField, m, {Quote(key), where, SuggestionHint(key, names)});
  }

  void TopKey(Frame& f, const YAML::Mark& m, const std::string& key) {
    f.pending = Pending::Discard;
    if (DuplicateOther(f, key, m)) return;
    if (key == "format") {
      f.pending = Pending::Format;
    } else if (key == "exported_at") {
      f.pending = Pending::ExportedAt;
      loader_.exported_at_locs_.push_back(LocOf(m));
    } else if (key == "network") {
      f.pending = Pending::Network;
      loader_.network_locs_.push_back(LocOf(m));
      ex_.files[file_].network = true;
    } else if (const CollectionDesc* c = FindCollection(key)) {
      f.pending = Pending::Collection;
      f.coll = c;
      ex_.files[file_].collections.push_back(key);
    } else if (key.rfind("x-", 0) == 0) {
      f.pending = Pending::Ext;
      f.key = key;
    } else {
      // Held back until the end of the file: in a file that is no export at
      // all (a CI configuration), they are one error, not a warning a key.
      std::vector<std::string_view> names{"format", "exported_at", "network"};
      for (const CollectionDesc& cd : Collections()) names.push_back(cd.key);
      const Loc l = LocOf(m);
      unknown_top_.push_back({l.line, l.column, {Quote(key), "export", SuggestionHint(key, names)}});
    }
    if (f.pending != Pending::Discard && f.pending != Pending::Ext && f.pending != Pending::Format) export_key_seen_ = true;
  }

  // ---------------------------------------------------------- values

  rurume::Dyn* NewExt(Frame& f) {
    f.ext->emplace_back(f.key, rurume::Dyn{});
    return &f.ext->back().second;
  }

  void StartValue(Frame& f, NodeKind kind, const YAML::Mark& m) {
    const char* what = kind == NodeKind::Map ? "mapping" : "sequence";
    switch (f.pending) {
      case Pending::Field: {
        const FieldDesc* fd = f.pending_field;
        void* slot = fd->slot(f.rec);
        if (kind == NodeKind::Map && fd->kind == FieldKind::Object)
          return PushRecord(fd->object, fd->make(slot), nullptr, m);
        if (kind == NodeKind::Seq && (fd->kind == FieldKind::ObjectList || fd->kind == FieldKind::StringList ||
                                      fd->kind == FieldKind::EnumList)) {
          const RecordDesc* desc = f.desc;  // read before Push: it may move `f`
          Frame& l = Push(Frame::List, kind, m);
          l.field = fd;
          l.rec = slot;
          l.desc = desc;
          if (fd->kind == FieldKind::StringList) static_cast<std::optional<std::vector<std::string>>*>(slot)->emplace();
          if (fd->kind == FieldKind::EnumList) fd->as_enum_list(slot)->raw.emplace();
          // `members: []` is given and empty, not absent.
          if (fd->kind == FieldKind::ObjectList) fd->ensure_list(slot);
          return;
        }
        WrongType(m, Path(f, fd->name), ExpectedName(*fd), what);
        return PushDiscard(kind, m);
      }
      case Pending::Ext: return PushDyn(NewExt(f), kind, m);
      case Pending::DynMember: return PushDyn(&f.dyn->members.back().second, kind, m);
      case Pending::Network:
        if (kind == NodeKind::Map && !ex_.network) {
          ex_.network.emplace();
          return PushRecord(&NetworkDesc(), &*ex_.network, nullptr, m);
        }
        if (kind != NodeKind::Map) WrongType(m, "network", "mapping", what);
        return PushDiscard(kind, m);
      case Pending::Collection:
        if (kind == NodeKind::Seq) {
          const CollectionDesc* coll = f.coll;  // read before Push: it may move `f`
          Frame& c = Push(Frame::Collection, kind, m);
          c.coll = coll;
          return;
        }
        WrongType(m, std::string(f.coll->key), "sequence", what);
        return PushDiscard(kind, m);
      case Pending::Format:
        format_seen_ = true;
        Diag(Code::FormatUnknown, m, {what});
        return PushDiscard(kind, m);
      case Pending::ExportedAt:
        WrongType(m, "exported_at", "timestamp", what);
        return PushDiscard(kind, m);
      case Pending::Discard:
      case Pending::None: return PushDiscard(kind, m);
    }
  }

  void StartItem(Frame& f, NodeKind kind, const YAML::Mark& m) {
    const char* what = kind == NodeKind::Map ? "mapping" : "sequence";
    if (f.type == Frame::Dyn) {
      f.dyn->items.emplace_back();
      return PushDyn(&f.dyn->items.back(), kind, m);
    }
    if (f.type == Frame::Collection) {
      if (kind == NodeKind::Map) return PushRecord(f.coll->record, f.coll->append(ex_), f.coll, m);
      WrongType(m, fmt::format("{}[]", f.coll->key), "mapping", what);
      return PushDiscard(kind, m);
    }
    // List
    if (kind == NodeKind::Map && f.field->kind == FieldKind::ObjectList)
      return PushRecord(f.field->object, f.field->make(f.rec), nullptr, m);
    WrongType(m, fmt::format("{}.{}[]", f.desc->name, f.field->name),
              f.field->kind == FieldKind::ObjectList ? "mapping" : ElementName(*f.field), what);
    PushDiscard(kind, m);
  }

  static std::string ExpectedName(const FieldDesc& fd) {
    switch (fd.kind) {
      case FieldKind::Object: return "mapping";
      case FieldKind::ObjectList:
      case FieldKind::StringList:
      case FieldKind::EnumList: return "sequence";
      case FieldKind::Enum: return "enum";
      default: return std::string(KindName(fd.kind));
    }
  }
  static const char* ElementName(const FieldDesc& fd) { return fd.kind == FieldKind::EnumList ? "enum" : "string"; }

  void WrongType(const YAML::Mark& m, std::string path, std::string expected, std::string got) {
    Diag(Code::WrongType, m, {std::move(path), std::move(expected), std::move(got)});
  }

  /// The core-schema type of a scalar as written: quoted ones are strings.
  static ScalarType TypeOf(const std::string& tag, const std::string& value) {
    if (tag == "!" || tag == "tag:yaml.org,2002:str") return ScalarType::String;
    if (tag == "tag:yaml.org,2002:null") return ScalarType::Null;
    return ResolvePlain(value);
  }

  /// A string scalar, or a diagnostic.
  bool StringOk(const YAML::Mark& m, const std::string& path, const std::string& tag, const std::string& value,
                const char* expected) {
    ScalarType t = TypeOf(tag, value);
    if (t == ScalarType::String) return true;
    WrongType(m, path, expected, t == ScalarType::Null ? "null" : fmt::format("{} {}", ScalarTypeName(t), value));
    return false;
  }

  void ScalarValue(Frame& f, const YAML::Mark& m, const std::string& tag, const std::string& value) {
    switch (f.pending) {
      case Pending::Field: return SetField(f, *f.pending_field, m, tag, value);
      case Pending::Ext: return SetDyn(NewExt(f), tag, value);
      case Pending::DynMember: return SetDyn(&f.dyn->members.back().second, tag, value);
      case Pending::Format:
        format_seen_ = true;
        if (value != kFormat) Diag(Code::FormatUnknown, m, {Quote(value)});
        return;
      case Pending::ExportedAt: {
        if (!StringOk(m, "exported_at", tag, value, "timestamp")) return;
        bool out_of_range = false;
        auto ts = ParseTimestamp(value, &out_of_range);
        if (!ts) return Diag(out_of_range ? Code::OutOfRange : Code::InvalidTimestamp, m, {"exported_at", Quote(value)});
        if (!ex_.exported_at) {
          ex_.exported_at = ts;
          ex_.exported_at_loc = LocOf(m);
        }
        return;
      }
      case Pending::Network:
        return WrongType(m, "network", "mapping", TypeOf(tag, value) == ScalarType::Null ? "null" : "scalar");
      case Pending::Collection:
        return WrongType(m, std::string(f.coll->key), "sequence",
                         TypeOf(tag, value) == ScalarType::Null ? "null" : "scalar");
      case Pending::Discard:
      case Pending::None: return;
    }
  }

  void ScalarItem(Frame& f, const YAML::Mark& m, const std::string& tag, const std::string& value) {
    if (f.type == Frame::Dyn) {
      f.dyn->items.emplace_back();
      return SetDyn(&f.dyn->items.back(), tag, value);
    }
    if (f.type == Frame::Collection)
      return WrongType(m, fmt::format("{}[]", f.coll->key), "mapping", "scalar");
    const FieldDesc& fd = *f.field;
    std::string path = fmt::format("{}.{}[]", f.desc->name, fd.name);
    if (fd.kind == FieldKind::ObjectList) return WrongType(m, path, "mapping", "scalar");
    if (!StringOk(m, path, tag, value, ElementName(fd))) return;
    if (fd.kind == FieldKind::StringList) {
      (*static_cast<std::optional<std::vector<std::string>>*>(f.rec))->push_back(value);
      return;
    }
    int idx = fd.enumeration->Find(value);
    if (idx < 0) return Diag(Code::EnumValue, m, {path, Quote(value), EnumValues(*fd.enumeration)});
    fd.as_enum_list(f.rec)->raw->push_back(static_cast<int8_t>(idx));
  }

  /// Sets the field from the scalar; an unusable value leaves it absent,
  /// with its diagnostic, and is noted (Export::bad_values) for the rules.
  void SetField(Frame& f, const FieldDesc& fd, const YAML::Mark& m, const std::string& tag,
                const std::string& value) {
    const size_t before = diags_.all().size();
    SetFieldValue(f, fd, m, tag, value);
    if (diags_.all().size() > before && !fd.Present(f.rec) && diags_.all().back().level == Level::Error) {
      BadValue bad{f.rec, fd.name, LocOf(m), static_cast<uint16_t>(diags_.all().back().code)};
      // Inside a list's entry: the entry moves while its list grows; note where it is instead (BadValue).
      for (size_t i = stack_.size(); i-- > 0;)
        if (stack_[i].type == Frame::List && stack_[i].field && stack_[i].field->at) {
          const Frame& l = stack_[i];
          if (l.field->count(l.rec) == 0) break;  // (no entry of its own yet: nothing to find later)
          bad.list = l.rec;
          bad.list_field = l.field;
          bad.index = l.field->count(l.rec) - 1;
          bad.offset = static_cast<const char*>(f.rec) - static_cast<const char*>(l.field->at(l.rec, bad.index));
          break;
        }
      ex_.bad_values.push_back(bad);
    }
  }

  void SetFieldValue(Frame& f, const FieldDesc& fd, const YAML::Mark& m, const std::string& tag,
                     const std::string& value) {
    void* slot = fd.slot(f.rec);
    ScalarType t = TypeOf(tag, value);
    auto path = [&] { return Path(f, fd.name); };
    switch (fd.kind) {
      case FieldKind::Id:
        if (StringOk(m, path(), tag, value, "string")) *static_cast<std::string*>(slot) = value;
        return;
      case FieldKind::String:
        if (StringOk(m, path(), tag, value, "string")) static_cast<std::optional<std::string>*>(slot)->emplace(value);
        return;
      case FieldKind::Bool: {
        if (t == ScalarType::Bool) {
          *static_cast<std::optional<bool>*>(slot) = *ParseBool(value);
        } else if (t == ScalarType::String && tag == "?" && IsYaml11Bool(value)) {
          Diag(Code::Yaml11Bool, m, {path(), value});
        } else {
          WrongType(m, path(), "bool", t == ScalarType::Null ? "null" : fmt::format("{} {}", ScalarTypeName(t), Quote(value)));
        }
        return;
      }
      case FieldKind::Int: {
        auto v = t == ScalarType::Int ? ParseInt(value) : std::nullopt;
        if (v) *static_cast<std::optional<int64_t>*>(slot) = *v;
        else WrongType(m, path(), "int", t == ScalarType::Null ? "null" : fmt::format("{} {}", ScalarTypeName(t), Quote(value)));
        return;
      }
      case FieldKind::Date: {
        if (!StringOk(m, path(), tag, value, "date")) return;
        bool out_of_range = false;
        auto d = ParseDate(value, &out_of_range);
        if (d) *static_cast<std::optional<Date>*>(slot) = *d;
        else Diag(out_of_range ? Code::OutOfRange : Code::InvalidDate, m, {path(), Quote(value)});
        return;
      }
      case FieldKind::Timestamp: {
        if (!StringOk(m, path(), tag, value, "timestamp")) return;
        bool out_of_range = false;
        auto ts = ParseTimestamp(value, &out_of_range);
        if (ts) *static_cast<std::optional<Timestamp>*>(slot) = *ts;
        else Diag(out_of_range ? Code::OutOfRange : Code::InvalidTimestamp, m, {path(), Quote(value)});
        return;
      }
      case FieldKind::Enum: {
        if (!StringOk(m, path(), tag, value, "enum")) return;
        int idx = fd.enumeration->Find(value);
        if (idx < 0) return Diag(Code::EnumValue, m, {path(), Quote(value), EnumValues(*fd.enumeration)});
        fd.as_enum(slot)->raw = static_cast<int8_t>(idx);
        return;
      }
      case FieldKind::Ref: {
        if (!StringOk(m, path(), tag, value, "string (an id)")) return;
        RefBase* ref = fd.as_ref(slot);
        ref->id = value;
        ref->loc = LocOf(m);
        return;
      }
      case FieldKind::Object:
      case FieldKind::ObjectList:
      case FieldKind::StringList:
      case FieldKind::EnumList:
        WrongType(m, path(), ExpectedName(fd), t == ScalarType::Null ? "null" : "scalar");
        return;
    }
  }

  static void SetDyn(rurume::Dyn* d, const std::string& tag, const std::string& value) {
    switch (TypeOf(tag, value)) {
      case ScalarType::Null: d->kind = rurume::Dyn::Kind::Null; return;
      case ScalarType::Bool: d->kind = rurume::Dyn::Kind::Bool, d->b = *ParseBool(value); return;
      case ScalarType::Int:
        if (auto v = ParseInt(value)) {
          d->kind = rurume::Dyn::Kind::Int, d->i = *v;
          return;
        }
        break;
      case ScalarType::Float: d->kind = rurume::Dyn::Kind::Float, d->f = FloatOf(value); return;
      case ScalarType::String: break;
    }
    d->kind = rurume::Dyn::Kind::String;
    d->s = value;
  }

  Export& ex_;
  Diagnostics& diags_;
  Loader& loader_;
  uint32_t file_;
  const std::string& name_;
  const InputStreambuf& input_;
  std::vector<Frame> stack_;
  int documents_ = 0;
  bool skipping_document_ = false;
  bool format_seen_ = false;
  bool export_key_seen_ = false;  // network, exported_at or a collection
  struct HeldDiag {
    uint32_t line, column;
    std::vector<std::string> args;
  };
  std::vector<HeldDiag> unknown_top_;
  YAML::Mark doc_mark_;
};

}  // namespace detail

}  // namespace rurume
