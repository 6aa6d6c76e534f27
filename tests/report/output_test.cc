// Writing reports (report/output.h): issue 10's output faults. A device or
// FIFO is written in place and stays what it is, a symbolic link's target is
// replaced, a hard-linked or read-only report is refused without --force,
// an input is never written, modes follow the umask (0600 with personal
// information) or stay the existing file's, temporary files of killed runs
// are cleaned.
#include "report/output.h"
#include "../temp_dir.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace rurume;

namespace {

namespace fs = std::filesystem;

/// A temporary directory, removed with everything in it at the end of scope.
struct TempDir : rurume::testing::TempDir {
  TempDir() : rurume::testing::TempDir("rurume-output-test") {}
};

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void Write(const std::string& path, const std::string& bytes) { std::ofstream(path, std::ios::binary) << bytes; }

struct stat Stat(const std::string& path) {
  struct stat st {};
  REQUIRE(lstat(path.c_str(), &st) == 0);
  return st;
}

/// Sets the umask for a scope.
class Umask {
 public:
  explicit Umask(mode_t m) : old_(umask(m)) {}
  ~Umask() { umask(old_); }

 private:
  mode_t old_;
};

WriteOptions En() {
  WriteOptions o;
  o.lang = Lang::En;
  return o;
}

}  // namespace

TEST_CASE("output: a new report is created 0666 & ~umask, 0600 with personal information") {
  TempDir dir;
  {
    Umask u(022);
    CHECK(WriteReportFile(dir / "a.json", "{}\n", En()) == "");
    CHECK((Stat(dir / "a.json").st_mode & 07777) == 0644);
  }
  {
    Umask u(027);
    CHECK(WriteReportFile(dir / "b.json", "{}\n", En()) == "");
    CHECK((Stat(dir / "b.json").st_mode & 07777) == 0640);
    Umask none(0);
    CHECK(WriteReportFile(dir / "c.json", "{}\n", En()) == "");
    CHECK((Stat(dir / "c.json").st_mode & 07777) == 0666);
    WriteOptions personal = En();
    personal.personal = true;
    CHECK(WriteReportFile(dir / "d.json", "{}\n", personal) == "");
    CHECK((Stat(dir / "d.json").st_mode & 07777) == 0600);
  }
  CHECK(Read(dir / "a.json") == "{}\n");
}

TEST_CASE("output: an existing report keeps its mode and is replaced atomically") {
  TempDir dir;
  Write(dir / "r.txt", "old");
  REQUIRE(chmod((dir / "r.txt").c_str(), 0604) == 0);
  const ino_t before = Stat(dir / "r.txt").st_ino;
  Umask u(077);
  CHECK(WriteReportFile(dir / "r.txt", "new", En()) == "");
  CHECK(Read(dir / "r.txt") == "new");
  CHECK((Stat(dir / "r.txt").st_mode & 07777) == 0604);
  CHECK(Stat(dir / "r.txt").st_ino != before);  // a new file renamed over it, not rewritten in place
  // No temporary file is left.
  for (const auto& e : fs::directory_iterator(dir.path()))
    CHECK(e.path().filename().string().find("rurume-tmp") == std::string::npos);
}

TEST_CASE("output: a FIFO is written in place and stays a FIFO") {
  TempDir dir;
  const std::string fifo = dir / "pipe.json";
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  std::string got;
  std::thread reader([&] { got = Read(fifo); });
  CHECK(WriteReportFile(fifo, "through the pipe\n", En()) == "");
  reader.join();
  CHECK(got == "through the pipe\n");
  CHECK(S_ISFIFO(Stat(fifo).st_mode));
}

TEST_CASE("output: a character device is written in place, never replaced by a regular file") {
  // A private node of /dev/null's device (1, 3): the tests run as root. The
  // bug turned /dev/null itself into a regular file.
  TempDir dir;
  const std::string node = dir / "null.json";
  if (mknod(node.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0) {
    MESSAGE("mknod needs root: skipping the device case (" << std::strerror(errno) << ")");
    return;
  }
  CHECK(WriteReportFile(node, "into the device\n", En()) == "");
  const struct stat st = Stat(node);
  CHECK(S_ISCHR(st.st_mode));
  CHECK(st.st_rdev == makedev(1, 3));
  // A device that refuses the bytes is an error, not a success (/dev/full: 1, 7).
  const std::string full = dir / "full.json";
  REQUIRE(mknod(full.c_str(), S_IFCHR | 0666, makedev(1, 7)) == 0);
  CHECK(WriteReportFile(full, "x", En()) == "cannot write " + full + ": No space left on device");
  CHECK(S_ISCHR(Stat(full).st_mode));
}

TEST_CASE("output: a symbolic link is written through: its target is replaced, the link stays") {
  TempDir dir;
  fs::create_directories(dir.path() / "real");
  Write(dir / "real/report.json", "old");
  fs::create_symlink(dir.path() / "real/report.json", dir.path() / "link.json");
  CHECK(WriteReportFile(dir / "link.json", "new", En()) == "");
  CHECK(S_ISLNK(Stat(dir / "link.json").st_mode));
  CHECK(Read(dir / "real/report.json") == "new");
  // A link to a file not yet there creates it where the link points.
  fs::create_symlink(dir.path() / "real/later.json", dir.path() / "later.json");
  CHECK(WriteReportFile(dir / "later.json", "created", En()) == "");
  CHECK(S_ISLNK(Stat(dir / "later.json").st_mode));
  CHECK(Read(dir / "real/later.json") == "created");
}

TEST_CASE("output: a hard-linked or read-only report is refused unless --force") {
  TempDir dir;
  Write(dir / "a.json", "old");
  REQUIRE(link((dir / "a.json").c_str(), (dir / "b.json").c_str()) == 0);
  CHECK(WriteReportFile(dir / "a.json", "new", En()) ==
        dir / "a.json" + " has other hard links, and replacing it would split them: choose another output, or give "
                         "--force to replace it");
  CHECK(Read(dir / "b.json") == "old");
  WriteOptions ja;
  CHECK(WriteReportFile(dir / "a.json", "new", ja).find("--force を付けてください") != std::string::npos);
  WriteOptions force = En();
  force.force = true;
  CHECK(WriteReportFile(dir / "a.json", "new", force) == "");
  CHECK(Read(dir / "a.json") == "new");

  Write(dir / "ro.json", "old");
  REQUIRE(chmod((dir / "ro.json").c_str(), 0444) == 0);
  CHECK(WriteReportFile(dir / "ro.json", "new", En()) ==
        dir / "ro.json" + " is read-only: choose another output, or give --force to replace it");
  CHECK(Read(dir / "ro.json") == "old");
  CHECK(WriteReportFile(dir / "ro.json", "new", force) == "");
  CHECK(Read(dir / "ro.json") == "new");
  CHECK((Stat(dir / "ro.json").st_mode & 07777) == 0444);
}

TEST_CASE("output: an input is never written; two outputs to one file are refused") {
  TempDir dir;
  Write(dir / "export.yaml", "format: rurume-export/1\n");
  fs::create_directories(dir.path() / "sub");
  fs::create_directory_symlink(dir.path() / "sub", dir.path() / "via");
  const std::vector<std::string> inputs{dir / "export.yaml"};
  CHECK(CheckOutputPaths({dir / "r.json", dir / "sub/r.txt"}, inputs, Lang::En) == "");
  CHECK(CheckOutputPaths({dir / "./export.yaml"}, inputs, Lang::En) ==
        "--output " + dir / "./export.yaml" + " is the input file " + dir / "export.yaml" +
            ": the report would overwrite it; choose another output");
  CHECK(CheckOutputPaths({dir / "x.out", dir / "./x.out"}, inputs, Lang::En) ==
        "--output " + dir / "x.out" + " and --output " + dir / "./x.out" +
            " are one file: give each report its own output");
  CHECK(CheckOutputPaths({dir / "sub/x.out", dir / "via/x.out"}, inputs, Lang::En) != "");
  CHECK(CheckOutputPaths({dir / "sub/../x.out", dir / "x.out"}, inputs, Lang::Ja).find("同じファイル") !=
        std::string::npos);
  // A hard link of an input is the input.
  REQUIRE(link((dir / "export.yaml").c_str(), (dir / "hard.yaml").c_str()) == 0);
  CHECK(CheckOutputPaths({dir / "hard.yaml"}, inputs, Lang::En) != "");
  // WriteReportFile itself refuses an input (the --split-by reports).
  WriteOptions o = En();
  o.inputs.push_back(*IdOf(dir / "export.yaml"));
  CHECK(WriteReportFile(dir / "export.yaml", "report", o) ==
        dir / "export.yaml" + " is an input file: the report would overwrite it; choose another output");
  CHECK(Read(dir / "export.yaml") == "format: rurume-export/1\n");
}

TEST_CASE("output: the temporary file of a killed run is recognisable and removed by the next run") {
  TempDir dir;
  // A process that has ended: its pid is free (until reused, which this
  // test cannot prevent, but a just-reaped child's pid is not soon reused).
  pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) _exit(0);
  REQUIRE(waitpid(child, nullptr, 0) == child);
  const std::string stale = dir / TempNameOf("r.json", child);
  CHECK(fs::path(stale).filename().string() == fmt::format(".r.json.rurume-tmp.{}", child));
  Write(stale, "half a rep");
  const std::string live = dir / TempNameOf("s.json", getppid());  // a running process's: kept
  Write(live, "being written");
  Write(dir / ".notes.rurume-tmp.txt", "not ours");
  CHECK(WriteReportFile(dir / "r.json", "whole", En()) == "");
  CHECK(!fs::exists(stale));
  CHECK(fs::exists(live));
  CHECK(fs::exists(dir / ".notes.rurume-tmp.txt"));
  CHECK(Read(dir / "r.json") == "whole");
}
