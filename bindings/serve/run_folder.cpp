// Run folders: the files a run of the page writes, and reading them back (run_folder.hpp).
#include "serve/run_folder.hpp"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <fstream>
#include <numeric>
#include <sstream>

#include <nlohmann/json.hpp>

#include "serve/request_path.hpp"
#include "wijksim/atomic_file.hpp"
#include "wijksim/scenarios/load.hpp"

namespace wijksim::serve {
namespace fs = std::filesystem;
namespace {

void write_file(const fs::path& path, const std::string& text) {
  AtomicFile out(path);
  out.stream() << text;
  out.commit();
}

std::string local_time(const char* format) {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

// Largest remainders: floor shares first, the rest one each to the largest fractions.
void scale_households(std::vector<scenarios::WijkSpec>& wijken, uint64_t total) {
  if (total < wijken.size())
    throw FormError("households: expected at least one per wijk (" + std::to_string(wijken.size()) + "), got " +
                    std::to_string(total));
  uint64_t before = 0;
  for (const auto& w : wijken) before += static_cast<uint64_t>(w.households);
  std::vector<uint64_t> share(wijken.size());
  std::vector<uint64_t> rest(wijken.size());
  uint64_t given = 0;
  for (size_t i = 0; i < wijken.size(); ++i) {
    const unsigned __int128 exact = static_cast<unsigned __int128>(wijken[i].households) * total;
    share[i] = static_cast<uint64_t>(exact / before);
    rest[i] = static_cast<uint64_t>(exact % before);
    given += share[i];
  }
  std::vector<size_t> order(wijken.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return rest[a] > rest[b]; });
  for (size_t k = 0; given < total; ++k, ++given) ++share[order[k % order.size()]];
  // Every wijk keeps at least one household, taken from the largest.
  for (auto& s : share)
    if (s == 0) {
      ++s;
      --*std::max_element(share.begin(), share.end());
    }
  for (size_t i = 0; i < wijken.size(); ++i) wijken[i].households = static_cast<long long>(share[i]);
}

std::string experiment_text(const ScenarioEntry& entry, const RunRequest& request, const scenarios::ScenarioSpec& spec,
                            const std::string& created) {
  std::ostringstream out;
  out << "# Written by wijksim serve on " << created << ": " << entry.id << " (" << entry.file.string() << "), "
      << request.weeks << " weeks";
  if (request.households > 0) out << ", scaled to " << request.households << " households";
  out << ".\n# Run again with: wijksim sweep experiment.yaml --out other.sqlite\n";
  out << "name: " << yaml_quoted(spec.name) << "\nseed: " << spec.seed << "\nreplications: " << request.replications
      << "\nscenario: scenario.yaml\nvariants:\n  baseline: {}\n";
  const std::vector<Lever> levers = levers_of(spec);  // of the scenario as run: x1.5 of what is in force there
  for (const std::string& name : request.variants) {
    const auto lever = std::find_if(levers.begin(), levers.end(), [&](const Lever& l) { return l.name == name; });
    if (lever == levers.end()) throw FormError("variant: " + name + " does not apply to the scaled scenario");
    out << "  " << yaml_quoted(name) << ": " << lever->overrides << "\n";
  }
  return out.str();
}

}  // namespace

scenarios::ScenarioSpec run_scenario(const ScenarioEntry& entry, const RunRequest& request) {
  scenarios::ScenarioSpec spec = entry.spec;
  spec.weeks = request.weeks;
  if (request.households == 0 || request.households == entry.households) return spec;
  scale_households(spec.population.wijken, request.households);
  const double factor = static_cast<double>(request.households) / static_cast<double>(entry.households);
  // Capacities become whole clients here (FTE x caseload too, so no fraction of an FTE is
  // lost to the loader's floor); a share follows the households by itself.
  for (auto& p : spec.network.providers) {
    const double clients = p.capacity >= 0 ? static_cast<double>(p.capacity)
                           : p.fte > 0     ? std::floor(p.fte * p.caseload)
                                           : 0;
    if (clients > 0) p.capacity = std::max(1LL, std::llround(clients * factor));
  }
  return spec;
}

fs::path create_run(const fs::path& results, const ScenarioEntry& entry, const RunRequest& request) {
  const scenarios::ScenarioSpec spec = run_scenario(entry, request);
  const std::string stamp = local_time("%Y%m%d-%H%M%S");
  fs::path folder;
  for (int k = 1;; ++k) {  // create_directory is false when another request took the name
    folder = results / (k == 1 ? stamp : stamp + "-" + std::to_string(k));
    if (fs::create_directory(folder)) break;
  }
  try {
    const std::string created = local_time("%Y-%m-%d %H:%M:%S");
    write_file(folder / "scenario.yaml", "# " + entry.id + " as run by wijksim serve (resolved)\n" +
                                             scenarios::emit_resolved_yaml(spec));
    write_file(folder / kExperimentFile, experiment_text(entry, request, spec, created));
    uint64_t households = 0;
    for (const auto& w : spec.population.wijken) households += static_cast<uint64_t>(w.households);
    nlohmann::json variants = nlohmann::json::array({"baseline"});
    for (const auto& v : request.variants) variants.push_back(v);
    const nlohmann::json info = {{"scenario", entry.id}, {"scenario_name", spec.name}, {"variants", variants},
                                 {"replications", request.replications}, {"weeks", request.weeks},
                                 {"households", households}, {"created", created}, {"status", "running"},
                                 {"message", ""}};
    write_file(folder / "run.json", info.dump(2) + "\n");
  } catch (...) {
    std::error_code ec;
    fs::remove_all(folder, ec);
    throw;
  }
  return folder;
}

void set_status(const fs::path& folder, const std::string& status, const std::string& message) {
  std::ifstream in(folder / "run.json");
  nlohmann::json info = nlohmann::json::parse(in);
  info["status"] = status;
  info["message"] = message;
  write_file(folder / "run.json", info.dump(2) + "\n");
}

std::optional<RunInfo> read_run(const fs::path& results, const std::string& id) {
  if (!plain_name(id)) return std::nullopt;
  std::error_code ec;
  const fs::path folder = results / id;
  if (!fs::is_directory(fs::symlink_status(folder, ec))) return std::nullopt;  // a symlink is not a run
  std::ifstream in(folder / "run.json");
  if (!in) return std::nullopt;
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return std::nullopt;
  RunInfo r;
  r.id = id;
  r.scenario = j.value("scenario", "");
  r.scenario_name = j.value("scenario_name", "");
  if (j.contains("variants") && j["variants"].is_array())
    for (const auto& v : j["variants"])
      if (v.is_string()) r.variants.push_back(v.get<std::string>());
  r.replications = j.value("replications", 0u);
  r.weeks = j.value("weeks", 0u);
  r.households = j.value("households", uint64_t{0});
  r.created = j.value("created", "");
  r.status = j.value("status", "");
  r.message = j.value("message", "");
  return r;
}

std::vector<RunInfo> list_runs(const fs::path& results) {
  std::vector<RunInfo> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(results, ec))
    if (auto r = read_run(results, entry.path().filename().string())) out.push_back(std::move(*r));
  // Newest first: the time stamp, then the number after it within one second.
  auto key = [](const RunInfo& r) {
    const size_t dash = r.id.size() > 15 ? r.id.find('-', 15) : std::string::npos;
    return std::make_pair(r.id.substr(0, 15), dash == std::string::npos ? 1 : std::atoi(r.id.c_str() + dash + 1));
  };
  std::sort(out.begin(), out.end(), [&](const RunInfo& a, const RunInfo& b) { return key(a) > key(b); });
  return out;
}

}  // namespace wijksim::serve
