// Line breaking for the text report: paragraphs wrapped to a terminal's
// width in display columns, breaking at spaces and between two Japanese
// characters (not before 、。」) and the like, not after 「（), never inside a
// run of ASCII characters: ids, paths, rule ids, numbers and dates such as
// 2026年11月10日(火) stay whole.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rurume {

/// `text` as lines of at most `width` columns, the first `first_used`
/// columns of the first line and `indent` columns of the others being taken
/// by what the caller puts before them. A token wider than its line gets a
/// line of its own (overlong). The lines carry no indent and no newline.
std::vector<std::string> WrapLines(std::string_view text, size_t width, size_t first_used, size_t indent);

/// The paragraph as the report writes it: `first` (already in the line,
/// `first_used` columns wide) then the wrapped text, continuation lines
/// indented by `indent` spaces, each line ended by "\n".
std::string WrapParagraph(std::string_view first, size_t first_used, std::string_view text, size_t width,
                          size_t indent);

}  // namespace rurume
