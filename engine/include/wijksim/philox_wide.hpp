#pragma once
// Many consecutive Philox4x32-10 blocks at once, with the widest vector unit the CPU has
// (AVX-512, AVX2, SSE2, else scalar), picked at run time: the binary stays portable
// x86-64 (no -march flag): only the kernels in philox_wide.cpp are compiled for more.
// Bit-identical to philox_draw() (rng.hpp) for every block; tests/engine/test_philox_wide.cpp
// checks every implementation the CPU can run.
//
// Why: the weekly gate draws one Philox block per 4 households for every household, so
// Philox is the floor of the quiet path. philox_draw_x4 (SSE2, 4 blocks per call) costs
// ~6.5 ns per block on the AMD EPYC dev machine; the AVX-512 kernel here ~0.6 ns on long
// runs, ~0.85 ns on runs of 64 blocks and ~1.3 ns on runs of 16 (one call is ~20 ns of
// latency: fewer, longer runs are cheaper). benchmarks/bench_philox.cpp measures them.
//
// Choosing: the best implementation the CPU supports, resolved once on first use
// (thread-safe). WIJKSIM_ISA=scalar|sse2|avx2|avx512 (read once) asks for a lower one, for
// tests and measurements; asking for one the CPU lacks gives the best available, an
// unknown value is ignored.
#include <array>
#include <cstdint>

#include "wijksim/rng.hpp"

namespace wijksim {

// out[4*i + j] = philox_draw(key, first_subject + i, week, replication, purpose, draw_index).v[j]
// for i < n_blocks (first_subject + i wraps like uint32_t). Any n_blocks, out needs
// 4 * n_blocks words and no alignment. For the gate: household h's uniform is
// out[h - 4 * first_subject] with first_subject = h0 / 4 for the first household h0 of a
// run that starts at a multiple of 4.
void philox_draw_blocks(const Philox::key_type& key, uint32_t first_subject, uint32_t n_blocks, uint32_t week,
                        uint32_t replication, Purpose purpose, uint32_t draw_index, uint32_t* out);

// out[4*i + j] = philox_draw(key, subjects[i], week, replication, purpose, draw_index).v[j]
// for i < n_blocks: the same, for a list of subjects in any order (the households of a
// provider's list, those a cost applies to). Reads exactly subjects[0..n_blocks).
void philox_draw_subjects(const Philox::key_type& key, const uint32_t* subjects, uint32_t n_blocks, uint32_t week,
                          uint32_t replication, Purpose purpose, uint32_t draw_index, uint32_t* out);

// Which implementation philox_draw_blocks and philox_draw_subjects use: "avx512", "avx2", "sse2" or "scalar".
const char* philox_wide_isa();

namespace detail {

// The implementations of philox_draw_blocks and philox_draw_subjects, same contracts; calling one the CPU lacks is
// undefined (SIGILL). For tests and benchmarks: the simulation calls philox_draw_blocks.
// A vector holds 2 blocks (SSE2), 4 (AVX2) or 8 (AVX-512 F/BW/DQ/VL); long runs go 8, 6
// and 6 vectors per iteration (16, 24, 48 blocks), the rest 4, 2, 1 vectors and a partial
// one. The vector ones are defined on x86 only; elsewhere philox_isas() names the scalar
// loop in every row and reports the vector rows unsupported.
using PhiloxBlocksSig = void(const Philox::key_type& key, uint32_t first_subject, uint32_t n_blocks, uint32_t week,
                             uint32_t replication, Purpose purpose, uint32_t draw_index, uint32_t* out);
using PhiloxBlocksFn = PhiloxBlocksSig*;
PhiloxBlocksSig philox_blocks_scalar, philox_blocks_sse2, philox_blocks_avx2, philox_blocks_avx512;
using PhiloxSubjectsSig = void(const Philox::key_type& key, const uint32_t* subjects, uint32_t n_blocks, uint32_t week,
                               uint32_t replication, Purpose purpose, uint32_t draw_index, uint32_t* out);
using PhiloxSubjectsFn = PhiloxSubjectsSig*;
PhiloxSubjectsSig philox_subjects_scalar, philox_subjects_sse2, philox_subjects_avx2, philox_subjects_avx512;

struct PhiloxIsa {
  const char* name;  // as WIJKSIM_ISA spells it
  PhiloxBlocksFn fn;
  PhiloxSubjectsFn subjects;  // philox_draw_subjects
  bool supported;  // this CPU (and OS) can run it
};
// All implementations, narrowest first.
std::array<PhiloxIsa, 4> philox_isas();
// Chooses the implementation again from WIJKSIM_ISA (set before calling); for tests only,
// never while another thread draws.
void philox_reset_choice();

}  // namespace detail
}  // namespace wijksim
