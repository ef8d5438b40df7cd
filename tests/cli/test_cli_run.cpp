// `wijksim run` end to end on the tiny reference scenario: the three files, documented
// columns, reproduction from scenario.resolved.yaml, thread-count invariance, atomic
// output under SIGTERM/SIGINT, and --force.
#include <catch2/catch.hpp>

#include <signal.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli_harness.hpp"

namespace fs = std::filesystem;
using namespace wijksim::test;

namespace {

const std::string kTiny = source_path("scenarios/reference/tiny.yaml").string();

std::vector<std::string> split(const std::string& line, char sep) {
  std::vector<std::string> parts;
  std::stringstream in(line);
  std::string part;
  while (std::getline(in, part, sep)) parts.push_back(part);
  return parts;
}

std::vector<std::string> lines(const std::string& text) { return split(text, '\n'); }

// A column is documented when the docs (README.md and docs/outputs.md, which is generated
// from the outcome dictionary) name it in backticks, or name its pattern (`<domain>_s1` or
// `<domain>_s<s>`, `events_<event>`, `cost_<financier>_eur`).
bool documented(const std::string& docs, const std::string& column) {
  const auto names = [&](const char* text) { return docs.find(text) != std::string::npos; };
  if (docs.find("`" + column + "`") != std::string::npos) return true;
  const auto us = column.rfind("_s");
  if (us != std::string::npos && column.size() == us + 3 && column[us + 2] >= '1' && column[us + 2] <= '5')
    return names("`<domain>_s1`") || names("`<domain>_s<s>`");
  if (column.rfind("events_", 0) == 0) return names("`events_<name>`") || names("`events_<event>`");
  if (column.starts_with("cost_") && column.ends_with("_eur") && column.size() > 9)
    return names("`cost_<financier>_eur`");
  return false;
}

CliResult run_ok(const std::vector<std::string>& args, const fs::path& cwd) {
  CliResult r = run_cli(args, cwd);
  INFO("stdout:\n" << r.out << "\nstderr:\n" << r.err);
  REQUIRE(r.exit_code == 0);
  return r;
}

}  // namespace

TEST_CASE("run tiny: timeseries.csv, summary.json, scenario.resolved.yaml with documented columns", "[cli]") {
  ScratchDir scratch("run");
  const CliResult r = run_ok({"run", kTiny, "--out", "out", "--weeks", "6", "--seed", "5"}, scratch.path());
  CHECK(r.out.find("household-steps/s") != std::string::npos);
  CHECK(r.out.find("multi-problem") != std::string::npos);
  CHECK(r.out.find("out/") != std::string::npos);
  CHECK(scratch.entries() == std::vector<std::string>{"out"});
  const fs::path out = scratch.path() / "out";
  std::set<std::string> files;
  for (const auto& e : fs::directory_iterator(out)) files.insert(e.path().filename().string());
  CHECK(files == std::set<std::string>{"timeseries.csv", "summary.json", "scenario.resolved.yaml"});

  const auto rows = lines(read_file(out / "timeseries.csv"));
  REQUIRE(rows.size() > 1);
  const auto header = split(rows[0], ',');
  REQUIRE(header.size() >= 3 + 5 + 3);
  CHECK(header[0] == "week");
  CHECK(header[1] == "wijk");
  CHECK(header[2] == "households");
  const std::string docs = read_file(source_path("README.md")) + read_file(source_path("docs/outputs.md"));
  for (const auto& column : header) {
    INFO("column " << column);
    CHECK(documented(docs, column));
  }
  // One row per week 0..6 and wijk, plus `all`; every cell after `wijk` an integer.
  std::set<std::string> wijken;
  for (size_t i = 1; i < rows.size(); ++i) {
    const auto cells = split(rows[i], ',');
    REQUIRE(cells.size() == header.size());
    wijken.insert(cells[1]);
    for (size_t c = 2; c < cells.size(); ++c) CHECK(cells[c].find_first_not_of("-0123456789") == std::string::npos);
  }
  CHECK(wijken.count("all") == 1);
  CHECK(rows.size() - 1 == 7 * wijken.size());
  CHECK(split(rows.back(), ',')[0] == "6");

  const auto summary = nlohmann::json::parse(read_file(out / "summary.json"));
  for (const char* key : {"scenario", "seed", "replication", "threads", "weeks", "households", "engine",
                          "wall_seconds", "household_steps_per_second", "started_at", "initial", "final"})
    CHECK(summary.contains(key));
  CHECK(summary["seed"] == 5);
  CHECK(summary["weeks"] == 6);
  CHECK_FALSE(summary.contains("household_kernel"));  // one kernel (issue 12)
  CHECK(summary["scenario"]["sha256"].get<std::string>().size() == 64);
  const std::string resolved = read_file(out / "scenario.resolved.yaml");
  CHECK(resolved.find("seed: 5") != std::string::npos);
  CHECK(resolved.find("weeks: 6") != std::string::npos);
}

TEST_CASE("running scenario.resolved.yaml again reproduces timeseries.csv byte for byte", "[cli]") {
  ScratchDir scratch("reproduce");
  run_ok({"run", kTiny, "--out", "first", "--weeks", "12", "--seed", "77", "--set", "debt.weekly_arrears=30"},
         scratch.path());
  run_ok({"run", "first/scenario.resolved.yaml", "--out", "second"}, scratch.path());
  const fs::path a = scratch.path() / "first", b = scratch.path() / "second";
  CHECK(read_file(a / "timeseries.csv") == read_file(b / "timeseries.csv"));
  CHECK(read_file(a / "scenario.resolved.yaml") == read_file(b / "scenario.resolved.yaml"));
  const auto sa = nlohmann::json::parse(read_file(a / "summary.json"));
  const auto sb = nlohmann::json::parse(read_file(b / "summary.json"));
  CHECK(sa["scenario"]["sha256"] == sb["scenario"]["sha256"]);
}

// The one moderate test: ~150k households = 10 chunks of 16384 (parallel.hpp), so every
// thread count really splits the work differently.
TEST_CASE("timeseries.csv is byte-identical for 1, 2, 3 and 8 threads and differs for another seed", "[cli]") {
  ScratchDir scratch("threads");
  const std::vector<std::string> common{"--weeks", "26", "--seed", "11", "--set",
                                        "population.wijken[0].households=150000"};
  auto run_threads = [&](const std::string& threads, const std::string& out) {
    std::vector<std::string> args{"run", kTiny, "--out", out, "--threads", threads};
    args.insert(args.end(), common.begin(), common.end());
    run_ok(args, scratch.path());
    return read_file(scratch.path() / out / "timeseries.csv");
  };
  const std::string reference = run_threads("1", "t1");
  REQUIRE(reference.size() > 100);
  for (const char* threads : {"2", "3", "8"}) {
    INFO("threads " << threads);
    CHECK(run_threads(threads, std::string("t") + threads) == reference);
  }
  std::vector<std::string> args{"run", kTiny, "--out", "other", "--threads", "2"};
  args.insert(args.end(), common.begin(), common.end());
  args[args.size() - 3] = "12";  // --seed 12: the negative control
  run_ok(args, scratch.path());
  CHECK(read_file(scratch.path() / "other" / "timeseries.csv") != reference);
}

TEST_CASE("SIGTERM or SIGINT during a long run: exit 143/130 and nothing that looks complete", "[cli]") {
  for (const auto& [sig, code] : {std::pair{SIGTERM, 143}, std::pair{SIGINT, 130}}) {
    ScratchDir scratch("signal");
    CliProcess process({"run", kTiny, "--out", "out", "--weeks", "100000", "--set",
                        "population.wijken[0].households=100000"},
                       scratch.path());
    // Wait until the run has started writing (the temporary directory exists).
    bool started = false;
    for (int i = 0; i < 300 && !started && !process.exited(); ++i) {
      for (const auto& name : scratch.entries()) started = started || name.rfind("out.tmp-", 0) == 0;
      if (!started) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    REQUIRE(started);  // else the run ended or never began: see stderr of a manual run
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    ::kill(process.pid(), sig);
    const CliResult r = process.wait();
    INFO("signal " << sig << "\nstderr:\n" << r.err);
    CHECK(r.exit_code == code);
    CHECK(r.err.find("interrupted") != std::string::npos);
    CHECK(scratch.entries().empty());
  }
}

TEST_CASE("an existing output directory is refused without --force and replaced with it", "[cli]") {
  ScratchDir scratch("force");
  fs::create_directory(scratch.path() / "out");
  std::ofstream(scratch.path() / "out" / "keep.txt") << "earlier result";
  const CliResult refused = run_cli({"run", kTiny, "--out", "out", "--weeks", "2"}, scratch.path());
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("--force") != std::string::npos);
  CHECK(fs::exists(scratch.path() / "out" / "keep.txt"));
  CHECK(scratch.entries() == std::vector<std::string>{"out"});
  run_ok({"run", kTiny, "--out", "out", "--weeks", "2", "--force"}, scratch.path());
  CHECK_FALSE(fs::exists(scratch.path() / "out" / "keep.txt"));
  CHECK(fs::exists(scratch.path() / "out" / "timeseries.csv"));
  CHECK(scratch.entries() == std::vector<std::string>{"out"});
}

TEST_CASE("without --out, results go to results/<scenario-name>-<timestamp>", "[cli]") {
  ScratchDir scratch("default-out");
  run_ok({"run", kTiny, "--weeks", "1"}, scratch.path());
  REQUIRE(fs::is_directory(scratch.path() / "results"));
  std::vector<fs::path> runs;
  for (const auto& e : fs::directory_iterator(scratch.path() / "results")) runs.push_back(e.path());
  REQUIRE(runs.size() == 1);
  CHECK(fs::exists(runs[0] / "timeseries.csv"));
  CHECK(std::regex_search(runs[0].filename().string(), std::regex(R"(-\d{8}-\d{6}$)")));
}

TEST_CASE("run without SCENARIO runs the embedded default city, every CSV column it writes is documented", "[cli]") {
  ScratchDir scratch("default-city");
  const CliResult r = run_ok({"run", "--out", "out", "--weeks", "2", "--threads", "2"}, scratch.path());
  CHECK(r.out.find("household-steps/s") != std::string::npos);
  const std::string docs = read_file(source_path("README.md")) + read_file(source_path("docs/outputs.md"));
  int csv_files = 0;
  for (const auto& entry : fs::directory_iterator(scratch.path() / "out")) {
    if (entry.path().extension() != ".csv") continue;
    ++csv_files;
    const auto rows = lines(read_file(entry.path()));
    REQUIRE_FALSE(rows.empty());
    for (const auto& column : split(rows[0], ',')) {
      INFO(entry.path().filename().string() << " column " << column);
      CHECK(documented(docs, column));
    }
  }
  CHECK(csv_files >= 1);
}

namespace {

// The cells of the report line "  <label>   n   n ..." (numbers with thousands separators
// and a sign, as printed), for the line whose label is `label` and whose cells are all numbers.
std::vector<int64_t> report_row(const std::string& out, const std::string& label) {
  for (const auto& l : lines(out)) {
    if (l.compare(0, 2 + label.size(), "  " + label) != 0 || l.size() == 2 + label.size() || l[2 + label.size()] != ' ')
      continue;
    std::vector<int64_t> cells;
    std::istringstream rest(l.substr(2 + label.size()));
    bool numbers = true;
    for (std::string cell; numbers && rest >> cell;) {
      std::string digits;
      for (char c : cell)
        if (c != ',' && c != '+') digits += c;
      numbers = !digits.empty() && digits.find_first_not_of("-0123456789") == std::string::npos;
      if (numbers) cells.push_back(std::stoll(digits));
    }
    if (numbers && !cells.empty()) return cells;
  }
  FAIL("no report line labelled '" << label << "' in:\n" << out);
  return {};
}

// The `all` row of the last week of timeseries.csv, by column name.
std::map<std::string, int64_t> last_city_row(const fs::path& file) {
  const auto rows = lines(read_file(file));
  const auto header = split(rows.front(), ',');
  std::map<std::string, int64_t> out;
  for (auto row = rows.rbegin(); row != rows.rend(); ++row) {
    const auto cells = split(*row, ',');
    if (cells.size() < 2 || cells[1] != "all") continue;
    for (size_t c = 2; c < cells.size(); ++c)
      if (header[c].find("cost_") != 0) out[header[c]] = std::stoll(cells[c]);
    return out;
  }
  return out;
}

// Whole euros of exact cents, rounded half away from zero (what the report prints).
int64_t whole_euros(int64_t cents) { return (cents >= 0 ? cents + 50 : cents - 50) / 100; }
int64_t cents_of(const nlohmann::json& euros) { return std::llround(euros.get<double>() * 100); }

}  // namespace

TEST_CASE("run of a programme prints what it did against the same-seed baseline, equal to summary.json and to a "
          "separate baseline run", "[cli][costs]") {
  ScratchDir scratch("programme");
  const std::string programme = source_path("scenarios/programmes/welzijn-op-recept.yaml").string();
  const std::vector<std::string> same{"--weeks", "52", "--seed", "9", "--threads", "2"};
  const auto run_with = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {"run", programme});
    args.insert(args.end(), same.begin(), same.end());
    return run_ok(args, scratch.path());
  };
  const CliResult variant = run_with({"--out", "variant"});
  const CliResult separate = run_with({"--out", "baseline", "--set", "interventions=[]"});
  const CliResult skipped = run_with({"--out", "skipped", "--no-baseline"});
  const auto sv = nlohmann::json::parse(read_file(scratch.path() / "variant" / "summary.json"));
  const auto sb = nlohmann::json::parse(read_file(scratch.path() / "baseline" / "summary.json"));
  INFO("stdout:\n" << variant.out);
  CHECK(separate.out.find("interventions, week") == std::string::npos);  // no interventions: no block
  // The block, after the summary table (whose start/end rows share some labels).
  const size_t block = variant.out.find("\ninterventions, week 1 to 52:\n");
  const size_t against = variant.out.find("\nagainst the baseline (same city and seed, no interventions), week 52:\n");
  REQUIRE(block != std::string::npos);
  REQUIRE(against > block);
  const std::string ivs_text = variant.out.substr(block, against - block), vs_text = variant.out.substr(against);

  // Per intervention: the counters of summary.json.
  const auto& iv = sv["costs"]["interventions"].at(0);
  CHECK(report_row(ivs_text, "welzijn-op-recept") ==
        std::vector<int64_t>{iv["enrolled"].get<int64_t>(), iv["refused_budget"].get<int64_t>(),
                             whole_euros(cents_of(iv["spent"]))});
  CHECK(iv["enrolled"].get<int64_t>() > 0);

  // The main outcomes: variant and baseline at the last week of each run's own timeseries.csv.
  const auto v = last_city_row(scratch.path() / "variant" / "timeseries.csv");
  const auto b = last_city_row(scratch.path() / "baseline" / "timeseries.csv");
  const auto& outcomes = sv["costs"]["vs_baseline"]["outcomes"];
  REQUIRE(outcomes.size() == 4);
  const std::vector<std::pair<std::string, std::string>> rows{{"multi-problem households", "multi_problem"},
                                                              {"households in debt", "households_in_debt"},
                                                              {"total debt (EUR)", "total_debt_eur"},
                                                              {"waiting (care.waiting)", "waiting"}};
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& [label, column] = rows[i];
    INFO(label);
    const int64_t in_variant = v.at(column), in_baseline = b.at(column);
    CHECK(report_row(vs_text, label) == std::vector<int64_t>{in_variant, in_baseline, in_variant - in_baseline});
    CHECK(outcomes[i]["variant"].get<double>() == static_cast<double>(in_variant));
    CHECK(outcomes[i]["baseline"].get<double>() == static_cast<double>(in_baseline));
    CHECK(outcomes[i]["difference"].get<double>() == static_cast<double>(in_variant - in_baseline));
  }

  // Per financier: recomputed from the two runs' own ledgers (summary.json per_financier):
  // costs = spending difference, avoided = societal difference, net = avoided - costs and,
  // discounted, baseline minus variant total_discounted; rows of zeros are named on one line.
  const auto spending = [](const nlohmann::json& f) {
    return cents_of(f["intervention"]) + cents_of(f["provider"]) + cents_of(f["repayment"]);
  };
  struct Expected { int64_t costs = 0, avoided = 0; double net_discounted = 0; };
  std::map<std::string, Expected> expected;
  for (const auto& [name, fv] : sv["costs"]["per_financier"].items()) {
    if (name == "all") continue;
    const auto& fb = sb["costs"]["per_financier"].at(name);
    Expected& e = expected[name];
    e.costs = spending(fv) - spending(fb);
    e.avoided = cents_of(fb["societal"]) - cents_of(fv["societal"]);
    e.net_discounted = fb["total_discounted"].get<double>() - fv["total_discounted"].get<double>();
    expected["all"].costs += e.costs;
    expected["all"].avoided += e.avoided;
    expected["all"].net_discounted += e.net_discounted;
  }
  REQUIRE(expected.size() == 10);  // nine financiers and all
  int printed = 0;
  for (const auto& [name, e] : expected) {
    INFO("financier " << name);
    const auto& row = sv["costs"]["vs_baseline"].at(name);
    CHECK(cents_of(row["costs"]) == e.costs);
    CHECK(cents_of(row["avoided"]) == e.avoided);
    CHECK(cents_of(row["net"]) == e.avoided - e.costs);
    CHECK(row["net_discounted"].get<double>() == Approx(e.net_discounted).margin(1e-6));
    const std::vector<int64_t> whole{whole_euros(e.costs), whole_euros(e.avoided), whole_euros(e.avoided - e.costs),
                                     std::llround(row["net_discounted"].get<double>())};
    if (name != "all" && whole == std::vector<int64_t>(4, 0)) {
      CHECK(std::regex_search(variant.out, std::regex(R"(\(0 for [a-z, ]*\b)" + name + R"(\b)")));
      continue;
    }
    // Exactly the summary's figures in whole euros; the discounted net (a double sum) also
    // within half a euro of the separate runs' difference.
    const auto printed_row = report_row(vs_text, name);
    CHECK(printed_row == whole);
    CHECK(std::abs(static_cast<double>(whole[3]) - e.net_discounted) <= 0.5 + 1e-6);
    ++printed;
  }
  CHECK(printed >= 2);  // the Wmo (who pays) and `all`
  CHECK(variant.out.find("one run of one seed: no uncertainty") != std::string::npos);
  CHECK(variant.out.find("wijksim compare") != std::string::npos);

  // --no-baseline: the interventions' own counters, and a line saying the comparison was skipped.
  CHECK(report_row(skipped.out, "welzijn-op-recept") == report_row(variant.out, "welzijn-op-recept"));
  CHECK(skipped.out.find("was skipped (--no-baseline)") != std::string::npos);
  CHECK(skipped.out.find("per financier (EUR)") == std::string::npos);
  CHECK(skipped.out.find("against the baseline") == std::string::npos);
}

TEST_CASE("wijksim --version names the commit it was built from, also after an incremental build", "[cli]") {
  // The hash is read before every build (cmake/WijksimVersionFile.cmake), so a build after a
  // commit stamps results with that commit. Outside a git checkout it says "unknown".
  ScratchDir dir("version");
  std::string head;
  if (FILE* pipe = popen(("git -C " + std::string(WIJKSIM_SOURCE_DIR) + " rev-parse --short=12 HEAD 2>/dev/null").c_str(), "r")) {
    char buf[64] = {};
    if (fgets(buf, sizeof buf, pipe)) head = buf;
    if (pclose(pipe) != 0) head.clear();
  }
  head = head.substr(0, head.find_first_of("\r\n"));
  const CliResult v = run_cli({"--version"}, dir.path());
  REQUIRE(v.exit_code == 0);
  INFO(v.out << v.err);
  CHECK(v.out.find("(git " + (head.empty() ? std::string("unknown") : head)) != std::string::npos);
}
