# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A care visit booked into the calendar when the customer says yes. Tom bought Clara's engagement ring on Saturday
6 March 2027; six months on, his care visit is on the list on Tuesday 7 September (the store is open Tuesday to
Saturday, in UTC)."""

TOUCH = "jewellery.aftersale.touch"


class AftersaleVisitScenarios(object):

    def setUp(self):
        super().setUp()
        self.company.sudo().write({"aftersale_enabled": True})
        self.lead = self.make_lead(partner_id=self.customer.id, occasion=False)
        self.as_user(self.lead, self.salesperson).action_set_won()
        self.lead.sudo().write({"date_closed": "2027-03-06 15:00:00"})
        self.run_cron("2027-03-06")
        self.run_cron("2027-09-07")
        self.care = self.env[TOUCH].sudo().search([("lead_id", "=", self.lead.id), ("kind", "=", "care")])
        self.assertEqual(self.care.state, "scheduled")

    def visits(self, user):
        return self.as_user(self.env["calendar.event"], user).search([("opportunity_id", "=", self.lead.id)])

    def test_an_appointment_books_the_care_visit_in_the_calendar(self):
        action = self.as_user(self.care, self.salesperson).action_appointment()
        [visit] = self.visits(self.salesperson)
        # the visit opens, for the salesperson to set the time agreed with the customer
        self.assertEqual((action["res_model"], action["res_id"]), ("calendar.event", visit.id))
        self.assertEqual(visit.name, "Care visit: Tom Reyes")
        # 10:00 store time of the next open day, Wednesday 8 September
        self.assertEqual(self.iso(visit.start)[:16], "2027-09-08 10:00")
        self.assertIn("Ask them to bring the 1.2 ct round solitaire in platinum", visit.description)
        self.assertEqual(visit.user_id, self.salesperson)
        self.assertIn(self.customer, visit.partner_ids)
        self.fresh()
        self.assertEqual((self.care.state, self.care.outcome, self.care.visit_event_id),
                         ("done", "appointment", visit))

    def test_marking_the_activity_done_with_the_appointment_books_it_too(self):
        activity = self.as_user(self.env["mail.activity"], self.salesperson).browse(self.care.activity_id.id)
        activity.with_context(jewellery_followup_outcome="appointment").action_feedback(feedback="Saturday")
        [visit] = self.visits(self.salesperson)
        self.fresh()
        self.assertEqual(self.care.visit_event_id, visit)

    def test_no_answer_books_nothing(self):
        self.as_user(self.care, self.salesperson).action_no_answer()
        self.assertFalse(self.visits(self.salesperson))
