"""Scenario loading from Python: names, overrides, resolved YAML, ScenarioError."""
import pytest

import wijksim
from conftest import MALFORMED, TINY


def test_version_and_git_hash():
    assert wijksim.__version__.count(".") == 2
    assert isinstance(wijksim.git_hash, str) and wijksim.git_hash


def test_tiny_scenario_attributes(tiny):
    assert tiny.name == "tiny"
    assert tiny.domains == ["finances", "work_education", "mental_health", "social_network"]
    assert tiny.households == 300          # 180 + 120 in tiny.yaml
    assert tiny.wijken == ["arm", "rijk"]
    assert tiny.weeks == 52 and tiny.seed == 42


def test_set_overrides_use_python_types():
    s = wijksim.load_scenario(TINY, set={"population.wijken[0].households": 500, "weeks": 8,
                                         "debt.enabled": False, "name": "tiny-500"})
    assert s.households == 620 and s.weeks == 8 and s.name == "tiny-500"
    assert "enabled: false" in s.resolved_yaml()


def test_resolved_yaml_loads_to_the_same_scenario(tiny, tmp_path):
    path = tmp_path / "resolved.yaml"
    path.write_text(tiny.resolved_yaml())
    again = wijksim.load_scenario(path)
    assert again.resolved_yaml() == tiny.resolved_yaml()


def test_default_scenario_is_the_embedded_city():
    city = wijksim.default_scenario(set={"weeks": 4})
    assert city.households == 50000 and len(city.domains) == 13 and city.weeks == 4


def test_malformed_file_raises_scenario_error_with_position():
    path = MALFORMED / "01-wrong-type-households.yaml"
    with pytest.raises(wijksim.ScenarioError) as info:
        wijksim.load_scenario(path)
    error = info.value
    assert isinstance(error, ValueError)
    assert len(error.issues) == 1
    issue = error.issues[0]
    assert issue.file == str(path)
    assert issue.line == 15 and issue.column == 19  # `households: many` in the file
    assert issue.key_path == "population.wijken[0].households"
    assert issue.got == "'many'" and "whole number" in issue.expected
    assert f"{path}:15:19: population.wijken[0].households" in str(error)


def test_every_malformed_file_raises_scenario_error_not_a_crash():
    files = sorted(MALFORMED.glob("*.yaml"))
    assert len(files) > 10
    for path in files:
        with pytest.raises(wijksim.ScenarioError) as info:
            wijksim.load_scenario(path)
        assert info.value.issues, path


def test_bad_set_value_is_reported_as_set():
    with pytest.raises(wijksim.ScenarioError) as info:
        wijksim.load_scenario(TINY, set={"population.wijken[0].households": "lots"})
    assert info.value.issues[0].file == "<--set>"
    assert info.value.issues[0].key_path == "population.wijken[0].households"


def test_missing_file_and_empty_path():
    with pytest.raises(wijksim.ScenarioError):
        wijksim.load_scenario("/nonexistent/scenario.yaml")
    with pytest.raises(ValueError):
        wijksim.load_scenario("")
