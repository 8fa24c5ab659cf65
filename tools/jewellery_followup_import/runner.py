"""Sending chunks in parallel: one connection per worker, each chunk one ``import_batch`` call.

Rows with the same external id always go to the same worker, so two chunks never race for one lead.
The upsert is idempotent, which makes retrying a chunk after a dropped connection safe.
"""
import queue
import threading
import time
import zlib

from .connection import NETWORK_ERRORS, ConnectionFailed, connect, describe_network_error
from .transport import ServerError

MODEL = "jewellery.followup.import"
RETRY_DELAYS = (1, 2, 4, 8, 15, 30)
TRANSIENT_SERVER_ERRORS = ("could not serialize access", "deadlock detected", "OperationalError",
                           "connection pool is full", "server closed the connection")


class Chunk:
    """Rows on their way: what is sent, and the original cells for the rejected-rows file."""
    __slots__ = ("payload", "originals")

    def __init__(self):
        self.payload = []
        self.originals = {}

    def add(self, line, external_id, values, cells):
        self.payload.append({"line": line, "external_id": external_id, "values": values})
        self.originals[line] = cells

    def __len__(self):
        return len(self.payload)


class Sender:
    """Worker threads with their own connection (odoorpc or JSON-2); results come back through ``poll``."""

    def __init__(self, settings, first_connection, jobs, chunk_size, start_followup, dry_run, retries, warn):
        self.settings = settings
        self.jobs = jobs
        self.chunk_size = chunk_size
        self.options = {"start_followup": start_followup, "dry_run": dry_run}
        self.retries = retries
        self.warn = warn
        self.fatal = None
        self.outstanding = 0
        self.buffers = [Chunk() for _index in range(jobs)]
        self.inboxes = [queue.Queue(maxsize=2) for _index in range(jobs)]
        self.results = queue.Queue()
        self.threads = []
        for index in range(jobs):
            thread = threading.Thread(target=self._work, args=(index, first_connection if index == 0 else None),
                                      name="import-worker-%d" % index, daemon=True)
            thread.start()
            self.threads.append(thread)

    # -- main thread --------------------------------------------------------
    def add(self, line, external_id, values, cells, on_result):
        index = zlib.crc32(external_id.encode("utf-8")) % self.jobs
        buffer = self.buffers[index]
        buffer.add(line, external_id, values, cells)
        if len(buffer) >= self.chunk_size:
            self._send(index, on_result)

    def finish(self, on_result):
        for index in range(self.jobs):
            if len(self.buffers[index]):
                self._send(index, on_result)
        for inbox in self.inboxes:
            self._put(inbox, None, on_result)
        while self.outstanding:
            self.poll(on_result, timeout=0.2)

    def _send(self, index, on_result):
        chunk, self.buffers[index] = self.buffers[index], Chunk()
        self.outstanding += 1
        self._put(self.inboxes[index], chunk, on_result)

    def _put(self, inbox, item, on_result):
        while True:
            self._check()
            try:
                inbox.put(item, timeout=0.2)
                return
            except queue.Full:
                self.poll(on_result)

    def poll(self, on_result, timeout=None):
        """Hands the finished chunks to ``on_result(chunk, results)``; waits up to ``timeout`` for one."""
        while True:
            try:
                item = self.results.get(timeout=timeout) if timeout else self.results.get_nowait()
            except queue.Empty:
                break
            timeout = None
            if item is None:
                continue
            self.outstanding -= 1
            on_result(*item)
        self._check()

    def _check(self):
        if self.fatal:
            raise self.fatal

    # -- worker threads -----------------------------------------------------
    def _work(self, index, odoo):
        try:
            if odoo is None:
                odoo = connect(self.settings)
            while True:
                chunk = self.inboxes[index].get()
                if chunk is None:
                    return
                self.results.put((chunk, self._call(odoo, chunk)))
        except ConnectionFailed as error:
            self.fatal = error
            self.results.put(None)
        except Exception as error:  # pylint: disable=broad-except - reported by the main thread
            self.fatal = ConnectionFailed("unexpected error in worker %d: %r" % (index, error))
            self.results.put(None)

    def _call(self, odoo, chunk):
        kwargs = dict(self.options, context=odoo.context)
        for attempt in range(self.retries + 1):
            delay = RETRY_DELAYS[min(attempt, len(RETRY_DELAYS) - 1)]
            try:
                return odoo.execute_kw(MODEL, "import_batch", [chunk.payload], kwargs)
            except ServerError as error:
                message = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
                if attempt < self.retries and any(word in str(error) for word in TRANSIENT_SERVER_ERRORS):
                    self.warn("server busy (%s), retrying in %d s" % (message, delay))
                    time.sleep(delay)
                    continue
                return [{"line": row["line"], "external_id": row["external_id"], "status": "failed", "id": False,
                         "message": "server error on this chunk: %s" % message} for row in chunk.payload]
            except NETWORK_ERRORS as error:
                description = describe_network_error(self.settings, error) or repr(error)
                if attempt >= self.retries:
                    raise ConnectionFailed("lost the connection: %s" % description)
                self.warn("%s; retrying in %d s (attempt %d of %d)" % (description, delay, attempt + 1,
                                                                       self.retries))
                time.sleep(delay)
        raise ConnectionFailed("no answer after %d attempts" % (self.retries + 1))
