// The inputs named on the command line: files, standard input, and
// directories walked for their export files.
#include "load/loader.h"

#include "base/os_error.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace rurume {

std::vector<std::string> ExpandInputs(const std::vector<std::string>& args, Diagnostics& diags) {
  namespace fs = std::filesystem;
  std::vector<std::string> out;
  for (const std::string& arg : args) {
    std::error_code ec;
    if (arg == "-" || !fs::is_directory(arg, ec)) {
      out.push_back(arg);
      continue;
    }
    std::vector<std::string> found;
    size_t not_files = 0;
    for (fs::recursive_directory_iterator it(arg, ec), end; !ec && it != end; it.increment(ec)) {
      std::string ext = it->path().extension().string();
      if (ext != ".yaml" && ext != ".yml" && ext != ".json") continue;
      // An input the directory names but that is no file to read is an
      // error, never skipped: skipping it would make its records look gone.
      std::error_code status_ec;
      const fs::file_status own = it->symlink_status(status_ec);
      if (fs::is_directory(own)) continue;  // a directory called x.yaml: walked into
      const fs::file_status target = fs::status(it->path(), status_ec);
      if (fs::is_regular_file(target)) {
        found.push_back(it->path().generic_string());
        continue;
      }
      ++not_files;
      if (fs::is_symlink(own) && !fs::exists(target))
        diags.Add(Code::BrokenLink, it->path().generic_string(), 0, 0);
      else
        diags.Add(Code::NotAFile, it->path().generic_string(), 0, 0);
    }
    if (ec) diags.AddLocalized(Code::Unreadable, arg, 0, 0, {OsErrorJa(ec.value())}, {ec.message()});
    if (found.empty() && not_files == 0 && !ec) diags.Add(Code::NoInput, arg, 0, 0, {arg});
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace rurume
