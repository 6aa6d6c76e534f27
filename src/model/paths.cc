// What records.def says about a record beyond its fields: its facility,
// its patient, its subject id, its personal fields.
#include "model/schema.h"

namespace rurume {

bool FieldDesc::Present(const void* record) const {
  const void* s = cslot(record);
  switch (kind) {
    case FieldKind::Id: return !static_cast<const std::string*>(s)->empty();
    case FieldKind::String: return static_cast<const std::optional<std::string>*>(s)->has_value();
    case FieldKind::Bool: return static_cast<const std::optional<bool>*>(s)->has_value();
    case FieldKind::Int: return static_cast<const std::optional<int64_t>*>(s)->has_value();
    case FieldKind::Date: return static_cast<const std::optional<Date>*>(s)->has_value();
    case FieldKind::Timestamp: return static_cast<const std::optional<Timestamp>*>(s)->has_value();
    case FieldKind::Enum: return enum_at(s).has();
    case FieldKind::EnumList: return enum_list_at(s).has();
    case FieldKind::StringList: return static_cast<const std::optional<std::vector<std::string>>*>(s)->has_value();
    case FieldKind::Ref: return ref_at(s).has();
    case FieldKind::Object:
    case FieldKind::ObjectList: return present(s);
  }
  return false;
}

bool IsPersonalField(std::string_view record, std::string_view field) {
  const RecordDesc* d = FindRecordDesc(record);
  const FieldDesc* f = d ? d->Find(field) : nullptr;
  return f && f->personal();
}

namespace {

/// One step of a path: "^" the holder, "." the record itself, else a
/// reference field (its target, null when absent or dangling).
const void* Step(const RecordDesc*& desc, const void* record, std::string_view step) {
  if (step == ".") return record;
  if (step == "^") {
    if (!desc->holder) return nullptr;
    const void* up = desc->holder(record);
    desc = desc->holder_desc;
    return up;
  }
  const FieldDesc* f = desc->Find(step);
  if (!f || f->kind != FieldKind::Ref) return nullptr;
  desc = f->target;
  return f->ref_at(f->cslot(record)).target;
}

}  // namespace

const void* FollowPath(const RecordDesc& from, const void* record, std::string_view path, const RecordDesc** desc) {
  const RecordDesc* d = &from;
  while (record && !path.empty()) {
    size_t dot = path.find('.', path[0] == '.' ? 1 : 0);
    std::string_view step = path.substr(0, dot);
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    record = Step(d, record, step);
  }
  if (desc) *desc = d;
  return record;
}

std::string_view FacilityIdOf(const RecordDesc& desc, const void* record) {
  if (desc.facility_path.empty()) return {};
  const RecordDesc* d = nullptr;
  const void* facility = FollowPath(desc, record, desc.facility_path, &d);
  if (!facility) return {};
  return *static_cast<const std::string*>(d->fields[0].cslot(facility));
}

const Patient* PatientOf(const RecordDesc& desc, const void* record) {
  if (desc.patient_path.empty()) return nullptr;
  return static_cast<const Patient*>(FollowPath(desc, record, desc.patient_path, nullptr));
}

std::string SubjectIdOf(const RecordDesc& desc, const void* record) {
  std::string out;
  std::string_view parts = desc.subject_id;
  for (bool first = true; !parts.empty(); first = false) {
    size_t slash = parts.find('/');
    std::string_view part = parts.substr(0, slash);
    parts = slash == std::string_view::npos ? std::string_view() : parts.substr(slash + 1);
    if (!first) out += '/';
    // The last step names a field read as text: an id, or a reference's id
    // as written (a dangling one included).
    size_t last = part.rfind('.');
    const RecordDesc* d = &desc;
    const void* r = last == std::string_view::npos ? record : FollowPath(desc, record, part.substr(0, last), &d);
    const FieldDesc* f = r ? d->Find(last == std::string_view::npos ? part : part.substr(last + 1)) : nullptr;
    if (f && f->kind == FieldKind::Id) out += *static_cast<const std::string*>(f->cslot(r));
    if (f && f->kind == FieldKind::Ref) out += f->ref_at(f->cslot(r)).id;
  }
  return out;
}

}  // namespace rurume
