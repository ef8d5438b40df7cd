#pragma once
// What one weekly step reads: the const scenario, the tables and provider network of the
// epoch in force, the RNG key and the week; plus the run's provider state it writes.
// Also the "what changed" mask that the per-household phases return, so later phases
// (help-seeking, services, interventions) can react to exactly what happened.
#include <cstdint>

#include "metrics_tally.hpp"
#include "model_tables.hpp"
#include "wijksim/compiled_scenario.hpp"
#include "wijksim/rng.hpp"

namespace wijksim::models {

struct StepContext {
  const CompiledScenario* scenario = nullptr;
  const ModelTables* tables = nullptr;
  const MetricsLayout* layout = nullptr;
  const providers::CompiledProviderNetwork* network = nullptr;  // the network in force this week (model.hpp epochs)
  Philox::key_type key{};
  uint32_t replication = 0;
  uint32_t week = 0;  // the week being produced: draws of step k use week k (population: 0)
  struct CareRun* care = nullptr;  // provider network state of the run (services.hpp)
  struct Turnover* turnover = nullptr;  // this week's departures, per chunk (turnover.hpp)
};

// Bits of the per-household change mask.
enum Changed : uint32_t {
  kChangedNothing = 0,
  kChangedSeverity = 1u << 0,
  kChangedIncome = 1u << 1,
  kChangedDebt = 1u << 2,
  kChangedWork = 1u << 3,
  kChangedComposition = 1u << 4,
  kChangedEvent = 1u << 5,  // at least one life event happened
  kChangedDebtCleared = 1u << 6,  // an event cleared the debt: it does not grow this week
  kChangedReferred = 1u << 7,     // an event referred it to a provider: no help-seeking request this week
};

}  // namespace wijksim::models
