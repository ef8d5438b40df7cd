"""wijksim serve over raw HTTP (http.client sends each target exactly as written, so the
client normalises nothing): only files inside the results folder are served, bad form
values get a message with HTTP 400, the page answers 20 parallel requests during a run,
a second run is refused while one goes, Ctrl-C stops the server, and bad options exit 2."""
import concurrent.futures
import json
import os
import re
import socket
import subprocess
import urllib.parse

from conftest import CLI, Server

TINY = [("scenario", "reference/tiny"), ("variant", "networks x1.2"), ("replications", "2"), ("weeks", "8")]
# Long enough to still run while the parallel requests are answered (the server is
# stopped mid-run at the end of that test).
LONG = [("scenario", "default"), ("variant", "wijkteam-oost capacity x1.5"), ("variant", "help-seeking x1.5"),
        ("replications", "40"), ("weeks", "520"), ("households", "3000")]


def run_id_of(location):
    match = re.fullmatch(r"/runs/([0-9-]+)", location or "")
    assert match, location
    return match.group(1)


def test_only_files_inside_the_results_folder(server, tmp_path):
    status, headers, _ = server.start_run(TINY)
    assert status == 303
    run = run_id_of(headers["Location"])
    assert server.wait_done(run)["status"] == "done"

    secret = tmp_path / "secret.txt"                      # next to the results folder
    secret.write_text("SECRET-OUTSIDE")
    results = server.results
    (results / "outside-dir").symlink_to(tmp_path)        # a symlinked folder leading out
    (results / run / "outside-file").symlink_to(secret)   # a symlinked file leading out
    (results / run / ".hidden").write_text("SECRET-HIDDEN")

    run_json = (results / run / "run.json").read_text()
    status, _, text = server.request("GET", f"/results/{run}/run.json")
    assert status == 200 and text == run_json             # the control: a file inside is served
    status, _, body = server.request_bytes("GET", f"/results/{run}/results.sqlite")
    assert status == 200 and body == (results / run / "results.sqlite").read_bytes()  # sent in pieces

    refused = [
        "/results/../secret.txt", "/../secret.txt", "/results/../../etc/passwd", f"/results/{run}/../../secret.txt",
        f"/results/{run}/./run.json", "/results//etc/passwd", "/results/" + str(secret), "/etc/passwd", "//etc/passwd",
        "/results/%2e%2e/secret.txt", "/results/%2E%2E/secret.txt", "/results/%2e%2e%2fsecret.txt",
        "/results/..%2fsecret.txt", "/results/%2fetc%2fpasswd", "/results/%2Fetc/passwd",
        "/results/%252e%252e/secret.txt", "/results/%252e%252e%252fsecret.txt", "/results/%25252e%25252e/secret.txt",
        "/results/..%5csecret.txt", "/results/..\\secret.txt", "/results/%5c..%5csecret.txt",
        f"/results/{run}/run.json%00", "/results/outside-dir/secret.txt", f"/results/{run}/outside-file",
        f"/results/{run}/.hidden", "/results/", "/results/" + run, "/runs/..%2f..%2fsecret.txt/brief",
        "/runs/../../secret.txt", "/%2e%2e/%2e%2e/etc/passwd", "/results/" + str(results / run / "run.json"),
        f"http://127.0.0.1:{server.port}/results/../secret.txt", f"http://127.0.0.1:{server.port}/etc/passwd",
    ]
    answers = {target: server.request("GET", target) for target in refused}
    for target, (status, _, text) in answers.items():
        assert status == 404, (target, status)
        assert "SECRET" not in text and "root:" not in text, target


def test_bad_form_values_get_a_message(server):
    cases = [
        ({"replications": "0"}, "replications: expected the number of replications per variant (a whole number 1 .. 1000), got 0"),
        ({"replications": "1001"}, "replications: expected the number of replications per variant (a whole number 1 .. 1000), got 1001"),
        ({"replications": "-1"}, "got '-1'"),
        ({"replications": "2.5"}, "got '2.5'"),
        ({"replications": ""}, "replications: expected the number of replications per variant (a whole number 1 .. 1000), got nothing"),
        ({"weeks": "0"}, "weeks: expected the horizon in weeks (a whole number 1 .. 2600), got 0"),
        ({"weeks": "2601"}, "weeks: expected the horizon in weeks (a whole number 1 .. 2600), got 2601"),
        ({"households": "1"}, "households: expected the number of households (empty: as the scenario) (a whole number 10 .. 5000000), got 1"),
        ({"scenario": "../default"}, "scenario: expected one of the scenarios listed, got '../default'"),
        ({"variant": "capacity x100"}, "variant: expected a variant of reference/tiny, got 'capacity x100'"),
    ]
    for change, message in cases:
        fields = dict(TINY)
        fields.update(change)
        status, _, text = server.start_run(list(fields.items()))
        assert status == 400, change
        assert '<p class="error" id="error">' in text and message in text, (change, text[-800:])
    # Another site's page cannot start a run through the user's browser.
    status, _, text = server.start_run(TINY, headers={"Origin": "http://evil.example"})
    assert status == 403 and "only be started from this server's own page" in text
    status, _, text = server.start_run([f for f in TINY if f[0] != "variant"])
    assert status == 400 and "variant: tick at least one variant" in text
    assert os.listdir(server.results) == []                # nothing was written for a refused form
    status, _, text = server.request("GET", "/?scenario=nonsense")
    assert status == 400 and "got 'nonsense'" in text


def test_malformed_requests_get_answers_and_the_server_stays(server):
    def raw(data):
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
            s.sendall(data)
            s.shutdown(socket.SHUT_WR)
            reply = b""
            while chunk := s.recv(65536):
                reply += chunk
            return reply
    big = urllib.parse.urlencode(TINY + [("pad", "x" * 200_000)]).encode()
    for data in (b"GARBAGE\r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/1.1\r\nHost", b"\x00\xff" * 100,
                 b"POST /run HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                 b"Content-Length: " + str(len(big)).encode() + b"\r\n\r\n" + big,
                 b"POST /run HTTP/1.1\r\nHost: x\r\nContent-Length: 99\r\n\r\nshort"):
        reply = raw(data)
        assert reply == b"" or reply.startswith(b"HTTP/1.1 4"), (data[:40], reply[:80])
    assert server.request("GET", "/")[0] == 200
    assert os.listdir(server.results) == []


def test_parallel_requests_during_a_run_and_ctrl_c(server, tmp_path):
    status, headers, _ = server.start_run(LONG)
    assert status == 303
    run = run_id_of(headers["Location"])
    targets = ["/", "/status.json", f"/runs/{run}", f"/runs/{run}/status.json", f"/results/{run}/experiment.yaml"] * 4
    with concurrent.futures.ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda t: server.request("GET", t, timeout=30), targets))
    assert [a[0] for a in answers] == [200] * 20
    status = json.loads(server.request("GET", "/status.json")[2])
    assert status["id"] == run and status["status"] == "running" and status["total"] == 3 * 40, status

    # One experiment at a time: a second one is refused with a message, the first goes on.
    status, _, text = server.start_run(TINY)
    assert status == 409 and "a run is going (" + run + ")" in text
    assert len(os.listdir(server.results)) == 1

    # Ctrl-C during the run: the server stops at once and says what the store keeps.
    code = server.stop()
    assert code == 130
    assert f"stopped during run {run}" in server.process.stderr.read()
    # A new server lists the run as interrupted; its finished runs stay in the store.
    again = Server(server.results)
    try:
        status, _, text = again.request("GET", "/")
        assert status == 200 and f'<a href="/runs/{run}">{run}</a>' in text and "interrupted" in text
        status, _, text = again.request("GET", f"/runs/{run}/brief")
        assert status == 409 and f"run {run} is interrupted" in text
    finally:
        assert again.stop() == 0


def test_bad_options_exit_2(tmp_path):
    a_file = tmp_path / "file"
    a_file.write_text("x")
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen(1)
    cases = [
        (["--port", "70000"], "--port"),
        (["--port", "abc"], "--port"),
        (["--port", "-1"], "--port"),
        (["--results", str(a_file)], str(a_file)),
        (["--scenarios", str(tmp_path / "missing")], "missing"),
        (["--scenarios", str(tmp_path)], "no scenario that loads"),
        (["--host", "256.1.1.1", "--port", "0"], "cannot listen on 256.1.1.1"),
        (["--port", str(busy.getsockname()[1])], "cannot listen on 127.0.0.1:" + str(busy.getsockname()[1])),
        (["--threads", "0"], "--threads"),
        (["--unknown"], "--unknown"),
    ]
    for args, message in cases:
        results = [] if "--results" in args else ["--results", str(tmp_path / "r")]
        result = subprocess.run([CLI, "serve"] + results + args, capture_output=True, text=True, timeout=30)
        assert result.returncode == 2, (args, result.stdout, result.stderr)
        assert message in result.stderr, (args, result.stderr)
    busy.close()
