#pragma once
// providers.csv and the provider parts of timeseries.csv / summary.json (providers issue).
//
// providers.csv: one row per week (1..weeks) and provider, written only when the scenario
// has providers. Columns (names from the outcome dictionary, outcomes.hpp):
//   week, provider, type, financier,
//   queue_length, in_service          (end of the week)
//   requests, admissions, discharges, dropouts, referrals_in, referrals_out, lost,
//   wait_mean, wait_p90                (weeks waited by those admitted this week; mean with
//                                       3 decimals from the integer sum, p90 nearest rank)
//   cost_eur                           (client-weeks x cost per week + admissions x intake;
//                                       euros, exact text of the integer cents: money.hpp)
//   left_waiting, after_care           (gave up waiting this week; in after-care at the end)
// Every cell derives from integers in a fixed order, so the file is byte-identical for any
// thread count.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "wijksim/compiled_scenario.hpp"
#include "wijksim/output/streamed_file.hpp"
#include "wijksim/metrics.hpp"
#include "wijksim/providers/service.hpp"

namespace wijksim::output {

std::vector<std::string> providers_csv_columns();
void append_providers_rows(std::string& out, const CompiledScenario& scenario, uint32_t week,
                           const providers::ProviderState& ps);

class ProvidersCsvWriter {
 public:
  ProvidersCsvWriter(const std::filesystem::path& path, const CompiledScenario& scenario);
  void write_week(uint32_t week, const providers::ProviderState& ps);
  void close();  // throws std::runtime_error naming the file if a write failed

 private:
  const CompiledScenario& scenario_;
  StreamedFile file_;
};

// timeseries.csv cells added when the scenario has providers (none otherwise), in the
// order of the dictionary's columns (outcomes.hpp): not_in_care, waiting, in_service,
// in_transit, cost_<financier>_eur per network financier (euros, money.hpp). City-wide figures: filled in
// the `all` row, empty in the wijk rows. Each cell is preceded by ','; "" without providers.
std::string care_timeseries_cells(const CompiledScenario& scenario, const WeekMetrics& metrics, bool city_row);

// summary.json "providers": per provider totals over the run (admissions, discharges,
// dropouts, referrals in/out, lost, requests, mean wait, cost, final queue and in
// service; money in euros), per financier total cost (`financier_cost`), per pathway carried and lost.
nlohmann::json providers_summary_json(const CompiledScenario& scenario, const providers::ProviderState& ps);

}  // namespace wijksim::output
