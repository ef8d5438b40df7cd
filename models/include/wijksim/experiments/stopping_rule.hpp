#pragma once
// The stopping rule of an experiment (`replications: {min, max, batch, until: [...]}`,
// ReplicationRule in store.hpp): replications are added in deterministic batches until
// every named paired 95% CI is narrower than asked, or `max` is reached.
//
// Why the result cannot depend on threads, shards or ranks: the rule is only ever judged on
// complete batches (replications 0..R-1 of every run done), whose values are bit-identical
// whatever ran them; the next count is a function of those values alone. A shard holds part
// of every batch, so it runs its share of the batches the store has and leaves the judging
// to the merged store (`wijksim merge`, then `wijksim sweep EXP --resume --out MERGED`).
#include <string>
#include <vector>

#include "wijksim/experiments/store.hpp"

namespace wijksim::experiments {

struct CriterionStatus {
  StoppingCriterion criterion;
  double half_width = 0;   // the widest over sweep points (infinite with fewer than 2 pairs)
  uint32_t point = 0;      // the sweep point where it is widest
  size_t n = 0;            // pairs (replications) behind it
  bool met = false;
};
struct RuleStatus {
  uint32_t replications = 0;             // complete replications judged
  size_t points = 1;                     // sweep points each criterion is judged at
  std::vector<CriterionStatus> criteria;
  bool met = false;                      // every criterion holds
  bool at_max = false;                   // replications == rule.max
  uint32_t next = 0;                     // replications the store should have: == replications when done
};

// Judges `rule` on replications [0, R) of `store` (R = the store's replication count; every
// run of them must be done, else StoreError). Values: a run summary, the time series at
// `at_week` (city), or the yearly value of `at_year` (city).
RuleStatus judge_rule(const ResultStore& store, const ReplicationRule& rule);

// One line per criterion and the verdict, for stderr and the store's provenance.
std::string describe(const RuleStatus& status, const ReplicationRule& rule);
std::string to_json(const RuleStatus& status);

}  // namespace wijksim::experiments
