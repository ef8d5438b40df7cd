"""help(wijksim)'s worked example runs as written: every `>>>` line of the module
docstring is executed and its printed output checked (doctest), so the example cannot
drift from the API."""
import doctest

import wijksim


def test_module_docstring_has_a_worked_example():
    assert "Worked example" in wijksim.__doc__
    for call in ("wijksim.run(", "r.providers", "r.costs", "wijksim.sweep(", "wijksim.compare(", "ci_low"):
        assert call in wijksim.__doc__, call


def test_module_docstring_example_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # anything the example writes outside its temp folder lands here
    test = doctest.DocTestParser().get_doctest(wijksim.__doc__, {}, "wijksim", None, 0)
    assert len(test.examples) >= 15
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0 and result.attempted == len(test.examples)
