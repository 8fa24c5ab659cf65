from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import FollowupCase

OUTCOME_KEY = "jewellery_followup_outcome"


@tagged("post_install", "-at_install")
class TestFollowupActivity(FollowupCase):
    """The touches are Odoo 19 activities: Mark Done records the customer's response, Odoo keeps the done
    activity archived (its history), and Odoo's own next-activity chaining and plans never add a touch."""

    def mark_done(self, lead, outcome=None, feedback=False):
        activity = self.scheduled(lead).activity_id.with_user(lead.env.user)
        if outcome:
            activity = activity.with_context(**{OUTCOME_KEY: outcome})
        return activity.action_feedback(feedback=feedback)

    def test_mark_done_records_no_answer_and_keeps_the_done_activity(self):
        lead = self.make_lead()
        attempt = self.start(lead)
        activity = attempt.activity_id
        self.set_clock("2027-03-09")
        message_id = self.mark_done(lead, feedback="<p>Voicemail, left a warm message</p>")
        self.env.invalidate_all()
        self.assertEqual((attempt.state, attempt.outcome), ("done", "no_answer"))
        self.assertEqual(attempt.note, "Voicemail, left a warm message")
        # Odoo 19 archives a done activity, with its done date and feedback: still linked to the attempt, off the
        # to-do list
        self.assertTrue(activity.exists())
        self.assertFalse(activity.active)
        self.assertTrue(activity.date_done)
        self.assertIn("Voicemail", activity.feedback)
        self.assertEqual(attempt.activity_id, activity)
        self.assertFalse(lead.activity_ids)
        self.assertEqual(self.activities_of(lead, active=False), activity)
        # Odoo's own "done" message, with the feedback
        message = self.env["mail.message"].browse(message_id)
        self.assertEqual((message.model, message.res_id), ("crm.lead", lead.id))
        self.assertIn("Voicemail", message.body)
        self.assertEqual(message.mail_activity_type_id, self.steps[0].activity_type_id)
        self.assertEqual(str(lead.followup_next_date), "2027-03-11", "the chain goes on: the note is due")

    def test_the_attempt_keeps_its_outcome_whatever_happens_to_the_done_activity(self):
        # Odoo 19 keeps every done activity, and a user may reopen or delete it: the attempt stays the record
        lead = self.make_lead()
        attempt = self.start(lead)
        activity = attempt.activity_id
        self.set_clock("2027-03-09")
        self.mark_done(lead, feedback="Voicemail")
        self.env.invalidate_all()
        recorded = (attempt.state, attempt.outcome, attempt.note, str(attempt.date_done), lead.followup_next_date)
        activity.with_user(self.salesperson).action_unarchive()
        activity.with_user(self.salesperson).with_context(jewellery_followup_outcome="purchased").action_feedback(
            feedback="done again")
        self.env.invalidate_all()
        self.assertFalse(activity.active)
        self.assertEqual(
            (attempt.state, attempt.outcome, attempt.note, str(attempt.date_done), lead.followup_next_date), recorded)
        self.assertEqual(lead.followup_state, "running")
        activity.with_user(self.salesperson).unlink()
        self.env.invalidate_all()
        self.assertEqual((attempt.state, attempt.outcome, attempt.note), recorded[:3])
        self.assertFalse(attempt.activity_id)
        self.assertEqual(lead.followup_state, "running", "the chain goes on: the note is still due")
        self.run_cron("2027-03-11")
        self.assertEqual(self.scheduled(lead).attempt_no, 2)

    def test_mark_done_with_a_response_ends_the_chain(self):
        lead = self.make_lead()
        self.start(lead)
        self.set_clock("2027-03-09")
        self.mark_done(lead, "declined")
        self.env.invalidate_all()
        self.assertEqual(lead.followup_state, "declined")
        self.assertEqual(self.attempts_of(lead).outcome, "declined")

    def test_the_history_of_the_whole_chain_is_in_the_done_activities(self):
        lead = self.make_lead()
        self.start(lead)
        self.set_clock("2027-03-09")
        self.mark_done(lead)
        self.run_cron("2027-03-11")
        self.mark_done(lead)
        self.run_cron("2027-03-18")
        self.answer(lead, "2027-03-18")  # recorded on the attempt (board, RPC): closed the same way
        done = self.activities_of(lead, active=False)
        self.assertEqual(done.activity_type_id, self.steps.activity_type_id)
        self.assertEqual(len(done), 3)
        self.assertEqual(self.attempts_of(lead).activity_id, done)
        self.assertFalse(self.activities_of(lead))

    def test_a_triggering_type_adds_no_activity_on_top_of_the_chain(self):
        kind = self.steps[0].activity_type_id
        with self.assertRaises(ValidationError):
            kind.write({"triggered_next_type_id": self.env.ref("mail.mail_activity_data_todo").id})
        # even a type changed behind the constraint's back is not chained by Odoo for a touch
        self.env.flush_all()
        self.env.cr.execute("UPDATE mail_activity_type SET chaining_type = 'trigger', triggered_next_type_id = %s "
                            "WHERE id = %s", (self.env.ref("mail.mail_activity_data_todo").id, kind.id))
        self.env.invalidate_all()
        lead = self.make_lead()
        self.start(lead)
        self.set_clock("2027-03-09")
        self.mark_done(lead)
        self.assertFalse(self.activities_of(lead), "Odoo triggered no next activity")
        self.run_cron("2027-03-11")
        self.assertEqual(len(self.activities_of(lead)), 1, "only the chain's note")

    def test_done_and_schedule_next_opens_no_scheduling_form(self):
        lead = self.make_lead()
        self.start(lead)
        self.set_clock("2027-03-09")
        activity = self.scheduled(lead).activity_id.with_user(self.salesperson)
        self.assertFalse(activity.action_feedback_schedule_next())
        self.assertEqual(self.attempts_of(lead).outcome, "no_answer")
        self.assertFalse(self.activities_of(lead))

    def test_an_activity_plan_cannot_schedule_a_touch(self):
        with self.assertRaises(ValidationError):
            self.env["mail.activity.plan"].create({
                "name": "Everything at once",
                "res_model": "crm.lead",
                "template_ids": [Command.create({"activity_type_id": self.steps[1].activity_type_id.id,
                                                 "summary": "a fourth contact"})],
            })

    def test_cancelling_the_activity_stops_the_chain(self):
        lead = self.make_lead()
        attempt = self.start(lead)
        attempt.activity_id.with_user(self.salesperson).unlink()
        self.env.invalidate_all()
        self.assertEqual((attempt.state, lead.followup_state), ("cancelled", "stopped"))

    def test_a_plain_activity_is_done_as_odoo_does_it(self):
        lead = self.make_lead()
        todo = self.env["mail.activity"].with_user(self.salesperson).create({
            "res_model_id": self.env["ir.model"]._get_id("crm.lead"), "res_id": lead.id,
            "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id, "summary": "Resize"})
        todo.action_feedback(feedback="done")
        self.assertTrue(todo.exists(), "Odoo 19 keeps every done activity")
        self.assertEqual((todo.active, todo.feedback), (False, "done"))
        self.assertFalse(self.attempts_of(lead))
        self.assertEqual(lead.followup_state, "none")
