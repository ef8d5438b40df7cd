#pragma once
// The largest input wijksim accepts, in one place (README.md "Limits" lists them). Each is
// enforced before any work that could grow with it, with a ScenarioError or a usage
// error (exit 2) naming the limit, so hostile or careless input can neither hang the
// loader nor exhaust memory or disk. The figures sit well above every shipped scenario
// (the largest file is 40 KB, 1,500 YAML nodes, 6 levels deep, no extends chain longer
// than 1) and below what one machine can hold.
#include <cstddef>
#include <cstdint>

namespace wijksim::scenarios::limits {

// YAML input (scenario and experiment files, --set values).
inline constexpr std::uint64_t kMaxFileBytes = 4u << 20;    // 4 MiB per file (a 40 KB city is large)
inline constexpr int kMaxNesting = 64;                       // maps/lists inside each other
inline constexpr std::uint64_t kMaxNodes = 200000;           // nodes with aliases expanded (billion laughs); a 35,000-wijk file has 175,000
inline constexpr std::uint64_t kMaxExpandedBytes = 16u << 20; // text of all scalars, aliases expanded (16 MiB)
inline constexpr int kMaxExtendsDepth = 16;                  // files in one `extends:` chain below the first
inline constexpr std::size_t kMaxKeyPathParts = 32;          // steps of a --set key path (a.b[0].c = 4)

// Scenario size (checked after validation, before compiling).
inline constexpr long long kMaxWeeks = 100000;               // as `run --weeks` and `bench --weeks`
inline constexpr std::uint64_t kMaxHouseholds = 50000000;    // in all wijken (~7 times the Netherlands)

// Experiment size (checked before the design's points are generated or any store row written).
inline constexpr long long kMaxReplications = 100000;
inline constexpr long long kMaxSamples = 1000000;            // sweep.samples (sobol: base samples N)
inline constexpr std::uint64_t kMaxPoints = 100000;          // variants x sweep points (each compiled before the sweep)
inline constexpr std::uint64_t kMaxRuns = 1000000;           // variants x points x replications

}  // namespace wijksim::scenarios::limits
