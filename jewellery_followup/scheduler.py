# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The fast path that writes scheduled touches: attempts, after-sale touches' activities, in a few SQL statements.

Odoo's ``mail.activity.create`` does one round of access checks, follower updates, recomputations and bus
notifications per activity; the hourly job schedules thousands of touches, so the rows are written in bulk
and Odoo's side effects are replayed once per lead or per salesperson. What it leaves must be exactly what
``mail.activity.create`` leaves (tests/test_scheduler_differential.py compares every stored field): the
activity's stored fields with the superuser as author (Odoo creates activities as sudo), the lead's
``activity_date_deadline``, the salesperson as follower with the default subtypes, and the refresh of the
salesperson's activity counter. Only the engine calls it, after the rules decided what to schedule.
"""
from psycopg2.extras import execute_values

from odoo import SUPERUSER_ID, fields

from . import core


def schedule(env, plans):
    """Writes one scheduled attempt and its activity per plan; returns the attempts.

    ``plans``: the gate's dicts with ``lead``, ``step``, ``attempt_no``, ``date`` (store-local), ``user``
    (assignee), ``script_text`` (the customer's wording) and ``note`` (the activity's HTML).
    The database refuses an attempt past the limit or a second open one.
    """
    Attempt = env["jewellery.followup.attempt"]
    if not plans:
        return Attempt.browse()
    activity_ids = create_activities(env, [dict(plan, activity_type_id=plan["step"].activity_type_id.id,
                                                summary=plan["step"].summary) for plan in plans])
    photos = core.sql.piece_photos(env.cr, [plan["lead"].id for plan in plans if plan["step"].kind == "gift"])
    attempt_ids = execute_values(env.cr, """
        INSERT INTO jewellery_followup_attempt (lead_id, chain_id, step_id, attempt_no, kind, summary, user_id,
            date_scheduled, activity_id, script_text, gift_description, gift_attachment_id, create_uid, write_uid,
            state, create_date, write_date)
        SELECT v.lead_id, v.chain_id, v.step_id, v.attempt_no, v.kind, v.summary, v.user_id,
            v.date_scheduled::date, v.activity_id, v.script_text, v.gift_description, v.gift_attachment_id::integer,
            v.create_uid, v.create_uid, 'scheduled', now() at time zone 'UTC', now() at time zone 'UTC'
        FROM (VALUES %s) AS v(lead_id, chain_id, step_id, attempt_no, kind, summary, user_id, date_scheduled,
            activity_id, script_text, gift_description, gift_attachment_id, create_uid)
        RETURNING id
    """, [(
        plan["lead"].id, plan["step"].chain_id.id, plan["step"].id, plan["attempt_no"], plan["step"].kind,
        plan["step"].summary, plan["user"].id, plan["date"], activity_id, plan["script_text"],
        plan["step"].gift_description or None,
        photos.get(plan["lead"].id) if plan["step"].kind == "gift" else None, env.uid,
    ) for plan, activity_id in zip(plans, activity_ids)], fetch=True, page_size=1000)
    env["crm.lead"].browse([plan["lead"].id for plan in plans]).invalidate_cache()
    return Attempt.browse([row[0] for row in attempt_ids])


def create_activities(env, rows):
    """Writes one activity per row on its lead, as ``mail.activity.create`` would; returns their ids in order.

    ``rows``: dicts with ``lead``, ``activity_type_id``, ``summary``, ``note`` (HTML), ``date`` (store-local) and
    ``user`` (assignee). Follow-up attempts and after-sale touches alike are put on the lists this way.
    """
    if not rows:
        return []
    leads = env["crm.lead"].browse([row["lead"].id for row in rows])
    # what mail.activity stores as res_name, read without prefetching every column of the leads
    names = dict(leads.sudo().with_context(prefetch_fields=False).name_get())
    model_id = env["ir.model"]._get_id("crm.lead")
    activity_ids = execute_values(env.cr, """
        INSERT INTO mail_activity (res_id, res_model_id, res_model, res_name, activity_type_id, summary, note,
            date_deadline, user_id, create_uid, write_uid, create_date, write_date)
        SELECT v.res_id, v.res_model_id, v.res_model, v.res_name, v.activity_type_id, v.summary, v.note,
            v.date_deadline::date, v.user_id, v.create_uid, v.create_uid,
            now() at time zone 'UTC', now() at time zone 'UTC'
        FROM (VALUES %s) AS v(res_id, res_model_id, res_model, res_name, activity_type_id, summary, note,
            date_deadline, user_id, create_uid)
        RETURNING id
    """, [(
        row["lead"].id, model_id, "crm.lead", names[row["lead"].id], row["activity_type_id"], row["summary"],
        row["note"], row["date"], row["user"].id, SUPERUSER_ID,
    ) for row in rows], fetch=True, page_size=1000)
    refresh_activity_deadlines(env, leads.ids)
    _subscribe(env, rows)
    env["mail.activity"].invalidate_cache()
    leads.invalidate_cache()
    _notify(env, rows)
    return [row[0] for row in activity_ids]


def refresh_activity_deadlines(env, lead_ids):
    """What Odoo's recomputation of the stored related field ``activity_date_deadline`` writes (as the
    superuser, since activities are created and deleted as sudo): the earliest deadline of the lead's
    activities."""
    if not lead_ids:
        return
    env.cr.execute("""
        UPDATE crm_lead l
           SET activity_date_deadline = (SELECT MIN(a.date_deadline) FROM mail_activity a
                                          WHERE a.res_model = 'crm.lead' AND a.res_id = l.id),
               write_uid = %s, write_date = now() at time zone 'UTC'
         WHERE l.id IN %s
    """, (SUPERUSER_ID, tuple(lead_ids)))
    env["crm.lead"].invalidate_cache(["activity_date_deadline", "write_uid", "write_date"], list(lead_ids))


def _subscribe(env, rows):
    """The assignee follows the lead, with Odoo's default subtypes, as mail.activity.create makes them."""
    by_partner = {}
    for row in rows:
        by_partner.setdefault(row["user"].partner_id.id, set()).add(row["lead"].id)
    for partner_id, lead_ids in by_partner.items():
        env.cr.execute("""
            SELECT res_id FROM mail_followers
            WHERE res_model = 'crm.lead' AND partner_id = %s AND res_id IN %s
        """, (partner_id, tuple(lead_ids)))
        missing = lead_ids - {row[0] for row in env.cr.fetchall()}
        if missing:
            _add_follower(env, partner_id, sorted(missing))


def _add_follower(env, partner_id, lead_ids):
    """What ``message_subscribe(partner_ids=[partner_id])`` leaves on leads the partner does not follow yet,
    in three statements instead of a write of every lead: a follower with Odoo's default subtypes (the
    external ones for a partner who is no employee), and each lead written by the superuser, as Odoo's sudo
    write of ``message_follower_ids`` leaves it."""
    default, _internal, external = env["mail.message.subtype"].sudo().default_subtypes("crm.lead")
    employee = env["res.users"].sudo().search_count([("partner_id", "=", partner_id), ("share", "=", False)])
    subtype_ids = (default if employee else external).ids
    env.cr.execute("""
        INSERT INTO mail_followers (res_model, res_id, partner_id)
        SELECT 'crm.lead', lead_id, %s FROM unnest(%s) AS lead_id
        RETURNING id
    """, (partner_id, lead_ids))
    follower_ids = [row[0] for row in env.cr.fetchall()]
    if subtype_ids:
        env.cr.execute("""
            INSERT INTO mail_followers_mail_message_subtype_rel (mail_followers_id, mail_message_subtype_id)
            SELECT follower_id, subtype_id FROM unnest(%s) AS follower_id, unnest(%s) AS subtype_id
        """, (follower_ids, subtype_ids))
    env.cr.execute("UPDATE crm_lead SET write_uid = %s, write_date = (now() AT TIME ZONE 'UTC') WHERE id IN %s",
                   (SUPERUSER_ID, tuple(lead_ids)))
    env["crm.lead"].invalidate_cache(ids=lead_ids)


def _notify(env, rows):
    """Refreshes the activity counter of each assignee with a touch due today, once per assignee."""
    today = fields.Date.today()  # what mail.activity.create compares with
    partners = {row["user"].partner_id.id for row in rows if fields.Date.to_string(row["date"]) <= today}
    for partner_id in sorted(partners):
        env["bus.bus"].sendone((env.cr.dbname, "res.partner", partner_id),
                               {"type": "activity_updated", "activity_created": True})
