#!/usr/bin/env python3
"""Stress test of the second-chance follow-up under concurrency (not a test: run it by hand).

    .venv/bin/python bench/stress_followup.py --db jewellery_stress   # 2,000 operations or 4 minutes, + ~1 min setup
    .venv/bin/python bench/stress_followup.py --ops 3000 --seconds 600 --clients 8 --keep

It makes a fresh database ``--db`` (a copy of the crm template that scripts/test builds, with
jewellery_followup installed), four salespeople (all leads) in four time zones and a sales manager, and 300
reachable leads, imported with external ids. Two Odoo servers serve that one database, each with ``--workers
2`` and a cron worker, on free loopback ports; the hourly job (``jewellery_followup.ir_cron_advance_followups``)
is set to run every minute, so both cron workers race on it.

RPC clients (threads, each with its own odoorpc connections, half on each server, logged in as the
salespeople and the manager) then race on the same two dozen leads per round: start, record outcomes (mostly
"no answer"), stop, reassign, the import's ``import_batch(rows, start_followup=True)`` on rows of those
leads, and runs of the job triggered by hand as admin (two at the start of each round, so that runs overlap
each other and the cron workers'). Between rounds the bench moves the due date of every waiting chain to two
days ago with SQL: what time passing does. After the last round the job runs twice alone. Then it counts, in
the database and in what the clients received, what must never happen:

- leads with more than three contacts (attempt rows, and ``crm_lead.followup_contact_count``), a count that
  differs from the rows, duplicate attempt numbers, more than one open attempt on a lead;
- open attempts without their activity, or whose activity is on another lead or user, or not on the lead's
  salesperson; follow-up activities no open attempt carries; closed chains with a touch still open;
- running chains that can never advance (no open attempt, no due date), due chains the job left behind, the
  job failing in a cron worker or giving up on a lead (servers' logs);
- deadlocks and serialization failures that reached a client (also inside an import row's result), the
  database's guards (triggers, unique indexes) reaching a client instead of the engine's refusal, the "closed
  cursor" of a call Odoo retried, and any other error (a 500, a lost connection, an import row that failed).

Refusals (UserError, ValidationError, AccessError such as "already following its chain", "no follow-up
running", "already done") are expected and counted apart. The statements that failed on a concurrent update
or a deadlock, and the calls Odoo retried for them, are read from the servers' logs: an allowed figure as long
as no client received one. It prints operations per kind, refusals, elapsed time and operations per second;
it exits 1 when a must-be-zero count is not 0. It stops the servers and clients it started and drops its
database unless --keep; the servers' logs and the tracebacks of the errors the clients received stay in
``.local/<db>-server1.log``, ``-server2.log`` and ``-client-errors.log``.
"""
import argparse
import collections
import contextlib
import datetime
import functools
import os
import random
import re
import shutil
import sys
import threading
import time
import traceback

import odoorpc
import psycopg2

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
from bench_import import CONF, drop_db, fresh_database, say  # noqa: E402 pylint: disable=wrong-import-position
from odoo_server import OdooServer  # noqa: E402 pylint: disable=wrong-import-position

CRON = "jewellery_followup.ir_cron_advance_followups"
CRON_NAME = "Jewellery follow-up"
TIME_ZONES = ["Europe/Paris", "America/New_York", "Asia/Tokyo", "Pacific/Auckland"]
# Operations a client draws, with their weights; "cron" runs the job by hand (as admin).
OPERATIONS = {"outcome": 36, "start": 24, "reassign": 12, "stop": 8, "import": 10, "cron": 10}
OUTCOMES = ["no_answer"] * 16 + ["appointment", "declined", "came_back", "purchased"]
REFUSALS = ("odoo.exceptions.UserError", "odoo.exceptions.ValidationError", "odoo.exceptions.AccessError",
            "odoo.exceptions.Warning")
CONCURRENCY = re.compile(r"deadlock|serializ|concurrent update", re.I)
# The database's last line (triggers, unique indexes) speaking to a user: the engine let a race through.
DB_GUARD = re.compile(r"already contacted \d+ times|is at contact|duplicate key|already has an attempt with "
                      r"this number|count cannot go down|violates", re.I)
# Odoo 11 retries a call that hit a serialization failure; over /jsonrpc the retry may still hold work of
# the failed try, bound to its closed cursor (reproduced on crm alone: two clients writing one lead).
CLOSED_CURSOR = re.compile(r"closed cursor", re.I)
# Server trouble that Odoo may wrap in a ValidationError ("Error while validating constraint ...").
NOT_A_REFUSAL = re.compile(r"Error while validating constraint|Traceback", re.I)
# What reached a client and must not, by kind.
REACHED_CONCURRENCY = "deadlocks or serialization failures that reached a client"
REACHED_GUARD = "database guards that reached a client (not the engine's refusal)"
REACHED_CLOSED_CURSOR = "closed cursor after Odoo retried a serialization failure"
REACHED_OTHER = "other errors that reached a client (500, lost connection...)"
# Odoo's own log lines: a retried transaction, a retry given up, a cron worker starting the job.
RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ ([A-Z]+) \S+ ")
RETRIED = re.compile(r"([A-Z_]+), retry \d+/\d+")
GAVE_UP = re.compile(r"maximum number of tries reached")
# The job failing in a cron worker, or giving up on a lead (it logs the exception and skips the lead).
JOB_FAILED = re.compile(r"Call from cron %s.* failed|could not schedule the next touch" % re.escape(CRON_NAME))
LOG_ARGS = ["--log-handler", ":WARNING", "--log-handler", "odoo.service.model:INFO",
            "--log-handler", "odoo.addons.base.ir.ir_cron:INFO"]

MUST_BE_ZERO = [
    ("leads with more than 3 attempt rows", """
        SELECT count(*) FROM (SELECT lead_id FROM jewellery_followup_attempt
                              GROUP BY lead_id HAVING count(*) > 3) many"""),
    ("leads with followup_contact_count above 3",
     "SELECT count(*) FROM crm_lead WHERE followup_contact_count > 3"),
    ("leads whose contact count differs from their attempt rows", """
        SELECT count(*) FROM crm_lead l
         WHERE COALESCE(l.followup_contact_count, 0)
               <> (SELECT count(*) FROM jewellery_followup_attempt t WHERE t.lead_id = l.id)"""),
    ("duplicate attempt numbers on a lead", """
        SELECT count(*) FROM (SELECT lead_id, attempt_no FROM jewellery_followup_attempt
                              GROUP BY lead_id, attempt_no HAVING count(*) > 1) twice"""),
    ("leads with more than one open attempt", """
        SELECT count(*) FROM (SELECT lead_id FROM jewellery_followup_attempt WHERE state = 'scheduled'
                              GROUP BY lead_id HAVING count(*) > 1) open"""),
    ("open attempts without an activity", """
        SELECT count(*) FROM jewellery_followup_attempt t LEFT JOIN mail_activity a ON a.id = t.activity_id
         WHERE t.state = 'scheduled' AND a.id IS NULL"""),
    ("open attempts whose activity is on another lead", """
        SELECT count(*) FROM jewellery_followup_attempt t JOIN mail_activity a ON a.id = t.activity_id
         WHERE t.state = 'scheduled' AND (a.res_model <> 'crm.lead' OR a.res_id <> t.lead_id)"""),
    ("open attempts whose activity is on another user", """
        SELECT count(*) FROM jewellery_followup_attempt t JOIN mail_activity a ON a.id = t.activity_id
         WHERE t.state = 'scheduled' AND a.user_id IS DISTINCT FROM t.user_id"""),
    ("open attempts not on the lead's salesperson", """
        SELECT count(*) FROM jewellery_followup_attempt t JOIN crm_lead l ON l.id = t.lead_id
         WHERE t.state = 'scheduled' AND l.user_id IS NOT NULL AND t.user_id IS DISTINCT FROM l.user_id"""),
    ("follow-up activities no open attempt carries", """
        SELECT count(*) FROM mail_activity a
         WHERE a.res_model = 'crm.lead' AND a.calendar_event_id IS NULL
           AND a.activity_type_id IN (SELECT activity_type_id FROM jewellery_followup_step)
           AND a.res_id IN (SELECT id FROM crm_lead WHERE name LIKE 'Stress lead %%')
           AND NOT EXISTS (SELECT 1 FROM jewellery_followup_attempt t
                            WHERE t.activity_id = a.id AND t.state = 'scheduled')"""),
    ("chains not running with a touch still open", """
        SELECT count(*) FROM crm_lead l WHERE l.followup_state <> 'running'
           AND EXISTS (SELECT 1 FROM jewellery_followup_attempt t WHERE t.lead_id = l.id AND t.state = 'scheduled')"""),
    ("running chains that can never advance", """
        SELECT count(*) FROM crm_lead l WHERE l.followup_state = 'running' AND l.followup_next_date IS NULL
           AND NOT EXISTS (SELECT 1 FROM jewellery_followup_attempt t
                            WHERE t.lead_id = l.id AND t.state = 'scheduled')"""),
    ("due chains the job left behind (after two runs alone)", """
        SELECT count(*) FROM crm_lead WHERE followup_state = 'running'
           AND followup_next_date <= (now() at time zone 'UTC')::date - 2"""),
]


class Tally:
    """What the clients did and saw, shared by every thread."""

    def __init__(self, limit):
        self.limit = limit
        self.lock = threading.Lock()
        self.taken = 0
        self.ops = collections.Counter()
        self.refusals = collections.Counter()
        self.imports = collections.Counter()
        self.bad = collections.defaultdict(list)  # must-be-zero category: [(operation, message)]
        self.traces = {}  # message: the server's traceback of its first occurrence

    def take(self):
        """One more operation, unless the run already made its count."""
        with self.lock:
            if self.taken >= self.limit:
                return False
            self.taken += 1
            return True

    def record(self, kind, error=None, message=None, counted=True):
        """An operation of ``kind`` done (``counted``), and what it ran into: an RPC ``error`` or the
        ``message`` of an import row."""
        with self.lock:
            if counted:
                self.ops[kind] += 1
            if error is not None or message is not None:
                category, text = classify(error, message)
                if category == "refusal":
                    self.refusals[(kind, text)] += 1
                else:
                    self.bad[category].append((kind, text))
                    self.traces.setdefault(text, server_traceback(error))


def classify(error, message=None):
    """(category, text): ``refusal`` is expected; anything else must never reach a user."""
    name = None
    if error is not None:
        data = getattr(error, "info", None) or {}
        data = data.get("data", {}) if isinstance(data, dict) else {}
        name = data.get("name") or type(error).__name__
        message = data.get("message") or str(error) or repr(error)
    text = " ".join(str(message).split())
    if CONCURRENCY.search(text):
        return REACHED_CONCURRENCY, text[:160]
    if DB_GUARD.search(text):
        return REACHED_GUARD, text[:160]
    if CLOSED_CURSOR.search(text):
        return REACHED_CLOSED_CURSOR, ("%s: %s" % (name, text))[:160]
    if (error is None or name in REFUSALS) and not NOT_A_REFUSAL.search(text):
        # one line per kind of refusal: the lead's name and numbers left out
        return "refusal", re.sub(r"\d+", "N", re.sub(r'"[^"]*"', '"…"', text))[:90]
    return REACHED_OTHER, ("%s: %s" % (name, text))[:200]


def server_traceback(error):
    info = getattr(error, "info", None)
    if isinstance(info, dict) and isinstance(info.get("data"), dict) and info["data"].get("debug"):
        return info["data"]["debug"]
    if error is None:
        return "(a message in the result of import_batch)\n"
    return "".join(traceback.format_exception(type(error), error, error.__traceback__))


def connect(port, db, login):
    client = odoorpc.ODOO("127.0.0.1", port=port, timeout=180)
    client.login(db, login, login)
    return client


class Client:
    """One user racing on the round's hot leads; also runs the job by hand, as admin."""

    def __init__(self, number, port, world, tally):
        self.number = number
        self.world = world
        self.tally = tally
        self.random = random.Random("%s-%s" % (world["seed"], number))
        self.login = world["logins"][number % len(world["logins"])]
        self.rpc = connect(port, world["db"], self.login)
        self.admin = connect(port, world["db"], "admin")
        self.hot, self.quota, self.deadline, self.cron_first = [], 0, 0, False

    def run_round(self, hot, quota, deadline, cron_first):
        self.hot, self.quota, self.deadline, self.cron_first = hot, quota, deadline, cron_first
        thread = threading.Thread(target=self.run, daemon=True)
        thread.start()
        return thread

    def run(self):
        kinds, weights = list(OPERATIONS), list(OPERATIONS.values())
        first = ["cron"] if self.cron_first else []
        for _done in range(self.quota):
            if time.monotonic() > self.deadline or not self.tally.take():
                return
            kind = first.pop() if first else self.random.choices(kinds, weights)[0]
            try:
                kind, call = self.operation(kind)
                call()
            except Exception as error:  # pylint: disable=broad-except
                self.tally.record(kind, error)
            else:
                self.tally.record(kind)

    def operation(self, kind):
        """(kind, call). An outcome closes a touch of the hot leads, an open one when there is one (others may
        be closing it too), else a closed one; with no touch at all yet, it becomes a start."""
        if kind != "outcome":
            return kind, getattr(self, "do_" + kind)
        attempts = self.rpc.execute_kw("jewellery.followup.attempt", "search_read",
                                       [[("lead_id", "in", self.hot)]], {"fields": ["state"]})
        if not attempts:
            return "start", self.do_start
        open_ones = [attempt["id"] for attempt in attempts if attempt["state"] == "scheduled"]
        attempt = self.random.choice(open_ones or [attempt["id"] for attempt in attempts])
        return kind, functools.partial(self.do_outcome, attempt)

    def do_start(self):
        self.rpc.execute_kw("crm.lead", "action_start_followup", [[self.random.choice(self.hot)]])

    def do_stop(self):
        self.rpc.execute_kw("crm.lead", "action_stop_followup", [[self.random.choice(self.hot)]])

    def do_reassign(self):
        lead = self.random.choice(self.hot)
        self.rpc.execute_kw("crm.lead", "write", [[lead], {"user_id": self.random.choice(self.world["sales"])}])

    def do_outcome(self, attempt):
        self.rpc.execute_kw("jewellery.followup.attempt", "action_record_outcome",
                            [[attempt], self.random.choice(OUTCOMES)])

    def do_import(self):
        """The import's batch entry point on rows that map to existing leads: unchanged, or changed (a new
        salesperson and description), each with start_followup."""
        rows = []
        for line, lead in enumerate(self.random.sample(self.hot, min(5, len(self.hot))), 1):
            values = {"name": self.world["names"][lead]}
            if self.random.random() < 0.5:
                values.update(user_id=self.random.choice(self.world["sales"]),
                              description="Stress import %d" % self.random.randrange(10 ** 6))
            rows.append({"line": line, "external_id": self.world["xids"][lead], "values": values})
        results = self.rpc.execute_kw("jewellery.followup.import", "import_batch", [rows],
                                      {"start_followup": True})
        for result in results:
            self.tally.imports["row " + result["status"]] += 1
            self.tally.imports["follow-up " + str(result.get("followup"))] += 1
            if result["status"] == "failed":
                self.tally.record("import", message="import row failed: %s" % result["message"], counted=False)
            elif result.get("followup") == "refused":
                self.tally.record("import", message=result["followup_message"], counted=False)

    def do_cron(self):
        self.admin.execute_kw("ir.cron", "method_direct_trigger", [[self.world["cron"]]])


def setup(db, port, lead_count, seed):
    """Salespeople, a manager and reachable leads, over RPC as admin; the job set to run every minute."""
    admin = connect(port, db, "admin")

    def xmlid(name):
        return admin.execute_kw("ir.model.data", "xmlid_to_res_id", [name])

    def create_user(values):
        return admin.execute_kw("res.users", "create", [values], {"context": {"no_reset_password": True}})

    sales = [create_user({
        "name": "Stress Salesperson %d" % number, "login": "stress_sales_%d" % number, "tz": tz,
        "password": "stress_sales_%d" % number, "email": "stress_sales_%d@example.com" % number,
        "groups_id": [(6, 0, [xmlid("sales_team.group_sale_salesman_all_leads")])],
    }) for number, tz in enumerate(TIME_ZONES, 1)]
    create_user({"name": "Stress Manager", "login": "stress_manager", "password": "stress_manager",
                 "email": "stress_manager@example.com", "tz": "Europe/London",
                 "groups_id": [(6, 0, [xmlid("sales_team.group_sale_manager")])]})
    names, xids = {}, {}
    soon = (datetime.date.today() + datetime.timedelta(days=120)).isoformat()
    rows = [{"line": number, "external_id": "stress-%04d" % number, "values": dict({
        "name": "Stress lead %04d" % number, "contact_name": "Customer %d" % number,
        "email_from": "customer%d@example.com" % number, "phone": "+1 555 %04d" % number,
        "user_id": sales[number % len(sales)],
    }, **({"occasion": "anniversary", "occasion_date": soon} if number % 3 == 0 else {}))}
        for number in range(1, lead_count + 1)]
    for start in range(0, len(rows), 200):
        for row, result in zip(rows[start:start + 200], admin.execute_kw(
                "jewellery.followup.import", "import_batch", [rows[start:start + 200]])):
            if result["status"] != "created":
                raise RuntimeError("setup: lead %s not created: %s" % (row["external_id"], result["message"]))
            names[result["id"]] = row["values"]["name"]
            xids[result["id"]] = row["external_id"]
    cron = xmlid(CRON)
    admin.execute_kw("ir.cron", "write", [[cron], {
        "active": True, "interval_number": 1, "interval_type": "minutes",
        "nextcall": datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M:%S")}])
    return {"db": db, "seed": seed, "sales": sales, "names": names, "xids": xids, "cron": cron,
            "logins": ["stress_sales_%d" % number for number in range(1, len(sales) + 1)] + ["stress_manager"]}


def pass_time(conn, cron):
    """Every waiting chain's due date moves to two days ago: due in every store's morning, whatever its zone.
    The job is due again too, so that the next cron worker to wake up runs it (they poll once a minute)."""
    with conn.cursor() as cr:
        cr.execute("UPDATE ir_cron SET nextcall = now() at time zone 'UTC' WHERE id = %s", (cron,))
        cr.execute("""
            UPDATE crm_lead SET followup_next_date = (now() at time zone 'UTC')::date - 2
             WHERE followup_state = 'running' AND followup_next_date > (now() at time zone 'UTC')::date - 2
        """)
        return cr.rowcount


def hot_leads(conn, lead_ids, count, rnd):
    """The round's leads: half with a running chain, the rest not yet at three contacts, all still open."""
    with conn.cursor() as cr:
        cr.execute("""
            SELECT id, followup_state = 'running' FROM crm_lead
             WHERE id = ANY(%s) AND active AND COALESCE(followup_contact_count, 0) < 3
        """, (lead_ids,))
        rows = cr.fetchall()
    running = [lead for lead, is_running in rows if is_running]
    others = [lead for lead, is_running in rows if not is_running]
    hot = rnd.sample(running, min(len(running), count // 2))
    hot += rnd.sample(others, min(len(others), count - len(hot)))
    return hot or rnd.sample(lead_ids, min(count, len(lead_ids)))


def log_records(path):
    """The records of an Odoo log file: (level, text), a record's traceback lines included."""
    level, lines = None, []
    with open(path, encoding="utf-8", errors="replace") as stream:
        for line in stream:
            match = RECORD.match(line)
            if match:
                if lines:
                    yield level, "".join(lines)
                level, lines = match.group(1), [line[match.end():]]
            else:
                lines.append(line)
    if lines:
        yield level, "".join(lines)


def read_logs(servers, keep_as):
    """What the servers' logs say: statements that failed on a concurrent update or a deadlock, the retries of
    Odoo's RPC layer, retries given up, the cron workers' runs of the job, other errors. The logs are copied to
    ``keep_as % number`` (the servers delete theirs when they stop)."""
    figures = {"failed statements": 0, "retried": collections.Counter(), "gave up": 0,
               "cron runs": collections.Counter(), "job failures": 0, "errors": collections.Counter()}
    for number, server in enumerate(servers, 1):
        shutil.copyfile(server.log.name, keep_as % number)
        for level, text in log_records(server.log.name):
            retried = RETRIED.search(text)
            if retried:
                figures["retried"][retried.group(1)] += 1
            figures["gave up"] += bool(GAVE_UP.search(text))
            figures["cron runs"][number] += "Starting job `%s" % CRON_NAME in text
            figures["job failures"] += bool(JOB_FAILED.search(text))
            if level in ("ERROR", "CRITICAL"):
                if text.startswith("odoo.sql_db: bad query") and CONCURRENCY.search(text):
                    figures["failed statements"] += 1
                else:
                    figures["errors"][" ".join(text.split())[:160]] += 1
    return figures


def stress(args, servers, world, conn):
    """The rounds; returns the tally and the elapsed seconds."""
    tally = Tally(args.ops)
    rnd = random.Random(args.seed)
    clients = [Client(number, servers[number % 2].port, world, tally) for number in range(args.clients)]
    lead_ids = sorted(world["names"])
    say("%d clients (%s) on ports %s; up to %d operations or %d s" % (
        args.clients, ", ".join(client.login for client in clients),
        " and ".join(str(server.port) for server in servers), args.ops, args.seconds))
    started = time.monotonic()
    deadline = started + args.seconds
    rounds = 0
    while tally.taken < args.ops and time.monotonic() < deadline:
        rounds += 1
        moved = pass_time(conn, world["cron"])
        hot = hot_leads(conn, lead_ids, args.hot, rnd)
        quota = max(1, args.round_ops // args.clients)
        threads = [client.run_round(hot, quota, deadline, client.number < 2) for client in clients]
        for thread in threads:
            thread.join()
        say("round %d: %d due dates passed, %d hot leads, %d operations so far (%.0f s)" % (
            rounds, moved, len(hot), tally.taken, time.monotonic() - started))
    elapsed = time.monotonic() - started
    # the job alone, twice (not counted as operations): whatever is still due after that, it left behind
    pass_time(conn, world["cron"])
    for _run in range(2):
        try:
            clients[0].do_cron()
        except Exception as error:  # pylint: disable=broad-except
            tally.record("cron", error, counted=False)
    return tally, elapsed


def report(tally, elapsed, conn, logs, traces_path):
    """Prints the figures; returns the must-be-zero counts that are not 0. The server's traceback of each
    error that reached a client goes to ``traces_path``."""
    failed = []
    total = sum(tally.ops.values())
    print()
    print("operations: %d in %.1f s = %.1f per second" % (total, elapsed, total / elapsed))
    for kind in OPERATIONS:
        print("  %-10s %6d" % (kind, tally.ops[kind]))
    print("  (and runs of the job by the cron workers, from the logs: server 1 %d, server 2 %d)" % (
        logs["cron runs"][1], logs["cron runs"][2]))
    print("import rows: %s" % ", ".join("%s %d" % item for item in sorted(tally.imports.items())))
    print("refusals (expected): %d" % sum(tally.refusals.values()))
    for (kind, text), count in tally.refusals.most_common(14):
        print("  %6d  %-8s %s" % (count, kind, text))
    print("serialization failures and deadlocks (servers' logs, allowed when retried):")
    print("  statements that failed: %d; calls retried by Odoo: %d (%s); retries given up: %d" % (
        logs["failed statements"], sum(logs["retried"].values()),
        ", ".join("%s %d" % item for item in sorted(logs["retried"].items())) or "none", logs["gave up"]))
    print("other errors in the servers' logs: %d" % sum(logs["errors"].values()))
    for text, count in logs["errors"].most_common(8):
        print("  %6d  %s" % (count, text))
    print()
    print("must be zero:")
    with conn.cursor() as cr:
        for label, query in MUST_BE_ZERO:
            cr.execute(query)
            count = cr.fetchone()[0]
            print("  %-66s %5d" % (label, count))
            if count:
                failed.append(label)
    label = "job runs or leads the job failed on (servers' logs)"
    print("  %-66s %5d" % (label, logs["job failures"]))
    if logs["job failures"]:
        failed.append(label)
    for category in (REACHED_CONCURRENCY, REACHED_GUARD, REACHED_CLOSED_CURSOR, REACHED_OTHER):
        seen = tally.bad.get(category, [])
        print("  %-66s %5d" % (category, len(seen)))
        for (kind, text), count in collections.Counter(seen).most_common(5):
            print("    %4d  %-8s %s" % (count, kind, text))
        if seen:
            failed.append(category)
    with open(traces_path, "w", encoding="utf-8") as stream:
        for text, trace in tally.traces.items():
            stream.write("=== %s\n%s\n" % (text, trace))
    return failed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="jewellery_stress", help="the database it makes (and drops)")
    parser.add_argument("--ops", type=int, default=2000, help="stop after this many operations...")
    parser.add_argument("--seconds", type=int, default=240, help="...or after this many seconds")
    parser.add_argument("--clients", type=int, default=6, help="RPC client threads")
    parser.add_argument("--leads", type=int, default=300)
    parser.add_argument("--hot", type=int, default=24, help="leads all clients race on in one round")
    parser.add_argument("--round-ops", type=int, default=120,
                        help="operations per round (time passes between rounds)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the database (to look at the leads)")
    args = parser.parse_args()

    os.environ.setdefault("PGHOST", "127.0.0.1")
    failed = ["the run did not finish"]
    conn = None
    try:
        fresh_database(args.db)
        conn = psycopg2.connect(dbname=args.db)
        conn.autocommit = True
        with contextlib.ExitStack() as stack:
            servers = [stack.enter_context(OdooServer(args.db, CONF, workers=2, cron_threads=1,
                                                      extra_args=LOG_ARGS)) for _server in range(2)]
            say("two Odoo servers (--workers 2, one cron worker each) on 127.0.0.1:%d and :%d" % (
                servers[0].port, servers[1].port))
            world = setup(args.db, servers[0].port, args.leads, args.seed)
            say("%d salespeople, a manager, %d leads; the job runs every minute" % (
                len(world["sales"]), len(world["names"])))
            tally, elapsed = stress(args, servers, world, conn)
            keep_as = os.path.join(ROOT, ".local", args.db + "-server%d.log")
            logs = read_logs(servers, keep_as)
            traces = os.path.join(ROOT, ".local", args.db + "-client-errors.log")
            failed = report(tally, elapsed, conn, logs, traces)
            say("the servers' logs: %s; errors seen by the clients, with the servers' tracebacks: %s" % (
                ", ".join(keep_as % number for number in (1, 2)), traces))
    finally:
        if conn is not None:
            conn.close()
        if not args.keep:
            drop_db(args.db)
    print()
    print("FAILED: %s" % "; ".join(failed) if failed else "OK: every must-be-zero count is 0")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
