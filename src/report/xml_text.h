// Text as XML 1.0 allows it.
#pragma once

#include <string>
#include <string_view>

namespace rurume {

/// `text` without the characters XML 1.0 forbids (controls but tab, line
/// feed and carriage return; U+FFFE, U+FFFF); an invalid UTF-8 sequence
/// becomes U+FFFD. Escaping is the XML writer's job.
std::string XmlText(std::string_view text);

}  // namespace rurume
