"""How fast the nightly run advances second-chance chains, next to Odoo's own way of scheduling activities.

N leads are running a chain whose first attempt (the call) closed without an answer and whose next step is due.
The figure for this addon is one run of the hourly job, `jewellery.followup.engine._advance()`, which schedules
the N handwritten notes (attempt, activity, rendered wording). Odoo's way is N calls of `mail.activity.create`
for the same leads, type and salesperson, as a server action or a naive loop would do. Both run in one
transaction on the same database and are rolled back.

Usage: bench/run followup_cron [--count 10000] (11.0), bench/run18 followup_cron [--count 10000] (18.0)
"""
import datetime
import time
from unittest import mock

from bench_common import invalidate, measure, parse_args, time_activity_creates, version_label

TODAY = "2027-03-11"
# noon UTC: the same day in every store of the fixture, long after its morning
NOW = datetime.datetime(2027, 3, 11, 12, 0)


def make_running_chains(env, count):
    """Leads waiting for their second step, written in bulk: building the fixture is not what is measured."""
    cr = env.cr
    step_call = env.ref("jewellery_followup.step_second_chance_call")
    chain = step_call.chain_id
    user = env.ref("base.user_demo")
    company = env.user.company_id
    cr.execute("""
        INSERT INTO crm_lead (name, type, contact_name, email_from, recipient_name, occasion, stone_type, stone_shape,
                              stone_carat, stone_color, stone_clarity, metal, piece_description, user_id,
                              company_id, active, probability, followup_state, followup_next_date,
                              followup_chain_id, create_date, write_date, create_uid, write_uid)
        SELECT 'Bench lead ' || n, 'opportunity', 'Customer ' || n, 'customer' || n || '@example.com',
               'Recipient ' || n, 'engagement',
               'diamond', 'round', 1.1, 'G', 'VS2', 'platinum', '1.1 ct round G VS2 solitaire', %s,
               %s, true, 10, 'running', %s, %s, now(), now(), 1, 1
        FROM generate_series(1, %s) AS n
        RETURNING id
    """, (user.id, company.id, TODAY, chain.id, count))
    lead_ids = [row[0] for row in cr.fetchall()]
    cr.execute("""
        INSERT INTO jewellery_followup_attempt (lead_id, chain_id, step_id, attempt_no, kind, summary, state,
                                                outcome, user_id, date_scheduled, date_done)
        SELECT id, %s, %s, 1, 'call', 'Morning call', 'done', 'no_answer', %s, '2027-03-09', '2027-03-09'
        FROM unnest(%s) AS id
    """, (chain.id, step_call.id, user.id, lead_ids))
    # What the ORM does for a lead created with a salesperson: they follow it.
    cr.execute("""
        INSERT INTO mail_followers (res_model, res_id, partner_id)
        SELECT 'crm.lead', id, %s FROM unnest(%s) AS id
    """, (user.partner_id.id, lead_ids))
    invalidate(env)
    return lead_ids, user, env.ref("jewellery_followup.mail_activity_type_note")


def time_engine(env, count):
    lead_ids = make_running_chains(env, count)[0]
    started = time.perf_counter()
    from odoo.addons.jewellery_followup import core
    with mock.patch.object(core.clock, "utc_now", return_value=NOW):
        scheduled = env["jewellery.followup.engine"]._advance()
    env.cr.execute("SELECT count(*) FROM jewellery_followup_attempt WHERE state = 'scheduled' AND lead_id = ANY(%s)",
                   (lead_ids,))
    elapsed = time.perf_counter() - started
    assert scheduled == count == env.cr.fetchone()[0], "every due chain must get its next attempt"
    return elapsed


def time_odoo_activities(env, count):
    lead_ids, user, activity_type = make_running_chains(env, count)
    return time_activity_creates(env, lead_ids, user, activity_type, "Handwritten note", "<p>Dear customer</p>", TODAY)


def main():
    args = parse_args(__doc__, count=10000)
    print(version_label())
    engine_s = measure(args.db, args.count, time_engine)
    odoo_s = measure(args.db, args.count, time_odoo_activities)
    engine_rate, odoo_rate = args.count / engine_s, args.count / odoo_s
    print("chains advanced by the cron:        %6d in %7.1f s  = %7.0f per second" % (
        args.count, engine_s, engine_rate))
    print("mail.activity.create, one by one:   %6d in %7.1f s  = %7.0f per second" % (
        args.count, odoo_s, odoo_rate))
    print("ratio: the cron is %.1f times Odoo's own rate (target: 10,000 in <= 60 s, >= 3x)" % (
        engine_rate / odoo_rate))


if __name__ == "__main__":
    main()
