#include "load/syntax_text.h"

#include <string_view>

namespace rurume {

namespace {

struct Known {
  std::string_view prefix;  // yaml-cpp's message, or how it begins
  std::string_view ja;
};

// yaml-cpp's messages (yaml-cpp/exceptions.h, ErrorMsg), the likely cause
// first: tabs, a file cut short, an indentation or a colon out of place.
constexpr Known kKnown[] = {
    {"illegal tab when looking for indentation",
     "インデントにタブ文字が使われています。タブをスペースに置き換えてください"},
    {"illegal EOF in scalar",
     "引用符の中でファイルが終わっています。ファイルが途中で切れていないか、閉じる引用符があるか確認してください"},
    {"end of map flow not found",
     "{ で始めたマッピングが } で閉じられていません。ファイルが途中で切れていないか確認してください"},
    {"end of sequence flow not found",
     "[ で始めたリストが ] で閉じられていません。ファイルが途中で切れていないか確認してください"},
    {"end of map not found", "マッピングの終わりが見つかりません。インデントがそろっているか確認してください"},
    {"end of sequence not found", "リストの終わりが見つかりません。インデントがそろっているか確認してください"},
    {"illegal map value",
     "ここに「キー: 値」は書けません。インデントがずれていないか、値に「: 」を含むなら引用符で囲んでいるか確認してください"},
    {"illegal map key", "ここにキーは書けません。インデントを確認してください"},
    {"illegal block entry", "ここに「- 」で始まる項目は書けません。インデントを確認してください"},
    {"illegal flow end", "閉じ括弧 ] または } が余分です"},
    {"unknown escape character", "二重引用符の中に使えない \\ があります。\\\\ と書くか、単一引用符 ' で囲んでください"},
    {"bad character found while scanning hex number", "\\x や \\u の後ろが 16 進数ではありません"},
    {"invalid unicode", "\\u の文字コードが正しくありません"},
    {"illegal document indicator in scalar", "値の途中に --- または ... があります。値を引用符で囲んでください"},
    {"illegal character in scalar", "値に使えない文字があります。値を引用符で囲んでください"},
    {"unexpected character in block scalar", "| や > で始めた複数行の値の書き方が正しくありません"},
    {"alias not found after *", "* の後ろにアンカー名がありません"},
    {"anchor not found after &", "& の後ろにアンカー名がありません"},
    {"the referenced anchor is not defined", "* で参照しているアンカー (&名前) がその前にありません"},
    {"cannot assign multiple", "1 つの値にアンカーやタグが 2 つ以上付いています"},
    {"unknown token", "YAML として読めない記号があります"},
    {"tag handle with no suffix", "タグの書き方が正しくありません"},
    {"end of verbatim tag not found", "タグ !<...> が閉じられていません"},
};

}  // namespace

std::string SyntaxTextJa(const std::string& message) {
  for (const Known& k : kKnown)
    if (std::string_view(message).substr(0, k.prefix.size()) == k.prefix)
      return std::string(k.ja);  // the parser's English is in the English message
  return "YAML として読めません (" + message + ")";
}

}  // namespace rurume
