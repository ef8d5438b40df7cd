// file_under(): only regular files inside the results folder, whatever the request text.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "serve/request_path.hpp"

namespace fs = std::filesystem;
using wijksim::serve::file_under;

namespace {
struct Folder {
  fs::path top = fs::temp_directory_path() / ("wijksim-serve-paths-" + std::to_string(::getpid()));
  fs::path root = top / "results";
  Folder() {
    fs::remove_all(top);
    fs::create_directories(root / "run1");
    std::ofstream(root / "run1" / "run.json") << "{}";
    std::ofstream(root / "run1" / ".hidden") << "x";
    std::ofstream(top / "secret.txt") << "secret";
    fs::create_symlink(top / "secret.txt", root / "run1" / "out-file");
    fs::create_symlink(top, root / "out-dir");
    fs::create_symlink(root / "run1" / "run.json", root / "run1" / "in-link");  // stays inside: allowed
  }
  ~Folder() { fs::remove_all(top); }
};
}  // namespace

TEST_CASE("a file inside the results folder is served, by its resolved path") {
  Folder f;
  const auto file = file_under(f.root, "run1/run.json", "/results/run1/run.json");
  REQUIRE(file);
  CHECK(*file == fs::canonical(f.root / "run1" / "run.json"));
  CHECK(file_under(f.root, "run1/in-link", "/results/run1/in-link") == fs::canonical(f.root / "run1" / "run.json"));
}

TEST_CASE("nothing outside the results folder, nor anything odd inside it") {
  Folder f;
  const std::string secret = (f.top / "secret.txt").string();
  // (relative path as decoded once, raw target as sent)
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"../secret.txt", "/results/../secret.txt"},
      {"run1/../../secret.txt", "/results/run1/../../secret.txt"},
      {"run1/./run.json", "/results/run1/./run.json"},
      {"run1//run.json", "/results/run1//run.json"},
      {secret, "/results/" + secret},
      {secret.substr(1), "/results/" + secret},  // the raw target still has the double slash
      {"/etc/passwd", "/results//etc/passwd"},
      {"../secret.txt", "/results/%2e%2e/secret.txt"},
      {"run1/run.json", "/results/run1%2frun.json"},   // an encoded separator is refused even when harmless
      {"%2e%2e/secret.txt", "/results/%252e%252e/secret.txt"},
      {"..\\secret.txt", "/results/..%5csecret.txt"},
      {"run1\\run.json", "/results/run1\\run.json"},
      {std::string("run1/run.json") + '\0', "/results/run1/run.json%00"},
      {"run1/run.json\n", "/results/run1/run.json%0a"},
      {"run1/.hidden", "/results/run1/.hidden"},
      {"run1/out-file", "/results/run1/out-file"},
      {"out-dir/secret.txt", "/results/out-dir/secret.txt"},
      {"run1", "/results/run1"},                       // a folder is not a file
      {"", "/results/"},
      {"run1/missing", "/results/run1/missing"},
      {"c:/secret.txt", "/results/c:/secret.txt"},
  };
  for (const auto& [relative, raw] : refused) {
    INFO(raw);
    CHECK_FALSE(file_under(f.root, relative, raw));
  }
}

TEST_CASE("plain names: what the server makes, nothing that walks") {
  using wijksim::serve::plain_name;
  for (const char* ok : {"20261202-031500", "20261202-031500-2", "brief-nl.html", "results.sqlite"}) CHECK(plain_name(ok));
  for (const char* bad : {"", ".", "..", ".hidden", "a..b", "a/b", "a\\b", "a b", "a%2e", "name."}) {
    INFO(bad);
    CHECK_FALSE(plain_name(bad));
  }
}
