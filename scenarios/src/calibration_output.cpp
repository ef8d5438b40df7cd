// What calibrate and validation write: calibrated.yaml, the fit table, the validation table.
#include <cmath>
#include <cstdio>
#include <sstream>

#include <yaml-cpp/yaml.h>

#include "calibration_text.hpp"
#include "experiment_variants.hpp"
#include "overrides.hpp"
#include "wijksim/scenarios/calibration.hpp"

namespace wijksim::scenarios {
namespace {

std::string number_text(double v) { return detail::exact_number_text(v); }
// Short form for tables (6 significant digits; an SE needs fewer).
std::string short_text(double v, int digits = 6) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return buf;
}
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}
std::string md_cell(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}
std::string target_text(const calibrate::Target& t) {
  return t.band ? "[" + short_text(t.lo) + ", " + short_text(t.hi) + "]" : short_text(t.value) + " ± " + short_text(t.se);
}
std::string when_text(const calibrate::Target& t) {
  return t.year > 0 ? "year " + std::to_string(t.year)
                    : "weeks " + std::to_string(t.week_from) + "–" + std::to_string(t.week_to);
}
std::string outcome_text(const calibrate::Target& t) {
  std::string s;
  for (size_t i = 0; i < t.outcomes.size(); ++i) s += (i ? " + " : "") + t.outcomes[i];
  if (t.outcomes.size() > 1 && !t.per.empty()) s = "(" + s + ")";
  if (!t.per.empty()) {
    s += " / (";
    for (size_t i = 0; i < t.per.size(); ++i) s += (i ? " + " : "") + t.per[i];
    s += ")";
  }
  if (t.scale != 1) s += " × " + short_text(t.scale);
  return s;
}

}  // namespace

std::string calibrated_yaml(const CalibrationSpec& spec, const std::vector<double>& values,
                            const std::filesystem::path& out_dir, double objective) {
  // The base's tree with the fitted values written in (the same overrides as the search).
  YAML::Node tree = detail::base_scenario_tree(spec.scenario_file, "", spec.file);
  std::vector<Override> overrides;
  for (size_t k = 0; k < spec.parameters.size(); ++k) overrides.push_back({spec.parameters[k].key_path, number_text(values[k])});
  detail::OriginMap origins;
  std::vector<ScenarioIssue> issues;
  detail::apply_overrides(tree, overrides, origins, issues);
  if (!issues.empty()) throw ScenarioError(std::move(issues));

  // Down each path, maps as maps (extends: merges them key by key); the first list met is
  // copied whole, since extends: replaces a list whole.
  YAML::Node out(YAML::NodeType::Map);
  for (const auto& p : spec.parameters) {
    std::vector<detail::PathStep> steps;
    detail::split_key_path(p.key_path, steps);
    YAML::Node src = tree;
    YAML::Node dst = out;
    for (size_t s = 0; s < steps.size(); ++s) {
      const std::string& key = steps[s].key;
      const YAML::Node& const_src = src;
      const YAML::Node child = const_src[key];
      if (s + 1 == steps.size() || !child.IsMap()) {
        dst[key] = YAML::Clone(child);
        break;
      }
      const YAML::Node& const_dst = dst;
      if (!const_dst[key] || !const_dst[key].IsMap()) dst[key] = YAML::Node(YAML::NodeType::Map);
      src.reset(child);
      YAML::Node next = dst[key];
      dst.reset(next);
    }
  }
  const std::filesystem::path base = std::filesystem::absolute(spec.scenario_file).lexically_normal();
  const std::filesystem::path dir = std::filesystem::absolute(out_dir).lexically_normal();
  std::ostringstream text;
  text << "# " << spec.name << ", calibrated by `wijksim calibrate " << spec.file << "`: the base scenario with\n"
       << "# the fitted values below (objective sum z^2 = " << short_text(objective) << "; fit.md has the table).\n";
  for (size_t k = 0; k < spec.parameters.size(); ++k)
    text << "#   " << spec.parameters[k].key_path << " = " << number_text(values[k]) << "  (range ["
         << short_text(spec.parameters[k].lo) << ", " << short_text(spec.parameters[k].hi) << "])\n";
  YAML::Emitter e;
  e.SetDoublePrecision(17);
  e << YAML::BeginMap << YAML::Key << "extends" << YAML::Value << base.lexically_relative(dir).generic_string();
  for (const auto& entry : out) e << YAML::Key << entry.first << YAML::Value << entry.second;
  e << YAML::EndMap;
  text << e.c_str() << "\n";
  return text.str();
}

std::string fit_markdown(const CalibrationSpec& spec, const std::vector<double>& values,
                         const std::vector<double>& simulated, double objective) {
  std::ostringstream md;
  md << "# Calibration fit: " << spec.name << "\n\n"
     << "Written by `wijksim calibrate " << spec.file << "`. Base scenario: `" << spec.scenario
     << "`. z = (simulated - value) / se; a band [lo, hi] counts as value = midpoint, se = (hi - lo) / 4.\n\n"
     << "Objective (sum of z²): " << short_text(objective) << "\n\n"
     << "| parameter | fitted | range |\n|---|---|---|\n";
  for (size_t k = 0; k < spec.parameters.size(); ++k)
    md << "| `" << spec.parameters[k].key_path << "` | " << short_text(values[k]) << " | [" << short_text(spec.parameters[k].lo)
       << ", " << short_text(spec.parameters[k].hi) << "] |\n";
  md << "\n| target | outcome | when | source | value | se / band | simulated | z |\n|---|---|---|---|---|---|---|---|\n";
  for (size_t i = 0; i < spec.targets.size(); ++i) {
    const auto& t = spec.targets[i];
    md << "| " << md_cell(t.name) << " | `" << md_cell(outcome_text(t)) << "` | " << when_text(t) << " | " << md_cell(t.source)
       << " | " << short_text(t.value) << " | "
       << (t.band ? "[" + short_text(t.lo) + ", " + short_text(t.hi) + "]" : short_text(t.se)) << " | "
       << short_text(simulated[i]) << " | " << short_text(t.z(simulated[i])) << (t.fit ? "" : " (not fitted)") << " |\n";
  }
  return md.str();
}

std::string fit_csv(const CalibrationSpec& spec, const std::vector<double>& simulated) {
  std::ostringstream csv;
  csv << "target,outcome,when,source,value,se,band_lo,band_hi,simulated,z\n";
  for (size_t i = 0; i < spec.targets.size(); ++i) {
    const auto& t = spec.targets[i];
    csv << csv_field(t.name) << "," << csv_field(outcome_text(t)) << "," << csv_field(when_text(t)) << ","
        << csv_field(t.source) << "," << number_text(t.value) << "," << number_text(t.se) << ","
        << (t.band ? number_text(t.lo) : "") << "," << (t.band ? number_text(t.hi) : "") << ","
        << number_text(simulated[i]) << "," << number_text(t.z(simulated[i])) << "\n";
  }
  return csv.str();
}

bool ValidationRow::in_band_every_replication(size_t year_index) const {
  for (double v : per_replication.at(year_index))
    if (!target.in_band(v)) return false;
  return true;
}

double ValidationRow::standard_error(size_t year_index) const {
  const auto& reps = per_replication.at(year_index);
  if (reps.size() < 2) return 0.0;
  const double mean = simulated.at(year_index);
  double ss = 0;
  for (double v : reps) ss += (v - mean) * (v - mean);
  return std::sqrt(ss / static_cast<double>(reps.size() - 1) / static_cast<double>(reps.size()));
}

bool ValidationRow::within_two_se(size_t year_index) const {
  const double mean = simulated.at(year_index), margin = 2 * standard_error(year_index);
  return mean - margin <= target.accept_hi() && mean + margin >= target.accept_lo();
}

std::vector<ValidationRow> run_validation(const CalibrationSpec& spec, const std::vector<uint32_t>& years,
                                          uint32_t replications, int threads, const std::string& scenario_path) {
  const CompiledScenario scenario = scenario_path.empty() ? compile(load_scenario_file(spec.scenario_file).spec)
                                                          : compile(load_scenario_file(scenario_path).spec);
  std::vector<ValidationRow> rows(spec.targets.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    rows[i].target = spec.targets[i];
    rows[i].years = years;
  }
  for (const uint32_t year : years) {
    const auto per_rep = calibrate::simulate_targets(scenario, spec.targets, replications, threads, year);
    const auto mean = calibrate::mean_over_replications(per_rep);
    for (size_t i = 0; i < rows.size(); ++i) {
      rows[i].simulated.push_back(mean[i]);
      std::vector<double> reps;
      for (const auto& r : per_rep) reps.push_back(r[i]);
      rows[i].per_replication.push_back(std::move(reps));
      rows[i].in_band.push_back(spec.targets[i].in_band(mean[i]));
    }
  }
  return rows;
}

std::string validation_markdown(const CalibrationSpec& spec, const std::vector<ValidationRow>& rows,
                                uint32_t replications, const std::string& scenario_label,
                                const std::string& command_line) {
  std::ostringstream md;
  md << "# Validation: " << spec.name << "\n\n"
     << "<!-- Generated by `" << command_line << "`; do not edit by hand. -->\n\n"
     << "Scenario: `" << scenario_label << "`, mean over " << replications
     << " replication(s) of its seed. Targets and sources: `" << spec.file
     << "` (figures from DOMAIN-FIGURES.md). In band: the simulated mean lies in the published band, or within "
        "2 SE of a published value; (all) when every replication does; \"no, within 2 SE\" when the mean is out "
        "but the band meets mean ± 2 SE (the SE of that year's mean over the replications, shown beside it): on "
        "this evidence a chance year of a small city, not a miss.\n\n";
  md << "| figure | outcome | source | band / value ± SE |";
  const std::vector<uint32_t> years = rows.empty() ? std::vector<uint32_t>{} : rows.front().years;
  for (uint32_t y : years) md << " year " << y << " |";
  for (uint32_t y : years) md << " in band (year " << y << ") |";
  md << "\n|---|---|---|---|";
  for (size_t k = 0; k < 2 * years.size(); ++k) md << "---|";
  md << "\n";
  for (const auto& row : rows) {
    md << "| " << md_cell(row.target.name) << " | `" << md_cell(outcome_text(row.target)) << "` | "
       << md_cell(row.target.source) << " | " << target_text(row.target) << " |";
    for (size_t k = 0; k < years.size(); ++k) {
      md << " " << short_text(row.simulated[k]);
      if (replications > 1) md << " ± " << short_text(row.standard_error(k), 2);
      md << " |";
    }
    for (size_t k = 0; k < years.size(); ++k)
      md << " "
         << (row.in_band[k] ? (row.in_band_every_replication(k) ? "yes (all)" : "yes")
                            : (row.within_two_se(k) ? "no, within 2 SE" : "**no**"))
         << " |";
    md << "\n";
  }
  return md.str();
}

}  // namespace wijksim::scenarios
