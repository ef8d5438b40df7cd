// providers.csv writer and the provider cells of timeseries.csv / summary.json
// (providers_csv.hpp).
#include "wijksim/output/providers_csv.hpp"

#include <cstdio>
#include <stdexcept>

#include "csv_field.hpp"
#include "wijksim/output/money.hpp"
#include "wijksim/output/outcomes.hpp"

namespace wijksim::output {

namespace pv = wijksim::providers;

namespace {

// Mean of integer waits with 3 decimals: the same integers give the same text.
std::string mean_text(uint64_t sum, uint64_t n) {
  if (n == 0) return "";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(sum) / static_cast<double>(n));
  return buf;
}

}  // namespace

// From the outcome dictionary (outcomes.hpp): week, provider, type, financier, then the
// provider rows' columns; append_providers_rows writes the cells in that order.
std::vector<std::string> providers_csv_columns() { return dictionary_providers_columns(); }

void append_providers_rows(std::string& out, const CompiledScenario& scenario, uint32_t week,
                           const pv::ProviderState& ps) {
  const auto& net = scenario.network;
  for (size_t p = 0; p < net.providers.size(); ++p) {
    const auto& pr = net.providers[p];
    const pv::ProviderWeek& r = ps.week_counters[p];
    out += std::to_string(week) + ',' + csv_field(pr.name) + ',' + csv_field(pr.type_name) + ',' +
           std::string(pv::name_of(pr.financier));
    for (uint64_t v : {uint64_t{r.queue_length}, uint64_t{r.in_service}, uint64_t{r.requests},
                       uint64_t{r.admissions}, uint64_t{r.discharges}, uint64_t{r.dropouts},
                       uint64_t{r.referrals_in}, uint64_t{r.referrals_out}, uint64_t{r.lost}})
      out += ',' + std::to_string(v);
    out += ',' + mean_text(r.wait_sum, r.admissions);
    out += ',' + (r.admissions ? std::to_string(r.wait_p90) : std::string());
    out += ',' + euros_text(r.cost_cents);
    out += ',' + std::to_string(r.left_waiting) + ',' + std::to_string(r.after_care) + ',' +
           std::to_string(r.moved_out) + '\n';
  }
}

ProvidersCsvWriter::ProvidersCsvWriter(const std::filesystem::path& path, const CompiledScenario& scenario)
    : scenario_(scenario), file_(path) {
  std::string& header = file_.text();
  for (const auto& c : providers_csv_columns()) header += (header.empty() ? "" : ",") + c;
  header += '\n';
}

void ProvidersCsvWriter::write_week(uint32_t week, const pv::ProviderState& ps) {
  append_providers_rows(file_.text(), scenario_, week, ps);
  file_.write_if_full();
}

void ProvidersCsvWriter::close() { file_.close(); }

std::string care_timeseries_cells(const CompiledScenario& scenario, const WeekMetrics& metrics, bool city_row) {
  if (!scenario.network.enabled()) return {};
  std::string out;
  for (size_t i = 0; i < metrics.care.size(); ++i) out += ',' + (city_row ? std::to_string(metrics.care[i]) : "");
  for (int f = 0; f < pv::kFinancierCount; ++f) {
    const bool has = city_row && static_cast<size_t>(f) < metrics.financier_cents.size();
    out += ',' + (has ? euros_text(metrics.financier_cents[f]) : city_row ? euros_text(0) : std::string());
  }
  return out;
}

nlohmann::json providers_summary_json(const CompiledScenario& scenario, const pv::ProviderState& ps) {
  const auto& net = scenario.network;
  nlohmann::json providers = nlohmann::json::array();
  for (size_t p = 0; p < net.providers.size() && p < ps.total_counters.size(); ++p) {
    const pv::ProviderWeek& t = ps.total_counters[p];
    providers.push_back({{"name", net.providers[p].name},
                         {"type", net.providers[p].type_name},
                         {"financier", pv::name_of(net.providers[p].financier)},
                         {"capacity", p < ps.capacity.size() ? ps.capacity[p] : net.providers[p].capacity},
                         {"final_queue_length", t.queue_length},
                         {"final_in_service", t.in_service},
                         {"requests", t.requests},
                         {"admissions", t.admissions},
                         {"discharges", t.discharges},
                         {"dropouts", t.dropouts},
                         {"referrals_in", t.referrals_in},
                         {"referrals_out", t.referrals_out},
                         {"lost", t.lost},
                         {"wait_mean_weeks", t.mean_wait()},
                         {"cost", euros(t.cost_cents)},
                         {"left_waiting", t.left_waiting},
                         {"final_after_care", t.after_care},
                         {"moved_out", t.moved_out},
                         {"clients", t.clients},
                         {"client_children", t.client_children},
                         {"debts_settled", t.debts_settled}});
  }
  nlohmann::json financiers = nlohmann::json::object();
  for (int f = 0; f < pv::kFinancierCount; ++f)
    financiers[std::string(pv::name_of(static_cast<pv::Financier>(f)))] =
        euros(static_cast<size_t>(f) < ps.financier_total_cents.size() ? ps.financier_total_cents[f] : 0);
  nlohmann::json pathways = nlohmann::json::array();
  for (size_t i = 0; i < net.pathways.size() && i < ps.pathway_totals.size(); ++i)
    pathways.push_back({{"from", net.pathways[i].from_name},
                        {"to", net.pathways[i].to_name},
                        {"carried", ps.pathway_totals[i].carried},
                        {"lost", ps.pathway_totals[i].lost}});
  return {{"providers", providers}, {"financier_cost", financiers}, {"pathways", pathways}};
}

}  // namespace wijksim::output
