"""Odoo 19 keeps every done activity, and a user may reopen or delete it: the attempt stays the record of the
touch (17 and 18 keep only a "keep done" type's, and let nobody reopen them from the chatter)."""
from odoo.tests import tagged

from .common import FollowupCase


@tagged("post_install", "-at_install")
class TestDoneActivityHistory(FollowupCase):

    def test_the_attempt_keeps_its_outcome_whatever_happens_to_the_done_activity(self):
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
