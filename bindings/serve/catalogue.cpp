// The scenarios the page offers and the variants each one allows (catalogue.hpp).
#include "serve/catalogue.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "wijksim/scenarios/load.hpp"

namespace wijksim::serve {
namespace {

std::string number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.12g", v);
  return buf;
}

// One provider's capacity x1.5, in whichever of its three forms is in force, with the
// loader's precedence (compile_providers.cpp): capacity >= 0, else floor(fte x caseload),
// else capacity_share x households. Empty when there is no capacity to raise.
struct CapacityStep {
  std::string key, from, to;
};
CapacityStep capacity_step(const scenarios::ProviderSpec& p, size_t index) {
  const std::string at = "providers[" + std::to_string(index) + "].";
  if (p.capacity >= 0) {
    if (p.capacity == 0) return {};
    return {at + "capacity", std::to_string(p.capacity), std::to_string(std::llround(static_cast<double>(p.capacity) * 1.5))};
  }
  if (p.fte > 0) {
    if (p.caseload <= 0) return {};
    return {at + "fte", number(p.fte), number(p.fte * 1.5)};
  }
  if (p.capacity_share > 0) return {at + "capacity_share", number(p.capacity_share), number(p.capacity_share * 1.5)};
  return {};
}

std::string flow_map(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out = "{";
  for (const auto& [key, value] : entries) out += (out.size() > 1 ? ", " : "") + yaml_quoted(key) + ": " + value;
  return out + "}";
}

}  // namespace

std::string yaml_quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::vector<Lever> levers_of(const scenarios::ScenarioSpec& spec) {
  std::vector<Lever> out;
  for (const auto& i : spec.interventions)
    out.push_back({"without " + i.name, "without the intervention " + i.name + " (" + i.type + ")",
                   "{remove_interventions: [" + yaml_quoted(i.name) + "]}"});
  const auto& providers = spec.network.providers;
  std::vector<std::pair<std::string, std::string>> all;
  for (size_t k = 0; k < providers.size(); ++k) {
    const CapacityStep step = capacity_step(providers[k], k);
    if (step.key.empty()) continue;
    const std::string field = step.key.substr(step.key.rfind('.') + 1);
    out.push_back({providers[k].name + " capacity x1.5",
                   providers[k].name + ": capacity x1.5 (" + field + " " + step.from + " -> " + step.to + ")",
                   flow_map({{step.key, step.to}})});
    all.emplace_back(step.key, step.to);
  }
  if (all.size() > 1)
    out.push_back({"all capacity x1.5", "every provider's capacity x1.5", flow_map(all)});
  if (!providers.empty()) {
    std::string list = "[";
    for (const double p : spec.network.help_seeking.weekly_by_worst)
      list += (list.size() > 1 ? ", " : "") + number(std::min(1.0, p * 1.5));
    out.push_back({"help-seeking x1.5", "households seek help 1.5 times as often (help_seeking.weekly_by_worst)",
                   flow_map({{"help_seeking.weekly_by_worst", list + "]"}})});
  }
  if (spec.dynamics.network_improvement > 0)
    out.push_back({"networks x1.2",
                   "informal networks help 1.2 times as much (dynamics.network_improvement " +
                       number(spec.dynamics.network_improvement) + " -> " +
                       number(spec.dynamics.network_improvement * 1.2) + ")",
                   flow_map({{"dynamics.network_improvement", number(spec.dynamics.network_improvement * 1.2)}})});
  return out;
}

Catalogue::Catalogue(const std::filesystem::path& scenarios_dir) {
  namespace fs = std::filesystem;
  for (const char* sub : {"", "programmes", "reference"}) {
    const fs::path dir = scenarios_dir / sub;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) continue;
    std::vector<fs::path> files;
    for (const auto& f : fs::directory_iterator(dir, ec))
      if (f.is_regular_file() && f.path().extension() == ".yaml") files.push_back(f.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      ScenarioEntry e;
      e.id = (fs::path(sub) / file.stem()).generic_string();
      e.file = fs::absolute(file);
      try {
        e.spec = scenarios::load_scenario_file(e.file.string()).spec;
      } catch (const scenarios::ScenarioError& error) {
        warnings_.push_back(error.issues().empty() ? e.file.string() : error.issues().front().to_string());
        continue;
      }
      for (const auto& w : e.spec.population.wijken) e.households += static_cast<uint64_t>(w.households);
      e.levers = levers_of(e.spec);
      entries_.push_back(std::move(e));
    }
  }
  if (entries_.empty())
    throw std::runtime_error(scenarios_dir.string() + ": no scenario that loads (looked for *.yaml there and in "
                             "programmes/ and reference/)");
}

const ScenarioEntry* Catalogue::find(const std::string& id) const {
  for (const auto& e : entries_)
    if (e.id == id) return &e;
  return nullptr;
}

std::filesystem::path default_scenarios_dir() { return WIJKSIM_SCENARIOS_DIR; }

}  // namespace wijksim::serve
