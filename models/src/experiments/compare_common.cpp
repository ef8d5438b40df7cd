// The frame, cell order and formatting shared by compare and who_pays (compare_common.hpp).
#include "compare_common.hpp"

#include <cmath>
#include <cstdio>

#include "run_values.hpp"

namespace wijksim::experiments::detail {

CompareFrame make_frame(const ResultStore& store, const ExperimentRecord& rec, const std::string& baseline,
                        uint32_t& base) {
  CompareFrame f;
  f.store = store.path();
  f.baseline = baseline.empty() ? rec.variants.front().name : baseline;
  base = variant_index(rec, f.baseline, store.path());
  for (const auto& p : rec.design.parameters) f.parameters.push_back(p.key_path);
  f.replications = rec.replications;
  f.runs_done = store.count_runs(true);
  f.runs_total = static_cast<uint64_t>(rec.variants.size()) * rec.design.points.size() * rec.replications;
  if (rec.shard.count > 1) f.shard = rec.shard.to_string();
  f.paired = rec.common_random_numbers;
  return f;
}

std::vector<CellPoint> cell_points(const ExperimentRecord& rec, uint32_t base, bool pool,
                                   std::vector<uint32_t>& variant_ids) {
  std::vector<CellPoint> out;
  variant_ids.clear();
  const size_t n_points = rec.design.points.size();
  for (uint32_t v = 0; v < rec.variants.size(); ++v) {
    if (v == base) continue;
    for (size_t p = 0; p < (pool ? 1 : n_points); ++p) {
      CellPoint c;
      c.variant = rec.variants[v].name;
      c.point = pool ? -1 : static_cast<int64_t>(p);
      if (!pool) c.point_values = rec.design.points[p];
      c.pairs_expected = static_cast<size_t>(rec.replications) * (pool ? n_points : 1);
      out.push_back(std::move(c));
      variant_ids.push_back(v);
    }
  }
  return out;
}

std::string csv_number(double v) {
  if (!std::isfinite(v)) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

std::string short_number(double v) {
  if (std::isnan(v)) return "-";
  char buf[48];
  if (std::fabs(v) >= 1e4 && std::fabs(v) < 1e15) {
    // Whole euros / households with thousands apart: 1,234,567.
    std::snprintf(buf, sizeof buf, "%.0f", std::fabs(v));
    std::string digits = buf, out;
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
      out += digits[i];
    }
    return (v < 0 ? "-" : "") + out;
  }
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::string point_header(const CompareFrame& frame) {
  std::string h = "point";
  for (const auto& p : frame.parameters) h += "," + p;
  return h;
}

std::string point_fields(const CompareFrame& frame, const CellPoint& at) {
  std::string f = at.point < 0 ? "all" : std::to_string(at.point);
  for (size_t k = 0; k < frame.parameters.size(); ++k)
    f += "," + (k < at.point_values.size() ? csv_number(at.point_values[k]) : std::string());
  return f;
}

std::string point_label(const CompareFrame& frame, const CellPoint& at) {
  if (at.point < 0) return "all sweep points pooled";
  std::string label = "point " + std::to_string(at.point);
  if (frame.parameters.empty()) return label;
  label += " (";
  char buf[32];
  for (size_t k = 0; k < frame.parameters.size() && k < at.point_values.size(); ++k) {
    std::snprintf(buf, sizeof buf, "%.6g", at.point_values[k]);
    label += (k ? ", " : "") + frame.parameters[k] + " = " + buf;
  }
  return label + ")";
}

nlohmann::json number_json(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json frame_json(const CompareFrame& frame) {
  return {{"store", frame.store},           {"baseline", frame.baseline},
          {"parameters", frame.parameters}, {"replications", frame.replications},
          {"runs_done", frame.runs_done},   {"runs_total", frame.runs_total},
          {"partial", frame.partial()},     {"interval", frame.paired ? "paired" : "welch"},     {"shard", frame.shard.empty() ? nlohmann::json(nullptr) : nlohmann::json(frame.shard)}};
}

nlohmann::json point_json(const CompareFrame& frame, const CellPoint& at) {
  nlohmann::json values = nlohmann::json::object();
  for (size_t k = 0; k < frame.parameters.size() && k < at.point_values.size(); ++k)
    values[frame.parameters[k]] = at.point_values[k];
  return {{"variant", at.variant},
          {"point", at.point < 0 ? nlohmann::json("all") : nlohmann::json(at.point)},
          {"point_values", values},
          {"replications", at.pairs_expected}};
}

void print_frame(std::ostream& out, const CompareFrame& frame) {
  out << frame.store << ": " << frame.runs_done << " of " << frame.runs_total << " runs done";
  if (!frame.shard.empty()) out << " (shard " << frame.shard << ": pairs need both runs in this shard)";
  if (frame.partial())
    out << " - PARTIAL: each cell uses the pairs whose two runs are done (n below, of the replications asked)";
  out << "\nbaseline: " << frame.baseline
      << (frame.paired ? "; 95% CI: paired t interval over replications (common random numbers)\n"
                       : "; 95% CI: Welch's unpaired interval (common_random_numbers: false, each variant its own seed)\n");
}

}  // namespace wijksim::experiments::detail
