// `wijksim merge OUT SHARD...`: joins the shard stores of one sweep (`wijksim sweep
// --shard K/N`) into one results store equal to a single-process sweep.
#include <iostream>
#include <memory>

#include "experiment_commands.hpp"
#include "wijksim/experiments/store.hpp"

namespace wijksim::cli {

Command add_merge_command(CLI::App& app) {
  auto out = std::make_shared<std::string>();
  auto shards = std::make_shared<std::vector<std::string>>();
  CLI::App* sub = app.add_subcommand(
      "merge", "Join the shard stores of one experiment (`wijksim sweep --shard K/N`) into a new results store. "
               "Refuses stores of different experiments and shards that overlap; runs no shard finished stay "
               "pending (finish them with `wijksim sweep EXPERIMENT --resume --out OUT`).");
  sub->add_option("out", *out, "New results file to write")->required();
  sub->add_option("shards", *shards, "Shard results files")->required();
  return {sub, [out, shards] {
            return run_store_command([&] {
              const experiments::MergeSummary m = experiments::merge_stores(*out, *shards);
              std::cerr << "wijksim: merged " << shards->size() << " store(s) into " << *out << ": " << m.runs_done
                        << " of " << m.runs_total << " runs done\n";
              if (m.runs_done < m.runs_total)
                std::cerr << "wijksim: " << (m.runs_total - m.runs_done)
                          << " run(s) pending (a shard missing or unfinished): wijksim sweep EXPERIMENT --resume --out "
                          << *out << "\n";
              return kExitOk;
            });
          }};
}

}  // namespace wijksim::cli
