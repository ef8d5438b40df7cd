// The stopping rule (`replications: {min, max, batch, until}`), through the built `wijksim`
// binary on the tiny scenario: where it stops is recomputed independently from a plain sweep
// of the same experiment, and the final store is the same for 1 and 2 threads and for two
// shards merged and resumed. Also: extending a finished store, and the seed checks.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <vector>
#include <sys/wait.h>

#include <boost/math/distributions/students_t.hpp>
#include <nlohmann/json.hpp>

#include "cli_run.hpp"
#include "fake_runs.hpp"
#include "wijksim/experiments/store.hpp"

using wijksim::experiments::OpenMode;
using wijksim::experiments::ResultStore;
using wijksim::experiments::testing::fresh_db;

using wijksim::experiments::testing::slurp;

namespace {
int cli(const std::string& args, const std::string& log) { return wijksim::experiments::testing::wijksim_cli(args, log); }

// The experiment: tiny, a baseline and a stronger social network, one outcome recorded.
std::string experiment(const std::string& replications, const std::string& extra = "") {
  return "seed: 11\nreplications: " + replications + "\nscenario: " + std::string(WIJKSIM_SOURCE_DIR) +
         "/scenarios/reference/tiny.yaml\nvariants:\n  baseline: {}\n  strong: {dynamics.network_improvement: 1.5}\n" +
         extra + "outputs: {metrics: [multi_problem], every: 52}\n";
}
std::string write(const std::string& name, const std::string& text) {
  const std::string path = fresh_db(name);
  std::ofstream(path) << text;
  return path;
}

// multi_problem.mean of replication r, per variant, from the store's rows.
std::map<std::pair<uint32_t, uint32_t>, double> values(const std::string& db) {
  const ResultStore store(db, OpenMode::read);
  std::map<std::pair<uint32_t, uint32_t>, double> out;
  for (const auto& v : store.metric_values("multi_problem.mean")) out[{v.key.variant, v.key.replication}] = v.value;
  return out;
}

// The paired 95% half-width of strong - baseline over replications 0..n-1, computed here
// from the definition (not with the engine's statistics).
double half_width(const std::map<std::pair<uint32_t, uint32_t>, double>& x, uint32_t n) {
  double sum = 0;
  for (uint32_t r = 0; r < n; ++r) sum += x.at({1, r}) - x.at({0, r});
  const double mean = sum / n;
  double ss = 0;
  for (uint32_t r = 0; r < n; ++r) {
    const double d = x.at({1, r}) - x.at({0, r}) - mean;
    ss += d * d;
  }
  const double t = boost::math::quantile(boost::math::students_t(n - 1.0), 0.975);
  return t * std::sqrt(ss / (n - 1)) / std::sqrt(static_cast<double>(n));
}

uint32_t replications_of(const std::string& db) {
  return static_cast<uint32_t>(ResultStore(db, OpenMode::read).experiment().replications);
}
nlohmann::json verdict(const std::string& db) {
  return nlohmann::json::parse(ResultStore(db, OpenMode::read).provenance("stopping_rule"));
}
std::string dump(const std::string& db) { return ResultStore(db, OpenMode::read).dump(); }

std::string rule(uint32_t min, uint32_t max, uint32_t batch, double h) {
  std::ostringstream s;
  s.precision(17);
  s << "{min: " << min << ", max: " << max << ", batch: " << batch
    << ", until: [{compare: strong, outcome: multi_problem.mean, half_width: " << h << "}]}";
  return s.str();
}
}  // namespace

TEST_CASE("stopping rule: stops at the first batch whose paired CI is narrow enough, recomputed from a plain sweep",
          "[experiments][stopping]") {
  const std::string log = fresh_db("stop.log");
  // Every replication a rule could need, as a plain sweep: the rule's runs are the same runs
  // (replication-major run ids, common random numbers), so its stopping point is known here.
  const std::string plain = fresh_db("plain.sqlite");
  REQUIRE(cli("sweep " + write("plain.yaml", experiment("40")) + " --out " + plain + " -q", log) == 0);
  const auto x = values(plain);
  REQUIRE(x.size() == 80);
  // A target between the half-width after the first batch (4) and after the last (40): the
  // first batch R = 4, 8, ... with half_width(R) <= target is where the rule must stop.
  const double target = std::sqrt(half_width(x, 4) * half_width(x, 40));
  uint32_t expected = 0;
  for (uint32_t r = 4; r <= 40 && expected == 0; r += 4)
    if (half_width(x, r) <= target) expected = r;
  INFO("half-widths: R=4 " << half_width(x, 4) << ", R=40 " << half_width(x, 40) << ", target " << target);
  REQUIRE(expected > 4);
  REQUIRE(expected < 40);

  const std::string exp = write("rule.yaml", experiment(rule(4, 40, 4, target)));
  const std::string one = fresh_db("rule-1.sqlite");
  REQUIRE(cli("sweep " + exp + " --out " + one + " --threads 1 -q", log) == 0);
  CHECK(replications_of(one) == expected);
  CHECK(slurp(log).find("stopping rule met after " + std::to_string(expected) + " replications") != std::string::npos);
  const auto v = verdict(one);
  CHECK(v["met"] == true);
  CHECK(v["replications"] == expected);
  CHECK(v["criteria"][0]["half_width"].get<double>() == Approx(half_width(x, expected)).epsilon(1e-12));
  // The rule's runs are the plain sweep's first `expected` replications, value for value.
  const auto y = values(one);
  REQUIRE(y.size() == 2 * expected);
  for (const auto& [key, value] : y) CHECK(value == x.at(key));

  SECTION("the same final store on 2 threads, and from 2 shards merged then resumed") {
    const std::string two = fresh_db("rule-2.sqlite");
    REQUIRE(cli("sweep " + exp + " --out " + two + " --threads 2 -q", log) == 0);
    CHECK(dump(two) == dump(one));
    const std::string s0 = fresh_db("rule-s0.sqlite"), s1 = fresh_db("rule-s1.sqlite"), merged = fresh_db("rule-m.sqlite");
    REQUIRE(cli("sweep " + exp + " --shard 0/2 --out " + s0 + " -q", log) == 0);
    REQUIRE(cli("sweep " + exp + " --shard 1/2 --out " + s1 + " -q", log) == 0);
    CHECK(slurp(log).find("the stopping rule is judged on all of them: merge the shards") != std::string::npos);
    REQUIRE(cli("merge " + merged + " " + s0 + " " + s1, log) == 0);
    CHECK(replications_of(merged) == 4);
    REQUIRE(cli("sweep " + exp + " --resume --out " + merged + " -q", log) == 0);
    CHECK(dump(merged) == dump(one));
  }
  SECTION("adding a criterion to the finished store runs only the replications it needs on top") {
    const double tighter = std::sqrt(half_width(x, expected) * half_width(x, 40));
    uint32_t more = 0;
    for (uint32_t r = expected; r <= 40 && more == 0; r += 4)
      if (half_width(x, r) <= tighter) more = r;
    REQUIRE(more > expected);
    std::ostringstream s;
    s.precision(17);
    s << "{min: 4, max: 40, batch: 4, until: [{compare: strong, outcome: multi_problem.mean, half_width: " << target
      << "}, {compare: strong, outcome: multi_problem.mean, half_width: " << tighter << "}]}";
    std::ofstream(exp) << experiment(s.str());
    REQUIRE(cli("sweep " + exp + " --resume --out " + one + " -q", log) == 0);
    CHECK(replications_of(one) == more);
    CHECK(slurp(log).find(std::to_string(2 * (more - expected)) + " run(s) done") != std::string::npos);
    for (const auto& [key, value] : values(one)) CHECK(value == x.at(key));
  }
}

TEST_CASE("stopping rule: max stops it, and raising max or a count resumes with only the new runs",
          "[experiments][stopping]") {
  const std::string log = fresh_db("max.log"), db = fresh_db("max.sqlite");
  const std::string exp = write("max.yaml", experiment(rule(3, 9, 3, 1e-9)));
  REQUIRE(cli("sweep " + exp + " --out " + db + " -q", log) == 0);
  CHECK(replications_of(db) == 9);
  CHECK(verdict(db)["met"] == false);
  CHECK(verdict(db)["max_reached"] == true);
  CHECK(slurp(log).find("stopping rule NOT met: max 9 replications reached") != std::string::npos);
  std::ofstream(exp) << experiment(rule(3, 12, 3, 1e-9));
  REQUIRE(cli("sweep " + exp + " --resume --out " + db + " -q", log) == 0);
  CHECK(replications_of(db) == 12);
  CHECK(slurp(log).find("6 run(s) done") != std::string::npos);  // 3 replications x 2 variants

  // A plain count: raising it and resuming adds exactly the missing replications.
  const std::string plain = fresh_db("count.sqlite"), pexp = write("count.yaml", experiment("5"));
  REQUIRE(cli("sweep " + pexp + " --out " + plain + " -q", log) == 0);
  std::ofstream(pexp) << experiment("8");
  REQUIRE(cli("sweep " + pexp + " --resume --out " + plain + " -q", log) == 0);
  CHECK(slurp(log).find("6 run(s) done, 16 in") != std::string::npos);
  const std::string fresh = fresh_db("count8.sqlite");
  REQUIRE(cli("sweep " + pexp + " --out " + fresh + " -q", log) == 0);
  CHECK(values(fresh) == values(plain));
}

TEST_CASE("experiment files: seeds in variants, bad stopping rules, and common_random_numbers: false",
          "[experiments][stopping]") {
  const std::string log = fresh_db("bad.log");
  const auto fails_with = [&](const std::string& text, const std::string& what) {
    const std::string path = write("bad.yaml", text);
    CHECK(cli("sweep " + path + " --out " + fresh_db("bad.sqlite"), log) == 2);
    INFO(slurp(log));
    CHECK(slurp(log).find(what) != std::string::npos);
  };
  const std::string tiny = std::string(WIJKSIM_SOURCE_DIR) + "/scenarios/reference/tiny.yaml";
  fails_with("scenario: " + tiny + "\nvariants:\n  baseline: {}\n  other: {seed: 5}\n", "bad.yaml:4:");
  fails_with("scenario: " + tiny + "\nvariants:\n  baseline: {}\n  other: {seed: 5}\n", "variants.other.seed");
  fails_with("scenario: " + tiny + "\nvariants:\n  baseline: {}\n  other: {seed: 5}\n", "common_random_numbers: false");
  fails_with("scenario: " + tiny + "\nvariants:\n  baseline: {}\n  other: {replication: 2}\n", "variants.other.replication");
  fails_with(experiment("{min: 4, max: 10, until: [{compare: strongg, outcome: multi_problem.mean, half_width: 1}]}"),
             "did you mean 'strong'");
  fails_with(experiment("{min: 4, max: 10, until: [{compare: strong, outcome: total_debt, half_width: 1}]}"),
             "replications.until[0].outcome");
  fails_with(experiment("{min: 4, max: 10, until: [{compare: strong, outcome: multi_problem, at_year: 2, half_width: 1}]}"),
             "replications.until[0].at_year");
  fails_with(experiment("{min: 4, max: 2, until: [{compare: strong, outcome: multi_problem.mean, half_width: 1}]}"),
             "replications.max");
  fails_with(experiment("{min: 4, max: 8}"), "replications.until");
  // Values that would wrap or never decide: refused where they were written.
  fails_with(experiment("{min: 2, max: 3, until: [{compare: strong, outcome: multi_problem, at_week: 99999999999, "
                        "half_width: 1}]}"),
             "at_week: expected a week 0..100000, got 99999999999");
  fails_with(experiment("{min: 2, max: 3, until: [{compare: strong, outcome: multi_problem.mean, half_width: .inf}]}"),
             "half_width: expected a finite half-width > 0");
  fails_with(experiment("{min: 1e30, max: 3, until: [{compare: strong, outcome: multi_problem.mean, half_width: 1}]}"),
             "replications.min: expected a whole number");

  // Independent seeds on request: each variant's runs get a seed of their own, the same
  // on every call, and none of them is the experiment's.
  const std::string db = fresh_db("nocrn.sqlite");
  REQUIRE(cli("sweep " + write("nocrn.yaml", "common_random_numbers: false\n" + experiment("3")) + " --out " + db + " -q",
              log) == 0);
  const ResultStore store(db, OpenMode::read);
  std::map<uint32_t, std::set<uint64_t>> seeds;
  for (const auto& k : store.runs(false)) seeds[k.variant].insert(k.seed);
  REQUIRE(seeds.size() == 2);
  CHECK(seeds[0].size() == 1);
  CHECK(seeds[1].size() == 1);
  CHECK(*seeds[0].begin() != *seeds[1].begin());
  CHECK(*seeds[0].begin() != 11u);
  CHECK(store.provenance("common_random_numbers") == "false");
  // compare then says so and uses Welch's unpaired interval, recomputed here from the rows.
  REQUIRE(cli("compare " + db + " --metric multi_problem.mean --json " + db + ".json", log) == 0);
  CHECK(slurp(log).find("Welch") != std::string::npos);
  const auto j = nlohmann::json::parse(slurp(db + ".json"));
  CHECK(j["interval"] == "welch");
  const auto x = values(db);
  std::vector<double> a, b;
  for (uint32_t r = 0; r < 3; ++r) {
    a.push_back(x.at({1, r}));
    b.push_back(x.at({0, r}));
  }
  const auto mean = [](const std::vector<double>& v) { return (v[0] + v[1] + v[2]) / 3; };
  const auto var = [&](const std::vector<double>& v) {
    double s = 0;
    for (double e : v) s += (e - mean(v)) * (e - mean(v));
    return s / 2;
  };
  const double va = var(a) / 3, vb = var(b) / 3;
  const double df = (va + vb) * (va + vb) / (va * va / 2 + vb * vb / 2);
  const double half = boost::math::quantile(boost::math::students_t(df), 0.975) * std::sqrt(va + vb);
  const auto& cell = j["cells"][0];
  CHECK(cell["difference"].get<double>() == Approx(mean(a) - mean(b)).epsilon(1e-12));
  CHECK(cell["ci_low"].get<double>() == Approx(mean(a) - mean(b) - half).epsilon(1e-9));
  CHECK(cell["ci_high"].get<double>() == Approx(mean(a) - mean(b) + half).epsilon(1e-9));
}

TEST_CASE("stopping rule on a yearly value (at_year)", "[experiments][stopping]") {
  const std::string log = fresh_db("year.log"), plain = fresh_db("year-plain.sqlite"), db = fresh_db("year.sqlite");
  REQUIRE(cli("sweep " + write("year-plain.yaml", experiment("12")) + " --out " + plain + " -q", log) == 0);
  // Year 1 of a stock = its value at week 52, which the plain sweep's time series has.
  std::map<std::pair<uint32_t, uint32_t>, double> x;
  for (const auto& v : ResultStore(plain, OpenMode::read).metric_values("multi_problem", 52u))
    x[{v.key.variant, v.key.replication}] = v.value;
  const double target = std::sqrt(half_width(x, 3) * half_width(x, 12));
  uint32_t expected = 0;
  for (uint32_t r = 3; r <= 12 && expected == 0; r += 3)
    if (half_width(x, r) <= target) expected = r;
  REQUIRE(expected > 3);
  std::ostringstream s;
  s.precision(17);
  s << "{min: 3, max: 12, until: [{compare: strong, outcome: multi_problem, at_year: 1, half_width: " << target << "}]}";
  REQUIRE(cli("sweep " + write("year.yaml", experiment(s.str())) + " --out " + db + " -q", log) == 0);
  CHECK(replications_of(db) == expected);
  CHECK(verdict(db)["criteria"][0]["half_width"].get<double>() == Approx(half_width(x, expected)).epsilon(1e-12));
}
