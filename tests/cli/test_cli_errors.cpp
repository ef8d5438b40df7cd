// `wijksim` on bad input: exit code 2, a message that names the problem (file:line:column
// for scenario errors), and no output directory created. Also --help/--version.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>

#include "cli_harness.hpp"

namespace fs = std::filesystem;
using namespace wijksim::test;

namespace {

// The `# expect: <substring>` first line of a malformed scenario.
std::string expected_message(const fs::path& file) {
  std::ifstream in(file);
  std::string first;
  std::getline(in, first);
  const std::string tag = "# expect:";
  REQUIRE(first.rfind(tag, 0) == 0);
  std::string text = first.substr(tag.size());
  text.erase(0, text.find_first_not_of(' '));
  while (!text.empty() && (text.back() == ' ' || text.back() == '\r')) text.pop_back();
  REQUIRE_FALSE(text.empty());
  return text;
}

const std::regex kFileLineColumn(R"([^\s:]+:\d+:\d+:)");

}  // namespace

TEST_CASE("every malformed scenario: exit 2, its expected message with file:line:column, nothing created", "[cli]") {
  const fs::path dir = source_path("tests/scenarios/malformed");
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 5);  // helper A's suite; an empty folder must not pass silently
  for (const auto& file : files) {
    const std::string expect = expected_message(file);
    ScratchDir scratch("malformed");
    INFO("scenario " << file.filename().string() << ", expecting '" << expect << "'");
    const CliResult run = run_cli({"run", file.string(), "--out", "out"}, scratch.path());
    INFO("stderr:\n" << run.err);
    CHECK(run.exit_code == 2);
    CHECK(run.err.find(expect) != std::string::npos);
    CHECK(std::regex_search(run.err, kFileLineColumn));
    CHECK(run.err.find(file.filename().string()) != std::string::npos);
    CHECK(scratch.entries().empty());
    const CliResult validate = run_cli({"validate", file.string()}, scratch.path());
    CHECK(validate.exit_code == 2);
    CHECK(validate.out.find(expect) != std::string::npos);
  }
}

TEST_CASE("a directory given as the scenario: exit 2, says so, nothing created", "[cli]") {
  ScratchDir scratch("dir");
  fs::create_directory(scratch.path() / "a-directory");
  const CliResult r = run_cli({"run", "a-directory", "--out", "out"}, scratch.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("a-directory") != std::string::npos);
  CHECK(r.err.find("directory") != std::string::npos);
  CHECK(scratch.entries() == std::vector<std::string>{"a-directory"});
}

TEST_CASE("a missing scenario file: exit 2 naming the file", "[cli]") {
  ScratchDir scratch("missing");
  const CliResult r = run_cli({"run", "no-such-file.yaml", "--out", "out"}, scratch.path());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("no-such-file.yaml") != std::string::npos);
  CHECK(scratch.entries().empty());
}

TEST_CASE("bad command-line values: exit 2 with a message naming the option, nothing created", "[cli]") {
  const std::string tiny = source_path("scenarios/reference/tiny.yaml").string();
  struct Case {
    std::vector<std::string> args;
    std::string mention;
  };
  const std::vector<Case> cases = {
      {{"--threads", "0"}, "--threads"},
      {{"--seed", "-1"}, "-1"},
      {{"--seed", "abc"}, "--seed"},
      {{"--weeks", "abc"}, "--weeks"},
      {{"--weeks", "0"}, "--weeks"},
      {{"--set", "nokey=1"}, "nokey"},
      {{"--set", "weeks"}, "="},
      {{"--no-such-option"}, "--no-such-option"},
  };
  for (const auto& c : cases) {
    ScratchDir scratch("badopt");
    std::vector<std::string> args{"run", tiny, "--out", "out"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    const CliResult r = run_cli(args, scratch.path());
    INFO("args: " << c.args.front() << (c.args.size() > 1 ? " " + c.args[1] : "") << "\nstderr:\n" << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(c.mention) != std::string::npos);
    CHECK(scratch.entries().empty());
  }
}

TEST_CASE("no command or an unknown command: exit 2", "[cli]") {
  ScratchDir scratch("nocmd");
  CHECK(run_cli({}, scratch.path()).exit_code == 2);
  CHECK(run_cli({"fly"}, scratch.path()).exit_code == 2);
}

TEST_CASE("--help describes every command; --version names version and git hash", "[cli]") {
  ScratchDir scratch("help");
  const CliResult help = run_cli({"--help"}, scratch.path());
  CHECK(help.exit_code == 0);
  for (const char* command : {"run", "validate", "bench"}) CHECK(help.out.find(command) != std::string::npos);
  const CliResult run_help = run_cli({"run", "--help"}, scratch.path());
  CHECK(run_help.exit_code == 0);
  for (const char* option : {"--out", "--seed", "--threads", "--weeks", "--set", "--force"})
    CHECK(run_help.out.find(option) != std::string::npos);
  const CliResult version = run_cli({"--version"}, scratch.path());
  CHECK(version.exit_code == 0);
  CHECK(std::regex_search(version.out, std::regex(R"(wijksim \d+\.\d+\.\d+ \(git [0-9a-z-]+\))")));
}

TEST_CASE("validate: a good file exits 0; one bad file among good ones exits 2", "[cli]") {
  ScratchDir scratch("validate");
  const std::string tiny = source_path("scenarios/reference/tiny.yaml").string();
  const CliResult ok = run_cli({"validate", tiny}, scratch.path());
  INFO(ok.out << ok.err);
  CHECK(ok.exit_code == 0);
  CHECK(ok.out.find("ok") != std::string::npos);
  std::ofstream(scratch.path() / "bad.yaml") << "name: bad\nweeks: -3\n";
  const CliResult bad = run_cli({"validate", tiny, "bad.yaml"}, scratch.path());
  CHECK(bad.exit_code == 2);
  CHECK(bad.out.find("bad.yaml:2:") != std::string::npos);
}

TEST_CASE("bench: bad --kernel or --set values exit 2 naming them; a good run reports its kernel", "[cli]") {
  const std::string ref = source_path("scenarios/reference/households-ref.yaml").string();
  ScratchDir scratch("bench");
  const CliResult bad_kernel = run_cli({"bench", ref, "--kernel", "fast"}, scratch.path());
  CHECK(bad_kernel.exit_code == 2);
  CHECK(bad_kernel.err.find("--kernel") != std::string::npos);
  const CliResult bad_set = run_cli({"bench", ref, "--set", "nokey=1"}, scratch.path());
  CHECK(bad_set.exit_code == 2);
  CHECK(bad_set.err.find("nokey") != std::string::npos);
  const CliResult ok = run_cli({"bench", ref, "--households", "2000", "--weeks", "2", "--repeat", "1", "--kernel",
                                "lean", "--set", "providers=[]", "--set", "pathways=[]", "--json"},
                               scratch.path());
  INFO("stderr:\n" << ok.err);
  REQUIRE(ok.exit_code == 0);
  CHECK(ok.out.find("\"kernel\": \"lean\"") != std::string::npos);
  CHECK(ok.out.find("\"households\": 2000") != std::string::npos);
  CHECK(scratch.entries().empty());  // bench writes no files
}
