// Vega specs of the brief (charts.hpp).
#include "charts.hpp"

#include <algorithm>
#include <cmath>

#include "text.hpp"

namespace wijksim::report {
namespace {

using nlohmann::json;

// Vega's number locale (d3-format): axis labels in the brief's language.
json config(Language language) {
  json number = language == Language::nl
                    ? json{{"decimal", ","}, {"thousands", "."}, {"grouping", {3}}, {"currency", {"€\u00a0", ""}}}
                    : json{{"decimal", "."}, {"thousands", ","}, {"grouping", {3}}, {"currency", {"€\u00a0", ""}}};
  return {{"locale", {{"number", number}}},
          {"axis", {{"labelFont", "sans-serif"}, {"titleFont", "sans-serif"}, {"labelFontSize", 10}}},
          {"legend", {{"labelFont", "sans-serif"}, {"labelFontSize", 10}}},
          {"title", {{"font", "sans-serif"}, {"fontSize", 12}, {"anchor", "start"}}}};
}

json finite_or_null(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

std::string period_label(uint32_t year, Language language) {
  if (year == 0) return label("discounted", language);
  if (year == kRunTotalYear) return label("total", language);
  return label("year", language) + " " + std::to_string(year);
}

}  // namespace

json band_chart(const SeriesChart& chart, Language language) {
  json values = json::array();
  std::vector<std::string> variants;
  bool bands = false;
  for (const auto& b : chart.bands) {
    variants.push_back(b.variant);
    for (size_t i = 0; i < b.weeks.size(); ++i) {
      values.push_back({{"variant", b.variant}, {"week", b.weeks[i]}, {"median", b.median[i]},
                        {"low", finite_or_null(b.low[i])}, {"high", finite_or_null(b.high[i])}});
      bands = bands || std::isfinite(b.low[i]);
    }
  }
  json inner = json::array();
  if (bands)
    inner.push_back({{"type", "area"},
                     {"from", {{"data", "series"}}},
                     {"encode",
                      {{"enter",
                        {{"x", {{"scale", "x"}, {"field", "week"}}},
                         {"y", {{"scale", "y"}, {"field", "low"}}},
                         {"y2", {{"scale", "y"}, {"field", "high"}}},
                         {"fill", {{"scale", "color"}, {"field", "variant"}}},
                         {"fillOpacity", {{"value", 0.18}}}}}}}});
  inner.push_back({{"type", "line"},
                   {"from", {{"data", "series"}}},
                   {"encode",
                    {{"enter",
                      {{"x", {{"scale", "x"}, {"field", "week"}}},
                       {"y", {{"scale", "y"}, {"field", "median"}}},
                       {"stroke", {{"scale", "color"}, {"field", "variant"}}},
                       {"strokeWidth", {{"value", 1.6}}}}}}}});
  const json y_fields = bands ? json{"low", "high", "median"} : json{"median"};
  return {{"width", 290},
          {"height", 150},
          {"padding", 4},
          {"autosize", {{"type", "fit"}, {"contains", "padding"}}},
          {"title", metric_label(chart.metric, language)},
          {"config", config(language)},
          {"data", {{{"name", "table"}, {"values", values}}}},
          {"scales",
           {{{"name", "x"}, {"type", "linear"}, {"domain", {{"data", "table"}, {"field", "week"}}}, {"range", "width"},
             {"zero", false}},
            {{"name", "y"}, {"type", "linear"}, {"domain", {{"data", "table"}, {"fields", y_fields}}}, {"range", "height"},
             {"nice", true}, {"zero", true}},
            {{"name", "color"}, {"type", "ordinal"}, {"domain", variants}, {"range", "category"}}}},
          {"axes",
           {{{"orient", "bottom"}, {"scale", "x"}, {"title", label("week", language)}, {"tickCount", 6}},
            {{"orient", "left"}, {"scale", "y"}, {"tickCount", 5}, {"format", ",~r"}}}},
          {"legends", {{{"fill", "color"}, {"orient", "top"}, {"direction", "horizontal"}}}},
          {"marks",
           {{{"type", "group"},
             {"from", {{"facet", {{"name", "series"}, {"data", "table"}, {"groupby", "variant"}}}}},
             {"marks", inner}}}}};
}

json net_chart(const std::vector<FinancierRow>& rows, const std::string& variant, const std::vector<std::string>& skip,
               Language language) {
  json values = json::array();
  std::vector<std::string> periods;
  for (const auto& r : rows) {
    if (r.variant != variant || std::find(skip.begin(), skip.end(), r.financier) != skip.end()) continue;
    const std::string period = period_label(r.year, language);
    if (std::find(periods.begin(), periods.end(), period) == periods.end()) periods.push_back(period);
    const std::string name = financier_label(r.financier, language);
    values.push_back({{"row", name + " · " + period}, {"financier", name}, {"period", period},
                      {"net", r.net.value}, {"low", finite_or_null(r.net.low)}, {"high", finite_or_null(r.net.high)}});
  }
  const size_t n = values.size();
  return {{"width", 640},
          {"height", std::max<size_t>(60, 14 * n)},
          {"padding", 4},
          {"autosize", {{"type", "fit-x"}, {"contains", "padding"}}},
          {"title", label("net_chart", language) + ": " + variant},
          {"config", config(language)},
          {"data",
           {{{"name", "table"}, {"values", values}},
            {{"name", "ranged"}, {"source", "table"}, {"transform", {{{"type", "filter"}, {"expr", "datum.low != null"}}}}}}},
          {"scales",
           {{{"name", "y"}, {"type", "band"}, {"domain", {{"data", "table"}, {"field", "row"}}}, {"range", "height"},
             {"padding", 0.15}},
            {{"name", "x"}, {"type", "linear"},
             {"domain", {{"fields", {{{"data", "table"}, {"field", "net"}}, {{"data", "ranged"}, {"field", "low"}},
                                     {{"data", "ranged"}, {"field", "high"}}}}}},
             {"range", "width"}, {"nice", true}, {"zero", true}},
            {{"name", "color"}, {"type", "ordinal"}, {"domain", periods}, {"range", "category"}}}},
          {"axes",
           {{{"orient", "bottom"}, {"scale", "x"}, {"format", "$,.0f"}, {"tickCount", 6}, {"grid", true}},
            {{"orient", "left"}, {"scale", "y"}, {"labelLimit", 320}}}},
          {"legends", {{{"fill", "color"}, {"orient", "top"}, {"direction", "horizontal"}}}},
          {"marks",
           {{{"type", "rect"},
             {"from", {{"data", "table"}}},
             {"encode",
              {{"enter",
                {{"y", {{"scale", "y"}, {"field", "row"}}},
                 {"height", {{"scale", "y"}, {"band", 1}}},
                 {"x", {{"scale", "x"}, {"value", 0}}},
                 {"x2", {{"scale", "x"}, {"field", "net"}}},
                 {"fill", {{"scale", "color"}, {"field", "period"}}}}}}}},
            {{"type", "rule"},
             {"from", {{"data", "ranged"}}},
             {"encode",
              {{"enter",
                {{"y", {{"scale", "y"}, {"field", "row"}, {"band", 0.5}}},
                 {"x", {{"scale", "x"}, {"field", "low"}}},
                 {"x2", {{"scale", "x"}, {"field", "high"}}},
                 {"stroke", {{"value", "#222"}}},
                 {"strokeWidth", {{"value", 1.2}}}}}}}}}}};
}

}  // namespace wijksim::report
