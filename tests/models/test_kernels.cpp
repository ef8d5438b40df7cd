// The household kernels against each other.
// 1. The lean kernel (models/src/lean_kernel.*) gives exactly the general kernel's results
//    wherever it applies: the same weekly metrics, provider counters and state hash, week
//    after week, on households-ref with its provider (help-seeking with certainty, service
//    effects, a long queue) and on the default city with coupling, life events and the
//    network effect off (debt, care avoidance, ten wijken, entry choice, pathways).
// 2. The dense kernel's AVX-512 path and its portable loop give the same bits.
// 3. The dense kernel draws the same law as the lean one: replicated runs agree within
//    4 standard errors of the difference of means (SE from the replicates themselves).
// Negative controls: the intended kernel really ran; a different seed changes the hash.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>

#include "dense_kernel.hpp"
#include "wijksim/bench.hpp"
#include "wijksim/providers/service.hpp"
#include "wijksim/scenarios/load.hpp"
#include "wijksim/simulation.hpp"

using namespace wijksim;

namespace {

struct Trace {
  std::string kernel;
  std::vector<WeekMetrics> weeks;
  std::vector<std::vector<providers::ProviderWeek>> provider_weeks;
  uint64_t hash = 0;
};

using Kernel = RunOptions::Kernel;

Trace run(const CompiledScenario& s, Kernel kernel, uint32_t weeks, int threads = 1) {
  Trace t;
  Simulation sim(s, {.threads = threads, .kernel = kernel});
  t.kernel = sim.household_kernel();
  sim.initialise();
  while (sim.week() < weeks) {
    sim.step();
    t.weeks.push_back(sim.metrics());
    t.provider_weeks.push_back(sim.providers().week_counters);
  }
  t.hash = sim.state_hash();
  return t;
}

void require_same(const Trace& lean, const Trace& general) {
  REQUIRE(lean.weeks.size() == general.weeks.size());
  for (size_t w = 0; w < lean.weeks.size(); ++w) {
    INFO("week " << w + 1);
    const auto& a = lean.weeks[w];
    const auto& b = general.weeks[w];
    REQUIRE(a.all.severity_count == b.all.severity_count);
    REQUIRE(a.all.multi_problem == b.all.multi_problem);
    REQUIRE(a.all.total_debt == b.all.total_debt);
    REQUIRE(a.all.households_in_debt == b.all.households_in_debt);
    REQUIRE(a.care == b.care);
    REQUIRE(a.financier_cents == b.financier_cents);
    REQUIRE(a.wijk.size() == b.wijk.size());
    for (size_t k = 0; k < a.wijk.size(); ++k) REQUIRE(a.wijk[k].severity_count == b.wijk[k].severity_count);
    const auto& pa = lean.provider_weeks[w];
    const auto& pb = general.provider_weeks[w];
    REQUIRE(pa.size() == pb.size());
    for (size_t p = 0; p < pa.size(); ++p) {
      INFO("provider " << p);
      REQUIRE(pa[p].queue_length == pb[p].queue_length);
      REQUIRE(pa[p].in_service == pb[p].in_service);
      REQUIRE(pa[p].admissions == pb[p].admissions);
      REQUIRE(pa[p].discharges == pb[p].discharges);
      REQUIRE(pa[p].requests == pb[p].requests);
      REQUIRE(pa[p].wait_sum == pb[p].wait_sum);
    }
  }
  REQUIRE(lean.hash == general.hash);
}

CompiledScenario households_ref(uint64_t households) {
  const auto loaded =
      scenarios::load_scenario_file(std::string(WIJKSIM_SOURCE_DIR) + "/scenarios/reference/households-ref.yaml");
  return scale_households(scenarios::compile(loaded.spec), households);
}

// The default city with everything the dense kernel cannot do switched off: independent
// domains, no providers; its debt, care avoidance and ten wijken stay.
CompiledScenario dense_city(uint64_t households) {
  const auto loaded = scenarios::load_default_scenario({{"dynamics.coupling", "[]"},
                                                        {"life_events", "[]"},
                                                        {"dynamics.network_improvement", "0"},
                                                        {"providers", "[]"},
                                                        {"pathways", "[]"}});
  return scale_households(scenarios::compile(loaded.spec), households);
}


// Runs s with the lean and the general kernel and requires the same bits; returns the lean run.
Trace lean_equals_general(const CompiledScenario& s, uint32_t weeks) {
  const Trace lean = run(s, Kernel::lean, weeks);
  const Trace general = run(s, Kernel::general, weeks);
  REQUIRE(lean.kernel == "lean");
  REQUIRE(general.kernel == "general");
  require_same(lean, general);
  return lean;
}

}  // namespace

TEST_CASE("lean kernel = general kernel on households-ref with its provider", "[lean][determinism]") {
  const CompiledScenario s = households_ref(30000);
  const Trace lean = lean_equals_general(s, 40);
  // The queue really forms and households really change (the comparison is not vacuous).
  REQUIRE(lean.provider_weeks.back().at(0).queue_length > 1000);
  REQUIRE(lean.weeks.back().all.severity_count != lean.weeks.front().all.severity_count);
  // Threads do not matter to the lean kernel either.
  REQUIRE(run(s, Kernel::lean, 40, 3).hash == lean.hash);
  CompiledScenario other = s;
  other.seed += 1;
  CHECK(run(other, Kernel::lean, 40).hash != lean.hash);
}

TEST_CASE("lean kernel = general kernel on the default city without coupling, events and network effect",
          "[lean][determinism]") {
  const auto loaded = scenarios::load_default_scenario(
      {{"dynamics.coupling", "[]"}, {"life_events", "[]"}, {"dynamics.network_improvement", "0"}});
  const CompiledScenario s = scale_households(scenarios::compile(loaded.spec), 20000);
  const Trace lean = lean_equals_general(s, 52);
  REQUIRE(lean.weeks.back().all.total_debt != lean.weeks.front().all.total_debt);  // debt grows
  uint64_t admissions = 0;
  for (const auto& week : lean.provider_weeks)
    for (const auto& p : week) admissions += p.admissions;
  REQUIRE(admissions > 100);
}

TEST_CASE("which kernel runs: a function of the scenario", "[lean][dense]") {
  const auto city = scenarios::compile(scenarios::load_default_scenario().spec);
  CHECK(std::string(Simulation(city, {}).household_kernel()) == "general");
  CHECK(std::string(Simulation(city, {.kernel = Kernel::dense}).household_kernel()) == "general");  // falls back
  const auto no_coupling = scenarios::compile(
      scenarios::load_default_scenario({{"dynamics.coupling", "[]"}, {"life_events", "[]"}}).spec);
  CHECK(std::string(Simulation(no_coupling, {}).household_kernel()) == "general");  // network effect left
  const auto lean_city = scenarios::compile(scenarios::load_default_scenario(
      {{"dynamics.coupling", "[]"}, {"life_events", "[]"}, {"dynamics.network_improvement", "0"}}).spec);
  CHECK(std::string(Simulation(lean_city, {}).household_kernel()) == "lean");  // 20 providers: too many for dense
  const auto ref = scenarios::compile(
      scenarios::load_scenario_file(std::string(WIJKSIM_SOURCE_DIR) + "/scenarios/reference/households-ref.yaml").spec);
  CHECK(std::string(Simulation(ref, {}).household_kernel()) == "dense");
  CHECK(std::string(Simulation(ref, {.kernel = Kernel::lean}).household_kernel()) == "lean");
}


TEST_CASE("dense kernel: the AVX-512 and AVX2 paths and the portable loop give the same bits", "[dense][determinism]") {
  const std::string best = models::dense_kernel_isa();
  if (best != "avx512") WARN("no AVX-512 here (best path: " << best << "): the wider paths are not compared");
  // Odd sizes: partial groups of 16 and 8; 37 and 7 households: the array's last groups.
  for (const CompiledScenario& s : {households_ref(30001), dense_city(20003), households_ref(37), dense_city(7)}) {
    INFO(s.name);
    const Trace wide = run(s, Kernel::dense, 40);
    REQUIRE(wide.kernel == "dense");
    for (const char* isa : {"portable", "avx2"}) {
      INFO("path " << isa);
      models::dense_kernel_force_isa(isa);
      const Trace other = run(s, Kernel::dense, 40);
      const Trace other_3 = run(s, Kernel::dense, 40, 3);
      models::dense_kernel_force_isa(nullptr);
      require_same(wide, other);
      REQUIRE(other_3.hash == other.hash);
    }
    for (int threads : {2, 8}) REQUIRE(run(s, Kernel::dense, 40, threads).hash == wide.hash);
    if (s.total_households() > 1000)
      REQUIRE(wide.weeks.back().all.severity_count != wide.weeks.front().all.severity_count);
  }
}

namespace {

// Replicate means of some end-of-run statistics, and whether two kernels agree on each.
struct Replicates {
  std::vector<std::vector<double>> values;  // [statistic][replicate]
};

Replicates replicate(CompiledScenario s, Kernel kernel, int reps, uint32_t weeks,
                     const std::function<std::vector<double>(const Simulation&)>& stats) {
  Replicates r;
  for (int k = 0; k < reps; ++k) {
    s.seed = 1000 + static_cast<uint64_t>(k);
    Simulation sim(s, {.kernel = kernel});
    sim.initialise();
    while (sim.week() < weeks) sim.step();
    const auto v = stats(sim);
    r.values.resize(v.size());
    for (size_t i = 0; i < v.size(); ++i) r.values[i].push_back(v[i]);
  }
  return r;
}

void require_same_law(const Replicates& a, const Replicates& b, const std::vector<std::string>& names) {
  for (size_t i = 0; i < names.size(); ++i) {
    const auto mean_var = [](const std::vector<double>& x) {
      double m = 0, v = 0;
      for (double y : x) m += y;
      m /= static_cast<double>(x.size());
      for (double y : x) v += (y - m) * (y - m);
      return std::pair{m, v / static_cast<double>(x.size() - 1)};
    };
    const auto [ma, va] = mean_var(a.values[i]);
    const auto [mb, vb] = mean_var(b.values[i]);
    const double se = std::sqrt(va / a.values[i].size() + vb / b.values[i].size());
    INFO(names[i] << ": dense " << ma << " vs lean " << mb << " (4 SE " << 4 * se << ")");
    CHECK(se > 0);
    CHECK(std::abs(ma - mb) <= 4 * se);
  }
}

}  // namespace

TEST_CASE("dense kernel: the same law as the lean kernel", "[dense][statistical]") {
  const int reps = 12;
  SECTION("households-ref with its provider") {
    const auto stats = [](const Simulation& sim) {
      const auto& m = sim.metrics();
      const double n = static_cast<double>(m.all.households);
      double sev = 0;
      for (size_t i = 0; i < m.all.severity_count.size(); ++i)
        sev += static_cast<double>((i % 5) + 1) * static_cast<double>(m.all.severity_count[i]);
      return std::vector<double>{sev / (n * 10), double(m.all.multi_problem) / n, double(m.care[1]) / n,
                                 double(m.all.severity_count[0]) / n, double(m.all.severity_count[4]) / n};
    };
    const std::vector<std::string> names{"mean severity", "multi-problem share", "waiting share",
                                         "domain 0 at severity 1", "domain 0 at severity 5"};
    const auto s = households_ref(20000);
    require_same_law(replicate(s, Kernel::dense, reps, 52, stats), replicate(s, Kernel::lean, reps, 52, stats), names);
  }
  SECTION("the default city without coupling, events and providers (debt)") {
    const auto stats = [](const Simulation& sim) {
      const auto& m = sim.metrics();
      const double n = static_cast<double>(m.all.households);
      return std::vector<double>{double(m.all.total_debt) / n, double(m.all.households_in_debt) / n,
                                 double(m.all.multi_problem) / n};
    };
    const std::vector<std::string> names{"debt per household", "share in debt", "multi-problem share"};
    const auto s = dense_city(20000);
    require_same_law(replicate(s, Kernel::dense, reps, 52, stats), replicate(s, Kernel::lean, reps, 52, stats), names);
  }
}
