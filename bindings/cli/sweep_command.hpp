#pragma once
// Internal to `wijksim sweep`: its arguments, one store's sweep, and the MPI launcher
// (sweep_mpi.cpp; a stub that refuses --mpi when built without WIJKSIM_MPI).
#include <cstdint>
#include <string>

#include "resources.hpp"
#include "wijksim/experiments/store.hpp"

namespace wijksim::cli {

struct SweepArgs {
  std::string experiment;
  std::string out;
  int threads = 1;
  bool resume = false;
  bool quiet = false;
  std::string shard;   // "K/N"; empty = every run
  bool mpi = false;    // rank r of R runs shard r/R, rank 0 merges
  ResourceLimits limits;  // --max-memory, --max-output (resources.hpp)
  uint32_t extend_to = 0; // --mpi batches: add replications up to this count first (0: none)
};

// Loads the experiment and runs `shard` of it into `out` (created, or resumed with
// a.resume). `quiet` silences the progress line. Returns the exit code.
int sweep_store(const SweepArgs& a, const experiments::Shard& shard, const std::string& out, bool quiet);

// `--mpi`: call from every rank of `mpirun -n R wijksim sweep EXP --mpi`.
int sweep_mpi(const SweepArgs& a);

// The results file when --out is not given: EXPERIMENT's stem (+ the shard).
std::string default_out(const std::string& experiment, const experiments::Shard& shard);

}  // namespace wijksim::cli
