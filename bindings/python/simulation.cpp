// wijksim.Simulation: construction, stepping (GIL released), metrics and hash.
#include "simulation.hpp"

#include <chrono>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "metrics_dict.hpp"
#include "state_views.hpp"

namespace wijksim::python {

PySimulation::Busy::Busy(std::atomic<bool>& flag) : flag_(flag) {
  if (flag_.exchange(true)) throw std::runtime_error("wijksim.Simulation is busy in another thread");
}
PySimulation::Busy::~Busy() { flag_.store(false); }

PySimulation::PySimulation(const Scenario& scenario, int threads, std::optional<uint64_t> seed,
                           std::optional<uint32_t> replication)
    : scenario_(scenario.compiled), threads_(threads) {
  if (threads < 1) throw py::value_error("threads: expected an integer >= 1, got " + std::to_string(threads));
  RunOptions options;
  options.threads = threads;
  options.override_seed = seed.has_value();
  options.seed = seed.value_or(0);
  options.override_replication = replication.has_value();
  options.replication = replication.value_or(0);
  sim_ = std::make_unique<Simulation>(*scenario_, options);
}

void PySimulation::require_ready(const char* what) const {
  if (!initialised_) throw std::runtime_error(std::string(what) + ": call initialise() (or run()) first");
  if (busy_.load()) throw std::runtime_error(std::string(what) + ": wijksim.Simulation is busy in another thread");
}

void PySimulation::initialise() {
  Busy busy(busy_);
  py::gil_scoped_release release;
  sim_->initialise();
  initialised_ = true;
}

void PySimulation::step() {
  require_ready("step");
  Busy busy(busy_);
  py::gil_scoped_release release;
  sim_->step();
}

void PySimulation::run(std::optional<uint32_t> weeks, const std::function<void()>& after_week) {
  if (!initialised_) initialise();
  Busy busy(busy_);
  const uint32_t target = weeks ? sim_->week() + *weeks : scenario_->weeks;
  using clock = std::chrono::steady_clock;
  auto next_check = clock::now() + std::chrono::milliseconds(100);
  py::gil_scoped_release release;
  while (sim_->week() < target) {
    sim_->step();
    if (after_week) after_week();
    if (clock::now() < next_check) continue;
    next_check = clock::now() + std::chrono::milliseconds(100);
    py::gil_scoped_acquire acquire;  // Ctrl-C stops a long run between weeks
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
  }
}

void register_simulation(py::module_& m) {
  py::class_<PySimulation>(m, "Simulation",
                           "One run of a scenario. Results depend only on (scenario, seed, replication), never on "
                           "the thread count.")
      .def(py::init<const Scenario&, int, std::optional<uint64_t>, std::optional<uint32_t>>(), py::arg("scenario"),
           py::arg("threads") = 1, py::arg("seed") = py::none(), py::arg("replication") = py::none(),
           "seed / replication override the scenario's (experiments use replication for common random numbers).")
      .def("initialise", &PySimulation::initialise, "Draw the population; week-0 metrics become available.")
      .def("step", &PySimulation::step, "Advance one week.")
      .def("run", [](PySimulation& s, std::optional<uint32_t> weeks) { s.run(weeks); }, py::arg("weeks") = py::none(),
           "Initialise if needed, then step `weeks` more weeks (default: until the scenario's weeks). "
           "Releases the GIL.")
      .def_property_readonly("week", [](const PySimulation& s) { return s.sim().week(); }, "weeks completed")
      .def_property_readonly("seed", [](const PySimulation& s) { return s.sim().seed(); })
      .def_property_readonly("replication", [](const PySimulation& s) { return s.sim().replication(); })
      .def_property_readonly("threads", &PySimulation::threads)
      .def("state_hash",
           [](const PySimulation& s) {
             s.require_ready("state_hash");
             return s.sim().state_hash();
           },
           "FNV-1a 64 over every registered state array (equal for any thread count).")
      .def("metrics",
           [](const PySimulation& s) {
             s.require_ready("metrics");
             return metrics_dict(s.scenario(), s.sim().metrics());
           },
           "Aggregates of the last completed week: {'week', 'all': area, 'wijk': {name: area}, "
           "'care', 'financier_eur'}; an area holds households, severity ((n_domains, 5) numpy "
           "array, column s-1 = ZRM severity s), multi_problem, total_debt, households_in_debt, events.")
      .def_property_readonly(
          "state",
          [](py::object self) {
            const auto& s = self.cast<const PySimulation&>();
            s.require_ready("state");
            return state_views(s.sim().state(), self);
          },
          "Read-only zero-copy numpy views of every registered state array (WIJKSIM_STATE_ARRAYS), "
          "in registry order; per-household-domain arrays have shape (n_households, n_domains). "
          "They follow the simulation as it steps and keep it alive.");
}

}  // namespace wijksim::python
