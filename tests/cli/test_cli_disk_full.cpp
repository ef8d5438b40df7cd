// Full disks (issue 11, defect 6): `run`, `sweep`, `export` and `compare --csv` on a disk
// that fills up exit 1 (an I/O failure, README's exit table) with a message naming the file,
// never 0 with a cut file, and leave nothing that looks complete: no result directory, no
// CSV, no temporary file, no store without its experiment. Two disks: RLIMIT_FSIZE in the
// child (EFBIG; works anywhere, no privileges) and, where `mount -t tmpfs` is permitted
// (root in CI), a real 64 KiB tmpfs (ENOSPC), also filled to the last byte.
#include <sys/mount.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli_harness.hpp"

using namespace wijksim::test;
namespace fs = std::filesystem;

namespace {

const std::string kTiny = source_path("scenarios/reference/tiny.yaml").string();

// Entries under `dir` (recursively, names relative to it), skipping the harness's capture
// files and `keep`.
std::vector<std::string> left_in(const fs::path& dir, const std::string& keep = "") {
  std::vector<std::string> names;
  if (!fs::exists(dir)) return names;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const std::string name = fs::relative(e.path(), dir).string();
    if (name.rfind(".cli-", 0) == 0 || name == keep) continue;
    names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

void check_io_failure(const CliResult& r, const std::string& file) {
  INFO("stderr:\n" << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find(file) != std::string::npos);
  CHECK(r.err.find("internal error") == std::string::npos);
  CHECK(r.err.find("(in: ") == std::string::npos);  // no SQL statement in the message
  CHECK(r.err.find("written") == std::string::npos);
}

// Stores on a normal disk for export and compare: `big` has a timeseries table of ~300 KB
// (20 runs x 53 weeks), `wide` 60 variants, so compare's CSV is ~50 KB.
void make_stores(const fs::path& dir) {
  std::ofstream(dir / "big.yaml") << "scenario: " << kTiny << "\nreplications: 10\n"
                                  << "variants: {baseline: {weeks: 52}, b: {weeks: 52}}\n";
  std::ofstream wide(dir / "wide.yaml");
  wide << "scenario: " << kTiny << "\nreplications: 2\nvariants:\n";
  for (int v = 0; v < 60; ++v) wide << "  v" << v << ": {weeks: 3}\n";
  wide.close();
  for (const char* name : {"big", "wide"}) {
    const CliResult r = run_cli({"sweep", std::string(name) + ".yaml", "--out", std::string(name) + ".sqlite", "--quiet"}, dir);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
}

}  // namespace

TEST_CASE("full disk (RLIMIT_FSIZE): run, sweep, export, compare --csv exit 1 naming the file, nothing complete left", "[cli][hostile][disk]") {
  ScratchDir scratch("fsize");
  const fs::path& dir = scratch.path();
  make_stores(dir);

  SECTION("run: the first file, and timeseries.csv part-way") {
    for (const long limit : {1000L, 40000L}) {
      INFO("limit " << limit);
      const CliResult r = run_cli({"run", kTiny, "--weeks", "2000", "--out", "out/r"}, dir, limit);
      check_io_failure(r, limit == 1000 ? "scenario.resolved.yaml" : "timeseries.csv");
      CHECK(left_in(dir / "out").empty());  // neither out/r nor out/r.tmp-<pid>
    }
  }
  SECTION("sweep: while creating the store (removed again), and while recording runs (resumable)") {
    std::ofstream(dir / "exp.yaml") << "scenario: " << kTiny << "\nreplications: 10\nvariants: {a: {weeks: 52}, b: {weeks: 52}}\n";
    const CliResult early = run_cli({"sweep", "exp.yaml", "--out", "early.sqlite", "--quiet"}, dir, 16000);
    check_io_failure(early, "early.sqlite");
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) CHECK_FALSE(fs::exists(dir / ("early.sqlite" + std::string(suffix))));

    const CliResult late = run_cli({"sweep", "exp.yaml", "--out", "late.sqlite", "--quiet"}, dir, 256 * 1024);
    check_io_failure(late, "late.sqlite");
    CHECK(late.err.find("--resume --out late.sqlite") != std::string::npos);
    // The runs that were recorded stay; resuming on a disk with room finishes the sweep.
    const CliResult resumed = run_cli({"sweep", "exp.yaml", "--resume", "--out", "late.sqlite", "--quiet"}, dir);
    INFO(resumed.err);
    CHECK(resumed.exit_code == 0);
    CHECK(resumed.err.find("20 in late.sqlite") != std::string::npos);
    CHECK(resumed.err.find("resuming late.sqlite") != std::string::npos);
    // ... with the results of a sweep that never saw a full disk.
    REQUIRE(run_cli({"sweep", "exp.yaml", "--out", "clean.sqlite", "--quiet"}, dir).exit_code == 0);
    const CliResult a = run_cli({"compare", "late.sqlite"}, dir), b = run_cli({"compare", "clean.sqlite"}, dir);
    CHECK(a.exit_code == 0);
    CHECK(a.out.size() > 1000);
    // The table names its store: the rest must be equal.
    std::string a_out = a.out;
    a_out.replace(0, std::string("late.sqlite").size(), "clean.sqlite");
    CHECK(a.out.rfind("late.sqlite", 0) == 0);
    CHECK(a_out == b.out);
  }
  SECTION("export: timeseries.csv does not fit; no table of the export is left") {
    const CliResult r = run_cli({"export", "big.sqlite", "--csv", "csv"}, dir, 40000);
    check_io_failure(r, "timeseries.csv");
    CHECK(left_in(dir / "csv").empty());
  }
  SECTION("compare --csv: the CSV does not fit; neither it nor its temporary is left") {
    fs::create_directory(dir / "cmp");
    const CliResult again = run_cli({"compare", "wide.sqlite", "--csv", "cmp/table.csv"}, dir, 36000);
    check_io_failure(again, "cmp/table.csv");
    CHECK(left_in(dir / "cmp").empty());
    // With room, the same command writes it whole.
    const CliResult ok = run_cli({"compare", "wide.sqlite", "--csv", "cmp/table.csv"}, dir);
    INFO(ok.err);
    CHECK(ok.exit_code == 0);
    CHECK(fs::file_size(dir / "cmp/table.csv") > 36000);
    CHECK(left_in(dir / "cmp") == std::vector<std::string>{"table.csv"});
  }
}

TEST_CASE("full disk (a 64 KiB tmpfs, where mount is permitted): the same, with ENOSPC", "[cli][hostile][disk]") {
  ScratchDir scratch("tmpfs");
  const fs::path& dir = scratch.path();
  const fs::path disk = dir / "disk";
  fs::create_directory(disk);
  if (::mount("tmpfs", disk.c_str(), "tmpfs", 0, "size=64k") != 0) {
    WARN("skipped: mount -t tmpfs is not permitted here (needs root / CAP_SYS_ADMIN); the RLIMIT_FSIZE case covers the same");
    return;
  }
  struct Unmount {
    fs::path path;
    ~Unmount() { ::umount2(path.c_str(), MNT_DETACH); }
  } unmount{disk};
  make_stores(dir);

  // The estimate sees that it cannot fit (exit 2, before anything is written) ...
  const CliResult refused = run_cli({"run", kTiny, "--weeks", "2000", "--out", "disk/r"}, dir);
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("free space there") != std::string::npos);
  CHECK(left_in(disk).empty());
  // ... and past it (--max-output), the writes themselves fail and are caught.
  const CliResult run = run_cli({"run", kTiny, "--weeks", "2000", "--out", "disk/r", "--max-output", "1"}, dir);
  check_io_failure(run, "timeseries.csv");
  CHECK(run.err.find("No space left on device") != std::string::npos);
  CHECK(left_in(disk).empty());

  std::ofstream(dir / "exp.yaml") << "scenario: " << kTiny << "\nreplications: 10\nvariants: {a: {weeks: 52}, b: {weeks: 52}}\n";
  const CliResult sweep = run_cli({"sweep", "exp.yaml", "--out", "disk/s.sqlite", "--quiet", "--max-output", "1"}, dir);
  check_io_failure(sweep, "s.sqlite");
  CHECK(left_in(disk).empty());

  const CliResult exported = run_cli({"export", "big.sqlite", "--csv", "disk/csv"}, dir);
  check_io_failure(exported, "timeseries.csv");
  CHECK(left_in(disk / "csv").empty());

  // The disk filled to the last byte: compare's small CSV does not fit either.
  {
    std::ofstream filler(disk / "filler", std::ios::binary);
    const std::string block(4096, 'x');
    while (filler.write(block.data(), static_cast<std::streamsize>(block.size()))) {
    }
  }
  const CliResult compare = run_cli({"compare", "wide.sqlite", "--csv", "disk/table.csv"}, dir);
  check_io_failure(compare, "table.csv");
  CHECK(left_in(disk, "filler") == std::vector<std::string>{"csv"});
}
