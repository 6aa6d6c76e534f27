// "Did you mean": the one way the project suggests a name for a misspelt
// one (an export's field, a waiver's rule id, a configuration parameter).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rurume {

/// The edit distance (insertions, deletions, substitutions of bytes).
size_t EditDistance(std::string_view a, std::string_view b);

/// The names `key` most likely stands for, best first, at most `limit`:
/// the nearest by edit distance when it is close (at most 2, or a quarter
/// of the key's length for longer keys); else the names that contain the
/// key or that it contains; else, for a key like "N1.10-remote", the names
/// that share its part before the first '-'. Empty when none qualifies.
std::vector<std::string_view> Suggestions(std::string_view key, const std::vector<std::string_view>& names,
                                          size_t limit = 3);

/// Suggestions() as a diagnostic's hint: " (→ a?)", " (→ a, b?)", or "".
std::string SuggestionHint(std::string_view key, const std::vector<std::string_view>& names);

/// Suggestions() as a sentence for the command line: "もしかして: a、b" (English
/// "did you mean: a, b?"), or "". Names are compared case-insensitively
/// too, so "n1.10" finds "N1.10".
std::string SuggestionSentence(std::string_view key, const std::vector<std::string_view>& names, bool japanese);

/// Whether two names are the same but for the case of ASCII letters.
bool SameIgnoringCase(std::string_view a, std::string_view b);

}  // namespace rurume
