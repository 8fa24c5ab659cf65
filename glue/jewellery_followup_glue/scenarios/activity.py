# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The touches are Odoo activities on 17.0 to 19.0: Mark Done records the customer's response, Odoo keeps the done
activity archived (its history), and Odoo's own next-activity chaining and plans never add a touch."""
from odoo import Command
from odoo.exceptions import ValidationError


class ActivityTouchScenarios:
    def test_mark_done_records_no_answer_and_keeps_the_done_activity(self):
        lead = self.make_lead()
        attempt = self.start(lead)
        activity = attempt.activity_id
        self.set_clock("2027-03-09")
        message_id = self.mark_done(lead, feedback="<p>Voicemail, left a warm message</p>")
        self.env.invalidate_all()
        self.assertEqual((attempt.state, attempt.outcome), ("done", "no_answer"))
        self.assertEqual(attempt.note, "Voicemail, left a warm message")
        # archived with its done date (17 and 18: the step's type "keeps done" activities; 19 keeps them all),
        # still linked to the attempt, off the to-do list
        self.assertTrue(activity.exists())
        self.assertFalse(activity.active)
        self.assertTrue(activity.date_done)
        if self.EVERY_DONE_ACTIVITY_KEPT:
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
        if self.EVERY_DONE_ACTIVITY_KEPT:
            self.assertEqual((todo.active, todo.feedback), (False, "done"))
        else:
            self.assertFalse(todo.exists(), "a type that does not keep done activities deletes them")
        self.assertFalse(self.attempts_of(lead))
        self.assertEqual(lead.followup_state, "none")
