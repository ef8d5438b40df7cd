// The calibration search: NLopt's derivative-free LN_BOBYQA (or LN_SBPLX) over the free
// parameters scaled to [0, 1], so one tolerance and one initial step suit every range.
// Rejected: a hand-written Nelder-Mead (NLopt is a well-kept library with bound handling),
// and gradient methods (the objective of a stochastic simulation under common random
// numbers is piecewise constant in the parameters: no useful derivative).
#include <algorithm>
#include <cmath>
#include <exception>
#include <iomanip>
#include <ostream>
#include <stdexcept>

#include <nlopt.hpp>

#include "wijksim/models/calibrate/calibrate.hpp"

namespace wijksim::calibrate {

namespace {

std::string result_text(nlopt::result r) {
  switch (r) {
    case nlopt::SUCCESS: return "success";
    case nlopt::STOPVAL_REACHED: return "objective reached the stop value";
    case nlopt::FTOL_REACHED: return "objective stopped changing (ftol)";
    case nlopt::XTOL_REACHED: return "parameters stopped changing (xtol)";
    case nlopt::MAXEVAL_REACHED: return "evaluation budget used (--max-evals)";
    case nlopt::MAXTIME_REACHED: return "time limit reached";
    case nlopt::ROUNDOFF_LIMITED: return "limited by round-off";
    case nlopt::FORCED_STOP: return "stopped";
    default: return "NLopt result " + std::to_string(static_cast<int>(r));
  }
}

struct Search {
  const std::vector<Parameter>& parameters;
  const std::vector<Target>& targets;
  const MakeScenario& make;
  const SearchOptions& options;
  SearchResult result;
  std::exception_ptr error;

  std::vector<double> unscale(const std::vector<double>& u) const {
    std::vector<double> v(u.size());
    for (size_t k = 0; k < u.size(); ++k) v[k] = parameters[k].at(u[k]);
    return v;
  }

  double operator()(const std::vector<double>& u) {
    Evaluation e = evaluate(make, unscale(u), targets, options.replications, options.threads);
    ++result.evaluations;
    if (options.progress) {
      std::ostream& out = *options.progress;
      out << "calibrate: evaluation " << result.evaluations << ":";
      for (size_t k = 0; k < parameters.size(); ++k)
        out << " " << parameters[k].key_path << "=" << std::setprecision(6) << e.values[k];
      out << "  objective " << std::setprecision(6) << e.objective << "\n" << std::flush;
    }
    const double value = e.objective;
    if (result.evaluations == 1 || value < result.best.objective) result.best = std::move(e);
    return value;
  }
};

}  // namespace

SearchResult search(const std::vector<Parameter>& parameters, const std::vector<Target>& targets,
                    const MakeScenario& make, const SearchOptions& options) {
  if (parameters.empty()) throw std::invalid_argument("calibrate: no free parameters");
  for (const auto& p : parameters)
    if (!(p.lo < p.hi)) throw std::invalid_argument("calibrate: empty range for " + p.key_path);
  nlopt::algorithm algorithm;
  if (options.algorithm == "LN_BOBYQA") algorithm = nlopt::LN_BOBYQA;
  else if (options.algorithm == "LN_SBPLX") algorithm = nlopt::LN_SBPLX;
  else throw std::invalid_argument("calibrate: algorithm LN_BOBYQA or LN_SBPLX, got " + options.algorithm);
  const size_t d = parameters.size();
  // BOBYQA needs at least 2 dimensions for its quadratic model; one parameter goes to Sbplx.
  if (d == 1) algorithm = nlopt::LN_SBPLX;
  nlopt::opt opt(algorithm, static_cast<unsigned>(d));
  opt.set_lower_bounds(std::vector<double>(d, 0.0));
  opt.set_upper_bounds(std::vector<double>(d, 1.0));
  opt.set_maxeval(std::max(1, options.max_evals));
  opt.set_xtol_rel(options.xtol_rel);
  opt.set_stopval(0.0);
  opt.set_initial_step(std::vector<double>(d, 0.25));
  std::vector<double> u(d, 0.5);
  for (size_t k = 0; k < d && k < options.start.size(); ++k)
    u[k] = std::min(1.0, std::max(0.0, (options.start[k] - parameters[k].lo) / (parameters[k].hi - parameters[k].lo)));

  Search s{parameters, targets, make, options, {}, nullptr};
  opt.set_min_objective(
      [](unsigned n, const double* x, double*, void* data) -> double {
        auto* search = static_cast<Search*>(data);
        try {
          return (*search)(std::vector<double>(x, x + n));
        } catch (...) {
          search->error = std::current_exception();
          throw nlopt::forced_stop();
        }
      },
      &s);
  double best = 0;
  try {
    s.result.stop_reason = result_text(opt.optimize(u, best));
  } catch (const nlopt::forced_stop&) {
    if (s.error) std::rethrow_exception(s.error);
    s.result.stop_reason = "stopped";
  } catch (const nlopt::roundoff_limited&) {
    s.result.stop_reason = "limited by round-off";
  }
  if (s.error) std::rethrow_exception(s.error);
  return s.result;
}

}  // namespace wijksim::calibrate
