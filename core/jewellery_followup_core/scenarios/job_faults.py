# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The hourly job survives faults: a lead that cannot be scheduled is logged and skipped, the others advance, the
next run retries it, and a crash leaves no half-made attempt. (Two jobs at once need committed data and threads:
each version proves it its own way, outside these scenarios.)"""
from unittest import mock

from jewellery_followup_core import facts

NOTE_DAY = "2027-03-11"


class JobFaultsScenarios(object):

    def due_note(self, **values):
        """A lead of Nora's whose call went unanswered on Tuesday: its note is due on Thursday."""
        lead = self.lead_of(self.salesperson, **values)
        self.start(lead)
        self.answer(lead, "2027-03-09")
        self.assertEqual(self.iso(lead.followup_next_date), NOTE_DAY)
        return lead

    def assert_whole(self, hand_made=()):
        """No attempt written by the job without its activity, no follow-up activity without its attempt (the
        after-sale touches of the demo store's customers share the call's activity type, each with its touch)."""
        self.flush()
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
               AND NOT EXISTS (SELECT 1 FROM jewellery_aftersale_touch t WHERE t.activity_id = m.id)
        """, (tuple(self.steps.mapped("activity_type_id").ids),))
        self.assertEqual(self.env.cr.fetchone()[0], 0, "a follow-up activity has no attempt")

    def test_bad_leads_are_logged_and_skipped_the_rest_advance_and_the_next_run_retries(self):
        good = self.due_note(name="Good")
        archived_seller = self.make_user("Gone Faults", "sales_team.group_sale_salesman")
        orphan = self.due_note(name="Seller left", user_id=archived_seller.id)
        archived_seller.active = False
        unreachable = self.due_note(name="No contact")
        unreachable.write({"email_from": False, "street": False})
        conflict = self.due_note(name="Hand-made attempt")
        # an attempt written behind the engine's back (the database still counts it)
        self.flush()
        self.env.cr.execute("""
            INSERT INTO jewellery_followup_attempt (lead_id, attempt_no, kind, state)
            VALUES (%s, 2, 'note', 'scheduled')
        """, (conflict.id,))
        broken = self.due_note(name="Broken wording")
        read_wording = facts.wording

        def wording_or_fail(lead, company):
            if lead.name == "Broken wording":
                raise ValueError("a broken script")
            return read_wording(lead, company)

        with mock.patch.object(facts, "wording", wording_or_fail), \
                self.assertLogs("jewellery_followup_core", "WARNING") as logs:
            self.assertEqual(self.run_cron(NOTE_DAY), 1)
        self.assertEqual(self.scheduled(good).kind, "note")
        self.fresh()
        for lead in (orphan, unreachable, conflict, broken):
            self.assertEqual((lead.followup_state, self.iso(lead.followup_next_date)), ("running", NOTE_DAY),
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
        def crash(*args, **kwargs):
            raise RuntimeError("the server died halfway through writing the touches")

        for target, name in self.job_halfway_points():
            with self.subTest(crash_in=name):
                self.set_clock("2027-03-06")
                leads = self.due_note(name="One") | self.due_note(name="Two")
                with mock.patch.object(target, name, crash), self.assertLogs("jewellery_followup_core", "ERROR"):
                    self.assertEqual(self.run_cron(NOTE_DAY), 0)
                self.fresh()
                self.assertEqual([self.iso(day) for day in leads.mapped("followup_next_date")], [NOTE_DAY, NOTE_DAY])
                self.assertFalse(leads.mapped("followup_attempt_ids").filtered(lambda a: a.state == "scheduled"))
                self.assert_whole()
                self.assertEqual(self.run_cron(NOTE_DAY), 2)
