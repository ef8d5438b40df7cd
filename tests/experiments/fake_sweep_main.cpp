// Helper for test_kill_resume: runs the fake experiment into a results store, the way
// `wijksim sweep` would, so the test can kill it with SIGKILL and resume it.
//   wijksim_fake_sweep DB create|resume SLEEP_MS THREADS
#include <cstdlib>
#include <iostream>
#include <string>

#include "fake_runs.hpp"
#include "wijksim/experiments/executor.hpp"

int main(int argc, char** argv) {
  using namespace wijksim::experiments;
  if (argc != 5) {
    std::cerr << "usage: wijksim_fake_sweep DB create|resume SLEEP_MS THREADS\n";
    return 2;
  }
  try {
    const auto rec = testing::fake_experiment(4);
    const OpenMode mode = std::string(argv[2]) == "resume" ? OpenMode::resume : OpenMode::create;
    const int sleep_ms = std::atoi(argv[3]);
    ResultStore store(argv[1], mode, &rec);
    execute_runs(store, store.runs(true),
                 [&](const RunKey& k, int) { return testing::fake_run(k, 30, sleep_ms); }, std::atoi(argv[4]));
  } catch (const std::exception& e) {
    std::cerr << "wijksim_fake_sweep: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
