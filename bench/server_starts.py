"""How many freshly started Odoo 11 servers fail their first model calls, on a machine kept busy: Odoo's own server
command with the old readiness probe, against tests/odoo_server.py's OdooServer as it is now.

Odoo 11's threaded server opens its HTTP port and then loads the database's registry; a request that arrives in
between can meet a registry still loading (``KeyError: 'res.partner'``). The old readiness probe waited for
``GET /web/login`` to answer 200. OdooServer now loads the registry before the port opens and calls it ready once a
real model call answers (retrying only refused connections). Each round starts the server both ways on the same
database, alternately, while CPU burner processes (``--burners``, default: one per core) keep the machine busy;
right after the server is said ready, the bench logs in and makes the first model calls a test makes
(``res.partner.search_count``, ``crm.lead2opportunity.partner.mass`` ``fields_get`` and ``default_get``) and
counts the starts where one of them, or the start itself, fails.

Usage: bench/run server_starts [--starts 12] [--burners N] [--workers 0]
       .venv/bin/python bench/server_starts.py [--starts 12]   (alone: makes and drops its own database)
"""
import argparse
import collections
import multiprocessing
import os
import time

import requests

from bench_servers import OdooServer, odoo_version

MASS = "crm.lead2opportunity.partner.mass"


class OdooOwnServer(OdooServer):
    """Odoo's own ``server`` command, ``odoo.cli.main()`` as scripts/odoo runs it (port first, registry after),
    said ready as before: once ``GET /web/login`` answers 200."""

    def command(self):
        command = super().command()
        return [command[0], "-c", "import odoo; odoo.cli.main()"] + command[2:]

    def _serves(self):
        try:
            return requests.get(self.url + "/web/login", timeout=120).status_code == 200
        except requests.ConnectionError:
            return False


def first_calls(server):
    """The first model calls of a client, right after the start; returns what failed, or None."""
    try:
        session = server.login("admin", "admin")
        server.call(session, "res.partner", "search_count", [])
        server.call(session, MASS, "fields_get", attributes=["type"])
        server.call(session, MASS, "default_get", ["name", "action", "user_ids", "team_id", "deduplicate"])
    except Exception as error:  # pylint: disable=broad-except
        return "%s: %s" % (type(error).__name__, str(error).splitlines()[0][:160])
    return None


def one_start(server_class, db, conf, workers):
    """Starts, calls, stops: (seconds until said ready, the failure or None)."""
    server = server_class(db, conf, workers=workers)
    started = time.monotonic()
    try:
        server.start(timeout=300)
    except Exception as error:  # pylint: disable=broad-except
        server.close()
        return time.monotonic() - started, "start: %s" % str(error).splitlines()[0][:160]
    ready = time.monotonic() - started
    try:
        return ready, first_calls(server)
    finally:
        server.close()


def burn():
    while True:
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--config", help="Odoo 11's configuration (default: .local/odoo.conf)")
    parser.add_argument("--db", help="a database with jewellery_followup (default: one made and dropped here)")
    parser.add_argument("--starts", type=int, default=12, help="starts of each way")
    parser.add_argument("--burners", type=int, default=os.cpu_count(), help="CPU burner processes during the run")
    parser.add_argument("--workers", type=int, default=0, help="the server's --workers (0: the threaded server)")
    args = parser.parse_args()
    odoo11 = odoo_version(11)
    db = args.db or "jewellery_bench_server_starts"
    if not args.db:
        odoo11.fresh_addon_db(db)
    ways = (("Odoo's own server command, ready when GET /web/login answers 200", OdooOwnServer),
            ("OdooServer (registry before the port, ready on a model call)", OdooServer))
    failures = collections.defaultdict(list)
    ready_times = collections.defaultdict(list)
    burners = [multiprocessing.Process(target=burn, daemon=True) for _ in range(args.burners)]
    for burner in burners:
        burner.start()
    try:
        time.sleep(2)
        print("load average with %d burner processes on %d cores: %s" % (
            args.burners, os.cpu_count(), " ".join("%.2f" % load for load in os.getloadavg())), flush=True)
        for round_no in range(1, args.starts + 1):
            for label, server_class in ways:
                ready, failure = one_start(server_class, db, args.config or odoo11.conf, args.workers)
                ready_times[label].append(ready)
                if failure:
                    failures[label].append(failure)
                print("round %2d, %-12s ready in %5.1f s: %s" % (
                    round_no, label.split(" ")[0] if server_class is OdooServer else "Odoo's own", ready,
                    failure or "first calls answered"), flush=True)
        load = os.getloadavg()
    finally:
        for burner in burners:
            burner.terminate()
            burner.join()
        if not args.db:
            odoo11.drop_db(db)
    print()
    print("load average at the end of the run: %s" % " ".join("%.2f" % value for value in load))
    for label, _server_class in ways:
        print("%-66s %2d of %d starts failed their first model calls (mean %.1f s until said ready)" % (
            label + ":", len(failures[label]), args.starts, sum(ready_times[label]) / len(ready_times[label])))
        for failure, count in collections.Counter(failures[label]).most_common():
            print("    %dx %s" % (count, failure))
    if not failures[ways[0][0]]:
        print("The old way never failed on this machine in this run: the race it had did not show here "
              "(%d starts, %d burners)." % (args.starts, args.burners))


if __name__ == "__main__":
    main()
