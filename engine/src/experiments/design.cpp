#include "wijksim/experiments/design.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

#include <boost/random/sobol.hpp>

#include "philox_uniform.hpp"

namespace wijksim::experiments {

const char* to_string(DesignKind kind) {
  switch (kind) {
    case DesignKind::none: return "none";
    case DesignKind::grid: return "grid";
    case DesignKind::latin_hypercube: return "latin_hypercube";
    case DesignKind::sobol: return "sobol";
    case DesignKind::morris: return "morris";
  }
  return "?";
}

std::vector<std::vector<double>> latin_hypercube_unit(uint32_t n, uint32_t d, uint64_t seed) {
  std::vector<std::vector<double>> u(n, std::vector<double>(d));
  std::vector<uint32_t> stratum(n);
  for (uint32_t k = 0; k < d; ++k) {
    std::iota(stratum.begin(), stratum.end(), 0u);
    // Fisher-Yates from the back; draw i is keyed by (parameter k, position i).
    for (uint32_t i = n; i > 1; --i) {
      const double v = detail::philox_uniform(seed, detail::Purpose::lhs_permutation, k, i - 1);
      const auto j = static_cast<uint32_t>(v * i);  // v < 1, so j <= i - 1
      std::swap(stratum[i - 1], stratum[j]);
    }
    for (uint32_t p = 0; p < n; ++p) {
      const double jitter = detail::philox_uniform(seed, detail::Purpose::lhs_jitter, k, p);
      u[p][k] = (stratum[p] + jitter) / n;
    }
  }
  return u;
}

std::vector<std::vector<double>> sobol_unit(uint32_t n, uint32_t d) {
  boost::random::sobol gen(d);  // skips the all-zero first point
  std::vector<std::vector<double>> u(n, std::vector<double>(d));
  for (auto& row : u)
    for (auto& x : row) x = static_cast<double>(gen() >> 11) * 0x1.0p-53;  // 53 bits, < 1
  return u;
}

SaltelliMatrices saltelli_unit(uint32_t n, uint32_t d) {
  const auto base = sobol_unit(n, 2 * d);
  SaltelliMatrices m;
  m.a.assign(n, std::vector<double>(d));
  m.b.assign(n, std::vector<double>(d));
  for (uint32_t j = 0; j < n; ++j)
    for (uint32_t k = 0; k < d; ++k) {
      m.a[j][k] = base[j][k];
      m.b[j][k] = base[j][d + k];
    }
  m.ab.assign(d, m.a);
  for (uint32_t i = 0; i < d; ++i)
    for (uint32_t j = 0; j < n; ++j) m.ab[i][j][i] = m.b[j][i];
  return m;
}

MorrisUnit morris_unit(uint32_t trajectories, const std::vector<int>& levels, uint64_t seed) {
  const auto d = static_cast<uint32_t>(levels.size());
  MorrisUnit m;
  m.points.reserve(static_cast<size_t>(trajectories) * (d + 1));
  std::vector<int> index(d);  // grid level of each parameter at the current point
  std::vector<int> up(d);     // +1: the parameter steps up, -1: down
  std::vector<uint32_t> order(d);
  auto unit_point = [&] {
    std::vector<double> u(d);
    for (uint32_t k = 0; k < d; ++k) u[k] = static_cast<double>(index[k]) / (levels[k] - 1);
    return u;
  };
  for (uint32_t t = 0; t < trajectories; ++t) {
    // Each parameter's pair of levels {l, l + p/2} with l uniform on 0 .. p/2 - 1 and a fair
    // direction: every grid level is then equally likely at every point of the trajectory
    // (Morris's B* = J x* + (Delta/2) ((2B - J) D* + J) P* in counter-based form).
    for (uint32_t k = 0; k < d; ++k) {
      const int half = levels[k] / 2;
      const double v = detail::philox_uniform(seed, detail::Purpose::morris_base, t, k);
      const int low = std::min(static_cast<int>(v * half), half - 1);
      up[k] = detail::philox_uniform(seed, detail::Purpose::morris_direction, t, k) < 0.5 ? 1 : -1;
      index[k] = up[k] > 0 ? low : low + half;
    }
    std::iota(order.begin(), order.end(), 0u);
    for (uint32_t i = d; i > 1; --i) {  // Fisher-Yates, draw i keyed by (trajectory, position)
      const double v = detail::philox_uniform(seed, detail::Purpose::morris_order, t, i - 1);
      std::swap(order[i - 1], order[static_cast<uint32_t>(v * i)]);
    }
    m.points.push_back(unit_point());
    for (uint32_t s = 0; s < d; ++s) {
      const uint32_t k = order[s];
      const int half = levels[k] / 2;
      index[k] += up[k] * half;
      m.points.push_back(unit_point());
      m.parameter.push_back(k);
      m.step.push_back(up[k] * static_cast<double>(half) / (levels[k] - 1));
    }
  }
  return m;
}

double map_unit(const SweepParameter& p, double u) {
  if (!p.values.empty()) {
    auto idx = static_cast<size_t>(u * static_cast<double>(p.values.size()));
    if (idx >= p.values.size()) idx = p.values.size() - 1;
    return p.values[idx];
  }
  const double x = p.low + u * (p.high - p.low);
  return p.integer ? std::round(x) : x;
}

namespace {

void check_parameter(const SweepParameter& p, DesignKind kind) {
  if (p.key_path.empty()) throw std::invalid_argument("sweep parameter without a key path");
  if (kind == DesignKind::morris) {
    if (!p.values.empty())
      throw std::invalid_argument("sweep parameter " + p.key_path +
                                  ": design morris needs a range (a value list has no step of a fixed fraction "
                                  "of its range; use range: [low, high] with integer: true for counts)");
    if (p.levels != 0 && (p.levels < 2 || p.levels % 2 != 0))
      throw std::invalid_argument("sweep parameter " + p.key_path +
                                  ": design morris needs an even number of levels >= 2 (got " +
                                  std::to_string(p.levels) + ")");
  }
  if (!p.values.empty()) return;
  if (!(p.low <= p.high))
    throw std::invalid_argument("sweep parameter " + p.key_path + ": low must be <= high");
  if (kind == DesignKind::grid && p.levels < 2)
    throw std::invalid_argument("sweep parameter " + p.key_path +
                                ": a grid over a range needs levels >= 2 (or a value list)");
}

std::vector<double> grid_levels(const SweepParameter& p) {
  if (!p.values.empty()) return p.values;
  std::vector<double> v(static_cast<size_t>(p.levels));
  for (int i = 0; i < p.levels; ++i) {
    const double x = p.low + (p.high - p.low) * i / (p.levels - 1);
    v[static_cast<size_t>(i)] = p.integer ? std::round(x) : x;
  }
  return v;
}

std::vector<double> map_row(const std::vector<SweepParameter>& params, const std::vector<double>& u) {
  std::vector<double> row(params.size());
  for (size_t k = 0; k < params.size(); ++k) row[k] = map_unit(params[k], u[k]);
  return row;
}

std::vector<int> morris_levels(const std::vector<SweepParameter>& params) {
  std::vector<int> levels;
  for (const auto& p : params) levels.push_back(p.levels);
  return levels;
}

}  // namespace

std::vector<MorrisStep> morris_steps(const Design& design, uint64_t seed) {
  const auto& params = design.parameters;
  const size_t d = params.size();
  if (design.kind != DesignKind::morris || d == 0 || design.points.size() % (d + 1) != 0)
    throw std::invalid_argument("not a morris design of " + std::to_string(d) + " parameter(s) (" +
                                std::to_string(design.points.size()) + " points)");
  const auto trajectories = static_cast<uint32_t>(design.points.size() / (d + 1));
  const MorrisUnit m = morris_unit(trajectories, morris_levels(params), seed);
  for (size_t i = 0; i < m.points.size(); ++i)
    if (map_row(params, m.points[i]) != design.points[i])
      throw std::invalid_argument("the morris design's point " + std::to_string(i) +
                                  " is not the one its parameters and seed " + std::to_string(seed) + " give");
  std::vector<MorrisStep> steps(m.step.size());
  for (size_t j = 0; j < steps.size(); ++j) {
    const uint32_t k = m.parameter[j];
    const SweepParameter& p = params[k];
    steps[j] = {k, m.step[j]};
    // Rounding moves an integer parameter by what it really moved, not by Delta.
    const size_t before = j / d * (d + 1) + j % d;
    const double moved = design.points[before + 1][k] - design.points[before][k];
    if (p.integer && p.high > p.low && moved != 0) steps[j].step = moved / (p.high - p.low);
  }
  return steps;
}

Design make_design(DesignKind kind, std::vector<SweepParameter> parameters, uint32_t samples,
                   uint64_t seed) {
  Design design;
  design.kind = parameters.empty() ? DesignKind::none : kind;
  design.parameters = std::move(parameters);
  if (design.kind == DesignKind::morris)
    for (auto& p : design.parameters)
      if (p.levels == 0) p.levels = kMorrisDefaultLevels;
  const auto& params = design.parameters;
  const auto d = static_cast<uint32_t>(params.size());
  for (const auto& p : params) check_parameter(p, design.kind);
  if (design.kind != DesignKind::none && design.kind != DesignKind::grid && samples == 0)
    throw std::invalid_argument(std::string(to_string(kind)) + " design needs samples >= 1");

  switch (design.kind) {
    case DesignKind::none:
      design.points.assign(1, {});
      break;
    case DesignKind::grid: {
      std::vector<std::vector<double>> levels;
      size_t total = 1;
      for (const auto& p : params) {
        levels.push_back(grid_levels(p));
        total *= levels.back().size();
      }
      design.points.reserve(total);
      std::vector<size_t> idx(d, 0);
      for (size_t n = 0; n < total; ++n) {
        std::vector<double> row(d);
        for (uint32_t k = 0; k < d; ++k) row[k] = levels[k][idx[k]];
        design.points.push_back(std::move(row));
        for (uint32_t k = d; k-- > 0;) {  // odometer: last parameter varies fastest
          if (++idx[k] < levels[k].size()) break;
          idx[k] = 0;
        }
      }
      break;
    }
    case DesignKind::latin_hypercube:
      for (const auto& u : latin_hypercube_unit(samples, d, seed)) design.points.push_back(map_row(params, u));
      break;
    case DesignKind::sobol: {
      const auto m = saltelli_unit(samples, d);
      for (const auto& u : m.a) design.points.push_back(map_row(params, u));
      for (const auto& u : m.b) design.points.push_back(map_row(params, u));
      for (const auto& abi : m.ab)
        for (const auto& u : abi) design.points.push_back(map_row(params, u));
      design.sobol_base_samples = samples;
      break;
    }
    case DesignKind::morris:
      for (const auto& u : morris_unit(samples, morris_levels(params), seed).points)
        design.points.push_back(map_row(params, u));
      break;
  }
  return design;
}

}  // namespace wijksim::experiments
