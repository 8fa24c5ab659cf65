"""Databases and HTTP servers of either Odoo version, for the benches that speak to Odoo over RPC from outside
(bench_import.py, server_starts.py). It imports no Odoo: those benches run in the 11.0 virtualenv (the import tool
is a client's program), whichever version the server is.

``odoo_version(11)``, ``odoo_version(18)`` (or 17, 19) gives the same four things for each:
``fresh_addon_db(name)`` (a crm database with jewellery_followup installed), ``copy_db``, ``drop_db`` and
``server(db, workers)``, an ``OdooServer`` (tests/odoo_server.py) that starts, waits for a real model call and
stops the same way.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
from odoo_server import COMMON_SH, OdooServer, db_helper, free_port  # noqa: E402 pylint: disable=wrong-import-position

SERIES_SH = os.path.join(ROOT, "scripts", "series.sh")


def series_helper(series, function, *args, capture=False):
    """Runs a helper of scripts/series.sh (fresh_series_addon_db, drop_series_db...) for Odoo ``series`` (17, 18
    or 19), with that version's tree and Python."""
    result = subprocess.run(["bash", "-c", 'SERIES=$2; . "$0"; . "$1"; shift 2; "$@"', COMMON_SH, SERIES_SH,
                             str(series), function] + [str(arg) for arg in args], check=True, cwd=ROOT,
                            stdout=subprocess.PIPE if capture else None, universal_newlines=True)
    return result.stdout


def series_command(series):
    """The version's Python, its odoo-bin and scripts/series.sh's options (addons path, data dir, database)."""
    return series_helper(series, "eval", r'printf "%s\n" "$ODOO_PY" "$ODOO_TREE/odoo-bin" "${SERIES_OPTIONS[@]}"',
                         capture=True).splitlines()


class SeriesServer(OdooServer):
    """A server of a recent Odoo (17.0 to 19.0): its odoo-bin in its Python, with the options of scripts/series.sh."""
    series = 18

    def command(self):
        return series_command(self.series) + [
            "-d", self.db, "--db-filter", "^%s$" % re.escape(self.db),
            "--http-interface", "127.0.0.1", "--http-port", str(self.port), "--gevent-port", str(free_port()),
            "--workers", str(self.workers), "--max-cron-threads", str(self.cron_threads),
            "--log-level", "warn",
        ] + self.extra_args


class _Odoo11:
    number = 11
    conf = os.path.join(ROOT, ".local", "odoo.conf")

    @staticmethod
    def fresh_addon_db(name):
        db_helper("fresh_addon_db", name)

    @staticmethod
    def copy_db(template, name):
        db_helper("copy_db", template, name)

    @staticmethod
    def drop_db(name):
        db_helper("drop_db", name)

    def server(self, db, workers=0, **options):
        return OdooServer(db, self.conf, workers=workers, **options)


class _OdooSeries:

    def __init__(self, number):
        self.number = number

    def fresh_addon_db(self, name):
        # one crm template for every bench database of a version (bench/run_series makes the same)
        series_helper(self.number, "fresh_series_addon_db", name, "jewellery_bench%d" % self.number)

    def copy_db(self, template, name):
        series_helper(self.number, "copy_series_db", template, name)

    def drop_db(self, name):
        series_helper(self.number, "drop_series_db", name)

    def server(self, db, workers=0, **options):
        server = SeriesServer(db, workers=workers, **options)
        server.series = self.number
        return server


def odoo_version(number):
    """The databases and servers of Odoo ``number`` (11, 17, 18 or 19)."""
    return _Odoo11() if int(number) == 11 else _OdooSeries(int(number))
