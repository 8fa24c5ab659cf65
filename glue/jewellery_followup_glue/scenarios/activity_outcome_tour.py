# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The web client of Odoo 17.0 to 19.0: the activity's Mark Done asks what the customer did (the OWL patch in
static/src/activity), and the answer reaches the follow-up. The tour is the addon's own
(static/tests/tours)."""


class MarkDoneTourScenarios:
    needs_http_server = True

    def test_mark_done_asks_the_customers_response(self):
        admin = self.env.ref("base.user_admin")
        lead = self.env["crm.lead"].create({
            "name": "Engagement ring", "type": "opportunity", "contact_name": "Tom Reyes",
            "email_from": "tom.reyes@example.com", "user_id": admin.id})
        lead.action_start_followup()
        attempt = lead.followup_attempt_ids
        self.start_tour(self.FORM_URL % ("crm.lead", lead.id), "jewellery_followup_mark_done_outcome",
                        login="admin")
        self.env.invalidate_all()
        self.assertEqual((attempt.state, attempt.outcome), ("done", "declined"))
        self.assertEqual(attempt.note, "They chose another store")
        self.assertEqual(lead.followup_state, "declined")
        self.assertFalse(attempt.activity_id.active, "the done touch is kept archived")
