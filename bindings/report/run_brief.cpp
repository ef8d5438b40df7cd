// A brief's data from one `wijksim run` output directory: the run's own time series
// (timeseries.csv, providers.csv) and, when the scenario had interventions, summary.json's
// costs.vs_baseline (the same city and seed without them). One run of one seed: no
// intervals, which the brief says.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "brief_data.hpp"
#include "series.hpp"

namespace wijksim::report {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr size_t kProvidersShown = 4;
const Ranged kNone{kNaN, kNaN, kNaN};

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::invalid_argument(file.string() + ": cannot be read (a `wijksim run` directory has it)");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A CSV file of plain cells (the run writers quote nothing): column name -> values per row.
struct Csv {
  std::map<std::string, size_t> column;
  std::vector<std::vector<std::string>> rows;
  const std::string& at(size_t row, const std::string& name, const std::string& file) const {
    const auto it = column.find(name);
    if (it == column.end()) throw std::invalid_argument(file + ": no column '" + name + "'");
    return rows[row].at(it->second);
  }
};
std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream s(line);
  std::string cell;
  while (std::getline(s, cell, ',')) out.push_back(cell);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}
Csv read_csv(const std::filesystem::path& file) {
  std::istringstream in(read_text(file));
  Csv csv;
  std::string line;
  if (!std::getline(in, line)) throw std::invalid_argument(file.string() + ": empty, expected a header line");
  const auto header = split(line);
  for (size_t i = 0; i < header.size(); ++i) csv.column[header[i]] = i;
  size_t number = 1;
  while (std::getline(in, line)) {
    ++number;
    auto cells = split(line);
    if (cells.size() != header.size())
      throw std::invalid_argument(file.string() + ":" + std::to_string(number) + ": expected " +
                                  std::to_string(header.size()) + " cells, got " + std::to_string(cells.size()));
    csv.rows.push_back(std::move(cells));
  }
  return csv;
}
double number(const std::string& cell) { return cell.empty() ? 0.0 : std::stod(cell); }

// One line per metric: the run's value each week (no band: low and high NaN).
SeriesChart single_run(const std::string& metric, const std::string& unit, const std::string& variant,
                       const std::vector<uint32_t>& weeks, const std::vector<double>& values) {
  std::vector<std::vector<double>> per_week;
  for (const double v : values) per_week.push_back({v});
  Band b = band(variant, weeks, per_week);
  std::fill(b.low.begin(), b.low.end(), kNaN);
  std::fill(b.high.begin(), b.high.end(), kNaN);
  return {metric, unit, {b}};
}

void add_city_series(BriefData& b, const std::filesystem::path& dir) {
  const std::string file = (dir / "timeseries.csv").string();
  const Csv ts = read_csv(file);
  std::vector<uint32_t> weeks;
  std::vector<double> multi, waiting;
  for (size_t r = 0; r < ts.rows.size(); ++r) {
    if (ts.at(r, "wijk", file) != "all") continue;
    weeks.push_back(static_cast<uint32_t>(number(ts.at(r, "week", file))));
    multi.push_back(number(ts.at(r, "multi_problem", file)));
    if (ts.column.count("waiting")) waiting.push_back(number(ts.at(r, "waiting", file)));
  }
  if (!weeks.empty()) b.weeks = weeks.back();
  const std::string& variant = b.variants.back().first;
  b.series.push_back(single_run("multi_problem", "households", variant, weeks, multi));
  if (!waiting.empty()) b.series.push_back(single_run("care.waiting", "households", variant, weeks, waiting));
}

void add_provider_series(BriefData& b, const std::filesystem::path& dir) {
  if (!std::filesystem::exists(dir / "providers.csv")) return;  // a scenario without providers
  const std::string file = (dir / "providers.csv").string();
  const Csv pc = read_csv(file);
  std::map<std::string, std::map<std::string, std::vector<double>>> values;  // provider -> what -> per week
  std::map<std::string, std::vector<uint32_t>> weeks;
  for (size_t r = 0; r < pc.rows.size(); ++r) {
    const std::string& p = pc.at(r, "provider", file);
    weeks[p].push_back(static_cast<uint32_t>(number(pc.at(r, "week", file))));
    for (const std::string what : {"queue_length", "wait_mean", "lost"}) values[p][what].push_back(number(pc.at(r, what, file)));
  }
  const auto top = [&](const std::string& what) {
    std::vector<std::pair<double, std::string>> ranked;
    for (const auto& [p, v] : values) {
      double sum = 0;
      for (const double x : v.at(what)) sum += x;
      if (sum > 0) ranked.emplace_back(sum, p);
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
    if (ranked.size() > kProvidersShown) ranked.resize(kProvidersShown);
    return ranked;
  };
  const std::string& variant = b.variants.back().first;
  for (const auto& [sum, p] : top("queue_length"))
    for (const std::string what : {"queue_length", "wait_mean"})
      b.series.push_back(single_run("providers." + p + "." + what, what == "wait_mean" ? "weeks" : "households", variant,
                                    weeks[p], values[p][what]));
  for (const auto& [sum, p] : top("lost"))
    b.series.push_back(single_run("providers." + p + ".lost", "households/week", variant, weeks[p], values[p]["lost"]));
}

// costs.vs_baseline: the outcomes (variant, baseline, difference) and per financier costs,
// avoided and net, in total and discounted.
void add_vs_baseline(BriefData& b, const nlohmann::json& vs) {
  const std::string& base = b.variants.front().first;
  const std::string& variant = b.variants.back().first;
  HeadlineRow base_row{base, {}}, variant_row{variant, {}};
  for (const auto& o : vs.at("outcomes")) {
    const std::string name = o.at("name"), unit = o.at("unit");
    if (name != "total_debt") {  // the headline keeps households; the table has every outcome
      base_row.values.push_back({name, unit, {o.at("baseline").get<double>(), kNaN, kNaN}, kNone, true});
      variant_row.values.push_back(
          {name, unit, {o.at("variant").get<double>(), kNaN, kNaN}, {o.at("difference").get<double>(), kNaN, kNaN}, false});
    }
    b.differences.push_back({variant, name, unit, 0, {o.at("difference").get<double>(), kNaN, kNaN},
                             o.at("baseline").get<double>(), o.at("variant").get<double>(), 1});
  }
  std::string financier = "wmo";
  if (vs.contains("municipality") && vs.contains("wmo") &&
      std::fabs(vs["municipality"].value("net_discounted", 0.0)) > std::fabs(vs["wmo"].value("net_discounted", 0.0)))
    financier = "municipality";
  if (vs.contains(financier)) {
    base_row.values.push_back({"financiers." + financier + ".net", "EUR", kNone, {0, kNaN, kNaN}, true});
    variant_row.values.push_back({"financiers." + financier + ".net", "EUR", kNone,
                                  {vs[financier].value("net_discounted", 0.0), kNaN, kNaN}, false});
  }
  b.headline = {base_row, variant_row};
  for (const auto& [f, v] : vs.items()) {
    if (!v.is_object() || f == "all") continue;
    const auto r = [&](const char* key) { return Ranged{v.value(key, 0.0), kNaN, kNaN}; };
    b.financiers.push_back({variant, f, kRunTotalYear, r("costs"), r("avoided"), r("net")});
    b.financiers.push_back({variant, f, 0, r("costs_discounted"), r("avoided_discounted"), r("net_discounted")});
    if (v.value("costs", 0.0) == 0 && v.value("avoided", 0.0) == 0 && v.value("net", 0.0) == 0) b.zero_financiers.push_back(f);
  }
}

}  // namespace

BriefData run_brief(const std::string& path, const BriefOptions& options) {
  const std::filesystem::path dir(path);
  if (!std::filesystem::exists(dir / "summary.json"))
    throw std::invalid_argument(path + ": not a `wijksim run` output directory (no summary.json) and not a results store");
  nlohmann::json summary;
  try {
    summary = nlohmann::json::parse(read_text(dir / "summary.json"));
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument((dir / "summary.json").string() + ": not valid JSON: " + e.what());
  }
  BriefData b;
  b.has_intervals = false;
  b.source = path;
  try {
    b.scenario = summary.at("scenario").at("name");
    b.experiment = b.scenario;
    b.replications = 1;
    const std::string variant = b.scenario;
    b.baseline = options.baseline.empty() ? "baseline" : options.baseline;
    b.variants = {{b.baseline, "interventions: []"}, {variant, ""}};
    b.runs_done = "1 / 1";
    add_city_series(b, dir);
    add_provider_series(b, dir);
    const auto& costs = summary.at("costs");
    if (costs.contains("vs_baseline") && costs["vs_baseline"].is_object()) add_vs_baseline(b, costs["vs_baseline"]);
    else
      b.financiers_note = (dir / "summary.json").string() + ": costs.vs_baseline is null (" +
                          costs.value("vs_baseline_skipped", std::string("a scenario without interventions")) + ")";
    b.provenance = {{"scenario_sha", summary.at("scenario").value("sha256", "")},
                    {"engine", summary.at("engine").value("version", "")},
                    {"git_hash", summary.at("engine").value("git_hash", "")},
                    {"seed", std::to_string(summary.at("seed").get<uint64_t>())},
                    {"replications", "1"},
                    {"date", summary.value("started_at", "")}};
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument((dir / "summary.json").string() + ": unexpected content: " + e.what());
  }
  b.differences_per_year = false;
  b.appendix = std::filesystem::exists(dir / "scenario.resolved.yaml") ? read_text(dir / "scenario.resolved.yaml") : "";
  return b;
}

}  // namespace wijksim::report
