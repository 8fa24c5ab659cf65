"""Never more than three attempts per lead, whatever path tries a fourth."""
import psycopg2
from followup_common import FollowupCase, VISIT_DAY

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger


class TestThreeAttemptLimit(FollowupCase):

    def exhaust(self, lead):
        self.reach_gift(lead)
        self.answer(lead, "2027-03-18")

    def three_attempts_then_reopened(self):
        lead = self.make_lead()
        self.exhaust(lead)
        lead.write({"active": True, "probability": 10})
        return lead

    def test_the_start_button_refuses_a_fourth_attempt(self):
        lead = self.three_attempts_then_reopened()
        with self.assertRaisesRegex(UserError, "already had 3 follow-up contacts"):
            self.start(lead, "2027-03-20")
        self.assertEqual(len(lead.followup_attempt_ids), 3)

    def test_another_chain_continues_the_count(self):
        lead = self.make_lead()
        self.start(lead)
        lead.action_stop_followup()
        other = self.env["jewellery.followup.chain"].create({
            "name": "Calls only",
            "step_ids": [(0, 0, {"sequence": n, "kind": "call", "summary": "Call %s" % n,
                                 "activity_type_id": self.env.ref(
                                     "jewellery_followup.mail_activity_type_call").id,
                                 "delay_days": 1}) for n in (1, 2, 3)],
        })
        lead.followup_chain_id = other
        second = self.start(lead, "2027-03-10")
        self.assertEqual((second.attempt_no, second.summary), (2, "Call 2"))

    def test_nobody_creates_an_attempt_by_hand_not_even_a_manager(self):
        lead = self.make_lead()
        manager = self.env["res.users"].create({
            "name": "Store Manager", "login": "manager.limit@example.com",
            "groups_id": [(6, 0, [self.env.ref("sales_team.group_sale_manager").id])]})
        for user in (self.salesperson, manager):
            with self.assertRaises(AccessError):
                self.env["jewellery.followup.attempt"].sudo(user).create({
                    "lead_id": lead.id, "kind": "call", "attempt_no": 1, "state": "done"})
        self.assertEqual(lead.followup_contact_count, 0)
        self.assertFalse(lead.followup_attempt_ids)

    def test_rpc_write_cannot_renumber_move_or_close_an_attempt(self):
        lead = self.make_lead()
        call = self.start(lead)
        for values in ({"attempt_no": 1}, {"lead_id": self.make_lead().id}, {"state": "done"},
                       {"outcome": "declined"}):
            with self.assertRaisesRegex(AccessError, "change only through the follow-up"):
                call.sudo(self.salesperson).write(values)
        self.assertEqual((call.state, call.outcome, lead.followup_state), ("scheduled", False, "running"))

    @mute_logger("odoo.sql_db")
    def test_the_database_refuses_a_fourth_attempt_even_behind_the_orm(self):
        lead = self.make_lead()
        with self.assertRaises(psycopg2.IntegrityError), self.env.cr.savepoint():
            self.env.cr.execute("""
                INSERT INTO jewellery_followup_attempt (lead_id, attempt_no, kind, state)
                VALUES (%s, 4, 'call', 'done')
            """, (lead.id,))
        self.env.cr.execute("""
            INSERT INTO jewellery_followup_attempt (lead_id, attempt_no, kind, state)
            VALUES (%s, 1, 'call', 'done')
        """, (lead.id,))
        with self.assertRaises(psycopg2.IntegrityError), self.env.cr.savepoint():
            self.env.cr.execute("""
                INSERT INTO jewellery_followup_attempt (lead_id, attempt_no, kind, state)
                VALUES (%s, 1, 'call', 'done')
            """, (lead.id,))

    def test_a_duplicated_lead_inherits_the_count(self):
        lead = self.three_attempts_then_reopened()
        copy = lead.copy()
        self.assertEqual(copy.followup_contact_count, 3)
        self.assertFalse(copy.followup_attempt_ids, "the history stays with the original")
        with self.assertRaisesRegex(UserError, "already had 3"):
            self.start(copy, "2027-03-20")

    def test_a_duplicated_lead_continues_where_the_original_was(self):
        lead = self.make_lead()
        self.start(lead)
        lead.action_stop_followup()
        copy = lead.copy()
        attempt = self.start(copy, "2027-03-10")
        self.assertEqual((attempt.attempt_no, attempt.kind), (2, "note"))

    def test_the_cron_never_schedules_a_fourth(self):
        lead = self.make_lead()
        self.exhaust(lead)
        lead.write({"active": True, "probability": 10})
        self.env.cr.execute(
            "UPDATE crm_lead SET followup_state = 'running', followup_next_date = %s WHERE id = %s",
            (VISIT_DAY, lead.id))
        lead.invalidate_cache()
        self.run_cron("2027-03-30")
        self.assertEqual(len(lead.followup_attempt_ids), 3)
        self.assertEqual(lead.followup_state, "exhausted")

    def test_a_chain_holds_at_most_three_steps(self):
        with self.assertRaisesRegex(ValidationError, "never contacted more than 3 times"):
            self.chain.write({"step_ids": [(0, 0, {
                "kind": "call", "summary": "A fourth call",
                "activity_type_id": self.env.ref("jewellery_followup.mail_activity_type_call").id,
            })]})

    def test_only_one_attempt_waits_at_a_time(self):
        lead = self.make_lead()
        self.start(lead)
        with self.assertRaisesRegex(UserError, "is already following its chain"):
            self.start(lead)
