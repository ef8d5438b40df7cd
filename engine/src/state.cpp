// Registry-driven operations on SimState: allocation, hashing, size accounting.
#include "wijksim/state.hpp"

#include "wijksim/hash.hpp"

namespace wijksim {

void SimState::allocate(uint64_t households, int domains) {
  n_households = households;
  n_domains = domains;
#define WIJKSIM_ALLOCATE_ARRAY(type, name, shape, temperature)                                   \
  name.assign(ArrayShape::shape == ArrayShape::per_household_domain                              \
                  ? households * static_cast<uint64_t>(domains)                                  \
                  : households,                                                                  \
              type{});
  WIJKSIM_STATE_ARRAYS(WIJKSIM_ALLOCATE_ARRAY)
#undef WIJKSIM_ALLOCATE_ARRAY
}

uint64_t state_hash(const SimState& state) {
  uint64_t h = fnv1a64(&state.n_households, sizeof state.n_households);
  h = fnv1a64(&state.n_domains, sizeof state.n_domains, h);
  state.for_each_array([&](const StateArrayView& a) {
    h = fnv1a64(a.name.data(), a.name.size(), h);
    h = fnv1a64(a.data, a.bytes, h);
  });
  return h;
}

std::vector<std::pair<std::string_view, uint64_t>> state_array_hashes(const SimState& state) {
  std::vector<std::pair<std::string_view, uint64_t>> out;
  state.for_each_array(
      [&](const StateArrayView& a) { out.emplace_back(a.name, fnv1a64(a.data, a.bytes)); });
  return out;
}

size_t hot_bytes_per_household(const SimState& state) {
  size_t n = 0;
  state.for_each_array([&](const StateArrayView& a) {
    if (a.temperature == ArrayTemperature::hot) n += a.bytes_per_household;
  });
  return n;
}

size_t state_bytes_per_household(const SimState& state) {
  size_t n = 0;
  state.for_each_array([&](const StateArrayView& a) { n += a.bytes_per_household; });
  return n;
}

}  // namespace wijksim
