#pragma once
// Shared by the intervention and cost tests: the default city (scenarios/default.yaml)
// shrunk to a test size, with extra YAML (interventions, costs) appended, run to the end.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "wijksim/models/interventions/state.hpp"
#include "wijksim/scenarios/load.hpp"
#include "wijksim/simulation.hpp"
#include "wijksim/state.hpp"

namespace wijksim::test {

inline std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string default_city_text() {
  return read_text(std::string(WIJKSIM_SOURCE_DIR) + "/scenarios/default.yaml");
}

// The default city with `households` per wijk (10 wijken), `weeks` steps and `extra`
// YAML appended at top level (e.g. an interventions: list).
inline CompiledScenario small_city(const std::string& extra, int households, int weeks) {
  std::vector<scenarios::Override> overrides{{"weeks", std::to_string(weeks)}};
  for (int w = 0; w < 10; ++w)
    overrides.push_back({"population.wijken[" + std::to_string(w) + "].households", std::to_string(households)});
  const auto loaded = scenarios::load_scenario_text(default_city_text() + "\n" + extra, "<test>", overrides);
  return scenarios::compile(loaded.spec);
}

// Everything a run outputs, as text, so "byte-identical" is one string comparison.
inline std::string metrics_text(const WeekMetrics& m) {
  std::ostringstream out;
  const auto area = [&](const AreaMetrics& a) {
    out << a.households << ' ' << a.multi_problem << ' ' << a.total_debt << ' ' << a.households_in_debt;
    for (auto v : a.severity_count) out << ' ' << v;
    for (auto v : a.events) out << ' ' << v;
    out << '\n';
  };
  out << m.week << '\n';
  for (const auto& w : m.wijk) area(w);
  area(m.all);
  return out.str();
}

struct RunResult {
  std::string metrics;              // every week's metrics, as text
  SimState state;                   // after the last week
  models::InterventionState iv;     // counters and ledger after the last week
  uint64_t state_hash = 0;
  std::vector<costs::CostLedger> ledgers;  // the ledger after each week
};

inline RunResult run(const CompiledScenario& sc, int threads = 1, bool keep_ledgers = false) {
  RunResult r;
  RunOptions o;
  o.threads = threads;
  run_simulation(sc, o, sc.weeks, [&](const Simulation& sim) {
    r.metrics += metrics_text(sim.metrics());
    if (keep_ledgers && sim.week() > 0) r.ledgers.push_back(sim.interventions().ledger);
    if (sim.week() == sc.weeks) {
      r.state = sim.state();
      r.iv = sim.interventions();
      r.state_hash = sim.state_hash();
    }
  });
  return r;
}

// Households (by index) whose head was aged [lo, hi] at week 0 and that satisfy pred.
template <class Pred>
uint64_t count_if(const SimState& s, Pred pred) {
  uint64_t n = 0;
  for (uint64_t h = 0; h < s.n_households; ++h) n += pred(h) ? 1 : 0;
  return n;
}

}  // namespace wijksim::test
