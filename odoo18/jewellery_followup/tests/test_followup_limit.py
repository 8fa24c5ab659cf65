import psycopg2

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import FollowupCase


@tagged("post_install", "-at_install")
class TestFollowupLimit(FollowupCase):
    """Never more than three contacts per customer, whatever path asks for a fourth."""

    def exhaust(self, lead):
        self.reach_gift(lead)
        self.answer(lead, "2027-03-18")
        return lead

    def test_a_fourth_start_is_refused_with_the_reason(self):
        lead = self.exhaust(self.make_lead())
        lead.write({"active": True, "probability": 10})
        with self.assertRaisesRegex(UserError, "already had 3 follow-up contacts"):
            lead.action_start_followup()

    def test_restarting_a_stopped_chain_goes_on_counting(self):
        lead = self.make_lead()
        self.start(lead)
        lead.action_stop_followup()
        attempt = self.start(lead, "2027-03-09")
        self.assertEqual(attempt.attempt_no, 2)
        self.assertEqual(lead.followup_contact_count, 2)

    def test_rpc_cannot_write_the_protected_fields_or_make_attempts(self):
        lead = self.make_lead()
        attempt = self.start(lead)
        for values in ({"followup_contact_count": 0}, {"followup_state": "none"}):
            with self.assertRaises(AccessError):
                lead.write(values)
        with self.assertRaises(AccessError):
            attempt.with_user(self.manager).write({"state": "cancelled"})
        with self.assertRaises(AccessError):
            self.env["jewellery.followup.attempt"].with_user(self.manager).create({
                "lead_id": lead.id, "attempt_no": 2, "kind": "call"})
        attempt.with_user(self.salesperson).write({"note": "Prefers mornings", "gift_value": 0})
        self.assertEqual(attempt.note, "Prefers mornings")

    def test_the_database_refuses_a_fourth_attempt_and_a_lower_count(self):
        lead = self.exhaust(self.make_lead())
        self.env.flush_all()
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.CheckViolation), \
                self.env.cr.savepoint():
            self.env.flush_all()
            self.env.cr.execute("""
                INSERT INTO jewellery_followup_attempt (lead_id, attempt_no, kind, state)
                VALUES (%s, 4, 'call', 'scheduled')""", (lead.id,))
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.CheckViolation), \
                self.env.cr.savepoint():
            self.env.flush_all()
            self.env.cr.execute("UPDATE crm_lead SET followup_contact_count = 0 WHERE id = %s", (lead.id,))

    def test_deleting_attempts_or_copying_the_lead_buys_no_contact(self):
        lead = self.make_lead()
        self.start(lead)
        self.answer(lead, "2027-03-09")
        self.attempts_of(lead).with_user(self.manager).unlink()
        self.env.invalidate_all()
        self.assertEqual(lead.followup_contact_count, 1, "a contact that happened still counts")
        copy = lead.copy()
        self.assertEqual(copy.followup_contact_count, 1)
        self.assertEqual(copy.followup_state, "none")

    def test_an_open_touch_cannot_be_deleted(self):
        lead = self.make_lead()
        attempt = self.start(lead)
        with self.assertRaises(UserError):
            attempt.with_user(self.manager).unlink()

    def test_merging_adds_the_contacts_and_keeps_every_attempt(self):
        first = self.make_lead(name="Ring, first visit")
        self.start(first)
        self.answer(first, "2027-03-09")
        second = self.make_lead(name="Ring, second visit", occasion_date="2027-06-01", stone_cut="excellent")
        self.start(second, "2027-03-10")
        self.answer(second, "2027-03-11")
        third = self.make_lead(name="Ring, third visit")
        self.start(third, "2027-03-12")
        head = (first | second | third).with_user(self.manager)._merge_opportunity(auto_unlink=False)
        self.env.invalidate_all()
        attempts = self.attempts_of(head)
        self.assertEqual(attempts.mapped("attempt_no"), [1, 2, 3], "renumbered by date")
        self.assertEqual(head.followup_contact_count, 3)
        # three contacts in all, the third being the open call of the third visit: it stays, nothing after it
        self.assertEqual(attempts.filtered(lambda attempt: attempt.state == "scheduled"), attempts[2])
        self.assertEqual(head.followup_state, "running")
        self.assertEqual(head.stone_cut, "excellent", "an empty jewellery field is filled from the others")
        self.assertEqual(self.activities_of(head), attempts[2].activity_id)
        self.assertEqual(len(self.activities_of(head, active=False)), 2,
                         "the done touches moved with their attempts")
        self.answer(head, "2027-03-16")
        self.env.invalidate_all()
        self.assertEqual(head.followup_state, "exhausted")
        self.assertEqual(self.run_cron("2027-03-30"), 0)
        self.assertEqual(head.followup_contact_count, 3)

    def test_merging_two_leads_keeps_one_open_touch(self):
        first = self.make_lead(name="Bracelet, first")
        self.start(first)
        second = self.make_lead(name="Bracelet, second")
        self.start(second)
        head = (first | second).with_user(self.manager)._merge_opportunity(auto_unlink=False)
        self.env.invalidate_all()
        self.assertEqual(head.followup_contact_count, 2)
        self.assertEqual(len(self.scheduled(head)), 1)
        self.assertEqual(self.activities_of(head), self.scheduled(head).activity_id)
        self.assertEqual(head.followup_state, "running")
