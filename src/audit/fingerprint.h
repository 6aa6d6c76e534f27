// A finding's identity across runs, for baselines, waivers and the reports.
#pragma once

#include <string>
#include <string_view>

namespace rurume {

/// A finding's stable identity across runs: the SHA-256 (hex) of
/// "rurume/v1", rule id, subject kind and subject id, each followed by a NUL
/// byte. Line numbers, file names and message text play no part.
std::string Fingerprint(std::string_view rule_id, std::string_view subject_kind, std::string_view subject_id);

}  // namespace rurume
