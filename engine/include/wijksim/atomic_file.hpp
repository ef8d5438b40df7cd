#pragma once
// A file that appears complete or not at all: written under a temporary name in the same
// folder, every write and the close checked, fsync'ed, then renamed over the target.
// A full disk, a quota or an I/O error is an AtomicFileError naming the file, and the
// temporary is removed (also when the writer is destroyed without commit(), e.g. by an
// exception), so nothing that looks complete is left behind.
//
//   AtomicFile out(dir / "runs.csv");
//   out.stream() << ...;        // a std::ostream; failures are caught at commit()
//   out.commit();               // throws AtomicFileError; the target is then unchanged
//
// Header-only (POSIX), for every writer of user-visible files; see docs/TEAM-NOTES.md.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace wijksim {

class AtomicFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path target)
      : target_(std::move(target)), temporary_(temporary_name(target_)) {
    out_.open(temporary_, std::ios::binary | std::ios::trunc);
    if (!out_) fail("cannot create");
  }
  ~AtomicFile() {
    if (committed_) return;
    out_.close();
    std::error_code ec;
    std::filesystem::remove(temporary_, ec);
  }
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return out_; }
  const std::filesystem::path& target() const { return target_; }

  // Flush and close (checked), fsync the data, rename onto the target, fsync the folder.
  void commit() {
    out_.flush();
    if (!out_) fail("cannot write (disk full?)");
    out_.close();
    if (out_.fail()) fail("cannot close (disk full?)");
    const int fd = ::open(temporary_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
      const int err = errno;
      if (fd >= 0) ::close(fd);
      fail("cannot sync", err);
    }
    ::close(fd);
    if (::rename(temporary_.c_str(), target_.c_str()) != 0) fail("cannot rename the temporary file onto", errno);
    committed_ = true;
    const std::filesystem::path folder = target_.parent_path().empty() ? "." : target_.parent_path();
    if (const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
      ::fsync(dir);  // best effort: the rename itself is already visible
      ::close(dir);
    }
  }

 private:
  // `.NAME.tmp-<pid>` beside the target (built step by step: g++ 12 warns -Wrestrict
  // falsely on "." + std::string).
  static std::filesystem::path temporary_name(const std::filesystem::path& target) {
    std::string name(1, '.');
    name += target.filename().string();
    name += ".tmp-";
    name += std::to_string(::getpid());
    return target.parent_path() / name;
  }

  [[noreturn]] void fail(const std::string& what, int err = 0) {
    if (err == 0) err = errno;
    out_.close();
    std::error_code ec;
    std::filesystem::remove(temporary_, ec);
    throw AtomicFileError(target_.string() + ": " + what + (err ? std::string(" (") + std::strerror(err) + ")" : ""));
  }

  std::filesystem::path target_;
  std::filesystem::path temporary_;
  std::ofstream out_;
  bool committed_ = false;
};

}  // namespace wijksim
