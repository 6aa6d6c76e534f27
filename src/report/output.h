// Writing a report where the user asked for it.
#pragma once

#include <string>

namespace rurume {

/// Writes `content` to `path` atomically: a temporary file in the same
/// directory, flushed, then renamed over `path`. A crash never leaves half a
/// report. Returns an empty string, or what went wrong.
std::string WriteAtomically(const std::string& path, const std::string& content);

}  // namespace rurume
