#pragma once
// Runs the built `wijksim` binary as a child process in a scratch directory and captures
// its exit code, stdout and stderr. POSIX fork/exec: the tests need real signals and exit
// codes, which std::system would blur through a shell.
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace wijksim::test {

struct CliResult {
  int exit_code = -1;   // 128 + n when killed by signal n
  std::string out;      // stdout
  std::string err;      // stderr
};

// A fresh empty directory under the system temp dir, removed on destruction.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& tag);
  ~ScratchDir();
  const std::filesystem::path& path() const { return path_; }
  // Names of the entries directly inside (sorted), e.g. to check nothing was created.
  std::vector<std::string> entries() const;

 private:
  std::filesystem::path path_;
};

// Starts wijksim with `args` in `cwd`; stdout/stderr go to files in `cwd`/.cli-<n>.
// `max_file_bytes` > 0 sets the child's RLIMIT_FSIZE (SIGXFSZ ignored): every write that
// would grow a file past it fails with EFBIG, a full disk that needs no mount (test seam).
class CliProcess {
 public:
  CliProcess(const std::vector<std::string>& args, const std::filesystem::path& cwd, long max_file_bytes = 0);
  pid_t pid() const { return pid_; }
  bool exited();     // true once the child has ended (reaps it; wait() still reports it)
  CliResult wait();  // blocks until exit

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
  std::filesystem::path out_file_, err_file_;
};

// Start and wait.
CliResult run_cli(const std::vector<std::string>& args, const std::filesystem::path& cwd, long max_file_bytes = 0);

std::string read_file(const std::filesystem::path& path);
std::filesystem::path source_path(const std::string& relative);  // under WIJKSIM_SOURCE_DIR

}  // namespace wijksim::test
