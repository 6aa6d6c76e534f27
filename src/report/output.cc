#include "report/output.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rurume {

std::string WriteAtomically(const std::string& path, const std::string& content) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::string tmpl = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  int fd = mkstemp(tmpl.data());
  if (fd < 0) return fmt::format("{}: {}", path, std::strerror(errno));
  const char* p = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t n = write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      std::string err = fmt::format("{}: {}", path, std::strerror(errno));
      close(fd);
      unlink(tmpl.c_str());
      return err;
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  fchmod(fd, 0644);
  if (fsync(fd) != 0 || close(fd) != 0 || std::rename(tmpl.c_str(), path.c_str()) != 0) {
    std::string err = fmt::format("{}: {}", path, std::strerror(errno));
    unlink(tmpl.c_str());
    return err;
  }
  return {};
}

}  // namespace rurume
