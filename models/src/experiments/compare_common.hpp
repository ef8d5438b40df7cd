#pragma once
// What compare (analysis.cpp) and who_pays (who_pays.cpp) share: the frame of a store,
// the cells' (variant, point) order, and how a point and a number are written.
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "wijksim/experiments/analysis.hpp"

namespace wijksim::experiments::detail {

// The store's frame with `baseline` ("" = the first variant) resolved; `base` gets its index.
CompareFrame make_frame(const ResultStore& store, const ExperimentRecord& rec, const std::string& baseline,
                        uint32_t& base);
// (variant, point) of every cell: non-baseline variants in order, each at every sweep point
// (or one pooled cell); `variant_ids` gets each cell's variant index.
std::vector<CellPoint> cell_points(const ExperimentRecord& rec, uint32_t base, bool pool,
                                   std::vector<uint32_t>& variant_ids);

std::string csv_number(double v);   // %.17g; empty for NaN
std::string short_number(double v); // for the printed tables: 6 significant digits, thousands apart
// CSV: "point,<parameter>,..." header part and the matching values ("all" and empties when pooled).
std::string point_header(const CompareFrame& frame);
std::string point_fields(const CompareFrame& frame, const CellPoint& at);
// "point 2 (dynamics.network_improvement = 0.43)" or "all sweep points pooled".
std::string point_label(const CompareFrame& frame, const CellPoint& at);
nlohmann::json frame_json(const CompareFrame& frame);
nlohmann::json point_json(const CompareFrame& frame, const CellPoint& at);
nlohmann::json number_json(double v);  // null for NaN / infinite
// The store line above a printed table: runs done, partial or shard, the baseline.
void print_frame(std::ostream& out, const CompareFrame& frame);

}  // namespace wijksim::experiments::detail
