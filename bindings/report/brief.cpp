// brief_html: a results store or a run directory -> data -> HTML (brief.hpp).
#include "brief.hpp"

#include <filesystem>
#include <stdexcept>

#include "brief_data.hpp"
#include "render_html.hpp"
#include "vega_bundle.hpp"

namespace wijksim::report {

std::string brief_html(const std::string& path, const BriefOptions& options) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status))
    throw std::invalid_argument(path + ": no such file or directory (expected a results store of `wijksim sweep` "
                                "or an output directory of `wijksim run`)");
  // Vega first: a missing package is reported before any work on the store.
  const std::string vega = vega_script();
  const BriefData data =
      std::filesystem::is_directory(status) ? run_brief(path, options) : store_brief(path, options);
  return render_html(data, options.language, vega);
}

}  // namespace wijksim::report
