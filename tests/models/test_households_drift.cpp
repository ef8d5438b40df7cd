// Issue 14: the default city's baseline over ten years, and the debt and work exits and
// entries that keep it stationary, against their analytic expectations.
//
// Drift: year 1 (week 52) against year 10 (week 520) of households in debt, total debt,
// multi-problem households, unemployment, households with children, the number of
// persons and households on benefits, each within +-5%. The city is scaled to WIJKSIM_DRIFT_HOUSEHOLDS households
// (default 50,000, the default city itself), 5 seeds (WIJKSIM_DRIFT_SEEDS). Measured spread
// of the year-10/year-1 ratio over seeds at 50k: 0.3% (persons) to 4.4% (unemployment),
// 2.4% for multi-problem households, so the mean over 5 seeds has an SE of 0.1-2%; at the
// earlier default, 20k x 3, multi-problem households had a spread of 5.1% (SE 3%) and the
// +-5% verdict turned on noise. 50k x 5 x 520 weeks takes a few seconds.

// The providers are scaled with the city (capacity, initial_in_service and initial_waiting
// x households / 50,000, rounded, at least 1 where positive), so the 20k city has the real
// city's queues, not a 50k city's capacity for 40% of its households.
//
// Waiting lists per provider (issue 14): the mean queue length over year 1 (weeks 1-52)
// against year 10 (weeks 469-520), means over the seeds, for every provider whose year-1
// mean is at least 5 households. Tolerance: +-5%, or where the queue is noisy, 4 standard
// errors of the difference of the two years' means, from the run's own spread: sigma^2 is
// the variance of one year's mean queue around its seed's ten-year mean, pooled over the
// seeds (9 degrees of freedom each), so the difference of two years over S seeds has SE
// sigma sqrt(2 / S) and the tolerance is max(5%, 4 sigma sqrt(2 / S) / year 1). The
// earlier rule, 4 sqrt(2 / (S n)) from the n waits of a year as if independent, was far too
// tight for a list near its capacity: one busy spell lengthens every wait of a year (GGZ,
// 50k households: yearly means of one seed from 13 to 48 households).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "wijksim/bench.hpp"
#include "wijksim/providers/service.hpp"
#include "wijksim/scenarios/load.hpp"
#include "wijksim/simulation.hpp"
#include "wijksim/state.hpp"

namespace {

// The acceptance's six, and the households on benefits (bijstand), which leaving_benefits
// and benefits_start keep stationary.
constexpr int kQuantities = 7;
const char* const kNames[kQuantities] = {"households in debt", "total debt (EUR)", "multi-problem households",
                                         "unemployed (share of employed+unemployed)", "households with children",
                                         "persons", "households on benefits"};

std::vector<double> quantities(const wijksim::Simulation& sim) {
  const wijksim::SimState& s = sim.state();
  const wijksim::WeekMetrics& m = sim.metrics();
  double unemployed = 0, labour = 0, with_children = 0, persons = 0, benefits = 0;
  for (uint64_t h = 0; h < s.n_households; ++h) {
    const auto w = static_cast<wijksim::WorkStatus>(s.work_status[h]);
    unemployed += w == wijksim::WorkStatus::unemployed;
    labour += w == wijksim::WorkStatus::unemployed || w == wijksim::WorkStatus::employed;
    benefits += w == wijksim::WorkStatus::benefits;
    with_children += s.children[h] > 0;
    persons += s.adults[h] + s.children[h];
  }
  return {static_cast<double>(m.all.households_in_debt), static_cast<double>(m.all.total_debt),
          static_cast<double>(m.all.multi_problem), unemployed / labour, with_children, persons, benefits};
}

// The header's rule: max(5%, 4 sigma sqrt(2 / S) / year 1), sigma^2 the pooled variance of
// the yearly means (queue[seed][year]) around each seed's ten-year mean.
double queue_tolerance(const std::vector<std::vector<double>>& queue, double year1) {
  if (year1 <= 0) return 1.0;
  double ss = 0, df = 0;
  for (const auto& years : queue) {
    double mean = 0;
    for (double q : years) mean += q / static_cast<double>(years.size());
    for (double q : years) ss += (q - mean) * (q - mean);
    df += static_cast<double>(years.size()) - 1.0;
  }
  const double sigma = std::sqrt(ss / std::max(1.0, df));
  return std::max(0.05, 4.0 * sigma * std::sqrt(2.0 / static_cast<double>(queue.size())) / year1);
}

uint64_t env_or(const char* name, uint64_t fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::strtoull(v, nullptr, 10) : fallback;
}

struct Drift {
  std::vector<double> year1, year10;
  // Per provider: mean queue length over year 1 / year 10 (mean over seeds), the yearly
  // means per seed ([p][seed][year], years 1-10) and the tolerance they give.
  std::vector<std::string> provider;
  std::vector<double> queue1, queue10, tolerance;
  std::vector<std::vector<std::vector<double>>> queue;
};

// The default city at `households` households with its providers scaled alike.
wijksim::CompiledScenario scaled_city(uint64_t households) {
  const auto base = wijksim::scenarios::compile(wijksim::scenarios::load_default_scenario().spec);
  auto scenario = wijksim::scale_households(base, households);
  const double f = static_cast<double>(households) / static_cast<double>(base.total_households());
  const auto scale = [&](int32_t v) { return v > 0 ? std::max<int32_t>(1, static_cast<int32_t>(std::lround(v * f))) : v; };
  for (auto& p : scenario.network.providers) {
    p.capacity = scale(p.capacity);
    p.initial_in_service = scale(p.initial_in_service);
    p.initial_waiting = scale(p.initial_waiting);
  }
  return scenario;
}

// The six quantities at week 52 and week 520, each the mean over the seeds; prints the table.
Drift ten_year_drift() {
  const uint64_t households = env_or("WIJKSIM_DRIFT_HOUSEHOLDS", 50000);
  const uint64_t seeds = env_or("WIJKSIM_DRIFT_SEEDS", 5);
  const auto scenario = scaled_city(households);
  const size_t np = scenario.network.providers.size();
  Drift d{std::vector<double>(kQuantities, 0.0), std::vector<double>(kQuantities, 0.0), {},
          std::vector<double>(np, 0.0), std::vector<double>(np, 0.0), std::vector<double>(np, 0.0),
          std::vector<std::vector<std::vector<double>>>(np, std::vector<std::vector<double>>(seeds, std::vector<double>(10, 0.0)))};
  for (const auto& p : scenario.network.providers) d.provider.push_back(p.name);
  const double per_seed = 1.0 / static_cast<double>(seeds);
  std::vector<std::vector<double>> ratio(kQuantities);
  for (uint64_t k = 0; k < seeds; ++k) {
    wijksim::Simulation sim(scenario, {.threads = 2, .override_seed = true, .seed = 1000 + k});
    sim.initialise();
    std::vector<double> a;
    while (sim.week() < 520) {
      sim.step();
      if (sim.week() == 52) a = quantities(sim);
      const size_t year = (sim.week() - 1) / 52;  // 0..9
      for (size_t p = 0; p < np; ++p) d.queue[p][k][year] += sim.providers().week_counters[p].queue_length / 52.0;
    }
    for (size_t p = 0; p < np; ++p) {
      d.queue1[p] += d.queue[p][k][0] * per_seed;
      d.queue10[p] += d.queue[p][k][9] * per_seed;
    }
    const std::vector<double> b = quantities(sim);
    for (int q = 0; q < kQuantities; ++q) {
      d.year1[q] += a[q] / static_cast<double>(seeds);
      d.year10[q] += b[q] / static_cast<double>(seeds);
      ratio[q].push_back(b[q] / a[q] - 1.0);
    }
  }
  std::printf("drift, %llu households, %llu seeds: year 1 (week 52) -> year 10 (week 520)\n",
              static_cast<unsigned long long>(households), static_cast<unsigned long long>(seeds));
  for (int q = 0; q < kQuantities; ++q) {
    double mean = 0, var = 0;
    for (double r : ratio[q]) mean += r / static_cast<double>(ratio[q].size());
    for (double r : ratio[q]) var += (r - mean) * (r - mean) / std::max<double>(1.0, ratio[q].size() - 1.0);
    std::printf("  %-44s %14.4f %14.4f  %+6.2f%% (sd over seeds %.2f%%)\n", kNames[q], d.year1[q], d.year10[q],
                100.0 * (d.year10[q] / d.year1[q] - 1.0), 100.0 * std::sqrt(var));
  }
  std::printf("  waiting lists (mean queue length over the year):\n");
  for (size_t p = 0; p < np; ++p) {
    d.tolerance[p] = queue_tolerance(d.queue[p], d.queue1[p]);
    std::printf("  %-44s %14.2f %14.2f  %+6.2f%% (tolerance %.1f%%)\n", d.provider[p].c_str(), d.queue1[p],
                d.queue10[p], d.queue1[p] > 0 ? 100.0 * (d.queue10[p] / d.queue1[p] - 1.0) : 0.0,
                100.0 * d.tolerance[p]);
  }
  return d;
}

// One ten-year measurement per process, shared by the test cases below.
const Drift& drift() {
  static const Drift d = ten_year_drift();
  return d;
}

void check_within_5_percent(const Drift& d, int q) {
  INFO(kNames[q] << ": year 1 " << d.year1[q] << ", year 10 " << d.year10[q]);
  CHECK(d.year10[q] >= 0.95 * d.year1[q]);
  CHECK(d.year10[q] <= 1.05 * d.year1[q]);
}

}  // namespace

TEST_CASE("default city: ten years stay within +-5% of year 1", "[models][drift][issue14]") {
  const Drift& d = drift();
  for (int q = 0; q < kQuantities; ++q) check_within_5_percent(d, q);
}

// Every provider with a real list (wijkteam-nieuwbouw, once loaded to capacity with a list
// swinging by a factor 2-4 from year to year, has 6.5 FTE for its 6,500 households now, and
// no list; GGZ is the one provider with a list).
TEST_CASE("default city: waiting lists per provider stay near year 1", "[models][drift][issue14]") {
  const Drift& d = drift();
  int checked = 0;
  for (size_t p = 0; p < d.provider.size(); ++p) {
    if (d.queue1[p] < 5.0) continue;  // no real list: nothing to keep stable
    INFO(d.provider[p] << ": year 1 " << d.queue1[p] << ", year 10 " << d.queue10[p] << ", tolerance " << d.tolerance[p]);
    CHECK(std::abs(d.queue10[p] / d.queue1[p] - 1.0) <= d.tolerance[p]);
    ++checked;
  }
  CHECK(checked > 0);
}
