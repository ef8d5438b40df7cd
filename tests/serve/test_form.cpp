// The run form and the variants each shipped scenario offers.
#include <catch2/catch.hpp>

#include <algorithm>

#include "serve/catalogue.hpp"
#include "serve/form.hpp"

using namespace wijksim::serve;

namespace {
const Catalogue& shipped() {
  static const Catalogue c(std::string(WIJKSIM_SOURCE_DIR) + "/scenarios");
  return c;
}
using Fields = std::multimap<std::string, std::string>;
Fields tiny_form() {
  return {{"scenario", "reference/tiny"}, {"variant", "networks x1.2"}, {"replications", "3"}, {"weeks", "52"}};
}
std::string refusal(const Fields& fields) {
  try {
    parse_run_form(fields, shipped(), FormLimits{});
  } catch (const FormError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("every shipped scenario loads and is offered") {
  CHECK(shipped().warnings().empty());
  CHECK(shipped().entries().size() >= 13);  // as cli:validate_every_shipped_scenario
  CHECK(shipped().find("default"));
  CHECK(shipped().find("programmes/welzijn-op-recept"));
  CHECK_FALSE(shipped().find("../default"));
}

TEST_CASE("variants come from the scenario's data") {
  const ScenarioEntry& d = *shipped().find("default");
  const auto& providers = d.spec.network.providers;
  // one per provider with a capacity, all together, help-seeking, networks; no interventions
  const auto with_capacity = std::count_if(providers.begin(), providers.end(), [](const auto& p) {
    return p.capacity > 0 || (p.capacity < 0 && (p.fte > 0 ? p.caseload > 0 : p.capacity_share > 0));
  });
  CHECK(d.levers.size() == static_cast<size_t>(with_capacity) + 3);
  const Lever& oost = *std::find_if(d.levers.begin(), d.levers.end(),
                                    [](const Lever& l) { return l.name == "wijkteam-oost capacity x1.5"; });
  CHECK(oost.overrides == "{\"providers[2].fte\": 7.5}");  // 5 FTE in default.yaml

  const ScenarioEntry& w = *shipped().find("programmes/welzijn-op-recept");
  REQUIRE(w.spec.interventions.size() == 1);
  CHECK(w.levers.front().name == "without welzijn-op-recept");
  CHECK(w.levers.front().overrides == "{remove_interventions: [\"welzijn-op-recept\"]}");

  const ScenarioEntry& t = *shipped().find("reference/tiny");  // no providers: only the city-wide lever
  REQUIRE(t.levers.size() == 1);
  CHECK(t.levers[0].overrides == "{\"dynamics.network_improvement\": 0.6}");
}

TEST_CASE("a good form, variants in the catalogue's order and once each") {
  Fields f = {{"scenario", "default"},       {"variant", "help-seeking x1.5"},        {"variant", "wijkteam-oost capacity x1.5"},
              {"variant", "help-seeking x1.5"}, {"replications", "1000"}, {"weeks", "2600"}, {"households", "10"}};
  const RunRequest r = parse_run_form(f, shipped(), FormLimits{});
  CHECK(r.scenario == "default");
  CHECK(r.variants == std::vector<std::string>{"wijkteam-oost capacity x1.5", "help-seeking x1.5"});
  CHECK(r.replications == 1000);
  CHECK(r.weeks == 2600);
  CHECK(r.households == 10);
  f.erase("households");
  f.emplace("households", "");
  CHECK(parse_run_form(f, shipped(), FormLimits{}).households == 0);  // empty: as the scenario
}

TEST_CASE("bad form values are refused with the field, the expectation and the value") {
  auto with = [](const std::string& key, const std::string& value) {
    Fields f = tiny_form();
    f.erase(key);
    f.emplace(key, value);
    return refusal(f);
  };
  CHECK(refusal(tiny_form()).empty());
  CHECK(with("replications", "0") ==
        "replications: expected the number of replications per variant (a whole number 1 .. 1000), got 0");
  CHECK(with("replications", "1001").ends_with("got 1001"));
  for (const char* text : {"-1", "+3", " 3", "3 ", "1e3", "3.0", "0x10", "３"}) {
    INFO(text);
    CHECK(with("replications", text).ends_with(std::string("got '") + text + "'"));
  }
  CHECK(with("replications", "99999999999999999999").find("got '99999999999999999999'") != std::string::npos);
  CHECK(with("weeks", "0") == "weeks: expected the horizon in weeks (a whole number 1 .. 2600), got 0");
  CHECK(with("weeks", "2601").ends_with("got 2601"));
  CHECK(with("households", "9").ends_with("(a whole number 10 .. 5000000), got 9"));
  CHECK(with("scenario", "programmes/../default") ==
        "scenario: expected one of the scenarios listed, got 'programmes/../default'");
  CHECK(with("variant", "wijkteam-oost capacity x1.5") ==
        "variant: expected a variant of reference/tiny, got 'wijkteam-oost capacity x1.5'");
  Fields none = tiny_form();
  none.erase("variant");
  CHECK(refusal(none) == "variant: tick at least one variant to compare with reference/tiny as it is");
  Fields twice = tiny_form();
  twice.emplace("weeks", "10");
  CHECK(refusal(twice) == "weeks: expected one value, got several");
  Fields missing = tiny_form();
  missing.erase("weeks");
  CHECK(refusal(missing).ends_with("got nothing"));
}
