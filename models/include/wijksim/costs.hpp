#pragma once
// Costs and benefits per financier: the compiled cost model (scenario key `costs:`) and
// the ledger a run fills. Plain data; the accounting phase is models/src/costs/.
//
// Financiers: the provider network's seven (providers::Financier, same order and names)
// plus the general municipal budget (Wgs debt assistance, programmes not under a law) and
// landlords (housing corporations bear direct eviction costs, DOMAIN-FIGURES §3.2).
//
// Categories: `intervention` (what interventions spend, incl. debt settlements),
// `provider` (client-weeks and intakes of the provider network), `societal` (costs that
// problems cause: evictions, benefits, emergency care, GGZ crisis, youth care placements)
// and `repayment` (money flowing back to a financier, negative). Cost of a financier =
// the sum of its four categories.
//
// Money is whole euro cents in int64: every sum is exact and independent of thread count
// and order, so "per-financier costs add up to the total" holds bit for bit. Discounted
// figures (double) are accumulated serially in week order, so they are reproducible too.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "wijksim/providers/network.hpp"

namespace wijksim::costs {

inline constexpr int kMunicipality = providers::kFinancierCount;       // 7
inline constexpr int kLandlord = providers::kFinancierCount + 1;       // 8
inline constexpr int kFinancierCount = providers::kFinancierCount + 2;  // 9
inline constexpr std::array<std::string_view, kFinancierCount> kFinancierNames{
    "wmo", "jeugdwet", "participatiewet", "zvw", "wlz", "volunteers", "household", "municipality", "landlord"};

enum Category : int { intervention = 0, provider = 1, societal = 2, repayment = 3 };
inline constexpr int kCategoryCount = 4;
inline constexpr std::array<std::string_view, kCategoryCount> kCategoryNames{"intervention", "provider", "societal",
                                                                              "repayment"};

// A societal cost event: each week, a household for which every condition holds incurs it
// with `weekly_probability` (1 = a stock cost paid every week, e.g. a benefit), at
// `unit_cost_cents`, paid by `financier`. Events are counted, not fed back into the state:
// the accounting never changes what households do.
struct SocietalCost {
  std::string name;
  std::vector<providers::DomainThreshold> all_of;  // every domain at or below its level
  int work_status = -1;        // WorkStatus value required, or -1
  bool needs_children = false;
  bool needs_debt = false;     // only households in debt: debt > 0 or arrears growing this week
  double weekly_probability = 0;
  int64_t unit_cost_cents = 0;
  int financier = kMunicipality;
};

struct CompiledCosts {
  bool enabled = true;
  double discount_rate = 0.0225;  // per year; Dutch MKBA guideline rate (DOMAIN-FIGURES §3.3)
  std::vector<SocietalCost> societal;
};

// Discount factor of week w (week 1 = first step): 1 / (1 + r)^((w - 1) / 52).
inline double discount_factor(double annual_rate, uint32_t week) {
  return std::pow(1.0 + annual_rate, -static_cast<double>(week == 0 ? 0 : week - 1) / 52.0);
}

// Costs of one run, per financier and category. `week_*` is the last completed week;
// `total_*` sums every week. `week_all` / `total_all` are accumulated alongside (not
// derived), so a test can check that the per-financier rows add up to them.
struct CostLedger {
  using Rows = std::array<std::array<int64_t, kCategoryCount>, kFinancierCount>;
  Rows week{};
  Rows total{};
  std::array<int64_t, kCategoryCount> week_all{};
  std::array<int64_t, kCategoryCount> total_all{};
  std::array<std::array<double, kCategoryCount>, kFinancierCount> discounted{};  // cents, whole run
  std::vector<uint64_t> week_events;   // per SocietalCost: events this week
  std::vector<uint64_t> total_events;  // per SocietalCost: whole run

  void post(int financier, Category c, int64_t cents) {
    week[financier][c] += cents;
    week_all[c] += cents;
  }
  // Clears the week's rows (start of a step).
  void begin_week() {
    week = Rows{};
    week_all = {};
    std::fill(week_events.begin(), week_events.end(), 0);
  }
  // Adds the week into the totals (end of a step), discounting at `rate`.
  void end_week(double rate, uint32_t w) {
    const double f = discount_factor(rate, w);
    for (int i = 0; i < kFinancierCount; ++i)
      for (int c = 0; c < kCategoryCount; ++c) {
        total[i][c] += week[i][c];
        discounted[i][c] += static_cast<double>(week[i][c]) * f;
      }
    for (int c = 0; c < kCategoryCount; ++c) total_all[c] += week_all[c];
    for (size_t e = 0; e < week_events.size(); ++e) total_events[e] += week_events[e];
  }
  int64_t financier_total(int f) const {
    int64_t s = 0;
    for (int c = 0; c < kCategoryCount; ++c) s += total[f][c];
    return s;
  }
};

// Who pays, who gains: a variant against its baseline (same city, same seed), per
// financier, in cents. costs = extra spending (interventions + change in provider costs
// - repayments); avoided = societal costs the baseline had and the variant did not; net =
// avoided - costs (positive: the financier gains). Discounted values likewise.
struct FinancierBalance {
  int64_t costs = 0, avoided = 0, net = 0;
  double costs_discounted = 0, avoided_discounted = 0, net_discounted = 0;

  FinancierBalance& operator+=(const FinancierBalance& o) {
    costs += o.costs;
    avoided += o.avoided;
    net += o.net;
    costs_discounted += o.costs_discounted;
    avoided_discounted += o.avoided_discounted;
    net_discounted += o.net_discounted;
    return *this;
  }
};

}  // namespace wijksim::costs
