"""A 2-variant experiment from Python: sweep into a results store, compare; the same
numbers as the CLI's `wijksim compare --csv` on the same store."""
import pandas as pd
import pytest

import wijksim
from conftest import TINY

EXPERIMENT = f"""\
name: py-two-variants
seed: 11
replications: 4
scenario: {TINY}
variants:
  baseline: {{}}
  strong_network: {{dynamics.network_improvement: 1.5}}
outputs: {{metrics: [multi_problem, total_debt], every: 13}}
"""


@pytest.fixture
def experiment(tmp_path):
    path = tmp_path / "exp.yaml"
    path.write_text(EXPERIMENT)
    return path


def test_sweep_and_compare(experiment, tmp_path, cli):
    store = tmp_path / "exp.sqlite"
    runs = wijksim.sweep(experiment, out=store, threads=2)
    assert runs.attrs["runs_executed"] == 8 and runs.attrs["path"] == str(store)
    # run_id order, replication-major (replications can be appended): both variants of r, then r + 1.
    assert list(runs.variant) == ["baseline", "strong_network"] * 4
    assert list(runs.replication) == [0, 0, 1, 1, 2, 2, 3, 3]
    assert (runs.seed == 11).all()  # common random numbers: one seed for every run
    assert {"multi_problem", "multi_problem.mean", "total_debt", "total_debt.mean"} <= set(runs.columns)

    table = wijksim.compare(store, baseline="baseline", metrics=["multi_problem.mean", "total_debt"])
    assert list(table.metric) == ["multi_problem.mean", "total_debt"]
    assert (table.variant == "strong_network").all() and (table.n == 4).all()
    # The comparison is the paired difference of the per-run values shown by sweep().
    base = runs[runs.variant == "baseline"].total_debt.to_numpy()
    strong = runs[runs.variant == "strong_network"].total_debt.to_numpy()
    row = table[table.metric == "total_debt"].iloc[0]
    assert row["difference"] == pytest.approx((strong - base).mean(), rel=1e-12, abs=1e-9)
    assert row["ci_low"] <= row["difference"] <= row["ci_high"]

    assert_equals_cli_csv(table, cli, tmp_path, "compare", store, "--baseline", "baseline",
                          "--metric", "multi_problem.mean", "--metric", "total_debt")


def assert_equals_cli_csv(table, cli, tmp_path, *args):
    """`table` has the columns of the CLI's `--csv` file for `args` and every cell exactly."""
    csv = tmp_path / "cli.csv"
    result = cli(*args, "--csv", csv)
    assert result.returncode == 0, result.stderr
    expected = pd.read_csv(csv, float_precision="round_trip", keep_default_na=False, na_values=[""])  # %.17g: exact
    assert list(expected.columns) == list(table.columns)
    assert len(expected) == len(table) > 0
    for column in expected.columns:
        for ours, theirs in zip(table[column], expected[column]):
            assert (pd.isna(ours) and pd.isna(theirs)) if pd.isna(theirs) else ours == theirs, column


def test_store_errors_are_python_exceptions(experiment, tmp_path):
    store = tmp_path / "exp.sqlite"
    wijksim.sweep(experiment, out=store)
    with pytest.raises(wijksim.StoreError):
        wijksim.sweep(experiment, out=store)  # exists, no resume
    again = wijksim.sweep(experiment, out=store, resume=True)
    assert again.attrs["runs_executed"] == 0 and len(again) == 8
    experiment.write_text(EXPERIMENT.replace("replications: 4", "replications: 5"))
    more = wijksim.sweep(experiment, out=store, resume=True)  # raising replications appends runs
    assert more.attrs["runs_executed"] == 2 and len(more) == 10
    experiment.write_text(EXPERIMENT.replace("seed: 11", "seed: 12"))
    with pytest.raises(wijksim.ExperimentMismatch):
        wijksim.sweep(experiment, out=store, resume=True)
    with pytest.raises(wijksim.StoreError, match="nope"):
        wijksim.compare(store, baseline="nope")


def test_bad_experiment_file_raises_scenario_error(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(f"scenario: {TINY}\nvariants:\n  more: {{debt.weekly_arrears: -5}}\n")
    with pytest.raises(wijksim.ScenarioError) as info:
        wijksim.sweep(path, out=tmp_path / "bad.sqlite")
    issue = info.value.issues[0]
    assert issue.file == str(path) and issue.line == 3
    assert "variants.more -> debt.weekly_arrears" in issue.key_path


SWEEP = f"""\
name: py-sweep
seed: 3
replications: 2
scenario: {TINY}
variants:
  baseline: {{}}
  strong_network: {{dynamics.network_improvement: 1.5}}
sweep:
  design: grid
  parameters:
    debt.weekly_arrears: {{values: [0.5, 2.0]}}
    population.wijken[0].households: {{range: [100, 201], levels: 2, integer: true}}
outputs: {{metrics: [multi_problem, total_debt], every: 13}}
"""


def test_sweep_rows_carry_point_parameter_values(tmp_path):
    import sqlite3

    path = tmp_path / "sweep.yaml"
    path.write_text(SWEEP)
    store = tmp_path / "sweep.sqlite"
    runs = wijksim.sweep(path, out=store)
    keys = ["debt.weekly_arrears", "population.wijken[0].households"]
    assert list(runs.columns[:7]) == ["run_id", "variant", "point", "replication", "seed", *keys]
    assert len(runs) == 2 * 4 * 2
    assert runs[keys[1]].dtype == "int64" and runs[keys[0]].dtype == "float64"
    # The values the store holds for each run's point, read with SQL, not through wijksim.
    con = sqlite3.connect(store)
    stored = {(point, key): value for point, key, value in con.execute(
        "SELECT v.point_id, p.key_path, v.value FROM point_values v JOIN parameters p USING (parameter_id)")}
    for _, row in runs.iterrows():
        for key in keys:
            assert row[key] == stored[(row.point, key)]
    assert sorted(set(zip(runs[keys[0]], runs[keys[1]]))) == [(0.5, 100), (0.5, 201), (2.0, 100), (2.0, 201)]


# Two years of the tiny city with a provider network and the default outputs (financiers'
# yearly costs and societal costs included), two sweep points.
YEARLY = f"""\
name: py-yearly
seed: 5
replications: 3
scenario:
  extends: {TINY}
  name: tiny-with-providers
  weeks: 104
  providers:
    - {{name: wijkteam, type: wijkteam, capacity: 4, mean_weeks: 12, effects: {{finances: 0.02}}}}
    - {{name: credit_bank, type: credit_bank, capacity: 4, mean_weeks: 20, financier: wmo,
       cost_per_client_week: 45, intake_cost: 250, effects: {{finances: 0.03}}}}
  help_seeking:
    weekly_by_worst: [0.05, 0.02, 0, 0, 0]
    entry: {{finances: [credit_bank, wijkteam]}}
variants:
  baseline: {{}}
  bigger_credit_bank: {{providers.credit_bank.capacity: 12}}
sweep:
  design: grid
  parameters: {{dynamics.network_improvement: {{values: [0.5, 1.0]}}}}
"""


@pytest.fixture(scope="module")
def yearly_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("yearly")
    (folder / "yearly.yaml").write_text(YEARLY)
    wijksim.sweep(folder / "yearly.yaml", out=folder / "yearly.sqlite", threads=2)
    return folder / "yearly.sqlite"


def test_compare_per_point_and_year_equals_cli(yearly_store, cli, tmp_path):
    metrics = ["care.waiting", "providers.credit_bank.wait_mean", "financiers.wmo.costs"]
    table = wijksim.compare(yearly_store, metrics=metrics, per_year=True)
    assert set(table.year) == {1, 2} and set(table.point) == {0, 1}
    assert set(table["dynamics.network_improvement"]) == {0.5, 1.0}
    assert table.attrs["runs_done"] == table.attrs["runs_total"] == 12 and not table.attrs["partial"]
    assert table.attrs["paired"]  # common random numbers: paired t intervals
    args = [a for m in metrics for a in ("--metric", m)]
    assert_equals_cli_csv(table, cli, tmp_path, "compare", yearly_store, "--per-year", *args)
    pooled = wijksim.compare(yearly_store, metrics=metrics, year=2, pool=True)
    assert (pooled.n == 6).all()  # 3 replications x 2 points
    assert_equals_cli_csv(pooled, cli, tmp_path, "compare", yearly_store, "--year", 2, "--pool", *args)
    with pytest.raises(ValueError, match="at most one"):
        wijksim.compare(yearly_store, at_week=10, per_year=True)


def test_who_pays_equals_cli(yearly_store, cli, tmp_path):
    table = wijksim.who_pays(yearly_store)
    wmo = table[(table.financier == "wmo") & (table.point == 0)]
    assert list(wmo.period) == ["year", "year", "discounted_total"]
    assert_equals_cli_csv(table, cli, tmp_path, "compare", yearly_store, "--financiers")


def sweep_design(tmp_path, design):
    path = tmp_path / f"{design}.yaml"
    path.write_text(f"""\
name: py-{design}
seed: 2
replications: 1
scenario: {TINY}
variants: {{baseline: {{}}}}
sweep:
  design: {design}
  samples: {8 if design == "sobol" else 4}
  parameters:
    dynamics.network_improvement: {{range: [0.3, 1.5]}}
    debt.weekly_arrears: {{range: [0.5, 3.0]}}
outputs: {{metrics: [multi_problem], every: 52}}
""")
    store = tmp_path / f"{design}.sqlite"
    wijksim.sweep(path, out=store, threads=2)
    return store


def printed_rows(stdout):
    """The CLI table's parameter rows: name -> numbers as printed."""
    rows = {}
    for line in stdout.splitlines():
        cells = line.replace("[", " ").replace("]", " ").replace(",", " ").split()
        if cells and cells[0] in ("dynamics.network_improvement", "debt.weekly_arrears"):
            rows[cells[0]] = cells[1:]
    return rows


def test_sensitivity_sobol_and_morris_equal_cli(tmp_path, cli):
    # The CLI prints a table (no --csv): every Python number, printed with the CLI's format,
    # equals its cell.
    sobol = sweep_design(tmp_path, "sobol")
    with pytest.warns(UserWarning, match="base samples"):  # N = 8 is far too few: the CLI warns too
        table = wijksim.sensitivity(sobol, "multi_problem.mean")
    assert table.attrs["design"] == "sobol" and table.attrs["base_samples"] == 8
    assert table.S1.notna().all() and table.attrs["variance"] > 0
    printed = printed_rows(cli("sensitivity", sobol, "--metric", "multi_problem.mean").stdout)
    columns = ["S1", "S1_ci_low", "S1_ci_high", "ST", "ST_ci_low", "ST_ci_high"]
    for _, row in table.iterrows():
        assert [f"{row[c]:.4f}" for c in columns] == printed[row.parameter]

    morris = sweep_design(tmp_path, "morris")
    with pytest.warns(UserWarning):
        table = wijksim.sensitivity(morris, "multi_problem.mean")
    assert table.attrs["design"] == "morris" and table.attrs["trajectories"] == 4
    printed = printed_rows(cli("sensitivity", morris, "--metric", "multi_problem.mean").stdout)
    assert len(printed) == len(table) == 2 and (table.mu_star > 0).any()
    for _, row in table.iterrows():
        assert ["%.6g" % row[c] for c in ("mu", "mu_star", "sigma")] == printed[row.parameter]
