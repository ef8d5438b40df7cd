// `extends: base.yaml`: deep merge, replaced lists, cycles, missing bases, and issues
// pointing at the file and line where the bad value was written.
#include <filesystem>
#include <fstream>

#include "scenario_fixtures.hpp"

using namespace wijksim::scenarios;
using namespace wijksim::scenarios::test;
namespace fs = std::filesystem;

namespace {
// A fresh folder per test case, so parallel ctest runs do not collide.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name) {
    path = fs::temp_directory_path() / ("wijksim-test-extends-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path / "sub");
  }
  ~TempDir() { fs::remove_all(path); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return (path / name).string();
  }
};

std::string error_of(const std::string& file) {
  try {
    load_scenario_file(file);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("extends merges maps, the extending file wins, lists are replaced whole", "[scenarios][extends]") {
  TempDir dir("merge");
  dir.write("base.yaml", kMinimal + "weeks: 100\ndebt:\n  weekly_arrears: 30\n  max_debt: 1000\n");
  const std::string child = dir.write("sub/child.yaml", R"(extends: ../base.yaml
name: child
debt:
  max_debt: 2000
population:
  wijken:
    - name: only
      households: 7
)");
  const ScenarioSpec spec = load_scenario_file(child).spec;
  CHECK(spec.name == "child");                     // overridden
  CHECK(spec.weeks == 100);                        // from the base
  CHECK(spec.domains.size() == 2);                 // from the base
  CHECK(spec.debt.weekly_arrears == 30);           // base key inside a merged map
  CHECK(spec.debt.max_debt == 2000);               // child key inside a merged map
  REQUIRE(spec.population.wijken.size() == 1);     // list replaced whole
  CHECK(spec.population.wijken[0].name == "only");
  // Chains: a grandchild extends the child.
  const std::string grandchild = dir.write("sub/grandchild.yaml", "extends: child.yaml\nweeks: 5\n");
  const ScenarioSpec spec3 = load_scenario_file(grandchild).spec;
  CHECK(spec3.weeks == 5);
  CHECK(spec3.name == "child");
  CHECK(spec3.debt.weekly_arrears == 30);
}

TEST_CASE("an issue points at the file and line where the bad value was written", "[scenarios][extends]") {
  TempDir dir("origin");
  const std::string base = dir.write("base.yaml", kMinimal + "debt:\n  weekly_arrears: -3\n");
  const std::string child = dir.write("child.yaml", "extends: base.yaml\nname: child\nweeks: 0\n");
  const std::string message = error_of(child);
  CHECK_THAT(message, Catch::Contains(base + ":16:19: debt.weekly_arrears: expected a finite number >= 0, got -3"));
  CHECK_THAT(message, Catch::Contains(child + ":3:8: weeks: expected a number of weeks > 0, got 0"));
  // A bad value inside a list the child replaced is placed in the child.
  const std::string child2 = dir.write("child2.yaml", R"(extends: base.yaml
debt: {weekly_arrears: 1}
population:
  wijken:
    - name: x
      households: -1
)");
  CHECK_THAT(error_of(child2), Catch::Contains(child2 + ":6:19: population.wijken[0].households: expected a count > 0"));
}

TEST_CASE("cycles and missing bases are clear errors", "[scenarios][extends]") {
  TempDir dir("cycle");
  const std::string a = dir.write("a.yaml", "extends: b.yaml\nname: a\n");
  dir.write("b.yaml", "name: b\nextends: a.yaml\n");
  const std::string message = error_of(a);
  CHECK_THAT(message, Catch::Contains("b.yaml:2:10: extends: expected a base scenario that does not extend itself, got a cycle"));
  const std::string missing = dir.write("missing.yaml", "name: m\nextends: nowhere.yaml\n");
  CHECK_THAT(error_of(missing), Catch::Contains(missing + ":2:10: extends: expected an existing base scenario file"));
  const std::string not_text = dir.write("list.yaml", "extends: [a.yaml]\n");
  CHECK_THAT(error_of(not_text), Catch::Contains("extends: expected a file name (the base scenario), got a list of 1 entry"));
  // A broken base is reported in the base.
  const std::string broken = dir.write("broken.yaml", "name: [\n");
  const std::string uses_broken = dir.write("uses-broken.yaml", "extends: broken.yaml\n");
  CHECK_THAT(error_of(uses_broken), Catch::Contains(broken + ":"));
}
