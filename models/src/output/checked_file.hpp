#pragma once
// Internal: checked writes for the streaming writers of a run directory (timeseries.csv,
// providers.csv). They write inside RunDirectory's temporary folder, which is renamed to
// the result only when every file is complete, so the folder is the atomic unit; here every
// write and the close are checked and the data fsync'ed before that rename. A failure (a
// full disk, a quota, an I/O error) is a wijksim::AtomicFileError naming the file: exit 1,
// and RunDirectory removes the temporary folder.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "wijksim/atomic_file.hpp"

namespace wijksim::output::detail {

[[noreturn]] inline void throw_write_error(const std::filesystem::path& path, const char* what, int err) {
  throw AtomicFileError(path.string() + ": " + what + (err ? std::string(" (") + std::strerror(err) + ")" : ""));
}

inline void open_checked(std::ofstream& out, const std::filesystem::path& path) {
  if (!out) throw_write_error(path, "cannot create", errno);
}

inline void write_checked(std::ofstream& out, const std::string& buffer, const std::filesystem::path& path) {
  errno = 0;
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  if (!out) throw_write_error(path, "cannot write (disk full?)", errno);
}

// Flush, close and fsync; each step checked.
inline void close_checked(std::ofstream& out, const std::filesystem::path& path) {
  errno = 0;
  out.flush();
  if (!out) throw_write_error(path, "cannot write (disk full?)", errno);
  out.close();
  if (out.fail()) throw_write_error(path, "cannot close (disk full?)", errno);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    const int err = errno;
    if (fd >= 0) ::close(fd);
    throw_write_error(path, "cannot sync", err);
  }
  ::close(fd);
}

}  // namespace wijksim::output::detail
