"""Shared fixtures of the Python tests: paths and the CLI, from the CTest environment
(tests/python/CMakeLists.txt) or guessed from this file's place in the tree."""
import os
import pathlib
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("WIJKSIM_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
TINY = SOURCE_DIR / "scenarios" / "reference" / "tiny.yaml"
MALFORMED = SOURCE_DIR / "tests" / "scenarios" / "malformed"


@pytest.fixture
def tiny():
    import wijksim
    return wijksim.load_scenario(TINY)


@pytest.fixture
def cli():
    """Runs the `wijksim` CLI; returns the CompletedProcess (text output)."""
    path = os.environ.get("WIJKSIM_CLI")
    if not path:
        pytest.skip("WIJKSIM_CLI not set (run through ctest)")

    def run(*args):
        return subprocess.run([path, *map(str, args)], capture_output=True, text=True, timeout=120)

    return run
