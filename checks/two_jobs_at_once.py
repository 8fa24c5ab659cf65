"""Two hourly jobs at the same time on a recent Odoo, 17.0 to 19.0 (two cron threads, two servers): they share
the due touches and never schedule one twice. The 11.0 suite's
tests/test_followup_cron_faults.py::TestTwoRunsAtOnce, ported.

It cannot run inside Odoo's test runner: there the loading thread holds the registry that other threads wait
for, and a TransactionCase commits nothing. So scripts/test17, test18 and test19 run it after the runner, on a
throwaway copy of the test database, with the version's Python and the same odoo-bin options:
    python checks/two_jobs_at_once.py -d DB --addons-path=... --db_host=...
It commits its leads, prints one line and exits 1 when the jobs did not share the work correctly.
"""
import datetime
import logging
import sys
import threading
from unittest import mock

import jewellery_followup_core as core
from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import Registry
from odoo.tools import config

_logger = logging.getLogger("two_jobs_at_once")
LEADS = 40
# small batches, so that the two jobs interleave on the same list of due leads
BATCH_SIZE = 4
# Saturday 6 March 2027, noon UTC: the visit (the recent versions' tests' day)
VISIT = datetime.datetime(2027, 3, 6, 12)


def make_due_leads(registry, clock):
    """Leads a salesperson starts on the visit day and whose call goes unanswered on Tuesday, committed: each
    one's note is due later that week. Returns the lead ids and the day they are all due."""
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        groups_field = "group_ids" if "group_ids" in env["res.users"]._fields else "groups_id"  # 19 renamed it
        seller = env["res.users"].with_context(no_reset_password=True).create({
            "name": "Tess Twojobs", "login": "tess.twojobs@example.com", "email": "tess.twojobs@example.com",
            "tz": "UTC", groups_field: [Command.set([env.ref("sales_team.group_sale_salesman_all_leads").id])]})
        leads = env["crm.lead"].with_user(seller).create([{
            "name": "Two jobs %s" % number, "type": "opportunity", "contact_name": "Customer %s" % number,
            "email_from": "two.jobs.%s@example.com" % number, "user_id": seller.id,
        } for number in range(LEADS)])
        clock[0] = VISIT
        for lead in leads:
            lead.action_start_followup()
        clock[0] = VISIT + datetime.timedelta(days=3)
        for lead in leads:
            lead.followup_attempt_ids.filtered(lambda attempt: attempt.state == "scheduled") \
                .action_record_outcome("no_answer")
        env.invalidate_all()
        due = max(leads.mapped("followup_next_date"))
        assert all(leads.mapped("followup_next_date")), "a lead's next touch is not due"
        return leads.ids, due


def run_job(registry, barrier, results, index):
    try:
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            barrier.wait()
            results[index] = env["jewellery.followup.engine"]._cron_advance()
    except Exception as error:  # pylint: disable=broad-except
        _logger.exception("job %s failed", index)
        results[index] = error


def problems_after(registry, lead_ids, mark, results):
    """What went wrong, as sentences (none: the two jobs shared the work and scheduled each touch once)."""
    problems = []
    if not all(isinstance(result, int) for result in results):
        problems.append("a job ended with an error: %r" % (results,))
        return problems
    with registry.cursor() as cr:
        cr.execute("SELECT count(*), count(DISTINCT lead_id), count(*) FILTER (WHERE activity_id IS NULL) "
                   "FROM jewellery_followup_attempt WHERE id > %s", (mark,))
        made, leads_touched, without_activity = cr.fetchone()
        if made != sum(results):
            problems.append("the jobs said they scheduled %s touches, the database holds %s" % (results, made))
        if made != leads_touched:
            problems.append("%s touches for %s leads: a lead was scheduled twice" % (made, leads_touched))
        if without_activity:
            problems.append("%s new touches have no activity" % without_activity)
        cr.execute("""
            SELECT lead_id, count(*) FILTER (WHERE state = 'scheduled'), count(*)
              FROM jewellery_followup_attempt WHERE lead_id IN %s GROUP BY lead_id
        """, (tuple(lead_ids),))
        rows = cr.fetchall()
        if len(rows) != LEADS or {row[1:] for row in rows} != {(1, 2)}:
            problems.append("each lead should have one call done and one note open: %s"
                            % sorted({row[1:] for row in rows}))
        cr.execute("SELECT count(*) FROM (SELECT lead_id FROM jewellery_followup_attempt WHERE state = 'scheduled' "
                   "GROUP BY lead_id HAVING count(*) > 1) twice")
        if cr.fetchone()[0]:
            problems.append("a lead has two open touches")
        cr.execute("SELECT count(*) FROM (SELECT 1 FROM jewellery_followup_attempt "
                   "GROUP BY lead_id, attempt_no HAVING count(*) > 1) twice")
        if cr.fetchone()[0]:
            problems.append("an attempt number is used twice on a lead")
    if min(results) == 0:
        problems.append("one job did all the work (%s): the two did not run at once" % (results,))
    return problems


def main(argv):
    config.parse_config(argv)
    db_name = config["db_name"]
    registry = Registry(db_name[0] if isinstance(db_name, list) else db_name)  # Odoo 19 keeps a list of names
    clock = [VISIT]
    with mock.patch.object(core.clock, "utc_now", side_effect=lambda: clock[0]):
        lead_ids, due = make_due_leads(registry, clock)
        with registry.cursor() as cr:
            cr.execute("SELECT coalesce(max(id), 0) FROM jewellery_followup_attempt")
            mark = cr.fetchone()[0]
        # the day after the last due date, at noon UTC: every lead's note is due, in any store's time zone
        clock[0] = datetime.datetime.combine(due + datetime.timedelta(days=1), datetime.time(12))
        results, barrier = [None, None], threading.Barrier(2)
        threads = [threading.Thread(target=run_job, args=(registry, barrier, results, index)) for index in range(2)]
        with mock.patch.object(core.gate, "BATCH_SIZE", BATCH_SIZE):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(300)
    problems = problems_after(registry, lead_ids, mark, results)
    print("two jobs at once (%s due leads, batches of %s): the jobs scheduled %s; %s"
          % (LEADS, BATCH_SIZE, results, "; ".join(problems) or "each due touch once"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
