// The brief's HTML (render_html.hpp). Tables are HTML, formatted here in the brief's language
// (they print and read without JavaScript); charts are Vega specs rendered to SVG on load.
// Each table cell carries data-* keys (variant, metric or financier, year) so a test can find
// the cell of a `wijksim compare --json` row and compare the number shown.
#include "render_html.hpp"

#include <chrono>
#include <cmath>
#include <ctime>
#include <algorithm>
#include <map>
#include <set>
#include <sstream>

#include "charts.hpp"
#include "wijksim/utc_time.hpp"
#include "text.hpp"

namespace wijksim::report {
namespace {

constexpr const char* kStyle = R"CSS(
:root { --ink: #1d2733; --muted: #5b6673; --rule: #d5dbe1; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink); margin: 0 auto;
       max-width: 190mm; padding: 8mm 6mm; font-size: 10.5pt; line-height: 1.4; }
h1 { font-size: 20pt; margin: 0 0 2mm; } h2 { font-size: 14pt; margin: 0 0 3mm; color: var(--accent); }
h3 { font-size: 11pt; margin: 4mm 0 2mm; }
.sub { color: var(--muted); margin: 0 0 5mm; }
.note, .cmd { color: var(--muted); font-size: 8.5pt; } .cmd { font-family: monospace; word-break: break-all; }
dl.question { display: grid; grid-template-columns: 36mm 1fr; gap: 1mm 4mm; margin: 0 0 5mm; }
dl.question dt { font-weight: bold; } dl.question dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 0 0 3mm; font-size: 9pt; }
th, td { border-bottom: 1px solid var(--rule); padding: 1.2mm 1.5mm; text-align: right; vertical-align: top; }
th:first-child, td:first-child, td.label, th.label { text-align: left; }
thead th { border-bottom: 2px solid var(--ink); }
table.headline td .v { font-size: 13pt; font-weight: bold; display: block; }
table.headline td .d { color: var(--muted); font-size: 8.5pt; }
.range { color: var(--muted); font-size: 8pt; white-space: nowrap; }
.sens { border-left: 3px solid var(--accent); padding: 2mm 3mm; background: #f2f6fa; }
.charts { display: flex; flex-wrap: wrap; gap: 3mm; }
.chart { width: 86mm; min-height: 45mm; break-inside: avoid; }
.chart.wide { width: 178mm; }
pre { font-size: 7.5pt; white-space: pre-wrap; background: #f6f7f8; padding: 3mm; }
section.page { padding-top: 4mm; }
@page { size: A4; margin: 12mm 10mm; }
@media print {
  body { max-width: none; padding: 0; }
  section.page { break-before: page; padding-top: 0; }
  section.first { break-before: auto; }
  table, .chart, dl, .variant-block { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  pre { column-count: 2; column-gap: 6mm; font-size: 6.5pt; background: none; padding: 0; }
  tr { break-inside: avoid; }
}
)CSS";

class Html {
 public:
  explicit Html(Language language) : lang_(language) {}
  std::string t(const char* key) const { return escape_html(label(key, lang_)); }
  std::string num(double x, const std::string& unit) const { return escape_html(format_in_unit(x, unit, lang_)); }
  // "lo … hi" as two spans the tests read back; empty when there is no interval.
  std::string range(const Ranged& r, const std::string& unit) const {
    if (!std::isfinite(r.low) || !std::isfinite(r.high)) return "";
    return "<span class=\"range\">[<span class=\"lo\">" + num(r.low, unit) + "</span>; <span class=\"hi\">" +
           num(r.high, unit) + "</span>]</span>";
  }
  Language lang() const { return lang_; }

 private:
  Language lang_;
};

std::string attr(const std::string& s) { return escape_html(s); }

std::string now_utc() { return utc_now("%Y-%m-%d %H:%M UTC"); }

void first_page(std::ostringstream& o, const BriefData& b, const Html& h) {
  o << "<section class=\"page first\" id=\"headline\">\n<h1>" << h.t("title") << ": " << escape_html(b.experiment)
    << "</h1>\n<p class=\"sub\">" << escape_html(b.source) << "</p>\n<h2>" << h.t("question") << "</h2>\n<dl class=\"question\">";
  if (!b.scenario.empty()) o << "<dt>" << h.t("scenario") << "</dt><dd>" << escape_html(b.scenario) << "</dd>";
  o << "<dt>" << h.t("variants") << "</dt><dd>";
  for (size_t i = 0; i < b.variants.size(); ++i) {
    const auto& [name, overrides] = b.variants[i];
    o << (i ? "<br>" : "") << "<b>" << escape_html(name) << "</b>";
    if (name == b.baseline) o << " (" << h.t("baseline") << ")";
    if (!overrides.empty()) o << ": <span class=\"note\">" << escape_html(overrides) << "</span>";
  }
  o << "</dd><dt>" << h.t("horizon") << "</dt><dd>" << b.weeks << " " << h.t("weeks") << "</dd><dt>"
    << h.t("replications") << "</dt><dd>" << b.replications;
  if (b.points > 1) o << "; " << h.t("sweep_points") << ": " << b.points;
  o << "</dd>";
  if (b.partial) o << "<dt>" << h.t("partial") << "</dt><dd>" << h.t("runs_done") << " " << escape_html(b.runs_done) << "</dd>";
  o << "</dl>\n<h2>" << h.t("headline") << "</h2>\n<table class=\"headline\" id=\"headline-table\"><thead><tr><th>"
    << h.t("variant") << "</th>";
  if (!b.headline.empty())
    for (const auto& v : b.headline.front().values) {
      std::string name = v.metric.rfind("financiers.", 0) == 0
                             ? label("net_of", h.lang()) + " " + financier_label(v.metric.substr(11, v.metric.size() - 15), h.lang()) + " (" +
                                   label("discounted_total", h.lang()) + ")"
                             : metric_label(v.metric, h.lang());
      o << "<th>" << escape_html(name) << "</th>";
    }
  o << "</tr></thead><tbody>";
  for (const auto& row : b.headline) {
    o << "<tr data-variant=\"" << attr(row.variant) << "\"><td class=\"label\"><b>" << escape_html(row.variant) << "</b></td>";
    for (const auto& v : row.values) {
      o << "<td data-metric=\"" << attr(v.metric) << "\">";
      const bool money = v.metric.rfind("financiers.", 0) == 0;
      if (money) {
        o << "<span class=\"v\">" << (v.is_baseline ? "–" : h.num(v.difference.value, "EUR")) << "</span>";
        if (!v.is_baseline) o << h.range(v.difference, "EUR");
      } else {
        o << "<span class=\"v\">" << h.num(v.mean.value, v.unit) << "</span>";
        if (v.is_baseline) o << h.range(v.mean, v.unit);
        else o << "<span class=\"d\">Δ " << h.num(v.difference.value, v.unit) << "</span> " << h.range(v.difference, v.unit);
      }
      o << "</td>";
    }
    o << "</tr>";
  }
  o << "</tbody></table>\n<p class=\"note\">" << (b.has_intervals ? h.t("headline_note") : h.t("headline_note_run"))
    << "</p>\n<p class=\"sens\" id=\"sensitivity\"><b>" << h.t("sensitivity") << ":</b> ";
  const auto& s = b.sensitivity;
  if (!s.studied) o << h.t("no_sensitivity");
  else if (s.parameter.empty()) o << escape_html(s.note);
  else {
    o << h.t("moves_most") << " (" << escape_html(metric_label(s.metric, h.lang())) << "): <b>" << escape_html(s.parameter)
      << "</b>, " << escape_html(s.measure) << " " << escape_html(format_number(s.index.value, 2, h.lang()));
    if (std::isfinite(s.index.low))
      o << " [" << escape_html(format_number(s.index.low, 2, h.lang())) << "; "
        << escape_html(format_number(s.index.high, 2, h.lang())) << "]";
    if (!s.note.empty()) o << ". <span class=\"note\">" << escape_html(s.note) << "</span>";
  }
  o << "</p>\n</section>\n";
}

void over_time(std::ostringstream& o, const BriefData& b, const Html& h, std::vector<nlohmann::json>& specs) {
  o << "<section class=\"page\" id=\"over-time\">\n<h2>" << h.t("over_time") << "</h2>\n<p class=\"note\">"
    << (b.has_intervals ? h.t("over_time_note") : h.t("over_time_note_run")) << " " << h.t("providers_shown")
    << ".</p>\n<div class=\"charts\">";
  for (const auto& s : b.series) {
    o << "<div class=\"chart\" id=\"chart-" << specs.size() << "\" data-metric=\"" << attr(s.metric) << "\"></div>";
    specs.push_back(band_chart(s, h.lang()));
  }
  o << "</div>\n";
  for (const auto& note : b.over_time_notes) o << "<p class=\"note\">" << escape_html(note) << "</p>\n";
  o << "</section>\n";
}

std::string year_label(uint32_t year, const Html& h) {
  if (year == 0) return h.t("discounted");
  if (year == kRunTotalYear) return h.t("total");
  return h.t("year") + " " + std::to_string(year);
}

void differences(std::ostringstream& o, const BriefData& b, const Html& h) {
  o << "<section class=\"page\" id=\"differences\">\n<h2>" << h.t("differences") << "</h2>\n<p class=\"note\">"
    << (b.differences_per_year ? h.t("differences_note") : h.t("differences_note_summary"))
    << "</p>\n<table id=\"differences-table\"><thead><tr><th>" << h.t("variant") << "</th><th class=\"label\">"
    << h.t("outcome") << "</th><th>" << h.t("year") << "</th><th>" << h.t("baseline") << "</th><th>" << h.t("variant")
    << "</th><th>Δ [95%]</th></tr></thead><tbody>";
  for (const auto& d : b.differences) {
    o << "<tr data-variant=\"" << attr(d.variant) << "\" data-metric=\"" << attr(d.metric) << "\" data-year=\"" << d.year
      << "\"><td class=\"label\">" << escape_html(d.variant) << "</td><td class=\"label\">"
      << escape_html(metric_label(d.metric, h.lang())) << "</td><td>" << (d.year ? std::to_string(d.year) : h.t("end"))
      << "</td><td>" << h.num(d.baseline_mean, d.unit) << "</td><td>" << h.num(d.variant_mean, d.unit)
      << "</td><td><b class=\"diff\">" << h.num(d.difference.value, d.unit) << "</b> " << h.range(d.difference, d.unit)
      << "</td></tr>";
  }
  o << "</tbody></table>\n";
  if (!b.differences_command.empty())
    o << "<p class=\"cmd\">" << h.t("same_as") << ": " << escape_html(b.differences_command) << "</p>\n";
  o << "</section>\n";
}

void who_pays(std::ostringstream& o, const BriefData& b, const Html& h, std::vector<nlohmann::json>& specs) {
  o << "<section class=\"page\" id=\"who-pays\">\n<h2>" << h.t("who_pays") << "</h2>\n<p class=\"note\">"
    << (b.has_intervals ? h.t("who_pays_note") : h.t("who_pays_note_run")) << "</p>\n";
  if (!b.financiers_note.empty()) o << "<p class=\"sens\">" << escape_html(b.financiers_note) << "</p>\n";
  const std::set<std::string> zero(b.zero_financiers.begin(), b.zero_financiers.end());
  std::vector<std::string> variants;
  std::map<std::string, std::vector<uint32_t>> years;  // variant -> periods in table order
  for (const auto& r : b.financiers) {
    if (std::find(variants.begin(), variants.end(), r.variant) == variants.end()) variants.push_back(r.variant);
    auto& y = years[r.variant];
    if (std::find(y.begin(), y.end(), r.year) == y.end()) y.push_back(r.year);
  }
  for (const auto& variant : variants) {
    o << "<div class=\"variant-block\"><h3>" << escape_html(variant) << "</h3>\n<table class=\"financiers\" data-variant=\"" << attr(variant)
      << "\"><thead><tr><th>" << h.t("financier") << "</th><th></th>";
    for (const uint32_t y : years[variant]) o << "<th>" << year_label(y, h) << "</th>";
    o << "</tr></thead><tbody>";
    // Financiers this variant moves (a cell other than 0); the others are named below.
    std::vector<std::string> financiers, still;
    for (const auto& r : b.financiers)
      if (r.variant == variant && std::find(financiers.begin(), financiers.end(), r.financier) == financiers.end() &&
          (r.costs.value != 0 || r.avoided.value != 0 || r.net.value != 0))
        financiers.push_back(r.financier);
    for (const auto& r : b.financiers)
      if (r.variant == variant && !zero.count(r.financier) &&
          std::find(financiers.begin(), financiers.end(), r.financier) == financiers.end() &&
          std::find(still.begin(), still.end(), r.financier) == still.end())
        still.push_back(r.financier);
    for (const auto& f : financiers)
      for (const char* what : {"costs", "avoided", "net"}) {
        o << "<tr><td class=\"label\">" << (std::string(what) == "costs" ? "<b>" + escape_html(financier_label(f, h.lang())) + "</b>" : "")
          << "</td><td class=\"label\">" << h.t(what) << "</td>";
        for (const uint32_t y : years[variant])
          for (const auto& r : b.financiers)
            if (r.variant == variant && r.financier == f && r.year == y) {
              const Ranged& v = std::string(what) == "costs" ? r.costs : std::string(what) == "avoided" ? r.avoided : r.net;
              o << "<td data-financier=\"" << attr(f) << "\" data-year=\"" << (y == kRunTotalYear ? "total" : std::to_string(y))
                << "\" data-what=\"" << what << "\"><span class=\"v\">" << h.num(v.value, "EUR") << "</span><br>"
                << h.range(v, "EUR") << "</td>";
            }
        o << "</tr>";
      }
    o << "</tbody></table>\n";
    if (!still.empty()) {
      o << "<p class=\"note\">" << escape_html(variant) << ": 0 " << h.t("for") << " ";
      for (size_t i = 0; i < still.size(); ++i) o << (i ? ", " : "") << escape_html(financier_label(still[i], h.lang()));
      o << ".</p>\n";
    }
    o << "<div class=\"chart wide\" id=\"chart-" << specs.size() << "\" data-variant=\"" << attr(variant)
      << "\"></div></div>\n";
    std::vector<std::string> skip = b.zero_financiers;
    skip.insert(skip.end(), still.begin(), still.end());
    specs.push_back(net_chart(b.financiers, variant, skip, h.lang()));
  }
  if (!b.zero_financiers.empty()) {
    o << "<p class=\"note\">" << h.t("zero_financiers") << ": ";
    for (size_t i = 0; i < b.zero_financiers.size(); ++i)
      o << (i ? ", " : "") << escape_html(financier_label(b.zero_financiers[i], h.lang()));
    o << ".</p>\n";
  }
  if (!b.financiers_command.empty())
    o << "<p class=\"cmd\">" << h.t("same_as") << ": " << escape_html(b.financiers_command) << "</p>\n";
  o << "</section>\n";
}

void provenance(std::ostringstream& o, const BriefData& b, const Html& h) {
  o << "<section class=\"page\" id=\"provenance\">\n<h2>" << h.t("provenance") << "</h2>\n<dl class=\"question\">";
  o << "<dt>" << h.t("source") << "</dt><dd>" << escape_html(b.source) << "</dd>";
  for (const auto& [key, value] : b.provenance)
    o << "<dt>" << h.t(key.c_str()) << "</dt><dd>" << escape_html(value) << "</dd>";
  o << "<dt>" << h.t("report_date") << "</dt><dd>" << now_utc() << "</dd></dl>\n</section>\n";
  o << "<section class=\"page\" id=\"appendix\">\n<h2>" << h.t("appendix") << "</h2>\n<p class=\"note\">"
    << (b.has_intervals ? h.t("appendix_store") : h.t("appendix_run")) << "</p>\n<pre>" << escape_html(b.appendix)
    << "</pre>\n</section>\n";
}

}  // namespace

std::string render_html(const BriefData& b, Language language, const std::string& vega) {
  const Html h(language);
  std::ostringstream body;
  std::vector<nlohmann::json> specs;
  first_page(body, b, h);
  over_time(body, b, h, specs);
  differences(body, b, h);
  who_pays(body, b, h, specs);
  provenance(body, b, h);
  std::ostringstream o;
  o << "<!DOCTYPE html>\n<html lang=\"" << (language == Language::nl ? "nl" : "en")
    << "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" << h.t("title") << ": " << escape_html(b.experiment)
    << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body data-charts=\"pending\">\n"
    << body.str() << "<script>\n" << vega << "\n</script>\n<script>\n";
  // The specs as JSON inside a script: "</" is escaped so no string can end the element.
  std::string json = nlohmann::json(specs).dump();
  for (size_t at = json.find("</"); at != std::string::npos; at = json.find("</", at + 2)) json.replace(at, 2, "<\\/");
  o << "var wijksimSpecs = " << json << ";\n"
    << "Promise.all(wijksimSpecs.map(function (spec, i) { return wijksimRender('chart-' + i, spec); }))\n"
    << "  .then(function () { document.body.dataset.charts = 'done'; })\n"
    << "  .catch(function (e) { document.body.dataset.charts = 'failed'; console.error('wijksim brief: ' + e); });\n"
    << "</script>\n</body>\n</html>\n";
  return o.str();
}

}  // namespace wijksim::report
