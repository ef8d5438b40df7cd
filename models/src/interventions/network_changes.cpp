// Network interventions (see wijksim/models/interventions/network.hpp).
//
// capacity_change: each listed provider's capacity becomes max(0, round(capacity x
//   capacity_factor) + capacity_delta) while the intervention is active. Expected
//   direction: shorter queues at that provider when capacity rises.
// pooled_budget (ontschotting): the listed providers are paid from one budget
//   (pooled_financier; the municipal general budget maps to wmo in the provider network,
//   which knows only the legal financiers); pathways between two listed providers lose
//   (1 - loss_reduction) as many households, because no funding boundary is crossed;
//   and the generalist, when given, gets every effect the listed providers have
//   (highest weekly improvement per domain): it may deliver what a silo used to. In a
//   run the model tables' service effects follow (each network epoch has its own: model.hpp).
// case_manager_continuity (Eindhoven WIJ): pathways out of the listed providers keep the
//   referring generalist as case manager (continuity = true) and lose (1 - loss_reduction)
//   as many households; the providers they refer to see their weekly dropout multiplied
//   by (1 - dropout_reduction). Expected direction: fewer households lost between providers.
#include <algorithm>
#include <cmath>

#include "wijksim/models/interventions/network.hpp"


namespace wijksim::models {

namespace {

bool listed(const InterventionParams& p, int provider) {
  return std::find(p.providers.begin(), p.providers.end(), provider) != p.providers.end();
}

int32_t changed_capacity(int32_t capacity, const InterventionParams& p) {
  const auto scaled = static_cast<int64_t>(std::llround(capacity * p.capacity_factor)) + p.capacity_delta;
  return static_cast<int32_t>(std::clamp<int64_t>(scaled, 0, INT32_MAX));
}

void apply_capacity(providers::CompiledProviderNetwork& net, const InterventionParams& p) {
  for (const int i : p.providers)
    if (i >= 0 && i < static_cast<int>(net.providers.size()))
      net.providers[i].capacity = changed_capacity(net.providers[i].capacity, p);
}

void apply_pooled(providers::CompiledProviderNetwork& net, const InterventionParams& p) {
  const auto financier = static_cast<providers::Financier>(
      p.pooled_financier < providers::kFinancierCount ? p.pooled_financier : 0);
  for (const int i : p.providers)
    if (i >= 0 && i < static_cast<int>(net.providers.size())) net.providers[i].financier = financier;
  for (auto& pw : net.pathways)
    if (listed(p, pw.from) && listed(p, pw.to)) pw.loss *= 1.0 - p.loss_reduction;
  if (p.generalist < 0 || p.generalist >= static_cast<int>(net.providers.size())) return;
  auto& effects = net.providers[p.generalist].effects;
  for (const int i : p.providers) {
    if (i < 0 || i >= static_cast<int>(net.providers.size()) || i == p.generalist) continue;
    for (const auto& e : net.providers[i].effects) {
      auto it = std::find_if(effects.begin(), effects.end(), [&](const auto& g) { return g.domain == e.domain; });
      if (it == effects.end()) effects.push_back(e);
      else it->weekly_improve = std::max(it->weekly_improve, e.weekly_improve);
    }
  }
  std::sort(effects.begin(), effects.end(), [](const auto& a, const auto& b) { return a.domain < b.domain; });
}

void apply_continuity(providers::CompiledProviderNetwork& net, const InterventionParams& p) {
  std::vector<uint8_t> receives(net.providers.size(), 0);
  for (auto& pw : net.pathways) {
    if (!listed(p, pw.from)) continue;
    pw.continuity = true;
    pw.loss *= 1.0 - p.loss_reduction;
    if (pw.to >= 0 && pw.to < static_cast<int>(receives.size())) receives[pw.to] = 1;
  }
  for (size_t i = 0; i < receives.size(); ++i)
    if (receives[i]) net.providers[i].dropout_weekly *= 1.0 - p.dropout_reduction;
}

}  // namespace

bool is_network_intervention(InterventionType t) {
  return t == InterventionType::capacity_change || t == InterventionType::pooled_budget ||
         t == InterventionType::case_manager_continuity;
}

bool network_changes_in(const std::vector<CompiledIntervention>& interventions, uint32_t week) {
  for (const auto& iv : interventions) {
    if (!is_network_intervention(iv.type)) continue;
    if (iv.active(week) != (week > 1 && iv.active(week - 1))) return true;
  }
  return false;
}

providers::CompiledProviderNetwork network_for_week(const providers::CompiledProviderNetwork& base,
                                                    const std::vector<CompiledIntervention>& interventions,
                                                    uint32_t week, int n_wijken, int n_domains) {
  providers::CompiledProviderNetwork net = base;
  for (const auto& iv : interventions) {
    if (!iv.active(week)) continue;
    switch (iv.type) {
      case InterventionType::capacity_change: apply_capacity(net, iv.params); break;
      case InterventionType::pooled_budget: apply_pooled(net, iv.params); break;
      case InterventionType::case_manager_continuity: apply_continuity(net, iv.params); break;
      default: break;
    }
  }
  providers::finalise_network(net, n_wijken, n_domains);
  return net;
}

std::vector<int32_t> capacities_for_week(const std::vector<int32_t>& resolved,
                                         const std::vector<CompiledIntervention>& interventions, uint32_t week) {
  std::vector<int32_t> out = resolved;
  for (const auto& iv : interventions) {
    if (iv.type != InterventionType::capacity_change || !iv.active(week)) continue;
    for (const int i : iv.params.providers)
      if (i >= 0 && i < static_cast<int>(out.size())) out[i] = changed_capacity(out[i], iv.params);
  }
  return out;
}

}  // namespace wijksim::models
