// Atomic output directories: write into DIR.tmp-<pid>, rename to DIR when complete.
#include "wijksim/output/run_directory.hpp"

#include "wijksim/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include <fstream>
#include <system_error>

namespace wijksim::output {

namespace fs = std::filesystem;

OutputExistsError::OutputExistsError(const fs::path& dir)
    : std::runtime_error(dir.string() + ": output directory exists; choose another --out or pass --force to replace it") {}

fs::path default_run_directory(std::string_view scenario_name, std::time_t start) {
  std::string name;
  for (char c : scenario_name) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                      c == '_' || c == '-';
    name += safe ? c : '_';
  }
  if (name.empty() || name == "." || name == "..") name = "scenario";
  std::tm tm{};
  localtime_r(&start, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
  return fs::path("results") / (name + "-" + stamp);
}

void check_output_directory(const fs::path& dir, bool force) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(dir, ec)) && !force) throw OutputExistsError(dir);
}

namespace {
fs::path sibling(const fs::path& dir, const char* tag) {
  fs::path clean = dir;
  if (!clean.has_filename()) clean = clean.parent_path();  // "out/" -> "out"
  return clean.parent_path() / (clean.filename().string() + tag + std::to_string(::getpid()));
}
}  // namespace

RunDirectory::RunDirectory(fs::path final_dir, bool force, bool numbered)
    : final_(std::move(final_dir)), force_(force && !numbered), numbered_(numbered) {
  if (!final_.has_filename()) final_ = final_.parent_path();
  if (!numbered_) check_output_directory(final_, force_);
  temp_ = sibling(final_, ".tmp-");
  std::error_code ec;
  fs::remove_all(temp_, ec);  // a leftover of an earlier process with the same pid
  if (!final_.parent_path().empty()) fs::create_directories(final_.parent_path());
  fs::create_directory(temp_);
}

RunDirectory::~RunDirectory() { discard(); }

void RunDirectory::discard() noexcept {
  if (done_) return;
  done_ = true;
  std::error_code ec;
  fs::remove_all(temp_, ec);
}

void RunDirectory::commit() {
  if (done_) throw std::logic_error("RunDirectory::commit after commit or discard");
  std::error_code ec;
  if (numbered_) {
    // DIR, DIR-2, DIR-3, ...: the first name nobody holds. RENAME_NOREPLACE makes the
    // check and the rename one step; where the file system lacks it, check then rename.
    for (int n = 1; n <= 10000; ++n) {
      const fs::path candidate =
          n == 1 ? final_ : final_.parent_path() / (final_.filename().string() + "-" + std::to_string(n));
      if (::renameat2(AT_FDCWD, temp_.c_str(), AT_FDCWD, candidate.c_str(), RENAME_NOREPLACE) == 0) {
        final_ = candidate;
        done_ = true;
        return;
      }
      const int err = errno;
      if (err == EEXIST || err == ENOTEMPTY) continue;
      if (err != EINVAL && err != ENOSYS)
        throw fs::filesystem_error("cannot rename the finished run", temp_, candidate, std::error_code(err, std::generic_category()));
      if (fs::exists(fs::symlink_status(candidate, ec))) continue;
      fs::rename(temp_, candidate);
      final_ = candidate;
      done_ = true;
      return;
    }
    throw OutputExistsError(final_.string() + "-10000");
  }
  fs::path aside;
  if (fs::exists(fs::symlink_status(final_, ec))) {
    if (!force_) throw OutputExistsError(final_);  // appeared while we were running
    aside = sibling(final_, ".old-");
    fs::remove_all(aside, ec);
    fs::rename(final_, aside);
  }
  fs::rename(temp_, final_);
  done_ = true;
  if (!aside.empty()) fs::remove_all(aside, ec);
}

void write_text_file(const fs::path& path, std::string_view text) {
  AtomicFile out(path);  // temporary name, checked writes and close, fsync, rename
  out.stream().write(text.data(), static_cast<std::streamsize>(text.size()));
  out.commit();
}

}  // namespace wijksim::output
