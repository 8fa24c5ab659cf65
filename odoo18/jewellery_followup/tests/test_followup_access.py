from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import FollowupCase


@tagged("post_install", "-at_install")
class TestFollowupAccess(FollowupCase):
    """Real users of each group: "own documents" salespeople act on their own touches, "all leads" and managers
    on all of them, and another company's records stay invisible."""

    def test_a_salesperson_sees_and_acts_on_their_own_touches_only(self):
        mine = self.make_lead(user=self.own, name="Olga's ring")
        theirs = self.make_lead(user=self.peer, name="Paul's ring")
        self.start(mine)
        self.start(theirs)
        Attempt = self.env["jewellery.followup.attempt"]
        self.assertEqual(Attempt.with_user(self.own).search([]).lead_id, mine)
        self.assertEqual(Attempt.with_user(self.peer).search([]).lead_id, theirs)
        visible = Attempt.with_user(self.salesperson).search([]).lead_id
        self.assertEqual(visible & (mine | theirs), mine | theirs, "the all-leads group sees both")
        with self.assertRaises(AccessError):
            self.scheduled(theirs).with_user(self.own).action_record_outcome("declined")
        with self.assertRaises(AccessError):
            theirs.with_user(self.own).action_stop_followup()
        self.scheduled(theirs).with_user(self.manager).action_record_outcome("declined")
        self.assertEqual(theirs.followup_state, "declined")

    def test_only_a_manager_gives_the_touch_to_someone_else(self):
        lead = self.make_lead(user=self.own)
        engine = self.env["jewellery.followup.engine"]
        with self.assertRaises(AccessError):
            engine.with_user(self.own)._start(lead.with_user(self.own), assign=self.peer)
        engine.with_user(self.manager)._start(lead.with_user(self.manager), assign=self.peer)
        attempt = self.attempts_of(lead)
        self.assertEqual((attempt.state, attempt.user_id, attempt.activity_id.user_id),
                         ("scheduled", self.peer, self.peer))
        self.assertFalse(lead.with_user(self.own).followup_attempt_ids, "Olga no longer sees the touch")

    def test_another_company_stays_invisible(self):
        lead = self.make_lead()
        self.start(lead)
        stranger = self.stranger
        self.assertFalse(self.env["crm.lead"].with_user(stranger).search([("id", "=", lead.id)]))
        self.assertFalse(self.env["jewellery.followup.attempt"].with_user(stranger).search([]))
        with self.assertRaises(AccessError):
            lead.with_user(stranger).action_start_followup()
        other_lead = self.make_lead(user=stranger, name="Other store's ring", company_id=self.other_company.id)
        self.start(other_lead)
        self.assertNotIn(other_lead, self.env["jewellery.followup.attempt"].with_user(self.salesperson)
                         .search([]).lead_id)

    def test_only_managers_edit_chains(self):
        with self.assertRaises(AccessError):
            self.chain.with_user(self.salesperson).write({"gift_budget": 1})
        self.chain.with_user(self.manager).write({"gift_budget": 400})
        self.assertEqual(self.chain.gift_budget, 400)
