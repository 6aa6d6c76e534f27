// measure [--repeat K] -- CMD ARGS...: runs CMD K times (default 3) as a child
// process with stdout sent to /dev/null (stderr is kept), and prints for each
// run its wall time (steady_clock) and peak resident set size (wait4's
// ru_maxrss, KiB), then the best time and the largest peak. The last line is
// for scripts:
//
//   summary best_s=0.412345 max_rss_kib=123456 failed_runs=0
//
// Exit status: 0 if every run exited 0, 1 if some run failed, 2 on usage or
// system errors.
//
//   g++ -O2 -std=c++17 measure.cc -o measure

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

struct Run {
  double seconds = 0;
  long max_rss_kib = 0;
  int status = 0;  // as from wait4
};

int Usage() {
  std::fprintf(stderr, "usage: measure [--repeat K] -- CMD ARGS...\n");
  return 2;
}

// Forks, execs argv with stdout on /dev/null, waits. False on system errors.
bool RunOnce(char** argv, Run* run) {
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid < 0) {
    std::perror("measure: fork");
    return false;
  }
  if (pid == 0) {
    const int null = open("/dev/null", O_WRONLY);
    if (null < 0 || dup2(null, STDOUT_FILENO) < 0) _exit(127);
    execvp(argv[0], argv);
    std::fprintf(stderr, "measure: %s: %s\n", argv[0], std::strerror(errno));
    _exit(127);
  }
  struct rusage usage;
  pid_t got;
  do {
    got = wait4(pid, &run->status, 0, &usage);
  } while (got < 0 && errno == EINTR);
  const auto end = std::chrono::steady_clock::now();
  if (got < 0) {
    std::perror("measure: wait4");
    return false;
  }
  run->seconds = std::chrono::duration<double>(end - start).count();
  run->max_rss_kib = usage.ru_maxrss;  // Linux: KiB
  return true;
}

std::string Describe(int status) {
  if (WIFEXITED(status)) return "exit " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "signal " + std::to_string(WTERMSIG(status));
  return "status " + std::to_string(status);
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 3;
  int i = 1;
  for (; i < argc && std::strcmp(argv[i], "--") != 0; ++i) {
    if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) {
      char* end = nullptr;
      repeat = static_cast<int>(std::strtol(argv[++i], &end, 10));
      if (*end != '\0' || repeat < 1) return Usage();
    } else {
      return Usage();
    }
  }
  if (i + 1 >= argc) return Usage();  // no "--" or no command after it
  char** command = argv + i + 1;

  double best = 0;
  long max_rss = 0;
  int failed = 0;
  for (int n = 1; n <= repeat; ++n) {
    Run run;
    if (!RunOnce(command, &run)) return 2;
    const bool ok = WIFEXITED(run.status) && WEXITSTATUS(run.status) == 0;
    if (!ok) ++failed;
    std::printf("run %d: %.6f s, peak RSS %ld KiB, %s\n", n, run.seconds, run.max_rss_kib,
                Describe(run.status).c_str());
    best = n == 1 ? run.seconds : std::min(best, run.seconds);
    max_rss = std::max(max_rss, run.max_rss_kib);
  }
  std::printf("best %.6f s, max peak RSS %ld KiB (%.1f MiB)\n", best, max_rss, max_rss / 1024.0);
  std::printf("summary best_s=%.6f max_rss_kib=%ld failed_runs=%d\n", best, max_rss, failed);
  return failed ? 1 : 0;
}
