// StreamedFile (wijksim/output/streamed_file.hpp).
#include "wijksim/output/streamed_file.hpp"

#include "checked_file.hpp"

namespace wijksim::output {

StreamedFile::StreamedFile(const std::filesystem::path& path)
    : path_(path), out_(path, std::ios::binary | std::ios::trunc) {
  detail::open_checked(out_, path_);
}

void StreamedFile::write_if_full() {
  if (buffer_.size() < (1u << 16)) return;
  detail::write_checked(out_, buffer_, path_);
  buffer_.clear();
}

void StreamedFile::close() {
  detail::write_checked(out_, buffer_, path_);
  buffer_.clear();
  detail::close_checked(out_, path_);
}

}  // namespace wijksim::output
