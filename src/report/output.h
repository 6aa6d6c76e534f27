// Writing a report where the user asked for it, without harm to what is
// there: a device, FIFO or socket is written in place (never replaced by a
// regular file), a symbolic link is written through (its target replaced),
// a regular file is replaced atomically keeping its mode, and a hard-linked
// or read-only report, or an input of the run, is never replaced by mistake.
#pragma once

#include "base/diagnostics.h"

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace rurume {

/// A file's identity: two paths name one file when these are equal.
struct FileId {
  dev_t dev = 0;
  ino_t ino = 0;
  friend bool operator==(const FileId& a, const FileId& b) { return a.dev == b.dev && a.ino == b.ino; }
};
/// The identity of the file `path` names (symbolic links followed), if it exists.
std::optional<FileId> IdOf(const std::string& path);

struct WriteOptions {
  bool force = false;           // --force: replace a hard-linked or read-only report
  bool personal = false;        // --show-personal-info: a new report is created 0600
  std::vector<FileId> inputs;   // the run's inputs: never written
  Lang lang = Lang::Ja;         // the language of the problem returned
};

/// Writes `content` to `path`:
///  - /dev/stdout, /dev/stderr, /dev/fd/N are written through the
///    descriptor itself (appending when the shell opened it so);
///  - a path that exists and is not a regular file (character or block
///    device, FIFO, socket) is opened and written in place;
///  - a symbolic link is resolved and its target written as below;
///  - a regular file is replaced atomically: a temporary file
///    `.NAME.rurume-tmp.PID` in its directory, flushed, then renamed over
///    it, with the old file's mode; it is refused when it has other hard
///    links or no write permission, unless `force`;
///  - a new file is created 0666 & ~umask, 0600 when `personal`.
/// An input of the run is never written. Temporary files that killed runs
/// left in the directory are removed first. Returns an empty string, or
/// what went wrong (in `lang`, with what to do).
std::string WriteReportFile(const std::string& path, const std::string& content, const WriteOptions& options);

/// The name of the temporary file of `name` written by process `pid`.
std::string TempNameOf(const std::string& name, long pid);

/// Removes the temporary files in `dir` (see TempNameOf) of processes that
/// no longer run. Returns how many it removed.
size_t RemoveStaleTemps(const std::string& dir);

/// A usage error (in `lang`) when an output would overwrite one of the
/// inputs (`input_files`, expanded: files, not directories) or two outputs
/// are one file (through `./`, `..`, a symbolic link or a hard link), or an
/// empty string.
std::string CheckOutputPaths(const std::vector<std::string>& outputs, const std::vector<std::string>& input_files,
                             Lang lang);

}  // namespace rurume
