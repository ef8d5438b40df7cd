// Result writers on hand-made metrics: exact CSV text, summary fields, SHA-256 test
// vectors, and the atomic output directory.
#include <catch2/catch.hpp>

#include <climits>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "wijksim/output/money.hpp"
#include "wijksim/output/run_directory.hpp"
#include "wijksim/output/summary.hpp"
#include "wijksim/output/timeseries.hpp"

namespace fs = std::filesystem;
using namespace wijksim;

namespace {

CompiledScenario two_wijk_scenario() {
  CompiledScenario s;
  s.name = "hand-made";
  s.domain_names = {"finances", "housing"};
  s.n_domains = 2;
  s.events.resize(1);
  s.events[0].name = "job_loss";
  s.wijken.resize(2);
  s.wijken[0].name = "Noord";
  s.wijken[0].households = 3;
  s.wijken[1].name = "Oud, West";  // a comma: must be quoted
  s.wijken[1].households = 1;
  return s;
}

AreaMetrics area(uint64_t households, std::vector<uint64_t> severity, uint64_t multi, int64_t debt, uint64_t in_debt,
                 uint64_t events) {
  AreaMetrics a;
  a.households = households;
  a.severity_count = std::move(severity);
  a.multi_problem = multi;
  a.total_debt = debt;
  a.households_in_debt = in_debt;
  a.events = {events};
  return a;
}

WeekMetrics week_metrics(uint32_t week) {
  WeekMetrics m;
  m.week = week;
  m.wijk.push_back(area(3, {1, 0, 1, 1, 0, 0, 0, 0, 0, 3}, 1, 40000, 1, 0));
  m.wijk.push_back(area(1, {0, 0, 0, 0, 1, 0, 1, 0, 0, 0}, 0, 0, 0, 1));
  m.all = area(4, {1, 0, 1, 1, 1, 0, 1, 0, 0, 3}, 1, 40000, 1, 1);
  return m;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path scratch(const std::string& tag) {
  fs::path p = fs::temp_directory_path() / ("wijksim-writers-" + tag + "-" + std::to_string(::getpid()));
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

}  // namespace

TEST_CASE("timeseries header lists week, wijk, households, severities, aggregates, events", "[output]") {
  const auto s = two_wijk_scenario();
  CHECK(output::timeseries_header(s) ==
        "week,wijk,households,finances_s1,finances_s2,finances_s3,finances_s4,finances_s5,"
        "housing_s1,housing_s2,housing_s3,housing_s4,housing_s5,multi_problem,total_debt_eur,"
        "households_in_debt,events_job_loss,persons,employed,unemployed,households_with_children,departures,"
        "arrivals,persons_departed,persons_arrived,on_benefits\n");
  CHECK(output::timeseries_columns(s).size() == 3 + 2 * 5 + 3 + 1 + 9);
}

TEST_CASE("timeseries rows: one per wijk in scenario order, then all, names quoted", "[output]") {
  const auto s = two_wijk_scenario();
  std::string text;
  WeekMetrics m = week_metrics(7);
  m.wijk[0].on_benefits = 2;  // the last column: households on benefits
  m.all.on_benefits = 2;
  output::append_timeseries_rows(text, s, m);
  CHECK(text ==
        "7,Noord,3,1,0,1,1,0,0,0,0,0,3,1,40000,1,0,0,0,0,0,0,0,0,0,2\n"
        "7,\"Oud, West\",1,0,0,0,0,1,0,1,0,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0\n"
        "7,all,4,1,0,1,1,1,0,1,0,0,3,1,40000,1,1,0,0,0,0,0,0,0,0,2\n");
}

TEST_CASE("timeseries rows refuse metrics of the wrong shape", "[output]") {
  const auto s = two_wijk_scenario();
  std::string text;
  auto m = week_metrics(1);
  m.wijk.pop_back();
  CHECK_THROWS_AS(output::append_timeseries_rows(text, s, m), std::invalid_argument);
  m = week_metrics(1);
  m.all.events.clear();
  CHECK_THROWS_AS(output::append_timeseries_rows(text, s, m), std::invalid_argument);
}

TEST_CASE("TimeseriesWriter writes header plus rows of every week", "[output]") {
  const auto s = two_wijk_scenario();
  const fs::path dir = scratch("ts");
  {
    output::TimeseriesWriter writer(dir / "timeseries.csv", s);
    for (uint32_t w = 0; w < 3; ++w) writer.write_week(week_metrics(w));
    writer.close();
  }
  std::string expected = output::timeseries_header(s);
  for (uint32_t w = 0; w < 3; ++w) output::append_timeseries_rows(expected, s, week_metrics(w));
  CHECK(slurp(dir / "timeseries.csv") == expected);
  fs::remove_all(dir);
}

TEST_CASE("money: euros_text is the exact decimal of integer cents and parses back to euros(cents)", "[output]") {
  CHECK(output::euros_text(0) == "0.00");
  CHECK(output::euros_text(5) == "0.05");
  CHECK(output::euros_text(-5) == "-0.05");
  CHECK(output::euros_text(-100) == "-1.00");
  CHECK(output::euros_text(123456) == "1234.56");
  CHECK(output::euros_text(LLONG_MAX) == "92233720368547758.07");
  CHECK(output::euros_text(LLONG_MIN) == "-92233720368547758.08");
  // Oracle: printf of the nearest double, exact to the cent while |cents| < 2^53 / 100; and
  // a CSV reader gets the very double summary.json holds (both correctly rounded).
  uint64_t checked = 0;
  for (int64_t cents = -2'000'000; cents <= 2'000'000; cents += 37) {
    for (const int64_t c : {cents, cents * 1'000'003}) {
      char expected[64];
      std::snprintf(expected, sizeof expected, "%.2f", static_cast<double>(c) / 100.0);
      const std::string text = output::euros_text(c);
      REQUIRE(text == expected);
      REQUIRE(std::stod(text) == output::euros(c));
      ++checked;
    }
  }
  CHECK(checked > 200'000);
}

TEST_CASE("sha256_hex matches the FIPS 180-2 test vectors", "[output]") {
  CHECK(output::sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(output::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("summary.json holds provenance and start/end aggregates", "[output]") {
  const auto s = two_wijk_scenario();
  output::RunInfo info;
  info.scenario_name = s.name;
  info.scenario_sha256 = output::sha256_hex("x");
  info.seed = 42;
  info.threads = 3;
  info.weeks = 10;
  info.households = 4;
  info.wall_seconds = 2.0;
  info.started_at = output::iso8601_utc(0);
  const auto j = output::summary_json(s, info, week_metrics(0), week_metrics(10));
  CHECK(j["scenario"]["name"] == "hand-made");
  CHECK(j["scenario"]["sha256"].get<std::string>().size() == 64);
  CHECK(j["seed"] == 42);
  CHECK(j["threads"] == 3);
  CHECK(j["started_at"] == "1970-01-01T00:00:00Z");
  CHECK(j["household_steps_per_second"].get<double>() == Approx(4.0 * 10 / 2.0));
  CHECK(j["engine"].contains("version"));
  CHECK(j["engine"].contains("git_hash"));
  const auto& fin = j["final"]["domains"]["finances"];
  CHECK(fin["severity_count"] == nlohmann::json({1, 0, 1, 1, 1}));
  CHECK(fin["share_at_or_below_2"].get<double>() == Approx(1.0 / 4));
  CHECK(j["final"]["multi_problem"] == 1);
  CHECK(j["final"]["total_debt"] == 40000);
  CHECK(j["final"]["events_last_week"]["job_loss"] == 1);
}

TEST_CASE("default run directory: results/<safe name>-<stamp>", "[output]") {
  const fs::path p = output::default_run_directory("my city/v2", 0);
  CHECK(p.parent_path() == "results");
  const std::string name = p.filename().string();
  CHECK(name.rfind("my_city_v2-", 0) == 0);
  CHECK(name.size() == std::string("my_city_v2-").size() + 15);  // YYYYmmdd-HHMMSS
}

TEST_CASE("RunDirectory appears only on commit, and refuses an existing DIR without force", "[output]") {
  const fs::path root = scratch("rundir");
  const fs::path dir = root / "nested" / "out";
  {
    output::RunDirectory out(dir, false);
    output::write_text_file(out.file("a.txt"), "one");
    CHECK(fs::exists(out.temp_path() / "a.txt"));
    CHECK_FALSE(fs::exists(dir));
    out.commit();
  }
  CHECK(slurp(dir / "a.txt") == "one");
  CHECK_THROWS_AS(output::check_output_directory(dir, false), output::OutputExistsError);
  CHECK_THROWS_AS(output::RunDirectory(dir, false), output::OutputExistsError);
  {  // an abandoned run leaves the old result untouched and no temp dir
    output::RunDirectory out(dir, true);
    output::write_text_file(out.file("b.txt"), "two");
  }
  CHECK(slurp(dir / "a.txt") == "one");
  {  // --force replaces it after success
    output::RunDirectory out(dir, true);
    output::write_text_file(out.file("b.txt"), "two");
    out.commit();
  }
  CHECK_FALSE(fs::exists(dir / "a.txt"));
  CHECK(slurp(dir / "b.txt") == "two");
  int entries = 0;
  for (const auto& e : fs::directory_iterator(root / "nested")) entries += e.is_directory() ? 1 : 1;
  CHECK(entries == 1);  // no .tmp- or .old- siblings left
  fs::remove_all(root);
}

TEST_CASE("a numbered RunDirectory (run's default) goes to DIR-2, DIR-3 when DIR is taken, nothing is replaced", "[output]") {
  const fs::path root = scratch("numbered");
  const fs::path dir = root / "tiny-20261202-010203";
  for (const char* text : {"first", "second", "third"}) {
    output::RunDirectory out(dir, /*force=*/true, /*numbered=*/true);  // numbered ignores force
    output::write_text_file(out.file("a.txt"), text);
    out.commit();
  }
  CHECK(slurp(dir / "a.txt") == "first");
  CHECK(slurp(root / "tiny-20261202-010203-2" / "a.txt") == "second");
  CHECK(slurp(root / "tiny-20261202-010203-3" / "a.txt") == "third");
  {  // final_path() names where it went
    output::RunDirectory out(dir, false, true);
    output::write_text_file(out.file("a.txt"), "fourth");
    out.commit();
    CHECK(out.final_path() == root / "tiny-20261202-010203-4");
  }
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(root)) ++entries;
  CHECK(entries == 4);  // no .tmp- siblings left
  fs::remove_all(root);
}
