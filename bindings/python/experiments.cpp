// wijksim.sweep and wijksim.compare over the experiments API (the CLI's `wijksim sweep`
// and `wijksim compare`), returning tables.
#include <filesystem>
#include <limits>
#include <map>
#include <set>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "module.hpp"
#include "wijksim/experiments/analysis.hpp"
#include "wijksim/experiments/sensitivity.hpp"
#include "wijksim/experiments/sweep.hpp"
#include "wijksim/output/outcomes.hpp"
#include "wijksim/scenarios/experiment.hpp"

namespace wijksim::python {

namespace {

namespace ex = wijksim::experiments;

template <class T>
py::array numpy_of(const std::vector<T>& values) {
  return py::array(py::cast(values));
}

// One row per finished run (run_id order): ids, variant name, then every summary metric.
py::object summaries_table(const ex::ResultStore& store) {
  const ex::ExperimentRecord record = store.experiment();
  std::set<uint64_t> pending;
  for (const auto& key : store.runs(true)) pending.insert(key.run_id);
  std::vector<ex::RunKey> done;
  for (const auto& key : store.runs(false))
    if (!pending.count(key.run_id)) done.push_back(key);

  std::vector<uint64_t> run_id, seed;
  std::vector<uint32_t> point, replication;
  std::vector<std::string> variant;
  std::map<uint64_t, size_t> row_of;
  for (const auto& key : done) {
    row_of[key.run_id] = run_id.size();
    run_id.push_back(key.run_id);
    variant.push_back(record.variants.at(key.variant).name);
    point.push_back(key.point);
    replication.push_back(key.replication);
    seed.push_back(key.seed);
  }
  Columns columns{{"run_id", numpy_of(run_id)}, {"variant", numpy_of(variant)}, {"point", numpy_of(point)},
                  {"replication", numpy_of(replication)}, {"seed", numpy_of(seed)}};
  for (const auto& metric : store.summary_metrics()) {
    std::vector<double> values(done.size(), std::numeric_limits<double>::quiet_NaN());
    for (const auto& v : store.metric_values(metric)) {
      const auto row = row_of.find(v.key.run_id);
      if (row != row_of.end()) values[row->second] = v.value;
    }
    columns.emplace_back(metric, numpy_of(values));
  }
  return to_frame(columns);
}

py::object sweep(const std::filesystem::path& experiment, std::optional<std::filesystem::path> out, int threads,
                 bool resume) {
  if (threads < 1) throw py::value_error("threads: expected an integer >= 1, got " + std::to_string(threads));
  const std::string results = out ? out->string() : experiment.stem().string() + ".sqlite";  // as the CLI
  std::unique_ptr<ex::ResultStore> store;
  size_t ran = 0;
  {
    py::gil_scoped_release release;
    const scenarios::LoadedExperiment e = scenarios::load_experiment_file(experiment.string());
    store = std::make_unique<ex::ResultStore>(results, resume ? ex::OpenMode::resume : ex::OpenMode::create,
                                              &e.record);
    const ex::SweepPlan plan{e.scenarios, e.n_points, e.outputs};
    ran = ex::run_sweep(plan, *store, threads, nullptr);
  }
  py::object table = summaries_table(*store);
  if (pandas_available()) {
    table.attr("attrs")["path"] = results;
    table.attr("attrs")["runs_executed"] = ran;
  }
  return table;
}

py::object compare(const std::filesystem::path& results, std::optional<std::string> baseline,
                   std::vector<std::string> metrics, std::optional<uint32_t> at_week, double level) {
  std::vector<ex::ComparisonRow> rows;
  std::string base;
  {
    py::gil_scoped_release release;
    ex::ResultStore store(results.string(), ex::OpenMode::read);
    base = baseline ? *baseline : store.experiment().variants.front().name;
    rows = ex::compare_variants(store, base, std::move(metrics), at_week, level);
  }
  // The columns of `wijksim compare --csv` (write_comparison_csv).
  std::vector<std::string> variant, metric;
  std::vector<uint64_t> n;
  std::vector<double> mean, baseline_mean, difference, sd, low, high;
  for (const auto& r : rows) {
    variant.push_back(r.variant);
    metric.push_back(r.metric);
    n.push_back(r.difference.n);
    mean.push_back(r.difference.mean_variant);
    baseline_mean.push_back(r.difference.mean_baseline);
    difference.push_back(r.difference.mean_difference);
    sd.push_back(r.difference.sd_difference);
    low.push_back(r.difference.ci_low);
    high.push_back(r.difference.ci_high);
  }
  return to_frame({{"variant", numpy_of(variant)},
                   {"baseline", numpy_of(std::vector<std::string>(rows.size(), base))},
                   {"metric", numpy_of(metric)},
                   {"n", numpy_of(n)},
                   {"mean", numpy_of(mean)},
                   {"baseline_mean", numpy_of(baseline_mean)},
                   {"difference", numpy_of(difference)},
                   {"sd_difference", numpy_of(sd)},
                   {"ci_low", numpy_of(low)},
                   {"ci_high", numpy_of(high)}});
}

// The outcome dictionary for a scenario (`wijksim outcomes`): one row per outcome.
py::object outcomes(std::optional<Scenario> scenario) {
  const Scenario s = scenario ? *scenario : load_scenario("", py::dict());
  std::vector<std::string> name, unit, level, kind, description;
  for (const auto& o : output::scenario_outcomes(*s.compiled)) {
    name.push_back(o.name);
    unit.emplace_back(o.decl->unit);
    level.emplace_back(output::name_of(o.decl->level));
    kind.emplace_back(output::name_of(o.decl->kind));
    description.emplace_back(o.decl->description);
  }
  return to_frame({{"name", numpy_of(name)},
                   {"unit", numpy_of(unit)},
                   {"level", numpy_of(level)},
                   {"kind", numpy_of(kind)},
                   {"description", numpy_of(description)}});
}

}  // namespace

void register_experiments(py::module_& m) {
  m.def("outcomes", &outcomes, py::arg("scenario") = py::none(),
        "Every outcome a run of the scenario produces (default: the embedded default city), like `wijksim "
        "outcomes`: name, unit, level (city, wijk, provider, financier, intervention), kind (stock, flow), "
        "description. Any name can be recorded by an experiment (outputs.metrics) and compared.");
  m.def("sweep", &sweep, py::arg("experiment_path"), py::arg("out") = py::none(), py::arg("threads") = 1,
        py::arg("resume") = false,
        "Run an experiment (variants x sweep points x replications, common random numbers) into a SQLite "
        "results store (default: <experiment name>.sqlite here), like `wijksim sweep`. Returns one row per "
        "finished run with every summary metric (DataFrame attrs: path, runs_executed). Releases the GIL.");
  m.def("compare", &compare, py::arg("results"), py::arg("baseline") = py::none(),
        py::arg("metrics") = std::vector<std::string>{}, py::arg("at_week") = py::none(), py::arg("level") = 0.95,
        "Paired differences of each variant against the baseline (default: the first variant) with t-based "
        "confidence intervals, like `wijksim compare --csv`. metrics empty = every summary metric (or every "
        "time-series metric with at_week).");
}

}  // namespace wijksim::python
