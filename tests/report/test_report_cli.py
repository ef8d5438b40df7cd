"""`wijksim report` on bad input and missing packages: exit 2 naming the path for bad input,
exit 1 naming the Debian package for a missing one, and never a cut or stale output file.
Also the brief of a single `wijksim run` directory (no intervals)."""
import json
import os
import re

import pytest

from helpers import DEBTS_VARIANT, SOURCE, browser, close_to_shown, open_brief, parse_number, small_city, sweep, wijksim


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return sweep(tmp_path_factory.mktemp("cli"), variants=("baseline", "debts"), replications=2)


def test_missing_store_is_bad_input(tmp_path):
    missing = tmp_path / "nope.sqlite"
    r = wijksim("report", missing, "-o", tmp_path / "b.html", check=False)
    assert r.returncode == 2 and str(missing) in r.stderr and "no such file" in r.stderr
    assert not (tmp_path / "b.html").exists()


def test_store_with_one_variant_is_bad_input(tmp_path):
    one = sweep(tmp_path, variants=("baseline",), replications=2)
    r = wijksim("report", one, "-o", tmp_path / "b.html", check=False)
    assert r.returncode == 2, r.stderr
    assert str(one) in r.stderr and "one variant" in r.stderr
    assert not (tmp_path / "b.html").exists()


def test_unknown_language_is_bad_input(store, tmp_path):
    r = wijksim("report", store, "--lang", "xx", "-o", tmp_path / "b.html", check=False)
    assert r.returncode == 2 and "--lang" in r.stderr and "xx" in r.stderr


def test_unknown_baseline_is_bad_input(store, tmp_path):
    r = wijksim("report", store, "--baseline", "debt", "-o", tmp_path / "b.html", check=False)
    assert r.returncode == 2 and "debt" in r.stderr, r.stderr


def test_not_a_store_is_bad_input(tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_text("not a database\n")
    r = wijksim("report", junk, "-o", tmp_path / "b.html", check=False)
    assert r.returncode == 2 and str(junk) in r.stderr, r.stderr
    folder = tmp_path / "empty-dir"
    folder.mkdir()
    r = wijksim("report", folder, "-o", tmp_path / "b.html", check=False)
    assert r.returncode == 2 and str(folder) in r.stderr and "summary.json" in r.stderr


def test_output_in_missing_folder_is_bad_input(store, tmp_path):
    out = tmp_path / "no-such-folder" / "b.html"
    r = wijksim("report", store, "-o", out, check=False)
    assert r.returncode == 2 and str(out) in r.stderr


def test_missing_vega_names_the_package(store, tmp_path):
    r = wijksim("report", store, "-o", tmp_path / "b.html", env={"WIJKSIM_VEGA_DIR": str(tmp_path / "no-vega")}, check=False)
    assert r.returncode == 1 and "apt-get install libjs-vega" in r.stderr
    assert not (tmp_path / "b.html").exists()


def test_missing_chromium_names_the_package_and_leaves_no_pdf(store, tmp_path):
    pdf = tmp_path / "b.pdf"
    r = wijksim("report", store, "-o", tmp_path / "b.html", "--pdf", pdf,
                env={"WIJKSIM_CHROMIUM": str(tmp_path / "no-chromium")}, check=False)
    assert r.returncode == 1 and "apt-get install chromium" in r.stderr
    assert (tmp_path / "b.html").exists()  # the HTML was written before the PDF was tried
    assert list(tmp_path.glob("*.pdf*")) == [] and list(tmp_path.glob(".b.pdf*")) == []


def test_failing_chromium_leaves_no_pdf(store, tmp_path):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\nfor a; do case $a in --print-to-pdf=*) echo half > \"${a#--print-to-pdf=}\";; esac; done\n"
                    "echo 'cannot print' >&2; exit 3\n")
    fake.chmod(0o755)
    pdf = tmp_path / "b.pdf"
    r = wijksim("report", store, "-o", tmp_path / "b.html", "--pdf", pdf, env={"WIJKSIM_CHROMIUM": str(fake)}, check=False)
    assert r.returncode == 1 and "cannot print" in r.stderr
    assert not pdf.exists() and list(tmp_path.glob(".b.pdf*")) == []


def test_run_directory_brief(tmp_path):
    """A `wijksim run` directory: same brief without intervals; the headline and the table
    show summary.json's costs.vs_baseline."""
    city = small_city(tmp_path)
    scenario = tmp_path / "debts.yaml"
    scenario.write_text(f"extends: {city}\nname: brief-city-debts\ninterventions:\n" +
                        re.sub(r"(?m)^      ", "  ", DEBTS_VARIANT.split("add_interventions:\n", 1)[1]))
    run = tmp_path / "run"
    wijksim("run", scenario, "--out", run, "--threads", "2")
    html = tmp_path / "run.html"
    wijksim("report", run, "--lang", "en", "-o", html)
    vs = json.loads((run / "summary.json").read_text())["costs"]["vs_baseline"]
    d = browser()
    try:
        assert open_brief(d, html) == "done"
        assert [e for e in d.get_log("browser") if e["level"] in ("SEVERE", "ERROR")] == []
        counts = d.execute_script("return Array.from(document.querySelectorAll('.chart')).map("
                                  "c => c.querySelectorAll('svg path, svg rect, svg line').length)")
        assert counts and min(counts) > 0
        assert d.find_elements("css selector", ".range .lo") == []  # one run: no intervals
        for o in vs["outcomes"]:
            row = d.find_element("css selector", f'#differences-table tr[data-metric="{o["name"]}"] .diff')
            assert close_to_shown(parse_number(row.text, "en"), o["difference"], o["unit"])
        for f, v in vs.items():
            if not isinstance(v, dict) or f == "all" or v["net"] == 0:
                continue
            total = d.find_element("css selector", f'td[data-financier="{f}"][data-year="total"][data-what="net"] .v')
            disc = d.find_element("css selector", f'td[data-financier="{f}"][data-year="0"][data-what="net"] .v')
            assert close_to_shown(parse_number(total.text, "en"), v["net"], "EUR")
            assert close_to_shown(parse_number(disc.text, "en"), v["net_discounted"], "EUR")
    finally:
        d.quit()


def test_sensitivity_line_of_a_morris_store(tmp_path):
    """A morris sweep: the first-page line names the parameter with the largest mu* of the
    first headline outcome that moves, with the mu* `wijksim sensitivity` prints."""
    exp = tmp_path / "morris.yaml"
    exp.write_text(f"seed: 5\nreplications: 2\nscenario: {SOURCE / 'scenarios/reference/tiny.yaml'}\n"
                   "variants:\n  baseline: {}\n  heavier:\n    dynamics.problem_weight: [2, 1, 0, 0, 0]\n"
                   "sweep:\n  design: morris\n  samples: 4\n  levels: 4\n  parameters:\n"
                   "    debt.weekly_arrears: {range: [10, 60]}\n    dynamics.network_improvement: {range: [0.5, 1.5]}\n"
                   "outputs: {every: 26}\n")
    store = tmp_path / "morris.sqlite"
    wijksim("sweep", exp, "--out", store, "--threads", "2", "--quiet")
    html = tmp_path / "m.html"
    wijksim("report", store, "--lang", "en", "-o", html)
    line = re.search(r'<p class="sens" id="sensitivity">(.*?)</p>', html.read_text()).group(1)
    # multi_problem does not move in the tiny city over these ranges; total debt does
    shown = re.search(r"\(([^)]*)\): <b>([^<]*)</b>, Morris μ\* ([-\d,.]*\d)", line)
    assert shown, line
    assert shown.group(1) == "Total debt"
    table = wijksim("sensitivity", store, "--metric", "total_debt").stdout
    mu_star = {m.group(1): float(m.group(3)) for m in re.finditer(r"(?m)^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)$", table)
               if m.group(1) != "parameter"}
    best = max(mu_star, key=mu_star.get)
    assert shown.group(2) == best
    assert abs(parse_number(shown.group(3), "en") - mu_star[best]) <= 0.005 + 1e-6 * mu_star[best]


def test_store_without_financier_outputs_still_gets_a_brief(tmp_path):
    exp = tmp_path / "exp.yaml"
    exp.write_text(f"seed: 3\nreplications: 2\nscenario: {SOURCE / 'scenarios/reference/tiny.yaml'}\n"
                   "variants:\n  baseline: {}\n  heavier:\n    dynamics.problem_weight: [2, 1, 0, 0, 0]\n"
                   "outputs: {metrics: [multi_problem, total_debt], every: 13}\n")
    store = tmp_path / "s.sqlite"
    wijksim("sweep", exp, "--out", store, "--quiet")
    html = tmp_path / "b.html"
    wijksim("report", store, "-o", html)
    text = html.read_text()
    assert "did not record financiers.wmo.costs" in text and 'class="financiers"' not in text
