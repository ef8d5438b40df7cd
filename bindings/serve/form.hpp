#pragma once
// The run form: scenario, ticked variants, replications, horizon and (optionally) a smaller
// or larger city. Every value is checked here, before anything is written; a bad one is a
// FormError whose message names the field, what was expected and what came (the page shows
// it with HTTP 400).
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "serve/catalogue.hpp"

namespace wijksim::serve {

class FormError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct FormLimits {
  uint32_t max_replications = 1000;
  uint32_t max_weeks = 2600;            // 50 years of weekly steps
  uint64_t min_households = 10;
  uint64_t max_households = 5'000'000;
};

struct RunRequest {
  std::string scenario;               // catalogue id
  std::vector<std::string> variants;  // lever names, in the catalogue's order, at least one
  uint32_t replications = 0;
  uint32_t weeks = 0;
  uint64_t households = 0;            // 0: as the scenario; else every wijk (and provider) scaled to this total
};

// `fields`: the decoded form (name -> value, a name may repeat: "variant").
RunRequest parse_run_form(const std::multimap<std::string, std::string>& fields, const Catalogue& catalogue,
                          const FormLimits& limits);

}  // namespace wijksim::serve
