"""wijksim.Simulation: stepping, determinism across thread counts, numpy state views."""
import numpy as np
import pytest

import wijksim
from conftest import TINY

FNV_OFFSET, FNV_PRIME, MASK = 14695981039346656037, 1099511628211, (1 << 64) - 1


def fnv1a64(data: bytes, h: int) -> int:
    for byte in data:
        h = ((h ^ byte) * FNV_PRIME) & MASK
    return h


def python_state_hash(sim) -> int:
    """engine/src/state.cpp's state_hash, recomputed from the numpy views alone: sizes, then
    each registered array's name and bytes in registry order. Equal only if every array is
    exposed, in order, with its exact type and contents."""
    state = sim.state
    severity = state["severity"]
    h = fnv1a64(np.uint64(severity.shape[0]).tobytes(), FNV_OFFSET)
    h = fnv1a64(np.int32(severity.shape[1]).tobytes(), h)
    for name, array in state.items():
        h = fnv1a64(name.encode(), h)
        h = fnv1a64(np.ascontiguousarray(array).tobytes(), h)
    return h


def test_state_hash_equal_for_1_and_2_threads_and_differs_by_seed():
    scenario = wijksim.load_scenario(TINY, set={"population.wijken[0].households": 20000})
    hashes = {}
    for threads, seed in [(1, 5), (2, 5), (1, 6)]:
        sim = wijksim.Simulation(scenario, threads=threads, seed=seed)
        sim.run(26)
        assert sim.week == 26 and sim.seed == seed
        hashes[(threads, seed)] = sim.state_hash()
    assert hashes[(1, 5)] == hashes[(2, 5)]
    assert hashes[(1, 5)] != hashes[(1, 6)]  # negative control: the hash does see the state


def test_views_cover_every_registered_array_exactly(tiny):
    sim = wijksim.Simulation(tiny)
    sim.run(10)
    assert python_state_hash(sim) == sim.state_hash()
    state = sim.state
    assert state["severity"].shape == (300, 4) and state["severity"].dtype == np.uint8
    assert state["debt"].dtype == np.int64 and state["wijk"].dtype == np.uint16
    assert all(not a.flags.writeable for a in state.values())
    with pytest.raises(ValueError):
        state["severity"][0, 0] = 1


def test_views_agree_with_metrics_and_follow_the_simulation(tiny):
    sim = wijksim.Simulation(tiny, threads=2)
    sim.initialise()
    live = sim.state["severity"]
    at_start = live.copy()
    sim.run(52)
    assert np.array_equal(live, sim.state["severity"])  # the same memory, not a copy
    assert not np.array_equal(live, at_start)           # 52 weeks of 300 households change something
    m = sim.metrics()
    assert m["week"] == 52
    counts = np.stack([(live == s).sum(axis=0) for s in range(1, 6)], axis=1)
    assert np.array_equal(counts, m["all"]["severity"])
    state = sim.state
    assert int(state["debt"].sum()) == m["all"]["total_debt"]
    assert int((state["debt"] > 0).sum()) == m["all"]["households_in_debt"]
    arm = state["wijk"] == 0
    assert int(arm.sum()) == m["wijk"]["arm"]["households"] == 180
    problems = (live <= 2).sum(axis=1)
    assert int((problems >= 3).sum()) == m["all"]["multi_problem"]


def test_views_keep_the_simulation_alive(tiny):
    sim = wijksim.Simulation(tiny)
    sim.run(3)
    severity = sim.state["severity"]
    expected = severity.copy()
    del sim
    assert np.array_equal(severity, expected)


def test_misuse_raises_python_errors(tiny):
    sim = wijksim.Simulation(tiny)
    for call in (sim.step, sim.metrics, sim.state_hash, lambda: sim.state):
        with pytest.raises(RuntimeError, match="initialise"):
            call()
    with pytest.raises(ValueError, match="threads"):
        wijksim.Simulation(tiny, threads=0)


def test_replication_changes_the_streams(tiny):
    a = wijksim.Simulation(tiny, replication=0)
    b = wijksim.Simulation(tiny, replication=1)
    a.run(20)
    b.run(20)
    assert b.replication == 1 and a.state_hash() != b.state_hash()


def test_one_household_kernel_for_every_scenario(tiny):
    assert not hasattr(wijksim.Simulation(tiny), "household_kernel")  # issue 12: nothing to choose
    ref = wijksim.load_scenario(TINY.parent / "households-ref.yaml",
                                set={"population.wijken[0].households": 2000})
    one, two = wijksim.Simulation(ref, threads=1), wijksim.Simulation(ref, threads=2)
    one.run(4)
    two.run(4)
    assert two.week == 4 and one.state_hash() == two.state_hash()


def test_weekly_financier_money_is_euros_as_in_timeseries_csv():
    """metrics()['financier_eur'] is the week's provider-network spending per financier in
    euros: the same numbers as the run's cost_<financier>_eur columns (city rows)."""
    scenario = wijksim.default_scenario(set={"weeks": 6})
    sim = wijksim.Simulation(scenario)
    sim.initialise()
    weekly = []
    for _ in range(6):
        sim.step()
        weekly.append(sim.metrics()["financier_eur"])
    series = wijksim.run(scenario).timeseries
    city = series[series.wijk == "all"].set_index("week")
    for week, eur in enumerate(weekly, start=1):
        for financier, value in eur.items():
            column = f"cost_{financier}_eur"
            if column in city.columns:
                assert value == pytest.approx(float(city.loc[week, column]), abs=0.005)
    assert any(v > 0 for eur in weekly for v in eur.values())
