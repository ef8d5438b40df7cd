#pragma once
// ModelTables: the CompiledScenario re-laid-out for the weekly loop (flat arrays indexed
// by domain and severity, coupling row-major, debt amounts pre-rounded). Built once per
// Simulation; const during the run, shared by all threads.
#include <array>
#include <cstdint>
#include <vector>

#include "help_seeking.hpp"
#include "wijksim/compiled_scenario.hpp"

namespace wijksim::models {

// Limits that let the hot loop use fixed-size stack scratch instead of allocating.
inline constexpr int kMaxDomains = 64;
inline constexpr int kMaxEvents = 64;
inline constexpr int kMaxChannels = kMaxDomains + kMaxEvents + 1;  // +1: help-seeking (help_seeking.hpp)

struct ModelTables {
  int n_domains = 0;
  int n_events = 0;
  int n_wijken = 0;
  std::vector<double> worsen;    // [d * 5 + (s - 1)], probability per week
  std::vector<double> improve;   // [d * 5 + (s - 1)]
  bool coupling = false;
  std::vector<double> coupling_rm;  // n_domains x n_domains, row-major
  SeverityArray problem_weight{};
  double network_improvement = 0;
  // 1 + network_improvement x (byte / 255) per stored network byte: the same expression
  // as before, evaluated once here, so the hot path does a load instead of a division.
  std::array<double, 256> network_factor{};
  std::vector<EventEligibility> event_eligibility;  // n_events
  std::vector<double> event_rate;                   // n_events

  // Debt (CompiledDebt), with euro amounts rounded once here (half away from zero).
  bool debt = false;
  int finances = -1;
  int grows_at_or_below = 0;
  double low_income_threshold = 0;
  double growth_rate = 0;
  int64_t arrears_euros = 0;
  int64_t max_debt = 0;

  CareTables care;  // provider network: help-seeking channel, service effects (help_seeking.hpp)

  // Which household kernel step_week runs (step.cpp): the general one (household_step.*),
  // the lean one (lean_kernel.*: the general kernel's exact results, faster) or the dense
  // one (dense_kernel.*: the same model drawn per domain with AVX-512). Chosen by
  // choose_kernel (lean_kernel.cpp) from the scenario, the CPU and RunOptions::kernel.
  enum class Kernel : uint8_t { general, lean, dense };
  Kernel kernel = Kernel::general;
  // The lean kernel's channel values per (care class, domain, severity): class 0 = not in
  // service, 1 + p = in service at provider p; index (class * n_domains + d) * 5 + sev - 1.
  // Built by build_lean_entries (lean_kernel.cpp) whenever the care tables change.
  struct LeanEntry {
    double stay;     // 1 - p
    double improve;  // b
    double p;        // worsen + improve
    double worsen;   // a (the dense kernel's thresholds); also pads the entry to 32 bytes
  };
  std::vector<LeanEntry> lean_entries;
  // The dense kernel's 32-bit thresholds (dense_kernel.hpp), per domain 32 entries indexed
  // by class * 5 + severity - 1: worsen iff u < dense_worsen, improve iff dense_worsen <= u
  // < dense_change (u the household's uniform for the domain). Empty when it cannot run.
  std::vector<uint32_t> dense_worsen, dense_change;  // [d * 32 + class * 5 + sev - 1]

  // Throws std::invalid_argument naming the field when the scenario exceeds a limit or
  // is internally inconsistent (wrong array sizes); the YAML validator should have
  // caught these, this is the engine's own guard.
  static ModelTables build(const CompiledScenario& s);
};

}  // namespace wijksim::models
