// Linking a loaded export: ids indexed per collection (a duplicate is an
// input error), every reference pointed at its target (a dangling one is an
// input error), and the reverse relations the rules walk filled in.
#pragma once

#include "base/diagnostics.h"
#include "model/model.h"

namespace rurume {

void Link(Export& ex, Diagnostics& diags);

/// Marks the errors that follow from a file read only in part (its
/// `stopped_at_line`): a dangling reference to a record of a collection that
/// file began (or to any, when nothing of it was read), and `network` or
/// `exported_at` missing. They get the file and line as their cause, so that
/// a report can show the cause first and the rest as its count.
/// A file whose last line has no newline and holds a collection that other
/// files refer to records missing from is taken as cut short there (RA1012).
void MarkFollowOnErrors(Export& ex, Diagnostics& diags);

}  // namespace rurume
