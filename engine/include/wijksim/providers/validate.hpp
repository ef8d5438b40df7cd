#pragma once
// Structural validation of a compiled provider network. Returns every issue at once
// (never throws, never stops at the first), each with the provider / pathway / wijk
// index it concerns, so the scenario loader can attach file:line:column and key path
// from its SourceMap and raise one ScenarioError listing them all.
#include <span>
#include <string>
#include <vector>

#include "wijksim/providers/network.hpp"

namespace wijksim::providers {

enum class IssueKind {
  unknown_provider,           // pathway names a provider that does not exist
  wijk_without_wijkteam,      // a wijk that no wijkteam serves
  negative_capacity,
  probability_sum_above_one,  // pathways of one provider and trigger sum above 1
  zero_delay_cycle,           // a referral cycle whose pathways all have delay 0
  unreachable_provider,       // no entry point leads to it (warning)
  bad_value,                  // a value outside its range (probability, duration, wijk index)
};

struct NetworkIssue {
  IssueKind kind;
  bool warning = false;       // warnings are reported but do not stop the load
  int provider = -1;          // index into providers, or -1
  int pathway = -1;           // index into pathways, or -1
  int wijk = -1;              // index into wijken, or -1
  std::string message;        // full sentence naming providers / wijk by name
};

// wijk_names: the scenario's wijken in order (for coverage and messages).
std::vector<NetworkIssue> validate_network(const CompiledProviderNetwork& net,
                                           std::span<const std::string> wijk_names);

bool has_errors(const std::vector<NetworkIssue>& issues);

}  // namespace wijksim::providers
