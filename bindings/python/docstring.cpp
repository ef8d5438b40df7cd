// help(wijksim): the module docstring with a worked example. tests/python/test_docstring.py
// runs the example as a doctest, so it cannot drift from the API.
#include "module.hpp"

namespace wijksim::python {

const char* module_docstring() {
  return R"doc(wijksim: agent-based simulation of households in the Dutch social domain.

Thin bindings over the C++ API, with the CLI's names: load_scenario, default_scenario,
Simulation, run, bench, sweep, compare, who_pays, sensitivity, outcomes. Tables are pandas
DataFrames (dicts of numpy arrays without pandas); long calls release the GIL.

Worked example
--------------
Run the default city (50,000 households) for a year and read the tables `wijksim run`
writes to timeseries.csv, providers.csv and summary.json:

>>> import pathlib, tempfile, wijksim
>>> city = wijksim.default_scenario(set={"weeks": 52})
>>> r = wijksim.run(city, threads=2)
>>> city_rows = r.timeseries[r.timeseries.wijk == "all"]       # one row per week 0..52
>>> len(city_rows)
53
>>> waits = r.providers.groupby("provider").wait_mean.mean()   # weeks waited, per provider
>>> bool(waits.notna().any())
True
>>> costs = r.costs.set_index("financier")     # euros per financier and cost category
>>> bool(costs.loc["wmo", "total"] > 0)
True
>>> r.vs_baseline is None                      # no interventions: nothing to compare
True

A small experiment: a variant with more debt counselling, at two sweep points, three
replications each (common random numbers: replication r of both variants shares its
random streams, so the paired difference isolates the policy):

>>> work = pathlib.Path(tempfile.mkdtemp())
>>> small = wijksim.default_scenario(set={"weeks": 52})
>>> _ = (work / "city.yaml").write_text(small.resolved_yaml())
>>> _ = (work / "exp.yaml").write_text('''
... name: more-debt-counselling
... seed: 1
... replications: 3
... scenario: city.yaml
... variants:
...   baseline: {}
...   more_schuldhulp: {providers.schuldhulp.capacity: 800}
... sweep:
...   design: grid
...   parameters: {dynamics.network_improvement: {values: [0.5, 1.0]}}
... ''')
>>> runs = wijksim.sweep(work / "exp.yaml", out=work / "exp.sqlite", threads=2)
>>> len(runs)                                  # 2 variants x 2 points x 3 replications
12
>>> sorted(runs["dynamics.network_improvement"].unique())   # the point's parameter value
[0.5, 1.0]
>>> table = wijksim.compare(work / "exp.sqlite", baseline="baseline", metrics=["total_debt"])
>>> row = table.iloc[0]                        # paired difference and its 95% CI
>>> bool(row.ci_low <= row.difference <= row.ci_high)
True

Who pays, who gains: per financier, the paired costs, avoided costs and net in euros with
95% CIs, per complete year, then discounted over the run:

>>> money = wijksim.who_pays(work / "exp.sqlite")
>>> wmo = money[(money.financier == "wmo") & (money.point == 0)]
>>> list(wmo.period), list(wmo.n)
(['year', 'discounted_total'], [3, 3])
>>> year1 = wmo.iloc[0]
>>> bool(year1.net_eur_ci_low <= year1.net_eur <= year1.net_eur_ci_high)
True
)doc";
}

}  // namespace wijksim::python
