// wijksim.run (one run's result tables: time series, providers, costs, interventions and
// vs_baseline) and wijksim.bench (run_bench).
//
// Every table comes from the in-process objects the CLI writes: the time series and
// provider rows from the writers of timeseries.csv and providers.csv
// (output::append_timeseries_rows / append_providers_rows, split by csv_columns), the
// costs, interventions and vs_baseline from summary.json's "costs" block
// (models::cost_summary_json, split by keyed_table / records_table). Nothing re-derives a
// column, so the tables cannot drift from the files. Rejected: re-deriving columns from
// WeekMetrics here (a second copy of the writers' logic), and reading the files back
// (run() writes none).
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "simulation.hpp"
#include "wijksim/bench.hpp"
#include "wijksim/costs.hpp"
#include "wijksim/models/costs/summary.hpp"
#include "wijksim/output/providers_csv.hpp"
#include "wijksim/output/timeseries.hpp"
#include "wijksim/version.hpp"

namespace wijksim::python {

namespace {

// What wijksim.run returns: the tables of one run's result files.
struct RunResult {
  py::object timeseries;     // timeseries.csv
  py::object providers;      // providers.csv; None without a provider network
  py::object costs;          // summary.json costs.per_financier
  py::object interventions;  // summary.json costs.interventions; None without interventions
  py::object vs_baseline = py::none();  // summary.json costs.vs_baseline's financiers; None without
                                        // interventions or baseline
  py::object vs_baseline_outcomes = py::none();  // costs.vs_baseline.outcomes; None likewise
  double discount_rate = 0;  // summary.json costs.discount_rate
};

// Financier tables in costs.hpp's order, then "all", as summary.json lists them.
std::vector<std::string> financier_order() {
  std::vector<std::string> order(costs::kFinancierNames.begin(), costs::kFinancierNames.end());
  order.emplace_back("all");
  return order;
}

RunResult run(const Scenario& scenario, std::optional<uint32_t> weeks, int threads, std::optional<uint64_t> seed,
              std::optional<uint32_t> replication, bool baseline) {
  PySimulation sim(scenario, threads, seed, replication);
  const CompiledScenario& sc = sim.scenario();
  const uint32_t n = weeks.value_or(sc.weeks);
  const bool with_providers = sc.network.enabled();
  std::string timeseries_rows, provider_rows;
  sim.initialise();
  output::append_timeseries_rows(timeseries_rows, sc, sim.sim().metrics());
  sim.run(n, [&] {  // GIL released; runs without it
    output::append_timeseries_rows(timeseries_rows, sc, sim.sim().metrics());
    if (with_providers) output::append_providers_rows(provider_rows, sc, sim.sim().week(), sim.sim().providers());
  });
  nlohmann::json costs;
  {
    py::gil_scoped_release release;  // the baseline is a second run of the city
    RunOptions options;
    options.threads = sim.threads();
    costs = models::cost_summary_json(sim.sim(), options, baseline);
  }
  RunResult r;
  r.timeseries = to_frame(csv_columns(sc, output::timeseries_columns(sc), timeseries_rows, "timeseries"));
  r.providers = with_providers
                    ? to_frame(csv_columns(sc, output::providers_csv_columns(), provider_rows, "providers"))
                    : py::none();
  r.costs = to_frame(keyed_table(costs["per_financier"], "financier", financier_order()));
  r.interventions = sc.interventions.empty() ? py::none() : to_frame(records_table(costs["interventions"], "name"));
  const auto vs = costs.find("vs_baseline");
  if (vs != costs.end() && vs->is_object()) {
    // Financiers are objects, one row each; beside them "outcomes" lists what the
    // interventions did to people, a table of its own.
    nlohmann::json financiers = nlohmann::json::object();
    for (const auto& [key, value] : vs->items())
      if (value.is_object()) financiers[key] = value;
    r.vs_baseline = to_frame(keyed_table(financiers, "financier", financier_order()));
    if (vs->contains("outcomes")) r.vs_baseline_outcomes = to_frame(records_table((*vs)["outcomes"], "name"));
  }
  r.discount_rate = costs["discount_rate"].get<double>();
  return r;
}

py::dict bench(const std::optional<Scenario>& scenario, uint64_t households, uint32_t weeks, int threads,
               int repeats) {
  const Scenario s = scenario ? *scenario : load_scenario("", py::dict());
  BenchOptions options;
  options.households = households;
  options.weeks = weeks;
  options.threads = threads;
  options.repeats = repeats;
  BenchResult r;
  {
    py::gil_scoped_release release;
    r = run_bench(*s.compiled, options);
  }
  // The same keys as `wijksim bench --json`.
  py::dict d;
  d["scenario"] = s.compiled->name;
  d["households"] = r.households;
  d["weeks"] = r.weeks;
  d["threads"] = r.threads;
  d["repeats"] = r.steps_per_second.size();
  d["steps_per_second"] = r.steps_per_second;
  d["min_steps_per_second"] = r.min_steps_per_second;
  d["median_steps_per_second"] = r.median_steps_per_second;
  d["max_steps_per_second"] = r.max_steps_per_second;
  d["final_mean_severity"] = r.final_mean_severity;
  d["final_share_any_domain_le2"] = r.final_share_any_domain_le2;
  d["init_seconds"] = r.init_seconds;
  d["peak_rss_bytes_per_household"] = r.peak_rss_bytes_per_household;
  d["hot_bytes_per_household"] = r.hot_bytes_per_household;
  d["state_bytes_per_household"] = r.state_bytes_per_household;
  d["engine"] = py::dict(py::arg("version") = kEngineVersion, py::arg("git_hash") = kGitHash);
  return d;
}

}  // namespace

void register_run(py::module_& m) {
  py::class_<RunResult>(m, "RunResult",
                        "The tables of one run (wijksim.run), the same figures as the files `wijksim run` "
                        "writes; each a pandas DataFrame (a dict of numpy arrays without pandas).")
      .def_readonly("timeseries", &RunResult::timeseries,
                    "timeseries.csv: week 0 .. weeks, one row per wijk and 'all'; provider and cost columns are "
                    "missing (<NA>) in wijk rows, as they are empty in the file.")
      .def_readonly("providers", &RunResult::providers,
                    "providers.csv: one row per week (1 .. weeks) and provider; None without a provider network.")
      .def_readonly("costs", &RunResult::costs,
                    "summary.json costs.per_financier: one row per financier and 'all', a column per cost "
                    "category, total and total_discounted (euros).")
      .def_readonly("interventions", &RunResult::interventions,
                    "summary.json costs.interventions: one row per intervention (name, type, counters, money in "
                    "euros); None without interventions.")
      .def_readonly("vs_baseline", &RunResult::vs_baseline,
                    "summary.json costs.vs_baseline: per financier and 'all', this run minus the same-seed run "
                    "without interventions (costs, avoided, net, each also discounted; euros); None without "
                    "interventions or with baseline=False.")
      .def_readonly("vs_baseline_outcomes", &RunResult::vs_baseline_outcomes,
                    "summary.json costs.vs_baseline.outcomes: the main outcomes at the last week (name, unit, "
                    "variant, baseline, difference); None without interventions or with baseline=False.")
      .def_readonly("discount_rate", &RunResult::discount_rate, "summary.json costs.discount_rate (per year)")
      .def("__repr__", [](const RunResult&) {
        return "<wijksim.RunResult: timeseries, providers, costs, interventions, vs_baseline, discount_rate>";
      });
  m.def("run", &run, py::arg("scenario"), py::arg("weeks") = py::none(), py::arg("threads") = 1,
        py::arg("seed") = py::none(), py::arg("replication") = py::none(), py::kw_only(), py::arg("baseline") = true,
        "Simulate and return a RunResult: .timeseries, .providers, .costs, .interventions, .vs_baseline, the "
        "tables of the files `wijksim run` writes. With interventions, vs_baseline needs a second run of the "
        "city without them (same seed); baseline=False skips it (as `wijksim run --no-baseline`). Releases "
        "the GIL.");
  m.def("bench", &bench, py::arg("scenario") = py::none(), py::kw_only(), py::arg("households") = 0,
        py::arg("weeks") = 52, py::arg("threads") = 1, py::arg("repeats") = 3,
        "Engine speed (run_bench): household-steps/s over repeats, memory per household; the keys of "
        "`wijksim bench --json`. households=0 keeps the scenario's own count. Releases the GIL.");
}

}  // namespace wijksim::python
