#include "load/link.h"

#include <map>

#include "base/suggest.h"
#include "load/loader.h"
#include "model/index.h"
#include "model/schema.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>
#include <unordered_map>

namespace rurume {


namespace {

using IdMap = std::unordered_map<std::string_view, uint32_t>;

const std::string& IdOf(const CollectionDesc& c, const void* rec) {
  return *static_cast<const std::string*>(c.record->fields[0].cslot(rec));
}

class Linker {
 public:
  Linker(Export& ex, Diagnostics& diags, Export::Index& index) : ex_(ex), diags_(diags), index_(index) {
    for (const CollectionDesc& c : Collections()) by_desc_.emplace(c.record, &c);
  }

  void IndexIds() {
    for (const CollectionDesc& c : Collections()) {
      IdMap& ids = index_.ids[static_cast<size_t>(c.id)];
      size_t n = c.count(ex_);
      ids.reserve(n);
      for (size_t i = 0; i < n; ++i) {
        const void* rec = c.at(ex_, i);
        const std::string& id = IdOf(c, rec);
        auto [it, fresh] = ids.emplace(id, static_cast<uint32_t>(i));
        if (fresh) continue;
        const Loc& here = c.record->as_record(const_cast<void*>(rec))->loc;
        const Loc& first = c.record->as_record(const_cast<void*>(c.at(ex_, it->second)))->loc;
        diags_.Add(Code::DuplicateId, ex_.files[here.file].path, here.line, here.column,
                   {std::string(c.record->name), fmt::format("\"{}\"", id), FormatLoc(ex_, first)});
      }
    }
  }

  void ResolveAll() {
    for (const CollectionDesc& c : Collections()) {
      size_t n = c.count(ex_);
      for (size_t i = 0; i < n; ++i) Resolve(*c.record, const_cast<void*>(c.at(ex_, i)));
    }
    if (ex_.network) Resolve(NetworkDesc(), &*ex_.network);
  }

 private:
  void Resolve(const RecordDesc& desc, void* rec) {
    for (const FieldDesc& f : desc.fields) {
      if (f.kind == FieldKind::Ref) {
        ResolveRef(desc, f, *f.as_ref(f.slot(rec)));
      } else if (f.kind == FieldKind::Object || f.kind == FieldKind::ObjectList) {
        void* slot = f.slot(rec);
        size_t n = f.count(slot);
        for (size_t i = 0; i < n; ++i) Resolve(*f.object, const_cast<void*>(f.at(slot, i)));
      }
    }
  }

  void ResolveRef(const RecordDesc& owner, const FieldDesc& f, RefBase& ref) {
    if (!ref.has()) return;
    const CollectionDesc* target = by_desc_.at(f.target);
    const IdMap& ids = index_.ids[static_cast<size_t>(target->id)];
    auto it = ids.find(ref.id);
    if (it != ids.end()) {
      ref.target = target->at(ex_, it->second);
      return;
    }
    diags_.Add(Code::DanglingRef, ex_.files[ref.loc.file].path, ref.loc.line, ref.loc.column,
               {fmt::format("{}.{}", owner.name, f.name), std::string(f.target->name), fmt::format("\"{}\"", ref.id),
                IdHint(*target, ids, ref.id)});
  }

  /// The ids of the collection the reference probably meant (" (→ U0015?)"):
  /// the same but for case, or (for ids of 4 characters or more) one edit
  /// away; short ids (F1, F2) are all one edit apart, so none for them, and
  /// none for a collection too large to search.
  std::string IdHint(const CollectionDesc& target, const IdMap& ids, const std::string& id) {
    constexpr size_t kMaxSearched = 20000;
    if (ids.size() > kMaxSearched) return {};
    std::vector<std::string_view>& names = id_names_[static_cast<size_t>(target.id)];
    if (names.empty()) {
      for (const auto& kv : ids) names.push_back(kv.first);
      std::sort(names.begin(), names.end());  // the hint must not depend on the hash order
    }
    std::vector<std::string_view> near;
    for (std::string_view n : names)
      if (SameIgnoringCase(n, id) || (id.size() >= 4 && EditDistance(n, id) <= 1)) near.push_back(n);
    if (near.empty() || near.size() > 3) return {};
    std::string out = " (→ ";
    for (size_t i = 0; i < near.size(); ++i) out += (i ? ", " : "") + std::string(near[i]);
    return out + "?)";
  }

  Export& ex_;
  Diagnostics& diags_;
  Export::Index& index_;
  std::unordered_map<const RecordDesc*, const CollectionDesc*> by_desc_;
  std::map<size_t, std::vector<std::string_view>> id_names_;  // per collection, sorted, for IdHint
};

template <class T>
T* Mut(const T* p) {
  return const_cast<T*>(p);
}

std::string LowerAscii(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// Users who share an email address, compared without regard to ASCII case.
void LinkSameEmail(Export& ex) {
  std::unordered_map<std::string, std::shared_ptr<std::vector<const User*>>> by_email;
  for (User& u : ex.users) {
    if (!u.email || u.email->empty()) continue;
    auto& group = by_email[LowerAscii(*u.email)];
    if (!group) group = std::make_shared<std::vector<const User*>>();
    group->push_back(&u);
  }
  for (User& u : ex.users) {
    if (!u.email || u.email->empty()) continue;
    const auto& group = by_email[LowerAscii(*u.email)];
    if (group->size() > 1) u.email_group = group;
  }
}

void FillReverseRelations(Export& ex) {
  for (const User& u : ex.users) {
    if (auto* f = u.facility.get()) Mut(f)->users.push_back(&u);
    if (auto* p = u.patient.get()) Mut(p)->accounts.push_back(&u);
  }
  for (const Device& d : ex.devices) {
    if (auto* f = d.facility.get()) Mut(f)->devices.push_back(&d);
    if (auto* u = d.assigned_to.get()) Mut(u)->devices.push_back(&d);
  }
  for (const Document& doc : ex.documents) {
    if (auto* f = doc.facility.get()) Mut(f)->documents.push_back(&doc);
    if (auto* u = doc.user.get()) Mut(u)->documents.push_back(&doc);
    if (auto* p = doc.patient.get(); p && doc.form.is(FormKind::patient_consent)) Mut(p)->consents.push_back(&doc);
    if (!doc.entries || !doc.form.is(FormKind::usage_application)) continue;
    for (const Entry& e : *doc.entries) {
      User* u = Mut(e.user.get());
      if (u && (u->entries_in.empty() || u->entries_in.back() != &doc)) u->entries_in.push_back(&doc);
    }
  }
  for (Group& g : ex.groups) {
    if (auto* f = g.facility.get()) Mut(f)->groups.push_back(&g);
    if (auto* p = g.patient.get()) Mut(p)->groups.push_back(&g);
    if (!g.members) continue;
    for (Member& m : *g.members) {
      m.group = &g;
      if (auto* u = m.user.get()) Mut(u)->memberships.push_back(&m);
    }
  }
  for (const Post& p : ex.posts) {
    if (auto* g = p.group.get()) Mut(g)->posts.push_back(&p);
    if (auto* u = p.author.get()) Mut(u)->posts.push_back(&p);
  }
  for (const Sanction& s : ex.sanctions)
    if (auto* u = s.user.get()) Mut(u)->sanctions.push_back(&s);
  LinkSameEmail(ex);
}


}  // namespace

void Link(Export& ex, Diagnostics& diags) {
  auto index = std::make_shared<Export::Index>();
  Linker linker(ex, diags, *index);
  linker.IndexIds();
  linker.ResolveAll();
  FillReverseRelations(ex);
  // The all-members group is the one the network names; another group of
  // that kind is a mistake of the export, out of scope of N4.3 and N4.4.
  const Group* named = ex.network ? ex.network->all_members_group.get() : nullptr;
  for (const Group& g : ex.groups)
    if (g.kind.is(GroupKind::all_members) && &g != named)
      diags.AddLocalized(Code::ExtraAllMembersGroup, ex.files[g.loc.file].path, g.loc.line, g.loc.column,
                         {g.id, named ? " (指しているのは " + named->id + ")" : std::string(" (指定がありません)")},
                         {g.id, named ? " (it names " + named->id + ")" : std::string(" (it names none)")});
  ex.index = std::move(index);
}

namespace {

/// The collection key of the record type named `record` ("user": "users").
std::string_view CollectionOfRecord(std::string_view record) {
  for (const CollectionDesc& c : Collections())
    if (c.record->name == record) return c.key;
  return {};
}

}  // namespace

void MarkFollowOnErrors(Export& ex, Diagnostics& diags) {
  for (SourceFile& f : ex.files) {
    if (f.stopped_at_line || !f.unterminated_line) continue;
    bool dangling = false;
    for (const Diagnostic& d : diags.all())
      if (d.code == Code::DanglingRef && d.args.size() >= 2) {
        const std::string_view key = CollectionOfRecord(d.args[1]);
        dangling = dangling || std::find(f.collections.begin(), f.collections.end(), key) != f.collections.end();
      }
    if (!dangling) continue;
    f.stopped_at_line = f.unterminated_line;
    diags.Add(Code::FileCut, f.path, f.unterminated_line, 1, {std::to_string(f.unterminated_line)});
  }
  const SourceFile* unknown = nullptr;  // nothing of it read: it could have held anything
  std::map<std::string, const SourceFile*, std::less<>> by_collection;
  const SourceFile* first = nullptr;
  for (const SourceFile& f : ex.files) {
    if (!f.stopped_at_line) continue;
    if (!first) first = &f;
    if (f.stopped_at_line <= 1 && f.collections.empty() && !unknown) unknown = &f;
    for (const std::string& c : f.collections) by_collection.emplace(c, &f);
  }
  // An input that was not even opened (a path that does not exist, a broken
  // link) could have held anything too.
  SourceFile unopened;
  if (!unknown)
    for (const Diagnostic& d : diags.all())
      if (Stage(d) == 0 && d.level == Level::Error && !d.file.empty()) {
        unopened.path = d.file;
        unopened.stopped_at_line = 1;
        unknown = &unopened;
        if (!first) first = unknown;
        break;
      }
  if (!first) return;
  for (size_t i = 0; i < diags.all().size(); ++i) {
    const Diagnostic& d = diags.all()[i];
    const SourceFile* cause = nullptr;
    if (d.code == Code::DanglingRef && d.args.size() >= 2) {
      auto it = by_collection.find(CollectionOfRecord(d.args[1]));
      if (it != by_collection.end()) cause = it->second;
      if (!cause) cause = unknown;
    } else if (d.code == Code::TopLevelMissing) {
      cause = unknown ? unknown : first;
    }
    if (!cause) continue;
    // A reference into what was not read: a near id would mislead.
    if (d.code == Code::DanglingRef && diags.at(i).args.size() >= 4) diags.at(i).args[3].clear();
    diags.at(i).cause_file = cause->path;
    diags.at(i).cause_line = cause->stopped_at_line;
  }
}

}  // namespace rurume
