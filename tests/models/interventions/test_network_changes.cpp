// Network interventions on a hand-built provider network: each moves its own lever in the
// documented direction, only while active, and leaves the base network untouched.
#include <catch2/catch.hpp>

#include "wijksim/models/interventions/network.hpp"

using namespace wijksim;

namespace {

providers::CompiledProviderNetwork three_providers() {
  providers::CompiledProviderNetwork net;
  for (const char* name : {"wijkteam", "ggz", "debt"}) {
    providers::CompiledProvider p;
    p.name = name;
    p.capacity = 10;
    p.dropout_weekly = 0.1;
    net.providers.push_back(p);
  }
  net.providers[1].effects = {{5, 0.05}};
  net.providers[2].effects = {{0, 0.04}};
  net.providers[1].financier = providers::Financier::zvw;
  providers::CompiledPathway a;
  a.from = 0, a.to = 1, a.loss = 0.2;
  providers::CompiledPathway b;
  b.from = 0, b.to = 2, b.loss = 0.1;
  net.pathways = {a, b};
  return net;
}

CompiledIntervention network_iv(InterventionType t, std::vector<int> providers, uint32_t start, uint32_t end) {
  CompiledIntervention iv;
  iv.type = t;
  iv.start_week = start;
  iv.end_week = end;
  iv.params.providers = std::move(providers);
  return iv;
}

}  // namespace

TEST_CASE("capacity_change scales a provider's capacity only while active") {
  const auto base = three_providers();
  auto iv = network_iv(InterventionType::capacity_change, {1}, 10, 20);
  iv.params.capacity_factor = 1.5;
  iv.params.capacity_delta = 2;
  const std::vector<CompiledIntervention> ivs{iv};
  CHECK(models::network_for_week(base, ivs, 9, 1, 13).providers[1].capacity == 10);
  CHECK(models::network_for_week(base, ivs, 10, 1, 13).providers[1].capacity == 17);  // 10 x 1.5 + 2
  CHECK(models::network_for_week(base, ivs, 21, 1, 13).providers[1].capacity == 10);
  CHECK(models::network_changes_in(ivs, 10));
  CHECK(models::network_changes_in(ivs, 21));
  CHECK_FALSE(models::network_changes_in(ivs, 15));
  CHECK(base.providers[1].capacity == 10);
}

TEST_CASE("pooled_budget: one financier, fewer losses between pooled providers, generalist takes silo effects") {
  auto iv = network_iv(InterventionType::pooled_budget, {0, 1}, 1, 100);
  iv.params.loss_reduction = 0.5;
  iv.params.generalist = 0;
  iv.params.pooled_financier = static_cast<int>(providers::Financier::wmo);
  const auto net = models::network_for_week(three_providers(), {iv}, 5, 1, 13);
  CHECK(net.providers[1].financier == providers::Financier::wmo);
  CHECK(net.pathways[0].loss == Approx(0.1));   // wijkteam -> ggz, both pooled
  CHECK(net.pathways[1].loss == Approx(0.1));   // wijkteam -> debt: debt not pooled, unchanged
  REQUIRE(net.providers[0].effects.size() == 1);
  CHECK(net.providers[0].effects[0].domain == 5);
}

TEST_CASE("case_manager_continuity keeps the case manager and lowers loss and dropout downstream") {
  auto iv = network_iv(InterventionType::case_manager_continuity, {0}, 1, 100);
  iv.params.loss_reduction = 0.5;
  iv.params.dropout_reduction = 0.3;
  const auto net = models::network_for_week(three_providers(), {iv}, 1, 1, 13);
  for (const auto& pw : net.pathways) CHECK(pw.continuity);
  CHECK(net.pathways[0].loss == Approx(0.1));
  CHECK(net.pathways[1].loss == Approx(0.05));
  CHECK(net.providers[1].dropout_weekly == Approx(0.07));
  CHECK(net.providers[0].dropout_weekly == Approx(0.1));  // the generalist itself: unchanged
}
