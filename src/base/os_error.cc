#include "base/os_error.h"

#include <cerrno>
#include <string>

namespace rurume {

std::string OsErrorJa(int error) {
  const char* ja = nullptr;
  switch (error) {
    case ENOENT: ja = "ファイルまたはフォルダがありません。パスの綴りと場所を確認してください"; break;
    case EACCES:
    case EPERM: ja = "読み書きの権限がありません。ファイルの所有者と権限を確認してください"; break;
    case EISDIR: ja = "フォルダです (ファイルではありません)"; break;
    case ENOTDIR: ja = "パスの途中にフォルダでないものがあります。パスを確認してください"; break;
    case ELOOP: ja = "シンボリックリンクが循環しています (リンクの先をたどると元に戻ります)"; break;
    case ENAMETOOLONG: ja = "パスが長すぎます"; break;
    case ENOSPC: ja = "ディスクの空きがありません"; break;
    case EROFS: ja = "読み取り専用の場所です"; break;
    case EIO: ja = "ディスクの読み書きでエラーが起きました (装置の故障かもしれません)"; break;
    case EMFILE:
    case ENFILE: ja = "開いているファイルが多すぎます"; break;
    case EEXIST: ja = "同じ名前のものがすでにあります"; break;
    case ENOMEM: ja = "メモリが足りません"; break;
    case EBUSY: ja = "使用中です"; break;
    case ENXIO:
    case ENODEV: ja = "装置がありません"; break;
    default: break;
  }
  // The system's own words are English: the Japanese reader gets the number
  // for whoever looks into it (--lang en gives the system's sentence).
  if (!ja) return "OS のエラーです (エラー番号 " + std::to_string(error) + ")";
  return ja;
}

}  // namespace rurume
