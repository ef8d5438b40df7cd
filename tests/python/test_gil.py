"""Long C++ calls release the GIL: another Python thread keeps running during them.

Method: a worker thread notes the time just before and after the call; the main thread
notes the time of each loop pass while the worker lives. A call that holds the GIL
leaves no main-thread pass in the middle half of its duration (Python switches threads
only between bytecodes); one that releases it leaves many. The negative control, a long
builtin C loop that holds the GIL, shows the method can tell the difference."""
import threading
import time

import wijksim


def passes_during(call):
    """Main-thread loop passes in the middle half of `call` running on a worker thread."""
    span = {}

    def worker():
        span["start"] = time.perf_counter()
        call()
        span["end"] = time.perf_counter()

    thread = threading.Thread(target=worker)
    stamps = []
    thread.start()
    while thread.is_alive():
        stamps.append(time.perf_counter())
    thread.join()
    start, end = span["start"], span["end"]
    assert end - start > 0.02, "the call was too short to judge"
    low, high = start + 0.25 * (end - start), start + 0.75 * (end - start)
    return sum(low <= t <= high for t in stamps)


def test_negative_control_a_gil_holding_call_blocks_the_main_thread():
    assert passes_during(lambda: sum(range(20_000_000))) == 0


def test_simulation_run_releases_the_gil():
    sim = wijksim.Simulation(wijksim.default_scenario())
    sim.initialise()
    assert passes_during(lambda: sim.run(60)) > 100


def test_module_run_releases_the_gil():
    city = wijksim.default_scenario()
    assert passes_during(lambda: wijksim.run(city, weeks=40)) > 100


def test_a_simulation_stepping_in_one_thread_is_busy_for_others():
    sim = wijksim.Simulation(wijksim.default_scenario())
    sim.initialise()
    thread = threading.Thread(target=lambda: sim.run(60))
    thread.start()
    refused = 0
    while thread.is_alive():
        try:
            sim.metrics()
        except RuntimeError as error:
            assert "busy" in str(error)
            refused += 1
    thread.join()
    assert refused > 0 and sim.week == 60
    assert sim.metrics()["week"] == 60  # usable again once the run has returned
