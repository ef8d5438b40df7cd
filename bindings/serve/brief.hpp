#pragma once
// A run's brief: report::brief_html of its store (bindings/report), written once into the
// run folder as brief-<lang>.html and served from there afterwards.
#include <filesystem>
#include <string>

namespace wijksim::serve {

// The brief file of the run in `folder` ("nl" or "en"), made when absent. Throws what
// report::brief_html throws (a store it cannot read, libjs-vega missing).
std::filesystem::path brief_file(const std::filesystem::path& folder, const std::string& lang);

}  // namespace wijksim::serve
