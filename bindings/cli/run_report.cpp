// intervention_report (run_report.hpp): the "what the interventions did" block of `wijksim run`.
#include "run_report.hpp"

#include <cmath>
#include <cstdio>
#include <string_view>
#include <vector>

#include "wijksim/costs.hpp"

namespace wijksim::cli {

namespace {

// Whole units of a JSON number (euros or households): rounded half away from zero, as
// std::llround, so an exact cent amount ending in .50 rounds the same way in a test.
int64_t whole(const nlohmann::json& value) { return std::llround(value.get<double>()); }

std::string line(std::string_view label, const std::vector<std::string>& cells) {
  std::string out = "  ";
  out += label;
  if (label.size() < 30) out.append(30 - label.size(), ' ');  // a longer name shifts its row only
  char buf[64];
  for (const auto& c : cells) {
    std::snprintf(buf, sizeof buf, " %18s", c.c_str());
    out += buf;
  }
  return out + "\n";
}

// How the main outcomes (models/costs/outcome_differences.hpp) are labelled; the outcome
// name stays visible for the ones a reader looks up in `wijksim outcomes`.
std::string label_of(const std::string& name, const std::string& unit) {
  if (name == "multi_problem") return "multi-problem households";
  if (name == "households_in_debt") return "households in debt";
  if (name == "total_debt") return "total debt (" + unit + ")";
  if (name == "care.waiting") return "waiting (care.waiting)";
  return name;
}

}  // namespace

std::string grouped(int64_t value, bool sign) {
  const bool negative = value < 0;
  std::string digits = std::to_string(negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value));
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  if (negative) return "-" + out;
  return sign && value > 0 ? "+" + out : out;
}

std::string intervention_report(const nlohmann::json& summary) {
  if (!summary.contains("costs")) return "";
  const nlohmann::json& costs = summary["costs"];
  const nlohmann::json& ivs = costs.value("interventions", nlohmann::json::array());
  if (ivs.empty()) return "";
  const std::string week = std::to_string(summary.value("final_week", 0));
  const std::string currency = costs.value("currency", "EUR");

  std::string out = "\ninterventions, week 1 to " + week + ":\n";
  out += line("", {"enrolled", "refused (budget)", "spent (" + currency + ")"});
  for (const auto& iv : ivs)
    out += line(iv["name"].get<std::string>(),
                {grouped(whole(iv["enrolled"])), grouped(whole(iv["refused_budget"])), grouped(whole(iv["spent"]))});

  const nlohmann::json& vs = costs.value("vs_baseline", nlohmann::json());
  if (!vs.is_object()) {
    out += "\nthe comparison with the same-seed baseline was skipped (--no-baseline): run without it for the\n"
           "effect on households and the costs, avoided costs and net per financier\n";
    return out;
  }
  out += "\nagainst the baseline (same city and seed, no interventions), week " + week + ":\n";
  out += line("", {"variant", "baseline", "difference"});
  for (const auto& o : vs.value("outcomes", nlohmann::json::array()))
    out += line(label_of(o["name"].get<std::string>(), o["unit"].get<std::string>()),
                {grouped(whole(o["variant"])), grouped(whole(o["baseline"])), grouped(whole(o["difference"]), true)});

  out += "\n" + line("per financier (" + currency + ")", {"costs", "avoided", "net", "net discounted"});
  std::string silent;  // financiers with nothing to report, named on one line
  const auto row = [&](const std::string& name) {
    const nlohmann::json& r = vs.at(name);
    const std::vector<int64_t> v{whole(r["costs"]), whole(r["avoided"]), whole(r["net"]), whole(r["net_discounted"])};
    if (name != "all" && v == std::vector<int64_t>(4, 0)) {
      silent += (silent.empty() ? "" : ", ") + name;
      return;
    }
    std::vector<std::string> cells;
    for (const int64_t x : v) cells.push_back(grouped(x, true));
    out += line(name, cells);
  };
  for (const auto name : wijksim::costs::kFinancierNames) row(std::string(name));
  row("all");
  if (!silent.empty()) out += "  (0 for " + silent + ")\n";
  char rate[32];
  std::snprintf(rate, sizeof rate, "%g%%", costs.value("discount_rate", 0.0) * 100);
  out += "  costs = extra spending, avoided = societal costs the baseline had and the variant not, net = avoided - costs\n"
         "  (positive: the financier gains); discounted at " + std::string(rate) + " a year\n";
  out += "\none run of one seed: no uncertainty (confidence intervals: replications with `wijksim sweep`, then `wijksim compare`)\n";
  return out;
}

}  // namespace wijksim::cli
