// The outcome dictionary (wijksim/output/outcomes.hpp): generated docs, the file columns,
// and a walk over every outcome of a scenario with providers and interventions — each is
// recorded in a sweep, read back through compare, and checked against the result files
// (timeseries.csv, providers.csv, summary.json, written in-process) and against
// independent recomputations from the Simulation.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>

#include "fake_runs.hpp"
#include "wijksim/costs.hpp"
#include "wijksim/experiments/analysis.hpp"
#include "wijksim/experiments/recorder.hpp"
#include "wijksim/experiments/sweep.hpp"
#include "wijksim/models/costs/summary.hpp"
#include "wijksim/models/interventions/state.hpp"
#include "wijksim/output/outcomes.hpp"
#include "wijksim/output/providers_csv.hpp"
#include "wijksim/output/summary.hpp"
#include "wijksim/output/timeseries.hpp"
#include "wijksim/providers/names.hpp"
#include "wijksim/providers/service.hpp"
#include "wijksim/scenarios/load.hpp"
#include "wijksim/simulation.hpp"

using namespace wijksim;
using namespace wijksim::experiments;
using wijksim::experiments::testing::fresh_db;

namespace {

const std::string kSource = WIJKSIM_SOURCE_DIR;

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The default city with two interventions, one of which changes a provider's capacity:
// every family of outcomes is non-trivial within 12 weeks.
CompiledScenario walk_scenario(uint32_t weeks) {
  const std::string path = fresh_db("outcomes-walk.yaml");
  std::ofstream(path) << "extends: " << kSource << "/scenarios/default.yaml\n"
                      << "name: outcomes-walk\nweeks: " << weeks << "\n"
                      << R"(interventions:
  - type: debt_restructuring
    name: debts
    start_week: 2
    target: {age: [18, 45], domains: {finances: 2}, debt: [500, 100000]}
    budget: 60000
    financier: municipality
    parameters: {weekly_uptake: 0.05, repay_months: 36}
  - {type: capacity_change, name: more-ggz, start_week: 4, target: all, parameters: {providers: [ggz], capacity_factor: 2}}
)";
  return scenarios::compile(scenarios::load_scenario_file(path).spec);
}

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, ',')) cells.push_back(cell);
  if (!line.empty() && line.back() == ',') cells.emplace_back();
  return cells;
}

// summary.json key path of the dictionary ("a.b[2].c") -> the value.
const nlohmann::json* at_key(const nlohmann::json& doc, const std::string& key) {
  const nlohmann::json* j = &doc;
  std::istringstream in(key);
  std::string part;
  while (std::getline(in, part, '.')) {
    const size_t bracket = part.find('[');
    const std::string name = part.substr(0, bracket);
    if (!j->contains(name)) return nullptr;
    j = &(*j)[name];
    if (bracket != std::string::npos) {
      const size_t i = std::stoul(part.substr(bracket + 1));
      if (!j->is_array() || i >= j->size()) return nullptr;
      j = &(*j)[i];
    }
  }
  return j;
}

}  // namespace

TEST_CASE("outcome dictionary: docs/outputs.md is generated from it", "[outcomes]") {
  // Regenerate with: wijksim outcomes --markdown > docs/outputs.md
  CHECK(read_text(kSource + "/docs/outputs.md") == output::outcomes_markdown());
}

TEST_CASE("outcome dictionary: one row per quantity, unique names, every name found again", "[outcomes]") {
  const auto rows = output::outcome_declarations();
  for (int q = 0; q <= static_cast<int>(output::Quantity::children); ++q) {
    int n = 0;
    for (const auto& r : rows) n += static_cast<int>(r.quantity) == q;
    INFO("quantity " << q);
    CHECK(n == 1);
  }
  const CompiledScenario s = walk_scenario(4);
  const auto all = output::scenario_outcomes(s);
  std::map<std::string, int> seen;
  for (const auto& o : all) {
    ++seen[o.name];
    CHECK(output::declaration_for_name(o.name) == o.decl);
    CHECK(output::declaration_for_name(o.name + ".mean") == o.decl);
    CHECK(output::find_outcome(s, o.name).name == o.name);
  }
  for (const auto& [name, n] : seen) {
    INFO(name);
    CHECK(n == 1);
  }
  // 13 domains x (5 + 1) + 4 events + households etc. + care + 9 financiers x 6 + 20 providers
  // x 19 (debts_settled the 19th) + 2 interventions x 13 + societal costs + help_requests + the open population's 8
  // + children + on_benefits.
  CHECK(all.size() == 4 + 13 * 6 + s.events.size() + 4 + 9 * 6 + s.costs.societal.size() +
                          s.network.providers.size() * 19 + 2 * 13 + 1 + 8 + 1 + 1);
  CHECK(output::declaration_for_name("providers.ggz") == nullptr);
}

TEST_CASE("outcome dictionary: unknown names get the closest ones", "[outcomes]") {
  const CompiledScenario s = walk_scenario(4);
  CHECK_THROWS_WITH(output::find_outcome(s, "waiting"), Catch::Contains("did you mean care.waiting?"));
  CHECK_THROWS_WITH(output::find_outcome(s, "providers.ggz.queue_lenght"),
                    Catch::Contains("did you mean providers.ggz.queue_length"));
  CHECK_THROWS_WITH(output::find_outcome(s, "financiers.zwv.costs"), Catch::Contains("financiers.zvw.costs"));
  CHECK_THROWS_AS(output::find_outcome(s, "interventions.nope.enrolled"), output::UnknownOutcome);
}

TEST_CASE("timeseries.csv and providers.csv columns are the dictionary's", "[outcomes]") {
  const CompiledScenario s = walk_scenario(4);
  // Written out by hand, as the writers did before the dictionary.
  std::vector<std::string> expected{"week", "wijk", "households"};
  for (const auto& d : s.domain_names)
    for (int lvl = 1; lvl <= 5; ++lvl) expected.push_back(d + "_s" + std::to_string(lvl));
  expected.insert(expected.end(), {"multi_problem", "total_debt_eur", "households_in_debt"});
  for (const auto& e : s.events) expected.push_back("events_" + e.name);
  expected.insert(expected.end(), {"not_in_care", "waiting", "in_service", "in_transit"});
  for (const auto f : providers::financier_names()) expected.push_back("cost_" + std::string(f) + "_eur");
  expected.push_back("help_requests");
  expected.insert(expected.end(), {"persons", "employed", "unemployed", "households_with_children", "departures",
                                   "arrivals", "persons_departed", "persons_arrived", "on_benefits"});
  CHECK(output::timeseries_columns(s) == expected);
  CHECK(output::providers_csv_columns() ==
        std::vector<std::string>{"week", "provider", "type", "financier", "queue_length", "in_service", "requests",
                                 "admissions", "discharges", "dropouts", "referrals_in", "referrals_out", "lost",
                                 "wait_mean", "wait_p90", "cost_eur", "left_waiting", "after_care", "moved_out"});
}

TEST_CASE("every outcome of the dictionary is recorded in a sweep, compared, and equals the result files",
          "[outcomes]") {
  constexpr uint32_t kWeeks = 12;
  const CompiledScenario policy = walk_scenario(kWeeks);
  CompiledScenario baseline = policy;
  baseline.interventions.clear();
  const auto outcomes = output::scenario_outcomes(policy);
  REQUIRE(outcomes.size() > 300);

  // 1. The sweep: baseline (no interventions: their outcomes read 0) and policy, 1 replication.
  ExperimentRecord record;
  record.name = "outcomes-walk";
  record.seed = 77;
  record.replications = 1;
  record.variants = {{"baseline", ""}, {"policy", "interventions"}};
  record.design = make_design(DesignKind::none, {}, 1, record.seed);
  record.resolved_text = "outcomes-walk";
  SweepPlan plan;
  plan.scenarios = {baseline, policy};
  for (const auto& o : outcomes) plan.outputs.metrics.push_back(o.name);
  plan.outputs.by_wijk = true;
  ResultStore store(fresh_db("outcomes-walk.sqlite"), OpenMode::create, &record);
  REQUIRE(run_sweep(plan, store, 2) == 2);

  // 2. The same run of the policy, with the result files written in-process.
  RunOptions options;
  options.override_seed = true;
  options.seed = record.seed;
  options.override_replication = true;
  options.replication = 0;
  Simulation sim(policy, options);
  const MetricSelector selector(policy, plan.outputs);
  OutcomeRecorder recorder(selector, kWeeks);
  std::string timeseries, providers_csv;
  std::vector<std::vector<double>> weekly(outcomes.size());  // [outcome][week], city values
  sim.initialise();
  const WeekMetrics initial = sim.metrics();
  uint64_t checked_cells = 0;
  for (;;) {
    recorder.observe(sim);
    const uint32_t w = sim.week();
    for (size_t k = 0; k < outcomes.size(); ++k) weekly[k].push_back(recorder.value(k));
    // The rows the writers produce for this week.
    std::string ts;
    output::append_timeseries_rows(ts, policy, sim.metrics());
    std::map<std::string, std::vector<std::string>> ts_rows;  // wijk -> cells
    std::istringstream ts_lines(ts);
    for (std::string line; std::getline(ts_lines, line);) ts_rows[split(line)[1]] = split(line);
    std::string pc;
    output::append_providers_rows(pc, policy, w, sim.providers());
    std::vector<std::vector<std::string>> pc_rows;
    std::istringstream pc_lines(pc);
    for (std::string line; std::getline(pc_lines, line);) pc_rows.push_back(split(line));
    if (w > 0) providers_csv += pc;  // providers.csv has weeks 1..last
    timeseries += ts;
    const auto ts_cols = output::timeseries_columns(policy);
    const auto pc_cols = output::providers_csv_columns();

    const auto& ledger = sim.interventions().ledger;
    double financier_sum = 0, waiting = 0, in_service = 0;
    for (size_t k = 0; k < outcomes.size(); ++k) {
      const auto& o = outcomes[k];
      const double v = weekly[k].back();
      INFO("week " << w << ", " << o.name << " = " << v);
      // The week's value in the store (city row), exactly.
      const auto stored = store.metric_values(o.name, w);
      REQUIRE(stored.size() == 2);
      CHECK(stored[1].value == v);
      if (o.decl->scope == output::OutcomeScope::intervention) CHECK(stored[0].value == 0);
      // timeseries.csv: the `all` row, and every wijk row for wijk-level outcomes.
      if (const auto col = o.timeseries_column(); !col.empty()) {
        const size_t c = static_cast<size_t>(std::find(ts_cols.begin(), ts_cols.end(), col) - ts_cols.begin());
        REQUIRE(c < ts_cols.size());
        CHECK(std::stod(ts_rows.at("all").at(c)) == v * o.decl->file_scale);
        if (o.decl->level == output::OutcomeLevel::wijk)
          for (size_t wi = 0; wi < policy.wijken.size(); ++wi) {
            const double in_file = std::stod(ts_rows.at(policy.wijken[wi].name).at(c));
            CHECK(in_file == experiments::read_outcome(sim, o, static_cast<int>(wi), {}));
            CHECK(store.metric_values(o.name, w, policy.wijken[wi].name).at(1).value == in_file);
          }
        ++checked_cells;
      }
      // providers.csv: the provider's row (wait columns are empty when nobody was admitted).
      if (const auto col = o.providers_column(); !col.empty()) {
        const size_t c = static_cast<size_t>(std::find(pc_cols.begin(), pc_cols.end(), col) - pc_cols.begin());
        REQUIRE(c < pc_cols.size());
        const auto& row = pc_rows.at(static_cast<size_t>(o.index));
        CHECK(row.at(1) == o.param);
        const std::string& cell = row.at(c);
        CHECK(cell.empty() == (col.starts_with("wait_") && sim.providers().week_counters[o.index].admissions == 0));
        CHECK(std::abs((cell.empty() ? 0.0 : std::stod(cell)) - v * o.decl->file_scale) <= 5e-4);
        ++checked_cells;
      }
      switch (o.decl->quantity) {
        case output::Quantity::financier_total: financier_sum += v; break;
        case output::Quantity::provider_queue_length: waiting += v; break;
        case output::Quantity::provider_in_service: in_service += v; break;
        case output::Quantity::provider_capacity: {
          // Capacity in force: doubled for ggz from week 4 (capacity_change), else as compiled.
          if (o.param != "ggz" || w < 4) CHECK(v == sim.providers().capacity[o.index]);
          if (o.param == "ggz") CHECK(v == (w >= 4 ? 2.0 : 1.0) * weekly[k].front());
          break;
        }
        case output::Quantity::problems: {
          const auto sev = [&](int lvl) {
            return sim.metrics().all.severity_count[static_cast<size_t>(o.index) * 5 + static_cast<size_t>(lvl - 1)];
          };
          CHECK(v == static_cast<double>(sev(1) + sev(2)));
          break;
        }
        default: break;
      }
    }
    // Independent recomputations: the financiers' week adds up to the ledger's own total,
    // the providers' queues and services to the city's care status.
    int64_t all_cents = 0;
    for (int c = 0; c < costs::kCategoryCount; ++c) all_cents += ledger.week_all[c];
    CHECK(std::llround(financier_sum * 100) == all_cents);
    CHECK(waiting == static_cast<double>(sim.metrics().care[1]));
    CHECK(in_service == static_cast<double>(sim.metrics().care[2]));
    if (w == kWeeks) break;
    sim.step();
  }
  CHECK(checked_cells > 0);

  // 3. summary.json: every key the dictionary names holds the aggregate of the weekly values.
  output::RunInfo info;
  nlohmann::json summary = output::summary_json(policy, info, initial, sim.metrics());
  summary["providers"] = output::providers_summary_json(policy, sim.providers());
  summary["costs"] = models::cost_summary_json(sim, options, false);
  size_t keys = 0;
  for (size_t k = 0; k < outcomes.size(); ++k) {
    const auto& o = outcomes[k];
    const std::string key = o.summary_key();
    if (key.empty()) continue;
    INFO(o.name << " <-> summary.json " << key);
    const nlohmann::json* j = at_key(summary, key);
    REQUIRE(j != nullptr);
    double expected = weekly[k].back();
    if (o.decl->summary_aggregate == output::SummaryAggregate::run_total) {
      expected = 0;
      for (size_t w = 1; w < weekly[k].size(); ++w) expected += weekly[k][w];
    } else if (o.decl->summary_aggregate == output::SummaryAggregate::first_week) {
      expected = weekly[k].front();
    }
    CHECK(j->get<double>() == Approx(expected * o.decl->summary_scale).margin(1e-6));
    ++keys;
  }
  CHECK(keys > 200);

  // 4. Every outcome read back through compare: the policy's value at the last week and, for
  //    flows, its run total; the baseline's intervention outcomes are 0.
  for (size_t k = 0; k < outcomes.size(); ++k) {
    const auto& o = outcomes[k];
    INFO(o.name);
    const auto at_week = compare(store, {.baseline = "baseline", .metrics = {o.name}, .week = kWeeks, .pool = true}).cells;
    REQUIRE(at_week.size() == 1);
    CHECK(at_week[0].difference.mean_variant == weekly[k].back());
    std::vector<std::string> names{o.name};
    if (o.decl->kind == output::OutcomeKind::flow) names.push_back(o.name + ".total");
    const auto summaries = compare(store, {.baseline = "baseline", .metrics = names, .pool = true}).cells;
    REQUIRE(summaries.size() == names.size());
    CHECK(summaries[0].difference.mean_variant == weekly[k].back());
    if (o.decl->kind == output::OutcomeKind::flow) {
      double total = 0;
      for (size_t w = 1; w < weekly[k].size(); ++w) total += weekly[k][w];
      CHECK(summaries[1].difference.mean_variant == Approx(total).margin(1e-9));
    }
    if (o.decl->scope == output::OutcomeScope::intervention) CHECK(summaries[0].difference.mean_baseline == 0);
  }
  // The intervention did something (else the walk would compare zeros).
  const auto& k = sim.interventions().counters;
  CHECK(k[0].enrolled > 0);
  CHECK(k[0].refused_budget > 0);
  CHECK(k[0].spent_cents > 0);
}

TEST_CASE("compare: a metric that was not recorded gets the closest recorded names", "[outcomes]") {
  const CompiledScenario s = walk_scenario(2);
  ExperimentRecord record;
  record.name = "outcomes-hint";
  record.seed = 5;
  record.replications = 1;
  record.variants = {{"baseline", ""}};
  record.design = make_design(DesignKind::none, {}, 1, record.seed);
  record.resolved_text = "outcomes-hint";
  SweepPlan plan{{s}, 1, {{"care.waiting", "providers.ggz.queue_length"}, 1, false}};
  ResultStore store(fresh_db("outcomes-hint.sqlite"), OpenMode::create, &record);
  run_sweep(plan, store, 1);
  CHECK_THROWS_WITH(compare(store, {.baseline = "baseline", .metrics = {"waiting"}}), Catch::Contains("did you mean care.waiting?"));
  CHECK_THROWS_WITH(compare(store, {.baseline = "baseline", .metrics = {"providers.ggz.admissions"}}),
                    Catch::Contains("add it to the experiment's outputs.metrics"));
  std::ostringstream csv;
  write_metric_dictionary_csv(csv, {"care.waiting", "providers.ggz.queue_length.mean", "nonsense"});
  CHECK(csv.str() ==
        "metric,unit,level,kind,pattern,description\n"
        "care.waiting,households,city,stock,care.waiting,\"households on a waiting list (all providers)\"\n"
        "providers.ggz.queue_length.mean,households,provider,stock,providers.<provider>.queue_length,"
        "\"waiting at the end of the week\"\n"
        "nonsense,,,,,\n");
}
