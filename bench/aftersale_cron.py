"""How fast the hourly job runs the after-sale touches, next to Odoo's own way of scheduling activities.

Two figures, each one run of the hourly job, `jewellery.followup.engine._advance()` (the second-chance chains, then
the after-sale touches), the store's touches turned on:
- a quiet day: N won sales already planned, their next care visit months ahead, nothing due (target: 100,000 in
  under 2 s);
- a busy morning: M care visits due today, each put on the salesperson's list (contact rules asked, activity with
  its note, touch marked scheduled; target: 10,000 in under 60 s), against M calls of Odoo's own
  `mail.activity.create` for the same leads, type and salesperson. Then the *After-sale Results* pivot is read
  once over those touches and their won sales (a figure of its own, with no Odoo counterpart).
Every measure runs in its own transaction on the same database and is rolled back.

Usage: bench/run aftersale_cron [--quiet 100000] [--due 10000] (11.0), bench/run18 aftersale_cron [...] (18.0)
"""
import datetime
import time
from unittest import mock

from bench_common import invalidate, measure, parse_args, time_activity_creates, version_label

TODAY = "2027-03-11"
LATER = "2027-09-13"
# noon UTC: the same day in every store of the fixture, long after its morning
NOW = datetime.datetime(2027, 3, 11, 12, 0)
# how long the After-sale Results pivot took to read, after the busy morning
REPORT_SECONDS = []


def make_won_sales(env, count, due):
    """Won sales already planned, each with one care visit planned on ``due``, written in bulk: building the fixture
    is not what is measured. The job runs once before, so that what the database held already (crm's demo leads
    and their chains) is settled and only the fixture is measured."""
    run_the_job(env)
    cr = env.cr
    user = env.ref("base.user_demo")
    company = env.user.company_id
    company.write({"aftersale_enabled": True})
    cr.execute("""
        INSERT INTO crm_lead (name, type, contact_name, email_from, occasion, stone_type, metal, piece_description,
                              user_id, company_id, active, probability, date_closed, aftersale_planned,
                              followup_state, create_date, write_date, create_uid, write_uid)
        SELECT 'Bench sale ' || n, 'opportunity', 'Customer ' || n, 'customer' || n || '@example.com',
               'holiday', 'diamond', 'platinum', 'three-stone diamond ring', %s, %s, true, 100,
               '2026-09-11 10:00', true, 'none', now(), now(), 1, 1
        FROM generate_series(1, %s) AS n
        RETURNING id
    """, (user.id, company.id, count))
    lead_ids = [row[0] for row in cr.fetchall()]
    cr.execute("""
        INSERT INTO jewellery_aftersale_touch (lead_id, company_id, user_id, kind, summary, state, date_due,
                                               create_date, write_date, create_uid, write_uid)
        SELECT id, %s, %s, 'care', 'Care visit: invite the customer for a complimentary clean and check',
               'planned', %s, now(), now(), 1, 1
        FROM unnest(%s) AS id
    """, (company.id, user.id, due, lead_ids))
    # What the ORM does for a lead created with a salesperson: they follow it.
    cr.execute("""
        INSERT INTO mail_followers (res_model, res_id, partner_id)
        SELECT 'crm.lead', id, %s FROM unnest(%s) AS id
    """, (user.partner_id.id, lead_ids))
    cr.execute("ANALYZE crm_lead; ANALYZE jewellery_aftersale_touch")
    invalidate(env)
    return lead_ids, user, env.ref("jewellery_followup.mail_activity_type_call")


def run_the_job(env):
    from odoo.addons.jewellery_followup import core
    with mock.patch.object(core.clock, "utc_now", return_value=NOW):
        env["jewellery.followup.engine"]._advance()


def time_quiet_day(env, count):
    lead_ids = make_won_sales(env, count, LATER)[0]
    started = time.perf_counter()
    run_the_job(env)
    elapsed = time.perf_counter() - started
    env.cr.execute("""SELECT state, count(*) FROM jewellery_aftersale_touch WHERE lead_id = ANY(%s)
                      GROUP BY state""", (lead_ids,))
    states = dict(env.cr.fetchall())
    assert states == {"planned": count}, "nothing is due: nothing may be scheduled (%s)" % states
    return elapsed


def time_busy_morning(env, count):
    lead_ids = make_won_sales(env, count, TODAY)[0]
    started = time.perf_counter()
    run_the_job(env)
    env.cr.execute("""SELECT count(*) FROM jewellery_aftersale_touch t JOIN mail_activity a ON a.id = t.activity_id
                      WHERE t.state = 'scheduled' AND t.lead_id = ANY(%s)""", (lead_ids,))
    elapsed = time.perf_counter() - started
    assert env.cr.fetchone()[0] == count, "every due touch must be on the salesperson's list"
    # The job commits batch by batch, and the database's autovacuum then analyzes the touches it changed; this
    # bench's transaction is never committed, so it analyzes them itself before a manager opens the results. (On
    # statistics that still say "all planned", the planner nests the view's lookups and the pivot takes minutes.)
    env.cr.execute("ANALYZE jewellery_aftersale_touch")
    started = time.perf_counter()
    groups = env["jewellery.aftersale.result"].read_group([], ["kind", "nbr", "sales_count", "revenue"], ["kind"])
    REPORT_SECONDS.append(time.perf_counter() - started)
    assert sum(group["nbr"] for group in groups) >= count, "every touch made is a row of the results"
    return elapsed


def time_odoo_activities(env, count):
    lead_ids, user, activity_type = make_won_sales(env, count, TODAY)
    return time_activity_creates(env, lead_ids, user, activity_type, "Care visit",
                                 "<p>Bought: three-stone diamond ring</p>", TODAY)


def main():
    args = parse_args(__doc__, quiet=100000, due=10000)
    print(version_label())
    quiet_s = measure(args.db, args.quiet, time_quiet_day)
    print("a quiet day: %6d won sales, nothing due, one job run in %7.3f s (target: under 2 s)" % (
        args.quiet, quiet_s))
    busy_s = measure(args.db, args.due, time_busy_morning)
    odoo_s = measure(args.db, args.due, time_odoo_activities)
    busy_rate, odoo_rate = args.due / busy_s, args.due / odoo_s
    print("a busy morning: touches scheduled by the job: %6d in %7.1f s = %7.0f per second (target: under 60 s)" % (
        args.due, busy_s, busy_rate))
    print("mail.activity.create, one by one:             %6d in %7.1f s = %7.0f per second" % (
        args.due, odoo_s, odoo_rate))
    print("ratio: the job is %.1f times Odoo's own rate" % (busy_rate / odoo_rate))
    print("the After-sale Results pivot by kind, over those %d touches and their won sales: %.2f s" % (
        args.due, REPORT_SECONDS[0]))


if __name__ == "__main__":
    main()
