#pragma once
// The arithmetic behind compile()'s initial severities, exposed for tests and for
// calibration code that wants the same split.
//
// A wijk may give problem_prevalence[domain] = q, the share of households at severity
// <= 2. The domain's `initial` distribution is rescaled so that severities 1-2 sum to q
// and 3-5 to 1 - q, each part keeping its proportions (with_problem_share). For the
// income-linked domains (finances, work_education, housing, when present) the wijk's
// prevalence q is then split between low-income households (share s) and the others with
// the risk ratio r = low_income_risk_ratio:
//   P(problem | low)   = q * r / (s * r + 1 - s)
//   P(problem | other) = q     / (s * r + 1 - s)
// so that s * P(low) + (1 - s) * P(other) = q: the wijk mean is kept. Each is capped at 1;
// a cap (only when q * r > s * r + 1 - s) lowers the mean, which validate() does not flag.
#include "wijksim/compiled_scenario.hpp"

namespace wijksim::scenarios {

// dist rescaled so that dist[0] + dist[1] == problem_share, proportions kept within
// {1, 2} and within {3, 4, 5}. If a part is empty its mass goes to severity 2 (problems)
// or 3 (the rest): the levels nearest the boundary.
SeverityArray with_problem_share(const SeverityArray& dist, double problem_share);

struct IncomeSplit {
  double low = 0;    // P(severity <= 2 | low income)
  double other = 0;  // P(severity <= 2 | not low income)
};
IncomeSplit split_by_income(double prevalence, double low_income_share, double risk_ratio);

}  // namespace wijksim::scenarios
