from odoo.tests import tagged

from .common import FollowupCase


@tagged("post_install", "-at_install")
class TestFollowupChain(FollowupCase):
    """The customer's second chance on Odoo 18: call, note, gift; any answer ends it."""

    def test_call_the_next_open_morning_with_the_wording_of_the_lead(self):
        lead = self.make_lead()
        attempt = self.start(lead)
        # visit on Saturday; the store is closed Sunday and Monday: the call is on Tuesday
        self.assertEqual(str(attempt.date_scheduled), "2027-03-09")
        self.assertEqual((attempt.attempt_no, attempt.kind, lead.followup_state), (1, "call", "running"))
        self.assertIn("Good morning Tom Reyes, this is Nora Lindqvist", attempt.script_text)
        self.assertIn("the 1.2 ct round solitaire in platinum", attempt.script_text)
        activity = attempt.activity_id
        self.assertEqual((activity.res_model, activity.res_id, activity.user_id),
                         ("crm.lead", lead.id, self.salesperson))
        self.assertEqual(str(activity.date_deadline), "2027-03-09")
        self.assertEqual(lead.activity_ids, activity, "the salesperson sees the call on the lead")

    def test_start_posts_one_message_carrying_the_tracked_state(self):
        lead = self.make_lead()
        self.start(lead)
        self.env.flush_all()
        self.env.cr.precommit.run()  # Odoo 18 posts tracking when the transaction commits
        messages = self.env["mail.message"].search([("model", "=", "crm.lead"), ("res_id", "=", lead.id)])
        started = messages.filtered(lambda message: "Second-chance follow-up started" in (message.body or ""))
        self.assertEqual(len(started), 1, messages.mapped("body"))
        self.assertEqual(started.tracking_value_ids.field_id.name, "followup_state")
        self.assertEqual(started.tracking_value_ids.new_value_char, "Running")

    def test_three_unanswered_touches_lose_the_lead(self):
        lead = self.make_lead()
        gift = self.reach_gift(lead)
        self.assertEqual((gift.attempt_no, gift.kind, str(gift.date_scheduled)), (3, "gift", "2027-03-18"))
        self.assertEqual(gift.gift_description, "Dinner for two at a fine local restaurant")
        self.answer(lead, "2027-03-18")
        self.env.invalidate_all()
        self.assertEqual(lead.followup_state, "exhausted")
        self.assertFalse(lead.active)
        self.assertEqual(lead.lost_reason_id, self.env.ref("jewellery_followup.crm_lost_reason_no_response"))
        self.assertEqual(lead.followup_contact_count, 3)
        self.assertEqual(self.attempts_of(lead).mapped("outcome"), ["no_answer"] * 3,
                         "every attempt stays in the history")

    def test_the_note_waits_two_open_days_then_lands_in_the_morning(self):
        lead = self.make_lead()
        self.start(lead)
        self.answer(lead, "2027-03-09")
        self.assertEqual(str(lead.followup_next_date), "2027-03-11")
        self.assertEqual(self.run_cron("2027-03-10"), 0, "nothing lands before its day")
        self.assertEqual(self.run_cron("2027-03-11", hour=4), 0, "nor before 05:00 store time")
        self.assertEqual(self.run_cron("2027-03-11", hour=6), 1)
        note = self.scheduled(lead)
        self.assertEqual((note.kind, note.attempt_no), ("note", 2))
        self.assertIn("Professionally,\nNora Lindqvist", note.script_text)

    def test_each_response_ends_the_chain(self):
        for outcome, state in (("declined", "declined"), ("came_back", "stopped"),
                               ("purchased", "won"), ("appointment", "appointment")):
            with self.subTest(outcome=outcome):
                lead = self.make_lead(name="Ring for %s" % outcome)
                self.start(lead)
                self.answer(lead, "2027-03-09", outcome)
                self.env.invalidate_all()
                self.assertEqual(lead.followup_state, state)
                self.assertFalse(self.scheduled(lead))
                self.assertFalse(lead.followup_next_date)
                self.assertEqual(self.run_cron("2027-03-20"), 0, "nothing follows an answer")
                self.assertEqual(lead.followup_contact_count, 1)

    def test_an_appointment_books_the_private_showing(self):
        lead = self.make_lead()
        self.start(lead)
        self.answer(lead, "2027-03-09", "appointment")
        event = self.env["calendar.event"].search([("opportunity_id", "=", lead.id)])
        self.assertEqual(event.name, "Private showing: Tom Reyes")
        # 10:00 store time (UTC here) of the next open day
        self.assertEqual(str(event.start), "2027-03-10 10:00:00")
        self.assertIn("Welcome: coffee: hazelnut latte", event.description)

    def test_winning_opting_out_or_archiving_the_lead_stops_the_chain(self):
        for change, state in (({"opt_out": True}, "opted_out"), ({"active": False}, "stopped")):
            with self.subTest(change=change):
                lead = self.make_lead(name="Ring %s" % state)
                attempt = self.start(lead)
                lead.write(change)
                self.env.invalidate_all()
                self.assertEqual(lead.followup_state, state)
                self.assertEqual(attempt.state, "cancelled")
        lead = self.make_lead(name="Ring won")
        self.start(lead)
        lead.action_set_won()
        self.env.invalidate_all()
        self.assertEqual(lead.followup_state, "won")

    def test_the_occasion_pulls_the_touches_in(self):
        lead = self.make_lead(occasion_date="2027-03-13")
        self.start(lead)
        self.answer(lead, "2027-03-09")
        # note and gift must both land two days before the occasion: the note comes a day early, on the 10th
        self.assertEqual(str(lead.followup_next_date), "2027-03-10")
