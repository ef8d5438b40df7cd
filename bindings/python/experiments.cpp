// wijksim.sweep and wijksim.compare over the experiments API (the CLI's `wijksim sweep`
// and `wijksim compare`), returning tables.
#include <algorithm>
#include <cmath>
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
#include "wijksim/experiments/stopping_rule.hpp"
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

// The swept parameters' values of each row's sweep point: one column per key path (int64
// for an integer parameter, else float64), named by the key path, or "parameter:<key
// path>" where a metric of the table has that name (a provider's capacity is both a
// scenario key and an outcome).
void append_point_values(Columns& columns, const ex::Design& design, const std::vector<uint32_t>& point,
                         const std::vector<std::string>& metrics) {
  for (size_t k = 0; k < design.parameters.size(); ++k) {
    const ex::SweepParameter& p = design.parameters[k];
    const bool clash = std::find(metrics.begin(), metrics.end(), p.key_path) != metrics.end();
    const std::string name = clash ? "parameter:" + p.key_path : p.key_path;
    std::vector<double> values;
    for (uint32_t pt : point) values.push_back(design.points.at(pt).at(k));
    if (p.integer) {
      std::vector<int64_t> ints;
      for (double v : values) ints.push_back(std::llround(v));
      columns.emplace_back(name, numpy_of(ints));
    } else {
      columns.emplace_back(name, numpy_of(values));
    }
  }
}

// One row per finished run (run_id order): ids, variant name, the point's parameter
// values, then every summary metric.
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
  const std::vector<std::string> metrics = store.summary_metrics();
  append_point_values(columns, record.design, point, metrics);
  for (const auto& metric : metrics) {
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
  ex::ExperimentResult result;
  std::vector<std::string> warnings;
  {
    py::gil_scoped_release release;
    const scenarios::LoadedExperiment e = scenarios::load_experiment_file(experiment.string());
    for (const auto& w : e.warnings) warnings.push_back(w.to_string());
    store = std::make_unique<ex::ResultStore>(results, resume ? ex::OpenMode::resume : ex::OpenMode::create,
                                              &e.record);
    // As `wijksim sweep`: pending runs, added replications, and the stopping rule's batches.
    const ex::SweepPlan plan{e.scenarios, e.n_points, e.outputs};
    result = ex::run_experiment(plan, *store, e.record, threads, false, nullptr);
  }
  for (const auto& w : warnings)
    if (PyErr_WarnEx(PyExc_UserWarning, w.c_str(), 1) < 0) throw py::error_already_set();  // -W error
  py::object table = summaries_table(*store);
  if (pandas_available()) {
    table.attr("attrs")["path"] = results;
    table.attr("attrs")["runs_executed"] = result.ran;
    // The stopping rule's last verdict (stopping_rule.hpp to_json), None without a rule.
    table.attr("attrs")["stopping_rule"] =
        result.rule ? py::module_::import("json").attr("loads")(ex::to_json(*result.rule)) : py::object(py::none());
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

// Sobol indices of a sobol sweep (`wijksim sensitivity`), one row per parameter; attrs (with
// pandas): metric, variant, base_samples, variance.
py::object sensitivity(const std::filesystem::path& results, const std::string& metric,
                       std::optional<std::string> variant, std::optional<uint32_t> at_week, uint32_t bootstrap) {
  ex::SensitivityResult r;
  {
    py::gil_scoped_release release;
    ex::ResultStore store(results.string(), ex::OpenMode::read);
    // The options `wijksim sensitivity` passes, so both print the same intervals.
    r = ex::sensitivity(store, metric, variant.value_or(""), at_week,
                        {.bootstrap_resamples = bootstrap, .level = 0.95, .seed = 12345});
  }
  const ex::SobolIndices& s = r.indices;
  py::object table = to_frame({{"parameter", numpy_of(r.parameters)},
                               {"S1", numpy_of(s.first)},
                               {"S1_ci_low", numpy_of(s.first_low)},
                               {"S1_ci_high", numpy_of(s.first_high)},
                               {"ST", numpy_of(s.total)},
                               {"ST_ci_low", numpy_of(s.total_low)},
                               {"ST_ci_high", numpy_of(s.total_high)}});
  if (pandas_available()) {
    table.attr("attrs")["metric"] = metric;
    table.attr("attrs")["base_samples"] = s.base_samples;
    table.attr("attrs")["variance"] = s.variance;
  }
  return table;
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
  m.def("sensitivity", &sensitivity, py::arg("results"), py::arg("metric"), py::arg("variant") = py::none(),
        py::arg("at_week") = py::none(), py::arg("bootstrap") = 1000,
        "Sobol first-order (S1) and total (ST) indices of a sweep with design: sobol, with 95% percentile-"
        "bootstrap intervals, like `wijksim sensitivity` (the same resamples and seed). variant: default the "
        "first. Releases the GIL.");
}

}  // namespace wijksim::python
