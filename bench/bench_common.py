"""What every in-process bench (bench/run NAME) shares: its command line and a transaction that is rolled back."""
import argparse
import contextlib

import odoo
from odoo import SUPERUSER_ID, api


def parse_args(doc, **options):
    """``--config`` and ``--db`` (bench/run passes them) plus the bench's own integer options with their defaults;
    loads Odoo's configuration."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--config", required=True)
    parser.add_argument("--db", required=True)
    for name, default in options.items():
        parser.add_argument("--" + name.replace("_", "-"), type=int, default=default)
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.db, "--log-level=warn"])
    return args


@contextlib.contextmanager
def rolled_back(db, context=None):
    """The superuser's environment on ``db``: whatever the bench writes is rolled back on exit."""
    with api.Environment.manage(), odoo.registry(db).cursor() as cr:
        try:
            yield api.Environment(cr, SUPERUSER_ID, context or {})
        finally:
            cr.rollback()
