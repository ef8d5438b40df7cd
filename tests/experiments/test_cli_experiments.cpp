// Black-box: the experiment commands through the built `wijksim` binary (exit codes, files).
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <sys/wait.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "cli_run.hpp"
#include "fake_runs.hpp"

using wijksim::experiments::testing::fresh_db;
using wijksim::experiments::testing::slurp;
using wijksim::experiments::testing::wijksim_cli;

TEST_CASE("wijksim sweep/compare/export/sensitivity: exit codes and outputs", "[cli][experiments]") {
  const std::string tiny = std::string(WIJKSIM_SOURCE_DIR) + "/scenarios/reference/tiny.yaml";
  const std::string exp = fresh_db("exp.yaml"), db = fresh_db("exp.sqlite"), log = fresh_db("log.txt");
  std::ofstream(exp) << "seed: 3\nreplications: 4\nscenario: " << tiny
                     << "\nvariants:\n  baseline: {}\n  strong: {dynamics.network_improvement: 1.5}\n"
                        "sweep:\n  design: sobol\n  samples: 4\n  parameters:\n    debt.weekly_arrears: {range: [10, 60]}\n"
                        "outputs: {every: 26}\n";
  REQUIRE(wijksim_cli("sweep " + exp + " --out " + db + " --threads 2", log) == 0);
  CHECK(wijksim_cli("compare " + db + " --baseline baseline --metric multi_problem.mean --pool --csv " + db + ".csv", log) == 0);
  CHECK(slurp(log).find("strong") != std::string::npos);
  // Pooled: n = sobol points N * (d + 2) = 4 * 3, times 4 replications (point "all", no parameter value).
  CHECK(slurp(db + ".csv").find("strong,baseline,all,,all,multi_problem.mean,households,,,48,48,") != std::string::npos);
  CHECK(wijksim_cli("sensitivity " + db + " --metric total_debt --bootstrap 50", log) == 0);
  CHECK(slurp(log).find("debt.weekly_arrears") != std::string::npos);
  CHECK(wijksim_cli("export " + db + " --csv " + db + "-csv", log) == 0);
  CHECK(std::filesystem::exists(db + "-csv/summaries.csv"));
  // Existing results without --resume, and a changed experiment with --resume: exit 2.
  CHECK(wijksim_cli("sweep " + exp + " --out " + db, log) == 2);
  CHECK(wijksim_cli("sweep " + exp + " --out " + db + " --resume", log) == 0);
  std::ofstream(exp, std::ios::app) << "name: changed\n";
  CHECK(wijksim_cli("sweep " + exp + " --out " + db + " --resume", log) == 2);
  CHECK(slurp(log).find("experiment file changed") != std::string::npos);
  CHECK(wijksim_cli("compare " + db + " --baseline nope", log) == 2);
}

TEST_CASE("wijksim sweep: a bad experiment file exits 2 with file:line and key path", "[cli][experiments]") {
  const std::string exp = fresh_db("bad.yaml"), log = fresh_db("bad.txt");
  std::ofstream(exp) << "scenario: " << WIJKSIM_SOURCE_DIR << "/scenarios/reference/tiny.yaml\nvariants:\n"
                     << "  more: {debt.weekly_arrears: -5}\n";
  CHECK(wijksim_cli("sweep " + exp, log) == 2);
  CHECK(slurp(log).find(exp + ":3:") != std::string::npos);
  CHECK(slurp(log).find("variants.more -> debt.weekly_arrears") != std::string::npos);
}

namespace {
// Every table of a results store as CSV text, with the runs table's wall_seconds column
// (the last, the only non-deterministic one) cut off.
std::string exported(const std::string& db, const std::string& log) {
  const std::string dir = db + "-csv";
  std::filesystem::remove_all(dir);
  REQUIRE(wijksim_cli("export " + db + " --csv " + dir, log) == 0);
  std::string all;
  for (const char* table : {"experiment", "variants", "parameters", "points", "point_values", "runs", "timeseries",
                            "summaries", "yearly"}) {
    std::istringstream rows(slurp(dir + "/" + table + ".csv"));
    all += std::string("## ") + table + "\n";
    for (std::string line; std::getline(rows, line);) {
      // The runs' wall times and the store's creation time are the only values that differ.
      if (std::string(table) == "experiment" && line.rfind("created,", 0) == 0) continue;
      all += (std::string(table) == "runs" ? line.substr(0, line.rfind(',')) : line) + "\n";
    }
  }
  return all;
}
}  // namespace

TEST_CASE("wijksim sweep --shard K/N x 3 + wijksim merge == one sweep (the example experiment)", "[cli][experiments]") {
  const std::string example = std::string(WIJKSIM_SOURCE_DIR) + "/scenarios/experiments/example.yaml";
  const std::string single = fresh_db("ex-single.sqlite"), merged = fresh_db("ex-merged.sqlite");
  const std::string log = fresh_db("ex-log.txt");
  REQUIRE(wijksim_cli("sweep " + example + " --out " + single + " --threads 2", log) == 0);
  CHECK(slurp(log).find("18 run(s) done") != std::string::npos);  // 3 variants x 3 points x 2 replications
  std::string shards, shard0;
  for (int k = 0; k < 3; ++k) {
    const std::string shard = fresh_db("ex-shard" + std::to_string(k) + ".sqlite");
    REQUIRE(wijksim_cli("sweep " + example + " --shard " + std::to_string(k) + "/3 --out " + shard, log) == 0);
    CHECK(slurp(log).find("6 run(s) done") != std::string::npos);
    shards += " " + shard;
    if (k == 0) shard0 = shard;
  }
  REQUIRE(wijksim_cli("merge " + merged + shards, log) == 0);
  CHECK(slurp(log).find("18 of 18 runs done") != std::string::npos);
  const std::string expected = exported(single, log);
  CHECK(expected.find("bigger_wijkteam") != std::string::npos);
  CHECK(exported(merged, log) == expected);
  // Bad uses: exit 2 with a message.
  CHECK(wijksim_cli("merge " + fresh_db("ex-dup.sqlite") + shards + shards, log) == 2);
  CHECK(slurp(log).find("already finished in another shard") != std::string::npos);
  CHECK(wijksim_cli("merge " + merged + shards, log) == 2);  // output exists
  CHECK(wijksim_cli("sweep " + example + " --shard 3/3 --out " + fresh_db("ex-bad.sqlite"), log) == 2);
  CHECK(slurp(log).find("expected K/N with 0 <= K < N") != std::string::npos);
  CHECK(wijksim_cli("sweep " + example + " --out " + shard0 + " --resume --shard 1/3", log) == 2);
  CHECK(slurp(log).find("holds shard 0/3") != std::string::npos);
  CHECK(wijksim_cli("sweep " + example + " --out " + shard0 + " --resume --shard 0/3", log) == 0);
}

namespace {
// A CSV file of `wijksim export` as rows of fields (no quoting in the tables read here).
std::vector<std::vector<std::string>> csv_rows(const std::string& path) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(slurp(path));
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::istringstream f(line);
    for (std::string field; std::getline(f, field, ',');) fields.push_back(field);
    rows.push_back(fields);
  }
  return rows;
}
}  // namespace

TEST_CASE("wijksim sweep + sensitivity of a morris design: mu* recomputed from the exported store",
          "[cli][experiments][morris]") {
  const std::string tiny = std::string(WIJKSIM_SOURCE_DIR) + "/scenarios/reference/tiny.yaml";
  const std::string exp = fresh_db("morris.yaml"), db = fresh_db("morris.sqlite"), log = fresh_db("morris.txt");
  const std::string sweep = "sweep:\n  design: morris\n  samples: 4\n  levels: 4\n  parameters:\n"
                            "    debt.weekly_arrears: {range: [10, 60]}\n"
                            "    dynamics.network_improvement: {range: [0.5, 1.5]}\n";
  std::ofstream(exp) << "seed: 5\nreplications: 2\nscenario: " << tiny << "\n" << sweep << "outputs: {every: 26}\n";
  REQUIRE(wijksim_cli("sweep " + exp + " --out " + db + " --threads 2", log) == 0);
  CHECK(slurp(log).find("24 run(s) done") != std::string::npos);  // 4 trajectories x 3 points x 2 replications
  REQUIRE(wijksim_cli("sensitivity " + db + " --metric total_debt", log) == 0);
  const std::string out = slurp(log);
  CHECK(out.find("Morris elementary effects of total_debt (r = 4 trajectories") != std::string::npos);
  CHECK(out.find("warning: r = 4 trajectories is below 10") != std::string::npos);
  // The printed mu, mu*, sigma per parameter.
  std::map<std::string, std::vector<double>> printed;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    std::istringstream f(line);
    std::string name;
    double mu = 0, mu_star = 0, sigma = 0;
    if (f >> name >> mu >> mu_star >> sigma) printed[name] = {mu, mu_star, sigma};
  }
  REQUIRE(printed.size() == 2);

  // Independently: mean total_debt per point from the exported tables, then each step's
  // effect as the output's change over the parameter's change in units of its range.
  REQUIRE(wijksim_cli("export " + db + " --csv " + db + "-csv", log) == 0);
  std::map<int, int> point_of_run;
  for (const auto& r : csv_rows(db + "-csv/runs.csv")) point_of_run[std::stoi(r[0])] = std::stoi(r[2]);
  std::vector<double> y(12, 0.0);
  for (const auto& r : csv_rows(db + "-csv/summaries.csv"))
    if (r[1] == "total_debt") y.at(static_cast<size_t>(point_of_run.at(std::stoi(r[0])))) += std::stod(r[2]) / 2;
  std::vector<std::vector<double>> x(12, std::vector<double>(2));
  for (const auto& r : csv_rows(db + "-csv/point_values.csv"))
    x.at(static_cast<size_t>(std::stoi(r[0]))).at(static_cast<size_t>(std::stoi(r[1]))) = std::stod(r[2]);
  const double width[] = {50, 1};
  std::vector<std::vector<double>> effects(2);
  for (int t = 0; t < 4; ++t)
    for (int s = 0; s < 2; ++s) {
      const int a = t * 3 + s, b = a + 1;
      const int k = x[a][0] != x[b][0] ? 0 : 1;
      REQUIRE(x[a][1 - k] == x[b][1 - k]);  // one parameter per step
      effects[k].push_back((y[b] - y[a]) / ((x[b][k] - x[a][k]) / width[k]));
    }
  const char* names[] = {"debt.weekly_arrears", "dynamics.network_improvement"};
  for (int k = 0; k < 2; ++k) {
    REQUIRE(effects[k].size() == 4);  // each parameter once per trajectory
    double mu = 0, mu_star = 0;
    for (double e : effects[k]) mu += e / 4, mu_star += std::abs(e) / 4;
    INFO(names[k]);
    REQUIRE(printed.count(names[k]) == 1);
    CHECK(printed[names[k]][0] == Approx(mu).epsilon(1e-5).margin(1e-9));  // printed with 6 digits
    CHECK(printed[names[k]][1] == Approx(mu_star).epsilon(1e-5).margin(1e-9));
  }
  CHECK(printed["debt.weekly_arrears"][1] > 0);  // arrears move debt on the tiny city

  // Bad morris sweeps: exit 2 with the key path.
  std::string sweep_odd = sweep;
  sweep_odd.replace(sweep_odd.find("levels: 4"), 9, "levels: 3");
  std::ofstream(exp) << "scenario: " << tiny << "\n" << sweep_odd;
  CHECK(wijksim_cli("sweep " + exp + " --out " + fresh_db("morris-bad.sqlite"), log) == 2);
  CHECK(slurp(log).find("sweep.levels: expected an even number of levels >= 2") != std::string::npos);
  std::string sweep_values = sweep;
  sweep_values.replace(sweep_values.find("{range: [10, 60]}"), 17, "{values: [10, 20]}");
  std::ofstream(exp) << "scenario: " << tiny << "\n" << sweep_values;
  CHECK(wijksim_cli("sweep " + exp + " --out " + fresh_db("morris-bad.sqlite"), log) == 2);
  CHECK(slurp(log).find("sweep.parameters.debt.weekly_arrears.values: expected range: [low, high] for design: "
                        "morris") != std::string::npos);
}

TEST_CASE("compare --financiers on runs shorter than a year: the discounted totals only", "[cli][experiments]") {
  const std::string exp = fresh_db("short.yaml"), db = fresh_db("short.sqlite"), log = fresh_db("short.txt");
  std::ofstream(exp) << "seed: 3\nreplications: 3\nscenario: {extends: " << WIJKSIM_SOURCE_DIR
                     << "/scenarios/programmes/welzijn-op-recept.yaml, weeks: 26}\nvariants:\n  baseline: {remove_interventions: [welzijn-op-recept]}\n"
                        "  programme: {}\n";
  REQUIRE(wijksim_cli("sweep " + exp + " --out " + db + " -q", log) == 0);
  REQUIRE(wijksim_cli("compare " + db + " --financiers --json " + db + ".json", log) == 0);
  const auto j = nlohmann::json::parse(slurp(db + ".json"));
  REQUIRE(j["cells"].size() == 9);  // one per financier, no year
  bool spent = false;
  for (const auto& c : j["cells"]) {
    CHECK(c["period"] == "discounted_total");
    spent = spent || c["costs_eur"].get<double>() > 0;
  }
  CHECK(spent);  // the programme's spending is there
}

TEST_CASE("compare --area WIJK --per-year: a wijk's yearly cells, recomputed from the store's rows", "[cli][experiments]") {
  const std::string exp = fresh_db("area.yaml"), db = fresh_db("area.sqlite"), log = fresh_db("area.txt");
  std::ofstream(exp) << "seed: 4\nreplications: 5\nscenario: {extends: " << WIJKSIM_SOURCE_DIR
                     << "/scenarios/reference/tiny.yaml, weeks: 104}\nvariants:\n  baseline: {}\n  strong: "
                        "{dynamics.network_improvement: 1.5}\noutputs: {metrics: [multi_problem, events.job_loss], "
                        "every: 13, by_wijk: true}\n";
  REQUIRE(wijksim_cli("sweep " + exp + " --out " + db + " -q", log) == 0);
  REQUIRE(wijksim_cli("compare " + db + " --area arm --per-year --json " + db + ".json", log) == 0);
  const auto j = nlohmann::json::parse(slurp(db + ".json"));
  REQUIRE(j["cells"].size() == 4);  // 2 metrics x 2 years
  const wijksim::experiments::ResultStore store(db, wijksim::experiments::OpenMode::read);
  for (const auto& cell : j["cells"]) {
    const std::string metric = cell["metric"];
    const uint32_t year = cell["year"];
    INFO(metric << " year " << year);
    CHECK(cell["area"] == "arm");
    // Flows are summed over the year's weeks, stocks taken at its end: the yearly rows of
    // the store say so, and the cell's mean difference is the mean of the pairs' differences.
    std::map<uint32_t, double> v, b;
    for (const auto& r : store.yearly_values(metric, year, "arm")) (r.key.variant == 1 ? v : b)[r.key.replication] = r.value;
    REQUIRE(v.size() == 5);
    double sum = 0;
    for (uint32_t r = 0; r < 5; ++r) sum += v.at(r) - b.at(r);
    CHECK(cell["difference"].get<double>() == Approx(sum / 5).epsilon(1e-12));
    if (metric == "multi_problem") {  // a stock: the time-series value at the year's last week
      for (const auto& r : store.metric_values(metric, 52 * year, "arm"))
        CHECK(r.value == (r.key.variant == 1 ? v : b).at(r.key.replication));
    }
  }
  // A wijk that does not exist is bad input.
  CHECK(wijksim_cli("compare " + db + " --area nowhere --per-year", log) == 2);
}
