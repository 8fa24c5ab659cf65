#!/usr/bin/env python3
"""Benchmark of the lead import tool against Odoo's own ``load`` over RPC (not a test; run it by hand).

    .venv/bin/python bench/bench_import.py            # 10,000 leads each way, then the 100,000-row memory run
    bench/run18 bench_import [options]                # the same against Odoo 18.0 (--odoo 18), run17, run19

Both versions run from this file: the databases and servers of each come from bench/bench_servers.py (Odoo 11 as
tests/odoo_server.py starts it, a recent one's odoo-bin with scripts/series.sh's options); this script and the tool
run in the 11.0 virtualenv, as a client's program whichever the server's version.

It makes its own databases (copies of a freshly installed jewellery_followup database), starts its own Odoo
server for each run on a free loopback port, and drops everything at the end (--keep to keep the databases).

1. Odoo's ``load``: the rows in chunks, one ``crm.lead.load`` call per chunk, default context (what an RPC script
   or the import wizard does).
2. The tool: ``jewellery-followup-import`` on the same rows as a CSV file, as a user runs it (wall clock of the
   whole command, start-up included).
3. Memory: the tool on a 100,000-row file (no external_id column: the worst case, the tool then keys rows by
   content); the peak resident set size of the tool's process is read from the kernel (wait4).
"""
import argparse
import csv
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

import odoorpc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
from bench_servers import odoo_version  # noqa: E402 pylint: disable=wrong-import-position

COLUMNS = ["external_id", "name", "contact_name", "email_from", "phone", "mobile", "street", "city", "zip",
           "user_id", "occasion", "occasion_date", "recipient_name", "is_surprise", "stone_type", "stone_shape",
           "stone_carat", "stone_color", "stone_clarity", "stone_cut", "metal", "ring_size", "budget_min",
           "budget_max", "piece_description", "hospitality_note"]
OCCASIONS = ["engagement", "wedding", "anniversary", "birthday", "holiday", "self_purchase", "other"]


def say(message):
    print("[bench] %s" % message, flush=True)


def fresh_database(version, name):
    """A copy of the crm template database with jewellery_followup installed, as scripts/test (scripts/test18)
    makes it."""
    say("installing jewellery_followup into a fresh %s (Odoo %s)" % (name, version.number))
    version.fresh_addon_db(name)


def make_rows(count, seed=11):
    """Realistic leads with every jewellery field set."""
    rnd = random.Random(seed)
    for number in range(count):
        low = rnd.randrange(300, 15000, 50)
        yield {
            "external_id": "bench-%06d" % number,
            "name": "%s for %s" % (rnd.choice(["Engagement ring", "Pendant", "Earrings", "Bands", "Bracelet"]),
                                   "Recipient %d" % number),
            "contact_name": "Customer %d" % number, "email_from": "customer%d@example.com" % number,
            "phone": "+1 555 %04d" % (number % 10000), "mobile": "+1 555 9%03d" % (number % 1000),
            "street": "%d Harbour Street" % (number % 500 + 1), "city": rnd.choice(["Portland", "Salem", "Eugene"]),
            "zip": "97%03d" % (number % 1000), "user_id": rnd.choice(["admin", "demo"]),
            "occasion": rnd.choice(OCCASIONS),
            "occasion_date": "2027-%02d-%02d" % (rnd.randint(1, 12), rnd.randint(1, 28)),
            "recipient_name": "Recipient %d" % number, "is_surprise": rnd.choice(["1", "0"]),
            "stone_type": rnd.choice(["diamond", "sapphire", "ruby", "emerald", "pearl"]),
            "stone_shape": rnd.choice(["round", "princess", "cushion", "oval", "pear"]),
            "stone_carat": "%.2f" % rnd.uniform(0.2, 3.5), "stone_color": rnd.choice("DEFGHIJK"),
            "stone_clarity": rnd.choice(["IF", "VVS1", "VVS2", "VS1", "VS2", "SI1"]),
            "stone_cut": rnd.choice(["excellent", "very_good", "good"]),
            "metal": rnd.choice(["platinum", "gold_yellow", "gold_white", "gold_rose"]),
            "ring_size": "US %.1f" % rnd.choice([4.5, 5, 5.5, 6, 6.5, 7]), "budget_min": str(low),
            "budget_max": str(low + rnd.randrange(500, 5000, 50)),
            "piece_description": "Piece %d shown at the counter: %s" % (number, rnd.choice(
                ["solitaire in platinum", "halo in white gold", "three-stone ring", "drop pendant"])),
            "hospitality_note": rnd.choice(["espresso", "green tea", "sparkling water", "hazelnut latte"]),
        }


def write_csv(path, rows, columns):
    with open(path, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(columns)
        for values in rows:
            writer.writerow([values[column] for column in columns])


def bench_load(version, db, rows, chunk_size, workers, context=None):
    """Odoo's own load over RPC, chunk after chunk, in the default context unless one is given."""
    with version.server(db, workers=workers) as server:
        odoo = odoorpc.ODOO("127.0.0.1", port=server.port, timeout=600)
        odoo.login(db, "admin", "admin")
        users = {user["login"]: user["id"] for user in odoo.execute_kw(
            "res.users", "search_read", [[]], {"fields": ["login"]})}
        fields = [column for column in COLUMNS if column not in ("external_id", "user_id")] + ["user_id/.id"]
        matrix = [[values[column] for column in fields[:-1]] + [str(users[values["user_id"]])] for values in rows]
        started = time.monotonic()
        created = 0
        for start in range(0, len(matrix), chunk_size):
            result = odoo.execute_kw("crm.lead", "load", [fields, matrix[start:start + chunk_size]],
                                     {"context": context} if context else {})
            errors = [message for message in result["messages"] if message.get("type") == "error"]
            if errors:
                raise RuntimeError("load refused a chunk: %s" % errors[:3])
            created += len([lead_id for lead_id in result["ids"] if lead_id])
        elapsed = time.monotonic() - started
    return created, elapsed


def run_tool(db, port, path, jobs, chunk_size, *extra):
    env = dict(os.environ, ODOO_HOST="127.0.0.1", ODOO_PORT=str(port), ODOO_DB=db, ODOO_USER="admin",
               ODOO_PASSWORD="admin")
    command = [os.path.join(ROOT, ".venv", "bin", "jewellery-followup-import"), path, "--jobs", str(jobs),
               "--chunk-size", str(chunk_size), "--quiet"] + list(extra)
    started = time.monotonic()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, universal_newlines=True)
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.monotonic() - started
    process.returncode = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -os.WTERMSIG(status)
    if process.returncode != 0:
        raise RuntimeError("the tool exited with %s:\n%s" % (process.returncode, output))
    return elapsed, usage.ru_maxrss / 1024.0, output


def count_leads(db, port, prefix):
    odoo = odoorpc.ODOO("127.0.0.1", port=port)
    odoo.login(db, "admin", "admin")
    return odoo.execute_kw("crm.lead", "search_count", [[("name", "=like", prefix + "%")]])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--rss-rows", type=int, default=100000, help="0 to skip the memory run")
    parser.add_argument("--chunk-size", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2, help="the tool's parallel connections")
    parser.add_argument("--workers", type=int, default=2,
                        help="Odoo server workers for both runs (0: threaded server)")
    parser.add_argument("--no-load-quiet", dest="load_quiet", action="store_false",
                        help="skip the reference run of load with tracking disabled")
    parser.add_argument("--odoo", type=int, choices=(11, 17, 18, 19), default=11, help="the server's Odoo version")
    parser.add_argument("--db-prefix", help="default: jewellery_bench_import (11), jewellery_bench<N>_import (N)")
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    args = parser.parse_args()
    version = odoo_version(args.odoo)
    if args.odoo >= 19:
        COLUMNS.remove("mobile")  # Odoo 19's crm.lead has no mobile
    args.db_prefix = args.db_prefix or ("jewellery_bench_import" if args.odoo == 11 else
                                        "jewellery_bench%d_import" % args.odoo)

    base, load_db, quiet_db, tool_db = (args.db_prefix + suffix for suffix in ("_base", "_load", "_loadq", "_tool"))
    workdir = tempfile.mkdtemp(prefix="bench-import-")
    try:
        fresh_database(version, base)
        version.copy_db(base, load_db)
        version.copy_db(base, tool_db)
        if args.load_quiet:
            version.copy_db(base, quiet_db)
        rows = list(make_rows(args.rows))
        csv_path = os.path.join(workdir, "leads.csv")
        write_csv(csv_path, rows, COLUMNS)
        say("%d leads, %d-row chunks, Odoo %s with --workers %d, %d CPU cores" % (
            args.rows, args.chunk_size, version.number, args.workers, os.cpu_count()))

        say("Odoo's own load over RPC (default context)...")
        created, load_time = bench_load(version, load_db, rows, args.chunk_size, args.workers)
        assert created == args.rows, created
        load_rate = args.rows / load_time
        say("load: %d leads in %.1f s = %.1f leads/s" % (created, load_time, load_rate))
        quiet_line = None
        if args.load_quiet:
            say("Odoo's own load over RPC with tracking_disable (for reference)...")
            created, quiet_time = bench_load(version, quiet_db, rows, args.chunk_size, args.workers,
                                             context={"tracking_disable": True})
            assert created == args.rows, created
            quiet_line = "Odoo load, tracking_disable:      %8.1f leads/s  (%d leads in %.1f s; reference only)" % (
                args.rows / quiet_time, args.rows, quiet_time)
            say(quiet_line)

        say("jewellery-followup-import (--jobs %d)..." % args.jobs)
        with version.server(tool_db, workers=args.workers) as server:
            tool_time, tool_rss, output = run_tool(tool_db, server.port, csv_path, args.jobs, args.chunk_size)
            created = int(re.search(r"created\s+(\d+)", output).group(1))
            assert created == args.rows, output
            landed = count_leads(tool_db, server.port, "")
            rerun_time, _rss, output = run_tool(tool_db, server.port, csv_path, args.jobs, args.chunk_size)
            assert int(re.search(r"skipped\s+(\d+)", output).group(1)) == args.rows, output
            assert count_leads(tool_db, server.port, "") == landed, "the re-run duplicated leads"
            rss_line = None
            if args.rss_rows:
                big = os.path.join(workdir, "big.csv")
                write_csv(big, make_rows(args.rss_rows, seed=12), [c for c in COLUMNS if c != "external_id"])
                say("memory run: %d rows (%.0f MB file)..." % (args.rss_rows, os.path.getsize(big) / 1e6))
                big_time, big_rss, _output = run_tool(tool_db, server.port, big, args.jobs, args.chunk_size)
                rss_line = "memory: %d-row file (%.0f MB) imported in %.0f s (%.0f leads/s), client peak RSS " \
                           "%.1f MB (limit 150 MB)" % (args.rss_rows, os.path.getsize(big) / 1e6, big_time,
                                                       args.rss_rows / big_time, big_rss)
        tool_rate = args.rows / tool_time

        print()
        print("Odoo %s, server --workers %d, %d leads in chunks of %d" % (
            version.number, args.workers, args.rows, args.chunk_size))
        print("Odoo load (RPC, default context): %8.1f leads/s  (%d leads in %.1f s)" % (
            load_rate, args.rows, load_time))
        if quiet_line:
            print(quiet_line)
        print("jewellery-followup-import:        %8.1f leads/s  (%d leads in %.1f s, whole command, "
              "client peak RSS %.1f MB)" % (tool_rate, args.rows, tool_time, tool_rss))
        print("ratio tool / load:                %8.1f x  (target >= 5x and >= 150 leads/s)" % (
            tool_rate / load_rate))
        print("re-run of the same file:          %8.1f rows/s  (all %d skipped, no duplicate)" % (
            args.rows / rerun_time, args.rows))
        if rss_line:
            print(rss_line)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        if not args.keep:
            for name in (base, load_db, quiet_db, tool_db):
                version.drop_db(name)


if __name__ == "__main__":
    main()
