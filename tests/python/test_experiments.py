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
    assert list(runs.variant) == ["baseline"] * 4 + ["strong_network"] * 4
    assert list(runs.replication) == [0, 1, 2, 3] * 2
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
