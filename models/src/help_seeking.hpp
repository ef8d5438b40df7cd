#pragma once
// Phase "help-seeking" and the care side of a household's channels.
//
// Why a channel: a household not in care asks for help with a probability per week
// (weekly_by_worst[worst severity] x (1 - avoidance_effect x care_avoidance)). Drawing
// that for every household every week would touch all N households; instead it is one
// more channel of the household's gate (channels.hpp), after the domains, folded into
// the cached quiet threshold. Households that cannot ask (in care, or no problem) add a
// zero channel, which leaves the threshold and every draw bit-identical to a run without
// providers. So help-seeking costs nothing for quiet households.
//
// Service effects live here too: while in service at provider p, domain d improves with
// probability max(base, effect) (never from severity 5, which cannot improve), worsening
// clamped so that worsen + improve <= 1: the improvement floor of the care class in the
// kernel's channel tables (ModelTables::build_channel_tables). While waiting at p, or in
// after-care after p, the worsening of p's effect domains is multiplied by the provider's
// factor (issue 14), baked into the base worsening of that care class.
#include <array>
#include <cstdint>
#include <vector>

#include "wijksim/compiled_scenario.hpp"
#include "wijksim/state.hpp"

namespace wijksim::models {

struct ModelTables;
struct Channels;
struct Outcomes;
struct StepContext;

// The provider network re-laid-out for the channels (part of ModelTables).
struct CareTables {
  bool help = false;                   // help-seeking channel present (network + help_seeking on)
  std::array<double, 5> weekly_by_worst{};
  double avoidance_effect = 0;
  int n_domains = 0;
  std::vector<double> improve;         // [p * n_domains + d]: weekly improvement in service, 0 = none
  bool network = false;                // !improve.empty(): a provider network exists
  size_t n_providers = 0;
  // [p * n_domains + d]: the worsening factor while waiting at p (waiting_worsen_factor) and
  // in after-care after p (after_care_worsen_factor) in p's effect domains, 1 elsewhere.
  std::vector<double> waiting_worsen, after_care_worsen;
  // clamp(1 - avoidance_effect x (byte / 255), 0, 1) per stored care_avoidance byte:
  // evaluated once here (same expression), a load instead of a division in the loop.
  std::array<double, 256> avoidance_factor{};
  // From the scenario's domains and the provider network in force (the scenario's own, or
  // an epoch's: model.hpp).
  static CareTables build(const CompiledScenario& s, const providers::CompiledProviderNetwork& net);
};

// help_channel, help_probability: inline in care_channels.hpp (hot path).

// In the busy household's week, when its help channel fired: choose the entry provider (by
// wijk and worst domain, among those that take the household; one Purpose::help_seeking draw
// when several do) and record the request in the chunk's list.
void request_help(const StepContext& ctx, SimState& s, uint64_t h);

}  // namespace wijksim::models
