// `rurume-audit mail`: the nightly script's day directory sent as mail
// (report/mail.h): the messages built, then each written to `sendmail -t -i`
// (the interface every Debian MTA provides) or, with --dry-run, to DIR as
// .eml files.
#include "cli/commands.h"

#include "base/os_error.h"
#include "report/mail.h"
#include "report/output.h"
#include "report/report.h"
#include "text/escape.h"

#include <fmt/format.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace rurume {

namespace {

namespace fs = std::filesystem;

std::optional<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::optional<nlohmann::json> ReadJson(const fs::path& path) {
  auto text = ReadFile(path);
  if (!text) return std::nullopt;
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  return j;
}

/// The night in `dir` (REPORT_DIR/2026-11-24, or REPORT_DIR/2026-11-24.untrusted); why not, when it cannot be read.
std::optional<Night> LoadNight(const std::string& dir, Lang lang, std::string& why) {
  const bool ja = lang == Lang::Ja;
  Night night;
  night.dir = dir;
  std::string name = fs::path(dir).lexically_normal().filename().string();
  if (name.empty()) name = fs::path(dir).lexically_normal().parent_path().filename().string();
  const std::string untrusted = ".untrusted";
  night.trusted = !(name.size() > untrusted.size() && name.compare(name.size() - untrusted.size(), untrusted.size(), untrusted) == 0);
  night.day = night.trusted ? name : name.substr(0, name.size() - untrusted.size());
  auto summary = ReadFile(fs::path(dir) / "summary.txt");
  if (!summary) {
    why = ja ? fmt::format("{}/summary.txt を読めません (夜間のスクリプトの日付のディレクトリを指定してください)", dir)
             : fmt::format("cannot read {}/summary.txt (give the nightly script's directory of the day)", dir);
    return std::nullopt;
  }
  night.summary = *summary;
  const fs::path facilities = fs::path(dir) / "facilities";
  night.report = ReadJson(fs::path(dir) / "report.json");
  if (!night.report) night.report = ReadJson(facilities / "all.json");
  if (night.trusted && !night.report) {
    why = ja ? fmt::format("{}/report.json を読めません", dir) : fmt::format("cannot read {}/report.json", dir);
    return std::nullopt;
  }
  // (all.html only when there is no report.html: the night that could not be trusted)
  auto html = ReadFile(fs::path(dir) / "report.html");
  if (!html) html = ReadFile(facilities / "all.html");
  night.report_html = html.value_or("");
  std::error_code ec;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(facilities, ec))
    if (e.path().extension() == ".json" && e.path().stem() != "all") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    auto report = ReadJson(f);
    if (!report || !(*report)["facility"].is_string()) {
      why = ja ? fmt::format("{} を読めません", f.string()) : fmt::format("cannot read {}", f.string());
      return std::nullopt;
    }
    Night::Facility facility;
    facility.id = (*report)["facility"].get<std::string>();
    facility.report = std::move(*report);
    fs::path stem = f;
    facility.text = ReadFile(stem.replace_extension(".txt")).value_or("");
    facility.html = ReadFile(stem.replace_extension(".html")).value_or("");
    night.facilities.push_back(std::move(facility));
  }
  return night;
}

std::string HostName() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0 || !host[0]) return "localhost";
  return host;
}

/// Runs `sendmail -t -i` with `message` on its standard input; empty, or why it failed.
std::string Send(const std::string& sendmail, const std::string& message, Lang lang) {
  const bool ja = lang == Lang::Ja;
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return ja ? "パイプを作れません" : "cannot create a pipe";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[0], STDIN_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_fds[1]);
  std::string t = "-t", i = "-i";
  char* argv[] = {const_cast<char*>(sendmail.c_str()), t.data(), i.data(), nullptr};
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, sendmail.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[0]);
  if (spawned != 0) {
    close(pipe_fds[1]);
    return ja ? fmt::format("{} を実行できません ({})", sendmail, OsErrorJa(spawned))
              : fmt::format("cannot run {}: {}", sendmail, std::strerror(spawned));
  }
  // A sendmail that stops reading must not kill us: SIGPIPE is ignored while writing.
  struct sigaction ignore {}, old {};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGPIPE, &ignore, &old);
  bool written = true;
  for (size_t at = 0; at < message.size();) {
    const ssize_t n = write(pipe_fds[1], message.data() + at, message.size() - at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      written = false;
      break;
    }
    at += static_cast<size_t>(n);
  }
  close(pipe_fds[1]);
  sigaction(SIGPIPE, &old, nullptr);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && written) return {};
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
    return ja ? fmt::format("{} がありません", sendmail) : fmt::format("{} is not there", sendmail);
  if (WIFEXITED(status))
    return ja ? fmt::format("{} が終了ステータス {} で終わりました", sendmail, WEXITSTATUS(status))
              : fmt::format("{} exited with status {}", sendmail, WEXITSTATUS(status));
  return ja ? fmt::format("{} が異常終了しました", sendmail) : fmt::format("{} ended abnormally", sendmail);
}

}  // namespace

int RunMail(const MailOptions& o, std::ostream& out, std::ostream& err) {
  const bool ja = o.lang == Lang::Ja;
  Diagnostics diags;
  auto recipients = LoadRecipients(o.recipients, diags);
  for (const Diagnostic& d : diags.all()) err << DiagnosticLine(d, o.lang);
  if (!recipients) return kExitUntrusted;
  std::string why;
  auto night = LoadNight(o.day_dir, o.lang, why);
  if (!night) {
    err << "rurume-audit: " << EscapeControls(why) << "\n";
    return kExitUntrusted;
  }
  if (night->trusted)
    for (const Recipients::Facility& f : recipients->facilities)
      if (std::none_of(night->facilities.begin(), night->facilities.end(), [&](const Night::Facility& n) { return n.id == f.id; })) {
        Diagnostics warning;
        warning.Add(Code::RecipientsUnknownFacility, recipients->file, f.line, f.column, {f.id});
        if (!o.quiet) err << DiagnosticLine(warning.all()[0], o.lang);
      }
  const std::vector<Mail> mails = NightlyMails(*night, *recipients, o.lang);
  const std::time_t now = o.now ? *o.now : std::time(nullptr);
  const std::string host = HostName();
  size_t sent = 0, failed = 0;
  if (!o.dry_run.empty()) {
    std::error_code ec;
    fs::create_directories(o.dry_run, ec);
  }
  for (size_t k = 0; k < mails.size(); ++k) {
    const Mail& m = mails[k];
    const std::string who = m.facility.empty() ? "secretariat" : m.facility;
    const std::string id = fmt::format("<rurume-audit.{}.{}.{}.{}@{}>", night->day, who, now, getpid(), host);
    const std::string message = RenderMail(m, MailDate(now), id);
    std::string problem;
    if (!o.dry_run.empty()) {
      const fs::path path = fs::path(o.dry_run) / fmt::format("{:02}-{}.eml", k + 1, FacilityFileName(who));
      WriteOptions how;
      how.lang = o.lang;
      problem = WriteReportFile(path.string(), message, how);
    } else {
      problem = Send(o.sendmail, message, o.lang);
    }
    if (problem.empty()) {
      ++sent;
      continue;
    }
    ++failed;
    err << fmt::format(ja ? "rurume-audit: {} へのメールを送れませんでした: {}\n" : "rurume-audit: the message to {} was not sent: {}\n",
                       m.facility.empty() ? std::string(ja ? "事務局" : "the secretariat") : m.facility, EscapeControls(problem));
  }
  if (!o.quiet) {
    const std::string unsent = failed == 0 ? "" : fmt::format(ja ? " ({} 通は送れませんでした)" : " ({} not sent)", failed);
    if (!o.dry_run.empty())
      out << fmt::format(ja ? "rurume-audit: {} 通のメールを {} に書きました{}\n" : "rurume-audit: wrote {} message(s) to {}{}\n",
                         sent, EscapeControls(o.dry_run), unsent);
    else
      out << fmt::format(ja ? "rurume-audit: {} 通のメールを送りました{}\n" : "rurume-audit: sent {} message(s){}\n", sent, unsent);
  }
  return failed ? kExitNotSent : kExitOk;
}

}  // namespace rurume
