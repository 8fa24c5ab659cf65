"""The hourly job survives faults: a lead that cannot be scheduled is logged and skipped, the others advance, the
next run retries it, and a crash leaves no half-made attempt.

(Two jobs at once, in two threads, cannot run here: under Odoo 18's test runner such threads wait for the registry
the loading thread holds, and nothing is committed. odoo18/checks/two_jobs_at_once.py runs them after the runner,
from scripts/test18.)"""
from unittest import mock

from odoo import Command
from odoo.tests import tagged
from odoo.addons.jewellery_followup import core

from .common import FollowupCase

NOTE_DAY = "2027-03-11"


@tagged("post_install", "-at_install")
class TestJobFaults(FollowupCase):

    def due_note(self, **values):
        """A lead whose call went unanswered on Tuesday: its note is due on Thursday."""
        lead = self.make_lead(**values)
        self.start(lead)
        self.answer(lead, "2027-03-09")
        self.assertEqual(str(lead.followup_next_date), NOTE_DAY)
        return lead

    def assert_whole(self, hand_made=()):
        """No attempt written by the job without its activity, no follow-up activity without its attempt."""
        self.env.flush_all()
        self.env.cr.execute("""
            SELECT count(*) FROM jewellery_followup_attempt a
             WHERE a.state = 'scheduled' AND a.lead_id NOT IN %s AND (a.activity_id IS NULL
                   OR NOT EXISTS (SELECT 1 FROM mail_activity m WHERE m.id = a.activity_id AND m.res_id = a.lead_id))
        """, (tuple(hand_made) or (0,),))
        self.assertEqual(self.env.cr.fetchone()[0], 0, "a scheduled attempt lost its activity")
        self.env.flush_all()
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
            "groups_id": [Command.set([self.env.ref("sales_team.group_sale_salesman").id])]})
        orphan = self.due_note(name="Seller left", user_id=archived_seller.id)
        archived_seller.active = False
        unreachable = self.due_note(name="No contact")
        unreachable.write({"email_from": False, "street": False})
        conflict = self.due_note(name="Hand-made attempt")
        # an attempt written behind the engine's back (the database still counts it)
        self.env.flush_all()
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
            lead.invalidate_recordset()
            self.assertEqual((lead.followup_state, str(lead.followup_next_date)), ("running", NOTE_DAY),
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

        def crash(cr, lead_ids):  # Odoo 18's scheduler: between the activities and their attempts
            raise RuntimeError("the server died after writing the activities")

        with mock.patch.object(core.sql, "piece_photos", crash), \
                self.assertLogs("jewellery_followup_core", "ERROR"):
            self.assertEqual(self.run_cron(NOTE_DAY), 0)
        self.env.invalidate_all()
        self.assertEqual([str(day) for day in leads.mapped("followup_next_date")], [NOTE_DAY, NOTE_DAY])
        self.assertFalse(leads.mapped("followup_attempt_ids").filtered(lambda a: a.state == "scheduled"))
        self.assert_whole()
        self.assertEqual(self.run_cron(NOTE_DAY), 2)
