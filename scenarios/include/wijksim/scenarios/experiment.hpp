#pragma once
// Experiment files: a base scenario, policy variants, replications, a parameter sweep and
// the outputs to record. Loading one yields everything a sweep needs: the store record
// (resolved text, hash input, variants, design) and one compiled scenario per
// (variant, sweep point). Errors come as ScenarioError (exit 2 in the CLI) with
// file:line:column and key path; a bad variant or sweep value is reported at the line of
// the experiment file where it was written.
//
//   name: debt-policy                 # default: the file name
//   seed: 7                           # one seed for every run: common random numbers
//   replications: 100                 # or a stopping rule (stopping_rule.hpp):
//   # replications: {min: 10, max: 1000, batch: 10,
//   #                until: [{compare: bigger_bank, outcome: multi_problem, at_year: 2, half_width: 5}]}
//   # common_random_numbers: false    # each variant its own seed (unpaired comparisons)
//   scenario: base.yaml               # path (relative to this file) or an inline mapping
//   variants:                         # name -> overrides by key path; first = baseline
//     baseline: {}
//     strong_network: {dynamics.network_improvement: 0.9}
//     bigger_bank: {providers.credit_bank.capacity: 180}   # list elements by name or [i]
//     no_buddies:
//       remove_interventions: [buddies]                    # names in the base scenario
//       add_interventions: [{type: outreach, name: visits, ...}]  # checked like the scenario's
//   # A variant and the sweep may not set the same key (an error naming both lines), and
//   # neither may set seed or replication (that would silently end common random numbers).
//   sweep:
//     design: latin_hypercube         # grid | latin_hypercube | sobol | morris
//     samples: 20                     # points (latin_hypercube), base samples N (sobol) or
//                                     # trajectories r (morris; levels: p, even, default 4)
//     parameters:
//       debt.weekly_arrears: {range: [10, 40]}
//       population.wijken[0].households: {range: [800, 1200], integer: true}
//       debt.weekly_growth_rate: {values: [0.001, 0.002]}
//   outputs: {metrics: [multi_problem, total_debt], every: 4, by_wijk: false}
#include <string>
#include <vector>

#include "wijksim/compiled_scenario.hpp"
#include "wijksim/experiments/outputs.hpp"
#include "wijksim/experiments/store.hpp"
#include "wijksim/scenarios/load.hpp"

namespace wijksim::scenarios {

struct LoadedExperiment {
  experiments::ExperimentRecord record;       // resolved_text = experiment + resolved base scenario
  experiments::OutputSpec outputs;
  std::vector<CompiledScenario> scenarios;    // index = variant * n_points + point
  uint32_t n_points = 1;
  std::vector<ScenarioIssue> warnings;
};

// Throws ScenarioError with every problem of the experiment file itself, or the first
// failing (variant, point) scenario's problems.
LoadedExperiment load_experiment_file(const std::string& path);

}  // namespace wijksim::scenarios
