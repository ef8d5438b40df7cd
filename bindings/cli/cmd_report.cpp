// `wijksim report STORE_OR_RUN_DIR [--baseline V] [--lang nl|en] -o brief.html [--pdf brief.pdf]`:
// the decision brief of a results store or a run directory (bindings/report/brief.hpp) as one
// self-contained HTML file, and optionally its A4 PDF.
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>

#include "experiment_commands.hpp"
#include "report_command.hpp"
#include "report/brief.hpp"
#include "wijksim/atomic_file.hpp"
#include "wijksim/experiments/store.hpp"

namespace wijksim::cli {
namespace {

struct ReportArgs {
  std::string source, out, pdf, lang = "nl";
  report::BriefOptions options;
};

int make_report(ReportArgs& a) {
  a.options.language = a.lang == "en" ? report::Language::en : report::Language::nl;
  std::string html;
  try {
    html = report::brief_html(a.source, a.options);
  } catch (const experiments::StoreError&) {
    throw;  // run_store_command: exit 2 with the store's message
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  } catch (const std::runtime_error& e) {  // a missing package: say which, exit 1
    std::cerr << "wijksim: " << e.what() << "\n";
    return kExitInternal;
  }
  std::optional<AtomicFile> file;
  try {
    file.emplace(a.out);
  } catch (const AtomicFileError& e) {
    throw UsageError(std::string("-o ") + e.what());
  }
  file->stream() << html;
  file->commit();
  std::cerr << "wijksim: brief written to " << a.out << "\n";
  if (a.pdf.empty()) return kExitOk;
  try {
    report::print_pdf(a.out, a.pdf);
  } catch (const std::exception& e) {
    std::cerr << "wijksim: --pdf " << a.pdf << ": " << e.what() << "\n";
    return kExitInternal;
  }
  std::cerr << "wijksim: PDF written to " << a.pdf << "\n";
  return kExitOk;
}

}  // namespace

Command add_report_command(CLI::App& app) {
  auto a = std::make_shared<ReportArgs>();
  CLI::App* sub = app.add_subcommand(
      "report", "A decision brief a strategist can forward: one self-contained HTML file (opens offline; charts by "
                "Vega from Debian's libjs-vega) with the headline numbers and their 95% ranges, the effect over "
                "time, the paired differences and who pays, who gains per financier and year; --pdf also prints it "
                "to A4 with headless Chromium. Works on a results store (wijksim sweep) or, without intervals, on a "
                "`wijksim run` output directory.");
  sub->add_option("source", a->source, "Results store of `wijksim sweep`, or an output directory of `wijksim run`")
      ->required();
  sub->add_option("--baseline,-b", a->options.baseline, "Baseline variant (default: the first in the experiment)");
  sub->add_option("--lang", a->lang, "Language of labels and numbers: nl (€ 1.234.567, default) or en (€ 1,234,567)")
      ->check(CLI::IsMember({"nl", "en"}));
  sub->add_option("--out,-o", a->out, "The HTML file to write")->required();
  sub->add_option("--pdf", a->pdf, "Also print the brief to this A4 PDF (needs Debian's chromium)");
  return {sub, [a] { return run_store_command([a] { return make_report(*a); }); }};
}

}  // namespace wijksim::cli
