#pragma once
// Vega specs (pure Vega, not Vega-Lite: Debian ships no Vega-Lite) for the brief's charts, with
// their data inline and the language's number locale.
#include <nlohmann/json.hpp>

#include "brief_data.hpp"

namespace wijksim::report {

// Median line and 95% band per variant over the weeks (no band for a single run).
nlohmann::json band_chart(const SeriesChart& chart, Language language);
// Horizontal bars of net per financier and period (years, discounted total) for one variant,
// with the 95% interval as a rule; the financiers in `skip` (all zero) are left out.
nlohmann::json net_chart(const std::vector<FinancierRow>& rows, const std::string& variant,
                         const std::vector<std::string>& skip, Language language);

}  // namespace wijksim::report
