"""The brief of a small default-city experiment (2,000 households, 104 weeks, 3 variants, 5
replications) in a real browser and as a PDF: it loads without console errors, every chart
has marks, the differences and financier tables show exactly `wijksim compare --json`, and
page 1 of the PDF carries the headline numbers. Screenshots of every page go to ARTEFACTS."""
import json
import re
import subprocess

import pytest

from helpers import ARTEFACTS, browser, close_to_shown, open_brief, parse_number, sweep, wijksim

LANGS = ["nl", "en"]
SECTIONS = ["headline", "over-time", "differences", "who-pays", "provenance", "appendix"]


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("brief")
    store = sweep(folder)
    out = {"store": store, "folder": folder}
    for lang in LANGS:
        html, pdf = folder / f"brief-{lang}.html", folder / f"brief-{lang}.pdf"
        wijksim("report", store, "--lang", lang, "-o", html, "--pdf", pdf)
        out[lang] = (html, pdf)
    return out


@pytest.fixture(scope="module")
def driver():
    d = browser()
    yield d
    d.quit()


def compare_json(made, *args):
    path = made["folder"] / f"compare-{abs(hash(args))}.json"
    wijksim("compare", made["store"], "--baseline", "baseline", "--pool", *args, "--json", path)
    return json.loads(path.read_text())["cells"]


@pytest.mark.parametrize("lang", LANGS)
def test_loads_without_console_errors_and_every_chart_has_marks(made, driver, lang):
    assert open_brief(driver, made[lang][0]) == "done"
    errors = [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]
    assert errors == []
    marks = driver.execute_script(
        "return Array.from(document.querySelectorAll('.chart')).map("
        "c => [c.id, c.querySelectorAll('svg path, svg rect, svg line').length])")
    # 2 city charts, ggz queue and wait, 4 providers' losses, one financier chart per variant
    assert len(marks) >= 6
    assert [m for m in marks if m[1] == 0] == []
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for section in SECTIONS:
        shot = ARTEFACTS / f"brief-{lang}-{section}.png"
        driver.find_element("id", section).screenshot(str(shot))
        print("screenshot:", shot)


@pytest.mark.parametrize("lang", LANGS)
def test_no_network_url(made, lang):
    html = made[lang][0].read_text()
    urls = set(re.findall(r"""https?://[^\s"'<>)]*""", html))
    # The SVG and XLink namespace names inside Vega's renderer are identifiers, never fetched.
    assert urls <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink", "http://www.w3.org/2000/xmlns/"}
    assert not re.search(r"""(src|href)\s*=\s*["'](?!#)""", html)


def shown_cells(driver, selector, keys):
    """Every element matching selector: its data-* keys and the numbers shown (value, lo, hi)."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0])).map(e => {"
        "  const pick = c => { const x = e.querySelector(c); return x ? x.textContent : null; };"
        "  const k = {}; for (const name of arguments[1]) k[name] = e.dataset[name] ||"
        "    e.closest('[data-' + name + ']').dataset[name];"
        "  return [k, pick('.diff, .v'), pick('.lo'), pick('.hi')]; })", selector, keys)


@pytest.mark.parametrize("lang", LANGS)
def test_differences_table_equals_compare_json(made, driver, lang):
    open_brief(driver, made[lang][0])
    rows = shown_cells(driver, "#differences-table tbody tr", ["variant", "metric", "year"])
    metrics = sorted({k["metric"] for k, *_ in rows})
    assert {"multi_problem", "households_in_debt", "care.waiting", "providers.ggz.wait_mean"} <= set(metrics)
    args = ["--per-year"] + [a for m in metrics for a in ("--metric", m)]
    cells = compare_json(made, *args)
    assert len(cells) == len(rows)
    by_key = {(k["variant"], k["metric"], int(k["year"])): (d, lo, hi) for k, d, lo, hi in rows}
    for c in cells:
        d, lo, hi = by_key[(c["variant"], c["metric"], c["year"])]
        for shown, exact in ((d, c["difference"]), (lo, c["ci_low"]), (hi, c["ci_high"])):
            assert close_to_shown(parse_number(shown, lang), exact, c["unit"]), (c, shown, exact)


@pytest.mark.parametrize("lang", LANGS)
def test_financier_table_equals_compare_json(made, driver, lang):
    open_brief(driver, made[lang][0])
    shown = {}
    for k, v, lo, hi in shown_cells(driver, "table.financiers td[data-financier]", ["variant", "financier", "year", "what"]):
        shown[(k["variant"], k["financier"], int(k["year"]), k["what"])] = (v, lo, hi)
    assert shown, "no financier cells shown"
    cells = compare_json(made, "--financiers")
    moved = set()
    for c in cells:
        year = c["year"] or 0  # null: the discounted total, shown as year 0
        for what in ("costs", "avoided", "net"):
            key = (c["variant"], c["financier"], year, what)
            exact = (c[f"{what}_eur"], c[f"{what}_eur_ci_low"], c[f"{what}_eur_ci_high"])
            if key not in shown:  # a financier the variant does not move: said in one line instead
                assert c["costs_eur"] == c["avoided_eur"] == c["net_eur"] == 0 or (c["variant"], c["financier"]) in moved, c
                continue
            moved.add((c["variant"], c["financier"]))
            for text, value in zip(shown.pop(key), exact):
                assert close_to_shown(parse_number(text, lang), value, "EUR"), (key, text, value)
    assert shown == {}, "cells shown that compare does not have"
    assert ("debts", "municipality") in moved


def test_headline_equals_compare_json(made, driver):
    open_brief(driver, made["nl"][0])
    cells = compare_json(made, "--metric", "multi_problem", "--metric", "households_in_debt")
    money = {c["variant"]: c for c in compare_json(made, "--financiers") if c["year"] is None}
    for c in cells:
        td = driver.find_element("css selector", f'tr[data-variant="{c["variant"]}"] td[data-metric="{c["metric"]}"]')
        assert close_to_shown(parse_number(td.find_element("class name", "v").text, "nl"), c["mean"], c["unit"])
        delta = td.find_element("class name", "d").text.replace("Δ", "")
        assert close_to_shown(parse_number(delta, "nl"), c["difference"], c["unit"])
    net = driver.find_element("css selector", 'tr[data-variant="debts"] td[data-metric^="financiers."]')
    financier = net.get_attribute("data-metric").split(".")[1]
    cell = next(c for c in compare_json(made, "--financiers") if c["variant"] == "debts" and c["financier"] == financier
                and c["year"] is None)
    assert close_to_shown(parse_number(net.find_element("class name", "v").text, "nl"), cell["net_eur"], "EUR")
    assert money


def page_text(pdf, page):
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_pages_and_page_one(made, driver, lang):
    html, pdf = made[lang]
    assert pdf.exists() and pdf.read_bytes()[:5] == b"%PDF-"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert re.search(r"Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)", info), info
    # Every section starts a page (print CSS page breaks), in order; only the long ones
    # (charts, the appendix) run on. So at least one page per section, and each heading
    # opens a page.
    open_brief(driver, html)
    headings = [driver.find_element("css selector", f"#{s} h1, #{s} h2").text for s in SECTIONS]
    firsts = [page_text(pdf, p).strip().splitlines()[0].strip() for p in range(1, pages + 1)]
    assert pages >= len(SECTIONS)
    starts = [firsts.index(h) + 1 for h in headings[1:]]
    assert starts == sorted(starts) and starts[0] == 2, (headings, firsts)
    # Page 1: the headline numbers are there as text ...
    one = page_text(pdf, 1)
    for v in driver.find_elements("css selector", "#headline-table .v"):
        assert v.text.replace("\u00a0", " ") in one.replace("\u00a0", " "), v.text
    # ... and drawn: a rendered page of text and tables is far from one flat colour.
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    prefix = ARTEFACTS / f"pdf-{lang}-page1"
    subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-gray", "-singlefile", str(pdf), str(prefix)], check=True)
    pgm = prefix.with_suffix(".pgm").read_bytes()
    header = pgm.split(b"\n", 3)
    width, height = map(int, header[1].split())
    pixels = pgm[-width * height:]
    mean = sum(pixels) / len(pixels)
    variance = sum((p - mean) ** 2 for p in pixels) / len(pixels)
    dark = sum(p < 128 for p in pixels) / len(pixels)
    assert variance > 200 and dark > 0.01, (variance, dark)
    print("page 1 image:", prefix.with_suffix(".pgm"), "variance", round(variance), "dark share", round(dark, 3))
    # Every printed page as an image beside the screenshots.
    pages_prefix = ARTEFACTS / f"pdf-{lang}-page"
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(pages_prefix)], check=True)
    images = sorted(ARTEFACTS.glob(f"pdf-{lang}-page-*.png"))
    assert len(images) == pages
    print("PDF pages:", *images)
