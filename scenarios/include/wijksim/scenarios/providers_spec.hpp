#pragma once
// ProvidersSpec: the editable form of the `providers:`, `pathways:` and `help_seeking:`
// sections, one-to-one with the YAML, defaults filled in. compile_providers() resolves
// names to indices and produces the engine's CompiledProviderNetwork; validation of the
// network (cycles, coverage, reachability) runs on the compiled form and is mapped back
// to these key paths (validate_providers()).
//
// ScenarioSpec holds one as `network`; parse_scenario, validate, compile and emit call
// the functions of scenarios/src/parse_providers.hpp (one line each).
#include <map>
#include <string>
#include <vector>

namespace wijksim::scenarios {

struct ProviderSpec {
  std::string name;
  std::string type = "wijkteam";              // a built-in type or any other word (user type)
  std::vector<std::string> wijken;            // empty = the whole city
  long long capacity = -1;                    // concurrent clients; -1 = fte x caseload
  double fte = 0;                             // used when capacity is not given
  double caseload = 0;                        // clients per FTE (LPBL: 5-7 complex, 30-40 vulnerable)
  double capacity_share = 0;                  // > 0: clients per household of the served wijken,
                                              // resolved per run (follows --households scaling)
  std::string duration = "geometric";         // geometric | fixed
  double mean_weeks = 12;                     // assumed; OGGZ episodes ~32 weeks (DOMAIN-FIGURES §1.3)
  double dropout_weekly = 0;
  std::map<std::string, double> effects;      // domain -> weekly improvement probability in service
  int discharge_at_or_above = 0;              // 0 = serve until the duration ends
  std::map<std::string, int> eligible_if_any; // domain -> at or below this severity
  int min_age = 0;
  int max_age = 200;
  std::vector<std::string> household_types;   // empty = all
  std::string queue = "fifo";                 // fifo | severity
  double cost_per_client_week = 0;            // euros
  double intake_cost = 0;                     // euros, once per admission
  std::string financier = "wmo";
  bool operator==(const ProviderSpec&) const = default;
};

struct PathwaySpec {
  std::string from, to;
  std::string trigger = "discharge";          // intake | discharge
  std::map<std::string, int> condition;       // domain -> at or below (all must hold)
  double probability = 1.0;
  long long delay_weeks = 0;
  double loss = 0.0;
  bool continuity = false;
  bool operator==(const PathwaySpec&) const = default;
};

struct HelpSeekingSpec {
  bool enabled = true;
  // By worst severity 1..5. Assumed: NVVK registrations ~1% of households per year,
  // about 12-15% of the debt stock per year (DOMAIN-FIGURES §2.1 "Help-seeking").
  std::vector<double> weekly_by_worst{0.01, 0.004, 0, 0, 0};
  double avoidance_effect = 1.0;
  std::map<std::string, std::vector<std::string>> entry;  // domain -> provider types
  std::vector<std::string> default_entry{"wijkteam"};
  bool operator==(const HelpSeekingSpec&) const = default;
};

struct ProvidersSpec {
  std::vector<ProviderSpec> providers;
  std::vector<PathwaySpec> pathways;
  HelpSeekingSpec help_seeking;
  bool operator==(const ProvidersSpec&) const = default;
};

}  // namespace wijksim::scenarios
