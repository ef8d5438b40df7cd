// ProvidersSpec -> resolved YAML (the `providers:`, `pathways:` and `help_seeking:`
// sections), every field written so that load(emit(spec)) == spec. Uses YAML::Emitter
// with 17 significant digits (reads back to the same double) rather than emit.cpp's
// hand-written layout: the sections are nested lists of maps, which the emitter lays out
// correctly, and there is then no second copy of the number/quoting helpers.
#include <ostream>

#include "parse_providers.hpp"

namespace wijksim::scenarios::detail {
namespace {

void emit_provider(YAML::Emitter& e, const ProviderSpec& p) {
  e << YAML::BeginMap;
  e << YAML::Key << "name" << YAML::Value << YAML::DoubleQuoted << p.name;
  e << YAML::Key << "type" << YAML::Value << YAML::DoubleQuoted << p.type;
  e << YAML::Key << "wijken" << YAML::Value << YAML::Flow << p.wijken;
  e << YAML::Key << "capacity" << YAML::Value << p.capacity;
  e << YAML::Key << "fte" << YAML::Value << p.fte;
  e << YAML::Key << "caseload" << YAML::Value << p.caseload;
  e << YAML::Key << "capacity_share" << YAML::Value << p.capacity_share;
  e << YAML::Key << "duration" << YAML::Value << p.duration;
  e << YAML::Key << "mean_weeks" << YAML::Value << p.mean_weeks;
  e << YAML::Key << "dropout_weekly" << YAML::Value << p.dropout_weekly;
  e << YAML::Key << "effects" << YAML::Value << YAML::Flow << p.effects;
  e << YAML::Key << "discharge_at_or_above" << YAML::Value << p.discharge_at_or_above;
  e << YAML::Key << "eligible_if_any" << YAML::Value << YAML::Flow << p.eligible_if_any;
  e << YAML::Key << "min_age" << YAML::Value << p.min_age;
  e << YAML::Key << "max_age" << YAML::Value << p.max_age;
  e << YAML::Key << "household_types" << YAML::Value << YAML::Flow << p.household_types;
  e << YAML::Key << "queue" << YAML::Value << p.queue;
  e << YAML::Key << "cost_per_client_week" << YAML::Value << p.cost_per_client_week;
  e << YAML::Key << "intake_cost" << YAML::Value << p.intake_cost;
  e << YAML::Key << "financier" << YAML::Value << p.financier;
  e << YAML::EndMap;
}

void emit_pathway(YAML::Emitter& e, const PathwaySpec& p) {
  e << YAML::BeginMap;
  e << YAML::Key << "from" << YAML::Value << YAML::DoubleQuoted << p.from;
  e << YAML::Key << "to" << YAML::Value << YAML::DoubleQuoted << p.to;
  e << YAML::Key << "trigger" << YAML::Value << p.trigger;
  e << YAML::Key << "condition" << YAML::Value << YAML::Flow << p.condition;
  e << YAML::Key << "probability" << YAML::Value << p.probability;
  e << YAML::Key << "delay_weeks" << YAML::Value << p.delay_weeks;
  e << YAML::Key << "loss" << YAML::Value << p.loss;
  e << YAML::Key << "continuity" << YAML::Value << p.continuity;
  e << YAML::EndMap;
}

}  // namespace

void emit_providers(std::ostream& out, const ProvidersSpec& spec) {
  YAML::Emitter e;
  e.SetDoublePrecision(17);
  e << YAML::BeginMap;
  e << YAML::Key << "providers" << YAML::Value << YAML::BeginSeq;
  for (const auto& p : spec.providers) emit_provider(e, p);
  e << YAML::EndSeq;
  e << YAML::Key << "pathways" << YAML::Value << YAML::BeginSeq;
  for (const auto& p : spec.pathways) emit_pathway(e, p);
  e << YAML::EndSeq;
  const auto& h = spec.help_seeking;
  e << YAML::Key << "help_seeking" << YAML::Value << YAML::BeginMap;
  e << YAML::Key << "enabled" << YAML::Value << h.enabled;
  e << YAML::Key << "weekly_by_worst" << YAML::Value << YAML::Flow << h.weekly_by_worst;
  e << YAML::Key << "avoidance_effect" << YAML::Value << h.avoidance_effect;
  e << YAML::Key << "entry" << YAML::Value << YAML::BeginMap;
  for (const auto& [domain, types] : h.entry)
    e << YAML::Key << YAML::DoubleQuoted << domain << YAML::Value << YAML::Flow << types;
  e << YAML::EndMap;
  e << YAML::Key << "default_entry" << YAML::Value << YAML::Flow << h.default_entry;
  e << YAML::EndMap;
  e << YAML::EndMap;
  out << e.c_str() << "\n";
}

}  // namespace wijksim::scenarios::detail
