// who_pays (analysis.hpp): per financier and year, costs, avoided costs and net of each
// variant against the baseline, paired by replication; the printed table, CSV and JSON.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

#include "compare_common.hpp"
#include "run_values.hpp"
#include "wijksim/costs.hpp"
#include "wijksim/experiments/analysis.hpp"

namespace wijksim::experiments {
namespace {

// The four values of one (financier, period): spending and societal costs per run.
struct MoneyGrids {
  RunGrid costs, societal;
};

// One cell: per pair r, costs_r = V_costs - B_costs, avoided_r = B_societal - V_societal,
// net_r = avoided_r - costs_r (the pair's own values: no sum of means).
FinancierCell balance_cell(const CellPoint& at, uint32_t variant, uint32_t base, const MoneyGrids& g,
                           const ExperimentRecord& rec, double level) {
  FinancierCell cell;
  cell.at = at;
  std::vector<double> costs, avoided, net, base_costs, base_societal;
  const size_t first = at.point < 0 ? 0 : static_cast<size_t>(at.point);
  const size_t last = at.point < 0 ? rec.design.points.size() : first + 1;
  for (size_t p = first; p < last; ++p)
    for (uint32_t r = 0; r < rec.replications; ++r) {
      const auto pt = static_cast<uint32_t>(p);
      const auto &vc = g.costs.at(variant, pt, r), &bc = g.costs.at(base, pt, r);
      const auto &vs = g.societal.at(variant, pt, r), &bs = g.societal.at(base, pt, r);
      if (!vc || !bc || !vs || !bs) continue;
      costs.push_back(*vc - *bc);
      avoided.push_back(*bs - *vs);
      net.push_back(avoided.back() - costs.back());
      base_costs.push_back(*bc);
      base_societal.push_back(*bs);
    }
  if (rec.common_random_numbers) {
    cell.costs = summarise(costs, level);
    cell.avoided = summarise(avoided, level);
    cell.net = summarise(net, level);
  } else {
    // Seeds of their own: no pairs. Each is a difference of means with Welch's interval:
    // costs = V_costs - B_costs, avoided = B_societal - V_societal, and net = avoided - costs
    // = (B_costs + B_societal) - (V_costs + V_societal), the run totals compared.
    std::vector<double> v_costs, b_costs, v_soc, b_soc, v_all, b_all;
    for (size_t i = 0; i < costs.size(); ++i) {
      b_costs.push_back(base_costs[i]);
      v_costs.push_back(costs[i] + base_costs[i]);
      b_soc.push_back(base_societal[i]);
      v_soc.push_back(base_societal[i] - avoided[i]);
      v_all.push_back(v_costs.back() + v_soc.back());
      b_all.push_back(b_costs.back() + b_soc.back());
    }
    const auto as_summary = [](const PairedDifference& d) {
      return Summary{d.n, d.mean_difference, d.sd_difference, d.ci_low, d.ci_high};
    };
    cell.costs = as_summary(unpaired_difference(v_costs, b_costs, level));
    cell.avoided = as_summary(unpaired_difference(b_soc, v_soc, level));
    cell.net = as_summary(unpaired_difference(b_all, v_all, level));
  }
  cell.baseline_costs = summarise(base_costs, level).mean;
  cell.baseline_societal = summarise(base_societal, level).mean;
  if (costs.empty()) {
    const double nan = std::nan("");
    for (Summary* s : {&cell.costs, &cell.avoided, &cell.net}) s->mean = s->sd = s->ci_low = s->ci_high = nan;
    cell.baseline_costs = cell.baseline_societal = nan;
  }
  return cell;
}

}  // namespace

FinancierTable who_pays(const ResultStore& store, const CompareOptions& o) {
  const ExperimentRecord rec = store.experiment();
  FinancierTable out;
  uint32_t base = 0;
  out.frame = detail::make_frame(store, rec, o.baseline, base);
  const auto yearly = store.yearly_metrics();
  const auto summaries = store.summary_metrics();
  const auto has = [](const std::vector<std::string>& list, const std::string& m) {
    return std::find(list.begin(), list.end(), m) != list.end();
  };
  std::vector<uint32_t> years = store.years();
  if (o.year) {
    if (out.frame.runs_done > 0 && std::find(years.begin(), years.end(), *o.year) == years.end())
      throw StoreError(store.path() + ": no year " + std::to_string(*o.year) +
                       " (complete years of 52 weeks only; the store has " + std::to_string(years.size()) + ")");
    years = {*o.year};
  }
  // Per financier: its yearly grids, then the discounted totals (period 0).
  struct Period { uint32_t year; MoneyGrids grids; };
  std::vector<std::pair<std::string, std::vector<Period>>> financiers;
  for (const auto name : costs::kFinancierNames) {
    const std::string f = "financiers." + std::string(name);
    // Runs shorter than a year have no yearly rows: then only the discounted totals.
    if (out.frame.runs_done > 0 && (!has(summaries, f + ".costs.discounted") || !has(summaries, f + ".societal.discounted") ||
                                    (!years.empty() && (!has(yearly, f + ".costs") || !has(yearly, f + ".societal")))))
      throw StoreError(store.path() + ": the experiment did not record " + f + ".costs and " + f +
                       ".societal (yearly values and discounted totals); add them to its outputs.metrics (they are "
                       "in the default outputs) and rerun the sweep");
    std::vector<Period> periods;
    for (uint32_t y : years)
      periods.push_back({y, {RunGrid(rec, store.yearly_values(f + ".costs", y)),
                             RunGrid(rec, store.yearly_values(f + ".societal", y))}});
    if (!o.year)
      periods.push_back({0, {RunGrid(rec, store.metric_values(f + ".costs.discounted")),
                             RunGrid(rec, store.metric_values(f + ".societal.discounted"))}});
    financiers.emplace_back(std::string(name), std::move(periods));
  }
  std::vector<uint32_t> variant_ids;
  const auto points = detail::cell_points(rec, base, o.pool, variant_ids);
  for (size_t c = 0; c < points.size(); ++c)
    for (const auto& [name, periods] : financiers)
      for (const auto& p : periods) {
        FinancierCell cell = balance_cell(points[c], variant_ids[c], base, p.grids, rec, o.level);
        cell.financier = name;
        cell.year = p.year;
        out.cells.push_back(std::move(cell));
      }
  return out;
}

namespace {

std::string money(double v) {
  const std::string s = detail::short_number(std::isnan(v) ? v : std::round(v));
  return !std::isnan(v) && v > 0 ? "+" + s : s;
}

std::string with_ci(const Summary& s) {
  if (std::isnan(s.mean)) return "-";
  if (s.n < 2) return money(s.mean);
  return money(s.mean) + " [" + money(s.ci_low) + ", " + money(s.ci_high) + "]";
}

std::string period_of(const FinancierCell& c) {
  return c.year == 0 ? std::string("discounted") : "year " + std::to_string(c.year);
}

}  // namespace

void print_financiers(std::ostream& out, const FinancierTable& t) {
  detail::print_frame(out, t.frame);
  out << "Who pays, who gains, in EUR: costs = variant - baseline spending (intervention + provider + "
         "repayment); avoided = baseline - variant societal costs; net = avoided - costs (positive: the "
         "financier gains). 'discounted' = the whole run at costs.discount_rate. Mean [95% CI].\n";
  char line[512];
  for (size_t i = 0; i < t.cells.size(); ++i) {
    const auto& c = t.cells[i];
    if (i == 0 || c.at.variant != t.cells[i - 1].at.variant || c.at.point != t.cells[i - 1].at.point) {
      out << "\n" << c.at.variant << " vs " << t.frame.baseline << ", " << detail::point_label(t.frame, c.at) << "\n";
      std::snprintf(line, sizeof line, "  %-15s %-10s %7s  %-34s %-34s %-34s\n", "financier", "period", "n",
                    "costs EUR", "avoided EUR", "net EUR");
      out << line;
    }
    const std::string n = c.net.n == c.at.pairs_expected ? std::to_string(c.net.n)
                                                         : std::to_string(c.net.n) + "/" + std::to_string(c.at.pairs_expected);
    std::snprintf(line, sizeof line, "  %-15s %-10s %7s  %-34s %-34s %-34s\n", c.financier.c_str(),
                  period_of(c).c_str(), n.c_str(), with_ci(c.costs).c_str(), with_ci(c.avoided).c_str(),
                  with_ci(c.net).c_str());
    out << line;
  }
}

void write_financiers_csv(std::ostream& out, const FinancierTable& t) {
  using detail::csv_number;
  out << "variant,baseline," << detail::point_header(t.frame) << ",financier,year,period,n,replications";
  for (const char* q : {"costs", "avoided", "net"})
    out << ',' << q << "_eur," << q << "_eur_sd," << q << "_eur_ci_low," << q << "_eur_ci_high";
  out << ",baseline_costs_eur,baseline_societal_eur\n";
  for (const auto& c : t.cells) {
    out << c.at.variant << ',' << t.frame.baseline << ',' << detail::point_fields(t.frame, c.at) << ','
        << c.financier << ',' << (c.year ? std::to_string(c.year) : "") << ','
        << (c.year ? "year" : "discounted_total") << ',' << c.net.n << ',' << c.at.pairs_expected;
    for (const Summary* s : {&c.costs, &c.avoided, &c.net})
      out << ',' << csv_number(s->mean) << ',' << csv_number(s->sd) << ',' << csv_number(s->ci_low) << ','
          << csv_number(s->ci_high);
    out << ',' << csv_number(c.baseline_costs) << ',' << csv_number(c.baseline_societal) << '\n';
  }
}

void write_financiers_json(std::ostream& out, const FinancierTable& t) {
  using detail::number_json;
  nlohmann::json j = detail::frame_json(t.frame);
  j["cells"] = nlohmann::json::array();
  for (const auto& c : t.cells) {
    nlohmann::json cell = detail::point_json(t.frame, c.at);
    cell["financier"] = c.financier;
    cell["year"] = c.year ? nlohmann::json(c.year) : nlohmann::json(nullptr);
    cell["period"] = c.year ? "year" : "discounted_total";
    cell["n"] = c.net.n;
    const std::pair<const char*, const Summary*> quantities[] = {{"costs", &c.costs}, {"avoided", &c.avoided}, {"net", &c.net}};
    for (const auto& [q, s] : quantities) {
      const std::string k = std::string(q) + "_eur";
      cell[k] = number_json(s->mean);
      cell[k + "_sd"] = number_json(s->sd);
      cell[k + "_ci_low"] = number_json(s->ci_low);
      cell[k + "_ci_high"] = number_json(s->ci_high);
    }
    cell["baseline_costs_eur"] = number_json(c.baseline_costs);
    cell["baseline_societal_eur"] = number_json(c.baseline_societal);
    j["cells"].push_back(std::move(cell));
  }
  out << j.dump(2) << '\n';
}

}  // namespace wijksim::experiments
