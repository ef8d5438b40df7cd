// compare and who_pays on the default city (issue 13's acceptance): 10,000 households
// (1,000 per wijk), 104 weeks, 3 variants (baseline, more GGZ capacity, a debt programme) x
// 20 replications with the default outputs. Each interval read from compare is recomputed
// independently from the store's raw rows (SQL on the SQLite file, Boost's t quantile),
// and a store with some runs pending reports the n of each cell.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "fake_runs.hpp"
#include "wijksim/experiments/analysis.hpp"
#include "wijksim/experiments/sweep.hpp"
#include "wijksim/scenarios/load.hpp"

using namespace wijksim;
using namespace wijksim::experiments;
using wijksim::experiments::testing::fresh_db;

namespace {

constexpr uint32_t kReplications = 20;

// Rows of one SQL query, each a vector of doubles.
std::vector<std::vector<double>> query(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  INFO(sql);
  REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
  std::vector<std::vector<double>> rows;
  while (sqlite3_step(st) == SQLITE_ROW) {
    std::vector<double> row;
    for (int c = 0; c < sqlite3_column_count(st); ++c) row.push_back(sqlite3_column_double(st, c));
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return rows;
}

void exec_sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

// replication -> value of `metric` for `variant` (by name) from the yearly table (year > 0)
// or the summaries (year 0), finished runs only.
std::map<int, double> raw(const std::string& path, const std::string& variant, const std::string& metric, int year) {
  const std::string sql =
      year > 0 ? "SELECT r.replication, y.value FROM yearly y JOIN runs r USING (run_id) JOIN variants v USING "
                 "(variant_id) WHERE r.status = 'done' AND y.area = 'all' AND v.name = '" + variant +
                     "' AND y.metric = '" + metric + "' AND y.year = " + std::to_string(year)
               : "SELECT r.replication, s.value FROM summaries s JOIN runs r USING (run_id) JOIN variants v USING "
                 "(variant_id) WHERE r.status = 'done' AND v.name = '" + variant + "' AND s.metric = '" + metric + "'";
  std::map<int, double> out;
  for (const auto& row : query(path, sql)) out[static_cast<int>(row[0])] = row[1];
  return out;
}

struct Interval { size_t n; double mean, low, high; };
// The textbook paired t interval of differences d, from scratch (two-pass sums, Boost's t).
Interval t_interval(const std::vector<double>& d) {
  const double n = static_cast<double>(d.size());
  double sum = 0;
  for (double v : d) sum += v;
  const double mean = sum / n;
  double ss = 0;
  for (double v : d) ss += (v - mean) * (v - mean);
  const double sd = std::sqrt(ss / (n - 1));
  const double t = boost::math::quantile(boost::math::students_t(n - 1), 0.975);
  return {d.size(), mean, mean - t * sd / std::sqrt(n), mean + t * sd / std::sqrt(n)};
}

// variant - baseline per replication present in both.
std::vector<double> differences(const std::map<int, double>& v, const std::map<int, double>& b) {
  std::vector<double> d;
  for (const auto& [r, x] : v)
    if (b.count(r)) d.push_back(x - b.at(r));
  return d;
}

void check_close(double got, double want) {
  INFO("got " << got << ", want " << want);
  CHECK(std::fabs(got - want) <= 1e-9 * std::max(1.0, std::fabs(want)));
}

void check_interval(const PairedDifference& got, const Interval& want) {
  CHECK(got.n == want.n);
  check_close(got.mean_difference, want.mean);
  check_close(got.ci_low, want.low);
  check_close(got.ci_high, want.high);
}
void check_interval(const Summary& got, const Interval& want) {
  CHECK(got.n == want.n);
  check_close(got.mean, want.mean);
  check_close(got.ci_low, want.low);
  check_close(got.ci_high, want.high);
}

CompiledScenario city(const std::string& extra_yaml, const std::vector<std::string>& sets) {
  const std::string path = fresh_db("compare-city-" + std::to_string(std::hash<std::string>{}(extra_yaml)) + ".yaml");
  std::ofstream(path) << "extends: " << WIJKSIM_SOURCE_DIR << "/scenarios/default.yaml\nname: compare-city\nweeks: 104\n"
                      << extra_yaml;
  std::vector<scenarios::Override> overrides;
  for (int w = 0; w < 10; ++w)
    overrides.push_back(scenarios::parse_override("population.wijken[" + std::to_string(w) + "].households=1000"));
  // GGZ scaled with the city (120 for 50,000 households), so a waiting list forms.
  overrides.push_back(scenarios::parse_override("providers.ggz.capacity=24"));
  for (const auto& s : sets) overrides.push_back(scenarios::parse_override(s));
  return scenarios::compile(scenarios::load_scenario_file(path, overrides).spec);
}

// One store for both test cases (the sweep takes most of the time).
const std::string& default_city_store() {
  static const std::string path = [] {
    const std::string p = fresh_db("compare-default-city.sqlite");
    ExperimentRecord record;
    record.name = "compare-default-city";
    record.seed = 2024;
    record.replications = kReplications;
    record.variants = {{"baseline", ""}, {"more_ggz", "providers.ggz.capacity: 48"}, {"debts", "interventions: debts"}};
    record.design = make_design(DesignKind::none, {}, 1, record.seed);
    record.resolved_text = "compare-default-city";
    SweepPlan plan;
    plan.scenarios = {city("", {}), city("", {"providers.ggz.capacity=48"}),
                      city(R"(interventions:
  - type: debt_restructuring
    name: debts
    start_week: 1
    target: {age: [18, 65], domains: {finances: 2}, debt: [500, 100000]}
    budget: 2000000
    financier: municipality
    parameters: {weekly_uptake: 0.05, repay_months: 36}
)", {})};
    // The default outputs, plus GGZ admissions to check the yearly wait's weighting.
    plan.outputs.metrics = default_metrics(plan.scenarios[0]);
    plan.outputs.metrics.push_back("providers.ggz.admissions");
    ResultStore store(p, OpenMode::create, &record);
    REQUIRE(run_sweep(plan, store, 2) == 3 * kReplications);
    return p;
  }();
  return path;
}

}  // namespace

TEST_CASE("compare on the default city: a provider's wait, a financier's yearly net and multi-problem households, "
          "each interval recomputed from the raw rows",
          "[compare][slow]") {
  const std::string path = default_city_store();
  const ResultStore store(path, OpenMode::read);

  // Store size with the default outputs (quoted in the README).
  const auto count = [&](const char* table) { return query(path, std::string("SELECT count(*) FROM ") + table)[0][0]; };
  WARN("default city, 104 weeks, 60 runs: timeseries " << count("timeseries") << " rows, summaries "
                                                       << count("summaries") << ", yearly " << count("yearly")
                                                       << ", file " << std::filesystem::file_size(path) << " bytes");

  // Yearly values are exact aggregates of the weekly ones (every = 1 here, so the time
  // series holds every week): a flow summed, a stock at year end, the wait admissions-weighted.
  for (int year : {1, 2}) {
    const auto weeks = "week BETWEEN " + std::to_string(52 * (year - 1) + 1) + " AND " + std::to_string(52 * year);
    const auto flow = query(path, "SELECT t.run_id, sum(t.value), (SELECT y.value FROM yearly y WHERE y.run_id = "
                                  "t.run_id AND y.year = " + std::to_string(year) + " AND y.area = 'all' AND y.metric = "
                                  "'financiers.municipality.costs') FROM timeseries t WHERE t.area = 'all' AND t.metric = "
                                  "'financiers.municipality.costs' AND " + weeks + " GROUP BY t.run_id");
    REQUIRE(flow.size() == 60);
    for (const auto& row : flow) check_close(row[2], row[1]);
    const auto stock = query(path, "SELECT t.value, y.value FROM timeseries t JOIN yearly y ON y.run_id = t.run_id AND "
                                   "y.metric = t.metric AND y.area = t.area WHERE t.metric = 'multi_problem' AND "
                                   "t.area = 'all' AND y.year = " + std::to_string(year) + " AND t.week = " +
                                   std::to_string(52 * year));
    REQUIRE(stock.size() == 60);
    for (const auto& row : stock) CHECK(row[0] == row[1]);
    const auto wait = query(path, "SELECT w.run_id, sum(w.value * a.value), sum(a.value), (SELECT y.value FROM yearly y "
                                  "WHERE y.run_id = w.run_id AND y.year = " + std::to_string(year) + " AND y.area = 'all' "
                                  "AND y.metric = 'providers.ggz.wait_mean') FROM timeseries w JOIN timeseries a ON "
                                  "a.run_id = w.run_id AND a.week = w.week AND a.area = w.area AND a.metric = "
                                  "'providers.ggz.admissions' WHERE w.metric = 'providers.ggz.wait_mean' AND w.area = "
                                  "'all' AND w." + weeks + " GROUP BY w.run_id");
    REQUIRE(wait.size() == 60);
    for (const auto& row : wait) check_close(row[3], row[2] > 0 ? row[1] / row[2] : 0.0);
  }

  // 1. A provider's wait: GGZ's mean wait in year 2, more capacity against the baseline.
  CompareOptions wait;
  wait.metrics = {"providers.ggz.wait_mean"};
  wait.year = 2u;
  const Comparison w = compare(store, wait);
  REQUIRE(w.cells.size() == 2);
  REQUIRE(w.cells[0].at.variant == "more_ggz");
  CHECK(w.cells[0].unit == "weeks");
  const Interval w_ref = t_interval(differences(raw(path, "more_ggz", "providers.ggz.wait_mean", 2),
                                                raw(path, "baseline", "providers.ggz.wait_mean", 2)));
  check_interval(w.cells[0].difference, w_ref);
  CHECK(w.cells[0].difference.n == kReplications);
  CHECK(w_ref.high < 0);  // doubling GGZ capacity shortens the wait: the change is real
  check_close(w.cells[0].relative_difference,
              w.cells[0].difference.mean_difference / w.cells[0].difference.mean_baseline);

  // 2. A financier's yearly net: the municipality pays for the debt programme in year 1.
  const FinancierTable money = who_pays(store, {});
  const FinancierCell* net = nullptr;
  const FinancierCell* discounted = nullptr;
  for (const auto& c : money.cells)
    if (c.at.variant == "debts" && c.financier == "municipality") {
      if (c.year == 1) net = &c;
      if (c.year == 0) discounted = &c;
    }
  REQUIRE(net != nullptr);
  REQUIRE(discounted != nullptr);
  const auto vc = raw(path, "debts", "financiers.municipality.costs", 1), bc = raw(path, "baseline", "financiers.municipality.costs", 1);
  const auto vs = raw(path, "debts", "financiers.municipality.societal", 1), bs = raw(path, "baseline", "financiers.municipality.societal", 1);
  std::vector<double> nets, costs;
  for (const auto& [r, x] : vc) {
    costs.push_back(x - bc.at(r));
    nets.push_back((bs.at(r) - vs.at(r)) - (x - bc.at(r)));
  }
  check_interval(net->net, t_interval(nets));
  check_interval(net->costs, t_interval(costs));
  CHECK(net->costs.ci_low > 0);  // the programme costs the municipality money
  // The discounted total: from the run summaries of the discounted ledgers.
  const auto dvc = raw(path, "debts", "financiers.municipality.costs.discounted", 0);
  const auto dbc = raw(path, "baseline", "financiers.municipality.costs.discounted", 0);
  const auto dvs = raw(path, "debts", "financiers.municipality.societal.discounted", 0);
  const auto dbs = raw(path, "baseline", "financiers.municipality.societal.discounted", 0);
  std::vector<double> dnet;
  for (const auto& [r, x] : dvc) dnet.push_back((dbs.at(r) - dvs.at(r)) - (x - dbc.at(r)));
  check_interval(discounted->net, t_interval(dnet));
  // Every financier of costs::kFinancierNames, years 1 and 2 and the discounted total.
  CHECK(money.cells.size() == 2 * 9 * 3);

  // 3. Multi-problem households at the end of year 2, the debt programme against the baseline.
  CompareOptions mp;
  mp.metrics = {"multi_problem"};
  mp.per_year = true;
  const Comparison m = compare(store, mp);
  REQUIRE(m.cells.size() == 4);  // 2 variants x 2 years
  const ComparisonCell& debts_y2 = m.cells[3];
  REQUIRE(debts_y2.at.variant == "debts");
  REQUIRE(debts_y2.when == 2);
  check_interval(debts_y2.difference, t_interval(differences(raw(path, "debts", "multi_problem", 2),
                                                             raw(path, "baseline", "multi_problem", 2))));
  CHECK(debts_y2.difference.mean_difference != 0);

  std::ostringstream printed, csv;
  print_comparison(printed, w);
  write_comparison_csv(csv, m);
  CHECK(printed.str().find("more_ggz vs baseline, point 0") != std::string::npos);
  CHECK(csv.str().find(",all,multi_problem,households,,2,20,20,") != std::string::npos);
}

TEST_CASE("compare on a partial default-city store reports the pairs each cell has", "[compare][slow]") {
  const std::string full = default_city_store();
  const std::string path = fresh_db("compare-default-city-partial.sqlite");
  std::filesystem::copy_file(full, path);
  // As a killed sweep leaves it: some runs pending, without rows. Chosen by the runs
  // table's columns: baseline replications 0-4, more_ggz 3-9 and every debts run from 15.
  const std::string pending = "(SELECT run_id FROM runs WHERE (variant_id = 0 AND replication < 5) OR (variant_id = 1 "
                              "AND replication BETWEEN 3 AND 9) OR (variant_id = 2 AND replication >= 15))";
  exec_sql(path, "DELETE FROM timeseries WHERE run_id IN " + pending + "; DELETE FROM summaries WHERE run_id IN " +
                     pending + "; DELETE FROM yearly WHERE run_id IN " + pending +
                     "; UPDATE runs SET status = 'pending', wall_seconds = NULL WHERE run_id IN " + pending + ";");
  const ResultStore store(path, OpenMode::read);
  CompareOptions o;
  o.metrics = {"multi_problem", "providers.ggz.wait_mean"};
  o.year = 1u;
  const Comparison c = compare(store, o);
  CHECK(c.frame.partial());
  CHECK(c.frame.runs_total == 60);
  CHECK(c.frame.runs_done == 60 - 5 - 7 - 5);
  REQUIRE(c.cells.size() == 4);
  // more_ggz: replications 5..19 minus 5..9 -> 10 pairs; debts: 5..14 -> 10 pairs.
  for (const auto& cell : c.cells) {
    INFO(cell.at.variant << " " << cell.metric);
    CHECK(cell.at.pairs_expected == kReplications);
    CHECK(cell.difference.n == 10);
    check_interval(cell.difference, t_interval(differences(raw(path, cell.at.variant, cell.metric, 1),
                                                           raw(path, "baseline", cell.metric, 1))));
  }
  const FinancierTable money = who_pays(store, {});
  for (const auto& cell : money.cells) CHECK(cell.net.n == 10);
  std::ostringstream printed;
  print_comparison(printed, c);
  CHECK(printed.str().find("43 of 60 runs done - PARTIAL") != std::string::npos);
  CHECK(printed.str().find("10/20") != std::string::npos);
}
