"""Runs a page of a real Odoo server in headless Chromium and reports what its console said.

Odoo 11 drives PhantomJS for its JavaScript tests; this drives Chromium through the DevTools protocol instead,
with a minimal WebSocket client from the standard library (the project pins no WebSocket package).
"""
import base64
import json
import os
import re
import select
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse

import requests

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium():
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stop(process):
    """Stops a process this module started, with the processes it started itself."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, 15)
        process.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, 9)
        process.wait(timeout=10)


class WebSocket:
    """Just enough of RFC 6455 for the DevTools protocol: text frames, unfragmented sends."""

    def __init__(self, url, timeout):
        parts = urllib.parse.urlparse(url)
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            "GET %s HTTP/1.1\r\nHost: %s:%s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n"
        ) % (parts.path, parts.hostname, parts.port, key)
        self.sock.sendall(request.encode())
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            self.buffer += self._recv()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise ConnectionError("DevTools refused the WebSocket: %s" % head.decode(errors="replace"))

    def _recv(self):
        chunk = self.sock.recv(1 << 16)
        if not chunk:
            raise ConnectionError("DevTools closed the connection")
        return chunk

    def _read(self, size):
        while len(self.buffer) < size:
            self.buffer += self._recv()
        data, self.buffer = self.buffer[:size], self.buffer[size:]
        return data

    def _send_frame(self, opcode, payload):
        header = bytearray([0x80 | opcode])
        if len(payload) < 126:
            header.append(0x80 | len(payload))
        elif len(payload) < 1 << 16:
            header.append(0x80 | 126)
            header += struct.pack("!H", len(payload))
        else:
            header.append(0x80 | 127)
            header += struct.pack("!Q", len(payload))
        mask = os.urandom(4)
        self.sock.sendall(bytes(header) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    def send(self, text):
        self._send_frame(0x1, text.encode())

    def recv(self):
        message = b""
        while True:
            first, second = self._read(2)
            size = second & 0x7F
            if size == 126:
                size = struct.unpack("!H", self._read(2))[0]
            elif size == 127:
                size = struct.unpack("!Q", self._read(8))[0]
            mask = self._read(4) if second & 0x80 else None
            payload = self._read(size)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            opcode = first & 0x0F
            if opcode == 0x8:
                raise ConnectionError("DevTools closed the WebSocket")
            if opcode == 0x9:
                self._send_frame(0xA, payload)
                continue
            if opcode in (0x0, 0x1, 0x2):
                message += payload
                if first & 0x80:
                    return message.decode()

    def close(self):
        self.sock.close()


class DevTools:
    """Calls DevTools methods and keeps the events that arrive meanwhile."""

    def __init__(self, url, timeout):
        self.ws = WebSocket(url, timeout)
        self.last_id = 0
        self.events = []

    def call(self, method, **params):
        self.last_id += 1
        self.ws.send(json.dumps({"id": self.last_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.last_id:
                if "error" in message:
                    raise RuntimeError("%s failed: %s" % (method, message["error"]))
                return message.get("result", {})
            self.events.append(message)

    def poll_event(self, wait):
        """The next event if one arrives within ``wait`` seconds, else None."""
        if not self.ws.buffer and not select.select([self.ws.sock], [], [], wait)[0]:
            return None
        return json.loads(self.ws.recv())


def console_text(event):
    """The text of a console call or an uncaught exception, None for other events."""
    params = event.get("params", {})
    if event.get("method") == "Runtime.consoleAPICalled":
        return params["type"], " ".join(
            str(arg.get("value", arg.get("description", ""))) for arg in params.get("args", []))
    if event.get("method") == "Runtime.exceptionThrown":
        details = params.get("exceptionDetails", {})
        return "exception", (details.get("exception", {}).get("description") or details.get("text", ""))
    return None


class OdooServer:
    """An Odoo HTTP server on a database, for the length of a ``with`` block."""

    def __init__(self, config_file, database, timeout=60):
        self.port = free_port()
        self.url = "http://127.0.0.1:%s" % self.port
        self.database = database
        handle, self.log_path = tempfile.mkstemp(prefix="jewellery-odoo-", suffix=".log")
        os.close(handle)
        self.log = open(self.log_path, "ab")
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        env = dict(os.environ, PATH=os.pathsep.join([os.path.join(root, "node_modules", ".bin"),
                                                     os.environ.get("PATH", "")]))
        self.process = subprocess.Popen(
            [sys.executable, "-c", "import odoo; odoo.cli.main()", "-c", config_file, "-d", database,
             "--db-filter", "^%s$" % re.escape(database), "--http-port", str(self.port),
             "--max-cron-threads", "0", "--log-level", "warn"],
            stdout=self.log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        deadline = time.time() + timeout
        while True:
            try:
                if requests.get(self.url + "/web/webclient/version_info", timeout=5).status_code < 500:
                    break
            except requests.RequestException:
                pass
            if self.process.poll() is not None or time.time() > deadline:
                stop(self.process)
                self.log.close()
                output = self.output()
                os.unlink(self.log_path)
                raise RuntimeError("the Odoo server did not start:\n%s" % output)
            time.sleep(0.5)

    def output(self):
        with open(self.log_path, errors="replace") as log:
            return log.read()

    def login(self, login, password):
        response = requests.post(self.url + "/web/session/authenticate", json={
            "jsonrpc": "2.0", "method": "call",
            "params": {"db": self.database, "login": login, "password": password},
        }, timeout=60)
        result = response.json()
        if not result.get("result", {}).get("uid"):
            raise RuntimeError("cannot log in as %s: %s" % (login, result))
        return response.cookies["session_id"]

    def call(self, session_id, model, method, *args, **kwargs):
        """Calls a model method over JSON-RPC, as the web client does; raises on an error."""
        response = requests.post(self.url + "/web/dataset/call_kw/%s/%s" % (model, method), json={
            "jsonrpc": "2.0", "method": "call",
            "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        }, cookies={"session_id": session_id}, timeout=60).json()
        if "error" in response:
            raise RuntimeError("%s.%s failed: %s" % (model, method, response["error"]))
        return response["result"]

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        stop(self.process)
        self.log.close()
        os.unlink(self.log_path)


class Chromium:
    """A headless Chromium with one page, driven through the DevTools protocol, for a ``with`` block."""

    def __init__(self, timeout=60):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="jewellery-chromium-")
        log_path = os.path.join(self.profile, "chromium.log")
        self.log = open(log_path, "ab")
        self.process = subprocess.Popen(
            [find_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=%s" % self.profile,
             "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank"],
            stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        self.devtools = None
        self.console = []  # (kind, text) pairs: console calls and uncaught exceptions, in order
        try:
            endpoint = None
            deadline = time.time() + timeout
            while endpoint is None:
                with open(log_path, errors="replace") as log:
                    said = log.read()
                found = re.search(r"DevTools listening on ws://([^/\s]+)/", said)
                endpoint = found and found.group(1)
                if endpoint is None and (self.process.poll() is not None or time.time() > deadline):
                    raise RuntimeError("Chromium did not start:\n%s" % said)
                time.sleep(0.1)
            pages = []
            while not pages:
                pages = [target for target in requests.get("http://%s/json/list" % endpoint, timeout=10).json()
                         if target["type"] == "page"]
            self.devtools = DevTools(pages[0]["webSocketDebuggerUrl"], timeout=timeout)
            self.devtools.call("Network.enable")
            self.devtools.call("Runtime.enable")
        except Exception:
            self.close()
            raise

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        if self.devtools:
            self.devtools.ws.close()
        stop(self.process)
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)

    def _take_events(self):
        for event in self.devtools.events:
            text = console_text(event)
            if text:
                self.console.append(text)
        self.devtools.events = []

    def open(self, url, session_id):
        """Opens ``url`` with Odoo's session cookie."""
        parts = urllib.parse.urlparse(url)
        self.devtools.call("Network.setCookie", name="session_id", value=session_id,
                           url="%s://%s/" % (parts.scheme, parts.netloc))
        self.devtools.call("Page.navigate", url=url)

    def evaluate(self, expression):
        """The JSON value of a JavaScript expression in the page."""
        result = self.devtools.call("Runtime.evaluate", expression=expression, returnByValue=True)
        self._take_events()
        if "exceptionDetails" in result:
            raise RuntimeError("%s failed: %s" % (expression, result["exceptionDetails"]))
        return result["result"].get("value")

    def wait_for(self, expression, what, timeout=None):
        """Waits until a JavaScript expression is true in the page."""
        deadline = time.time() + (timeout or self.timeout)
        while True:
            try:
                if self.evaluate(expression):
                    return
            except RuntimeError:
                pass  # the page is still loading
            if time.time() > deadline:
                raise AssertionError("timed out waiting for %s; console:\n%s" % (what, self.console_text()))
            time.sleep(0.2)

    def wait_console(self, marks, timeout=None):
        """Waits until the page prints one of ``marks`` in its console; returns it."""
        deadline = time.time() + (timeout or self.timeout)
        self._take_events()
        seen = 0
        while True:
            for kind, text in self.console[seen:]:
                if text in marks:
                    return text
            seen = len(self.console)
            if time.time() > deadline:
                raise AssertionError("timed out waiting for %s; console:\n%s" % (marks, self.console_text()))
            event = self.devtools.poll_event(0.5)
            if event:
                self.devtools.events.append(event)
            self._take_events()

    def errors(self):
        return [text for kind, text in self.console if kind in ("error", "exception")]

    def console_text(self):
        return "\n".join("%s: %s" % message for message in self.console)
