// cost_summary_json (wijksim/models/costs/summary.hpp).
#include "wijksim/models/costs/summary.hpp"

#include <string>

#include "wijksim/models/costs/balance.hpp"
#include "wijksim/models/costs/outcome_differences.hpp"
#include "wijksim/models/interventions/state.hpp"
#include "wijksim/output/money.hpp"

namespace wijksim::models {

namespace {

nlohmann::json counters_json(const CompiledIntervention& iv, const InterventionCounters& k) {
  return {{"name", iv.name},
          {"type", std::string(kInterventionTypeNames[static_cast<int>(iv.type)])},
          {"targeted_household_weeks", k.targeted_weeks},
          {"found", k.found},
          {"enrolled", k.enrolled},
          {"completed", k.completed},
          {"dropped_out", k.dropped_out},
          {"refused_budget", k.refused_budget},
          {"enrolled_at_end", k.enrolled_now},
          {"signals", k.signals},
          {"visits", k.visits},
          {"severity_steps_gained", k.improvements},
          {"spent", output::euros(k.spent_cents)},
          {"budget", iv.budget_cents < 0 ? nlohmann::json(nullptr) : nlohmann::json(output::euros(iv.budget_cents))},
          {"settled", output::euros(k.settled_cents)},
          {"repaid", output::euros(k.repaid_cents)},
          {"written_off", output::euros(k.written_off_cents)}};
}

}  // namespace

nlohmann::json cost_summary_json(const Simulation& sim, const RunOptions& options, bool with_baseline) {
  const CompiledScenario& sc = sim.scenario();
  const InterventionState& st = sim.interventions();
  nlohmann::json out;
  out["currency"] = "EUR";
  out["discount_rate"] = sc.costs.discount_rate;
  out["per_financier"] = costs_json(st.ledger);
  nlohmann::json events = nlohmann::json::object();
  for (size_t e = 0; e < sc.costs.societal.size(); ++e) events[sc.costs.societal[e].name] = st.ledger.total_events[e];
  out["societal_events"] = events;
  nlohmann::json ivs = nlohmann::json::array();
  for (size_t i = 0; i < sc.interventions.size(); ++i) ivs.push_back(counters_json(sc.interventions[i], st.counters[i]));
  out["interventions"] = ivs;
  if (sc.interventions.empty()) return out;
  if (!with_baseline) {
    out["vs_baseline"] = nullptr;
    out["vs_baseline_skipped"] = "wijksim run --no-baseline: the baseline (same city and seed, no interventions) was not run";
    return out;
  }

  // The baseline: same city, same seed and replication, no interventions.
  CompiledScenario base = sc;
  base.interventions.clear();
  RunOptions o = options;
  o.override_seed = true;
  o.seed = sim.seed();
  o.override_replication = true;
  o.replication = sim.replication();
  Simulation baseline(base, o);
  baseline.initialise();
  while (baseline.week() < sim.week()) baseline.step();
  out["vs_baseline"] = balance_json(compare_costs(baseline.interventions().ledger, st.ledger));
  out["vs_baseline"]["outcomes"] = outcome_differences_json(baseline, sim);
  return out;
}

}  // namespace wijksim::models
