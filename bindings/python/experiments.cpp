// wijksim.sweep and wijksim.compare over the experiments API (the CLI's `wijksim sweep`
// and `wijksim compare`), returning tables.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>
#include <map>
#include <set>
#include <sstream>

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

// What the CLI prints as warnings on stderr, as Python UserWarnings (call with the GIL).
void warn_all(const std::vector<std::string>& warnings) {
  for (const auto& w : warnings)
    if (PyErr_WarnEx(PyExc_UserWarning, w.c_str(), 1) < 0) throw py::error_already_set();  // -W error
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
  warn_all(warnings);
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

ex::CompareOptions compare_options(std::optional<std::string> baseline, std::vector<std::string> metrics,
                                   std::string area, std::optional<uint32_t> at_week, std::optional<uint32_t> year,
                                   bool per_year, bool pool, double level) {
  if (at_week.has_value() + year.has_value() + per_year > 1)
    throw py::value_error("at_week, year and per_year: expected at most one of them, got " +
                          std::string(at_week ? "at_week " : "") + (year ? "year " : "") + (per_year ? "per_year" : ""));
  ex::CompareOptions o;
  o.baseline = baseline.value_or("");
  o.metrics = std::move(metrics);
  o.area = std::move(area);
  o.week = at_week;
  o.year = year;
  o.per_year = per_year;
  o.pool = pool;
  o.level = level;
  return o;
}

// The store and completeness behind a comparison, as DataFrame attrs (with pandas).
void set_frame_attrs(py::object& table, const ex::CompareFrame& f) {
  if (!pandas_available()) return;
  py::object attrs = table.attr("attrs");
  attrs["store"] = f.store;
  attrs["baseline"] = f.baseline;
  attrs["parameters"] = f.parameters;
  attrs["replications"] = f.replications;
  attrs["runs_done"] = f.runs_done;
  attrs["runs_total"] = f.runs_total;
  attrs["partial"] = f.partial();
  attrs["paired"] = f.paired;  // false: common_random_numbers: false, Welch's unpaired intervals
  attrs["shard"] = f.shard.empty() ? py::object(py::none()) : py::object(py::str(f.shard));
}

// Runs `analyse(store)` without the GIL and returns the table its CSV writer makes: the
// columns and numbers of the CLI's --csv, exactly (csv_columns).
template <class Analyse, class Write>
py::object store_table(const std::filesystem::path& results, const std::string& what, Analyse analyse, Write write) {
  std::string text;
  decltype(analyse(std::declval<const ex::ResultStore&>())) result;
  {
    py::gil_scoped_release release;
    ex::ResultStore store(results.string(), ex::OpenMode::read);
    result = analyse(store);
    std::ostringstream csv;
    write(csv, result);
    text = csv.str();
  }
  py::object table = to_frame(csv_columns(text, what));
  set_frame_attrs(table, result.frame);
  return table;
}

py::object compare(const std::filesystem::path& results, std::optional<std::string> baseline,
                   std::vector<std::string> metrics, std::string area, std::optional<uint32_t> at_week,
                   std::optional<uint32_t> year, bool per_year, bool pool, double level) {
  const ex::CompareOptions o =
      compare_options(std::move(baseline), std::move(metrics), std::move(area), at_week, year, per_year, pool, level);
  return store_table(
      results, "compare", [&](const ex::ResultStore& store) { return ex::compare(store, o); },
      [](std::ostream& out, const ex::Comparison& c) { ex::write_comparison_csv(out, c); });
}

py::object who_pays(const std::filesystem::path& results, std::optional<std::string> baseline,
                    std::optional<uint32_t> year, bool pool, double level) {
  const ex::CompareOptions o = compare_options(std::move(baseline), {}, "all", std::nullopt, year, false, pool, level);
  return store_table(
      results, "who_pays", [&](const ex::ResultStore& store) { return ex::who_pays(store, o); },
      [](std::ostream& out, const ex::FinancierTable& t) { ex::write_financiers_csv(out, t); });
}

// `wijksim sensitivity`: Sobol indices (design: sobol) or Morris effects (design: morris),
// one row per parameter; attrs (with pandas): metric, design, and base_samples + variance
// (sobol) or trajectories (morris). The warnings the CLI prints on stderr are UserWarnings.
py::object sensitivity(const std::filesystem::path& results, const std::string& metric,
                       std::optional<std::string> variant, std::optional<uint32_t> at_week, uint32_t bootstrap) {
  ex::SensitivityResult r;
  {
    py::gil_scoped_release release;
    ex::ResultStore store(results.string(), ex::OpenMode::read);
    // The options `wijksim sensitivity` passes, so both give the same intervals.
    r = ex::sensitivity(store, metric, variant.value_or(""), at_week,
                        {.bootstrap_resamples = bootstrap, .level = 0.95, .seed = 12345});
  }
  warn_all(r.warnings);
  const bool morris = r.kind == ex::DesignKind::morris;
  const ex::SobolIndices& s = r.indices;
  const ex::MorrisEffects& m = r.morris;
  py::object table = morris ? to_frame({{"parameter", numpy_of(r.parameters)},
                                        {"mu", numpy_of(m.mu)},
                                        {"mu_star", numpy_of(m.mu_star)},
                                        {"sigma", numpy_of(m.sigma)}})
                            : to_frame({{"parameter", numpy_of(r.parameters)},
                                        {"S1", numpy_of(s.first)},
                                        {"S1_ci_low", numpy_of(s.first_low)},
                                        {"S1_ci_high", numpy_of(s.first_high)},
                                        {"ST", numpy_of(s.total)},
                                        {"ST_ci_low", numpy_of(s.total_low)},
                                        {"ST_ci_high", numpy_of(s.total_high)}});
  if (pandas_available()) {
    py::object attrs = table.attr("attrs");
    attrs["metric"] = metric;
    attrs["design"] = ex::to_string(r.kind);
    if (morris) {
      attrs["trajectories"] = m.trajectories;
    } else {
      attrs["base_samples"] = s.base_samples;
      attrs["variance"] = s.variance;
    }
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
        py::arg("metrics") = std::vector<std::string>{}, py::kw_only(), py::arg("area") = "all",
        py::arg("at_week") = py::none(), py::arg("year") = py::none(), py::arg("per_year") = false,
        py::arg("pool") = false, py::arg("level") = 0.95,
        "Each variant against the baseline (default: the first variant), like `wijksim compare --csv`: one row "
        "per variant, sweep point (its parameter values in columns; pool=True: one cell over all points), "
        "metric and period, with n (pairs with both runs done) of replications, the means, the paired "
        "difference, its t interval and the relative difference; units in `unit`. Values: run summaries, the "
        "time series at_week, the yearly value of `year`, or per_year (every complete year: flows summed, "
        "stocks at year end); area: a wijk's rows. Works on a partial or shard store. attrs: store, baseline, "
        "parameters, replications, runs_done, runs_total, partial, paired, shard. Releases the GIL.");
  m.def("who_pays", &who_pays, py::arg("results"), py::arg("baseline") = py::none(), py::kw_only(),
        py::arg("year") = py::none(), py::arg("pool") = false, py::arg("level") = 0.95,
        "Who pays, who gains, like `wijksim compare --financiers --csv`: per variant, sweep point, financier "
        "and year (then the discounted total over the run), the paired costs, avoided costs and net (avoided - "
        "costs; positive: the financier gains) in euros, each with sd and 95% t interval over replication "
        "pairs. attrs as compare(). Releases the GIL.");
  m.def("sensitivity", &sensitivity, py::arg("results"), py::arg("metric"), py::arg("variant") = py::none(),
        py::arg("at_week") = py::none(), py::arg("bootstrap") = 1000,
        "Like `wijksim sensitivity`: Sobol first-order (S1) and total (ST) indices with 95% percentile-bootstrap "
        "intervals (the CLI's resamples and seed) for a sweep with design: sobol, or Morris mu, mu_star, sigma "
        "(per full range of each parameter) for design: morris; one row per parameter. variant: default the "
        "first. Warnings about unstable estimates are UserWarnings. Releases the GIL.");
}

}  // namespace wijksim::python
