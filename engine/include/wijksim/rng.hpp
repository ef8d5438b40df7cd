#pragma once
// Counter-based random numbers: Random123 Philox4x32-10.
//
// Keying (the determinism contract): every draw is a pure function of
//   key     = the 64-bit seed (two 32-bit words, low word first),
//   counter = { subject, week, replication, purpose << 16 | draw_index },
// where `subject` is the household index (or, for the weekly "does anything happen?"
// gate, the household block index h / 4: one Philox call gives four 32-bit uniforms, one
// per household of the block). Because no draw depends on which thread makes it or in
// which order, results are identical for any thread count as long as parallel chunks
// are multiples of 4 households. `draw_index` counts Philox calls within one
// (subject, week, purpose): 65,536 calls = 262,144 uniforms per household, week and
// purpose, far more than any phase needs.
//
// Rejected alternative: one sequential generator per thread (mt19937 / PCG streams).
// Results would then depend on how households are split between threads, and skipping
// a household would shift every later draw.
#include <cmath>
#include <cstdint>

#include <Random123/philox.h>

namespace wijksim {

// Why a number is drawn. Distinct purposes give independent streams for the same
// household and week, so adding draws to one phase never changes another phase's
// numbers. Append new purposes at the end (values are part of the output contract).
enum class Purpose : uint16_t {
  population = 1,    // initial households (week 0)
  gate = 2,          // one 32-bit draw per household-week: does anything happen?
  dynamics = 3,      // which channels fire (life events and domain transitions), given something does
  events = 4,        // extra draws inside a life event's effects
  debt = 5,          // debt amounts and creditors
  help_seeking = 6,  // reserved: help-seeking and detection (providers issue)
  services = 7,      // reserved: admissions, service outcomes, referrals
  interventions = 8, // reserved: intervention targeting and effects
  experiments = 9,   // reserved: experiment-level draws (e.g. sampling designs)
  domain_draws = 10, // retired with the dense kernel (issue 12); kept so the value is never reused
  reneging = 11,     // a waiting household gives up (leave_waiting_weekly), keyed by household and week
  newcomer = 12,     // a household moving into a vacated dwelling: its attributes, keyed by slot and week
  debt_settlement = 13,  // a completed debt arrangement ends debt-free (settles_debt), keyed by household and week
};

using Philox = r123::Philox4x32;

inline Philox::key_type philox_key(uint64_t seed) {
  return Philox::key_type{{static_cast<uint32_t>(seed), static_cast<uint32_t>(seed >> 32)}};
}

inline Philox::ctr_type philox_counter(uint32_t subject, uint32_t week, uint32_t replication,
                                       Purpose purpose, uint32_t draw_index) {
  return Philox::ctr_type{
      {subject, week, replication, (static_cast<uint32_t>(purpose) << 16) | (draw_index & 0xFFFFu)}};
}

// Four independent 32-bit uniforms for one (subject, week, replication, purpose, index).
inline Philox::ctr_type philox_draw(const Philox::key_type& key, uint32_t subject, uint32_t week,
                                    uint32_t replication, Purpose purpose, uint32_t draw_index) {
  return Philox{}(philox_counter(subject, week, replication, purpose, draw_index), key);
}

// Uniform double in [0, 1) from 32 bits (resolution 2^-32).
inline double u01(uint32_t bits) { return static_cast<double>(bits) * 0x1p-32; }
// Uniform double in (0, 1) from 32 bits: safe for log().
inline double u01_open(uint32_t bits) { return (static_cast<double>(bits) + 0.5) * 0x1p-32; }
// Uniform float in [0, 1) from the top 24 bits.
inline float u01f(uint32_t bits) { return static_cast<float>(bits >> 8) * 0x1p-24f; }

// A stream of draws for one (subject, week, replication, purpose): refills four 32-bit
// words per Philox call. Cheap to construct on the stack inside the hot loop.
class RngStream {
 public:
  RngStream(const Philox::key_type& key, uint32_t subject, uint32_t week, uint32_t replication,
            Purpose purpose)
      : key_(key), subject_(subject), week_(week), replication_(replication), purpose_(purpose) {}

  // The same stream whose first `n_head` blocks were drawn already (by philox_draw_blocks
  // for many subjects at once): block j's four words at head + j * stride. The words are
  // those philox_draw gives, so the stream is the same; later blocks are drawn as usual.
  RngStream(const Philox::key_type& key, uint32_t subject, uint32_t week, uint32_t replication, Purpose purpose,
            const uint32_t* head, size_t stride, uint32_t n_head)
      : RngStream(key, subject, week, replication, purpose) {
    head_ = head;
    head_stride_ = stride;
    n_head_ = n_head;
  }

  uint32_t next_u32() {
    if (pos_ == 4) {
      if (index_ < n_head_) {
        const uint32_t* w = head_ + index_++ * head_stride_;
        buf_ = Philox::ctr_type{{w[0], w[1], w[2], w[3]}};
      } else {
        buf_ = philox_draw(key_, subject_, week_, replication_, purpose_, index_++);
      }
      pos_ = 0;
    }
    return buf_.v[pos_++];
  }
  double uniform() { return u01(next_u32()); }          // [0, 1)
  double uniform_open() { return u01_open(next_u32()); }  // (0, 1)
  bool bernoulli(double p) { return uniform() < p; }
  // Standard normal by Box-Muller (two uniforms, one result: simple and reproducible).
  double normal() {
    const double u1 = uniform_open();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  // Exponential with the given mean, by inversion.
  double exponential(double mean) { return -mean * std::log(uniform_open()); }
  // Poisson by inversion (Knuth's product form); for the small means used here (< 50).
  uint32_t poisson(double mean) {
    if (mean <= 0) return 0;
    const double limit = std::exp(-mean);
    double prod = uniform_open();
    uint32_t k = 0;
    while (prod > limit && k < 1000) {
      prod *= uniform_open();
      ++k;
    }
    return k;
  }

 private:
  Philox::key_type key_;
  uint32_t subject_, week_, replication_;
  Purpose purpose_;
  uint32_t index_ = 0;
  int pos_ = 4;
  Philox::ctr_type buf_{};
  const uint32_t* head_ = nullptr;
  size_t head_stride_ = 0;
  uint32_t n_head_ = 0;
};

}  // namespace wijksim
