// file_under(): the one gate between a request and the file system (request_path.hpp).
// The text is checked first (so nothing odd reaches the file system), then the resolved
// path (so a symlink inside the folder cannot lead out of it).
#include "serve/request_path.hpp"

#include <algorithm>
#include <cctype>

namespace wijksim::serve {
namespace {

bool odd_text(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f || c == '\\' || c == '%' || c == ':';
  });
}

// The raw target may carry the encodings of '.', '/' and '\' (also double-encoded:
// "%252e" is "%2e" after one decoding); none is needed by any link the server makes.
bool encoded_separator(const std::string& raw) {
  std::string lower(raw.size(), ' ');
  std::transform(raw.begin(), raw.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* bad : {"%2e", "%2f", "%5c", "%25", "%00", "..", "\\"})
    if (lower.find(bad) != std::string::npos) return true;
  return false;
}

bool inside(const std::filesystem::path& root, const std::filesystem::path& p) {
  auto r = root.begin(), q = p.begin();
  for (; r != root.end(); ++r, ++q)
    if (q == p.end() || *q != *r) return false;
  return true;
}

}  // namespace

bool plain_name(const std::string& name) {
  if (name.empty() || name.size() > 200 || name.front() == '.' || name.back() == '.') return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') continue;
    if (c == '.' && name[i - 1] != '.') continue;
    return false;
  }
  return true;
}

std::optional<std::filesystem::path> file_under(const std::filesystem::path& root, const std::string& relative,
                                                const std::string& raw_target) {
  namespace fs = std::filesystem;
  if (relative.empty() || relative.front() == '/' || odd_text(relative) || encoded_separator(raw_target))
    return std::nullopt;
  fs::path rel;
  size_t start = 0;
  while (start <= relative.size()) {
    const size_t slash = std::min(relative.find('/', start), relative.size());
    const std::string segment = relative.substr(start, slash - start);
    if (!plain_name(segment)) return std::nullopt;  // also "", ".", "..", ".hidden"
    rel /= segment;
    start = slash + 1;
  }
  std::error_code ec;
  const fs::path real_root = fs::canonical(root, ec);
  if (ec) return std::nullopt;
  const fs::path real = fs::canonical(real_root / rel, ec);
  if (ec || !inside(real_root, real) || !fs::is_regular_file(real, ec)) return std::nullopt;
  return real;
}

}  // namespace wijksim::serve
