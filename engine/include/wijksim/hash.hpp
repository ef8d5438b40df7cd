#pragma once
// FNV-1a 64: the state hash of the determinism contract. Chosen over a cryptographic hash
// because it is a few lines, has no dependency, and only has to detect accidental
// differences between runs (not adversarial ones); incremental so arrays can be chained.
#include <cstddef>
#include <cstdint>

namespace wijksim {

inline constexpr uint64_t kFnv1aOffset = 14695981039346656037ull;
inline constexpr uint64_t kFnv1aPrime = 1099511628211ull;

// Continues hash `h` over `bytes` bytes of `data`.
inline uint64_t fnv1a64(const void* data, size_t bytes, uint64_t h = kFnv1aOffset) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < bytes; ++i) {
    h ^= p[i];
    h *= kFnv1aPrime;
  }
  return h;
}

}  // namespace wijksim
