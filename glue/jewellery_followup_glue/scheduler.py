# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Writes scheduled touches: the activities through Odoo's own batched ``mail.activity.create``, then the
attempts that carry them.

Odoo 11 created activities one by one, so the 11.0 addon writes them in bulk SQL and proves the result equal
to Odoo's. Odoo 17 and later create a list of activities in one call (followers subscribed per salesperson, one
bus notification), so here Odoo's own path is the fast path and what Odoo derives from an activity (the lead's
next activity, its deadline, late colours, the counters) is Odoo's by construction; the differential scenario
(scenarios/scheduler_differential.py) still compares it with an activity a salesperson schedules by hand.
Only the engine calls it, after the rules decided what to schedule.
"""
from jewellery_followup_core import sql
from jewellery_followup_core.odoo_store import through_engine


def schedule(env, plans):
    """Writes one scheduled attempt and its activity per plan; returns the attempts.

    ``plans``: dicts with ``lead``, ``step``, ``attempt_no``, ``date`` (store-local, ISO), ``user``
    (assignee), ``script_text`` (the customer's wording) and ``note`` (the activity's HTML, ``note_html``).
    The database refuses an attempt past the limit or a second open one.
    """
    Attempt = env["jewellery.followup.attempt"]
    if not plans:
        return Attempt.browse()
    activity_ids = create_activities(env, [dict(plan, activity_type_id=plan["step"].activity_type_id.id,
                                                summary=plan["step"].summary) for plan in plans])
    photos = sql.piece_photos(env.cr, [plan["lead"].id for plan in plans if plan["step"].kind == "gift"])
    # as the superuser too: salespeople may not create attempts themselves (the gate and the access rights)
    return through_engine(Attempt.sudo()).create([{
        "lead_id": plan["lead"].id,
        "chain_id": plan["step"].chain_id.id,
        "step_id": plan["step"].id,
        "attempt_no": plan["attempt_no"],
        "kind": plan["step"].kind,
        "summary": plan["step"].summary,
        "user_id": plan["user"].id,
        "date_scheduled": plan["date"],
        "activity_id": activity_id,
        "script_text": plan["script_text"],
        "gift_description": plan["step"].gift_description or False,
        "gift_attachment_id": photos.get(plan["lead"].id, False) if plan["step"].kind == "gift" else False,
        "state": "scheduled",
    } for plan, activity_id in zip(plans, activity_ids)]).with_env(env)


def create_activities(env, rows):
    """Puts one activity per row on its lead's list in one batched call; returns their ids in order.

    ``rows``: dicts with ``lead``, ``activity_type_id``, ``summary``, ``note`` (HTML), ``date`` (store-local) and
    ``user`` (assignee). Follow-up attempts and after-sale touches alike are put on the lists this way.
    """
    if not rows:
        return []
    model_id = env["ir.model"]._get_id("crm.lead")
    # as the superuser, like Odoo's own scheduling from a server action; "quick update" as Odoo's activity
    # widget does: the salesperson is not sent an "assigned to you" e-mail for each touch of the hourly job
    return env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create([{
        "res_model_id": model_id,
        "res_id": row["lead"].id,
        "activity_type_id": row["activity_type_id"],
        "summary": row["summary"],
        "note": row["note"],
        "date_deadline": row["date"],
        "user_id": row["user"].id,
    } for row in rows]).ids
