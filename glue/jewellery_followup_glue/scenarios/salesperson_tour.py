# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A salesperson at the counter, in the web client of Odoo 17.0 to 19.0 (the addon's tour
static/tests/tours/salesperson_visit_tour.js): the lead's Jewellery page, the visit that ends without a sale, the
morning call marked "No answer" from its activity; then the note the hourly job puts on their list."""


class SalespersonTourScenarios:
    needs_http_server = True

    def test_a_visit_without_a_sale_becomes_a_call_then_a_note_on_the_salespersons_list(self):
        # Olga sees only her own leads: the web client works with what she may read
        lead = self.env["crm.lead"].with_user(self.own).create({
            "name": "Oval solitaire for Clara", "type": "opportunity", "contact_name": "Tom Reyes",
            "email_from": "tom.reyes@example.com", "street": "14 Chiltern Street", "city": "London",
            "user_id": self.own.id})
        self.start_tour(self.FORM_URL % ("crm.lead", lead.id), "jewellery_followup_salesperson_visit",
                        login=self.own.login)
        self.fresh()
        self.assertEqual((lead.occasion, lead.recipient_name, lead.hospitality_note, lead.stone_carat, lead.metal),
                         ("engagement", "Clara", "espresso, no sugar", 1.2, "platinum"))
        self.assert_chatter_says(lead, "Visit ended without a sale")
        call = self.attempts_of(lead)
        self.assertEqual((call.kind, call.state, call.outcome, call.user_id), ("call", "done", "no_answer", self.own))
        self.assertEqual(call.note, "Voicemail, left a warm message")
        self.assertEqual(lead.followup_state, "running")
        self.run_cron("2027-03-11")
        note = self.scheduled(lead)
        self.assertEqual((note.kind, note.user_id, str(note.date_scheduled)), ("note", self.own, "2027-03-11"))
        her_list = self.env["mail.activity"].with_user(self.own).search([("user_id", "=", self.own.id)])
        self.assertIn(note.activity_id, her_list)
