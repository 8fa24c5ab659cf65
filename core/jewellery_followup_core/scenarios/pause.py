# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Pause until a date: Tom says "call me after my holiday". His salesperson writes *Paused Until* and *Pause
Reason* on the lead (its form, a touch's *Pause...* or RPC: the same write); whatever waits for him comes back on the
list the morning the pause ends, and the contacts made stay counted. The store is open Tuesday to Saturday."""

TOUCH = "jewellery.aftersale.touch"
HOLIDAY = {"followup_paused_until": "2027-03-20", "followup_pause_reason": "On holiday in <Lisbon>"}


class PauseScenarios(object):

    def pause(self, lead, day, **values):
        self.set_clock(day)
        self.as_user(lead, self.salesperson).write(dict(HOLIDAY, **values))
        self.fresh()

    def test_the_call_waiting_on_the_list_comes_back_the_day_the_pause_ends(self):
        lead = self.make_lead()
        [call] = self.start(lead)
        self.pause(lead, "2027-03-08")
        self.assertEqual((self.iso(call.date_scheduled), self.iso(call.activity_id.date_deadline), call.state),
                         ("2027-03-20", "2027-03-20", "scheduled"))
        self.assertEqual(lead.followup_contact_count, 1, "the contacts made stay counted")
        # typed text is escaped in the chatter
        self.assert_chatter_says(lead, "Follow-up paused until 2027-03-20 by %s: On holiday in &lt;Lisbon&gt;"
                                 % self.salesperson.name)

    def test_the_next_step_waits_for_the_pause_and_comes_that_morning(self):
        lead = self.make_lead()
        self.start(lead)
        self.answer(lead, "2027-03-09")
        self.assertEqual(self.iso(lead.followup_next_date), "2027-03-11")
        self.pause(lead, "2027-03-09", followup_paused_until="2027-03-21")
        # Sunday 21 March: the store opens again on Tuesday 23
        self.assertEqual(self.iso(lead.followup_next_date), "2027-03-23")
        self.run_cron("2027-03-11")
        self.assertFalse(self.open_attempts(lead))
        self.run_cron("2027-03-23")
        [note] = self.open_attempts(lead)
        self.assertEqual((note.kind, self.iso(note.date_scheduled)), ("note", "2027-03-23"))
        self.assertEqual(lead.followup_contact_count, 2)

    def test_an_answer_during_the_pause_plans_the_next_step_after_it(self):
        lead = self.make_lead()
        self.start(lead)
        self.pause(lead, "2027-03-08")
        self.answer(lead, "2027-03-09")
        self.fresh()
        self.assertEqual(self.iso(lead.followup_next_date), "2027-03-20")

    def test_a_pause_the_rules_refuse_writes_nothing(self):
        lead = self.make_lead()
        self.start(lead)
        for values, message in (
                ({"followup_paused_until": "2027-03-08"}, "Pause until 2027-03-08: choose a day after today"),
                ({"followup_paused_until": "2028-06-01"}, "a chain is paused at most 366 days ahead"),
                ({"followup_pause_reason": "  "}, "Say why the follow-up of Tom Reyes is paused")):
            with self.subTest(values=values):
                with self.assertRaisesRegex(self.USER_ERROR, message):
                    self.pause(lead, "2027-03-08", **values)
                self.fresh()
                self.assertFalse(lead.followup_paused_until)
                self.assertEqual(self.iso(self.open_attempts(lead).date_scheduled), "2027-03-09")

    def test_ending_the_pause_is_said_and_needs_no_reason(self):
        lead = self.make_lead()
        self.start(lead)
        self.pause(lead, "2027-03-08")
        self.as_user(lead, self.salesperson).write({"followup_paused_until": False, "followup_pause_reason": False})
        self.assert_chatter_says(lead, "Follow-up pause ended by %s" % self.salesperson.name)

    def test_the_customer_back_early_brings_the_call_back_today(self):
        lead = self.make_lead()
        [call] = self.start(lead)
        self.pause(lead, "2027-03-08")
        self.set_clock("2027-03-12")
        self.as_user(lead, self.salesperson).write({"followup_paused_until": False, "followup_pause_reason": False})
        self.fresh()
        self.assertEqual((self.iso(call.date_scheduled), self.iso(call.activity_id.date_deadline)),
                         ("2027-03-12", "2027-03-12"))

    def test_a_shorter_pause_brings_the_next_step_and_the_touches_to_its_new_day(self):
        self.company.sudo().write({"aftersale_enabled": True})
        lead = self.make_lead()
        self.start(lead)
        self.answer(lead, "2027-03-09")
        self.pause(lead, "2027-03-09", followup_paused_until="2027-03-27")
        self.assertEqual(self.iso(lead.followup_next_date), "2027-03-27")
        self.pause(lead, "2027-03-10", followup_paused_until="2027-03-17")
        self.assertEqual(self.iso(lead.followup_next_date), "2027-03-17")
        self.assert_chatter_says(lead, "Follow-up paused until 2027-03-17")
        won = self.make_lead(metal="platinum", partner_id=self.customer.id)
        self.as_user(won, self.salesperson).action_set_won()
        won.sudo().write({"date_closed": "2027-03-06 15:00:00"})
        self.run_cron("2027-03-06")
        touch = self.env[TOUCH].sudo().search([("lead_id", "=", won.id), ("kind", "=", "next_piece")])
        self.pause(won, "2027-03-10", followup_paused_until="2027-06-01")
        self.assertEqual(self.iso(touch.date_due), "2027-06-01")
        self.pause(won, "2027-03-10", followup_paused_until="2027-05-15")
        self.assertEqual((touch.state, self.iso(touch.date_due)), ("planned", "2027-05-15"))

    def test_an_after_sale_touch_on_the_list_leaves_it_until_the_pause_ends(self):
        self.company.sudo().write({"aftersale_enabled": True})
        lead = self.make_lead(metal="platinum")
        self.as_user(lead, self.salesperson).action_set_won()
        lead.sudo().write({"date_closed": "2027-03-06 15:00:00"})
        self.run_cron("2027-03-06")
        self.run_cron("2027-05-05")
        touch = self.env[TOUCH].sudo().search([("lead_id", "=", lead.id), ("kind", "=", "next_piece")])
        self.assertEqual(touch.state, "scheduled")
        action = self.as_user(touch, self.salesperson).action_pause()
        self.assertEqual((action["res_model"], action["res_id"]), ("crm.lead", lead.id))
        self.pause(lead, "2027-05-05", followup_paused_until="2027-05-20")
        self.assertEqual((touch.state, self.iso(touch.date_due)), ("planned", "2027-05-20"))
        self.assertFalse(touch.activity_id)
        self.assertFalse(self.activities(lead))
        self.run_cron("2027-05-20")
        self.assertEqual((touch.state, self.iso(touch.date_scheduled)), ("scheduled", "2027-05-20"))
