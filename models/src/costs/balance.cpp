// compare_costs / costs_json / balance_json (wijksim/models/costs/balance.hpp).
#include "wijksim/models/costs/balance.hpp"

#include "wijksim/output/money.hpp"

namespace wijksim::models {

namespace {

using costs::kCategoryCount;
using costs::kFinancierCount;

int64_t spending(const costs::CostLedger::Rows& rows, int f) {
  return rows[f][costs::intervention] + rows[f][costs::provider] + rows[f][costs::repayment];
}
double spending(const costs::CostLedger& l, int f) {
  return l.discounted[f][costs::intervention] + l.discounted[f][costs::provider] + l.discounted[f][costs::repayment];
}

using output::euros;

}  // namespace

std::array<costs::FinancierBalance, kFinancierCount> compare_costs(const costs::CostLedger& baseline,
                                                                   const costs::CostLedger& variant) {
  std::array<costs::FinancierBalance, kFinancierCount> out{};
  for (int f = 0; f < kFinancierCount; ++f) {
    auto& b = out[f];
    b.costs = spending(variant.total, f) - spending(baseline.total, f);
    b.avoided = baseline.total[f][costs::societal] - variant.total[f][costs::societal];
    b.net = b.avoided - b.costs;
    b.costs_discounted = spending(variant, f) - spending(baseline, f);
    b.avoided_discounted = baseline.discounted[f][costs::societal] - variant.discounted[f][costs::societal];
    b.net_discounted = b.avoided_discounted - b.costs_discounted;
  }
  return out;
}

nlohmann::json costs_json(const costs::CostLedger& ledger) {
  nlohmann::json out = nlohmann::json::object();
  for (int f = 0; f < kFinancierCount; ++f) {
    nlohmann::json row;
    double discounted = 0;
    for (int c = 0; c < kCategoryCount; ++c) {
      row[std::string(costs::kCategoryNames[c])] = euros(ledger.total[f][c]);
      discounted += ledger.discounted[f][c];
    }
    row["total"] = euros(ledger.financier_total(f));
    row["total_discounted"] = euros(discounted);
    out[std::string(costs::kFinancierNames[f])] = row;
  }
  nlohmann::json all;
  int64_t sum = 0;
  for (int c = 0; c < kCategoryCount; ++c) {
    all[std::string(costs::kCategoryNames[c])] = euros(ledger.total_all[c]);
    sum += ledger.total_all[c];
  }
  all["total"] = euros(sum);
  out["all"] = all;
  return out;
}

nlohmann::json balance_json(const std::array<costs::FinancierBalance, kFinancierCount>& balance) {
  const auto row = [](const costs::FinancierBalance& b) {
    return nlohmann::json{{"costs", euros(b.costs)},
                          {"avoided", euros(b.avoided)},
                          {"net", euros(b.net)},
                          {"costs_discounted", euros(b.costs_discounted)},
                          {"avoided_discounted", euros(b.avoided_discounted)},
                          {"net_discounted", euros(b.net_discounted)}};
  };
  nlohmann::json out = nlohmann::json::object();
  costs::FinancierBalance all;
  for (int f = 0; f < kFinancierCount; ++f) {
    out[std::string(costs::kFinancierNames[f])] = row(balance[f]);
    all += balance[f];
  }
  out["all"] = row(all);
  return out;
}

}  // namespace wijksim::models
