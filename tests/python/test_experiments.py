"""A 2-variant experiment from Python: sweep into a results store, compare; the same
numbers as the CLI's `wijksim compare --csv` on the same store."""
import math

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

    csv = tmp_path / "cli.csv"
    result = cli("compare", store, "--baseline", "baseline", "--metric", "multi_problem.mean",
                 "--metric", "total_debt", "--csv", csv)
    assert result.returncode == 0, result.stderr
    expected = pd.read_csv(csv, float_precision="round_trip")  # %.17g cells: exact
    assert list(expected.columns) == list(table.columns)
    for column in expected.columns:
        for ours, theirs in zip(table[column], expected[column]):
            assert ours == theirs or (isinstance(ours, float) and math.isnan(ours) and math.isnan(theirs))


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
