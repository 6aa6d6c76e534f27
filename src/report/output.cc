#include "report/output.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace rurume {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTempMark = ".rurume-tmp.";

/// "ja" or "en" text by the language.
std::string Pick(Lang lang, std::string ja, std::string en) {
  return lang == Lang::Ja ? std::move(ja) : std::move(en);
}

std::string SystemError(Lang lang, const std::string& path, int error) {
  return Pick(lang, fmt::format("{} に書き込めません: {}", path, std::strerror(error)),
              fmt::format("cannot write {}: {}", path, std::strerror(error)));
}

/// Writes all of `content` to `fd`; 0, or the errno of the failure.
int WriteAll(int fd, const std::string& content) {
  const char* p = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t n = write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    if (n == 0) return EIO;
    p += n;
    left -= static_cast<size_t>(n);
  }
  return 0;
}

/// Whether `id` is one of the run's inputs.
bool IsInput(const WriteOptions& o, const FileId& id) {
  return std::find(o.inputs.begin(), o.inputs.end(), id) != o.inputs.end();
}

std::string SameAsInput(Lang lang, const std::string& path) {
  return Pick(lang,
              fmt::format("{} は入力ファイルです。レポートで入力を上書きしないよう、別の出力先を指定してください", path),
              fmt::format("{} is an input file: the report would overwrite it; choose another output", path));
}

/// A device, FIFO or socket: opened and written as it is, never replaced.
std::string WriteInPlace(const std::string& path, const std::string& content, const WriteOptions& o) {
  int fd = open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return SystemError(o.lang, path, errno);
  int error = WriteAll(fd, content);
  if (close(fd) != 0 && error == 0) error = errno;
  return error == 0 ? std::string() : SystemError(o.lang, path, error);
}

/// The descriptor a path names when it is one of this process's own
/// (/dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N), or -1. Such a
/// path is written through the descriptor: `-o /dev/stdout >>log` appends
/// to log, as the shell arranged, instead of replacing it.
int OwnDescriptor(const std::string& path) {
  if (path == "/dev/stdout") return STDOUT_FILENO;
  if (path == "/dev/stderr") return STDERR_FILENO;
  for (std::string_view prefix : {"/dev/fd/", "/proc/self/fd/"}) {
    if (path.rfind(prefix, 0) != 0) continue;
    const std::string digits = path.substr(prefix.size());
    if (digits.empty() || digits.size() > 6 || !std::all_of(digits.begin(), digits.end(), ::isdigit)) return -1;
    return std::stoi(digits);
  }
  return -1;
}

}  // namespace

std::optional<FileId> IdOf(const std::string& path) {
  struct stat st;
  if (path.empty() || path == "-" || stat(path.c_str(), &st) != 0) return std::nullopt;
  return FileId{st.st_dev, st.st_ino};
}

std::string TempNameOf(const std::string& name, long pid) {
  return fmt::format(".{}{}{}", name, kTempMark, pid);
}

size_t RemoveStaleTemps(const std::string& dir) {
  std::error_code ec;
  size_t removed = 0;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const size_t mark = name.rfind(kTempMark);
    if (name.empty() || name[0] != '.' || mark == std::string::npos || mark < 2) continue;
    const std::string digits = name.substr(mark + kTempMark.size());
    if (digits.empty() || digits.size() > 9 || !std::all_of(digits.begin(), digits.end(), ::isdigit)) continue;
    const long pid = std::stol(digits);
    if (pid <= 0 || pid == static_cast<long>(getpid())) continue;
    if (kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // its run may still be writing
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec) || it->is_symlink(type_ec)) continue;
    if (unlink(it->path().c_str()) == 0) ++removed;
  }
  return removed;
}

std::string WriteReportFile(const std::string& path, const std::string& content, const WriteOptions& o) {
  const Lang lang = o.lang;
  fs::path target(path);
  mode_t mode = o.personal ? 0600 : 0666;  // a new file: the umask applies
  bool existing = false;
  struct stat st;
  if (const int fd = OwnDescriptor(path); fd >= 0) {
    if (fstat(fd, &st) != 0) return SystemError(lang, path, errno);
    if (IsInput(o, FileId{st.st_dev, st.st_ino})) return SameAsInput(lang, path);
    const int error = WriteAll(fd, content);
    return error == 0 ? std::string() : SystemError(lang, path, error);
  }
  if (stat(path.c_str(), &st) == 0) {
    if (IsInput(o, FileId{st.st_dev, st.st_ino})) return SameAsInput(lang, path);
    if (S_ISDIR(st.st_mode))
      return Pick(lang, fmt::format("{} はディレクトリです。レポートのファイル名を指定してください", path),
                  fmt::format("{} is a directory: give the report's file name", path));
    if (!S_ISREG(st.st_mode)) return WriteInPlace(path, content, o);
    std::error_code ec;
    target = fs::canonical(path, ec);  // through symbolic links: their target is replaced
    if (ec) return SystemError(lang, path, ec.value());
    if (st.st_nlink > 1 && !o.force)
      return Pick(lang,
                  fmt::format("{} には他の名前 (ハードリンク) があり、置き換えると別々のファイルになります。"
                              "別の出力先を指定するか、置き換えてよければ --force を付けてください",
                              path),
                  fmt::format("{} has other hard links, and replacing it would split them: choose another output, "
                              "or give --force to replace it",
                              path));
    if ((st.st_mode & 0222) == 0 && !o.force)
      return Pick(lang,
                  fmt::format("{} は書き込み禁止のファイルです。別の出力先を指定するか、"
                              "置き換えてよければ --force を付けてください",
                              path),
                  fmt::format("{} is read-only: choose another output, or give --force to replace it", path));
    mode = st.st_mode & 07777;
    existing = true;
  } else if (errno != ENOENT) {
    return SystemError(lang, path, errno);
  } else {
    // A link to a file yet to be written: the file is created where it
    // points (through every link of a chain; stat has found no loop).
    struct stat lst;
    for (int hops = 0; hops < 40 && lstat(target.c_str(), &lst) == 0 && S_ISLNK(lst.st_mode); ++hops) {
      std::error_code ec;
      fs::path to = fs::read_symlink(target, ec);
      if (ec) return SystemError(lang, path, ec.value());
      target = to.is_absolute() ? to : target.parent_path() / to;
    }
  }
  const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  RemoveStaleTemps(dir.string());
  const std::string tmp = (dir / TempNameOf(target.filename().string(), static_cast<long>(getpid()))).string();
  unlink(tmp.c_str());  // this process's own, from an earlier report of the same name
  int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, existing ? 0600 : mode);
  if (fd < 0) return SystemError(lang, path, errno);
  int error = WriteAll(fd, content);
  if (error == 0 && existing) {
    if (fchmod(fd, mode) != 0) error = errno;
    // Another owner's report keeps its owner as far as this user may.
    if (fchown(fd, st.st_uid, st.st_gid) != 0 && errno != EPERM) error = errno;
  }
  if (error == 0 && fsync(fd) != 0) error = errno;
  if (close(fd) != 0 && error == 0) error = errno;
  if (error == 0 && std::rename(tmp.c_str(), target.c_str()) != 0) error = errno;
  if (error != 0) {
    unlink(tmp.c_str());
    return SystemError(lang, path, error);
  }
  return {};
}

std::string CheckOutputPaths(const std::vector<std::string>& outputs, const std::vector<std::string>& input_files,
                             Lang lang) {
  std::vector<std::pair<std::string, std::optional<FileId>>> inputs;
  for (const std::string& in : input_files) inputs.emplace_back(in, IdOf(in));
  std::vector<std::pair<fs::path, std::optional<FileId>>> seen;
  for (const std::string& out : outputs) {
    std::optional<FileId> id = IdOf(out);
    for (const auto& [in, in_id] : inputs)
      if (id && in_id && *id == *in_id)
        return Pick(lang,
                    fmt::format("--output {} は入力ファイル {} と同じファイルです。"
                                "レポートで入力を上書きしないよう、別の出力先を指定してください",
                                out, in),
                    fmt::format("--output {} is the input file {}: the report would overwrite it; choose another "
                                "output",
                                out, in));
    std::error_code ec;
    fs::path resolved = fs::weakly_canonical(fs::absolute(out, ec), ec);
    if (ec) resolved = fs::absolute(out, ec).lexically_normal();
    for (size_t j = 0; j < seen.size(); ++j)
      if (seen[j].first == resolved || (id && seen[j].second && *id == *seen[j].second))
        return Pick(lang,
                    fmt::format("--output {} と --output {} は同じファイルです。レポートごとに別の出力先を指定してください",
                                outputs[j], out),
                    fmt::format("--output {} and --output {} are one file: give each report its own output",
                                outputs[j], out));
    seen.emplace_back(resolved, id);
  }
  return {};
}

}  // namespace rurume
