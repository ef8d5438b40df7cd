#pragma once
// Lays a brief's data out as one HTML document (A4 print CSS, the first page the headline).
#include <string>

#include "brief_data.hpp"

namespace wijksim::report {

// `vega` is vega_script(): inlined as it is.
std::string render_html(const BriefData& data, Language language, const std::string& vega);

}  // namespace wijksim::report
