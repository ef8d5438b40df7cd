// print_pdf (brief.hpp): headless Chromium prints the brief to A4 (the page size comes from
// the brief's @page CSS). Chromium writes to a temporary name beside the target, which is
// renamed only when Chromium succeeded and wrote a PDF, so a failure leaves no PDF.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "brief.hpp"

extern char** environ;

namespace wijksim::report {
namespace {

constexpr int kPrintSeconds = 120;  // a brief prints in 2-8 s on this project's CI machine

// WIJKSIM_CHROMIUM overrides the program (tests point it at a missing one).
std::string chromium_program() {
  const char* env = std::getenv("WIJKSIM_CHROMIUM");
  if (env && *env) return env;
  for (const char* name : {"chromium", "chromium-browser"}) {
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "/usr/bin:/bin");
    std::string dir;
    while (std::getline(dirs, dir, ':'))
      if (!dir.empty() && ::access((dir + "/" + name).c_str(), X_OK) == 0) return dir + "/" + name;
  }
  return "";
}

std::string tail_of(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  return text.size() > 800 ? text.substr(text.size() - 800) : text;
}

}  // namespace

void print_pdf(const std::string& html_path, const std::string& pdf_path) {
  const std::string program = chromium_program();
  if (program.empty() || ::access(program.c_str(), X_OK) != 0)
    throw std::runtime_error("the PDF needs headless Chromium" + (program.empty() ? std::string() : " (" + program + ")") +
                             ", which is not installed: apt-get install chromium");
  namespace fs = std::filesystem;
  const fs::path html = fs::absolute(html_path);
  if (!fs::is_regular_file(html)) throw std::invalid_argument(html_path + ": no such HTML file to print");
  const fs::path target = fs::absolute(pdf_path);
  const fs::path temporary = target.parent_path() / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()));
  // A profile of its own: two prints at once (tests, `wijksim serve`) do not share a lock.
  std::string profile_template = (fs::temp_directory_path() / "wijksim-chromium-XXXXXX").string();
  if (!::mkdtemp(profile_template.data())) throw std::runtime_error("cannot create a temporary Chromium profile folder");
  const fs::path profile = profile_template;
  const fs::path log = profile / "chromium.log";
  std::vector<std::string> args{program,
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--no-first-run",
                                "--user-data-dir=" + profile.string(),
                                "--no-pdf-header-footer",
                                // Virtual time runs the page's scripts (Vega renders on load)
                                // before printing, without waiting in real time.
                                "--virtual-time-budget=20000",
                                "--run-all-compositor-stages-before-draw",
                                "--print-to-pdf=" + temporary.string(),
                                "file://" + html.string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  // A Chromium that hangs (no display, a stuck profile) must not hold `wijksim serve`'s
  // worker for ever: after kPrintSeconds it is killed and the print fails.
  int status = 0;
  bool timed_out = false;
  if (spawned == 0) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kPrintSeconds);
    while (::waitpid(pid, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > deadline) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        timed_out = true;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  const std::string output = tail_of(log);
  std::error_code ec;
  fs::remove_all(profile, ec);
  const bool ok = spawned == 0 && !timed_out && WIFEXITED(status) && WEXITSTATUS(status) == 0 && fs::exists(temporary) &&
                  fs::file_size(temporary, ec) > 0;
  if (!ok) {
    fs::remove(temporary, ec);
    throw std::runtime_error("chromium could not print " + html_path + " to " + pdf_path +
                             (spawned ? " (cannot start " + program + ")" : "") +
                             (timed_out ? " (killed after " + std::to_string(kPrintSeconds) + " s)" : "") +
                             "; its output: " + output);
  }
  fs::rename(temporary, target, ec);
  if (ec) {
    fs::remove(temporary, ec);
    throw std::runtime_error("cannot rename the PDF onto " + pdf_path + ": " + ec.message());
  }
}

}  // namespace wijksim::report
