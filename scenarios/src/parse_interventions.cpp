// interventions: a list of named, time-bounded policy changes, each with a type, a target,
// an optional budget and type-specific parameters (every default filled in here, so the
// resolved YAML shows what ran). Mechanisms: models/src/interventions/<type>.cpp.
#include <algorithm>

#include "parse_interventions.hpp"
#include "schema_rows.hpp"
#include "suggest.hpp"
#include "wijksim/costs.hpp"
#include "wijksim/interventions.hpp"

namespace wijksim::scenarios::detail {

namespace {

// Parameters shared by every type that enrols households into a programme.
const std::vector<ParameterInfo> kEnrolment{
    {"weekly_uptake", 0.01, "P(found and enrolled) per targeted household-week; assumed"},
    {"contact_probability", 1.0, "P(accepts | found)"},
    {"duration_weeks", 26, "weeks enrolled; assumed"},
    {"dropout_weekly", 0.0, "P(leaves early) per week"},
    {"improve_weekly", 0.02, "P(+1 ZRM level) per week per effect domain; assumed"},
    {"cost_per_enrolment", 0, "euros, once"},
    {"cost_per_week", 0, "euros per enrolled week"},
};

std::vector<ParameterInfo> with(std::vector<ParameterInfo> base, const std::vector<ParameterInfo>& extra) {
  for (const auto& p : extra) {
    const auto it = std::find_if(base.begin(), base.end(), [&](const ParameterInfo& b) {
      return std::string(b.key) == p.key;
    });
    if (it != base.end()) *it = p; else base.push_back(p);
  }
  return base;
}

}  // namespace

const std::vector<ParameterInfo>& intervention_parameters(const std::string& type) {
  static const std::map<std::string, std::vector<ParameterInfo>> table{
      // Leiden "Debt to no debt" (DOMAIN-FIGURES §2.3-2.5).
      {"debt_restructuring",
       with(kEnrolment,
            {{"weekly_uptake", 0.01, "assumed: ~40% of the eligible reached in a year"},
             {"contact_probability", 0.6, "40% drop out before an arrangement, §2.3"},
             {"duration_weeks", 156, "coaching during the 36-month repayment, §2.4"},
             {"dropout_weekly", 0.0029, "64% of started arrangements completed (NVVK 2016, §7): 0.64 = (1-p)^156"},
             {"improve_weekly", 0.02, "finances recovery while coached; assumed"},
             {"cost_per_enrolment", 1500, "euros, intake and settlement work; assumed"},
             {"cost_per_week", 20, "euros, coaching ~1,000/year; assumed"},
             {"settlement_fraction", 0.6, "creditors accept this share; 'often less than 100%', §2.5; assumed"},
             {"repay_months", 36, "months of repayment to the credit bank, §2.4"},
             {"finances_after_settlement", 3, "ZRM finances at least this once settled; assumed"},
             {"repay_income_floor", 1200, "euros/month the household keeps (vrij te laten bedrag, ~95% of the bijstandsnorm); assumed"},
             {"repay_income_share", 1.0, "share of income above the floor that goes to the bank (Wsnp-style: all of it); assumed"}})},
      // Eropaf / Achter de Voordeur (§6.3).
      {"outreach",
       with(kEnrolment,
            {{"weekly_uptake", 0, "unused: visits_per_week sets the rate"},
             {"visits_per_week", 50, "households visited per week in the target; assumed"},
             {"contact_probability", 0.75, "contact per attempted visit, §6.3"},
             {"problem_at_or_below", 2, "a domain at or below this is a problem that enrols"},
             {"improve_weekly", 0.03, "per problem domain while enrolled; assumed"},
             {"dropout_weekly", 0.01, "assumed"},
             {"cost_per_enrolment", 300, "euros, the visit and intake; assumed"},
             {"cost_per_week", 60, "euros, wijkteam support; assumed"}})},
      // Vroegsignalering (§2.6).
      {"early_signals",
       with(kEnrolment,
            {{"weekly_uptake", 0, "unused: signals set the rate"},
             {"signal_weekly", 0.04, "P(arrears signal) per week while debts grow; assumed from 4.0 signals per 1,000 inhabitants per month, §2.6"},
             {"delay_weeks", 4, "signal -> contact attempt; assumed (2 months of rent arrears trigger Vroeg Eropaf)"},
             {"contact_probability", 0.07, "7% of meldingen accept help (Divosa 2023, §2.6)"},
             {"improve_weekly", 0.02, "finances while coached; assumed"},
             {"cost_per_enrolment", 250, "euros; assumed"},
             {"cost_per_week", 30, "euros; assumed"}})},
      // Welzijn op recept (§6.2).
      {"social_prescribing",
       with(kEnrolment,
            {{"weekly_uptake", 0, "unused: GP visits and referrals set the rate"},
             {"gp_visit_weekly", 0.02, "P(GP visit with a psychosocial complaint) per week; assumed"},
             {"referral_probability", 0.05, "'the number of referrals per GP is low', §6.2; assumed"},
             {"duration_weeks", 12, "weeks of welfare activities; assumed"},
             {"improve_weekly", 0.03, "social network and time use; assumed"},
             {"cost_per_enrolment", 100, "euros, link worker intake; assumed"},
             {"cost_per_week", 15, "euros; assumed"},
             {"avoided_cost_per_referral", 0, "euros of GGZ not started; centred near zero, §6.2"}})},
      {"informal_care",
       with(kEnrolment,
            {{"duration_weeks", 26, "assumed"},
             {"improve_weekly", 0.02, "assumed"},
             {"cost_per_enrolment", 50, "euros, matching by the volunteer centre; assumed"},
             {"cost_per_week", 5, "euros, volunteer coordination; assumed"},
             {"max_concurrent", 0, "volunteers x clients each; 0 = no limit"}})},
      {"collective_day_activities",
       with(kEnrolment,
            {{"duration_weeks", 52, "assumed"},
             {"improve_weekly", 0.01, "time use, social network, participation; assumed"},
             {"cost_per_week", 40, "euros per participant-week, collective; assumed"},
             {"individual_cost_per_week", 120, "euros per client-week of the individual form it replaces; assumed"}})},
      {"capacity_change", {{"capacity_factor", 1.0, "capacity x factor ..."}, {"capacity_delta", 0, "... + delta clients"}}},
      {"pooled_budget", {{"loss_reduction", 0.5, "pathways lose half as many households; assumed"}}},
      {"case_manager_continuity",
       {{"loss_reduction", 0.5, "pathways from these providers lose half as many; assumed"},
        {"dropout_reduction", 0.3, "weekly dropout at the receiving provider x 0.7; assumed"}}},
  };
  static const std::vector<ParameterInfo> none;
  const auto it = table.find(type);
  return it == table.end() ? none : it->second;
}

const std::vector<std::string>& intervention_list_parameters(const std::string& type) {
  static const std::vector<std::string> enrolment{"effect_domains"};
  static const std::vector<std::string> prescribing{"effect_domains", "avoided_financier"};
  static const std::vector<std::string> network{"providers"};
  static const std::vector<std::string> pooled{"providers", "generalist", "pooled_financier"};
  static const std::vector<std::string> none;
  if (type == "social_prescribing") return prescribing;
  if (type == "capacity_change" || type == "case_manager_continuity") return network;
  if (type == "pooled_budget") return pooled;
  if (intervention_parameters(type).empty()) return none;
  return enrolment;
}

std::vector<std::string> intervention_type_list() {
  return {kInterventionTypeNames.begin(), kInterventionTypeNames.end()};
}
std::vector<std::string> cost_financier_list() {
  return {costs::kFinancierNames.begin(), costs::kFinancierNames.end()};
}

namespace {

void parse_target(ParseContext& ctx, const YAML::Node& node, const std::string& path, TargetSpec& t) {
  if (node.IsScalar() && node.Scalar() == "all") {  // `target: all`
    t.all = true;
    return;
  }
  MapCursor map(ctx, node, path, "a target mapping (wijken:, age:, household_types:, domains:, income:, debt:) or `all`");
  read_rows(map, t);  // WIJKSIM_TARGET_KEYS
  map.finish();
}

void parse_parameters(ParseContext& ctx, const YAML::Node& node, const std::string& path, InterventionSpec& iv) {
  if (!node.IsMap()) {
    ctx.error(path, "a mapping of parameter: value", describe(node));
    return;
  }
  const auto& numeric = intervention_parameters(iv.type);
  const auto& lists = intervention_list_parameters(iv.type);
  std::vector<std::string> known;
  for (const auto& p : numeric) known.emplace_back(p.key);
  known.insert(known.end(), lists.begin(), lists.end());
  for (const auto& entry : node) {
    const std::string key = entry.first.Scalar();
    const std::string key_path = child_path(path, key);
    if (key == "effect_domains" || key == "providers") {
      if (std::find(lists.begin(), lists.end(), key) != lists.end()) {
        read_value(ctx, entry.second, key_path, key == "providers" ? iv.providers : iv.effect_domains);
        continue;
      }
    } else if (key == "generalist" || key == "pooled_financier" || key == "avoided_financier") {
      if (std::find(lists.begin(), lists.end(), key) != lists.end()) {
        read_value(ctx, entry.second, key_path,
                   key == "generalist" ? iv.generalist : key == "pooled_financier" ? iv.pooled_financier
                                                                                  : iv.avoided_financier);
        continue;
      }
    } else if (std::find(known.begin(), known.end(), key) != known.end()) {
      double value = 0;
      if (read_value(ctx, entry.second, key_path, value)) iv.parameters[key] = value;
      continue;
    }
    ctx.error(key_path, "a parameter of " + iv.type + suggestion_suffix(key, known), "unknown key '" + key + "'");
  }
}

// Which domains an enrolment improves when `effect_domains` is not given (outreach: the
// household's own problem domains, so none here).
void fill_list_defaults(InterventionSpec& iv) {
  static const std::map<std::string, std::vector<std::string>> effect{
      {"debt_restructuring", {"finances"}},
      {"early_signals", {"finances"}},
      {"social_prescribing", {"social_network", "time_use"}},
      {"informal_care", {"social_network", "instrumental_adl", "time_use"}},
      {"collective_day_activities", {"time_use", "social_network", "community_participation"}},
  };
  const auto it = effect.find(iv.type);
  if (iv.effect_domains.empty() && it != effect.end()) iv.effect_domains = it->second;
  if (iv.type == "social_prescribing" && iv.avoided_financier.empty()) iv.avoided_financier = "zvw";
  if (iv.type == "pooled_budget" && iv.pooled_financier.empty()) iv.pooled_financier = "wmo";
}

}  // namespace

void parse_interventions(ParseContext& ctx, const YAML::Node& node, const std::string& path,
                         std::vector<InterventionSpec>& out) {
  out.clear();
  for_each_item(ctx, node, path, [&](const YAML::Node& item, const std::string& item_path) {
    InterventionSpec iv;
    MapCursor map(ctx, item, item_path, "an intervention (type:, name:, start_week:, target:, ...)");
    read_rows(map, iv);  // WIJKSIM_INTERVENTION_KEYS but target
    if (auto target = map.take("target")) parse_target(ctx, *target, child_path(item_path, "target"), iv.target);
    // Defaults first, so the resolved spec lists every parameter of the type.
    for (const auto& p : intervention_parameters(iv.type)) iv.parameters[p.key] = p.default_value;
    if (auto params = map.take("parameters")) parse_parameters(ctx, *params, child_path(item_path, "parameters"), iv);
    fill_list_defaults(iv);
    map.finish();
    out.push_back(std::move(iv));
  });
}

}  // namespace wijksim::scenarios::detail
