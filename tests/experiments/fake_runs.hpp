#pragma once
// A fake experiment for testing the store and the executor without the simulation: each
// run's rows are a pure function of its RunKey (as a simulation's are), with an optional
// sleep so a sweep lasts long enough to be killed half-way.
#include <chrono>
#include <cmath>
#include <filesystem>
#include <string>
#include <unistd.h>
#include <thread>

#include "wijksim/experiments/design.hpp"
#include "wijksim/experiments/store.hpp"

namespace wijksim::experiments::testing {

// A results-file path in a per-process temporary folder, with any old file (and its WAL
// and shared-memory files) removed.
inline std::string fresh_db(const std::string& name) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("wijksim-experiments-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string p = (dir / name).string();
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(p + suffix);
  return p;
}

inline ExperimentRecord fake_experiment(uint32_t replications = 4, const std::string& text_suffix = "") {
  ExperimentRecord rec;
  rec.name = "fake";
  rec.seed = 42;
  rec.replications = replications;
  rec.variants = {{"baseline", ""}, {"more_capacity", "providers.credit_bank.capacity: 180"}};
  SweepParameter p1{"dynamics.network_improvement", {}, 0.2, 0.8, false, 0};
  SweepParameter p2{"providers.credit_bank.capacity", {}, 100, 200, true, 0};
  rec.design = make_design(DesignKind::latin_hypercube, {p1, p2}, 5, rec.seed);
  rec.resolved_text = "name: fake\nseed: 42\nreplications: " + std::to_string(replications) + "\n" + text_suffix;
  return rec;
}

// Deterministic, key-dependent values; `weeks` x 2 areas x 3 metrics time-series rows.
inline RunOutput fake_run(const RunKey& key, uint32_t weeks = 20, int sleep_ms = 0) {
  if (sleep_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms));
  RunOutput out;
  const double base = 100.0 * key.variant + 10.0 * key.point + key.replication;
  for (uint32_t w = 0; w <= weeks; ++w)
    for (const char* area : {"all", "noord"})
      for (const char* metric : {"multi_problem", "total_debt", "households"})
        out.timeseries.push_back({w, area, metric, base + w + std::sin(base * 0.37 + w) + metric[0]});
  out.summaries.push_back({"multi_problem", base + std::cos(base)});
  out.summaries.push_back({"total_debt", base * 2.5});
  return out;
}

}  // namespace wijksim::experiments::testing
