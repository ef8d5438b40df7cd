// brief_file() (brief.hpp). One brief at a time: two requests for a missing brief must
// not both write it (AtomicFile would make that safe, but not cheap).
#include "serve/brief.hpp"

#include <mutex>
#include <stdexcept>

#include "serve/run_folder.hpp"
#include "report/brief.hpp"
#include "wijksim/atomic_file.hpp"

namespace wijksim::serve {

std::filesystem::path brief_file(const std::filesystem::path& folder, const std::string& lang) {
  static std::mutex one_at_a_time;
  std::lock_guard lock(one_at_a_time);
  const std::filesystem::path file = folder / ("brief-" + lang + ".html");
  if (std::filesystem::exists(file)) return file;
  report::BriefOptions options;
  options.baseline = "baseline";
  options.language = lang == "en" ? report::Language::en : report::Language::nl;
  const std::string html = report::brief_html((folder / kStoreFile).string(), options);
  AtomicFile out(file);
  out.stream() << html;
  out.commit();
  return file;
}

}  // namespace wijksim::serve
