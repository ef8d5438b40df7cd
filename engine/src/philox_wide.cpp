// philox_draw_blocks: runs of Philox4x32-10 blocks with SSE2 / AVX2 / AVX-512, chosen at
// run time (see philox_wide.hpp). The build stays baseline x86-64: only the code between
// `#pragma GCC push_options / target(...)` and `pop_options` below may use more, and it
// runs only where __builtin_cpu_supports says the CPU (and OS) has it.
//
// Layout: one block per 64-bit lane, each of its four words r0..r3 in the low half of a
// lane of its own vector. pmuludq (_mm*_mul_epu32) multiplies exactly those low halves
// into full 64-bit products, so for m * r the lo word is the product lane as it is (the
// high half is garbage that the next multiply and the store ignore) and the hi word is one
// 64-bit shift. A round is then 2 multiplies, 2 shifts and 2 three-way XORs per vector, no
// shuffles. Lanes hold the blocks in the order that lets the store interleave the words
// into block-major order with one blend and two unpacks per pair of vectors.
//
// One generic kernel (iterate, draw: the part of this file under WIJKSIM_PHILOX_WIDE_KERNEL,
// at the end) serves every ISA: the file includes that part of itself once per ISA, inside
// that ISA's target region and namespace, where `V` is the ISA's struct of primitives. A
// function's target is fixed where it is defined, so this is how one text is compiled
// three times, each time entirely for its ISA (at any -O level; a template defined outside
// the regions would be baseline code, and vectors passed between baseline and AVX
// functions do not even agree on the calling convention).
#if !defined(WIJKSIM_PHILOX_WIDE_KERNEL)

#include "wijksim/philox_wide.hpp"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <string_view>

#if defined(__x86_64__) || defined(__i386__)
#define WIJKSIM_PHILOX_X86 1
#include <immintrin.h>
#endif

namespace wijksim {

void detail::philox_blocks_scalar(const Philox::key_type& key, uint32_t first_subject, uint32_t n_blocks,
                                  uint32_t week, uint32_t replication, Purpose purpose, uint32_t draw_index,
                                  uint32_t* out) {
  for (uint32_t i = 0; i < n_blocks; ++i) {
    const Philox::ctr_type r = philox_draw(key, first_subject + i, week, replication, purpose, draw_index);
    std::memcpy(out + 4 * size_t{i}, r.v, sizeof r.v);
  }
}

void detail::philox_subjects_scalar(const Philox::key_type& key, const uint32_t* subjects, uint32_t n_blocks,
                                    uint32_t week, uint32_t replication, Purpose purpose, uint32_t draw_index,
                                    uint32_t* out) {
  for (uint32_t i = 0; i < n_blocks; ++i) {
    const Philox::ctr_type r = philox_draw(key, subjects[i], week, replication, purpose, draw_index);
    std::memcpy(out + 4 * size_t{i}, r.v, sizeof r.v);
  }
}

#if defined(WIJKSIM_PHILOX_X86)
// g++ 12 warns that `__Y = __Y` in _mm512_undefined_epi32 (inside the AVX-512 intrinsics)
// is uninitialised (GCC PR 105593, a false positive).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
namespace {

constexpr uint32_t kMul0 = 0xD2511F53u, kMul1 = 0xCD9E8D57u;    // Philox4x32 multipliers
constexpr uint32_t kWeyl0 = 0x9E3779B9u, kWeyl1 = 0xBB67AE85u;  // its key schedule
constexpr int kRounds = 10;

// Each ISA's V: vec, lanes (blocks per vector), wide (vectors per iteration of long runs:
// the fastest measured on Zen, AMD EPYC), set1 (every 32-bit word), first_lanes (the
// block offset that each lane holds, in its low word), add32, mul (low halves, 64-bit
// products), hi (high half of each product into the low half), xor3, and store (the
// lanes' four words as the block-major words of blocks 0..lanes-1 at out).

#pragma GCC push_options
#pragma GCC target("sse2")
namespace sse2 {
struct V {
  using vec = __m128i;
  static constexpr uint32_t lanes = 2, wide = 8;
  static vec set1(uint32_t x) { return _mm_set1_epi32(static_cast<int>(x)); }
  static vec first_lanes() { return _mm_set_epi32(0, 1, 0, 0); }
  // Subjects s[0], s[1] into the low halves of lanes 0, 1 (first_lanes' order).
  static vec load_subjects(const uint32_t* s) {
    return _mm_unpacklo_epi32(_mm_loadl_epi64(reinterpret_cast<const vec*>(s)), _mm_setzero_si128());
  }
  static vec add32(vec a, vec b) { return _mm_add_epi32(a, b); }
  static vec mul(vec a, vec b) { return _mm_mul_epu32(a, b); }
  static vec hi(vec p) { return _mm_srli_epi64(p, 32); }
  static vec xor3(vec a, vec b, vec c) { return _mm_xor_si128(_mm_xor_si128(a, b), c); }
  static vec low_words(vec r) { return _mm_shuffle_epi32(r, _MM_SHUFFLE(2, 0, 2, 0)); }
  static void store(vec r0, vec r1, vec r2, vec r3, uint32_t* out) {
    // Both lanes' low words side by side, then the (w0, w1) and (w2, w3) pairs per block.
    const vec w01 = _mm_unpacklo_epi32(low_words(r0), low_words(r1));
    const vec w23 = _mm_unpacklo_epi32(low_words(r2), low_words(r3));
    _mm_storeu_si128(reinterpret_cast<vec*>(out), _mm_unpacklo_epi64(w01, w23));
    _mm_storeu_si128(reinterpret_cast<vec*>(out + 4), _mm_unpackhi_epi64(w01, w23));
  }
};
#define WIJKSIM_PHILOX_WIDE_KERNEL
#include "philox_wide.cpp"  // NOLINT(bugprone-suspicious-include): the kernel part, for V
#undef WIJKSIM_PHILOX_WIDE_KERNEL
}  // namespace sse2
#pragma GCC pop_options

#pragma GCC push_options
#pragma GCC target("avx2")
namespace avx2 {
struct V {
  using vec = __m256i;
  static constexpr uint32_t lanes = 4, wide = 6;
  static vec set1(uint32_t x) { return _mm256_set1_epi32(static_cast<int>(x)); }
  // unpacklo takes lanes 0 and 2, unpackhi lanes 1 and 3: blocks 0, 1 and 2, 3.
  static vec first_lanes() { return _mm256_set_epi64x(3, 1, 2, 0); }
  // s[0..3] as 64-bit lanes, then lanes 0, 2, 1, 3 (first_lanes' order).
  static vec load_subjects(const uint32_t* s) {
    const vec wide = _mm256_cvtepu32_epi64(_mm_loadu_si128(reinterpret_cast<const __m128i*>(s)));
    return _mm256_permute4x64_epi64(wide, _MM_SHUFFLE(3, 1, 2, 0));
  }
  static vec add32(vec a, vec b) { return _mm256_add_epi32(a, b); }
  static vec mul(vec a, vec b) { return _mm256_mul_epu32(a, b); }
  static vec hi(vec p) { return _mm256_srli_epi64(p, 32); }
  static vec xor3(vec a, vec b, vec c) { return _mm256_xor_si256(_mm256_xor_si256(a, b), c); }
  static void store(vec r0, vec r1, vec r2, vec r3, uint32_t* out) {
    // Each lane becomes (w0, w1) and (w2, w3) as 64-bit halves, then pairs of lanes.
    const vec w01 = _mm256_blend_epi32(r0, _mm256_slli_epi64(r1, 32), 0xAA);
    const vec w23 = _mm256_blend_epi32(r2, _mm256_slli_epi64(r3, 32), 0xAA);
    _mm256_storeu_si256(reinterpret_cast<vec*>(out), _mm256_unpacklo_epi64(w01, w23));
    _mm256_storeu_si256(reinterpret_cast<vec*>(out + 8), _mm256_unpackhi_epi64(w01, w23));
  }
};
#define WIJKSIM_PHILOX_WIDE_KERNEL
#include "philox_wide.cpp"  // NOLINT(bugprone-suspicious-include): the kernel part, for V
#undef WIJKSIM_PHILOX_WIDE_KERNEL
}  // namespace avx2
#pragma GCC pop_options

#pragma GCC push_options
#pragma GCC target("avx512f,avx512bw,avx512dq,avx512vl")
namespace avx512 {
struct V {
  using vec = __m512i;
  static constexpr uint32_t lanes = 8, wide = 6;
  static vec set1(uint32_t x) { return _mm512_set1_epi32(static_cast<int>(x)); }
  // unpacklo takes lanes 0, 2, 4, 6, unpackhi lanes 1, 3, 5, 7: blocks 0..3 and 4..7.
  static vec first_lanes() { return _mm512_set_epi64(7, 3, 6, 2, 5, 1, 4, 0); }
  // s[0..7] as 64-bit lanes, then in first_lanes' order.
  static vec load_subjects(const uint32_t* s) {
    const vec wide = _mm512_cvtepu32_epi64(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(s)));
    return _mm512_permutexvar_epi64(first_lanes(), wide);
  }
  static vec add32(vec a, vec b) { return _mm512_add_epi32(a, b); }
  static vec mul(vec a, vec b) { return _mm512_mul_epu32(a, b); }
  static vec hi(vec p) { return _mm512_srli_epi64(p, 32); }
  static vec xor3(vec a, vec b, vec c) { return _mm512_ternarylogic_epi32(a, b, c, 0x96); }
  static void store(vec r0, vec r1, vec r2, vec r3, uint32_t* out) {
    // Odd words take the low word of the partner vector: (w0, w1) and (w2, w3) per lane.
    constexpr auto kLowToBoth = static_cast<_MM_PERM_ENUM>(_MM_SHUFFLE(2, 2, 0, 0));
    const vec w01 = _mm512_mask_shuffle_epi32(r0, 0xAAAA, r1, kLowToBoth);
    const vec w23 = _mm512_mask_shuffle_epi32(r2, 0xAAAA, r3, kLowToBoth);
    _mm512_storeu_si512(out, _mm512_unpacklo_epi64(w01, w23));
    _mm512_storeu_si512(out + 16, _mm512_unpackhi_epi64(w01, w23));
  }
};
#define WIJKSIM_PHILOX_WIDE_KERNEL
#include "philox_wide.cpp"  // NOLINT(bugprone-suspicious-include): the kernel part, for V
#undef WIJKSIM_PHILOX_WIDE_KERNEL
}  // namespace avx512
#pragma GCC pop_options

}  // namespace
#pragma GCC diagnostic pop

// Baseline entry points: each calls its ISA's kernel (a call into target code, never
// inlined here).
void detail::philox_blocks_sse2(const Philox::key_type& key, uint32_t first_subject, uint32_t n_blocks,
                                uint32_t week, uint32_t replication, Purpose purpose, uint32_t draw_index,
                                uint32_t* out) {
  sse2::draw(key, first_subject, n_blocks, week, replication, purpose, draw_index, out);
}
void detail::philox_subjects_sse2(const Philox::key_type& key, const uint32_t* subjects, uint32_t n_blocks,
                                   uint32_t week, uint32_t replication, Purpose purpose, uint32_t draw_index,
                                   uint32_t* out) {
  sse2::draw_subjects(key, subjects, n_blocks, week, replication, purpose, draw_index, out);
}
void detail::philox_blocks_avx2(const Philox::key_type& key, uint32_t first_subject, uint32_t n_blocks,
                                uint32_t week, uint32_t replication, Purpose purpose, uint32_t draw_index,
                                uint32_t* out) {
  avx2::draw(key, first_subject, n_blocks, week, replication, purpose, draw_index, out);
}
void detail::philox_subjects_avx2(const Philox::key_type& key, const uint32_t* subjects, uint32_t n_blocks,
                                   uint32_t week, uint32_t replication, Purpose purpose, uint32_t draw_index,
                                   uint32_t* out) {
  avx2::draw_subjects(key, subjects, n_blocks, week, replication, purpose, draw_index, out);
}
void detail::philox_blocks_avx512(const Philox::key_type& key, uint32_t first_subject, uint32_t n_blocks,
                                  uint32_t week, uint32_t replication, Purpose purpose, uint32_t draw_index,
                                  uint32_t* out) {
  avx512::draw(key, first_subject, n_blocks, week, replication, purpose, draw_index, out);
}
void detail::philox_subjects_avx512(const Philox::key_type& key, const uint32_t* subjects, uint32_t n_blocks,
                                     uint32_t week, uint32_t replication, Purpose purpose, uint32_t draw_index,
                                     uint32_t* out) {
  avx512::draw_subjects(key, subjects, n_blocks, week, replication, purpose, draw_index, out);
}

std::array<detail::PhiloxIsa, 4> detail::philox_isas() {
  __builtin_cpu_init();
  const bool avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                      __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
  return {{{"scalar", philox_blocks_scalar, philox_subjects_scalar, true},
           {"sse2", philox_blocks_sse2, philox_subjects_sse2, __builtin_cpu_supports("sse2") != 0},
           {"avx2", philox_blocks_avx2, philox_subjects_avx2, __builtin_cpu_supports("avx2") != 0},
           {"avx512", philox_blocks_avx512, philox_subjects_avx512, avx512}}};
}

#else  // not x86: only "scalar" is supported; the vector rows name it so the table keeps its shape

std::array<detail::PhiloxIsa, 4> detail::philox_isas() {
  return {{{"scalar", philox_blocks_scalar, philox_subjects_scalar, true},
           {"sse2", philox_blocks_scalar, philox_subjects_scalar, false},
           {"avx2", philox_blocks_scalar, philox_subjects_scalar, false},
           {"avx512", philox_blocks_scalar, philox_subjects_scalar, false}}};
}

#endif

namespace {

// The widest supported implementation, or with WIJKSIM_ISA the widest supported one not
// wider than the one asked for (an unknown name is ignored).
size_t choose_isa() {
  const std::array<detail::PhiloxIsa, 4> isas = detail::philox_isas();
  size_t limit = isas.size() - 1;
  if (const char* asked = std::getenv("WIJKSIM_ISA")) {
    for (size_t i = 0; i < isas.size(); ++i)
      if (std::string_view(asked) == isas[i].name) limit = i;
  }
  size_t best = 0;
  for (size_t i = 0; i <= limit; ++i)
    if (isas[i].supported) best = i;
  return best;
}

// Resolved once (thread-safe: a function-local static), again only through
// detail::philox_reset_choice() (tests that walk every path in one process).
std::atomic<size_t>& chosen_index() {
  static std::atomic<size_t> index{choose_isa()};
  return index;
}

const detail::PhiloxIsa& chosen_isa() {
  static const std::array<detail::PhiloxIsa, 4> isas = detail::philox_isas();
  return isas[chosen_index().load(std::memory_order_relaxed)];
}

}  // namespace

void detail::philox_reset_choice() { chosen_index().store(choose_isa(), std::memory_order_relaxed); }

void philox_draw_blocks(const Philox::key_type& key, uint32_t first_subject, uint32_t n_blocks, uint32_t week,
                        uint32_t replication, Purpose purpose, uint32_t draw_index, uint32_t* out) {
  chosen_isa().fn(key, first_subject, n_blocks, week, replication, purpose, draw_index, out);
}

void philox_draw_subjects(const Philox::key_type& key, const uint32_t* subjects, uint32_t n_blocks, uint32_t week,
                          uint32_t replication, Purpose purpose, uint32_t draw_index, uint32_t* out) {
  chosen_isa().subjects(key, subjects, n_blocks, week, replication, purpose, draw_index, out);
}

const char* philox_wide_isa() { return chosen_isa().name; }

}  // namespace wijksim

#else  // WIJKSIM_PHILOX_WIDE_KERNEL: the kernel, compiled inside namespace <isa> for its V

// What every iteration of one call shares: round keys, multipliers and the counter words
// that do not vary (each lane's subject comes from the call's Subjects source).
struct Consts {
  V::vec k0[kRounds], k1[kRounds], m0, m1, c1, c2, c3;
};

// The subjects of a run of blocks, one vector of V::lanes at a time: consecutive from a
// running vector (philox_draw_blocks), or read from a list (philox_draw_subjects).
struct Consecutive {
  V::vec subject;
  V::vec next() {
    const V::vec s = subject;
    subject = V::add32(subject, V::set1(V::lanes));  // wraps like uint32_t
    return s;
  }
};
struct Listed {
  const uint32_t* subjects;
  V::vec next() {
    const V::vec s = V::load_subjects(subjects);
    subjects += V::lanes;
    return s;
  }
};

// kChains vectors (kChains * V::lanes blocks, their subjects from `from`) into dst,
// block-major. Independent chains keep the multipliers busy while a round's multiply
// latency runs.
template <uint32_t kChains, class Subjects>
inline void iterate(const Consts& k, Subjects& from, uint32_t* dst) {
  using vec = V::vec;
  vec r0[kChains], r1[kChains], r2[kChains], r3[kChains];
#pragma GCC unroll 16
  for (uint32_t c = 0; c < kChains; ++c) {
    r0[c] = from.next();
    r1[c] = k.c1;
    r2[c] = k.c2;
    r3[c] = k.c3;
  }
#pragma GCC unroll 10
  for (int round = 0; round < kRounds; ++round) {
#pragma GCC unroll 16
    for (uint32_t c = 0; c < kChains; ++c) {
      const vec p0 = V::mul(r0[c], k.m0), p1 = V::mul(r2[c], k.m1);
      r0[c] = V::xor3(V::hi(p1), r1[c], k.k0[round]);
      r2[c] = V::xor3(V::hi(p0), r3[c], k.k1[round]);
      r1[c] = p1;
      r3[c] = p0;
    }
  }
#pragma GCC unroll 16
  for (uint32_t c = 0; c < kChains; ++c) V::store(r0[c], r1[c], r2[c], r3[c], dst + 4 * V::lanes * c);
}

// Groups of kChains vectors while they fit, from `done` on (advancing it and `from`).
template <uint32_t kChains, class Subjects>
inline void iterate_while(const Consts& k, Subjects& from, size_t n_blocks, size_t& done, uint32_t* out) {
  for (; n_blocks - done >= kChains * V::lanes; done += kChains * V::lanes) iterate<kChains>(k, from, out + 4 * done);
}

// The round keys and the counter words of (week, replication, purpose, draw_index).
Consts consts(const Philox::key_type& key, uint32_t week, uint32_t replication, Purpose purpose, uint32_t draw_index) {
  const Philox::ctr_type ctr = philox_counter(0, week, replication, purpose, draw_index);
  Consts k;
  uint32_t a = key.v[0], b = key.v[1];
  for (int round = 0; round < kRounds; ++round, a += kWeyl0, b += kWeyl1) {
    k.k0[round] = V::set1(a);
    k.k1[round] = V::set1(b);
  }
  k.m0 = V::set1(kMul0);
  k.m1 = V::set1(kMul1);
  k.c1 = V::set1(ctr.v[1]);
  k.c2 = V::set1(ctr.v[2]);
  k.c3 = V::set1(ctr.v[3]);
  return k;
}

// V::wide vectors per iteration while that many remain, then 4, 2 and 1 (each at most
// once), so that short runs still have independent chains. Returns the blocks done: fewer
// than V::lanes are left, for the caller's partial vector.
template <class Subjects>
size_t draw_full_vectors(const Consts& k, Subjects& from, size_t n_blocks, uint32_t* out) {
  static_assert(V::wide <= 8, "the 4, 2, 1 steps cover at most 7 vectors left");
  size_t done = 0;
  iterate_while<V::wide>(k, from, n_blocks, done, out);
  if constexpr (V::wide > 4) iterate_while<4>(k, from, n_blocks, done, out);
  if constexpr (V::wide > 2) iterate_while<2>(k, from, n_blocks, done, out);
  iterate_while<1>(k, from, n_blocks, done, out);
  return done;
}

// The last, partial vector through a buffer.
template <class Subjects>
void draw_tail(const Consts& k, Subjects& from, size_t n_left, uint32_t* out) {
  uint32_t tail[4 * V::lanes];
  iterate<1>(k, from, tail);
  std::memcpy(out, tail, sizeof(uint32_t) * 4 * n_left);
}

void draw(const Philox::key_type& key, uint32_t first_subject, uint32_t n_blocks, uint32_t week,
          uint32_t replication, Purpose purpose, uint32_t draw_index, uint32_t* out) {
  const Consts k = consts(key, week, replication, purpose, draw_index);
  Consecutive from{V::add32(V::set1(first_subject), V::first_lanes())};
  const size_t done = draw_full_vectors(k, from, n_blocks, out);
  if (done < n_blocks) draw_tail(k, from, n_blocks - done, out + 4 * done);
}

void draw_subjects(const Philox::key_type& key, const uint32_t* subjects, uint32_t n_blocks, uint32_t week,
                   uint32_t replication, Purpose purpose, uint32_t draw_index, uint32_t* out) {
  const Consts k = consts(key, week, replication, purpose, draw_index);
  Listed from{subjects};
  const size_t done = draw_full_vectors(k, from, n_blocks, out);
  if (done < n_blocks) {  // the last subjects padded to a whole vector (not read past the list)
    uint32_t padded[V::lanes] = {};
    std::memcpy(padded, subjects + done, sizeof(uint32_t) * (n_blocks - done));
    Listed rest{padded};
    draw_tail(k, rest, n_blocks - done, out + 4 * done);
  }
}

#endif  // WIJKSIM_PHILOX_WIDE_KERNEL
