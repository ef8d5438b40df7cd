"""wijksim serve in a real browser (Debian chromium + chromium-driver + python3-selenium):
a strategist's path through the page. A 2-variant experiment of the default city (1,000
households, 52 weeks, 3 replications) is started from the form and its brief read; a bad
value gets its message on the page; a browser that closes during a run changes nothing (a
new one finds the run, which ends and has its brief). Screenshots of each page are written
to WIJKSIM_ARTEFACTS."""
import os
import re
import time

import pytest

from conftest import ARTEFACTS

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

VARIANTS = ["wijkteam-oost capacity x1.5", "help-seeking x1.5"]


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def screenshot(driver, name):
    os.makedirs(ARTEFACTS, exist_ok=True)
    path = os.path.join(ARTEFACTS, name + ".png")
    assert driver.save_screenshot(path) and os.path.getsize(path) > 10_000, path


def console_errors(driver):
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def fill_form(driver, base_url, replications, weeks, households):
    driver.get(base_url + "/")
    assert driver.find_element(By.ID, "scenario").get_attribute("value") == "default"
    for name in VARIANTS:
        driver.find_element(By.CSS_SELECTOR, f'input[name="variant"][value="{name}"]').click()
    for field, value in (("replications", replications), ("weeks", weeks), ("households", households)):
        element = driver.find_element(By.ID, field)
        element.clear()
        element.send_keys(str(value))


def run_id(driver):
    match = re.search(r"/runs/([0-9-]+)$", driver.current_url)
    assert match, driver.current_url
    return match.group(1)


def wait_done(driver, timeout=300):
    WebDriverWait(driver, timeout, poll_frequency=0.5).until(
        lambda d: d.find_element(By.ID, "status").get_attribute("data-status") != "running")
    assert driver.find_element(By.ID, "status").get_attribute("data-status") == "done", driver.page_source[-2000:]


def read_brief(driver, run):
    driver.find_element(By.ID, "brief-en").click()
    WebDriverWait(driver, 120).until(lambda d: d.current_url.endswith(f"/runs/{run}/brief?lang=en"))
    text = driver.find_element(By.TAG_NAME, "body").text
    assert "default-city" in driver.title
    for name in VARIANTS:
        assert name in text
    assert console_errors(driver) == []
    return text


def test_a_two_variant_experiment_through_the_page(server):
    driver = browser()
    try:
        fill_form(driver, server.url, 3, 52, 1000)
        screenshot(driver, "serve-start-page")
        driver.find_element(By.ID, "run").click()
        run = run_id(driver)
        wait_done(driver)
        status = driver.find_element(By.ID, "status").text
        assert status == "Status: done, 9 of 9 runs"  # (baseline + 2 variants) x 3 replications
        screenshot(driver, "serve-run-page")
        read_brief(driver, run)
        screenshot(driver, "serve-brief")

        # The start page lists the run with its brief.
        driver.get(server.url + "/")
        row = driver.find_element(By.CSS_SELECTOR, "#runs tr:nth-child(2)").text
        assert row.startswith(run + " default baseline, " + ", ".join(VARIANTS) + " 3 52 1000 done")

        # A bad value: the message on the page, no run started.
        fill_form(driver, server.url, 0, 52, 1000)
        driver.find_element(By.ID, "run").click()
        error = driver.find_element(By.ID, "error").text
        assert error == "replications: expected the number of replications per variant (a whole number 1 .. 1000), got 0"
        screenshot(driver, "serve-bad-value")
        # The form is shown again as it was sent, to be corrected.
        ticked = [e.get_attribute("value") for e in driver.find_elements(By.CSS_SELECTOR, 'input[name="variant"]')
                  if e.is_selected()]
        assert ticked == VARIANTS
        assert [driver.find_element(By.ID, f).get_attribute("value") for f in ("replications", "weeks", "households")] == [
            "0", "52", "1000"]
        assert sorted(os.listdir(server.results)) == [run]
        # The browser saw the refusal as HTTP 400, and nothing else went wrong.
        assert [e["message"].split(" - ", 1)[1] for e in console_errors(driver)] == [
            "Failed to load resource: the server responded with a status of 400 (Bad Request)"]
    finally:
        driver.quit()


def test_a_browser_that_closes_during_a_run(server):
    driver = browser()
    try:
        fill_form(driver, server.url, 3, 520, 3000)
        driver.find_element(By.ID, "run").click()
        run = run_id(driver)
        assert driver.find_element(By.ID, "status").get_attribute("data-status") == "running"
        screenshot(driver, "serve-run-in-progress")
    finally:
        driver.quit()  # the browser goes away mid-run
    driver = browser()
    try:
        driver.get(server.url + "/")
        driver.find_element(By.CSS_SELECTOR, f'#runs a[href="/runs/{run}"]').click()
        wait_done(driver)
        assert driver.find_element(By.ID, "status").text == "Status: done, 9 of 9 runs"
        read_brief(driver, run)
    finally:
        driver.quit()
