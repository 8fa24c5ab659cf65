"""Two hourly jobs at once never schedule a touch twice (threads in the test runner: Odoo 11 only; 17 to 19 check it
after their runner, checks/two_jobs_at_once.py). The job's faults are the core's scenarios, run from
test_scenarios.py."""
import datetime
import threading
import unittest
from unittest import mock


import odoo
from odoo import SUPERUSER_ID, api
from odoo.addons.jewellery_followup import core
from odoo.tests.common import get_db_name


class TestTwoRunsAtOnce(unittest.TestCase):
    """Two hourly jobs at the same time (two cron threads, two servers) on committed leads, in small batches so
    that they interleave: each due touch is scheduled exactly once, and both runs end without an error."""

    LEADS = 30

    def setUp(self):
        super().setUp()
        # today's real clock: the job commits, and must not stop the demo leads' chains of the shared database
        now = datetime.datetime.utcnow()
        patcher = mock.patch.object(core.clock, "utc_now", return_value=now)
        patcher.start()
        self.addCleanup(patcher.stop)
        self.registry = odoo.registry(get_db_name())
        self.lead_ids = []
        self.addCleanup(self.remove_leads)
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            user = env.ref("base.user_demo")
            for number in range(self.LEADS):
                lead = env["crm.lead"].create({
                    "name": "Concurrent %s" % number, "email_from": "c%s@example.com" % number,
                    "user_id": user.id})
                lead.action_start_followup()
                lead.followup_attempt_ids.action_record_outcome("no_answer")
                self.lead_ids.append(lead.id)
            cr.execute("UPDATE crm_lead SET followup_next_date = %s WHERE id IN %s",
                       (now.date() - datetime.timedelta(days=2), tuple(self.lead_ids)))

    def remove_leads(self):
        if not self.lead_ids:
            return
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["crm.lead"].with_context(active_test=False).browse(self.lead_ids).exists().unlink()

    def run_job(self, results, barrier):
        with api.Environment.manage(), self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            barrier.wait()
            try:
                results.append(env["jewellery.followup.engine"]._cron_advance())
            except Exception as error:  # pylint: disable=broad-except
                results.append(error)

    def run_two_jobs(self):
        results, barrier = [], threading.Barrier(2)
        threads = [threading.Thread(target=self.run_job, args=(results, barrier)) for _number in range(2)]
        with mock.patch.object(core.gate, "BATCH_SIZE", 4):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(120)
        return results

    def test_two_runs_stopping_the_same_chains_both_end_without_error(self):
        # five customers opted out behind the follow-up's back: both runs find their chains to stop
        opted_out = self.lead_ids[:5]
        with self.registry.cursor() as cr:
            cr.execute("UPDATE crm_lead SET opt_out = true WHERE id IN %s", (tuple(opted_out),))
        results = self.run_two_jobs()
        self.assertTrue(all(isinstance(result, int) for result in results), results)
        self.assertEqual(sum(results), self.LEADS - 5)
        with self.registry.cursor() as cr:
            cr.execute("SELECT id, followup_state FROM crm_lead WHERE id IN %s", (tuple(opted_out),))
            self.assertEqual({state for _id, state in cr.fetchall()}, {"opted_out"})
            cr.execute("""SELECT count(*) FROM jewellery_followup_attempt
                          WHERE lead_id IN %s AND state = 'scheduled'""", (tuple(self.lead_ids),))
            self.assertEqual(cr.fetchone()[0], self.LEADS - 5, "one note open per lead still following up")

    def test_two_runs_share_the_work_and_never_schedule_twice(self):
        results, barrier = [], threading.Barrier(2)
        threads = [threading.Thread(target=self.run_job, args=(results, barrier)) for _number in range(2)]
        with mock.patch.object(core.gate, "BATCH_SIZE", 4):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(120)
        self.assertEqual(len(results), 2)
        self.assertTrue(all(isinstance(result, int) for result in results), results)
        self.assertEqual(sum(results), self.LEADS, "every due note scheduled once, by one run or the other")
        with self.registry.cursor() as cr:
            cr.execute("""
                SELECT lead_id, count(*) FILTER (WHERE state = 'scheduled'), count(*)
                  FROM jewellery_followup_attempt WHERE lead_id IN %s GROUP BY lead_id
            """, (tuple(self.lead_ids),))
            rows = cr.fetchall()
        self.assertEqual(len(rows), self.LEADS)
        self.assertEqual({row[1:] for row in rows}, {(1, 2)}, "one call done and one note open per lead")
