#pragma once
// SimState: the mutable state of one run (one seed, one replication), as a structure of
// arrays. The immutable description of the city is CompiledScenario; the weekly step is
// step(const CompiledScenario&, SimState&). Each run / thread / rank owns its SimState.
//
// Design of the hot state (what the weekly loop reads), and why:
//   In a typical week more than 90% of households change nothing. So each household
//   caches `quiet_threshold`: the probability that NO channel (life event, domain
//   worsening or improvement) fires this week, as a 32-bit threshold, recomputed only
//   when the household's state changes. The weekly loop reads 4 bytes of threshold and 1
//   byte of flags per household, compares with one 32-bit Philox uniform (four per
//   Philox call), and only the rare "something happens" households take the slow path
//   that samples exactly which channels fire (models/src/channels.cpp proves that this is
//   the same distribution as one uniform per channel).
//   Rejected alternative: one uniform per domain per household per week, plus recomputing
//   the coupled worsening probabilities every week. That is ~13 Philox draws and a 13x13
//   matrix-vector product per household-week: an order of magnitude slower, and it
//   touches every byte of the state every week.
//   Everything the loop needs for a household is in these arrays (about 40 bytes for 13
//   domains, see hot_bytes_per_household()); there are no per-household objects and no
//   pointers, so a chunk of households is a few contiguous memory streams.
//
// The registry: WIJKSIM_STATE_ARRAYS lists every array exactly once. Allocation,
// state_hash(), hot-bytes accounting and the determinism test all iterate it, so a new
// array cannot be forgotten: add one X(...) line and it is allocated, hashed and tested.
//   X(type, name, shape, temperature)
//   shape: per_household (n_households) or per_household_domain (n_households x
//          n_domains, household-major: index h * n_domains + d)
//   temperature: hot (read or written by the weekly step) or cold (descriptive only)
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace wijksim {

// Bits of SimState::flags.
inline constexpr uint8_t kFlagSingleParent = 1u << 0;  // one adult with children
inline constexpr uint8_t kFlagDebtGrows = 1u << 1;     // cache: debt grows this week (finances low, income low)
inline constexpr uint8_t kFlagLowIncome = 1u << 2;     // drawn as a low-income household at week 0
inline constexpr uint8_t kFlagDebtSettled = 1u << 3;   // a provider settled its debt (settles_debt); kept for good

// clang-format off
#define WIJKSIM_STATE_ARRAYS(X)                                                                    \
  /* wijk index of the household, 0..n_wijken-1; households are stored in wijk order.        */  \
  X(uint16_t, wijk,            per_household,        hot)                                        \
  /* adults in the household, 1..255                                                          */ \
  X(uint8_t,  adults,          per_household,        hot)                                        \
  /* children (< 18) in the household, 0..255                                                 */ \
  X(uint8_t,  children,        per_household,        hot)                                        \
  /* kFlag* bits: single parent, debt-grows cache, low income, debt settled                   */ \
  X(uint8_t,  flags,           per_household,        hot)                                        \
  /* cache: bit e (e < 7) set when societal cost e applies, bit 7 when one of 7.. does       */ \
  X(uint8_t,  societal,        per_household,        hot)                                        \
  /* head's age at week 0, years; current age = age0 + week / 52 (a newcomer: its age at       */ \
  /* arrival minus the years since week 0, floored at 0)                                      */ \
  X(uint8_t,  age0,            per_household,        cold)                                       \
  /* WorkStatus value (employed, unemployed, benefits, retired, student)                      */ \
  X(uint8_t,  work_status,     per_household,        hot)                                        \
  /* number of creditors, 0..255 (saturating)                                                 */ \
  X(uint8_t,  creditors,       per_household,        hot)                                        \
  /* informal network strength 0..1, stored as round(x * 255)                                 */ \
  X(uint8_t,  network,         per_household,        hot)                                        \
  /* care avoidance (zorgmijding) 0..1, stored as round(x * 255)                              */ \
  X(uint8_t,  care_avoidance,  per_household,        cold)                                       \
  /* net household income, whole euros per month                                              */ \
  X(uint32_t, income,          per_household,        hot)                                        \
  /* debt, whole euros (integer so every sum over households is exact)                        */ \
  X(int64_t,  debt,            per_household,        hot)                                        \
  /* cache: P(nothing happens this week) * 2^32, saturated to 2^32-1; see design above        */ \
  X(uint32_t, quiet_threshold, per_household,        hot)                                        \
  /* ZRM severity 1..5 (1 acute, 5 fully self-sufficient); n_households x n_domains           */ \
  X(uint8_t,  severity,        per_household_domain, hot)                                        \
  /* ---- provider / pathway state (providers issue). Cold: the gate loop never reads them;   */ \
  /* ---- only the slow path and the services phase (households in care) touch them.         */ \
  /* providers::CareStatus: 0 not in care, 1 waiting, 2 in service, 3 in transit              */ \
  X(uint8_t,  care_status,     per_household,        cold)                                       \
  /* provider waited at / serving / travelled to; -1 none                                     */ \
  X(int16_t,  care_provider,   per_household,        cold)                                       \
  /* generalist provider keeping the case along a continuity pathway; -1 none                 */ \
  X(int16_t,  case_manager,    per_household,        cold)                                       \
  /* ---- programme state (interventions). Cold: only the interventions phase touches them;   */ \
  /* ---- allocated for every scenario, so adding an intervention changes no array's shape.   */ \
  /* intervention index the household is enrolled in, or -1                                   */ \
  X(int8_t,   programme,       per_household,        cold)                                       \
  /* week of the current enrolment                                                            */ \
  X(uint32_t, enrol_week,      per_household,        cold)                                       \
  /* last week of the current enrolment (inclusive)                                           */ \
  X(uint32_t, end_week,        per_household,        cold)                                       \
  /* bit i: was enrolled in intervention i (nobody enrols twice)                              */ \
  X(uint32_t, programmes_ever, per_household,        cold)                                       \
  /* debt_restructuring: euro cents still owed to the credit bank                             */ \
  X(int64_t,  loan_cents,      per_household,        cold)                                       \
  /* debt_restructuring: weekly instalment, euro cents                                        */ \
  X(int64_t,  repay_cents,     per_household,        cold)                                       \
  /* early_signals: week the pending arrears signal is acted on; 0 none                       */ \
  X(uint32_t, signal_due,      per_household,        cold)                                       \
  /* early_signals: intervention that raised the pending signal, or -1                        */ \
  X(int8_t,   signal_of,       per_household,        cold)                                       \
  /* ---- the open population (issue 14). A slot is a dwelling; the household living in it has */ \
  /* ---- this id: the slot index at week 0, then n_households, n_households + 1, ... for each  */ \
  /* ---- newcomer in departure order (week, then slot), so an id is never reused.             */ \
  X(uint64_t, household_id,    per_household,        cold)
// clang-format on

enum class ArrayShape : uint8_t { per_household, per_household_domain };
enum class ArrayTemperature : uint8_t { hot, cold };

// Description of one registered array, as seen by generic code (hash, tests, bindings).
struct StateArrayView {
  std::string_view name;
  const void* data;
  size_t bytes;                 // total bytes
  size_t bytes_per_household;   // element size x (1 or n_domains)
  ArrayShape shape;
  ArrayTemperature temperature;
};

struct SimState {
  uint64_t n_households = 0;
  int n_domains = 0;

#define WIJKSIM_DECLARE_ARRAY(type, name, shape, temperature) std::vector<type> name;
  WIJKSIM_STATE_ARRAYS(WIJKSIM_DECLARE_ARRAY)
#undef WIJKSIM_DECLARE_ARRAY

  // Sizes every registered array for n households and n domains, zero-filled.
  void allocate(uint64_t households, int domains);

  // Calls f(const StateArrayView&) for every registered array, in registry order.
  template <class F>
  void for_each_array(F&& f) const {
#define WIJKSIM_VISIT_ARRAY(type, name, shape, temperature)                                      \
  f(StateArrayView{#name, name.data(), name.size() * sizeof(type),                               \
                   sizeof(type) * (ArrayShape::shape == ArrayShape::per_household_domain         \
                                       ? static_cast<size_t>(n_domains)                          \
                                       : 1u),                                                    \
                   ArrayShape::shape, ArrayTemperature::temperature});
    WIJKSIM_STATE_ARRAYS(WIJKSIM_VISIT_ARRAY)
#undef WIJKSIM_VISIT_ARRAY
  }

  uint8_t* severity_row(uint64_t h) { return severity.data() + h * static_cast<size_t>(n_domains); }
  const uint8_t* severity_row(uint64_t h) const {
    return severity.data() + h * static_cast<size_t>(n_domains);
  }
};

// FNV-1a 64 over the sizes and then every registered array's bytes, in registry order.
uint64_t state_hash(const SimState& state);
// Per-array hashes (name, hash): the determinism test reports which array differs.
std::vector<std::pair<std::string_view, uint64_t>> state_array_hashes(const SimState& state);
// Bytes per household of the arrays marked hot (what the weekly step streams through).
size_t hot_bytes_per_household(const SimState& state);
// Bytes per household of all registered arrays.
size_t state_bytes_per_household(const SimState& state);

}  // namespace wijksim
