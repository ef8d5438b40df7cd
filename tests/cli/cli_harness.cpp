// Child-process runner for the CLI tests (see cli_harness.hpp).
#include "cli_harness.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace wijksim::test {

namespace fs = std::filesystem;

ScratchDir::ScratchDir(const std::string& tag) {
  static std::atomic<int> counter{0};
  path_ = fs::temp_directory_path() /
          ("wijksim-cli-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(path_);
  fs::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::vector<std::string> ScratchDir::entries() const {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(path_)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(".cli-", 0) != 0) names.push_back(name);  // our own capture files
  }
  std::sort(names.begin(), names.end());
  return names;
}

CliProcess::CliProcess(const std::vector<std::string>& args, const fs::path& cwd, long max_file_bytes) {
  static std::atomic<int> counter{0};
  const std::string tag = std::to_string(counter++);
  out_file_ = cwd / (".cli-" + tag + ".out");
  err_file_ = cwd / (".cli-" + tag + ".err");
  std::vector<std::string> argv_text{WIJKSIM_CLI_PATH};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    // Child: only async-signal-safe calls until exec.
    if (::chdir(cwd.c_str()) != 0) ::_exit(126);
    const int out = ::open(out_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open(err_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out < 0 || err < 0) ::_exit(126);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(err, STDERR_FILENO);
    if (max_file_bytes > 0) {
      ::signal(SIGXFSZ, SIG_IGN);  // kept across exec: a write past the limit fails with EFBIG
      const struct rlimit limit {static_cast<rlim_t>(max_file_bytes), static_cast<rlim_t>(max_file_bytes)};
      if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(126);
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
}

bool CliProcess::exited() {
  if (!reaped_ && ::waitpid(pid_, &status_, WNOHANG) == pid_) reaped_ = true;
  return reaped_;
}

CliResult CliProcess::wait() {
  while (!reaped_) {
    if (::waitpid(pid_, &status_, 0) == pid_) reaped_ = true;
  }
  const int status = status_;
  CliResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_file(out_file_);
  result.err = read_file(err_file_);
  std::error_code ec;
  fs::remove(out_file_, ec);
  fs::remove(err_file_, ec);
  return result;
}

CliResult run_cli(const std::vector<std::string>& args, const fs::path& cwd, long max_file_bytes) {
  return CliProcess(args, cwd, max_file_bytes).wait();
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

fs::path source_path(const std::string& relative) { return fs::path(WIJKSIM_SOURCE_DIR) / relative; }

}  // namespace wijksim::test
