#include "audit/fingerprint.h"

#include "load/digest.h"

namespace rurume {

std::string Fingerprint(std::string_view rule_id, std::string_view subject_kind, std::string_view subject_id) {
  Sha256 h;
  for (std::string_view part : {std::string_view("rurume/v1"), rule_id, subject_kind, subject_id}) {
    h.Update(part);
    h.Update(std::string_view("\0", 1));
  }
  return h.FinalHex();
}

}  // namespace rurume
