"""Databases and HTTP servers of either Odoo version, for the benches that speak to Odoo over RPC from outside
(bench_import.py, server_starts.py). It imports no Odoo: those benches run in the 11.0 virtualenv (the import tool
is a client's program), whichever version the server is.

``odoo_version(11)`` or ``odoo_version(18)`` gives the same four things for both: ``fresh_addon_db(name)`` (a crm
database with jewellery_followup installed), ``copy_db``, ``drop_db`` and ``server(db, workers)``, an
``OdooServer`` (tests/odoo_server.py) that starts, waits for a real model call and stops the same way.
"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
from odoo_server import COMMON_SH, OdooServer, db_helper, free_port  # noqa: E402 pylint: disable=wrong-import-position

COMMON18_SH = os.path.join(ROOT, "scripts", "common18.sh")


def db18_helper(function, *args, capture=False):
    """Runs a helper of scripts/common18.sh (fresh18_addon_db, drop18_db...) with its Odoo 18 tree and Python."""
    result = subprocess.run(["bash", "-c", '. "$0"; . "$1"; shift; "$@"', COMMON_SH, COMMON18_SH, function] +
                            [str(arg) for arg in args], check=True, cwd=ROOT,
                            stdout=subprocess.PIPE if capture else None, universal_newlines=True)
    return result.stdout


def odoo18_command():
    """Odoo 18's Python, its odoo-bin and scripts/common18.sh's options (addons path, data dir, database)."""
    return db18_helper("eval", r'printf "%s\n" "$ODOO18_PYTHON" "$ODOO18/odoo-bin" "${ODOO18_OPTIONS[@]}"',
                       capture=True).splitlines()


class OdooServer18(OdooServer):
    """An Odoo 18.0 server: odoo-bin in Odoo 18's Python, with the options of scripts/common18.sh."""

    def command(self):
        return odoo18_command() + [
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


class _Odoo18:
    number = 18

    @staticmethod
    def fresh_addon_db(name):
        # one crm template for every bench database of 18.0 (bench/run18 makes the same)
        db18_helper("fresh18_addon_db", name, "jewellery_bench18")

    @staticmethod
    def copy_db(template, name):
        db18_helper("copy18_db", template, name)

    @staticmethod
    def drop_db(name):
        db18_helper("drop18_db", name)

    @staticmethod
    def server(db, workers=0, **options):
        return OdooServer18(db, workers=workers, **options)


def odoo_version(number):
    """The databases and servers of Odoo ``number`` (11 or 18)."""
    return {11: _Odoo11, 18: _Odoo18}[int(number)]()
