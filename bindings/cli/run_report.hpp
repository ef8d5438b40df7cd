#pragma once
// The block `wijksim run` prints after its summary table when the scenario has
// interventions: what they did against the same-seed baseline.
//
//   per intervention: enrolled, refused (budget), spent (EUR)
//   the main outcomes at the last week: variant, baseline, difference
//   per financier: costs, avoided, net, net discounted (EUR, whole euros)
//   one line: one run of one seed, no uncertainty (sweep + compare for CIs)
//
// Every figure is read from summary.json's "costs" block (the object written to disk),
// so what is printed is what the file holds, rounded to whole units for reading.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace wijksim::cli {

// "" when the scenario has no interventions; with --no-baseline the comparison is
// replaced by a line saying it was skipped.
std::string intervention_report(const nlohmann::json& summary);

// 1234567 -> "1,234,567"; -1234 -> "-1,234"; with `sign`, 0 -> "0", 5 -> "+5".
std::string grouped(int64_t value, bool sign = false);

}  // namespace wijksim::cli
