#pragma once
// An output directory that appears complete or not at all.
//
// Files are written into a temporary sibling `DIR.tmp-<pid>`; commit() renames it to DIR.
// If the run fails or is interrupted, the destructor removes the temporary directory, so
// nothing that looks like a finished result is left behind. Rejected alternative: writing
// into DIR directly with a "complete" marker file — every reader would have to know about
// the marker, and a half-written DIR would still look like a result to a person.
#include <ctime>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace wijksim::output {

// DIR exists and --force was not given: bad input, detected before anything is created.
class OutputExistsError : public std::runtime_error {
 public:
  explicit OutputExistsError(const std::filesystem::path& dir);
};

// `results/<scenario-name>-<YYYYmmdd-HHMMSS>` (local time), relative to the working
// directory. Characters other than [A-Za-z0-9._-] in the name become '_'.
std::filesystem::path default_run_directory(std::string_view scenario_name, std::time_t start);

// Throws OutputExistsError when `dir` exists and `force` is false. Creates nothing.
void check_output_directory(const std::filesystem::path& dir, bool force);

class RunDirectory {
 public:
  // Creates the parent directories and the empty temporary directory. `numbered` (the
  // default directory of `run`, no --out): when DIR exists at commit the result goes to the
  // first free DIR-2, DIR-3, ..., claimed atomically (renameat2 RENAME_NOREPLACE), so two
  // runs of one scenario in the same second never collide or fail.
  RunDirectory(std::filesystem::path final_dir, bool force, bool numbered = false);
  ~RunDirectory();  // removes the temporary directory unless committed
  RunDirectory(const RunDirectory&) = delete;
  RunDirectory& operator=(const RunDirectory&) = delete;

  // Where files go while the run is in progress.
  const std::filesystem::path& temp_path() const { return temp_; }
  const std::filesystem::path& final_path() const { return final_; }
  std::filesystem::path file(std::string_view name) const { return temp_ / name; }

  // Renames the temporary directory to the final one; with force, an existing final
  // directory is replaced (moved aside first, removed after the rename succeeded); when
  // numbered, final_path() is then the directory it went to.
  void commit();
  // Removes the temporary directory now (idempotent).
  void discard() noexcept;

 private:
  std::filesystem::path final_;
  std::filesystem::path temp_;
  bool force_ = false;
  bool numbered_ = false;
  bool done_ = false;
};

// Writes `text` to `path` in binary mode through an AtomicFile (temporary name, every write
// and the close checked, fsync, rename): throws wijksim::AtomicFileError naming the path.
void write_text_file(const std::filesystem::path& path, std::string_view text);

}  // namespace wijksim::output
