#pragma once
// StreamedFile: a result file written in blocks while a run goes (timeseries.csv,
// providers.csv). Writers append rows to text(); write_if_full() sends them once 64 KiB are
// pending (one syscall per week would dominate short weeks of small cities); close() writes
// the rest, closes and fsyncs. Every step is checked: a failure is a wijksim::AtomicFileError
// naming the file (models/src/output/checked_file.hpp).
#include <filesystem>
#include <fstream>
#include <string>

namespace wijksim::output {

class StreamedFile {
 public:
  explicit StreamedFile(const std::filesystem::path& path);
  std::string& text() { return buffer_; }
  void write_if_full();
  void close();

 private:
  std::filesystem::path path_;
  std::ofstream out_;
  std::string buffer_;
};

}  // namespace wijksim::output
