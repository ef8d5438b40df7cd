// HTML of the start page and a run's page (page.hpp).
#include "serve/page.hpp"

#include <algorithm>
#include <sstream>

#include "report/text.hpp"

namespace wijksim::serve {
namespace {

const char* kStyle = R"(<style>
body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.4em} h2{font-size:1.15em;margin-top:1.6em}
.error{background:#fde8e8;border:1px solid #c33;padding:.6em;white-space:pre-wrap}
.running{background:#eef5ff;border:1px solid #58c;padding:.6em}
table{border-collapse:collapse} td,th{border-bottom:1px solid #ddd;padding:.25em .6em;text-align:left;vertical-align:top}
label{display:block;margin:.2em 0} fieldset{margin:.8em 0} input[type=number]{width:8em}
</style>)";

std::string head(const std::string& title) {
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + html_escape(title) +
         "</title>" + kStyle + "</head><body>\n";
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + html_escape(s);
  return out;
}

std::string progress_text(uint64_t done, uint64_t total) {
  return std::to_string(done) + " of " + std::to_string(total) + " runs";
}

std::string status_of(const RunInfo& run, const std::optional<JobStatus>& live) {
  if (live && live->id == run.id) return live->running ? "running" : live->status;
  return run.status == "running" ? "interrupted" : run.status;  // no server runs it any more
}

// The value the refused form sent for `name`, else `fallback`.
std::string sent(const StartPage& p, const std::string& name, const std::string& fallback) {
  const auto it = p.values.find(name);
  return it == p.values.end() ? fallback : it->second;
}
bool ticked(const StartPage& p, const std::string& lever) {
  const auto [begin, end] = p.values.equal_range("variant");
  return std::any_of(begin, end, [&](const auto& field) { return field.second == lever; });
}

std::string brief_links(const std::string& id) {
  return "<a id=\"brief-nl\" href=\"/runs/" + id + "/brief?lang=nl\">brief (Nederlands)</a> · <a id=\"brief-en\" href=\"/runs/" +
         id + "/brief?lang=en\">brief (English)</a>";
}

}  // namespace

// The brief's escaping (&, <, >, "): every attribute here is double-quoted.
std::string html_escape(const std::string& text) { return report::escape_html(text); }

std::string start_page(const StartPage& p) {
  std::ostringstream o;
  const ScenarioEntry& s = *p.selected;
  o << head("wijksim: try variants") << "<h1>wijksim: try policy variants</h1>\n";
  if (p.job && p.job->running)
    o << "<p class=\"running\" id=\"current\">Running: <a href=\"/runs/" << p.job->id << "\">" << p.job->id << "</a>, "
      << progress_text(p.job->done, p.job->total) << " done.</p>\n";
  if (!p.error.empty()) o << "<p class=\"error\" id=\"error\">" << html_escape(p.error) << "</p>\n";

  o << "<form method=\"get\" action=\"/\"><label>Scenario or programme: <select name=\"scenario\" id=\"scenario\" "
       "onchange=\"this.form.submit()\">";
  for (const auto& e : p.catalogue->entries())
    o << "<option value=\"" << html_escape(e.id) << "\"" << (&e == &s ? " selected" : "") << ">" << html_escape(e.id)
      << "</option>";
  o << "</select></label> <noscript><button>show its variants</button></noscript></form>\n";
  o << "<p>" << html_escape(s.spec.description) << " (" << s.households << " households, " << s.spec.weeks
    << " weeks as written; " << s.spec.interventions.size() << " intervention(s), " << s.spec.network.providers.size()
    << " provider(s)).</p>\n";

  o << "<form method=\"post\" action=\"/run\" id=\"run-form\"><input type=\"hidden\" name=\"scenario\" value=\""
    << html_escape(s.id) << "\">\n<fieldset><legend>Variants, each compared with the scenario as it is "
    << "(baseline)</legend>\n";
  if (s.levers.empty()) o << "<p>This scenario offers no variants.</p>\n";
  for (size_t i = 0; i < s.levers.size(); ++i)
    o << "<label><input type=\"checkbox\" name=\"variant\" id=\"variant-" << i << "\" value=\""
      << html_escape(s.levers[i].name) << "\"" << (ticked(p, s.levers[i].name) ? " checked" : "") << "> "
      << html_escape(s.levers[i].label) << "</label>\n";
  o << "</fieldset>\n<label>Replications per variant (1 .. " << p.limits->max_replications
    << "): <input type=\"number\" name=\"replications\" id=\"replications\" value=\""
    << html_escape(sent(p, "replications", "10")) << "\"></label>\n"
    << "<label>Horizon in weeks (1 .. " << p.limits->max_weeks
    << "): <input type=\"number\" name=\"weeks\" id=\"weeks\" value=\""
    << html_escape(sent(p, "weeks", std::to_string(s.spec.weeks))) << "\"></label>\n"
    << "<label>Households (empty: " << s.households << " as written; otherwise the city and its provider capacities "
    << "scaled to this many): <input type=\"number\" name=\"households\" id=\"households\" value=\""
    << html_escape(sent(p, "households", "")) << "\"></label>\n"
    << "<p><button type=\"submit\" id=\"run\">Run</button></p></form>\n";

  o << "<h2>Earlier runs</h2>\n";
  if (p.runs.empty()) o << "<p>None yet.</p>\n";
  else {
    o << "<table id=\"runs\"><tr><th>run</th><th>scenario</th><th>variants</th><th>replications</th><th>weeks</th>"
         "<th>households</th><th>status</th><th></th></tr>\n";
    for (const auto& r : p.runs) {
      const std::string status = status_of(r, p.job);
      o << "<tr><td><a href=\"/runs/" << r.id << "\">" << r.id << "</a></td><td>" << html_escape(r.scenario)
        << "</td><td>" << joined(r.variants) << "</td><td>" << r.replications << "</td><td>" << r.weeks << "</td><td>"
        << r.households << "</td><td>" << status << "</td><td>" << (status == "done" ? brief_links(r.id) : "")
        << "</td></tr>\n";
    }
    o << "</table>\n";
  }
  o << "</body></html>\n";
  return o.str();
}

std::string run_page(const RunInfo& r, const std::optional<JobStatus>& live) {
  std::ostringstream o;
  const std::string status = status_of(r, live);
  const bool running = status == "running";
  o << head("wijksim run " + r.id) << "<p><a href=\"/\">back to the start page</a></p>\n<h1>Run " << r.id << ": "
    << html_escape(r.scenario) << "</h1>\n<table><tr><th>scenario</th><td>" << html_escape(r.scenario) << " ("
    << html_escape(r.scenario_name) << ")</td></tr><tr><th>variants</th><td>" << joined(r.variants)
    << "</td></tr><tr><th>replications</th><td>" << r.replications << "</td></tr><tr><th>weeks</th><td>" << r.weeks
    << "</td></tr><tr><th>households</th><td>" << r.households << "</td></tr><tr><th>started</th><td>"
    << html_escape(r.created) << "</td></tr></table>\n";
  o << "<p id=\"status\" data-status=\"" << status << "\">Status: " << status;
  if (live && live->id == r.id) o << ", " << progress_text(live->done, live->total);
  o << "</p>\n";
  if (running && live)
    o << "<progress id=\"progress\" max=\"" << live->total << "\" value=\"" << live->done << "\"></progress>\n"
      << "<p>The run goes on when this page is closed; reopen it from the start page.</p>\n"
      << "<script>\nsetInterval(async () => {\n  const s = await (await fetch('/runs/" << r.id
      << "/status.json')).json();\n  document.getElementById('progress').value = s.done;\n"
         "  document.getElementById('status').textContent = 'Status: ' + s.status + ', ' + s.done + ' of ' + s.total + "
         "' runs';\n  if (s.status !== 'running') location.reload();\n}, 1000);\n</script>\n";
  if (!r.message.empty() && !running)
    o << "<pre" << (status == "failed" ? " class=\"error\"" : "") << " id=\"message\">" << html_escape(r.message)
      << "</pre>\n";
  if (status == "done") o << "<p>" << brief_links(r.id) << "</p>\n";
  if (status == "interrupted")
    o << "<p>The server stopped during this run; its store keeps the finished runs. Complete it with <code>wijksim "
         "sweep experiment.yaml --resume --out results.sqlite</code> in its folder.</p>\n";
  o << "<p>Files: <a href=\"/results/" << r.id << "/experiment.yaml\">experiment.yaml</a> · <a href=\"/results/" << r.id
    << "/scenario.yaml\">scenario.yaml</a> · <a href=\"/results/" << r.id << "/" << kStoreFile << "\">" << kStoreFile
    << "</a></p>\n</body></html>\n";
  return o.str();
}

std::string message_page(const std::string& title, const std::string& message) {
  return head(title) + "<h1>" + html_escape(title) + "</h1>\n<p class=\"error\" id=\"error\">" + html_escape(message) +
         "</p>\n<p><a href=\"/\">back to the start page</a></p></body></html>\n";
}

}  // namespace wijksim::serve
