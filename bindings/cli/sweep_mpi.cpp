// `mpirun -n R wijksim sweep EXPERIMENT --mpi [--out OUT]`: rank r runs shard r/R into
// OUT.rank-r-of-R (the shard mechanism of `--shard`, no protocol of its own), all ranks
// agree on success (MPI_Allreduce, which is also the barrier), and rank 0 merges the
// shard stores into OUT and removes them. When a rank fails, the rank stores stay: the
// same command with --resume continues each rank's shard, then merges. Built only with WIJKSIM_MPI (Open MPI found);
// otherwise --mpi is refused with a message saying how to get it.
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <vector>

#include "cli.hpp"
#include "sweep_command.hpp"
#include "wijksim/experiments/stopping_rule.hpp"

#ifdef WIJKSIM_HAVE_MPI
#include <mpi.h>
#endif

namespace wijksim::cli {

#ifdef WIJKSIM_HAVE_MPI

namespace {
struct MpiSession {
  MpiSession() { MPI_Init(nullptr, nullptr); }
  ~MpiSession() { MPI_Finalize(); }
  int rank() const { int r = 0; MPI_Comm_rank(MPI_COMM_WORLD, &r); return r; }
  int size() const { int n = 1; MPI_Comm_size(MPI_COMM_WORLD, &n); return n; }
};

std::string rank_store(const std::string& out, int rank, int size) {
  return out + ".rank-" + std::to_string(rank) + "-of-" + std::to_string(size);
}

// Every rank votes; a failure anywhere fails all (the failing rank reports why).
bool all_ranks_ok(bool ok) {
  int mine = ok ? 1 : 0, all = 0;
  MPI_Allreduce(&mine, &all, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  return all != 0;
}

// Rank 0: the replications a stopping rule asks for next, judged on the rank stores merged
// into a scratch store (0: the rule is done, or there is none). A shard cannot judge the
// rule on its own share; the merged rows are what a single process would hold.
uint32_t next_replications(const std::string& out, const std::vector<std::string>& shards) {
  const std::string scratch = out + ".judging";
  const auto remove = [&] {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(scratch + suffix);
  };
  remove();
  experiments::merge_stores(scratch, shards);
  uint32_t next = 0;
  {
    const experiments::ResultStore store(scratch, experiments::OpenMode::read);
    const experiments::ReplicationRule rule = store.experiment().rule;
    if (rule.adaptive()) {
      const experiments::RuleStatus status = experiments::judge_rule(store, rule);
      std::cerr << "wijksim: " << experiments::describe(status, rule);
      if (status.next > status.replications) next = status.next;
    }
  }
  remove();
  return next;
}
}  // namespace

int sweep_mpi(const SweepArgs& a) {
  const MpiSession mpi;
  const int rank = mpi.rank(), size = mpi.size();
  const std::string out = a.out.empty() ? default_out(a.experiment, {}) : a.out;
  std::vector<std::string> shards;
  for (int r = 0; r < size; ++r) shards.push_back(rank_store(out, r, size));
  // Batches: every rank runs its shard of the replications the rank stores have; under a
  // stopping rule rank 0 then judges the rule on all of them and broadcasts how many
  // replications come next (MPI_Bcast), each rank adds its share, and so on. A rank that
  // fails must still reach every collective, or the others would wait for it forever: its
  // exception is held until every rank has voted.
  SweepArgs batch = a;
  for (bool first = true;; first = false) {
    std::exception_ptr failure;
    try {
      // Every rank checks (nothing creates OUT before the merge), so all stop alike.
      if (first && std::filesystem::exists(out))
        throw experiments::StoreError(out + " already exists (the result of a finished --mpi sweep?): choose another --out");
      sweep_store(batch, {static_cast<uint32_t>(rank), static_cast<uint32_t>(size)}, rank_store(out, rank, size),
                  /*quiet=*/true);
    } catch (...) {
      failure = std::current_exception();
    }
    const bool ok = all_ranks_ok(!failure);
    if (failure) std::rethrow_exception(failure);
    if (!ok) return rank == 0 ? kExitInternal : kExitOk;
    uint32_t next = 0;
    try {
      if (rank == 0) next = next_replications(out, shards);
    } catch (...) {
      failure = std::current_exception();
    }
    const bool judged = all_ranks_ok(!failure);
    if (failure) std::rethrow_exception(failure);
    if (!judged) return kExitOk;  // rank 0 reported why
    MPI_Bcast(&next, 1, MPI_UINT32_T, 0, MPI_COMM_WORLD);
    if (next == 0) break;
    batch.resume = true;
    batch.extend_to = next;
  }
  if (rank != 0) return kExitOk;
  const experiments::MergeSummary m = experiments::merge_stores(out, shards);
  // The verdict a single process would have recorded (a shard store records none).
  experiments::ExperimentRecord rec;
  std::string verdict;
  {
    const experiments::ResultStore merged(out, experiments::OpenMode::read);
    rec = merged.experiment();
    if (rec.rule.adaptive()) verdict = experiments::to_json(experiments::judge_rule(merged, rec.rule));
  }
  if (!verdict.empty())
    experiments::ResultStore(out, experiments::OpenMode::resume, &rec).set_provenance("stopping_rule", verdict);
  for (const auto& s : shards)
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(s + suffix);
  std::cerr << "wijksim: " << size << " MPI ranks, merged: " << m.runs_done << " of " << m.runs_total << " runs done in "
            << out << "\n";
  return kExitOk;
}

#else

int sweep_mpi(const SweepArgs&) {
  throw experiments::StoreError(
      "--mpi: this wijksim was built without MPI (WIJKSIM_MPI=OFF). Install Open MPI (apt-get install "
      "libopenmpi-dev) and rebuild, or run shards without MPI: wijksim sweep EXP --shard K/N, then wijksim merge");
}

#endif

}  // namespace wijksim::cli
