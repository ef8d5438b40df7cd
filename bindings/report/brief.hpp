#pragma once
// The decision brief (issue #15): one self-contained HTML document a municipal strategist can
// forward, and its A4 PDF. Every number comes from the same C++ API as `wijksim compare`
// (experiments::compare, experiments::who_pays), so the brief and `compare --json` agree by
// construction. `wijksim report` and `wijksim serve` call these two functions.
#include <string>

namespace wijksim::report {

enum class Language { nl, en };

struct BriefOptions {
  std::string baseline;  // "" = the experiment's first variant
  Language language = Language::nl;
};

// The brief of a results store (sweep) or a `wijksim run` output directory (no CIs), as one
// self-contained HTML document. Throws std::invalid_argument / experiments::StoreError with a
// message naming the path on bad input; std::runtime_error naming the Debian package when a
// needed file (libjs-vega) is missing.
std::string brief_html(const std::string& store_or_run_dir, const BriefOptions& options);

// Writes `html` to an A4 PDF with headless Chromium (Debian `chromium`); throws with the
// package name when chromium is missing, and on failure leaves no PDF.
void print_pdf(const std::string& html_path, const std::string& pdf_path);

}  // namespace wijksim::report
