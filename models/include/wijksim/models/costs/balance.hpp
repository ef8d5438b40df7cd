#pragma once
// "Who pays, who gains": a variant's cost ledger against its baseline's (same city, same
// seed and replication), per financier, and the JSON block for summary.json.
//
//   costs    = variant (intervention + provider + repayment) - baseline (same)
//   avoided  = baseline societal - variant societal
//   net      = avoided - costs          (positive: the financier gains)
// in cents, undiscounted and discounted (costs.discount_rate, week 1 undiscounted).
#include <array>

#include <nlohmann/json.hpp>

#include "wijksim/costs.hpp"

namespace wijksim::models {

std::array<costs::FinancierBalance, costs::kFinancierCount> compare_costs(const costs::CostLedger& baseline,
                                                                          const costs::CostLedger& variant);

// One run's ledger: per financier {intervention, provider, societal, repayment, total,
// total_discounted} in euros (cents / 100), plus "all" (the sum, accumulated separately).
nlohmann::json costs_json(const costs::CostLedger& ledger);
// The comparison: per financier {costs, avoided, net, costs_discounted, avoided_discounted,
// net_discounted} in euros, plus "all".
nlohmann::json balance_json(const std::array<costs::FinancierBalance, costs::kFinancierCount>& balance);

}  // namespace wijksim::models
