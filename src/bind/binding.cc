#include "bind/binding.h"

#include <fmt/format.h>

#include <functional>
#include <map>
#include <memory>

namespace rurume {

namespace {

using expr::Type;
using expr::TypePtr;
using expr::Value;

/// An error about the export's data, written for the report's reader.
Value ReaderError(std::string message, std::vector<std::string> missing = {}) {
  return Value::Error(std::move(message), std::move(missing), /*for_reader=*/true);
}

// ------------------------------------------------------------ list views

/// A list of records stored by value (members, takeouts, ...).
class RecordListView : public expr::ListImpl {
 public:
  RecordListView(const expr::ObjectType* type, const FieldDesc* field, const void* slot)
      : type_(type), field_(field), slot_(slot) {}
  size_t size() const override { return field_->count(slot_); }
  Value at(size_t i) const override { return Value::Object(type_, field_->at(slot_, i)); }

 private:
  const expr::ObjectType* type_;
  const FieldDesc* field_;
  const void* slot_;
};

/// A list of pointers to records (reverse relations).
template <class T>
class PointerListView : public expr::ListImpl {
 public:
  PointerListView(const expr::ObjectType* type, const std::vector<const T*>* items, const T* skip = nullptr)
      : type_(type), items_(items), skip_(skip) {}
  size_t size() const override { return items_->size() - (skip_ ? 1 : 0); }
  Value at(size_t i) const override {
    if (skip_) {
      // The list without `skip` (a user's email group without the user).
      size_t k = 0;
      for (const T* p : *items_) {
        if (p == skip_) continue;
        if (k++ == i) return Value::Object(type_, p);
      }
    }
    return Value::Object(type_, (*items_)[i]);
  }

 private:
  const expr::ObjectType* type_;
  const std::vector<const T*>* items_;
  const T* skip_;
};

class StringListView : public expr::ListImpl {
 public:
  explicit StringListView(const std::vector<std::string>* items) : items_(items) {}
  size_t size() const override { return items_->size(); }
  Value at(size_t i) const override { return Value::StringView((*items_)[i]); }

 private:
  const std::vector<std::string>* items_;
};

class EnumListView : public expr::ListImpl {
 public:
  EnumListView(const EnumDesc* e, const std::vector<int8_t>* items) : enum_(e), items_(items) {}
  size_t size() const override { return items_->size(); }
  Value at(size_t i) const override { return Value::StringView(enum_->values[static_cast<size_t>((*items_)[i])]); }

 private:
  const EnumDesc* enum_;
  const std::vector<int8_t>* items_;
};

// ------------------------------------------------------------ record types

/// A field computed by linking rather than read from the export.
struct Derived {
  TypePtr type;
  std::function<Value(const void* record)> get;
};

class RecordType : public expr::ObjectType {
 public:
  explicit RecordType(const RecordDesc* desc) : desc_(desc) {}

  /// Fills field types; separate from construction because types refer to
  /// each other (user -> patient -> user).
  void Init(const std::function<const expr::ObjectType*(const RecordDesc&)>& type_of);
  void AddDerived(std::string_view name, TypePtr type, std::function<Value(const void*)> get) {
    derived_.emplace(name, Derived{type, std::move(get)});
  }
  /// The value an absent field stands for, where the format gives a default
  /// (a user's `type` is `professional` unless given).
  void AddDefault(std::string_view field, Value value) { defaults_.emplace(field, std::move(value)); }

  std::string_view name() const override { return desc_->name; }

  const Type* field_type(std::string_view field) const override {
    if (auto it = types_.find(field); it != types_.end()) return it->second.get();
    if (auto it = derived_.find(field); it != derived_.end()) return it->second.type.get();
    return nullptr;
  }

  bool has(const void* record, std::string_view field) const override {
    if (const FieldDesc* f = desc_->Find(field)) return f->Present(record) || defaults_.count(field) > 0;
    return derived_.count(field) > 0;
  }

  Value field(const void* record, std::string_view field) const override {
    if (const FieldDesc* f = desc_->Find(field)) {
      if (!f->Present(record)) {
        // An unusable value is not "not given": the reason is its input error.
        if (const std::string* bad = IncompleteData::BadValue(record, f->name)) return ReaderError(*bad);
        if (auto it = defaults_.find(field); it != defaults_.end()) return it->second;
        return Missing(*f);
      }
      const Lang* withheld = f->personal() ? WithholdPersonal::Active() : nullptr;
      if (withheld)
        return ReaderError(*withheld == Lang::En
                                ? fmt::format("{}.{} is personal information and is not shown "
                                              "(give --show-personal-info to show it)",
                                              desc_->name, f->name)
                                : fmt::format("{}.{} は個人情報のため表示しません "
                                              "(表示するには --show-personal-info を指定)",
                                              desc_->name, f->name));
      return Read(*f, f->cslot(record));
    }
    if (auto it = derived_.find(field); it != derived_.end()) return it->second.get(record);
    return Value::Error(fmt::format("no such field '{}' in {}", field, desc_->name));
  }

 private:
  Value Missing(const FieldDesc& f) const {
    const Lang lang = ErrorLanguage::Active();
    return ReaderError(lang == Lang::En ? fmt::format("{}.{} is not given", desc_->name, f.name)
                                         : fmt::format("{}の{}が記録されていません", desc_->Label(lang), f.Label(lang)),
                        {fmt::format("{}.{}", desc_->name, f.name)});
  }

  /// A given field's value.
  Value Read(const FieldDesc& f, const void* slot) const {
    switch (f.kind) {
      case FieldKind::Id: return Value::StringView(*static_cast<const std::string*>(slot));
      case FieldKind::String: return Value::StringView(**static_cast<const std::optional<std::string>*>(slot));
      case FieldKind::Bool: return Value::Bool(**static_cast<const std::optional<bool>*>(slot));
      case FieldKind::Int: return Value::Int(**static_cast<const std::optional<int64_t>*>(slot));
      case FieldKind::Date: return Value::Date(**static_cast<const std::optional<Date>*>(slot));
      case FieldKind::Timestamp: return Value::Timestamp((*static_cast<const std::optional<Timestamp>*>(slot))->utc);
      case FieldKind::Enum:
        return Value::StringView(f.enumeration->values[static_cast<size_t>(f.enum_at(slot).raw)]);
      case FieldKind::EnumList:
        return Value::List(
            std::make_shared<EnumListView>(f.enumeration, &*f.enum_list_at(slot).raw));
      case FieldKind::StringList:
        return Value::List(
            std::make_shared<StringListView>(&**static_cast<const std::optional<std::vector<std::string>>*>(slot)));
      case FieldKind::Ref: {
        const RefBase* ref = &f.ref_at(slot);
        if (!ref->target)  // dangling: already an input error
          return ErrorLanguage::Active() == Lang::En
                     ? ReaderError(fmt::format("{}.{} refers to a missing {} \"{}\"", desc_->name, f.name,
                                                f.target->name, ref->id))
                     : ReaderError(fmt::format("{}の{}が、エクスポートにない{} \"{}\" を指しています",
                                                desc_->Label(Lang::Ja), f.Label(Lang::Ja), f.target->Label(Lang::Ja),
                                                ref->id));
        return Value::Object(ObjectTypeOf(*f.target), ref->target);
      }
      case FieldKind::Object: return Value::Object(ObjectTypeOf(*f.object), f.at(slot, 0));
      case FieldKind::ObjectList: return Value::List(std::make_shared<RecordListView>(ObjectTypeOf(*f.object), &f, slot));
    }
    return Missing(f);
  }

  const RecordDesc* desc_;
  std::map<std::string_view, TypePtr, std::less<>> types_;
  std::map<std::string_view, Derived, std::less<>> derived_;
  std::map<std::string_view, Value, std::less<>> defaults_;
};

TypePtr TypeOfField(const FieldDesc& f, const std::function<const expr::ObjectType*(const RecordDesc&)>& type_of) {
  switch (f.kind) {
    case FieldKind::Id:
    case FieldKind::String:
    case FieldKind::Enum: return Type::String();
    case FieldKind::Bool: return Type::Bool();
    case FieldKind::Int: return Type::Int();
    case FieldKind::Date: return Type::Date();
    case FieldKind::Timestamp: return Type::Timestamp();
    case FieldKind::EnumList:
    case FieldKind::StringList: return Type::ListOf(Type::String());
    case FieldKind::Ref: return Type::ObjectOf(type_of(*f.target));
    case FieldKind::Object: return Type::ObjectOf(type_of(*f.object));
    case FieldKind::ObjectList: return Type::ListOf(Type::ObjectOf(type_of(*f.object)));
  }
  return Type::Dyn();
}

void RecordType::Init(const std::function<const expr::ObjectType*(const RecordDesc&)>& type_of) {
  for (const FieldDesc& f : desc_->fields) {
    types_.emplace(f.name, TypeOfField(f, type_of));
    // The value an absent field stands for, where the format gives one.
    if (!f.default_value.empty()) AddDefault(f.name, Value::StringView(f.default_value));
    // A list whose absence means empty (roles, members, takeouts, ...).
    if (f.flags & kEmptyByDefault) AddDefault(f.name, Value::ListOf({}));
  }
}

struct Registry {
  std::map<const RecordDesc*, std::unique_ptr<RecordType>> by_desc;
  std::map<std::string_view, RecordType*, std::less<>> by_name;
};

template <class R, class T>
void AddRelation(Registry& reg, std::string_view name, const std::vector<const T*> R::*member) {
  const expr::ObjectType* target = reg.by_desc.at(&DescOf<T>()).get();
  reg.by_desc.at(&DescOf<R>())
      ->AddDerived(name, Type::ListOf(Type::ObjectOf(target)), [target, member](const void* rec) {
        IncompleteData::Touch(DescOf<T>());
        return Value::List(std::make_shared<PointerListView<T>>(target, &(static_cast<const R*>(rec)->*member)));
      });
}

void AddRelations(Registry& r) {
  AddRelation(r, "users", &Facility::users);
  AddRelation(r, "devices", &Facility::devices);
  AddRelation(r, "groups", &Facility::groups);
  AddRelation(r, "documents", &Facility::documents);
  AddRelation(r, "documents", &User::documents);
  AddRelation(r, "applications", &User::entries_in);
  AddRelation(r, "memberships", &User::memberships);
  AddRelation(r, "devices", &User::devices);
  AddRelation(r, "sanctions", &User::sanctions);
  AddRelation(r, "posts", &User::posts);
  AddRelation(r, "groups", &Patient::groups);
  AddRelation(r, "consents", &Patient::consents);
  AddRelation(r, "accounts", &Patient::accounts);
  AddRelation(r, "posts", &Group::posts);
  const expr::ObjectType* user = r.by_desc.at(&DescOf<User>()).get();
  r.by_desc.at(&DescOf<User>())->AddDerived("same_email", Type::ListOf(Type::ObjectOf(user)), [user](const void* rec) {
    static const std::vector<const User*> kNone;
    const auto* u = static_cast<const User*>(rec);
    IncompleteData::Touch(DescOf<User>());
    if (!u->email_group) return Value::List(std::make_shared<PointerListView<User>>(user, &kNone));
    return Value::List(std::make_shared<PointerListView<User>>(user, u->email_group.get(), u));
  });
  const expr::ObjectType* group = r.by_desc.at(&DescOf<Group>()).get();
  r.by_desc.at(&DescOf<Member>())->AddDerived("group", Type::ObjectOf(group), [group](const void* rec) {
    return Value::Object(group, static_cast<const Member*>(rec)->group);
  });
}

const Registry& TheRegistry() {
  static const Registry reg = [] {
    Registry r;
    for (const RecordDesc* d : AllRecordDescs()) {
      auto t = std::make_unique<RecordType>(d);
      r.by_name.emplace(d->name, t.get());
      r.by_desc.emplace(d, std::move(t));
    }
    auto type_of = [&r](const RecordDesc& d) -> const expr::ObjectType* { return r.by_desc.at(&d).get(); };
    for (auto& [desc, type] : r.by_desc) type->Init(type_of);
    AddRelations(r);
    return r;
  }();
  return reg;
}

}  // namespace

const expr::ObjectType* ObjectTypeOf(const RecordDesc& desc) {
  const Registry& r = TheRegistry();
  auto it = r.by_desc.find(&desc);
  return it == r.by_desc.end() ? nullptr : it->second.get();
}

const expr::ObjectType* ObjectTypeByName(std::string_view name) {
  const Registry& r = TheRegistry();
  auto it = r.by_name.find(name);
  return it == r.by_name.end() ? nullptr : it->second;
}

const std::vector<SubjectKind>& SubjectKinds() {
  static const std::vector<SubjectKind> kinds = [] {
    std::vector<SubjectKind> k;
    for (const CollectionDesc& c : Collections()) {
      k.push_back(SubjectKind{c.key, c.record->name, c.record});
      if (c.id == Collection::groups) k.push_back(SubjectKind{"members", "member", &DescOf<Member>()});
    }
    return k;
  }();
  return kinds;
}

const SubjectKind* FindSubjectKind(std::string_view collection) {
  for (const SubjectKind& k : SubjectKinds())
    if (k.collection == collection) return &k;
  return nullptr;
}

std::vector<Subject> SubjectsOf(const Export& ex, const SubjectKind& kind) {
  std::vector<Subject> out;
  auto add = [&out, &kind](const void* rec) {
    const Record* r = kind.desc->as_record(const_cast<void*>(rec));
    out.push_back(Subject{rec, SubjectIdOf(*kind.desc, rec), r->loc, FacilityIdOf(*kind.desc, rec)});
  };
  if (kind.collection == "members") {
    for (const Group& g : ex.groups)
      if (g.members)
        for (const Member& m : *g.members) add(&m);
    return out;
  }
  const CollectionDesc* c = FindCollection(kind.collection);
  size_t n = c->count(ex);
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) add(c->at(ex, i));
  return out;
}

namespace {
thread_local IncompleteData* current_incomplete = nullptr;
thread_local const WithholdPersonal* current_withhold = nullptr;
thread_local const ErrorLanguage* current_error_lang = nullptr;
}  // namespace

WithholdPersonal::WithholdPersonal(Lang lang) : lang_(lang), previous_(current_withhold) { current_withhold = this; }
WithholdPersonal::~WithholdPersonal() { current_withhold = previous_; }
const Lang* WithholdPersonal::Active() { return current_withhold ? &current_withhold->lang_ : nullptr; }

ErrorLanguage::ErrorLanguage(Lang lang) : lang_(lang), previous_(current_error_lang) { current_error_lang = this; }
ErrorLanguage::~ErrorLanguage() { current_error_lang = previous_; }
Lang ErrorLanguage::Active() { return current_error_lang ? current_error_lang->lang_ : Lang::En; }

IncompleteData::IncompleteData(const Export& ex, Lang lang) {
  for (const rurume::BadValue& b : ex.bad_values) {
    const std::string where =
        fmt::format("{}:{}:{}, RA{}", b.loc.file < ex.files.size() ? ex.files[b.loc.file].path : "?", b.loc.line,
                    b.loc.column, b.code);
    bad_.emplace(std::make_pair(b.record, b.field),
                 lang == Lang::En ? fmt::format("the value is unusable (input error at {})", where)
                                  : fmt::format("値が使えません (入力エラー {})", where));
  }
  for (const SourceFile& f : ex.files) {
    if (!f.stopped_at_line) continue;
    const std::string where = fmt::format("{}:{}", f.path, f.stopped_at_line);
    auto add = [&](const RecordDesc* d) { where_.emplace(d, where); };
    if (f.stopped_at_line <= 1 && f.collections.empty()) {
      for (const RecordDesc* d : AllRecordDescs()) add(d);
      continue;
    }
    for (const std::string& key : f.collections)
      if (const CollectionDesc* c = FindCollection(key)) {
        add(c->record);
        if (c->id == Collection::groups) add(&DescOf<Member>());
      }
  }
}

IncompleteData::Scope::Scope(IncompleteData* data) : previous_(current_incomplete) { current_incomplete = data; }
IncompleteData::Scope::~Scope() { current_incomplete = previous_; }

const std::string* IncompleteData::BadValue(const void* record, std::string_view field) {
  IncompleteData* d = current_incomplete;
  if (!d || d->bad_.empty()) return nullptr;
  auto it = d->bad_.find(std::make_pair(record, field));
  return it == d->bad_.end() ? nullptr : &it->second;
}

void IncompleteData::Touch(const RecordDesc& desc) {
  IncompleteData* d = current_incomplete;
  if (!d || d->hit_ || d->where_.empty()) return;
  auto it = d->where_.find(&desc);
  if (it != d->where_.end()) d->hit_ = &it->second;
}

}  // namespace rurume
