// Checks the run form (form.hpp). Numbers are whole decimal digits only: no sign, space,
// exponent or fraction, so "1e3", " 5" and "-0" are refused rather than guessed at.
#include "serve/form.hpp"

#include <algorithm>
#include <limits>

namespace wijksim::serve {
namespace {

std::string shown(const std::string& value) {
  return value.size() > 40 ? "'" + value.substr(0, 40) + "...'" : "'" + value + "'";
}

const std::string* single(const std::multimap<std::string, std::string>& fields, const std::string& name) {
  const auto [begin, end] = fields.equal_range(name);
  if (begin == end) return nullptr;
  if (std::next(begin) != end) throw FormError(name + ": expected one value, got several");
  return &begin->second;
}

uint64_t whole_number(const std::multimap<std::string, std::string>& fields, const std::string& name, uint64_t min,
                      uint64_t max, const std::string& what) {
  const std::string* value = single(fields, name);
  const std::string expected = name + ": expected " + what + " (a whole number " + std::to_string(min) + " .. " +
                               std::to_string(max) + ")";
  if (!value || value->empty()) throw FormError(expected + ", got nothing");
  if (value->size() > 12 || !std::all_of(value->begin(), value->end(), [](char c) { return c >= '0' && c <= '9'; }))
    throw FormError(expected + ", got " + shown(*value));
  const uint64_t n = std::stoull(*value);
  if (n < min || n > max) throw FormError(expected + ", got " + *value);
  return n;
}

}  // namespace

RunRequest parse_run_form(const std::multimap<std::string, std::string>& fields, const Catalogue& catalogue,
                          const FormLimits& limits) {
  RunRequest r;
  const std::string* scenario = single(fields, "scenario");
  if (!scenario || scenario->empty()) throw FormError("scenario: expected one of the scenarios listed, got nothing");
  const ScenarioEntry* entry = catalogue.find(*scenario);
  if (!entry) throw FormError("scenario: expected one of the scenarios listed, got " + shown(*scenario));
  r.scenario = entry->id;

  const auto [begin, end] = fields.equal_range("variant");
  for (auto it = begin; it != end; ++it)
    if (std::none_of(entry->levers.begin(), entry->levers.end(), [&](const Lever& l) { return l.name == it->second; }))
      throw FormError("variant: expected a variant of " + entry->id + ", got " + shown(it->second));
  for (const Lever& l : entry->levers)  // the catalogue's order, each once
    if (std::any_of(begin, end, [&](const auto& field) { return field.second == l.name; })) r.variants.push_back(l.name);
  if (r.variants.empty()) throw FormError("variant: tick at least one variant to compare with " + entry->id + " as it is");

  r.replications = static_cast<uint32_t>(
      whole_number(fields, "replications", 1, limits.max_replications, "the number of replications per variant"));
  r.weeks = static_cast<uint32_t>(whole_number(fields, "weeks", 1, limits.max_weeks, "the horizon in weeks"));
  if (const std::string* h = single(fields, "households"); h && !h->empty())
    r.households = whole_number(fields, "households", limits.min_households, limits.max_households,
                                "the number of households (empty: as the scenario)");
  return r;
}

}  // namespace wijksim::serve
