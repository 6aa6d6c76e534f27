// The HTML report's style sheet and script: report.css and report.js beside
// this header, embedded into the program when it is built (embed.cmake), so
// that the page stays one self-contained file and the assets can be edited,
// linted and diffed as what they are.
//
// report.css keeps colours that stay apart in greyscale print: errors dark
// (white on red), warnings light (dark on amber), notes outlined (blue on
// white).
#pragma once

#include <string_view>

namespace rurume {

/// report.css, byte for byte.
std::string_view HtmlStyle();
/// report.js, byte for byte.
std::string_view HtmlScript();

}  // namespace rurume
