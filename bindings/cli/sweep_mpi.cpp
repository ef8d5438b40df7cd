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
}  // namespace

int sweep_mpi(const SweepArgs& a) {
  const MpiSession mpi;
  const int rank = mpi.rank(), size = mpi.size();
  const std::string out = a.out.empty() ? default_out(a.experiment, {}) : a.out;
  // A rank that fails must still reach the collective below, or the others would wait
  // for it forever: its exception is held until every rank has voted.
  std::exception_ptr failure;
  int ok = 1;
  try {
    // Every rank checks (nothing creates OUT before the merge), so all stop alike.
    if (std::filesystem::exists(out))
      throw experiments::StoreError(out + " already exists (the result of a finished --mpi sweep?): choose another --out");
    sweep_store(a, {static_cast<uint32_t>(rank), static_cast<uint32_t>(size)}, rank_store(out, rank, size),
                /*quiet=*/true);
  } catch (...) {
    failure = std::current_exception();
    ok = 0;
  }
  int all_ok = 0;
  MPI_Allreduce(&ok, &all_ok, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
  if (failure) std::rethrow_exception(failure);
  if (!all_ok) return rank == 0 ? kExitInternal : kExitOk;  // the failing rank reported why
  if (rank != 0) return kExitOk;
  std::vector<std::string> shards;
  for (int r = 0; r < size; ++r) shards.push_back(rank_store(out, r, size));
  const experiments::MergeSummary m = experiments::merge_stores(out, shards);
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
