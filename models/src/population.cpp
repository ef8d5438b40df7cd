// Reproducible synthetic population. Each attribute is drawn from the CompiledWijk shares;
// the modelling choices where the scenario gives only a share or a mean are stated here.
#include "population.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <vector>

#include "wijksim/philox_wide.hpp"

namespace wijksim::models {

namespace {

// Age bands of CompiledWijk::age_group_share: 18-26, 27-44, 45-64, 65+ (65-90 assumed).
constexpr int kAgeLow[4] = {18, 27, 45, 65};
constexpr int kAgeHigh[4] = {26, 44, 64, 90};

uint8_t unit_to_u8(double x) { return static_cast<uint8_t>(std::lround(std::clamp(x, 0.0, 1.0) * 255.0)); }

// Uniform on [mean - h, mean + h] with h = min(mean, 1 - mean, 0.25): the mean is exact
// and the value stays inside 0..1 (the scenario gives only the mean).
double around_mean(RngStream& r, double mean) {
  mean = std::clamp(mean, 0.0, 1.0);
  const double half = std::min({mean, 1.0 - mean, 0.25});
  return mean + half * (2.0 * r.uniform() - 1.0);
}

// Inverse CDF over a probability row at u in [0, 1] (rows sum to 1; the last level
// absorbs rounding).
int pick_at(double u, const double* p, int n) {
  double acc = 0;
  for (int i = 0; i < n - 1; ++i) {
    acc += p[i];
    if (u < acc) return i;
  }
  return n - 1;
}

int pick(RngStream& r, const double* p, int n) { return pick_at(r.uniform(), p, n); }

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

// Doubles other than NaN as unsigned integers in the same order: -inf .. -0, +0 .. +inf.
uint64_t ordered(double x) {
  const auto u = std::bit_cast<uint64_t>(x);
  return (u >> 63) ? ~u : (u | (uint64_t{1} << 63));
}
double from_ordered(uint64_t k) { return std::bit_cast<double>((k >> 63) ? (k & ~(uint64_t{1} << 63)) : ~k); }

// The least double x with normal_cdf(x) >= acc, by bisection over the doubles in order
// (64 steps); -inf when every x qualifies, +inf when none does (then x < cut always holds).
double cut_at(double acc) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  if (normal_cdf(-inf) >= acc) return -inf;
  if (!(normal_cdf(inf) >= acc)) return inf;
  uint64_t lo = ordered(-inf), hi = ordered(inf);  // normal_cdf(lo) < acc <= normal_cdf(hi)
  while (hi - lo > 1) {
    const uint64_t mid = lo + (hi - lo) / 2;
    if (normal_cdf(from_ordered(mid)) >= acc) hi = mid;
    else lo = mid;
  }
  return from_ordered(hi);
}

}  // namespace

SeverityCuts severity_cuts(const SeverityArray& row) {
  SeverityCuts cut{};
  double acc = 0;  // as pick_at accumulates it
  for (int i = 0; i < kSeverityLevels - 1; ++i) {
    acc += row[i];
    cut[i] = cut_at(acc);
  }
  return cut;
}

std::vector<SeverityCuts> initial_severity_cuts(const CompiledScenario& sc) {
  std::vector<SeverityCuts> out;
  if (!(sc.income.problem_correlation > 0)) return out;
  for (const CompiledWijk& wk : sc.wijken)
    for (const auto* rows : {&wk.initial_severity, &wk.initial_severity_low_income})
      for (int d = 0; d < sc.n_domains; ++d) out.push_back(severity_cuts((*rows)[d]));
  return out;
}

void assign_wijken(const CompiledScenario& sc, SimState& s) {
  uint64_t h = 0;
  for (size_t w = 0; w < sc.wijken.size(); ++w)
    for (uint32_t i = 0; i < sc.wijken[w].households; ++i) s.wijk[h++] = static_cast<uint16_t>(w);
}

void draw_household(const CompiledScenario& sc, const ModelTables& t, SimState& s, uint64_t h, RngStream& r,
                    RngStream& rd) {
  const CompiledIncome& inc = sc.income;
  // Lognormal income factor with mean 1 and sd = sd_fraction.
  const double sigma = std::sqrt(std::log1p(inc.sd_fraction * inc.sd_fraction));
  const CompiledWijk& wk = sc.wijken[s.wijk[h]];

  // Composition: single parent (1 adult, children), couple (2 adults) or single. A share
  // with_children_share of the non-single-parent households has children, all of them
  // couples (a single adult with children is a single parent): P(children | couple) =
  // with_children_share x (1 - single_parent_share) / couple_share, at most 1. Before
  // issue 14 singles drew children too: 24% of one-adult households had children against
  // CBS's 7.4% single parents (DOMAIN-FIGURES §5.2). The same uniforms are drawn as
  // before (one for every non-single parent), so the later draws are unchanged.
  // Children: 1, 2 or 3 with probabilities 0.4, 0.4, 0.2 (assumption; CBS mean ~1.8).
  const double uc = r.uniform();
  const bool single_parent = uc < wk.single_parent_share;
  const bool couple = !single_parent && uc < wk.single_parent_share + wk.couple_share;
  const double p_kids_couple =
      wk.couple_share > 0 ? std::min(1.0, wk.with_children_share * (1.0 - wk.single_parent_share) / wk.couple_share)
                          : 0.0;
  const bool kids = single_parent || (r.uniform() < p_kids_couple && couple);
  const double uk = r.uniform();
  s.adults[h] = couple ? 2 : 1;
  s.children[h] = kids ? static_cast<uint8_t>(uk < 0.4 ? 1 : uk < 0.8 ? 2 : 3) : 0;

  const int band = pick(r, wk.age_group_share.data(), 4);
  s.age0[h] = static_cast<uint8_t>(kAgeLow[band] + std::min<int>(kAgeHigh[band] - kAgeLow[band],
      static_cast<int>(r.uniform() * (kAgeHigh[band] - kAgeLow[band] + 1))));

  // Benefit recipients are a subset of low-income households, so both shares hold:
  // P(benefits | low income) = benefits_share / low_income_share.
  const bool low_income = r.uniform() < std::max(wk.low_income_share, wk.benefits_share);
  const double p_benefits = low_income && wk.low_income_share > 0
                                ? std::min(1.0, wk.benefits_share / std::max(wk.low_income_share, wk.benefits_share))
                                : 0.0;
  const bool benefits = low_income && r.uniform() < p_benefits;
  WorkStatus work = WorkStatus::employed;
  if (benefits) work = WorkStatus::benefits;
  else if (band == 3) work = WorkStatus::retired;
  else if (band == 0 && r.uniform() < 0.25) work = WorkStatus::student;  // assumption
  s.work_status[h] = static_cast<uint8_t>(work);

  const double mean = benefits ? inc.benefits_mean : low_income ? inc.low_income_mean : inc.other_mean;
  const double factor = std::exp(sigma * r.normal() - 0.5 * sigma * sigma);
  s.income[h] = static_cast<uint32_t>(std::max(0.0, std::floor(mean * factor + 0.5)));

  uint8_t* sev = s.severity_row(h);
  const auto& rows = low_income ? wk.initial_severity_low_income : wk.initial_severity;
  if (inc.problem_correlation > 0) {
    // Gaussian copula: one latent vulnerability z shared by the household's domains, so
    // problems co-occur as the coupled dynamics make them do, while u_d stays uniform and
    // each domain's marginal (given income) is exactly its initial row.
    const double a = std::sqrt(inc.problem_correlation);
    const double b = std::sqrt(1.0 - inc.problem_correlation);
    // Level by the cut points of the row (initial_severity_cuts): the inverse CDF at
    // u = Phi(a z + b e) without the erfc.
    const double z = r.normal();
    const SeverityCuts* cuts =
        t.severity_cuts.data() + (size_t{s.wijk[h]} * 2 + (low_income ? 1 : 0)) * static_cast<size_t>(t.n_domains);
    for (int d = 0; d < t.n_domains; ++d) sev[d] = static_cast<uint8_t>(level_at(a * z + b * r.normal(), cuts[d]));
  } else {
    // rho = 0 keeps the original independent draws (one uniform per domain) bit for bit.
    for (int d = 0; d < t.n_domains; ++d)
      sev[d] = static_cast<uint8_t>(1 + pick(r, rows[d].data(), kSeverityLevels));
  }

  s.network[h] = unit_to_u8(around_mean(r, wk.network_strength_mean));
  s.care_avoidance[h] = unit_to_u8(around_mean(r, wk.care_avoidance_mean));
  // Unemployed at week 0 (issue 14): the last draw of the stream, and only when the share
  // is positive, so a scenario without it draws the same population bit for bit. Income
  // x 0.7 (WW pays 70-75% of the last wage; the default city's job_loss uses 0.7), rounded
  // half up like an event's income_factor.
  if (inc.unemployed_share > 0 && work == WorkStatus::employed && r.uniform() < inc.unemployed_share) {
    s.work_status[h] = static_cast<uint8_t>(WorkStatus::unemployed);
    s.income[h] = static_cast<uint32_t>(std::floor(static_cast<double>(s.income[h]) * 0.7 + 0.5));
  }
  s.flags[h] = static_cast<uint8_t>((single_parent ? kFlagSingleParent : 0) | (low_income ? kFlagLowIncome : 0));

  // Initial debt for households with finance problems (severity <= 2): exponential
  // amount around initial_mean_if_problem, creditors 1 + Poisson(mean - 1).
  s.debt[h] = 0;
  s.creditors[h] = 0;
  if (t.debt && sev[t.finances] <= 2) {
    const CompiledDebt& cd = sc.debt;
    s.debt[h] = std::llround(rd.exponential(cd.initial_mean_if_problem));
    s.creditors[h] = static_cast<uint8_t>(
        std::min<uint32_t>(255, 1 + rd.poisson(std::max(0.0, cd.initial_creditors_mean - 1.0))));
  }
}

void draw_households(const CompiledScenario& sc, const ModelTables& t, const Philox::key_type& key,
                     uint32_t replication, SimState& s, uint64_t begin, uint64_t end) {
  // The population streams' first blocks for a run of households at once, one wide
  // philox_draw_blocks call per block index (block i of a call is household run + i's):
  // a household draws ~10 blocks, and one at a time they were a fifth of initialisation.
  // Enough blocks for every word draw_household reads but the rare ones, which the stream
  // then draws itself: 10 single words, 2 for the income, 2 for network and care avoidance,
  // and the severities (two per domain and two more with the copula, else one per domain).
  const uint32_t words = 14 + (sc.income.problem_correlation > 0 ? 2 + 2 * static_cast<uint32_t>(sc.n_domains)
                                                                 : static_cast<uint32_t>(sc.n_domains));
  const uint32_t n_head = std::min<uint32_t>(32, (words + 3) / 4);
  constexpr uint64_t kRun = 256;
  const size_t stride = 4 * kRun;
  std::vector<uint32_t> head(stride * n_head);
  for (uint64_t run = begin; run < end; run += kRun) {
    const auto m = static_cast<uint32_t>(std::min(kRun, end - run));
    for (uint32_t j = 0; j < n_head; ++j)
      philox_draw_blocks(key, static_cast<uint32_t>(run), m, 0, replication, Purpose::population, j,
                         head.data() + j * stride);
    for (uint32_t i = 0; i < m; ++i) {
      const uint64_t h = run + i;
      RngStream r(key, static_cast<uint32_t>(h), 0, replication, Purpose::population, head.data() + 4 * i, stride, n_head);
      RngStream rd(key, static_cast<uint32_t>(h), 0, replication, Purpose::debt);
      draw_household(sc, t, s, h, r, rd);
      s.household_id[h] = h;
    }
  }
}

}  // namespace wijksim::models
