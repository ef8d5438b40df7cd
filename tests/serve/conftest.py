"""The server under test: `wijksim serve --port 0` (the OS picks a free port, the command
prints it) on a results folder of its own, stopped with SIGINT at the end (SIGKILL if it
does not stop), so no test depends on a fixed port or on what an earlier test left."""
import http.client
import os
import re
import signal
import subprocess
import time
import urllib.parse

import pytest

CLI = os.environ.get("WIJKSIM_CLI", "wijksim")
ARTEFACTS = os.environ.get("WIJKSIM_ARTEFACTS", "artefacts")


class Server:
    def __init__(self, results, threads=2):
        self.results = results
        self.process = subprocess.Popen(
            [CLI, "serve", "--port", "0", "--results", str(results), "--threads", str(threads)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not match:
            self.process.kill()
            raise RuntimeError("no URL printed: " + line + self.process.stderr.read())
        self.port = int(match.group(1))
        self.url = f"http://127.0.0.1:{self.port}"

    def request(self, method, target, body=None, timeout=60, headers=None):
        """(status, headers, text) of one request; the target is sent exactly as given."""
        status, response_headers, data = self.request_bytes(method, target, body, timeout, headers)
        return status, response_headers, data.decode("utf-8", "replace")

    def request_bytes(self, method, target, body=None, timeout=60, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = dict(headers or {})
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.putrequest(method, target, skip_host=False, skip_accept_encoding=True)
        for k, v in headers.items():
            connection.putheader(k, v)
        data = body.encode() if body is not None else None
        if data is not None:
            connection.putheader("Content-Length", str(len(data)))
        connection.endheaders(data)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, dict(response.getheaders()), data

    def start_run(self, fields, headers=None):
        return self.request("POST", "/run", urllib.parse.urlencode(fields), headers=headers)

    def wait_done(self, run_id, timeout=300):
        import json
        end = time.time() + timeout
        while time.time() < end:
            _, _, text = self.request("GET", f"/runs/{run_id}/status.json")
            status = json.loads(text)
            if status["status"] != "running":
                return status
            time.sleep(0.3)
        raise AssertionError(f"run {run_id} still running after {timeout} s")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode


@pytest.fixture
def server(tmp_path):
    s = Server(tmp_path / "results")
    yield s
    s.stop()
