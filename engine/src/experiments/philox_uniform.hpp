#pragma once
// Counter-based uniforms for the experiment layer (designs, bootstrap). Keyed by
// (seed, purpose, a, b): a draw depends only on its key, never on call order, so designs
// and bootstrap intervals are reproducible whatever the threads.
#include <cstdint>

#include <Random123/philox.h>

namespace wijksim::experiments::detail {

// Purposes: distinct from the simulation's purposes by living in their own key space
// (the experiment seed is mixed with a tag below).
enum class Purpose : uint32_t {
  lhs_permutation = 1,
  lhs_jitter = 2,
  bootstrap = 3,
  morris_base = 4,       // a morris trajectory's lower grid level of each parameter
  morris_direction = 5,  // ... whether that parameter steps up or down
  morris_order = 6,      // ... the order in which the parameters step
};

inline double philox_uniform(uint64_t seed, Purpose purpose, uint32_t a, uint32_t b) {
  r123::Philox4x32 rng;
  r123::Philox4x32::key_type key = {{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)}};
  // 0x45585045 = "EXPE": separates these streams from the simulation's (seed, replication) keys.
  r123::Philox4x32::ctr_type ctr = {{a, b, static_cast<uint32_t>(purpose), 0x45585045u}};
  const auto r = rng(ctr, key);
  const uint64_t bits = (static_cast<uint64_t>(r[0]) << 32 | r[1]) >> 11;  // 53 bits
  return static_cast<double>(bits) * 0x1.0p-53;
}

}  // namespace wijksim::experiments::detail
