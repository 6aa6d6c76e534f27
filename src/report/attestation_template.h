// `rurume-audit clauses --template EXPORT`: a starting attestations file
// (schemas/rurume-attestations.schema.json) for the network of an export.
#pragma once

#include "base/diagnostics.h"
#include "base/time.h"
#include "model/model.h"
#include "rules/clauses.h"

#include <string>

namespace rurume {

/// Every manual clause, once for the network or once per facility that has
/// not withdrawn (in the export's order), each with comments quoting the
/// policy (in Japanese, or English under Lang::En: the policy's words stay
/// Japanese), its scope, validity and an example of evidence, and the four
/// values to fill in left blank (a blank entry attests nothing, so the file
/// is valid as written). `today` dates the header and the comments' example
/// expiry.
std::string AttestationsTemplate(const ClauseList& clauses, const Export& ex, Date today, Lang lang);

}  // namespace rurume
