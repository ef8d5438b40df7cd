// debt_restructuring's repayment tied to income (vrij te laten bedrag): the weekly
// instalment is capped at (income - floor) x share, and what is left when the repayment
// period ends is written off. Exact bookkeeping checks, no statistics: with settlement
// fraction 1 and no dropout, every settled cent is repaid, written off or still owed.
#include <catch2/catch.hpp>

#include <numeric>

#include "harness.hpp"

using namespace wijksim;

namespace {

struct Money {
  int64_t settled = 0, repaid = 0, written_off = 0, outstanding = 0, ledger_repayment = 0;
  uint64_t enrolled = 0;
};

Money run_debt(const std::string& extra_parameters) {
  const auto sc = test::small_city(R"(
interventions:
  - type: debt_restructuring
    name: d
    target: all
    parameters: {weekly_uptake: 0.05, contact_probability: 1, dropout_weekly: 0, settlement_fraction: 1,
                 repay_months: 6, duration_weeks: 20)" + extra_parameters + R"(}
)", 1000, 52);
  const auto r = test::run(sc);
  const auto& k = r.iv.counters[0];
  Money m;
  m.settled = k.settled_cents;
  m.repaid = k.repaid_cents;
  m.written_off = k.written_off_cents;
  m.outstanding = std::accumulate(r.state.loan_cents.begin(), r.state.loan_cents.end(), int64_t{0});
  m.ledger_repayment = -r.iv.ledger.total[costs::kMunicipality][costs::repayment];
  m.enrolled = k.enrolled;
  return m;
}

void check_conserved(const Money& m) {
  INFO("settled " << m.settled << " repaid " << m.repaid << " written off " << m.written_off << " outstanding "
                  << m.outstanding);
  REQUIRE(m.enrolled > 20);
  CHECK(m.settled == m.repaid + m.written_off + m.outstanding);
  CHECK(m.ledger_repayment == m.repaid);
}

}  // namespace

TEST_CASE("debt_restructuring: repayments are capped by income above the floor, the rest is written off") {
  const Money deflt = run_debt("");  // floor EUR 1,200 / month, share 1
  check_conserved(deflt);
  CHECK(deflt.repaid > 0);
  CHECK(deflt.written_off > 0);  // some households live at or below the floor

  // Nobody above the floor: nothing is repaid, every finished loan is written off.
  const Money none = run_debt(", repay_income_floor: 1000000");
  check_conserved(none);
  CHECK(none.repaid == 0);
  CHECK(none.written_off > 0);
  CHECK(none.settled == deflt.settled);  // repayment never changes who is enrolled or settled

  // No floor: every household pays its full instalment unless its income is zero, so it
  // repays at least as much (cumulative min(loan, instalment, cap) grows with the cap).
  const Money all = run_debt(", repay_income_floor: 0");
  check_conserved(all);
  CHECK(all.settled == deflt.settled);
  CHECK(all.repaid >= deflt.repaid);
  CHECK(all.written_off <= deflt.written_off);

  // Half of what is above the floor: less than all of it.
  const Money half = run_debt(", repay_income_share: 0.5");
  check_conserved(half);
  CHECK(half.repaid <= deflt.repaid);
}

TEST_CASE("debt_restructuring: repay_income_share outside [0, 1] is refused with its key path") {
  try {
    test::small_city("interventions:\n  - {type: debt_restructuring, name: d, parameters: {repay_income_share: 1.5}}\n",
                     100, 4);
    FAIL("no error");
  } catch (const scenarios::ScenarioError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("interventions[0].parameters.repay_income_share") &&
                                          Catch::Contains("[0, 1]"));
  }
}
