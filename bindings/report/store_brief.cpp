// A brief's data from a results store. Every number of the headline, the differences table
// and the financier table is a cell of experiments::compare or experiments::who_pays, with
// every sweep point pooled (one cell per variant), so `wijksim compare STORE --pool ...
// --json` prints the same numbers (the brief names that command under each table).
#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <limits>
#include <map>
#include <stdexcept>

#include "brief_data.hpp"
#include "series.hpp"
#include "wijksim/utc_time.hpp"
#include "text.hpp"
#include "wijksim/experiments/sensitivity.hpp"

namespace wijksim::report {
namespace {

using namespace wijksim::experiments;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr size_t kProvidersShown = 4;  // a brief shows the few providers that queue most
constexpr size_t kMaxChartWeeks = 260;

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}
std::vector<std::string> recorded(const std::vector<std::string>& wanted, const std::vector<std::string>& have) {
  std::vector<std::string> out;
  for (const auto& m : wanted)
    if (contains(have, m)) out.push_back(m);
  return out;
}

// "scenario: FILE" or an inline scenario's `name:` (the stored text is the experiment file as
// written; parsing it fully would need the files it extends).
std::string scenario_of(const std::string& text) {
  const auto at = text.find("\nscenario:");
  const size_t start = text.rfind("scenario:", 0) == 0 ? 0 : (at == std::string::npos ? at : at + 1);
  if (start == std::string::npos) return "";
  const size_t eol = text.find('\n', start);
  std::string rest = text.substr(start + 9, eol - start - 9);
  rest.erase(0, rest.find_first_not_of(' '));
  if (const auto hash = rest.find('#'); hash != std::string::npos) rest.resize(hash);  // a comment
  while (!rest.empty() && rest.back() == ' ') rest.pop_back();
  if (!rest.empty()) return rest;
  for (size_t line = eol; line != std::string::npos && line + 1 < text.size(); line = text.find('\n', line + 1)) {
    if (text[line + 1] != ' ') break;  // the scenario mapping ended
    const size_t key = text.find_first_not_of(' ', line + 1);
    if (text.compare(key, 5, "name:") == 0 && key - line - 1 == 2) {
      std::string name = text.substr(key + 5, text.find('\n', key) - key - 5);
      name.erase(0, name.find_first_not_of(' '));
      return name;
    }
  }
  return "";
}

std::string file_time(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "";  // g++ 12 has no clock_cast for file times
  return utc_text(st.st_mtime, "%Y-%m-%d %H:%M UTC");
}

Ranged ranged(const PairedDifference& d) { return {d.mean_difference, d.ci_low, d.ci_high}; }
Ranged ranged(const Summary& s) { return {s.mean, s.ci_low, s.ci_high}; }

// The baseline's mean and its t interval over the pooled runs of the baseline.
Ranged baseline_mean(const ResultStore& store, const std::string& metric, uint32_t baseline_id) {
  std::vector<double> x;
  for (const auto& v : store.metric_values(metric))
    if (v.key.variant == baseline_id) x.push_back(v.value);
  return ranged(summarise(x));
}

// Providers ranked by the baseline's mean of a summary (e.g. providers.<p>.queue_length.mean),
// largest first; those without the summary or at 0 are left out.
std::vector<std::string> top_providers(const ResultStore& store, const std::vector<std::string>& summaries,
                                       const std::string& what, const std::string& summary_suffix,
                                       uint32_t baseline_id) {
  std::vector<std::pair<double, std::string>> ranked;
  const std::string prefix = "providers.", suffix = "." + what + summary_suffix;
  for (const auto& m : summaries) {
    if (m.rfind(prefix, 0) != 0 || m.size() <= suffix.size() ||
        m.compare(m.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    const Ranged mean = baseline_mean(store, m, baseline_id);
    if (mean.value > 0) ranked.emplace_back(mean.value, m.substr(prefix.size(), m.size() - prefix.size() - suffix.size()));
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> out;
  for (size_t i = 0; i < ranked.size() && i < kProvidersShown; ++i) out.push_back(ranked[i].second);
  return out;
}

std::string command_text(const std::string& path, const std::string& baseline, const std::vector<std::string>& metrics,
                         const std::string& tail) {
  std::string cmd = "wijksim compare " + path + " --baseline " + baseline + " --pool";
  for (const auto& m : metrics) cmd += " --metric " + m;
  return cmd + tail;
}

void add_headline(BriefData& b, const ResultStore& store, const std::vector<std::string>& summaries,
                  uint32_t baseline_id, const FinancierTable& money) {
  const auto metrics = recorded({"multi_problem", "households_in_debt", "care.waiting"}, summaries);
  CompareOptions o;
  o.baseline = b.baseline;
  o.metrics = metrics;
  o.pool = true;
  const Comparison cmp = metrics.empty() ? Comparison{} : compare(store, o);
  // The money line: whichever of the municipality's two budgets the variants move most.
  std::string financier = "wmo";
  double largest = -1;
  for (const std::string f : {"wmo", "municipality"})
    for (const auto& c : money.cells)
      if (c.financier == f && c.year == 0 && std::fabs(c.net.mean) > largest) {
        largest = std::fabs(c.net.mean);
        financier = f;
      }
  for (const auto& [variant, overrides] : b.variants) {
    HeadlineRow row{variant, {}};
    const bool base = variant == b.baseline;
    for (const auto& m : metrics) {
      HeadlineValue v{m, "", {}, {kNaN, kNaN, kNaN}, base};
      if (base) v.mean = baseline_mean(store, m, baseline_id);
      for (const auto& c : cmp.cells)
        if (!base && c.metric == m && c.at.variant == variant) {
          v.unit = c.unit;
          v.mean = {c.difference.mean_variant, kNaN, kNaN};
          v.difference = ranged(c.difference);
        }
      if (v.unit.empty())
        for (const auto& c : cmp.cells)
          if (c.metric == m) v.unit = c.unit;
      row.values.push_back(v);
    }
    if (money.cells.empty()) {
      b.headline.push_back(std::move(row));
      continue;
    }
    HeadlineValue net{"financiers." + financier + ".net", "EUR", {kNaN, kNaN, kNaN}, {0, kNaN, kNaN}, base};
    for (const auto& c : money.cells)
      if (!base && c.financier == financier && c.year == 0 && c.at.variant == variant) net.difference = ranged(c.net);
    row.values.push_back(net);
    b.headline.push_back(std::move(row));
  }
}

// Which swept assumption moves the result most: the first headline outcome that some
// parameter moves (multi-problem households, then debt), ranked by Sobol's total index or
// Morris' mu*, as `wijksim sensitivity STORE --metric M` prints them.
void add_sensitivity(BriefData& b, const ResultStore& store, const ExperimentRecord& rec,
                     const std::vector<std::string>& summaries) {
  if (rec.design.kind != DesignKind::sobol && rec.design.kind != DesignKind::morris) return;
  b.sensitivity.studied = true;
  for (const auto& metric : recorded({"multi_problem", "households_in_debt", "total_debt", "care.waiting"}, summaries)) {
    try {
      const SensitivityResult r = sensitivity(store, metric);
      const bool sobol = r.kind == DesignKind::sobol;
      const auto& score = sobol ? r.indices.total : r.morris.mu_star;
      if (score.empty()) continue;
      const size_t best = std::max_element(score.begin(), score.end()) - score.begin();
      if (!(score[best] > 0)) {
        if (b.sensitivity.note.empty() && !r.warnings.empty()) b.sensitivity.note = metric + ": " + r.warnings.back();
        continue;  // no parameter moves this outcome over its range
      }
      b.sensitivity.metric = metric;
      b.sensitivity.parameter = r.parameters.at(best);
      b.sensitivity.measure = sobol ? "Sobol ST" : "Morris \u03bc*";
      b.sensitivity.index = sobol ? Ranged{r.indices.total[best], r.indices.total_low[best], r.indices.total_high[best]}
                                  : Ranged{r.morris.mu_star[best], kNaN, kNaN};
      b.sensitivity.note = r.warnings.empty() ? "" : r.warnings.front();
      return;
    } catch (const StoreError& e) {
      b.sensitivity.note = e.what();  // e.g. an incomplete design
      return;
    }
  }
}

void add_series(BriefData& b, const ResultStore& store, uint32_t baseline_id,
                const std::vector<std::string>& summaries, const std::vector<std::string>& timeseries,
                const std::vector<std::string>& variant_order, Language language) {
  std::vector<std::string> metrics = recorded({"multi_problem", "care.waiting"}, timeseries);
  for (const auto& p : top_providers(store, summaries, "queue_length", ".mean", baseline_id))
    for (const std::string what : {"queue_length", "wait_mean"}) metrics.push_back("providers." + p + "." + what);
  const auto lost = top_providers(store, summaries, "lost", ".total", baseline_id);
  for (const auto& p : lost) metrics.push_back("providers." + p + ".lost");
  const bool lost_recorded = std::any_of(timeseries.begin(), timeseries.end(), [](const std::string& m) {
    return m.rfind("providers.", 0) == 0 && m.size() > 5 && m.compare(m.size() - 5, 5, ".lost") == 0;
  });
  if (!lost_recorded) b.over_time_notes.push_back(label("lost_not_recorded", language));
  else if (lost.empty()) b.over_time_notes.push_back(label("none_lost", language));
  if (timeseries.empty()) return;
  const std::string probe = metrics.empty() ? timeseries.front() : metrics.front();
  // The recorded weeks: every outputs.every weeks and the last; the horizon ends before the
  // first incomplete year is over, so probing to there finds them all.
  const uint32_t limit = 52 * (static_cast<uint32_t>(store.years().size()) + 1);
  std::vector<uint32_t> weeks;
  for (uint32_t w = 0; w < limit; ++w)
    if (!store.metric_values(probe, w).empty()) weeks.push_back(w);
  if (!weeks.empty()) b.weeks = weeks.back();
  // A chart 290 px wide shows no more than ~260 points; a ten-year weekly store is thinned to
  // every k-th recorded week (the last kept), which also bounds the queries on a large store.
  if (weeks.size() > kMaxChartWeeks) {
    const size_t k = (weeks.size() + kMaxChartWeeks - 1) / kMaxChartWeeks;
    std::vector<uint32_t> thinned;
    for (size_t i = 0; i < weeks.size(); i += k) thinned.push_back(weeks[i]);
    if (thinned.back() != weeks.back()) thinned.push_back(weeks.back());
    weeks = std::move(thinned);
  }
  for (const auto& m : recorded(metrics, timeseries)) {
    std::vector<std::vector<std::vector<double>>> per_variant(variant_order.size());  // [variant][week][run]
    for (auto& v : per_variant) v.resize(weeks.size());
    for (size_t i = 0; i < weeks.size(); ++i)
      for (const auto& v : store.metric_values(m, weeks[i])) per_variant.at(v.key.variant)[i].push_back(v.value);
    SeriesChart chart{m, "", {}};
    std::vector<size_t> order{baseline_id};
    for (size_t v = 0; v < variant_order.size(); ++v)
      if (v != baseline_id) order.push_back(v);
    for (const size_t v : order) chart.bands.push_back(band(variant_order[v], weeks, per_variant[v]));
    b.series.push_back(std::move(chart));
  }
}

void add_differences(BriefData& b, const ResultStore& store, const std::vector<std::string>& summaries) {
  std::vector<std::string> wanted{"multi_problem", "households_in_debt", "care.waiting", "total_debt"};
  for (const auto& s : b.series)
    if (s.metric.rfind("providers.", 0) == 0 && s.metric.find(".lost") == std::string::npos)
      wanted.push_back(s.metric);
  CompareOptions o;
  o.baseline = b.baseline;
  o.pool = true;
  b.differences_per_year = !store.years().empty();
  o.per_year = b.differences_per_year;
  o.metrics = recorded(wanted, b.differences_per_year ? store.yearly_metrics() : summaries);
  if (o.metrics.empty()) return;
  for (const auto& c : compare(store, o).cells)
    b.differences.push_back({c.at.variant, c.metric, c.unit, c.when, ranged(c.difference), c.difference.mean_baseline,
                             c.difference.mean_variant, c.difference.n});
  b.differences_command = command_text(b.source, b.baseline, o.metrics, o.per_year ? " --per-year --json FILE" : " --json FILE");
}

void add_financiers(BriefData& b, const FinancierTable& money) {
  std::map<std::string, bool> moves;  // financier -> any non-zero cell
  for (const auto& c : money.cells) {
    b.financiers.push_back({c.at.variant, c.financier, c.year, ranged(c.costs), ranged(c.avoided), ranged(c.net)});
    moves[c.financier] = moves[c.financier] || c.costs.mean != 0 || c.avoided.mean != 0 || c.net.mean != 0;
  }
  for (const auto& c : money.cells)
    if (!moves[c.financier] && !contains(b.zero_financiers, c.financier)) b.zero_financiers.push_back(c.financier);
  b.financiers_command = "wijksim compare " + b.source + " --baseline " + b.baseline + " --pool --financiers --json FILE";
}

}  // namespace

BriefData store_brief(const std::string& path, const BriefOptions& options) {
  ResultStore store(path, OpenMode::read);
  const ExperimentRecord rec = store.experiment();
  if (rec.variants.size() < 2)
    throw std::invalid_argument(path + ": the experiment has one variant ('" + rec.variants.at(0).name +
                                "'); a brief compares variants with a baseline: add a variant under `variants:`");
  BriefData b;
  b.source = path;
  b.experiment = rec.name;
  b.scenario = scenario_of(rec.resolved_text);
  b.baseline = options.baseline.empty() ? rec.variants.front().name : options.baseline;
  std::vector<std::string> names;
  uint32_t baseline_id = 0;
  for (uint32_t v = 0; v < rec.variants.size(); ++v) {
    names.push_back(rec.variants[v].name);
    if (rec.variants[v].name == b.baseline) baseline_id = v;
  }
  if (!contains(names, b.baseline)) {
    // compare() names the variants and the closest one; let it throw that message.
    CompareOptions o;
    o.baseline = b.baseline;
    o.pool = true;
    compare(store, o);
    throw StoreError(path + ": no variant named '" + b.baseline + "'");
  }
  b.variants.emplace_back(rec.variants[baseline_id].name, rec.variants[baseline_id].overrides);
  for (uint32_t v = 0; v < rec.variants.size(); ++v)
    if (v != baseline_id) b.variants.emplace_back(rec.variants[v].name, rec.variants[v].overrides);
  b.replications = rec.replications;
  b.points = rec.design.points.size();
  const uint64_t done = store.count_runs(true), total = store.count_runs(false);
  b.partial = done < total;
  b.runs_done = std::to_string(done) + " / " + std::to_string(total);

  const auto summaries = store.summary_metrics();
  const auto timeseries = store.timeseries_metrics();
  if (summaries.empty()) throw StoreError(path + ": no finished runs yet: a brief needs at least two finished runs per variant");
  CompareOptions money_options;
  money_options.baseline = b.baseline;
  money_options.pool = true;
  // A store that did not record financiers.<f>.costs / .societal still gets its brief; the
  // who-pays section then says what to record (who_pays' own message).
  FinancierTable money;
  try {
    money = who_pays(store, money_options);
  } catch (const StoreError& e) {
    b.financiers_note = e.what();
  }

  add_headline(b, store, summaries, baseline_id, money);
  add_sensitivity(b, store, rec, summaries);
  add_series(b, store, baseline_id, summaries, timeseries, names, options.language);
  add_differences(b, store, summaries);
  if (b.financiers_note.empty()) add_financiers(b, money);

  b.provenance = {{"scenario_hash", store.provenance("hash")},
                  {"engine", store.provenance("engine_version")},
                  {"git_hash", store.provenance("git_hash")},
                  {"seed", store.provenance("seed")},
                  {"replications", store.provenance("replications")},
                  {"crn", store.provenance("common_random_numbers")},
                  {"design", store.provenance("design")},
                  {"runs_done", b.runs_done}};
  // The experiment table has no creation date; the store file's time is the closest record.
  const std::string created = store.provenance("created");
  if (created.empty()) b.provenance.emplace_back("date_store", file_time(path));
  else b.provenance.emplace_back("date", created);
  b.appendix = rec.resolved_text;
  return b;
}

}  // namespace wijksim::report
