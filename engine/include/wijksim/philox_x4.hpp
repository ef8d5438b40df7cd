#pragma once
// Four Philox4x32-10 calls at once: the counters { subject0 + i, week, replication,
// purpose << 16 | draw_index } for i = 0..3, i.e. four consecutive subjects. Bit-identical
// to philox_draw() (rng.hpp) for each i; tests/engine/test_philox_x4.cpp checks that.
//
// The gate used this until philox_wide.hpp (many blocks per call, AVX-512 / AVX2 chosen at
// run time) replaced it; it stays as the SSE2 reference that bench_philox compares against.
// SSE2 (part of the x86-64 baseline) does the four 32x32->64 multiplies of a round in two
// pmuludq, one Philox call per vector lane. Other targets use the scalar loop.
#include <cstdint>

#include "wijksim/rng.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace wijksim {

// out[i][j] = philox_draw(key, subject0 + i, week, replication, purpose, draw_index).v[j]
inline void philox_draw_x4(const Philox::key_type& key, uint32_t subject0, uint32_t week, uint32_t replication,
                           Purpose purpose, uint32_t draw_index, uint32_t out[4][4]) {
#if defined(__SSE2__)
  const uint32_t tag = (static_cast<uint32_t>(purpose) << 16) | (draw_index & 0xFFFFu);
  __m128i r0 = _mm_add_epi32(_mm_set1_epi32(static_cast<int>(subject0)), _mm_set_epi32(3, 2, 1, 0));
  __m128i r1 = _mm_set1_epi32(static_cast<int>(week));
  __m128i r2 = _mm_set1_epi32(static_cast<int>(replication));
  __m128i r3 = _mm_set1_epi32(static_cast<int>(tag));
  uint32_t k0 = key.v[0], k1 = key.v[1];
  const __m128i m0 = _mm_set1_epi32(static_cast<int>(0xD2511F53u));
  const __m128i m1 = _mm_set1_epi32(static_cast<int>(0xCD9E8D57u));
  // lo / hi 32-bit halves of m x r per lane (pmuludq multiplies lanes 0 and 2).
  const auto mulhilo = [](__m128i m, __m128i r, __m128i& lo, __m128i& hi) {
    const __m128i p02 = _mm_mul_epu32(r, m);
    const __m128i p13 = _mm_mul_epu32(_mm_srli_epi64(r, 32), m);
    lo = _mm_unpacklo_epi32(_mm_shuffle_epi32(p02, _MM_SHUFFLE(0, 0, 2, 0)), _mm_shuffle_epi32(p13, _MM_SHUFFLE(0, 0, 2, 0)));
    hi = _mm_unpacklo_epi32(_mm_shuffle_epi32(p02, _MM_SHUFFLE(0, 0, 3, 1)), _mm_shuffle_epi32(p13, _MM_SHUFFLE(0, 0, 3, 1)));
  };
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {  // key schedule of Philox4x32 (Weyl increments)
      k0 += 0x9E3779B9u;
      k1 += 0xBB67AE85u;
    }
    __m128i lo0, hi0, lo1, hi1;
    mulhilo(m0, r0, lo0, hi0);
    mulhilo(m1, r2, lo1, hi1);
    const __m128i n0 = _mm_xor_si128(_mm_xor_si128(hi1, r1), _mm_set1_epi32(static_cast<int>(k0)));
    const __m128i n2 = _mm_xor_si128(_mm_xor_si128(hi0, r3), _mm_set1_epi32(static_cast<int>(k1)));
    r0 = n0;
    r1 = lo1;
    r2 = n2;
    r3 = lo0;
  }
  // Transpose: lane i of r_j is word j of subject i's block.
  const __m128i t0 = _mm_unpacklo_epi32(r0, r1), t1 = _mm_unpacklo_epi32(r2, r3);
  const __m128i t2 = _mm_unpackhi_epi32(r0, r1), t3 = _mm_unpackhi_epi32(r2, r3);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out[0]), _mm_unpacklo_epi64(t0, t1));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out[1]), _mm_unpackhi_epi64(t0, t1));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out[2]), _mm_unpacklo_epi64(t2, t3));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(out[3]), _mm_unpackhi_epi64(t2, t3));
#else
  for (uint32_t i = 0; i < 4; ++i) {
    const auto r = philox_draw(key, subject0 + i, week, replication, purpose, draw_index);
    for (int j = 0; j < 4; ++j) out[i][j] = r.v[j];
  }
#endif
}

}  // namespace wijksim
