#include "model/index.h"

namespace rurume {

namespace {

template <class T>
const T* Lookup(const Export& ex, Collection c, const Records<T>& records, const std::string& id) {
  if (!ex.index) return nullptr;
  const auto& ids = ex.index->ids[static_cast<size_t>(c)];
  auto it = ids.find(id);
  return it == ids.end() ? nullptr : &records[it->second];
}

}  // namespace

const Facility* Export::facility(const std::string& id) const {
  return Lookup(*this, Collection::facilities, facilities, id);
}
const User* Export::user(const std::string& id) const { return Lookup(*this, Collection::users, users, id); }
const Patient* Export::patient(const std::string& id) const {
  return Lookup(*this, Collection::patients, patients, id);
}
const Group* Export::group(const std::string& id) const { return Lookup(*this, Collection::groups, groups, id); }

}  // namespace rurume
