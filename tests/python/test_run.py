"""wijksim.run: the time series equals the CLI's timeseries.csv for the same scenario/seed
(the other tables of a run: test_run_tables.py)."""
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
import pandas as pd

import wijksim
from conftest import TINY


def write_like_cli(frame: pd.DataFrame, path) -> bytes:
    # Money columns are euros with cents (the file's "%.2f"); every other number is an integer.
    frame.to_csv(path, index=False, lineterminator="\n", float_format="%.2f")
    return path.read_bytes()


def test_tiny_equals_cli_timeseries_byte_for_byte(cli, tmp_path):
    out = tmp_path / "cli"
    result = cli("run", TINY, "--out", out, "--seed", 7, "--threads", 1)
    assert result.returncode == 0, result.stderr
    # Python passes the seed as a run option (not a YAML override) and uses 2 threads:
    # neither may change a byte.
    frame = wijksim.run(wijksim.load_scenario(TINY), threads=2, seed=7).timeseries
    assert len(frame) == 53 * 3  # weeks 0..52, wijken arm, rijk and `all`
    assert write_like_cli(frame, tmp_path / "py.csv") == (out / "timeseries.csv").read_bytes()


def test_default_city_with_providers_equals_cli(cli, tmp_path):
    out = tmp_path / "cli"
    result = cli("run", "--out", out, "--weeks", 6, "--threads", 2)
    assert result.returncode == 0, result.stderr
    frame = wijksim.run(wijksim.default_scenario(), weeks=6).timeseries
    # Provider columns are city-wide: missing in wijk rows (empty cells in the file).
    assert frame["waiting"].dtype == "Int64"
    assert frame.loc[frame.wijk != "all", "waiting"].isna().all()
    assert frame.loc[frame.wijk == "all", "waiting"].notna().all()
    assert write_like_cli(frame, tmp_path / "py.csv") == (out / "timeseries.csv").read_bytes()


def test_columns_follow_the_scenario(tiny):
    frame = wijksim.run(tiny, weeks=2).timeseries
    severity = [f"{d}_s{s}" for d in tiny.domains for s in range(1, 6)]
    events = [f"events_{e}" for e in tiny.events]
    population = ["persons", "employed", "unemployed", "households_with_children", "departures", "arrivals",
                  "persons_departed", "persons_arrived", "on_benefits"]
    expected = ["week", "wijk", "households", *severity, "multi_problem", "total_debt_eur", "households_in_debt", *events,
                *population]
    assert list(frame.columns) == expected
    city = frame[frame.wijk == "all"]
    assert (city.households == 300).all()
    # Every domain's five severity counts add up to the households of the row.
    for d in tiny.domains:
        assert (frame[[f"{d}_s{s}" for s in range(1, 6)]].sum(axis=1) == frame.households).all()


def test_without_pandas_returns_numpy_arrays():
    code = textwrap.dedent(f"""
        import sys
        sys.modules["pandas"] = None  # import pandas now raises ImportError
        import numpy as np, wijksim
        result = wijksim.run(wijksim.default_scenario(set={{"population.wijken[0].households": 50}}), weeks=1)
        table = result.timeseries
        assert isinstance(result.costs, dict) and result.costs["financier"][-1] == "all"
        assert isinstance(table, dict), type(table)
        assert table["week"].dtype == np.int64 and list(table["week"][-1:]) == [1]
        assert isinstance(table["waiting"], np.ma.MaskedArray)
        assert table["waiting"].mask[0] and not table["waiting"].mask[-1]
        print("ok")
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


def test_bench_reports_the_cli_keys(tiny):
    r = wijksim.bench(tiny, households=1000, weeks=2, repeats=2)
    assert r["households"] == 1000 and r["weeks"] == 2 and r["repeats"] == 2
    assert len(r["steps_per_second"]) == 2
    assert 0 < r["min_steps_per_second"] <= r["median_steps_per_second"] <= r["max_steps_per_second"]
    assert r["engine"]["git_hash"] == wijksim.git_hash
    assert "kernel" not in r  # one household kernel (issue 12)
    assert 1 <= r["final_mean_severity"] <= 5 and 0 <= r["final_share_any_domain_le2"] <= 1
    with pytest.raises(TypeError):
        wijksim.bench(tiny, households=1000, weeks=1, repeats=1, kernel="dense")
