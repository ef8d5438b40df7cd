// bindings/report from C++: number formatting per language (exact strings) and the
// library's refusals (the CLI's exit codes are tested in test_report_cli.py).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <stdexcept>

#include "report/brief.hpp"
#include "report/text.hpp"

using namespace wijksim::report;

TEST_CASE("numbers in Dutch and English") {
  CHECK(format_euro(1234567, Language::nl) == "€\u00a01.234.567");
  CHECK(format_euro(1234567, Language::en) == "€\u00a01,234,567");
  CHECK(format_euro(-1014714.4, Language::nl) == "€\u00a0\u22121.014.714");
  CHECK(format_number(-16.25, 1, Language::nl) == "\u221216,3");  // half away from zero
  CHECK(format_number(-16.25, 1, Language::en) == "\u221216.3");
  CHECK(format_number(0.004, 2, Language::nl) == "0,00");
  CHECK(format_number(-0.004, 2, Language::nl) == "0,00");  // no "-0,00"
  CHECK(format_number(999.5, 0, Language::en) == "1,000");
  CHECK(format_number(123, 0, Language::nl) == "123");
  CHECK(format_number(std::numeric_limits<double>::quiet_NaN(), 1, Language::nl) == "–");
  CHECK(format_in_unit(2.345, "weeks", Language::nl) == "2,35");
  CHECK(format_in_unit(119.84, "households", Language::en) == "119.8");
  CHECK(format_in_unit(1500.4, "EUR/year", Language::nl) == "€\u00a01.500");
}

TEST_CASE("labels in both languages, providers by name") {
  CHECK(label("differences", Language::nl) == "Verschillen met de basis");
  CHECK(label("differences", Language::en) == "Differences with the baseline");
  CHECK(metric_label("providers.ggz.wait_mean", Language::en) == "Wait (weeks) ggz");
  CHECK(financier_label("municipality", Language::nl) == "gemeente (overig)");
  CHECK(financier_label("somebody", Language::nl) == "somebody");
  CHECK(escape_html("a<b>&\"c\"") == "a&lt;b&gt;&amp;&quot;c&quot;");
}

TEST_CASE("brief_html refuses a missing path, naming it") {
  const std::string missing = (std::filesystem::temp_directory_path() / "wijksim-no-such-store.sqlite").string();
  try {
    brief_html(missing, {});
    FAIL("no exception");
  } catch (const std::invalid_argument& e) {
    CHECK(std::string(e.what()).find(missing) != std::string::npos);
  }
}

TEST_CASE("brief_html without libjs-vega names the package") {
  const auto dir = std::filesystem::temp_directory_path() / "wijksim-report-test-run";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "summary.json") << "{}";
  ::setenv("WIJKSIM_VEGA_DIR", (dir / "no-vega").c_str(), 1);
  CHECK_THROWS_WITH(brief_html(dir.string(), {}), Catch::Contains("apt-get install libjs-vega"));
  ::unsetenv("WIJKSIM_VEGA_DIR");
  std::filesystem::remove_all(dir);
}

TEST_CASE("print_pdf without chromium names the package") {
  ::setenv("WIJKSIM_CHROMIUM", "/nonexistent/chromium", 1);
  CHECK_THROWS_WITH(print_pdf("x.html", "x.pdf"), Catch::Contains("apt-get install chromium"));
  ::unsetenv("WIJKSIM_CHROMIUM");
}
