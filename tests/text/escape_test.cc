// EscapeControls: what the text report and terminal messages show of data.
#include "text/escape.h"

#include <doctest/doctest.h>

#include <string>

using namespace rurume;

TEST_CASE("text: EscapeControls shows C0, DEL and C1 controls as \\u escapes") {
  CHECK(EscapeControls("Insta\x01\x1b[31mRED") == "Insta\\u0001\\u001b[31mRED");
  CHECK(EscapeControls(std::string("a\0b", 3)) == "a\\u0000b");
  CHECK(EscapeControls("line\nnext\ttab\r") == "line\\u000anext\\u0009tab\\u000d");
  CHECK(EscapeControls("\x7f") == "\\u007f");
  CHECK(EscapeControls("\xc2\x80 \xc2\x9b \xc2\x9f") == "\\u0080 \\u009b \\u009f");  // C1, UTF-8 encoded
  CHECK(EscapeControls("\xc2\xa0") == "\xc2\xa0");  // U+00A0 is not a control
  for (unsigned c = 0; c < 0x20; ++c) {
    CAPTURE(c);
    const std::string escaped = EscapeControls(std::string(1, static_cast<char>(c)));
    CHECK(escaped.size() == 6);
    CHECK(escaped.substr(0, 2) == "\\u");
  }
  // Text, Japanese and backslashes pass unchanged; invalid UTF-8 is shown by byte.
  CHECK(EscapeControls("機器 DV1 \\n") == "機器 DV1 \\n");
  CHECK(EscapeControls("a\xff" "b\xe6\x97") == "a\\xffb\\xe6\\x97");
  CHECK_FALSE(HasControls("るるめネット"));
  CHECK(HasControls("\x1b"));
  CHECK(HasControls("\xc2\x85"));
}
