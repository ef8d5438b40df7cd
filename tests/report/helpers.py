"""Shared by the brief tests: a small default-city experiment, the CLI, a browser, number parsing."""
import json
import os
import re
import subprocess
import time
from pathlib import Path

import pytest

CLI = os.environ.get("WIJKSIM_CLI", "wijksim")
SOURCE = Path(os.environ.get("WIJKSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))
ARTEFACTS = Path(os.environ.get("WIJKSIM_ARTEFACTS", "/tmp/wijksim-report-artefacts"))
PROVIDERS = ["ggz", "kredietbank", "schuldhulp", "jeugdhulp", "verslavingszorg", "wijkteam-oost"]
FINANCIERS = ["wmo", "jeugdwet", "participatiewet", "zvw", "wlz", "volunteers", "household", "municipality", "landlord"]
DEBTS_VARIANT = """  debts:
    add_interventions:
      - type: debt_restructuring
        name: debts
        start_week: 1
        target: {age: [18, 65], domains: {finances: 2}, debt: [500, 100000]}
        budget: 2000000
        financier: municipality
        parameters: {weekly_uptake: 0.05, repay_months: 36}
"""


def wijksim(*args, env=None, check=True):
    run_env = dict(os.environ, **(env or {}))
    result = subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, env=run_env, timeout=240)
    if check and result.returncode != 0:
        raise AssertionError(f"wijksim {' '.join(map(str, args))}: exit {result.returncode}\n{result.stderr}")
    return result


def small_city(folder: Path) -> Path:
    """The default city at 2,000 households (200 per wijk) for 104 weeks, GGZ scaled with it
    (72 places for 50,000 households -> 3) so that a waiting list forms, and the week-0 care
    (initial_in_service, initial_waiting) scaled alike (x 2,000 / 50,000, rounded)."""
    text = (SOURCE / "scenarios/default.yaml").read_text()
    text = re.sub(r"(?m)^(      households: )\d+", r"\g<1>200", text)
    text = re.sub(r"(?m)^weeks: \d+", "weeks: 104", text)
    text, ggz = re.subn(r"(?ms)(^  - name: ggz\n.*?^    capacity: )\d+", r"\g<1>3", text, count=1)
    text = re.sub(r"(?m)^(    initial_(?:in_service|waiting): )(\d+)",
                  lambda m: m.group(1) + str(round(int(m.group(2)) * 2000 / 50000)), text)
    assert text.count("households: 200") == 10 and ggz == 1
    path = folder / "city.yaml"
    path.write_text(text)
    return path


def experiment(folder: Path, variants=("baseline", "more_ggz", "debts"), replications=5) -> Path:
    city = small_city(folder)
    metrics = ["households", "multi_problem", "households_in_debt", "total_debt", "care.waiting"]
    for p in PROVIDERS:
        metrics += [f"providers.{p}.queue_length", f"providers.{p}.wait_mean", f"providers.{p}.lost"]
    for f in FINANCIERS:
        metrics += [f"financiers.{f}.costs", f"financiers.{f}.societal"]
    body = {"baseline": "  baseline: {}\n", "more_ggz": "  more_ggz:\n    providers.ggz.capacity: 10\n",
            "debts": DEBTS_VARIANT}
    text = (f"name: brief-test\nseed: 11\nreplications: {replications}\nscenario:\n  extends: {city}\n  name: brief-city\n"
            "variants:\n" + "".join(body[v] for v in variants) + f"outputs: {{metrics: {json.dumps(metrics)}}}\n")
    path = folder / "experiment.yaml"
    path.write_text(text)
    return path


def sweep(folder: Path, **kwargs) -> Path:
    store = folder / "store.sqlite"
    wijksim("sweep", experiment(folder, **kwargs), "--out", store, "--threads", "2", "--quiet")
    return store


def parse_number(text: str, lang: str) -> float:
    """A number as the brief shows it (nl: € 1.234,5; en: € 1,234.5; U+2212 minus) back to a float."""
    t = text.replace("€", "").replace("\u00a0", "").replace(" ", "").replace("\u2212", "-").strip()
    t = t.replace(".", "").replace(",", ".") if lang == "nl" else t.replace(",", "")
    return float(t)


def decimals(unit: str) -> int:
    """The decimals the brief shows per unit (bindings/report/text.cpp decimals_for)."""
    return 0 if unit.startswith("EUR") else 2 if unit.startswith("weeks") else 1


def close_to_shown(shown: float, exact: float, unit: str) -> bool:
    """`shown` is `exact` rounded to the unit's decimals: within half its last digit."""
    return abs(shown - exact) <= 0.5 * 10 ** -decimals(unit) + 1e-9 * max(1.0, abs(exact))


def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    options = Options()
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1000,1400"]:
        options.add_argument(a)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def open_brief(driver, html: Path):
    driver.get(html.resolve().as_uri())
    deadline = time.time() + 60
    while driver.execute_script("return document.body.dataset.charts") == "pending" and time.time() < deadline:
        time.sleep(0.1)
    return driver.execute_script("return document.body.dataset.charts")
