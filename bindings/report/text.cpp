// Labels and number formatting of the brief (text.hpp).
#include "text.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <utility>

namespace wijksim::report {
namespace {

using Pair = std::pair<const char*, const char*>;  // {nl, en}

const std::map<std::string_view, Pair>& labels() {
  static const std::map<std::string_view, Pair> table{
      {"title", {"Beslisnotitie", "Decision brief"}},
      {"question", {"De vraag", "The question"}},
      {"scenario", {"Scenario", "Scenario"}},
      {"experiment", {"Experiment", "Experiment"}},
      {"variants", {"Varianten", "Variants"}},
      {"baseline", {"basis", "baseline"}},
      {"horizon", {"Looptijd", "Horizon"}},
      {"weeks", {"weken", "weeks"}},
      {"replications", {"Herhalingen", "Replications"}},
      {"sweep_points", {"Parameterpunten (samengevoegd)", "Sweep points (pooled)"}},
      {"headline", {"Kerncijfers aan het eind van de looptijd", "Headline numbers at the end of the horizon"}},
      {"headline_note",
       {"Gemiddelde over de herhalingen; tussen haakjes het verschil met de basis en het 95%-interval van dat "
        "verschil (gepaarde herhalingen). Bij de basis: het 95%-interval van het gemiddelde.",
        "Mean over the replications; in brackets the difference with the baseline and the 95% interval of that "
        "difference (paired replications). For the baseline: the 95% interval of the mean."}},
      {"headline_note_run",
       {"Eén run met één seed: geen onzekerheidsmarges. Tussen haakjes het verschil met dezelfde stad en seed zonder "
        "interventies.",
        "One run of one seed: no uncertainty ranges. In brackets the difference with the same city and seed "
        "without interventions."}},
      {"sensitivity", {"Gevoeligheid", "Sensitivity"}},
      {"no_sensitivity",
       {"Dit experiment heeft geen Sobol- of Morris-ontwerp: welke aanname het resultaat het meest beweegt is niet "
        "onderzocht.",
        "This experiment has no Sobol or Morris design: which assumption moves the result most was not studied."}},
      {"moves_most", {"De aanname die het resultaat het meest beweegt", "The assumption that moves the result most"}},
      {"over_time", {"Verloop in de tijd", "Over time"}},
      {"over_time_note",
       {"Mediaan en 95%-band over de herhalingen, per week, variant tegen de basis.",
        "Median and 95% band across replications, per week, variant against the baseline."}},
      {"over_time_note_run",
       {"Eén run: de lijn is die run, zonder band; de basisrun is niet als tijdreeks bewaard.",
        "One run: the line is that run, without a band; the baseline run is not stored as a time series."}},
      {"providers_shown", {"Aanbieders met de langste wachtlijst in de basis", "Providers with the longest baseline queue"}},
      {"differences", {"Verschillen met de basis", "Differences with the baseline"}},
      {"differences_note",
       {"Gepaard verschil variant − basis met 95%-betrouwbaarheidsinterval, per jaar (stromen opgeteld, voorraden aan "
        "het eind van het jaar).",
        "Paired difference variant − baseline with 95% confidence interval, per year (flows summed, stocks at the "
        "year's end)."}},
      {"differences_note_summary",
       {"Gepaard verschil variant − basis met 95%-betrouwbaarheidsinterval, aan het eind van de looptijd.",
        "Paired difference variant − baseline with 95% confidence interval, at the end of the horizon."}},
      {"same_as", {"Dezelfde getallen als", "The same numbers as"}},
      {"who_pays", {"Wie betaalt, wie wint", "Who pays, who gains"}},
      {"who_pays_note",
       {"Per financier: kosten = extra uitgaven van de variant, vermeden = maatschappelijke kosten die de basis had en "
        "de variant niet, netto = vermeden − kosten (positief: de financier wint). Per jaar en contant gemaakt over de "
        "hele looptijd, met 95%-interval.",
        "Per financier: costs = the variant's extra spending, avoided = societal costs the baseline had and the "
        "variant not, net = avoided − costs (positive: the financier gains). Per year and discounted over the whole "
        "horizon, with 95% interval."}},
      {"who_pays_note_run",
       {"Per financier over de hele looptijd (één run, geen interval); netto = vermeden − kosten.",
        "Per financier over the whole horizon (one run, no interval); net = avoided − costs."}},
      {"zero_financiers", {"Overal 0 voor", "0 everywhere for"}},
      {"financier", {"Financier", "Financier"}},
      {"costs", {"kosten", "costs"}},
      {"avoided", {"vermeden", "avoided"}},
      {"net", {"netto", "net"}},
      {"year", {"jaar", "year"}},
      {"discounted", {"contant", "discounted"}},
      {"total", {"totaal", "total"}},
      {"variant", {"Variant", "Variant"}},
      {"outcome", {"Uitkomst", "Outcome"}},
      {"end", {"eind", "end"}},
      {"net_chart", {"Netto per financier en jaar (EUR)", "Net per financier and year (EUR)"}},
      {"provenance", {"Aannames en herkomst", "Assumptions and provenance"}},
      {"scenario_hash", {"Hash van het experiment", "Experiment hash"}},
      {"scenario_sha", {"Hash van het scenario", "Scenario hash"}},
      {"engine", {"Engine-versie", "Engine version"}},
      {"git_hash", {"Git-hash", "Git hash"}},
      {"seed", {"Seed", "Seed"}},
      {"crn", {"Gemeenschappelijke toevalsgetallen", "Common random numbers"}},
      {"design", {"Ontwerp", "Design"}},
      {"date", {"Datum", "Date"}},
      {"date_store", {"Datum (store laatst gewijzigd)", "Date (store last modified)"}},
      {"report_date", {"Notitie gemaakt", "Brief made"}},
      {"source", {"Bron", "Source"}},
      {"runs_done", {"Runs klaar", "Runs done"}},
      {"appendix", {"Bijlage: het scenario", "Appendix: the scenario"}},
      {"appendix_store",
       {"Het experiment zoals het in de resultatenstore is vastgelegd.",
        "The experiment as recorded in the results store."}},
      {"appendix_run", {"Het scenario zoals de run het heeft gebruikt (scenario.resolved.yaml).",
                        "The scenario as the run used it (scenario.resolved.yaml)."}},
      {"partial", {"Let op: de store is nog niet compleet", "Note: the store is not complete yet"}},
      {"yes", {"ja", "yes"}},
      {"for", {"voor", "for"}},
      {"none_lost", {"In de basis gingen geen huishoudens verloren bij verwijzing.",
                     "No household was lost on referral in the baseline."}},
      {"lost_not_recorded",
       {"Verloren bij verwijzing (providers.<p>.lost) is in deze store niet vastgelegd: zet het in outputs.metrics van "
        "het experiment.",
        "Households lost on referral (providers.<p>.lost) were not recorded in this store: add them to the "
        "experiment's outputs.metrics."}},
      {"no", {"nee", "no"}},
      {"week", {"week", "week"}},
      {"median", {"mediaan", "median"}},
      // Metrics and what providers.<p>.<what> measures.
      {"multi_problem", {"Huishoudens met meervoudige problemen", "Multi-problem households"}},
      {"households_in_debt", {"Huishoudens met schulden", "Households in debt"}},
      {"care.waiting", {"Wachtend op zorg (alle aanbieders)", "Waiting for care (all providers)"}},
      {"total_debt", {"Totale schuld", "Total debt"}},
      {"queue_length", {"Wachtlijst", "Waiting list"}},
      {"wait_mean", {"Wachttijd (weken)", "Wait (weeks)"}},
      {"lost", {"Verloren bij verwijzing", "Lost on referral"}},
      {"net_of", {"Netto", "Net"}},
      {"discounted_total", {"contant over de looptijd", "discounted over the horizon"}},
      // Financiers (costs::kFinancierNames).
      {"financier.wmo", {"Wmo", "Wmo"}},
      {"financier.jeugdwet", {"Jeugdwet", "Jeugdwet (youth care)"}},
      {"financier.participatiewet", {"Participatiewet", "Participatiewet (income support)"}},
      {"financier.zvw", {"Zvw (zorgverzekeraar)", "Zvw (health insurer)"}},
      {"financier.wlz", {"Wlz", "Wlz (long-term care)"}},
      {"financier.volunteers", {"vrijwilligers", "volunteers"}},
      {"financier.household", {"huishoudens", "households"}},
      {"financier.municipality", {"gemeente (overig)", "municipality (other)"}},
      {"financier.landlord", {"verhuurders", "landlords"}},
  };
  return table;
}

}  // namespace

std::string label(std::string_view key, Language language) {
  const auto& t = labels();
  const auto it = t.find(key);
  if (it == t.end()) return std::string(key);
  return language == Language::nl ? it->second.first : it->second.second;
}

std::string metric_label(const std::string& metric, Language language) {
  const std::string prefix = "providers.";
  if (metric.rfind(prefix, 0) == 0) {
    const auto dot = metric.rfind('.');
    const std::string provider = metric.substr(prefix.size(), dot - prefix.size());
    return label(metric.substr(dot + 1), language) + " " + provider;
  }
  return label(metric, language);
}

std::string financier_label(const std::string& financier, Language language) {
  const std::string key = "financier." + financier;
  const std::string text = label(key, language);
  return text == key ? financier : text;
}

std::string format_number(double value, int decimals, Language language) {
  if (!std::isfinite(value)) return "–";
  const double scale = std::pow(10.0, decimals);
  double rounded = std::round(std::fabs(value) * scale) / scale;
  const bool negative = value < 0 && rounded > 0;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, rounded);
  std::string digits(buf), fraction;
  if (const auto point = digits.find('.'); point != std::string::npos) {
    fraction = digits.substr(point + 1);
    digits.resize(point);
  }
  const char group = language == Language::nl ? '.' : ',';
  const char decimal = language == Language::nl ? ',' : '.';
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += group;
    out += digits[i];
  }
  if (!fraction.empty()) out += decimal + fraction;
  return negative ? "\u2212" + out : out;
}

std::string format_euro(double value, Language language) { return "€\u00a0" + format_number(value, 0, language); }

int decimals_for(const std::string& unit) {
  if (unit.rfind("EUR", 0) == 0) return 0;
  if (unit.rfind("weeks", 0) == 0) return 2;
  return 1;
}

std::string format_in_unit(double value, const std::string& unit, Language language) {
  if (unit.rfind("EUR", 0) == 0) return format_euro(value, language);
  return format_number(value, decimals_for(unit), language);
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace wijksim::report
