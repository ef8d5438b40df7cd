// compare (analysis.hpp): per variant, sweep point, metric and period the paired
// difference with the baseline; the printed table, tidy CSV and JSON.
#include "wijksim/experiments/analysis.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <ostream>

#include "compare_common.hpp"
#include "run_values.hpp"
#include "wijksim/output/outcomes.hpp"

namespace wijksim::experiments {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string table_name(ComparePeriod p) {
  return p == ComparePeriod::summary ? "summary" : p == ComparePeriod::week ? "time-series" : "yearly";
}

// "EUR/week" -> "EUR" + suffix: a weekly flow summed over weeks.
std::string summed_unit(std::string_view unit, std::string_view suffix) {
  std::string u(unit);
  if (u.ends_with("/week")) u.resize(u.size() - 5);
  return u + std::string(suffix);
}

// The unit of the compared values: the dictionary's, with a flow's weekly unit turned into
// a yearly or run total where the values are sums.
std::string unit_of(const std::string& metric, ComparePeriod period) {
  const output::OutcomeDecl* d = output::declaration_for_name(metric);
  if (!d) return "";
  const bool flow = d->kind == output::OutcomeKind::flow;
  if (period == ComparePeriod::year)
    return flow && d->yearly == output::YearlyAggregate::by_kind ? summed_unit(d->unit, "/year") : std::string(d->unit);
  if (period == ComparePeriod::summary) {
    if (metric.ends_with(".discounted")) return summed_unit(d->unit, " (discounted)");
    if (metric.ends_with(".total") && flow) return summed_unit(d->unit, "");
  }
  return std::string(d->unit);
}

struct MetricAt {
  std::string metric;
  uint32_t when = 0;
  RunGrid grid;
};

}  // namespace

Comparison compare(const ResultStore& store, const CompareOptions& o) {
  if (o.week && (o.year || o.per_year))
    throw StoreError("compare: choose one of a week, a year or every year, not several");
  const ComparePeriod period = o.week ? ComparePeriod::week : o.year || o.per_year ? ComparePeriod::year
                                                                                     : ComparePeriod::summary;
  if (period == ComparePeriod::summary && o.area != "all")
    throw StoreError("compare: a wijk (area '" + o.area + "') needs a week or a year: run summaries are city-wide");
  const ExperimentRecord rec = store.experiment();
  Comparison out;
  uint32_t base = 0;
  out.frame = detail::make_frame(store, rec, o.baseline, base);

  const auto known = period == ComparePeriod::summary ? store.summary_metrics()
                     : period == ComparePeriod::week  ? store.timeseries_metrics()
                                                      : store.yearly_metrics();
  const std::vector<std::string> metrics = o.metrics.empty() ? known : o.metrics;
  for (const auto& m : metrics)
    if (std::find(known.begin(), known.end(), m) == known.end())
      throw_unknown_metric(store, m, known, table_name(period));

  std::vector<uint32_t> times{0};
  if (o.week) times = {*o.week};
  if (period == ComparePeriod::year) {
    const auto years = store.years();
    if (years.empty() && out.frame.runs_done > 0)
      throw StoreError(store.path() + ": no yearly values: the runs are shorter than a year (year y = weeks "
                       "52(y-1)+1 .. 52y; only complete years are recorded)");
    if (o.year && std::find(years.begin(), years.end(), *o.year) == years.end() && out.frame.runs_done > 0) {
      std::string list;
      for (uint32_t y : years) list += (list.empty() ? "" : ", ") + std::to_string(y);
      throw StoreError(store.path() + ": no year " + std::to_string(*o.year) + "; the store has year(s) " + list +
                       " (complete years of 52 weeks only)");
    }
    times = o.year ? std::vector<uint32_t>{*o.year} : years;
  }

  std::vector<MetricAt> data;
  for (const auto& m : metrics)
    for (uint32_t t : times) {
      const auto values = period == ComparePeriod::summary ? store.metric_values(m)
                          : period == ComparePeriod::week  ? store.metric_values(m, t, o.area)
                                                           : store.yearly_values(m, t, o.area);
      if (values.empty() && out.frame.runs_done > 0 && period != ComparePeriod::summary) {
        const std::string where = period == ComparePeriod::week ? "week " + std::to_string(t) : "year " + std::to_string(t);
        throw StoreError(store.path() + ": no " + table_name(period) + " value of '" + m + "' at " + where +
                         (o.area == "all" ? std::string(" (time series are recorded every outputs.every weeks and at the last week)")
                                          : " for area '" + o.area + "' (a wijk name, with outputs.by_wijk: true, "
                                            "for wijk-level outcomes only)"));
      }
      data.push_back({m, t, RunGrid(rec, values)});
    }

  std::vector<uint32_t> variant_ids;
  const auto points = detail::cell_points(rec, base, o.pool, variant_ids);
  std::vector<double> x, y;
  for (size_t c = 0; c < points.size(); ++c)
    for (const auto& d : data) {
      d.grid.pairs(variant_ids[c], base, points[c].point, x, y);
      ComparisonCell cell;
      cell.at = points[c];
      cell.metric = d.metric;
      cell.unit = unit_of(d.metric, period);
      cell.area = o.area;
      cell.period = period;
      cell.when = d.when;
      if (x.empty()) {
        cell.difference.mean_variant = cell.difference.mean_baseline = cell.difference.mean_difference = kNaN;
        cell.difference.sd_difference = cell.difference.ci_low = cell.difference.ci_high = kNaN;
      } else {
        cell.difference = out.frame.paired ? paired_difference(x, y, o.level) : unpaired_difference(x, y, o.level);
      }
      const double b = cell.difference.mean_baseline;
      cell.relative_difference = b != 0 && !std::isnan(b) ? cell.difference.mean_difference / b : kNaN;
      out.cells.push_back(std::move(cell));
    }
  return out;
}

namespace {

std::string signed_number(double v) {
  const std::string s = detail::short_number(v);
  return !std::isnan(v) && v > 0 ? "+" + s : s;
}

std::string period_text(const ComparisonCell& c) {
  if (c.period == ComparePeriod::week) return "week " + std::to_string(c.when);
  if (c.period == ComparePeriod::year) return "year " + std::to_string(c.when);
  return "run";
}

}  // namespace

void print_comparison(std::ostream& out, const Comparison& cmp) {
  detail::print_frame(out, cmp.frame);
  size_t mw = 6, uw = 4;
  for (const auto& c : cmp.cells) {
    mw = std::max(mw, c.metric.size());
    uw = std::max(uw, c.unit.size());
  }
  char line[512];
  const int w = static_cast<int>(mw), u = static_cast<int>(uw);
  for (size_t i = 0; i < cmp.cells.size(); ++i) {
    const auto& c = cmp.cells[i];
    if (i == 0 || c.at.variant != cmp.cells[i - 1].at.variant || c.at.point != cmp.cells[i - 1].at.point) {
      out << "\n" << c.at.variant << " vs " << cmp.frame.baseline << ", " << detail::point_label(cmp.frame, c.at)
          << (c.area != "all" ? ", wijk " + c.area : std::string()) << "\n";
      std::snprintf(line, sizeof line, "  %-*s %-*s %-8s %7s %12s %12s %12s  %-27s %9s\n", w, "metric", u, "unit",
                    "when", "n", "baseline", "variant", "difference", "95% CI", "relative");
      out << line;
    }
    const auto& d = c.difference;
    const std::string n = d.n == c.at.pairs_expected ? std::to_string(d.n)
                                                     : std::to_string(d.n) + "/" + std::to_string(c.at.pairs_expected);
    const std::string ci = d.n >= 2 ? "[" + signed_number(d.ci_low) + ", " + signed_number(d.ci_high) + "]"
                                    : std::string(d.n == 0 ? "(no pairs yet)" : "(needs 2 pairs)");
    char rel[32] = "-";
    if (!std::isnan(c.relative_difference)) std::snprintf(rel, sizeof rel, "%+.1f%%", 100 * c.relative_difference);
    std::snprintf(line, sizeof line, "  %-*s %-*s %-8s %7s %12s %12s %12s  %-27s %9s\n", w, c.metric.c_str(), u,
                  c.unit.c_str(), period_text(c).c_str(), n.c_str(), detail::short_number(d.mean_baseline).c_str(),
                  detail::short_number(d.mean_variant).c_str(), signed_number(d.mean_difference).c_str(), ci.c_str(),
                  rel);
    out << line;
  }
}

void write_comparison_csv(std::ostream& out, const Comparison& cmp) {
  using detail::csv_number;
  out << "variant,baseline," << detail::point_header(cmp.frame)
      << ",area,metric,unit,week,year,n,replications,baseline_mean,mean,difference,sd_difference,ci_low,ci_high,"
         "relative_difference\n";
  for (const auto& c : cmp.cells) {
    const auto& d = c.difference;
    out << c.at.variant << ',' << cmp.frame.baseline << ',' << detail::point_fields(cmp.frame, c.at) << ',' << c.area
        << ',' << c.metric << ',' << c.unit << ','
        << (c.period == ComparePeriod::week ? std::to_string(c.when) : "") << ','
        << (c.period == ComparePeriod::year ? std::to_string(c.when) : "") << ',' << d.n << ','
        << c.at.pairs_expected << ',' << csv_number(d.mean_baseline) << ',' << csv_number(d.mean_variant) << ','
        << csv_number(d.mean_difference) << ',' << csv_number(d.sd_difference) << ',' << csv_number(d.ci_low) << ','
        << csv_number(d.ci_high) << ',' << csv_number(c.relative_difference) << '\n';
  }
}

void write_comparison_json(std::ostream& out, const Comparison& cmp) {
  using detail::number_json;
  nlohmann::json j = detail::frame_json(cmp.frame);
  j["cells"] = nlohmann::json::array();
  for (const auto& c : cmp.cells) {
    const auto& d = c.difference;
    nlohmann::json cell = detail::point_json(cmp.frame, c.at);
    cell["metric"] = c.metric;
    cell["unit"] = c.unit;
    cell["area"] = c.area;
    cell["week"] = c.period == ComparePeriod::week ? nlohmann::json(c.when) : nlohmann::json(nullptr);
    cell["year"] = c.period == ComparePeriod::year ? nlohmann::json(c.when) : nlohmann::json(nullptr);
    cell["n"] = d.n;
    cell["baseline_mean"] = number_json(d.mean_baseline);
    cell["mean"] = number_json(d.mean_variant);
    cell["difference"] = number_json(d.mean_difference);
    cell["sd_difference"] = number_json(d.sd_difference);
    cell["ci_low"] = number_json(d.ci_low);
    cell["ci_high"] = number_json(d.ci_high);
    cell["relative_difference"] = number_json(c.relative_difference);
    j["cells"].push_back(std::move(cell));
  }
  out << j.dump(2) << '\n';
}

void write_metric_dictionary_csv(std::ostream& out, const std::vector<std::string>& metrics) {
  out << "metric,unit,level,kind,pattern,description\n";
  const auto quoted = [](std::string_view text) {
    std::string q = "\"";
    for (char c : text) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  for (const auto& m : metrics) {
    const output::OutcomeDecl* d = output::declaration_for_name(m);
    out << m << ',';
    if (d)
      out << d->unit << ',' << output::name_of(d->level) << ',' << output::name_of(d->kind) << ',' << d->pattern << ','
          << quoted(d->description);
    else
      out << ",,,,";
    out << '\n';
  }
}

}  // namespace wijksim::experiments
