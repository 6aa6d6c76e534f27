// Linking a loaded export: ids indexed per collection (a duplicate is an
// input error), every reference pointed at its target (a dangling one is an
// input error), and the reverse relations the rules walk filled in.
#pragma once

#include "base/diagnostics.h"
#include "model/model.h"

namespace rurume {

void Link(Export& ex, Diagnostics& diags);

}  // namespace rurume
