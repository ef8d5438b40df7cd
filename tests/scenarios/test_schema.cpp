// The scenario schema (keys.hpp -> schema.hpp): the generated key reference is the
// checked-in docs/scenario-keys.md, it names every key scenario.resolved.yaml writes and
// nothing else, every single-key range of it is enforced, and the engine's compiled
// structs start from the same defaults.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "scenario_fixtures.hpp"
#include "wijksim/scenarios/schema.hpp"
#include "wijksim/scenarios/validate.hpp"

using namespace wijksim;
using namespace wijksim::scenarios;
using wijksim::scenarios::test::kMinimal;
using wijksim::scenarios::test::source_path;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// "population.wijken[w].households" -> "population.wijken[].households"
std::string normalise(const std::string& path) { return std::regex_replace(path, std::regex(R"(\[[^\]]*\])"), "[]"); }

std::set<std::string> documented_paths() {
  std::set<std::string> out;
  for (const auto& k : scenario_keys())
    if (k.path.rfind("parameters.", 0) != 0) out.insert(normalise(k.path));
  return out;
}

bool has_children(const std::set<std::string>& docs, const std::string& path) {
  for (const auto& d : docs)
    if (d.rfind(path + ".", 0) == 0 || d.rfind(path + "[].", 0) == 0) return true;
  return false;
}

// Every key path of a YAML tree, descending only where the schema documents deeper keys.
void walk(const YAML::Node& node, const std::string& path, const std::set<std::string>& docs,
          std::set<std::string>& found) {
  if (!path.empty() && !has_children(docs, path)) {
    found.insert(path);
    return;
  }
  if (node.IsMap()) {
    if (!path.empty() && docs.count(path)) found.insert(path);
    for (const auto& entry : node)
      walk(entry.second, path.empty() ? entry.first.Scalar() : path + "." + entry.first.Scalar(), docs, found);
  } else if (node.IsSequence()) {
    if (docs.count(path)) found.insert(path);
    for (const auto& item : node) walk(item, path + "[]", docs, found);
  } else {
    found.insert(path);
  }
}

std::vector<std::string> scenario_files() {
  std::vector<std::string> files{source_path("scenarios/default.yaml")};
  for (const char* dir : {"scenarios/reference", "scenarios/programmes"})
    for (const auto& e : std::filesystem::directory_iterator(source_path(dir)))
      if (e.path().extension() == ".yaml") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("docs/scenario-keys.md is the key reference the schema generates", "[scenarios][schema]") {
  const std::string path = source_path("docs/scenario-keys.md");
  const std::string on_disk = read_file(path);
  const std::string generated = key_reference_markdown();
  if (on_disk != generated) {
    std::istringstream a(on_disk), b(generated);
    std::string la, lb;
    int line = 0;
    while (true) {
      ++line;
      const bool more_a = static_cast<bool>(std::getline(a, la));
      const bool more_b = static_cast<bool>(std::getline(b, lb));
      if (!more_a && !more_b) break;
      if (la != lb || more_a != more_b) {
        UNSCOPED_INFO("first difference at line " << line << ":\n  file:   " << la << "\n  schema: " << lb);
        break;
      }
    }
    UNSCOPED_INFO("regenerate with: cmake --build build --target wijksim_key_reference && "
                  "build/bin/wijksim_key_reference docs/scenario-keys.md");
  }
  CHECK(on_disk == generated);
}

TEST_CASE("the schema documents every key the resolved YAML writes, and only those", "[scenarios][schema]") {
  const std::set<std::string> docs = documented_paths();
  std::set<std::string> written;
  for (const auto& file : scenario_files()) {
    INFO(file);
    const YAML::Node root = YAML::Load(emit_resolved_yaml(load_scenario_file(file).spec));
    std::set<std::string> found;
    walk(root, "", docs, found);
    for (const auto& key : found) {
      INFO("written but not documented: " << key);
      CHECK(docs.count(key) == 1);
    }
    written.insert(found.begin(), found.end());
  }
  for (const auto& key : docs) {
    if (key == "extends") continue;  // resolved before parsing, never written back
    INFO("documented but never written by any shipped scenario: " << key);
    CHECK(written.count(key) == 1);
  }
}

TEST_CASE("every single-key range of the schema is enforced at its key path", "[scenarios][schema]") {
  const std::string base = kMinimal + "life_events:\n  - name: x\n    weekly_rate: 0.01\n";
  int checked = 0;
  for (const auto& k : scenario_keys()) {
    // A value just outside the documented range.
    std::string value;
    std::smatch m;
    if (k.type == "probability" || k.type == "share") value = "1.5";
    else if (k.type == "number >= 0") value = "-1";
    else if (k.type == "number > 0") value = "0";
    else if (std::regex_match(k.type, m, std::regex(R"(integer (-?[0-9]+)\.\.(-?[0-9]+))"))) {
      const long long lo = std::stoll(m[1]), hi = std::stoll(m[2]);
      value = std::to_string(hi >= 4294967295LL ? hi + 1 : lo - 1);
    } else if (std::regex_match(k.type, m, std::regex(R"(number in \[(-?[0-9.]+), (-?[0-9.]+)[\])])"))) {
      value = std::to_string(std::stod(m[2]) + 1);
    } else {
      continue;
    }
    const std::string path = std::regex_replace(k.path, std::regex(R"(\[[^\]]*\])"), "[0]");
    INFO(path << "=" << value << " (" << k.type << ")");
    bool reported = false;
    try {
      load_scenario_text(base, "inline.yaml", {{path, value}});
    } catch (const ScenarioError& e) {
      for (const auto& issue : e.issues()) reported = reported || (issue.key_path == path && !issue.expected.empty());
    }
    CHECK(reported);
    ++checked;
  }
  CHECK(checked >= 30);  // the rows with a numeric range (top, dynamics, events, debt, population)
}

TEST_CASE("the compiled structs start from the schema's defaults", "[scenarios][schema]") {
  const DebtSpec debt;
  const CompiledDebt cd;
  CHECK(cd.enabled == false);  // off unless compiled from a scenario (synthetic scenarios rely on it)
  CHECK(cd.grows_at_or_below == debt.grows_at_or_below);
  CHECK(cd.low_income_threshold == debt.low_income_threshold);
  CHECK(cd.weekly_growth_rate == debt.weekly_growth_rate);
  CHECK(cd.weekly_arrears == debt.weekly_arrears);
  CHECK(cd.max_debt == debt.max_debt);
  CHECK(cd.initial_mean_if_problem == debt.initial_mean_if_problem);
  CHECK(cd.initial_creditors_mean == debt.initial_creditors_mean);

  const PopulationSpec population;
  const CompiledIncome ci;
  CHECK(ci.low_income_mean == population.income.low_income_mean);
  CHECK(ci.other_mean == population.income.other_mean);
  CHECK(ci.benefits_mean == population.income.benefits_mean);
  CHECK(ci.sd_fraction == population.income.sd_fraction);
  CHECK(ci.problem_correlation == population.problem_correlation);

  const WijkSpec wijk;
  const CompiledWijk cw;
  CHECK(cw.single_parent_share == wijk.single_parent_share);
  CHECK(cw.couple_share == wijk.couple_share);
  CHECK(cw.with_children_share == wijk.with_children_share);
  CHECK(cw.low_income_share == wijk.low_income_share);
  CHECK(cw.benefits_share == wijk.benefits_share);
  for (size_t g = 0; g < age_group_keys().size(); ++g) CHECK(cw.age_group_share[g] == wijk.age_groups.at(age_group_keys()[g]));
  CHECK(cw.network_strength_mean == wijk.network_strength_mean);
  CHECK(cw.care_avoidance_mean == wijk.care_avoidance_mean);

  const LifeEventSpec event;
  const CompiledLifeEvent ce;
  CHECK(event_eligibility_names()[static_cast<int>(ce.eligibility)] == event.applies_to);
  CHECK(ce.weekly_rate == event.weekly_rate);
  CHECK(ce.income_factor == event.income_factor);
  CHECK(ce.debt_add == event.debt_add);
  CHECK(ce.creditors_add == event.creditors_add);
  CHECK((ce.set_work_status == -1) == event.work_status.empty());
  CHECK(ce.adults_delta == event.adults_delta);
  CHECK(ce.children_delta == event.children_delta);
  CHECK(ce.becomes_single_parent_if_children == event.becomes_single_parent_if_children);
}

TEST_CASE("a key's default is written once: the spec, the docs and the resolved YAML agree", "[scenarios][schema]") {
  // debt.weekly_growth_rate was 0 in CompiledDebt and 0.0015 in the spec (issue 10).
  const auto keys = scenario_keys();
  const auto it = std::find_if(keys.begin(), keys.end(), [](const KeyDoc& k) { return k.path == "debt.weekly_growth_rate"; });
  REQUIRE(it != keys.end());
  CHECK(it->default_value == "0.0015");
  CHECK(DebtSpec{}.weekly_growth_rate == 0.0015);
  CHECK(CompiledDebt{}.weekly_growth_rate == 0.0015);
  const std::string yaml = emit_resolved_yaml(load_scenario_text(kMinimal, "inline.yaml").spec);
  CHECK(yaml.find("  weekly_growth_rate: 0.0015\n") != std::string::npos);
  CHECK(compile(load_scenario_text(kMinimal, "inline.yaml").spec).debt.weekly_growth_rate == 0.0015);
}
