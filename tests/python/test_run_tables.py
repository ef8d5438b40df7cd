"""wijksim.run's tables besides the time series: providers, costs per financier,
interventions and vs_baseline hold exactly the CLI's providers.csv and summary.json
figures for the same scenario and seed, and vs_baseline equals an independent
recomputation from two runs."""
import json

import numpy as np
import pandas as pd
import pytest

import wijksim
from conftest import SOURCE_DIR

PROGRAMME = SOURCE_DIR / "scenarios" / "programmes" / "welzijn-op-recept.yaml"
WEEKS = 20


def same(ours, theirs):
    """Exact equality; missing equals missing (NaN, <NA>, None)."""
    if pd.isna(theirs):
        return pd.isna(ours)
    return ours == theirs


@pytest.fixture(scope="module")
def programme():
    return wijksim.load_scenario(PROGRAMME, set={"weeks": WEEKS})


@pytest.fixture(scope="module")
def result(programme):
    return wijksim.run(programme, threads=2)


@pytest.fixture
def cli_run(cli, tmp_path):
    out = tmp_path / "cli"
    done = cli("run", PROGRAMME, "--out", out, "--weeks", WEEKS, "--threads", 1)
    assert done.returncode == 0, done.stderr
    return out


def test_providers_equal_cli_providers_csv(result, cli_run):
    path = cli_run / "providers.csv"
    expected = pd.read_csv(path, float_precision="round_trip", keep_default_na=False, na_values=[""])
    ours = result.providers
    assert list(ours.columns) == path.read_text().splitlines()[0].split(",")
    assert len(ours) == len(expected) == WEEKS * expected.provider.nunique()
    for column in expected.columns:
        for a, b in zip(ours[column], expected[column]):
            assert same(a, b), column
    # Names are text, counts integers (even where the file has no cell), means floats.
    assert ours.provider.dtype == object and ours.admissions.dtype == np.int64
    assert ours.wait_mean.dtype == np.float64


def test_costs_interventions_vs_baseline_equal_summary_json(result, cli_run):
    costs = json.loads((cli_run / "summary.json").read_text())["costs"]
    assert result.discount_rate == costs["discount_rate"]
    financiers = {k: v for k, v in costs["vs_baseline"].items() if isinstance(v, dict)}
    for table, block in ((result.costs, costs["per_financier"]), (result.vs_baseline, financiers)):
        assert sorted(table.financier) == sorted(block)
        assert list(table.financier)[-1] == "all"
        assert set(table.columns[1:]) == {key for row in block.values() for key in row}
        for _, row in table.iterrows():
            expected = block[row.financier]
            for key in table.columns[1:]:
                assert same(row[key], expected.get(key)), (row.financier, key)
    outcomes = costs["vs_baseline"]["outcomes"]
    assert list(result.vs_baseline_outcomes.name) == [o["name"] for o in outcomes]
    for (_, row), expected in zip(result.vs_baseline_outcomes.iterrows(), outcomes):
        for key, value in expected.items():
            assert same(row[key], value), key
    assert list(result.interventions.name) == [i["name"] for i in costs["interventions"]]
    for (_, row), expected in zip(result.interventions.iterrows(), costs["interventions"]):
        assert set(result.interventions.columns) == set(expected)
        for key, value in expected.items():
            assert same(row[key], value), key


def test_vs_baseline_is_variant_minus_a_separate_baseline_run(programme, result):
    # The baseline recomputed here: the same city and seed with the interventions removed.
    base = wijksim.run(wijksim.load_scenario(PROGRAMME, set={"weeks": WEEKS, "interventions": []})).costs
    variant = wijksim.run(programme, baseline=False).costs
    assert base.financier.tolist() == variant.financier.tolist()
    spending = ["intervention", "provider", "repayment"]
    vs = result.vs_baseline.set_index("financier")
    for (_, b), (_, v) in zip(base.iterrows(), variant.iterrows()):
        costs = v[spending].sum() - b[spending].sum()
        avoided = b.societal - v.societal
        row = vs.loc[v.financier]
        # Tables hold euros from integer cents: the recomputation is exact to a cent's rounding.
        assert row.costs == pytest.approx(costs, abs=0.005)
        assert row.avoided == pytest.approx(avoided, abs=0.005)
        assert row.net == pytest.approx(avoided - costs, abs=0.005)
    assert vs.loc["wmo", "costs"] > 0  # the programme's financier pays for it


def test_baseline_false_and_no_interventions_give_none(programme, tiny):
    skipped = wijksim.run(programme, weeks=2, baseline=False)
    assert skipped.vs_baseline is None and skipped.vs_baseline_outcomes is None
    assert len(skipped.interventions) == 1
    plain = wijksim.run(tiny, weeks=2)
    assert plain.providers is None and plain.interventions is None and plain.vs_baseline is None
    assert plain.costs.financier.tolist()[-1] == "all"
