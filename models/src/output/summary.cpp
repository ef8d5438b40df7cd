// summary.json: provenance plus start and end aggregates of the whole city.
#include "wijksim/output/summary.hpp"

#include <array>
#include <memory>
#include <stdexcept>

#include <openssl/evp.h>

#include "wijksim/utc_time.hpp"
#include "wijksim/version.hpp"

namespace wijksim::output {

std::string sha256_hex(std::string_view text) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), text.data(), text.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), digest.data(), &length) != 1)
    throw std::runtime_error("SHA-256 (OpenSSL EVP) failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xF];
  }
  return hex;
}

std::string iso8601_utc(std::time_t t) { return utc_text(t); }

double household_steps_per_second(uint64_t households, uint32_t weeks, double wall_seconds) {
  if (wall_seconds <= 0) return 0;
  return static_cast<double>(households) * static_cast<double>(weeks) / wall_seconds;
}

nlohmann::json area_aggregates(const CompiledScenario& scenario, const AreaMetrics& area) {
  using nlohmann::json;
  const double n = area.households > 0 ? static_cast<double>(area.households) : 1.0;
  json domains = json::object();
  for (size_t d = 0; d < scenario.domain_names.size(); ++d) {
    json counts = json::array();
    json shares = json::array();
    uint64_t problem = 0;  // severity 1 or 2: "not self-sufficient"
    for (int s = 0; s < kSeverityLevels; ++s) {
      const size_t cell = d * kSeverityLevels + static_cast<size_t>(s);
      const uint64_t count = cell < area.severity_count.size() ? area.severity_count[cell] : 0;
      counts.push_back(count);
      shares.push_back(static_cast<double>(count) / n);
      if (s < 2) problem += count;
    }
    domains[scenario.domain_names[d]] = {{"severity_count", counts},
                                         {"severity_share", shares},
                                         {"share_at_or_below_2", static_cast<double>(problem) / n}};
  }
  json events = json::object();
  for (size_t e = 0; e < scenario.events.size(); ++e)
    events[scenario.events[e].name] = e < area.events.size() ? area.events[e] : 0;
  return {{"households", area.households},
          {"multi_problem", area.multi_problem},
          {"multi_problem_share", static_cast<double>(area.multi_problem) / n},
          {"total_debt", area.total_debt},
          {"households_in_debt", area.households_in_debt},
          {"persons", area.persons},
          {"unemployed", area.unemployed},
          {"on_benefits", area.on_benefits},
          {"households_with_children", area.with_children},
          {"domains", domains},
          {"events_last_week", events}};
}

nlohmann::json summary_json(const CompiledScenario& scenario, const RunInfo& info, const WeekMetrics& initial,
                            const WeekMetrics& final) {
  return {{"scenario", {{"name", info.scenario_name}, {"sha256", info.scenario_sha256}}},
          {"seed", info.seed},
          {"replication", info.replication},
          {"threads", info.threads},
          {"weeks", info.weeks},
          {"households", info.households},
          {"engine", {{"version", kEngineVersion}, {"git_hash", kGitHash}}},
          {"started_at", info.started_at},
          {"wall_seconds", info.wall_seconds},
          {"household_steps_per_second",
           household_steps_per_second(info.households, info.weeks, info.wall_seconds)},
          {"initial", area_aggregates(scenario, initial.all)},
          {"final", area_aggregates(scenario, final.all)},
          {"final_week", final.week}};
}

}  // namespace wijksim::output
