# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Real users of each group: "own documents" salespeople act on their own touches, "all leads" salespeople and
managers on all of them, only managers give a touch to someone else or edit a chain, and another company's
records stay invisible."""


class AccessScenarios(object):

    def test_a_salesperson_sees_and_acts_on_their_own_touches_only(self):
        mine = self.lead_of(self.own, name="Olga's ring")
        theirs = self.lead_of(self.peer, name="Paul's ring")
        self.start(mine)
        self.start(theirs)
        Attempt = self.env["jewellery.followup.attempt"]
        self.assertEqual(self.as_user(Attempt, self.own).search([]).mapped("lead_id"), mine)
        self.assertEqual(self.as_user(Attempt, self.peer).search([]).mapped("lead_id"), theirs)
        visible = self.as_user(Attempt, self.all_leads).search([]).mapped("lead_id")
        self.assertEqual(visible & (mine | theirs), mine | theirs, "the all-leads group sees both")
        with self.assertRaises(self.ACCESS_ERROR):
            self.as_user(self.scheduled(theirs), self.own).action_record_outcome("declined")
        with self.assertRaises(self.ACCESS_ERROR):
            self.as_user(theirs, self.own).action_stop_followup()
        self.as_user(self.scheduled(theirs), self.manager).action_record_outcome("declined")
        self.fresh()
        self.assertEqual(theirs.followup_state, "declined")

    def test_only_a_manager_gives_the_touch_to_someone_else(self):
        lead = self.lead_of(self.own)
        engine = self.env["jewellery.followup.engine"]
        with self.assertRaises(self.ACCESS_ERROR):
            self.as_user(engine, self.own)._start(self.as_user(lead, self.own), assign=self.peer)
        self.as_user(engine, self.manager)._start(self.as_user(lead, self.manager), assign=self.peer)
        attempt = self.attempts_of(lead)
        self.assertEqual((attempt.state, attempt.user_id, attempt.activity_id.user_id),
                         ("scheduled", self.peer, self.peer))
        self.assertFalse(self.as_user(lead, self.own).followup_attempt_ids, "Olga no longer sees the touch")

    def test_another_company_stays_invisible(self):
        lead = self.lead_of(self.all_leads)
        self.start(lead)
        self.assertFalse(self.as_user(self.env["crm.lead"], self.stranger).search([("id", "=", lead.id)]))
        self.assertFalse(self.as_user(self.env["jewellery.followup.attempt"], self.stranger).search([]))
        with self.assertRaises(self.ACCESS_ERROR):
            self.as_user(lead, self.stranger).action_start_followup()
        other_lead = self.lead_of(self.stranger, name="Other store's ring", company_id=self.other_company.id)
        self.start(other_lead)
        seen = self.as_user(self.env["jewellery.followup.attempt"], self.all_leads).search([]).mapped("lead_id")
        self.assertNotIn(other_lead, seen)

    def test_only_managers_edit_chains(self):
        with self.assertRaises(self.ACCESS_ERROR):
            self.as_user(self.chain, self.all_leads).write({"gift_budget": 1})
        self.as_user(self.chain, self.manager).write({"gift_budget": 400})
        self.fresh()
        self.assertEqual(self.chain.gift_budget, 400)
