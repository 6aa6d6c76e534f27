#include "text/wrap.h"
#include "text/width.h"

#include <doctest/doctest.h>

using rurume::DisplayWidth;
using rurume::WrapLines;
using rurume::WrapParagraph;

TEST_CASE("wrapping keeps every line within the width and loses no character") {
  const std::string text =
      "利用者 U0009 は 2026年10月1日(木) に退職・異動 (63 日前、猶予 14 日) していますが、MCS ID が有効のままです";
  for (size_t width : {24u, 30u, 40u, 80u}) {  // the widest token (the date) takes 17
    std::vector<std::string> lines = WrapLines(text, width, 4, 4);
    std::string joined;
    for (size_t i = 0; i < lines.size(); ++i) {
      CHECK(DisplayWidth(lines[i]) + 4 <= width);
      joined += lines[i];
    }
    std::string squeezed;
    for (char c : text)
      if (c != ' ') squeezed += c;
    std::string got;
    for (char c : joined)
      if (c != ' ') got += c;
    CHECK(got == squeezed);
  }
}

TEST_CASE("wrapping never breaks inside ids, dates or rule ids") {
  std::vector<std::string> lines = WrapLines("あいうえおかきくけこ 2026年10月1日(木) A6.4-left-user-active", 16, 0, 0);
  bool date = false, rule = false;
  for (const std::string& l : lines) {
    if (l.find("2026年10月1日(木)") != std::string::npos) date = true;
    if (l.find("A6.4-left-user-active") != std::string::npos) rule = true;
  }
  CHECK(date);
  CHECK(rule);  // wider than the line: on a line of its own, whole
}

TEST_CASE("no line begins with 、 or 。 and none ends with 「") {
  std::vector<std::string> lines = WrapLines("あいうえお、かきくけこ「さしすせそ」たちつてと。", 10, 0, 0);
  for (const std::string& l : lines) {
    CHECK(l.rfind("、", 0) != 0);
    CHECK(l.rfind("。", 0) != 0);
    CHECK(l.rfind("」", 0) != 0);
    CHECK((l.size() < 3 || l.compare(l.size() - 3, 3, "「") != 0));
  }
  CHECK(lines.size() > 2);
}

TEST_CASE("a paragraph's continuation lines hang at the indent") {
  std::string p = WrapParagraph("対処: ", 6, "いろはにほへとちりぬるをわかよたれそつねならむ", 20, 6);
  CHECK(p == "対処: いろはにほへと\n      ちりぬるをわか\n      よたれそつねな\n      らむ\n");
}
