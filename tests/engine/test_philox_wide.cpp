// philox_draw_blocks and philox_draw_subjects (runs of Philox4x32-10 blocks with SSE2 / AVX2 /
// AVX-512, picked at run time) must give exactly the numbers of the scalar Random123
// philox_draw, block-major, for every implementation this CPU can run: the gate, service
// and cost draws are part of the output contract.
// Implementations the CPU lacks are skipped with a warning (scalar and SSE2 always run on
// x86-64). Covers every tail length against the vector widths (4, 8, 16 blocks per
// iteration) and subjects that wrap past 2^32.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <vector>

#include "wijksim/philox_wide.hpp"

using namespace wijksim;

namespace {

constexpr uint32_t kCanary = 0xDEADBEEFu;

// The 4 words on each side of the n blocks at buf + 4 are still canaries.
void require_canaries(const std::vector<uint32_t>& buf, uint32_t n) {
  for (int j = 0; j < 4; ++j) {
    REQUIRE(buf[j] == kCanary);
    REQUIRE(buf[4 + 4 * size_t{n} + j] == kCanary);
  }
}

// fn(isa) for each implementation this CPU runs (a warning for the others); on x86-64 at
// least scalar and SSE2 must have run.
template <class Fn>
void for_each_supported_isa(const char* what, Fn&& fn) {
  int checked = 0;
  for (const detail::PhiloxIsa& isa : detail::philox_isas()) {
    if (!isa.supported) {
      WARN(what << ": this CPU lacks " << isa.name << "; its implementation is not tested here");
      continue;
    }
    INFO("isa " << isa.name);
    fn(isa);
    ++checked;
  }
#if defined(__x86_64__)
  CHECK(checked >= 2);  // scalar and SSE2 at least
#endif
}

// Runs fn over n blocks into a buffer with canaries on both sides, checks every word
// against philox_draw and that nothing outside [0, 4n) was written.
void check_blocks(detail::PhiloxBlocksFn fn, const Philox::key_type& key, uint32_t first, uint32_t n, uint32_t week,
                  uint32_t replication, Purpose purpose, uint32_t draw_index) {
  std::vector<uint32_t> buf(4 * size_t{n} + 8, kCanary);
  fn(key, first, n, week, replication, purpose, draw_index, buf.data() + 4);
  for (uint32_t i = 0; i < n; ++i) {
    const auto ref = philox_draw(key, first + i, week, replication, purpose, draw_index);
    for (int j = 0; j < 4; ++j) {
      if (buf[4 + 4 * size_t{i} + j] != ref.v[j]) {
        INFO("first " << first << " n " << n << " block " << i << " word " << j << " week " << week << " rep "
                      << replication << " purpose " << static_cast<int>(purpose) << " index " << draw_index);
        REQUIRE(buf[4 + 4 * size_t{i} + j] == ref.v[j]);
      }
    }
  }
  require_canaries(buf, n);
}

}  // namespace

TEST_CASE("philox_draw_blocks: every supported ISA equals scalar philox_draw", "[rng]") {
  const uint32_t lengths[] = {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 1000};
  std::mt19937_64 gen(20240601);
  for_each_supported_isa("philox_draw_blocks", [&](const detail::PhiloxIsa& isa) {
    for (int trial = 0; trial < 24; ++trial) {
      const auto key = philox_key(trial == 0 ? 0 : gen());
      const auto week = static_cast<uint32_t>(gen() % 520);
      const auto replication = static_cast<uint32_t>(gen());
      const auto purpose = static_cast<Purpose>(1 + gen() % 9);
      const auto draw_index = static_cast<uint32_t>(gen());  // philox_counter keeps the low 16 bits
      for (uint32_t n : lengths) {
        check_blocks(isa.fn, key, static_cast<uint32_t>(gen()), n, week, replication, purpose, draw_index);
        // subject + i wraps past 2^32 in the middle of a vector.
        check_blocks(isa.fn, key, 0xFFFFFFFFu - n / 2, n, week, replication, purpose, draw_index);
      }
    }
    check_blocks(isa.fn, philox_key(7), 0xFFFFFFF0u, 33, 1, 2, Purpose::gate, 0);
    check_blocks(isa.fn, philox_key(7), 0xFFFFFFFFu, 16, 1, 2, Purpose::gate, 0);
  });
}

TEST_CASE("philox_draw_subjects: every supported ISA equals scalar philox_draw for a list of subjects", "[rng]") {
  // The providers' and the costs' draws for the households of a list (any order, repeats
  // allowed). Every length against the vector widths; the list is read only up to n (the
  // words past it are canaries that would show up as subjects).
  const uint32_t lengths[] = {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 23, 24, 25, 31, 32, 33, 47, 48, 49, 63, 64, 65, 1000};
  std::mt19937_64 gen(20261204);
  for_each_supported_isa("philox_draw_subjects", [&](const detail::PhiloxIsa& isa) {
    for (int trial = 0; trial < 12; ++trial) {
      const auto key = philox_key(gen());
      const auto week = static_cast<uint32_t>(gen() % 520);
      const auto replication = static_cast<uint32_t>(gen());
      const auto purpose = static_cast<Purpose>(1 + gen() % 9);
      const auto draw_index = static_cast<uint32_t>(gen());
      for (uint32_t n : lengths) {
        std::vector<uint32_t> subjects(size_t{n} + 16, kCanary);
        for (uint32_t i = 0; i < n; ++i)
          subjects[i] = i % 7 == 3 && i > 0 ? subjects[i - 1] : static_cast<uint32_t>(gen() % (trial % 2 ? 1000 : 0xFFFFFFFFu));
        std::vector<uint32_t> buf(4 * size_t{n} + 8, kCanary);
        isa.subjects(key, subjects.data(), n, week, replication, purpose, draw_index, buf.data() + 4);
        uint64_t differ = 0;
        for (uint32_t i = 0; i < n; ++i) {
          const auto ref = philox_draw(key, subjects[i], week, replication, purpose, draw_index);
          for (int j = 0; j < 4; ++j) differ += buf[4 + 4 * size_t{i} + j] != ref.v[j];
        }
        INFO("n " << n);
        REQUIRE(differ == 0);
        require_canaries(buf, n);
      }
    }
    // Negative control: the same list one subject shifted gives other words at every block.
    const auto key = philox_key(11);
    std::vector<uint32_t> a = {5, 9, 2, 2, 700, 31, 8, 1, 4}, b = a;
    for (auto& x : b) ++x;
    std::vector<uint32_t> wa(4 * a.size()), wb(4 * b.size());
    isa.subjects(key, a.data(), static_cast<uint32_t>(a.size()), 3, 0, Purpose::services, 0, wa.data());
    isa.subjects(key, b.data(), static_cast<uint32_t>(b.size()), 3, 0, Purpose::services, 0, wb.data());
    for (size_t i = 0; i < a.size(); ++i) CHECK(wa[4 * i] != wb[4 * i]);
  });
}

TEST_CASE("philox_draw_blocks: the dispatcher uses a supported ISA and the gate's layout", "[rng]") {
  const std::string isa = philox_wide_isa();
  bool supported = false;
  for (const detail::PhiloxIsa& i : detail::philox_isas()) supported = supported || (isa == i.name && i.supported);
  CHECK(supported);
  // The gate: household h's uniform is word h % 4 of block h / 4, i.e. out[h - 4 * first].
  const auto key = philox_key(20240601);
  const uint32_t first = 1000, n = 37;
  std::vector<uint32_t> out(4 * n);
  philox_draw_blocks(key, first, n, 12, 3, Purpose::gate, 0, out.data());
  for (uint32_t h = 4 * first; h < 4 * (first + n); ++h)
    REQUIRE(out[h - 4 * first] == philox_draw(key, h / 4, 12, 3, Purpose::gate, 0).v[h % 4]);
  // Negative control: a different week gives different words.
  std::vector<uint32_t> other(4 * n);
  philox_draw_blocks(key, first, n, 13, 3, Purpose::gate, 0, other.data());
  CHECK(other != out);
}

TEST_CASE("RngStream with blocks drawn ahead by philox_draw_blocks is the same stream", "[rng]") {
  // The population's streams take their first blocks from one wide call per block index
  // over a run of households (models/src/population.cpp): each household's stream must
  // give the words of the plain stream, through the head and past it.
  const auto key = philox_key(2026);
  constexpr uint32_t kRun = 37, kFirst = 0xFFFFFFF0u;  // the subjects wrap past 2^32 - 1
  for (uint32_t n_head = 0; n_head <= 5; ++n_head) {
    std::vector<uint32_t> head(4 * kRun * std::max<uint32_t>(n_head, 1));
    for (uint32_t j = 0; j < n_head; ++j)
      philox_draw_blocks(key, kFirst, kRun, 3, 1, Purpose::population, j, head.data() + 4 * kRun * j);
    uint64_t differ = 0;
    for (uint32_t i = 0; i < kRun; ++i) {
      RngStream plain(key, kFirst + i, 3, 1, Purpose::population);
      RngStream ahead(key, kFirst + i, 3, 1, Purpose::population, head.data() + 4 * i, 4 * kRun, n_head);
      for (int w = 0; w < 40; ++w) differ += plain.next_u32() != ahead.next_u32();
    }
    INFO(n_head << " blocks ahead");
    CHECK(differ == 0);
  }
  // Negative control: the head of the neighbouring subject is another stream.
  std::vector<uint32_t> head(4 * kRun);
  philox_draw_blocks(key, kFirst, kRun, 3, 1, Purpose::population, 0, head.data());
  RngStream plain(key, kFirst, 3, 1, Purpose::population);
  RngStream wrong(key, kFirst, 3, 1, Purpose::population, head.data() + 4, 4 * kRun, 1);
  CHECK(plain.next_u32() != wrong.next_u32());
}
