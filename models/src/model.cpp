// Model::compile (model.hpp): tables, tally layout and the network epochs.
#include "model.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "wijksim/models/interventions/network.hpp"

namespace wijksim::models {

namespace {

// The weeks (>= 1) in which the network in force differs from the week before: a network
// intervention starts or stops acting (network_changes_in), ascending.
std::vector<uint32_t> epoch_starts(const CompiledScenario& s) {
  std::vector<uint32_t> weeks;
  if (!s.network.enabled()) return weeks;
  std::vector<uint32_t> edges;
  for (const auto& iv : s.interventions) {
    if (!is_network_intervention(iv.type)) continue;
    edges.push_back(std::max<uint32_t>(iv.start_week, 1));
    if (iv.end_week < UINT32_MAX) edges.push_back(iv.end_week + 1);
  }
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  for (const uint32_t w : edges)
    if (network_changes_in(s.interventions, w)) weeks.push_back(w);
  return weeks;
}

}  // namespace

Model Model::compile(const CompiledScenario& s) {
  if (s.total_households() >= (uint64_t{1} << 32))
    throw std::invalid_argument("wijksim: scenario has more than 2^32-1 households");
  Model m;
  m.scenario = s;
  m.layout = MetricsLayout(s.n_domains, static_cast<int>(s.events.size()), static_cast<int>(s.wijken.size()));
  for (const auto& w : s.wijken) m.wijk_households.push_back(w.households);

  NetworkEpoch first;
  first.network = s.network;
  first.tables = ModelTables::build(s);
  if (s.network.enabled()) first.capacity = providers::resolve_capacities(s.network, m.wijk_households);
  m.epochs.push_back(std::move(first));

  const int n_wijken = static_cast<int>(s.wijken.size());
  for (const uint32_t week : epoch_starts(s)) {
    const NetworkEpoch& base = m.epochs.front();
    NetworkEpoch e;
    e.first_week = week;
    e.network = network_for_week(s.network, s.interventions, week, n_wijken, s.n_domains);
    e.capacity = capacities_for_week(base.capacity, s.interventions, week);
    // Only the service effects (care tables and the channel tables derived from them)
    // follow the network in force.
    e.tables = base.tables;
    e.tables.care = CareTables::build(s, e.network);
    e.tables.build_channel_tables();
    m.epochs.push_back(std::move(e));
  }
  return m;
}

}  // namespace wijksim::models
