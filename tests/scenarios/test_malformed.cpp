// Every file in malformed/ must fail to load with the message its first line promises
// (`# expect: <substring>`), with a file:line:column position. The CLI tests run
// `wijksim validate` on the same files and expect exit code 2.
#include <filesystem>
#include <fstream>
#include <regex>

#include "scenario_fixtures.hpp"

using namespace wijksim::scenarios;
using namespace wijksim::scenarios::test;
namespace fs = std::filesystem;

TEST_CASE("each malformed scenario fails with its expected message", "[scenarios][malformed]") {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(source_path("tests/scenarios/malformed"))) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 24);
  for (const auto& file : files) {
    INFO(file.filename().string());
    std::ifstream in(file, std::ios::binary);
    std::string first_line;
    std::getline(in, first_line);
    const std::string prefix = "# expect: ";
    REQUIRE(first_line.rfind(prefix, 0) == 0);
    const std::string expected = first_line.substr(prefix.size());
    REQUIRE_FALSE(expected.empty());
    std::string message;
    try {
      load_scenario_file(file.string());
    } catch (const ScenarioError& e) {
      message = e.what();
    }
    CHECK_THAT(message, Catch::Contains(expected));
    // file:line:column, with the path as given.
    CHECK(std::regex_search(message, std::regex(std::regex_replace(file.string(), std::regex(R"([.^$|()\[\]{}*+?\\])"),
                                                                   R"(\$&)") + R"(:\d+:\d+: )")));
  }
}
