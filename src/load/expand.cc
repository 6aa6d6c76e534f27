// The inputs named on the command line: files, standard input, and
// directories walked for their export files.
#include "load/loader.h"

#include "base/os_error.h"

#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <set>
#include <filesystem>
#include <system_error>

namespace rurume {

namespace {

namespace fs = std::filesystem;

bool IsExportName(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

/// Whether `--exclude` patterns name the entry: a pattern matches the path
/// relative to the walked directory ("ci/*.yml"), or the entry's name
/// ("*.bak.yaml", "drafts").
bool Excluded(const std::vector<std::string>& exclude, const std::string& relative, const std::string& name) {
  for (const std::string& g : exclude)
    if (fnmatch(g.c_str(), relative.c_str(), FNM_PATHNAME) == 0 || fnmatch(g.c_str(), name.c_str(), 0) == 0)
      return true;
  return false;
}

/// Walks one directory given on the command line.
class Walk {
 public:
  Walk(const std::string& root, const std::vector<std::string>& exclude, Diagnostics& diags)
      : root_(root), exclude_(exclude), diags_(diags) {}

  std::vector<std::string> Run() {
    Dir(fs::path(root_), {});
    if (!error_ && found_.empty() && not_files_ == 0) diags_.Add(Code::NoInput, root_, 0, 0, {root_});
    std::sort(found_.begin(), found_.end());
    return found_;
  }

 private:
  /// `dir` (a path as reached, through links), `inside`: the directories
  /// (as file identities) it is inside of, to tell a loop of links.
  void Dir(const fs::path& dir, std::vector<std::pair<uintmax_t, uintmax_t>> inside) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) return Fail(dir, errno);
    const std::pair<uintmax_t, uintmax_t> id{st.st_dev, st.st_ino};
    if (std::find(inside.begin(), inside.end(), id) != inside.end()) return Fail(dir, ELOOP);
    // A directory reached twice (a link to a sibling) is read once.
    if (!visited_.insert(id).second) return;
    inside.push_back(id);
    std::error_code ec;
    std::vector<fs::directory_entry> entries;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(*it);
    if (ec) return Fail(dir, ec.value());
    std::sort(entries.begin(), entries.end(),
              [](const fs::directory_entry& a, const fs::directory_entry& b) { return a.path() < b.path(); });
    for (const fs::directory_entry& e : entries) {
      const std::string name = e.path().filename().string();
      // Hidden entries (.git, .github, .gitlab-ci.yml, an editor's swap file) are not the export's.
      if (name.empty() || name[0] == '.') continue;
      const std::string relative = e.path().lexically_relative(root_).generic_string();
      if (Excluded(exclude_, relative, name)) continue;
      std::error_code status_ec;
      const fs::file_status own = e.symlink_status(status_ec);
      const fs::file_status target = fs::status(e.path(), status_ec);
      if (fs::is_directory(target)) {
        Dir(e.path(), inside);  // a linked directory too: followed, a loop an error
        continue;
      }
      if (!IsExportName(e.path())) continue;
      // An input the directory names but that is no file to read is an
      // error, never skipped: skipping it would make its records look gone.
      if (fs::is_regular_file(target)) {
        found_.push_back(e.path().generic_string());
        continue;
      }
      ++not_files_;
      if (fs::is_symlink(own) && !fs::exists(target)) diags_.Add(Code::BrokenLink, e.path().generic_string(), 0, 0);
      else diags_.Add(Code::NotAFile, e.path().generic_string(), 0, 0);
    }
  }

  void Fail(const fs::path& dir, int error) {
    error_ = true;
    diags_.AddLocalized(Code::Unreadable, dir.generic_string(), 0, 0, {OsErrorJa(error)},
                        {std::generic_category().message(error)});
  }

  const std::string& root_;
  const std::vector<std::string>& exclude_;
  Diagnostics& diags_;
  std::vector<std::string> found_;
  std::set<std::pair<uintmax_t, uintmax_t>> visited_;
  size_t not_files_ = 0;
  bool error_ = false;
};

}  // namespace

std::vector<std::string> ExpandInputs(const std::vector<std::string>& args, Diagnostics& diags,
                                      const std::vector<std::string>& exclude) {
  std::vector<std::string> out;
  for (const std::string& arg : args) {
    std::error_code ec;
    if (arg == "-" || !fs::is_directory(arg, ec)) {
      out.push_back(arg);
      continue;
    }
    std::vector<std::string> found = Walk(arg, exclude, diags).Run();
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

}  // namespace rurume
