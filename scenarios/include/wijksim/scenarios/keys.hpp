#pragma once
// THE list of scenario keys: one row per key, the only place a key, its type, default,
// check, unit, meaning and source are written (MuJoCo mjxmacro style). Each list is an
// X-macro over the keys of one YAML mapping, in file order:
//
//   X(type, name, default, flags, check, unit, description, source)
//
//   type     C++ type of the ScenarioSpec field (aliases below: no commas in a macro arg)
//   name     the YAML key and the field name
//   default  parenthesised initialiser: (0.0015), ("all"), (2.0, 1.0, 0.0, 0.0, 0.0), ()
//   flags    opt (may be left out), req (must be written), own (parsed, emitted or checked
//            by the section's own code: lists of mappings, matrices, cross-field rules)
//   check    the range/value rule, from schema_rows.hpp (probability, share, ...)
//   unit, description, source: documentation ("assumed" says the value is a guess; §
//            refers to ../shared/reference/DOMAIN-FIGURES.md)
//
// Expanded three ways: spec.hpp / providers_spec.hpp / interventions_spec.hpp declare
// the fields with their defaults (WIJKSIM_SPEC_FIELD); scenarios/src/schema.cpp builds
// one row per key that parsing, range checks, scenario.resolved.yaml and the generated
// key reference (docs/scenario-keys.md, tested) all walk.
//
// To add a scalar key: add its row here; use it in compile() and the model.
#include <map>
#include <string>
#include <vector>

namespace wijksim::scenarios {

using Numbers = std::vector<double>;
using Integers = std::vector<long long>;
using Names = std::vector<std::string>;
using NumberMap = std::map<std::string, double>;
using LevelMap = std::map<std::string, int>;
using NamesMap = std::map<std::string, std::vector<std::string>>;
using Matrix = std::vector<std::vector<double>>;

#define WIJKSIM_UNPAREN(...) __VA_ARGS__
// A field of the spec struct, its default from the row.
#define WIJKSIM_SPEC_FIELD(type, name, def, flags, check, unit, description, source) \
  type name{WIJKSIM_UNPAREN def};

// Top level (sections domains:, dynamics:, ... are their own lists below).
#define WIJKSIM_TOP_KEYS(X)                                                                              \
  X(std::string, name, ("scenario"), req, nonempty("a non-empty scenario name"), "", "scenario name", "")  \
  X(std::string, description, (), opt, any(), "", "free text", "")                                       \
  X(unsigned long long, seed, (1), opt, any(), "", "master seed of all random draws", "")                 \
  X(unsigned long long, replication, (0), opt, interval(0, 4294967295.0, "a replication number below 2^32"), \
    "", "replication number (common random numbers)", "")                                                \
  X(long long, weeks, (520), opt,                                                                         \
    interval(1, 4294967295.0, "a number of weeks > 0", "at most 4294967295 weeks"), "weeks",            \
    "simulated horizon", "")

#define WIJKSIM_DOMAIN_KEYS(X)                                                                          \
  X(std::string, name, (), req, own("a unique name"), "", "unique domain name", "")                      \
  X(Numbers, worsen, (), req, own("5 probabilities, worsen[0] = 0"), "/week",                          \
    "P(severity s -> s-1) by severity 1..5", "")                                                       \
  X(Numbers, improve, (), req, own("5 probabilities, improve[4] = 0, worsen[s] + improve[s] <= 1"),    \
    "/week", "P(severity s -> s+1) by severity 1..5", "")                                              \
  X(Numbers, initial, (), req, own("5 shares summing to 1 (1e-9)"), "",                                 \
    "initial severity distribution by severity 1..5", "")

#define WIJKSIM_DYNAMICS_KEYS(X)                                                                        \
  X(Matrix, coupling, (), own, own("n x n numbers >= 0, or []"), "",                                    \
    "coupling[i][j]: a problem in domain j raises the worsening of domain i; [] = none", "")            \
  X(Numbers, problem_weight, (2.0, 1.0, 0.0, 0.0, 0.0), opt, own("5 numbers >= 0"), "",                 \
    "problem intensity by severity 1..5 (coupling weight)", "assumed: acute counts double")            \
  X(double, network_improvement, (0.5), opt, non_negative(), "",                                         \
    "improve *= 1 + this x network strength", "assumed")

#define WIJKSIM_LIFE_EVENT_KEYS(X)                                                                      \
  X(std::string, name, (), req, own("a unique name"), "", "unique event name", "")                       \
  X(double, weekly_rate, (0), req, probability(), "/week", "probability per eligible household", "")     \
  X(std::string, applies_to, ("all"), opt, one_of(event_eligibility_names, "one of"), "",                \
    "who can be hit", "")                                                                                \
  X(LevelMap, severity, (), opt, own("{domain: -4..4}"), "levels",                                      \
    "severity change per domain (negative = worse)", "")                                               \
  X(double, income_factor, (1.0), opt, non_negative(), "", "income multiplied by this", "")              \
  X(double, debt_add, (0), opt, non_negative(), "euros", "new debt", "")                                 \
  X(int, creditors_add, (0), opt, interval(0, 2147483647.0, "a count >= 0"), "", "new creditors", "")    \
  X(std::string, work_status, (), opt, one_of(work_status_names, "empty (unchanged) or one of", true),   \
    "", "new work status (\"\" = unchanged)", "")                                                        \
  X(int, adults_delta, (0), opt, interval(-2, 2, "a change in -2..2"), "", "change in adults", "")       \
  X(int, children_delta, (0), opt, interval(-10, 10, "a change in -10..10"), "", "change in children", "") \
  X(bool, becomes_single_parent_if_children, (false), opt, any(), "",                                    \
    "the household becomes a single-parent household if it has children", "")                        \
  X(bool, clear_debt, (false), opt, any(), "",                                                           \
    "debt and creditors end (repaid, settled or remitted); applied before debt_add", "")               \
  X(LevelMap, severity_at_least, (), opt, own("{domain: 1..5}"), "severity",                            \
    "severity raised to at least this level per domain (after severity:)", "")                         \
  X(LevelMap, severity_at_most, (), opt, own("{domain: 1..5}"), "severity",                             \
    "severity lowered to at most this level per domain (after severity_at_least:)", "")                \
  X(bool, leaves_city, (false), opt, own("true or false; true takes no other effect"), "",                \
    "the household leaves the city (moves out, or its last member dies) and a newcomer household "      \
    "drawn from population: moves into its dwelling with a new id; the week's other effects on it "    \
    "do not apply", "")                                                                            \
  X(std::string, refers_to, (), opt, own("\"\" or the name of a provider in providers:"), "",              \
    "the household is referred to this provider from outside the network (youth health care, school, "  \
    "police, court: ~81% of youth-care referrals, §4.3) and joins its waiting list, if it is in no "     \
    "care and the provider takes it; the week's help-seeking request is then not made", "")

#define WIJKSIM_DEBT_KEYS(X)                                                                            \
  X(bool, enabled, (true), opt, any(), "", "debt module on", "")                                         \
  X(std::string, finances_domain, ("finances"), opt, own("the name of a domain in domains:"), "",        \
    "domain whose severity drives debt (checked when enabled)", "")                                     \
  X(int, grows_at_or_below, (2), opt, interval(1, 5, "a severity in 1..5"), "severity",                  \
    "debt grows while finances is at or below this ...", "")                                            \
  X(double, low_income_threshold, (1800), opt, non_negative(), "euros/month",                            \
    "... and net income is below this", "assumed: near 120% of the social minimum")                     \
  X(double, weekly_growth_rate, (0.0015), opt, probability(), "/week",                                   \
    "multiplicative growth (interest, collection fees)", "assumed: ~8%/year")                           \
  X(double, weekly_arrears, (25), opt, non_negative(), "euros/week", "new arrears per week", "assumed")   \
  X(double, max_debt, (250000), opt, non_negative(), "euros", "cap", "")                                 \
  X(double, initial_mean_if_problem, (40000), opt, non_negative(), "euros",                              \
    "mean initial debt when finances <= 2", "NVVK 2019-2022 average debt (§2.2)")                       \
  X(double, initial_creditors_mean, (13), opt, non_negative(), "creditors",                              \
    "mean initial number of creditors when in debt", "NVVK average creditors (§2.2)")                   \
  X(int, finances_ceiling_in_debt, (5), opt, interval(1, 5, "a severity in 1..5"), "severity",           \
    "while in debt, finances does not improve at or above this level (5: no ceiling)",                   \
    "ZRM anchors (§1.2): 4 manages debts without help, so a problematic debt keeps finances <= 3")

#define WIJKSIM_INCOME_KEYS(X)                                                                          \
  X(double, low_income_mean, (1400), opt, positive(), "euros/month", "mean net income, low income",      \
    "assumed (CBS low-income line)")                                                                     \
  X(double, other_mean, (3300), opt, positive(), "euros/month", "mean net income, other households",     \
    "assumed, CBS median disposable household income")                                                  \
  X(double, benefits_mean, (1300), opt, positive(), "euros/month", "mean net income on benefits",        \
    "bijstand norm for a single adult incl. holiday pay; assumed")                                      \
  X(double, sd_fraction, (0.25), opt, interval(0, 2, "a fraction of the mean in [0, 2]"), "",            \
    "sd of income as a fraction of the mean", "assumed")

#define WIJKSIM_POPULATION_KEYS(X)                                                                      \
  X(double, problem_correlation, (0), opt, below(0, 1, "a correlation in [0, 1)"), "",                   \
    "Gaussian-copula correlation of the initial severities across domains (one latent vulnerability " \
    "per household; each domain's initial distribution is kept exactly); 0 = independent draws",       \
    "the default city uses 0.1, calibrated so multi-problem households stay stationary")            \
  X(double, unemployed_share, (0), opt, share(), "",                                                     \
    "share of the employed households drawn unemployed at week 0 (income x 0.7, WW), so a city with "  \
    "job loss and re-entry starts at its stationary unemployment", "assumed; 0 = everyone employed")

#define WIJKSIM_WIJK_KEYS(X)                                                                            \
  X(std::string, name, (), req, own("a unique name"), "", "unique wijk name", "")                        \
  X(long long, households, (0), req, interval(1, 4294967295.0, "a count > 0 (at most 4294967295)"),      \
    "households", "number of households", "")                                                          \
  X(double, single_parent_share, (0.074), opt, share(), "", "single-parent households", "CBS 2023, §5.2") \
  X(double, couple_share, (0.45), opt, share(), "", "adults == 2 (single_parent + couple <= 1)",          \
    "assumed (CBS: 39.5% one-person)")                                                                   \
  X(double, with_children_share, (0.35), opt, share(), "", "among non-single-parent households (all couples)", "assumed") \
  X(double, low_income_share, (0.08), opt, share(), "", "low-income households",                         \
    "CBS KWB HuishoudensMetEenLaagInkomen, national ~8%")                                               \
  X(double, benefits_share, (0.05), opt, share(), "", "households on benefits",                          \
    "CBS 85585NED, ~397k bijstand / 8.3M households")                                                   \
  X(NumberMap, age_groups,                                                                               \
    ({"age_18_26", 0.07}, {"age_27_44", 0.32}, {"age_45_64", 0.33}, {"age_65_plus", 0.28}), opt,         \
    own("{age_18_26, age_27_44, age_45_64, age_65_plus}: shares, all four, summing to 1 (1e-6)"), "",    \
    "age of the head of household; replaces the default whole", "assumed")                              \
  X(NumberMap, problem_prevalence, (), opt, own("{domain: share}"), "",                                 \
    "share at severity <= 2 per domain (rescales the domain's initial)", "")                            \
  X(double, low_income_risk_ratio, (2.5), opt, positive(), "",                                           \
    "problem prevalence ratio low / other income", "assumed")                                           \
  X(double, network_strength_mean, (0.55), opt, share(), "", "mean network strength", "assumed")         \
  X(double, care_avoidance_mean, (0.3), opt, share(), "", "mean care avoidance", "assumed")

#define WIJKSIM_PROVIDER_KEYS(X)                                                                        \
  X(std::string, name, (), req, own("a unique name"), "", "provider name (used by pathways)", "")        \
  X(std::string, type, ("wijkteam"), opt, elsewhere("a built-in provider type or any other word"), "",   \
    "built-in types are entry points; other words are user types", "")                                 \
  X(Names, wijken, (), opt, elsewhere("[wijk names]"), "", "served wijken; [] = the whole city", "")     \
  X(long long, capacity, (-1), opt, elsewhere("an integer >= 0, or -1"), "clients",                      \
    "concurrent clients; -1 = fte x caseload", "")                                                      \
  X(double, fte, (0), opt, elsewhere("a number >= 0"), "FTE", "used when capacity is not given", "")      \
  X(double, caseload, (0), opt, elsewhere("a number >= 0"), "clients/FTE",                              \
    "capacity = floor(fte x caseload)", "LPBL: 5-7 complex, 30-40 vulnerable")                          \
  X(double, capacity_share, (0), opt, elsewhere("a number >= 0"), "clients/household",                   \
    "> 0: capacity = floor(share x households of the served wijken), resolved per run", "")            \
  X(std::string, duration, ("geometric"), opt, enumeration("geometric | fixed"), "", "service length law", "") \
  X(double, mean_weeks, (12), opt, elsewhere("a number >= 1"), "weeks", "mean service length",           \
    "assumed; OGGZ episodes ~32 weeks (§1.3)")                                                          \
  X(double, dropout_weekly, (0), opt, elsewhere("a probability"), "/week", "leaves service early", "")   \
  X(NumberMap, effects, (), opt, elsewhere("{domain: probability}"), "/week",                            \
    "improvement probability in service (max with the base rate; never from 5)", "")                   \
  X(int, discharge_at_or_above, (0), opt, elsewhere("0..5"), "severity",                                 \
    "end early when every effect domain is >= this; 0 = off", "")                                       \
  X(LevelMap, eligible_if_any, (), opt, elsewhere("{domain: 1..5}"), "severity",                         \
    "takes households with ANY listed domain at or below; {} = anyone", "")                             \
  X(int, min_age, (0), opt, elsewhere("an integer"), "years", "minimum age of the head of household", "") \
  X(int, max_age, (200), opt, elsewhere("an integer"), "years", "maximum age of the head of household", "") \
  X(Names, household_types, (), opt, elsewhere("[single, couple, single_parent, couple_with_children]"), \
    "", "[] = all", "")                                                                                  \
  X(std::string, queue, ("fifo"), opt, enumeration("fifo | severity"), "",                                 \
    "admission order (ties: waiting time, then household id)", "")                                      \
  X(double, cost_per_client_week, (0), opt, elsewhere("a number >= 0"), "euros", "per client-week in service", "") \
  X(double, intake_cost, (0), opt, elsewhere("a number >= 0"), "euros", "once per admission", "")        \
  X(std::string, financier, ("wmo"), opt,                                                                \
    enumeration("wmo | jeugdwet | participatiewet | zvw | wlz | volunteers | household"), "", "who pays", "") \
  X(double, leave_waiting_weekly, (0), opt, elsewhere("a probability in [0, 1]"), "/week",                 \
    "a waiting household gives up (from its second week on the list); 0 = off, no draw", "assumed")     \
  X(double, leave_waiting_avoidance, (0), opt, elsewhere("a factor in [0, 1e6]"), "",                      \
    "patience per household: gives up with leave_waiting_weekly x (1 + this x care_avoidance), at most 1", \
    "assumed")                                                                                           \
  X(double, waiting_worsen_factor, (1), opt, elsewhere("a factor in [0, 1e6]"), "",                        \
    "worsening x this in the effect domains while waiting (worsen + improve <= 1)", "assumed")          \
  X(long long, after_care_weeks, (0), opt, elsewhere("a number of weeks in 0..100000"), "weeks",          \
    "after-care after a service ends without onward referral; 0 = off", "assumed")                      \
  X(double, after_care_worsen_factor, (1), opt, elsewhere("a factor in [0, 1e6]"), "",                     \
    "worsening x this in the effect domains during after-care (0.5: relapse halved)", "assumed")      \
  X(long long, initial_in_service, (0), opt, elsewhere("an integer in 0..2147483647"), "clients",            \
    "in service at week 0 (at most the capacity): the worst-off eligible households first", "assumed")  \
  X(long long, initial_waiting, (0), opt, elsewhere("an integer in 0..2147483647"), "households",            \
    "on the waiting list at week 0, the next worst-off eligible households; 0 = empty list", "assumed")  \
  X(long long, initial_waited_weeks, (0), opt, elsewhere("a number of weeks in 0..100000"), "weeks",         \
    "how long the head of the week-0 list has waited (the rest evenly less); 0 = from week 0", "assumed") \
  X(double, settles_debt, (0), opt, elsewhere("a probability in [0, 1]"), "",                             \
    "a service ended as planned (no dropout) ends debt-free with this probability; 0 = off, no draw", \
    "assumed")

#define WIJKSIM_PATHWAY_KEYS(X)                                                                         \
  X(std::string, from, (), req, elsewhere("a provider name"), "", "referring provider", "")              \
  X(std::string, to, (), req, elsewhere("a provider name"), "", "receiving provider", "")                \
  X(std::string, trigger, ("discharge"), opt, enumeration("intake | discharge"), "",                       \
    "intake: assessed and passed on without service; discharge: at the end of service", "")            \
  X(LevelMap, condition, (), opt, elsewhere("{domain: 1..5}"), "severity",                               \
    "ALL must hold (domain at or below)", "")                                                           \
  X(double, probability, (1.0), opt, elsewhere("a probability"), "",                                     \
    "alternatives from one provider and trigger share one draw (sum <= 1)", "")                        \
  X(long long, delay_weeks, (0), opt, elsewhere("an integer >= 0"), "weeks",                             \
    "in transit this long; 0 = joins the queue the same week", "")                                      \
  X(double, loss, (0.0), opt, elsewhere("a probability"), "",                                            \
    "never arrives (counted as lost at the destination)", "")                                           \
  X(bool, continuity, (false), opt, any(), "", "the referring generalist stays case manager", "")

#define WIJKSIM_HELP_SEEKING_KEYS(X)                                                                    \
  X(bool, enabled, (true), opt, any(), "", "help-seeking on", "")                                        \
  X(Numbers, weekly_by_worst, (0.01, 0.004, 0, 0, 0), opt, elsewhere("5 probabilities"), "/week",        \
    "P(ask for help) by worst severity 1..5, households not in care",                                   \
    "assumed: NVVK registrations ~1% of households per year, 12-15% of the debt stock (§2.1)")         \
  X(double, avoidance_effect, (1.0), opt, elsewhere("a number >= 0"), "",                                \
    "p x= 1 - this x care_avoidance", "assumed")                                                        \
  X(NamesMap, entry, (), opt, elsewhere("{domain: [provider types]}"), "",                               \
    "entry point by the domain of the worst problem", "")                                               \
  X(Names, default_entry, ("wijkteam"), opt, elsewhere("[provider types]"), "",                          \
    "entry point for domains without an entry row", "")

#define WIJKSIM_INTERVENTION_KEYS(X)                                                                    \
  X(std::string, type, (), req, own("an intervention type"), "",                                        \
    "the mechanism (models/src/interventions/<type>.cpp)", "")                                          \
  X(std::string, name, (), req, own("a unique non-empty name"), "", "intervention name", "")            \
  X(long long, start_week, (1), opt, own("a week >= 1"), "week", "first week active", "")               \
  X(long long, end_week, (-1), opt, own("-1 (until the end) or a week >= start_week"), "week",           \
    "last week active; -1 = until the end of the run", "")                                              \
  X(TargetSpec, target, (), own, own("a target mapping, or `all`"), "", "who it may reach (target.* below)", "") \
  X(double, budget, (-1), opt, own("-1 (no budget) or euros >= 0"), "euros",                            \
    "spending cap; -1 = no budget", "")                                                                  \
  X(std::string, financier, ("municipality"), opt, own("a financier"), "",                               \
    "who pays the intervention's own costs", "")

#define WIJKSIM_TARGET_KEYS(X)                                                                          \
  X(bool, all, (false), opt, own("`all: true` alone"), "", "explicitly everybody (no other key allowed)", "") \
  X(Names, wijken, (), opt, own("[wijk names]"), "", "[] = every wijk", "")                              \
  X(Integers, age, (), opt, own("[min, max]"), "years", "head of household, inclusive; [] = any", "")    \
  X(Names, household_types, (), opt, own("[single, couple, single_parent, couple_with_children]"), "",   \
    "[] = any", "")                                                                                      \
  X(LevelMap, domains, (), opt, own("{domain: 1..5}"), "severity", "ANY domain at or below; {} = any", "") \
  X(Numbers, income, (), opt, own("[min, max]"), "euros/month", "net income range; [] = any", "")        \
  X(Numbers, debt, (), opt, own("[min, max]"), "euros", "debt range; [] = any", "")

#define WIJKSIM_COSTS_KEYS(X)                                                                           \
  X(bool, enabled, (true), opt, any(), "", "cost accounting on", "")                                     \
  X(double, discount_rate, (0.0225), opt, own("a yearly rate in [0, 1]"), "/year", "discount rate",     \
    "Dutch MKBA guideline rate (§3.3)")

#define WIJKSIM_SOCIETAL_COST_KEYS(X)                                                                   \
  X(std::string, name, (), req, own("a unique name"), "", "event name", "")                              \
  X(LevelMap, when, (), opt, own("{domain: 1..5}"), "severity", "ALL domains at or below these levels", "") \
  X(std::string, work_status, (), opt, own("\"\" or a work status"), "", "\"\" = any", "")               \
  X(bool, needs_children, (false), opt, any(), "", "only households with children", "")                  \
  X(bool, needs_debt, (false), opt, any(), "",                                                            \
    "only households in debt (debt > 0 or arrears growing this week)", "")                              \
  X(double, weekly_probability, (0), req, own("a probability in [0, 1]"), "/week",                      \
    "P(event) per eligible household-week", "")                                                         \
  X(double, unit_cost, (0), req, own("euros >= 0"), "euros", "cost per event", "")                       \
  X(std::string, financier, ("municipality"), opt, own("a financier"), "", "who pays", "")

}  // namespace wijksim::scenarios
