// The export's id index, filled by the linker (load/link.h) and read by the
// lookups of Export (model.h).
#pragma once

#include "model/model.h"

#include <array>
#include <string_view>
#include <unordered_map>

namespace rurume {

struct Export::Index {
  std::array<std::unordered_map<std::string_view, uint32_t>, kCollectionCount> ids;
};

}  // namespace rurume
