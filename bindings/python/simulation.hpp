#pragma once
// Python's `wijksim.Simulation`: one wijksim::Simulation plus the guards Python needs
// (initialised before stepping, one thread at a time while the GIL is released).
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

#include "module.hpp"
#include "wijksim/simulation.hpp"

namespace wijksim::python {

class PySimulation {
 public:
  PySimulation(const Scenario& scenario, int threads, std::optional<uint64_t> seed,
               std::optional<uint32_t> replication);

  void initialise();                        // GIL released
  void step();                              // GIL released
  // Initialises if needed, then steps `weeks` weeks (default: up to the scenario's weeks),
  // calling `after_week` (without the GIL) after each. The GIL is released for the whole
  // loop and taken back about every 0.1 s to check for KeyboardInterrupt: taking it every
  // week would wait up to Python's 5 ms switch interval per week whenever another Python
  // thread is busy.
  void run(std::optional<uint32_t> weeks, const std::function<void()>& after_week = {});

  const Simulation& sim() const { return *sim_; }
  const CompiledScenario& scenario() const { return *scenario_; }
  bool initialised() const { return initialised_; }
  int threads() const { return threads_; }
  // Throws RuntimeError before initialise(), or while another thread steps this simulation
  // (metrics and hash are being rewritten then).
  void require_ready(const char* what) const;

 private:
  // Marks the simulation busy for the duration of a call; a second Python thread calling
  // into the same object while the GIL is released gets RuntimeError, not a data race.
  class Busy {
   public:
    explicit Busy(std::atomic<bool>& flag);
    ~Busy();
   private:
    std::atomic<bool>& flag_;
  };

  std::shared_ptr<const CompiledScenario> scenario_;
  std::unique_ptr<Simulation> sim_;
  int threads_ = 1;
  bool initialised_ = false;
  std::atomic<bool> busy_{false};
};

}  // namespace wijksim::python
