#pragma once
// Words and numbers in the brief's language: the label table (Dutch and English side by side,
// so a missing translation is visible in one place) and number formatting (nl: € 1.234.567 and
// a decimal comma; en: € 1,234,567 and a decimal point).
#include <string>
#include <string_view>

#include "brief.hpp"

namespace wijksim::report {

// The label of `key` (a fixed phrase such as "headline" or a metric name such as
// "multi_problem"); an unknown key comes back as itself.
std::string label(std::string_view key, Language language);
// A metric's label: the table's, or for providers.<p>.<what> "<what label> <p>".
std::string metric_label(const std::string& metric, Language language);
// A financier's name as a reader knows it (costs::kFinancierNames: wmo -> Wmo, municipality ->
// gemeente / municipality).
std::string financier_label(const std::string& financier, Language language);

// `value` rounded to `decimals` with the language's separators; "−" for negatives (U+2212 is
// what typesetting uses; the tests parse it back). NaN: "–".
std::string format_number(double value, int decimals, Language language);
// Money: "€ 1.234" (whole euros).
std::string format_euro(double value, Language language);
// A value in `unit`: EUR as money, households and weeks with the decimals that unit gets.
std::string format_in_unit(double value, const std::string& unit, Language language);
int decimals_for(const std::string& unit);

// HTML text escaping (&, <, >, ").
std::string escape_html(std::string_view text);

}  // namespace wijksim::report
