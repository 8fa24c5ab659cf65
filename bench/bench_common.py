"""What every in-process bench (bench/run NAME on 11.0, bench/run17, run18 or run19 NAME on the recent ones)
shares: its command line, a transaction that is rolled back, and the few places where Odoo 11's API and the recent
ones' differ (the shims below), so that each bench is one file for every version."""
import argparse
import contextlib
import sys
import time

import odoo
from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry

# 11 or 18: the major version of the Odoo this bench runs in
ODOO_VERSION = odoo.release.version_info[0]


def parse_args(doc, **options):
    """``--db`` and the bench's own integer options with their defaults; the rest is Odoo's configuration:
    ``--config FILE`` (bench/run, 11.0) or odoo-bin's options (bench/run_series passes scripts/series.sh's)."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0], allow_abbrev=False)
    parser.add_argument("--config")
    parser.add_argument("--db", required=True)
    for name, default in options.items():
        parser.add_argument("--" + name.replace("_", "-"), type=int, default=default)
    args, odoo_options = parser.parse_known_args()
    odoo.tools.config.parse_config((["-c", args.config] if args.config else []) + odoo_options +
                                   ["-d", args.db, "--log-level=warn"])
    return args


def version_label():
    return "Odoo %s, Python %d.%d" % ((odoo.release.version,) + tuple(sys.version_info[:2]))


# --- the shims: one function per difference between Odoo 11's API and Odoo 18's -------------------------------

def _environment_scope():
    """Odoo 11 keeps its environments in a thread-local opened by ``api.Environment.manage()``; 18 has none."""
    manage = getattr(api.Environment, "manage", None)
    return manage() if manage else contextlib.nullcontext()


def invalidate(env):
    """Forgets every cached value (after SQL wrote behind the ORM's back): ``env.cache.invalidate()`` on 11,
    ``env.invalidate_all()`` on 18."""
    if hasattr(env, "invalidate_all"):
        env.invalidate_all()
    else:
        env.cache.invalidate()


def as_user(records, user):
    """``records`` acting as ``user`` with its rights: ``sudo(user)`` on 11, ``with_user(user)`` on 18."""
    if hasattr(records, "with_user"):
        return records.with_user(user)
    return records.sudo(user)


def tracking_values(record, field_name, field_info, old_value, new_value):
    """The ``mail.tracking.value`` values of one field's change on ``record`` (``field_info``: the field's
    ``fields_get``), as Odoo's own tracking makes them: ``create_tracking_values(old, new, name, info)`` on 11,
    ``_create_tracking_values(old, new, name, info, record)`` on 18."""
    Tracking = record.env["mail.tracking.value"]
    if ODOO_VERSION >= 13:
        return Tracking._create_tracking_values(old_value, new_value, field_name, field_info, record)
    return Tracking.create_tracking_values(old_value, new_value, field_name, field_info)


def user_groups(env, *xmlids):
    """The values that give a new user these groups: ``groups_id`` up to 18, ``group_ids`` on 19."""
    field = "group_ids" if "group_ids" in env["res.users"]._fields else "groups_id"
    return {field: [(6, 0, [env.ref(xmlid).id for xmlid in xmlids])]}


def set_team_members(team, users):
    """``users`` become the sales team's members: ``sale_team_id`` of each user on 11, a ``crm.team.member`` each
    on 18; ``member_ids`` writes either."""
    team.write({"member_ids": [(6, 0, users.ids)]})


@contextlib.contextmanager
def rolled_back(db, context=None):
    """The superuser's environment on ``db``: whatever the bench writes is rolled back on exit."""
    with _environment_scope(), Registry(db).cursor() as cr:
        try:
            yield api.Environment(cr, SUPERUSER_ID, context or {})
        finally:
            cr.rollback()


def measure(db, count, how):
    """``how(env, count)`` in a transaction of its own on ``db``, rolled back, tracking off: what it returns."""
    with rolled_back(db, {"tracking_disable": True}) as env:
        return how(env, count)


def time_activity_creates(env, lead_ids, user, activity_type, summary, note, day):
    """Odoo's own way of putting one activity on each lead's list, one ``mail.activity.create`` after the other:
    the seconds it takes."""
    model_id = env["ir.model"]._get_id("crm.lead")
    Activity = env["mail.activity"]
    started = time.perf_counter()
    for lead_id in lead_ids:
        Activity.create({
            "res_model_id": model_id, "res_id": lead_id, "activity_type_id": activity_type.id,
            "summary": summary, "note": note, "date_deadline": day, "user_id": user.id,
        })
    env.cr.execute("SELECT 1")
    return time.perf_counter() - started
