#include "load/loader.h"

#include "base/suggest.h"
#include "load/digest.h"
#include "load/input.h"
#include "load/scalars.h"
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
    while (!stack_.empty()) {
      Close(stack_.back(), true);
      stack_.pop_back();
    }
  }

  void Finish() {
    if (!format_seen_) Diag(Code::FormatMissing, 1, 1, {});
  }

  /// A YAML syntax error, located like every other diagnostic.
  void SyntaxError(const YAML::Exception& e) { Diag(Code::YamlSyntax, e.mark, {e.msg}); }

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
    if (f.type != Frame::Record || !f.coll) return;
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
    } else if (const CollectionDesc* c = FindCollection(key)) {
      f.pending = Pending::Collection;
      f.coll = c;
    } else if (key.rfind("x-", 0) == 0) {
      f.pending = Pending::Ext;
      f.key = key;
    } else {
      std::vector<std::string_view> names{"format", "exported_at", "network"};
      for (const CollectionDesc& cd : Collections()) names.push_back(cd.key);
      UnknownField(m, key, "export", names);
    }
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

  void SetField(Frame& f, const FieldDesc& fd, const YAML::Mark& m, const std::string& tag,
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
  YAML::Mark doc_mark_;
};

}  // namespace detail

namespace {

using detail::Builder;

/// Receives yaml-cpp's events: expands aliases within a budget, bounds the
/// nesting depth, and hands everything else to the Builder.
class Ingress : public YAML::EventHandler {
 public:
  Ingress(Builder& b, const LoadLimits& limits, const InputStreambuf& input)
      : b_(b), max_depth_(limits.max_depth), allowance_(limits.alias_event_allowance), input_(input) {}

  void OnDocumentStart(const YAML::Mark& m) override {
    // yaml-cpp 0.7 does not consume a ',' at the top level: it starts empty
    // documents there forever. A document that starts where the one before
    // it did has read nothing.
    if (documents_++ > 0 && m.pos == last_document_pos_)
      throw YAML::ParserException(m, "unexpected token at the top level");
    last_document_pos_ = m.pos;
    anchors_.clear();
    log_.clear();
    open_.clear();
    b_.NoteDocumentMark(m);
    b_.DocumentStart();
  }
  void OnDocumentEnd() override { b_.DocumentEnd(); }
  void OnNull(const YAML::Mark& m, YAML::anchor_t a) override {
    Record(Ev::Null, m, std::string(), std::string(), a);
    b_.Null(m);
    CloseScalarAnchor(a);
  }
  void OnScalar(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a, const std::string& raw) override {
    std::string value = raw;
    input_.scanner().FixValue(m.pos, value);  // `?` in a flow plain scalar (yaml_scan.h)
    Record(Ev::Scalar, m, tag, value, a);
    b_.Scalar(m, tag, value);
    CloseScalarAnchor(a);
  }
  void OnSequenceStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a,
                       YAML::EmitterStyle::value) override {
    StartNode(Ev::SeqStart, NodeKind::Seq, m, tag, a);
  }
  void OnSequenceEnd() override { EndNode(Ev::SeqEnd); }
  void OnMapStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a,
                  YAML::EmitterStyle::value) override {
    StartNode(Ev::MapStart, NodeKind::Map, m, tag, a);
  }
  void OnMapEnd() override { EndNode(Ev::MapEnd); }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t a) override {
    if (!open_.empty()) log_.push_back(Event{Ev::Alias, m, {}, {}, a});
    Replay(m, a);
  }

 private:
  enum class Ev : uint8_t { Scalar, Null, SeqStart, SeqEnd, MapStart, MapEnd, Alias };
  struct Event {
    Ev type;
    YAML::Mark mark;
    std::string tag;
    std::string value;
    YAML::anchor_t anchor;
  };
  struct Span {
    size_t begin = 0, end = 0;
    bool closed = false;
  };
  struct Open {
    YAML::anchor_t anchor;
    int depth;
  };

  void Record(Ev type, const YAML::Mark& m, const std::string& tag, const std::string& value, YAML::anchor_t a) {
    if (a != 0) {
      if (anchors_.size() <= a) anchors_.resize(a + 1);
      anchors_[a] = Span{log_.size(), log_.size(), false};
      open_.push_back(Open{a, depth_});  // a node's own depth: StartNode has counted it
    }
    if (!open_.empty()) log_.push_back(Event{type, m, tag, value, 0});
  }

  void CloseScalarAnchor(YAML::anchor_t a) {
    if (a == 0) return;
    anchors_[a].end = log_.size();
    anchors_[a].closed = true;
    open_.pop_back();
  }

  void StartNode(Ev type, NodeKind kind, const YAML::Mark& m, const std::string& tag, YAML::anchor_t a) {
    if (++depth_ > max_depth_) b_.Abort(Code::DepthLimit, m, {std::to_string(max_depth_)});
    Record(type, m, tag, std::string(), a);
    b_.Start(kind, m, tag);
  }

  void EndNode(Ev type) {
    if (!open_.empty()) log_.push_back(Event{type, YAML::Mark(), {}, {}, 0});
    b_.End();
    while (!open_.empty() && open_.back().depth == depth_) {
      Span& s = anchors_[open_.back().anchor];
      s.end = log_.size();
      s.closed = true;
      open_.pop_back();
    }
    --depth_;
  }

  void Replay(const YAML::Mark& at, YAML::anchor_t a) {
    // The budget grows with the input read so far: expansion may add about
    // as much as the file itself holds, plus a fixed allowance.
    const size_t budget = static_cast<size_t>(input_.bytes_read()) + allowance_;
    if (a >= anchors_.size() || !anchors_[a].closed)
      b_.Abort(Code::AliasLimit, at, {std::to_string(budget)});  // an alias inside its own anchor
    Span s = anchors_[a];
    for (size_t i = s.begin; i < s.end; ++i) {
      const Event& e = log_[i];
      // A scalar's bytes count as events too: aliases of one long scalar
      // must not copy it without bound.
      replayed_ += 1 + e.value.size();
      if (replayed_ > budget) b_.Abort(Code::AliasLimit, at, {std::to_string(budget)});
      switch (e.type) {
        case Ev::Scalar: b_.Scalar(e.mark, e.tag, e.value); break;
        case Ev::Null: b_.Null(e.mark); break;
        case Ev::SeqStart:
        case Ev::MapStart:
          if (++depth_ > max_depth_) b_.Abort(Code::DepthLimit, at, {std::to_string(max_depth_)});
          b_.Start(e.type == Ev::MapStart ? NodeKind::Map : NodeKind::Seq, e.mark, e.tag);
          break;
        case Ev::SeqEnd:
        case Ev::MapEnd:
          b_.End();
          --depth_;
          break;
        case Ev::Alias: Replay(at, e.anchor); break;
      }
    }
  }

  Builder& b_;
  int max_depth_;
  size_t allowance_;
  const InputStreambuf& input_;
  size_t replayed_ = 0;
  int depth_ = 0;
  int documents_ = 0;
  int last_document_pos_ = -1;
  std::vector<Span> anchors_;
  std::vector<Event> log_;
  std::vector<Open> open_;
};


}  // namespace

Loader::Loader(Export& out, Diagnostics& diags, LoadLimits limits) : ex_(out), diags_(diags), limits_(limits) {}

void Loader::AddFile(const std::string& path) {
  if (path == "-") {
    std::ios::sync_with_stdio(false);
    return AddStream("-", std::cin);
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    diags_.Add(Code::Unreadable, path, 0, 0, {"is a directory"});
    return;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags_.Add(Code::Unreadable, path, 0, 0, {std::strerror(errno)});
    ex_.files.push_back(SourceFile{path, {}, 0});
    return;
  }
  AddStream(path, in);
}

void Loader::AddBuffer(const std::string& name, std::string bytes) {
  std::istringstream in(std::move(bytes));
  AddStream(name, in);
}

void Loader::AddStream(const std::string& name, std::istream& source) {
  uint32_t file = static_cast<uint32_t>(ex_.files.size());
  ex_.files.push_back(SourceFile{name, {}, 0});
  InputStreambuf input(source, ex_.files.back().path, diags_);
  Builder builder(*this, file, ex_.files.back().path, input);
  Ingress ingress(builder, limits_, input);
  std::istream in(&input);
  std::optional<YAML::Exception> syntax_error;
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(ingress)) {
    }
    builder.Finish();
  } catch (const AbortFile&) {
    builder.Unwind();
  } catch (const YAML::Exception& e) {
    builder.Unwind();
    syntax_error = e;
  }
  // Read what the parser left (after an error) so that the digest and the
  // encoding checks, and the scanner's, cover the whole input.
  in.clear();
  in.ignore(std::numeric_limits<std::streamsize>::max());
  // What the scanner found (an unclosed quote, a `#` without a space before
  // it, ...) is the first problem; a syntax error of yaml-cpp's at or after
  // it is its consequence, and not shown.
  const auto& problems = input.scanner().problems();
  for (const YamlScanner::Problem& p : problems)
    diags_.AddLocalized(Code::YamlSyntax, name, p.line, p.column, {p.ja}, {p.en});
  if (syntax_error && !builder.ScannerExplains(*syntax_error, problems)) builder.SyntaxError(*syntax_error);
  if (input.read_error()) diags_.Add(Code::Unreadable, name, 0, 0, {std::strerror(errno)});
  ex_.files[file].size = input.size();
  ex_.files[file].sha256 = input.FinishDigest();
}

void Loader::Finish() {
  auto once = [&](const std::vector<Loc>& locs, const char* what) {
    if (locs.empty()) diags_.Add(Code::TopLevelMissing, "", 0, 0, {what});
    for (size_t i = 1; i < locs.size(); ++i)
      diags_.Add(Code::TopLevelTwice, ex_.files[locs[i].file].path, locs[i].line, locs[i].column,
                 {what, FormatLoc(ex_, locs[0])});
  };
  once(network_locs_, "network");
  once(exported_at_locs_, "exported_at");
  Link(ex_, diags_);
  std::vector<std::string> order;
  for (const SourceFile& f : ex_.files) order.push_back(f.path);
  diags_.Sort(order);
}

std::vector<std::string> ExpandInputs(const std::vector<std::string>& args, Diagnostics& diags) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const std::string& arg : args) {
    std::error_code ec;
    if (arg == "-" || !fs::is_directory(arg, ec)) {
      out.push_back(arg);
      continue;
    }
    std::vector<std::string> found;
    size_t not_files = 0;
    for (fs::recursive_directory_iterator it(arg, ec), end; !ec && it != end; it.increment(ec)) {
      std::string ext = it->path().extension().string();
      if (ext != ".yaml" && ext != ".yml" && ext != ".json") continue;
      // An input the directory names but that is no file to read is an
      // error, never skipped: skipping it would make its records look gone.
      std::error_code status_ec;
      const fs::file_status own = it->symlink_status(status_ec);
      if (fs::is_directory(own)) continue;  // a directory called x.yaml: walked into
      const fs::file_status target = fs::status(it->path(), status_ec);
      if (fs::is_regular_file(target)) {
        found.push_back(it->path().generic_string());
        continue;
      }
      ++not_files;
      if (fs::is_symlink(own) && !fs::exists(target))
        diags.Add(Code::BrokenLink, it->path().generic_string(), 0, 0);
      else
        diags.Add(Code::NotAFile, it->path().generic_string(), 0, 0);
    }
    if (ec) diags.Add(Code::Unreadable, arg, 0, 0, {ec.message()});
    if (found.empty() && not_files == 0 && !ec) diags.Add(Code::NoInput, arg, 0, 0, {arg});
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

Export LoadExport(const std::vector<std::string>& paths, Diagnostics& diags, LoadLimits limits,
                  const std::function<void(size_t, size_t)>& on_file) {
  Export ex;
  Loader loader(ex, diags, limits);
  std::vector<std::string> files = ExpandInputs(paths, diags);
  for (size_t i = 0; i < files.size(); ++i) {
    if (on_file) on_file(i + 1, files.size());
    loader.AddFile(files[i]);
  }
  loader.Finish();
  return ex;
}

namespace {

/// Hands events on with the scanner's fixes applied to scalar values.
class FixingHandler : public YAML::EventHandler {
 public:
  FixingHandler(YAML::EventHandler& to, const InputStreambuf& input) : to_(to), input_(input) {}
  void OnDocumentStart(const YAML::Mark& m) override {
    // As in Ingress: yaml-cpp 0.7 starts empty documents forever at a top-level ','.
    if (documents_++ > 0 && m.pos == last_document_pos_)
      throw YAML::ParserException(m, "unexpected token at the top level");
    last_document_pos_ = m.pos;
    to_.OnDocumentStart(m);
  }
  void OnDocumentEnd() override { to_.OnDocumentEnd(); }
  void OnNull(const YAML::Mark& m, YAML::anchor_t a) override { to_.OnNull(m, a); }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t a) override { to_.OnAlias(m, a); }
  void OnScalar(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a, const std::string& raw) override {
    std::string value = raw;
    input_.scanner().FixValue(m.pos, value);
    to_.OnScalar(m, tag, a, value);
  }
  void OnSequenceStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a,
                       YAML::EmitterStyle::value style) override {
    to_.OnSequenceStart(m, tag, a, style);
  }
  void OnSequenceEnd() override { to_.OnSequenceEnd(); }
  void OnMapStart(const YAML::Mark& m, const std::string& tag, YAML::anchor_t a,
                  YAML::EmitterStyle::value style) override {
    to_.OnMapStart(m, tag, a, style);
  }
  void OnMapEnd() override { to_.OnMapEnd(); }

 private:
  YAML::EventHandler& to_;
  const InputStreambuf& input_;
  int documents_ = 0;
  int last_document_pos_ = -1;
};

}  // namespace

bool ReadYamlEvents(const std::string& name, std::istream& source, YAML::EventHandler& handler, Diagnostics& diags) {
  InputStreambuf input(source, name, diags);
  std::istream in(&input);
  FixingHandler fixing(handler, input);
  std::optional<YAML::Exception> syntax_error;
  try {
    YAML::Parser parser(in);
    while (parser.HandleNextDocument(fixing)) {
    }
  } catch (const YAML::Exception& e) {
    syntax_error = e;
  }
  in.clear();
  in.ignore(std::numeric_limits<std::streamsize>::max());
  const auto& problems = input.scanner().problems();
  for (const YamlScanner::Problem& p : problems)
    diags.AddLocalized(Code::YamlSyntax, name, p.line, p.column, {p.ja}, {p.en});
  if (syntax_error)
    diags.Add(Code::YamlSyntax, name, static_cast<uint32_t>(std::max(syntax_error->mark.line, 0)) + 1,
              input.CharColumn(syntax_error->mark.pos, syntax_error->mark.column), {syntax_error->msg});
  return problems.empty() && !syntax_error;
}

std::string FormatLoc(const Export& ex, const Loc& loc) {
  const std::string& file = loc.file < ex.files.size() ? ex.files[loc.file].path : std::string("?");
  return fmt::format("{}:{}:{}", file, loc.line, loc.column);
}

}  // namespace rurume
