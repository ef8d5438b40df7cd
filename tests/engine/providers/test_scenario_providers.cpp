// The provider sections of a scenario file: parsed with the loader's reader layer,
// compiled to the engine network, and network errors reported at their key path.
// (Not yet reachable through load(): the one-line hooks into parse_scenario / validate /
// compile are pending, see scenarios/src/parse_providers.hpp.)
#include <catch2/catch.hpp>

#include "parse_providers.hpp"

using namespace wijksim::scenarios;
using namespace wijksim::scenarios::detail;

namespace {

const std::vector<std::string> kDomains{"finances", "mental_health"};
const std::vector<std::string> kWijken{"centrum", "noord"};

struct Parsed {
  ProvidersSpec spec;
  std::vector<ScenarioIssue> issues;
};

Parsed parse(const std::string& text) {
  Parsed out;
  SourceMap where("city.yaml");
  ParseContext ctx(where, out.issues);
  const YAML::Node root = YAML::Load(text);
  if (root["providers"]) parse_providers(ctx, root["providers"], "providers", out.spec.providers);
  if (root["pathways"]) parse_pathways(ctx, root["pathways"], "pathways", out.spec.pathways);
  if (root["help_seeking"]) parse_help_seeking(ctx, root["help_seeking"], "help_seeking", out.spec.help_seeking);
  return out;
}

const char* kCity = R"(
providers:
  - {name: wt_centrum, type: wijkteam, wijken: [centrum], fte: 10, caseload: 12, mean_weeks: 20}
  - {name: wt_noord, type: wijkteam, wijken: [noord], capacity: 90, mean_weeks: 20}
  - {name: bank, type: credit_bank, capacity: 60, mean_weeks: 8, financier: wmo,
     cost_per_client_week: 45.5, intake_cost: 250, effects: {finances: 0.03}}
  - {name: ggz, type: ggz, capacity: 40, mean_weeks: 32, queue: severity, financier: zvw}
help_seeking:
  entry: {finances: [credit_bank, wijkteam]}
pathways:  # last, so that tests can append entries
  - {from: wt_centrum, to: bank, trigger: intake, condition: {finances: 2}, probability: 0.5}
  - {from: wt_noord, to: bank, trigger: intake, condition: {finances: 2}, probability: 0.5}
  - {from: wt_centrum, to: ggz, condition: {mental_health: 2}, probability: 0.3, delay_weeks: 12, loss: 0.1}
)";

}  // namespace

TEST_CASE("provider sections compile to the engine network", "[providers][scenario]") {
  auto p = parse(kCity);
  REQUIRE(p.issues.empty());
  const auto net = compile_providers(p.spec, kDomains, kWijken, SourceMap("city.yaml"), p.issues);
  REQUIRE(p.issues.empty());
  REQUIRE(net.providers.size() == 4);
  CHECK(net.providers[0].capacity == 120);  // 10 FTE x caseload 12
  CHECK(net.providers[2].cost_per_week_cents == 4550);
  CHECK(net.providers[2].intake_cost_cents == 25000);
  CHECK(net.providers[3].discipline == wijksim::providers::QueueDiscipline::severity);
  CHECK(net.providers[3].financier == wijksim::providers::Financier::zvw);
  CHECK(net.pathways[2].to == 3);
  CHECK(net.pathways[0].trigger == wijksim::providers::PathwayTrigger::intake);
  CHECK(validate_providers(p.spec, kDomains, kWijken, SourceMap("city.yaml")).empty());
}

TEST_CASE("provider section errors name the key path and what was expected", "[providers][scenario]") {
  SECTION("unknown key with did-you-mean") {
    const auto p = parse("providers:\n  - {name: a, capacty: 3}\n");
    REQUIRE(p.issues.size() == 1);
    CHECK(p.issues[0].key_path == "providers[0].capacty");
    CHECK_THAT(p.issues[0].to_string(), Catch::Contains("capacity"));
  }
  SECTION("network errors at their key paths") {
    auto p = parse(std::string(kCity) + R"(
  - {from: ggz, to: ggzz}
  - {from: bank, to: wt_centrum, probability: 0.9}
  - {from: bank, to: wt_noord, probability: 0.2}
)");
    p.spec.providers[3].capacity = -4;
    p.spec.providers[1].wijken = {"centrum"};
    const auto issues = validate_providers(p.spec, kDomains, kWijken, SourceMap("city.yaml"));
    std::vector<std::string> paths;
    for (const auto& i : issues) paths.push_back(i.key_path);
    CHECK_THAT(paths, Catch::VectorContains(std::string("pathways[3].to")));
    CHECK_THAT(paths, Catch::VectorContains(std::string("providers[3].capacity")));
    CHECK_THAT(paths, Catch::VectorContains(std::string("pathways[5].probability")));
    CHECK_THAT(paths, Catch::VectorContains(std::string("population.wijken[1]")));
  }
  SECTION("unknown names of enums and domains") {
    auto p = parse("providers:\n  - {name: a, financier: wmoo, effects: {finance: 0.1}}\n");
    REQUIRE(p.issues.empty());
    compile_providers(p.spec, kDomains, kWijken, SourceMap("city.yaml"), p.issues);
    REQUIRE(p.issues.size() == 2);
    CHECK(p.issues[0].key_path == "providers[0].effects.finance");
    CHECK(p.issues[1].key_path == "providers[0].financier");
    CHECK_THAT(p.issues[1].to_string(), Catch::Contains("one of wmo, jeugdwet"));
  }
}
