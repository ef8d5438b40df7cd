// docs/validation.md against the model: the table rows the validation command writes for the
// default city today (years 1 and 10, 3 replications) must be the committed file's rows, so
// the published table cannot go stale when the model or the default city changes
// (regenerate with the command in the file's header). And, hidden until it holds, issue 14's
// acceptance line: every figure in its band in every year 1..10, for each of 3 seeds.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "wijksim/scenarios/calibration.hpp"

namespace fs = std::filesystem;
using namespace wijksim;

namespace {

const fs::path kCalibration = fs::path(WIJKSIM_SOURCE_DIR) / "scenarios/calibration/default-city.yaml";

// The table's lines ("| ..."): the header above them names paths and the command line.
std::vector<std::string> table_rows(const std::string& markdown) {
  std::vector<std::string> rows;
  std::istringstream in(markdown);
  for (std::string line; std::getline(in, line);)
    if (line.rfind("|", 0) == 0) rows.push_back(line);
  return rows;
}

}  // namespace

TEST_CASE("docs/validation.md holds the table the validation command writes for the default city") {
  const scenarios::CalibrationSpec spec = scenarios::load_calibration_file(kCalibration.string());
  const auto rows = scenarios::run_validation(spec, {1, 10}, 3, 2);
  const std::string md = scenarios::validation_markdown(spec, rows, 3, "default", "test");
  std::ifstream file(fs::path(WIJKSIM_SOURCE_DIR) / "docs/validation.md");
  REQUIRE(file);
  std::stringstream committed;
  committed << file.rdbuf();
  const auto want = table_rows(md), have = table_rows(committed.str());
  REQUIRE(want.size() == spec.targets.size() + 2);  // header, separator, one row per target
  INFO("regenerate: build/bin/wijksim validation scenarios/calibration/default-city.yaml --years 1,10 "
       "--out-md docs/validation.md");
  CHECK(have == want);
}

TEST_CASE("default city: every validation figure in its band in years 1..10, each of 3 seeds (open)",
          "[issue14][.open]") {
  const scenarios::CalibrationSpec spec = scenarios::load_calibration_file(kCalibration.string());
  const std::vector<uint32_t> years{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  const auto rows = scenarios::run_validation(spec, years, 3, 2);
  for (const auto& row : rows)
    for (size_t y = 0; y < years.size(); ++y) {
      INFO(row.target.name << ", year " << years[y] << ": mean " << row.simulated[y]);
      CHECK(row.in_band_every_replication(y));
    }
}
