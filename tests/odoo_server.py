"""The one way the tests and the benches start a real Odoo HTTP server, and reach scripts/common.sh's database
helpers from Python.

``with OdooServer(db, conf) as server:`` starts Odoo on a free loopback port, waits until a real model call
answers (retrying only while the port refuses connections), and stops it (with its longpolling and worker
processes) on exit. ``server.login`` and ``server.call`` speak JSON-RPC as the web client does;
``server.errors()`` returns the tracebacks and errors its log holds.

Run as a script, this file is Odoo's own server command, except that it loads the registry before it opens its
port. With ``--workers``, Odoo starts its longpolling process as ``sys.executable sys.argv[0] gevent ...``, which
needs a file (under ``python -c`` it respawns many times a second).
"""
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMMON_SH = os.path.join(ROOT, "scripts", "common.sh")
# A log record of Odoo that is not a plain warning: an error, or a traceback printed under one.
ERROR_RECORD = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ", re.M)
NOTE = re.compile(r"record rules|registry|caches")


def refused(error):
    """Whether a requests error comes from a refused connection (nobody listens on the port yet)."""
    seen = error
    while seen is not None:
        if isinstance(seen, ConnectionRefusedError):
            return True
        seen = seen.__cause__ or seen.__context__ or (seen.args[0] if seen.args and
                                                      isinstance(seen.args[0], BaseException) else None)
    return "Connection refused" in str(error)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def db_helper(function, *args):
    """Runs a database helper of scripts/common.sh (copy_db, drop_db, fresh_addon_db...), as scripts/ do."""
    subprocess.run(["bash", "-c", '. "$0"; "$@"', COMMON_SH, function] + [str(arg) for arg in args],
                   check=True, cwd=ROOT)


def venv_python():
    python = os.path.join(ROOT, ".venv", "bin", "python")
    return python if os.path.exists(python) else sys.executable


class RPCError(RuntimeError):
    """An error the server answered to a JSON-RPC call, with its data (name, message, debug)."""

    def __init__(self, model, method, error):
        self.data = error.get("data", {})
        super().__init__("%s.%s failed: %s" % (model, method, self.data.get("message") or error))


class OdooServer:
    """An Odoo HTTP server on one database, for the length of a ``with`` block (or ``start()``/``stop()``)."""

    def __init__(self, db, conf=None, workers=0, cron_threads=0, extra_args=(), env=None,
                 ready_login=("admin", "admin")):
        self.db = db
        self.ready_login = ready_login
        self.conf = conf or os.path.join(ROOT, ".local", "odoo.conf")
        self.workers = workers
        self.cron_threads = cron_threads
        self.extra_args = list(extra_args)
        # lessc on PATH: the web client's stylesheets are compiled, as in the demo
        path = os.pathsep.join([os.path.join(ROOT, "node_modules", ".bin"), os.environ.get("PATH", "")])
        self.env = dict(os.environ, PATH=path, **(env or {}))
        self.port = None
        self.process = None
        self.log = None

    @property
    def url(self):
        return "http://127.0.0.1:%d" % self.port

    def start(self, timeout=240, port=None):
        """Starts Odoo on ``port`` (a free one by default) and waits until its registry serves the database."""
        self.port = port or free_port()
        if self.log is None:
            self.log = tempfile.NamedTemporaryFile(prefix="odoo-%s-" % self.db, suffix=".log", delete=False)
        self.process = subprocess.Popen(self.command(), cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT,
                                        env=self.env, start_new_session=True)
        deadline = time.monotonic() + timeout
        while not self._serves():
            if self.process.poll() is not None:
                raise RuntimeError("Odoo exited with code %s:\n%s" % (self.process.returncode, self.log_tail()))
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("Odoo did not serve %s on port %d within %d s" % (self.db, self.port, timeout))
            time.sleep(0.3)
        return self

    def command(self):
        """The server's command line (this file run as Odoo's server command; bench/ starts others)."""
        return [
            venv_python(), os.path.abspath(__file__), "-c", self.conf,
            "-d", self.db, "--db-filter", "^%s$" % re.escape(self.db),
            "--http-interface", "127.0.0.1", "--http-port", str(self.port),
            "--longpolling-port", str(free_port()),
            "--workers", str(self.workers), "--max-cron-threads", str(self.cron_threads),
            "--log-level", "warn",
            # rare lines that explain an access error or a strange answer: which records a rule refused to whom,
            # and a registry reloaded or caches dropped on another process's signal
            "--log-handler", "odoo.models:INFO", "--log-handler", "odoo.modules.registry:INFO",
        ] + self.extra_args

    def _serves(self):
        """True once a real model call answers, False while the port refuses connections. Any other failure is
        raised: a server that accepts connections answers model calls (see ``serve``)."""
        try:
            session = self.login(*self.ready_login)
            self.call(session, "res.partner", "search_count", [])
            return True
        except requests.ConnectionError as error:
            if refused(error):
                return False
            raise

    def log_text(self):
        if not self.log:
            return ""
        with open(self.log.name, encoding="utf-8", errors="replace") as stream:
            return stream.read()

    def log_tail(self, lines=40):
        return "".join(self.log_text().splitlines(True)[-lines:])

    def log_size(self):
        return os.path.getsize(self.log.name) if self.log else 0

    def errors(self, since=0):
        """The log from the first error record after byte ``since``, or "" when the server logged none."""
        with open(self.log.name, "rb") as stream:
            stream.seek(since)
            text = stream.read().decode("utf-8", "replace")
        found = ERROR_RECORD.search(text)
        return text[found.start():] if found else ""

    def notes(self, since=0):
        """The log's lines after byte ``since`` that say why a user was refused or the registry changed."""
        with open(self.log.name, "rb") as stream:
            stream.seek(since)
            text = stream.read().decode("utf-8", "replace")
        return [line for line in text.splitlines() if NOTE.search(line)]

    def login(self, login, password):
        """A requests session logged in as ``login`` (its cookie also serves a browser)."""
        session = requests.Session()
        result = session.post(self.url + "/web/session/authenticate", json={
            "jsonrpc": "2.0", "method": "call",
            "params": {"db": self.db, "login": login, "password": password}}, timeout=120).json()
        if not (result.get("result") or {}).get("uid"):
            raise RuntimeError("cannot log in as %s: %s" % (login, result.get("error")))
        return session

    def call(self, session, model, method, *args, **kwargs):
        """Calls a model method as the web client does; raises RPCError with the server's message."""
        response = session.post(self.url + "/web/dataset/call_kw/%s/%s" % (model, method), json={
            "jsonrpc": "2.0", "method": "call",
            "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs}},
            timeout=300).json()
        if "error" in response:
            raise RPCError(model, method, response["error"])
        return response["result"]

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def close(self):
        """Stops the server and deletes its log."""
        self.stop()
        if self.log:
            self.log.close()
            os.unlink(self.log.name)
            self.log = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.close()


def serve(args):
    """Odoo's ``server`` command, with the database's registry loaded before the HTTP port opens.

    Odoo 11's threaded server opens its port first and loads the registry after, and a request that arrives
    meanwhile finds a registry still loading (``KeyError: 'res.partner'``). Loaded first, the port refuses
    connections until every model is there, and a refused connection is the one thing a client retries.
    """
    import csv

    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(args)
    csv.field_size_limit(500 * 1024 * 1024)
    for db in filter(None, (config["db_name"] or "").split(",")):
        Registry.new(db, update_module=bool(config["init"] or config["update"]))
    sys.exit(odoo.service.server.start(preload=[], stop=False))


if __name__ == "__main__":
    import odoo  # takes "gevent" out of sys.argv in the longpolling process Odoo starts for --workers

    if odoo.evented:
        odoo.cli.main()
    else:
        serve(sys.argv[1:])
