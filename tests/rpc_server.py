"""A real Odoo HTTP server on a free loopback port, for the tests and the benchmark of the import tool."""
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OdooServer:
    """``with OdooServer(db, conf) as server: server.port``: started on enter, stopped on exit."""

    def __init__(self, db, conf, workers=0, python=None, cron_threads=0, extra_args=()):
        self.db = db
        self.conf = conf
        self.workers = workers
        self.cron_threads = cron_threads
        self.extra_args = list(extra_args)
        self.python = python or os.path.join(ROOT, ".venv", "bin", "python")
        if not os.path.exists(self.python):
            self.python = sys.executable
        self.port = None
        self.process = None
        self.log = None

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.port

    def start(self, timeout=120, port=None):
        """Starts Odoo on ``port`` (a free one by default) and waits until it answers."""
        self.port = port or free_port()
        self.log = tempfile.NamedTemporaryFile(prefix="odoo-%s-" % self.db, suffix=".log", delete=False)
        command = [
            self.python, os.path.join(ROOT, "tests", "odoo_main.py"), "-c", self.conf,
            "-d", self.db, "--db-filter", "^%s$" % self.db,
            "--http-interface", "127.0.0.1", "--http-port", str(self.port),
            "--longpolling-port", str(free_port()),
            "--workers", str(self.workers), "--max-cron-threads", str(self.cron_threads),
            "--log-level", "warn",
        ] + self.extra_args
        self.process = subprocess.Popen(
            command, cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("Odoo exited with code %s:\n%s" % (self.process.returncode, self.log_tail()))
            if self._answers():
                return self
            time.sleep(0.3)
        self.stop()
        raise RuntimeError("Odoo did not answer on port %d within %d s:\n%s" % (self.port, timeout, self.log_tail()))

    def _answers(self):
        request = urllib.request.Request(
            self.url + "/jsonrpc", method="POST", headers={"Content-Type": "application/json"},
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1,
                             "params": {"service": "common", "method": "version", "args": []}}).encode())
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                response.read()
            return True
        except (urllib.error.URLError, OSError):
            return False

    def log_tail(self, lines=40):
        if not self.log:
            return ""
        with open(self.log.name, encoding="utf-8", errors="replace") as stream:
            return "".join(stream.readlines()[-lines:])

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.log:
            self.log.close()
            os.unlink(self.log.name)
            self.log = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()
