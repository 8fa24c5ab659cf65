"""The hourly job survives faults: a lead that cannot be scheduled is logged and skipped, the others advance, the
next run retries it, and a crash leaves no half-made attempt. Two runs at once never schedule twice."""
import datetime
import threading
import unittest
from unittest import mock

from followup_common import FollowupCase

import odoo
from odoo import SUPERUSER_ID, api
from odoo.addons.jewellery_followup import core, scheduler
from odoo.tests.common import get_db_name

NOTE_DAY = "2027-03-11"


class TestJobFaults(FollowupCase):

    def due_note(self, **values):
        """A lead whose call went unanswered on Tuesday: its note is due on Thursday."""
        lead = self.make_lead(**values)
        self.start(lead)
        self.answer(lead, "2027-03-09")
        self.assertEqual(lead.followup_next_date, NOTE_DAY)
        return lead

    def assert_whole(self, hand_made=()):
        """No attempt written by the job without its activity, no follow-up activity without its attempt."""
        self.env.cr.execute("""
            SELECT count(*) FROM jewellery_followup_attempt a
             WHERE a.state = 'scheduled' AND a.lead_id NOT IN %s AND (a.activity_id IS NULL
                   OR NOT EXISTS (SELECT 1 FROM mail_activity m WHERE m.id = a.activity_id AND m.res_id = a.lead_id))
        """, (tuple(hand_made) or (0,),))
        self.assertEqual(self.env.cr.fetchone()[0], 0, "a scheduled attempt lost its activity")
        self.env.cr.execute("""
            SELECT count(*) FROM mail_activity m
             WHERE m.res_model = 'crm.lead' AND m.activity_type_id IN %s
               AND NOT EXISTS (SELECT 1 FROM jewellery_followup_attempt a WHERE a.activity_id = m.id)
        """, (tuple(self.steps.mapped("activity_type_id").ids),))
        self.assertEqual(self.env.cr.fetchone()[0], 0, "a follow-up activity has no attempt")

    def test_bad_leads_are_logged_and_skipped_the_rest_advance_and_the_next_run_retries(self):
        good = self.due_note(name="Good")
        archived_seller = self.env["res.users"].create({
            "name": "Gone", "login": "gone.faults@example.com", "email": "gone.faults@example.com",
            "groups_id": [(6, 0, [self.env.ref("sales_team.group_sale_salesman").id])]})
        orphan = self.due_note(name="Seller left", user_id=archived_seller.id)
        archived_seller.active = False
        unreachable = self.due_note(name="No contact")
        unreachable.write({"email_from": False, "street": False})
        conflict = self.due_note(name="Hand-made attempt")
        # an attempt written behind the engine's back (the database still counts it)
        self.env.cr.execute("""
            INSERT INTO jewellery_followup_attempt (lead_id, attempt_no, kind, state)
            VALUES (%s, 2, 'note', 'scheduled')
        """, (conflict.id,))
        broken = self.due_note(name="Broken wording")
        read_wording = core.facts.wording

        def wording_or_fail(lead, company):
            if lead.name == "Broken wording":
                raise ValueError("a broken script")
            return read_wording(lead, company)

        with mock.patch.object(core.facts, "wording", wording_or_fail), \
                self.assertLogs("jewellery_followup_core", "WARNING") as logs:
            self.assertEqual(self.run_cron(NOTE_DAY), 1)
        self.assertEqual(self.scheduled(good).kind, "note")
        for lead in (orphan, unreachable, conflict, broken):
            lead.invalidate_cache()
            self.assertEqual((lead.followup_state, lead.followup_next_date), ("running", NOTE_DAY),
                             "%s stays due for the next run" % lead.name)
            self.assertIn(str(lead.id), "\n".join(logs.output))
        self.assertFalse(self.scheduled(broken))
        self.assert_whole(hand_made=conflict.ids)
        # once fixed, each advances at the next run
        self.assertEqual(self.run_cron(NOTE_DAY), 1, "the wording renders again")
        self.assertEqual(self.scheduled(broken).kind, "note")
        unreachable.email_from = "back@example.com"
        self.assertEqual(self.run_cron(NOTE_DAY), 1)
        self.assertEqual(self.scheduled(unreachable).kind, "note")

    def test_a_crash_halfway_leaves_no_half_made_attempt(self):
        leads = self.due_note(name="One") | self.due_note(name="Two")

        def crash(env, plans):
            raise RuntimeError("the server died after writing the activities")

        with mock.patch.object(scheduler, "_subscribe", crash), \
                self.assertLogs("jewellery_followup_core", "ERROR"):
            self.assertEqual(self.run_cron(NOTE_DAY), 0)
        self.env.cache.invalidate()
        self.assertEqual(leads.mapped("followup_next_date"), [NOTE_DAY, NOTE_DAY])
        self.assertFalse(leads.mapped("followup_attempt_ids").filtered(lambda a: a.state == "scheduled"))
        self.assert_whole()
        self.assertEqual(self.run_cron(NOTE_DAY), 2)


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
