# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who makes the touches: each lead's salesperson, one named person, or a sales team whose open work evens out;
the chain's own default; the start wizard listing the leads that could not start; a manager moving a person's
open touches; and the limits: only a manager gives or moves work to someone else, and another company's user
touches nothing of ours. (How a team's work is spread is plain Python: core/tests/test_course.py.)"""
from jewellery_followup_core.odoo_store import through_engine
from jewellery_followup_core.scenarios import VISIT_DAY


class AssignScenarios(object):
    """Nora (all leads), Olga and Paul (own documents) form the counter team; Nora was created first, so she has
    the lowest id and wins the ties."""

    @classmethod
    def setUpClass(cls):
        super(AssignScenarios, cls).setUpClass()
        cls.team = cls.env["crm.team"].create({
            "name": "Counter team", "member_ids": [(6, 0, (cls.all_leads | cls.own | cls.peer).ids)]})

    def open_load(self, user):
        self.fresh()
        return self.env["jewellery.followup.attempt"].sudo().search_count(
            [("user_id", "=", user.id), ("state", "=", "scheduled")])

    def start_wizard(self, user, leads, **values):
        self.set_clock(VISIT_DAY)
        wizard = self.as_user(self.env["jewellery.followup.start"], user).with_context(
            active_model="crm.lead", active_ids=leads.ids).create(values)
        wizard.action_confirm()
        return wizard

    def rebalance_wizard(self, user, **values):
        return self.as_user(self.env["jewellery.followup.rebalance"], user).create(values)

    def leads_started_by(self, user, count, owner):
        leads = self.env["crm.lead"]
        for index in range(count):
            leads |= self.lead_of(owner, name="Ring %s of %s" % (index, owner.name))
        self.set_clock(VISIT_DAY)
        self.as_user(self.env["jewellery.followup.engine"], user)._start(leads)
        return leads

    # ------------------------------------------------------------------------------- who makes the touches

    def test_a_team_of_three_with_loads_2_0_1_takes_five_leads_and_ends_at_3_3_2(self):
        self.leads_started_by(self.manager, 2, self.all_leads)
        self.leads_started_by(self.manager, 1, self.peer)
        self.assertEqual([self.open_load(user) for user in (self.all_leads, self.own, self.peer)], [2, 0, 1])
        leads = self.env["crm.lead"]
        for index in range(5):
            leads |= self.lead_of(self.manager, name="Walk-in %s" % index)
        wizard = self.start_wizard(self.manager, leads, assign_mode="team", assign_team_id=self.team.id)
        self.assertEqual((wizard.started_count, wizard.refused_count, wizard.result), (5, 0, False))
        # by hand: Olga 0->1, Olga/Paul tie at 1 -> Olga 2, Paul 1->2, all at 2 -> Nora 3, then Olga 3
        self.assertEqual([self.open_load(user) for user in (self.all_leads, self.own, self.peer)], [3, 3, 2])
        for lead in leads:
            attempt = self.open_attempts(lead)
            self.assertEqual(attempt.activity_id.user_id, attempt.user_id,
                             "the activity is on the same person's list as the attempt")
            self.assertEqual(lead.user_id, self.manager, "the lead keeps its salesperson")

    def test_a_manager_gives_the_touches_to_one_named_person(self):
        leads = self.lead_of(self.own) | self.lead_of(self.own, name="Pearls")
        self.start_wizard(self.manager, leads, assign_mode="user", assign_user_id=self.peer.id)
        for lead in leads:
            attempt = self.open_attempts(lead)
            self.assertEqual((attempt.user_id, attempt.activity_id.user_id), (self.peer, self.peer))

    def test_the_person_given_a_colleague_s_customer_works_the_touch_from_the_board(self):
        """Paul sees only his own leads; the manager gives him the call to Olga's customer."""
        lead = self.lead_of(self.own, name="Sapphire pendant")
        hidden = self.lead_of(self.own, name="Not Paul's")
        self.start_wizard(self.manager, lead, assign_mode="user", assign_user_id=self.peer.id)
        self.set_clock("2027-03-09")
        board = self.as_user(self.env["jewellery.followup.attempt"], self.peer)
        [card] = board.search_read([("lead_id", "=", lead.id)], ["customer_name", "occasion_days_left", "lead_id"])
        self.assertEqual((card["customer_name"], card["lead_id"][1]), ("Tom Reyes", "Sapphire pendant"))
        self.assertEqual(self.as_user(lead, self.peer).read(["contact_name"])[0]["contact_name"], "Tom Reyes")
        self.as_user(lead, self.peer).write({"ring_size": "UK N"})  # what he learnt on the call
        self.as_user(board.browse(card["id"]), self.peer).action_record_outcome("no_answer")
        self.fresh()
        self.assertEqual((lead.followup_contact_count, lead.ring_size), (1, "UK N"))
        self.assertEqual(board.search([("lead_id", "=", lead.id), ("state", "=", "done")]).user_id, self.peer,
                         "the call he made stays on his board")
        # the customer stays Olga's: Paul neither deletes the lead nor sees her other customers
        with self.assertRaises(self.ACCESS_ERROR):
            self.as_user(lead, self.peer).unlink()
        with self.assertRaises(self.ACCESS_ERROR):
            self.as_user(hidden, self.peer).read(["name"])
        self.assertNotIn(hidden, self.as_user(self.env["crm.lead"], self.peer).search([]))

    def test_a_chain_can_say_who_makes_its_touches_when_nobody_chooses(self):
        self.as_user(self.chain, self.manager).write({"assign_policy": "user", "assign_user_id": self.peer.id})
        lead = self.lead_of(self.own)
        self.on(VISIT_DAY, lead).action_start_followup()  # Olga, a salesperson: the manager chose the default
        self.assertEqual(self.open_attempts(lead).user_id, self.peer)
        # the wizard's "each lead's salesperson" overrides the chain's default
        other = self.lead_of(self.own, name="Bracelet")
        self.start_wizard(self.own, other, assign_mode="salesperson")
        self.assertEqual(self.open_attempts(other).user_id, self.own)

    def test_only_managers_set_a_chain_s_default(self):
        with self.assertRaises(self.ACCESS_ERROR):
            self.as_user(self.chain, self.own).write({"assign_policy": "team", "assign_team_id": self.team.id})

    # ------------------------------------------------------------------------------- the start wizard's report

    def test_the_leads_that_cannot_start_are_listed_with_their_reason_and_the_others_start(self):
        good = self.lead_of(self.own, name="Good")
        limit = self.lead_of(self.own, name="Thrice")
        through_engine(limit.sudo()).write({"followup_contact_count": 3})
        opted = self.lead_of(self.own, name="Opted", opt_out=True)
        unreachable = self.lead_of(self.own, name="Nowhere", email_from=False, street=False)
        running = self.lead_of(self.own, name="Running")
        self.on(VISIT_DAY, running).action_start_followup()
        colleague = self.lead_of(self.peer, name="Paul's")
        leads = good | limit | opted | unreachable | running | colleague
        wizard = self.start_wizard(self.own, leads)
        self.assertEqual((wizard.state, wizard.started_count, wizard.refused_count), ("done", 1, 5))
        self.assertEqual(len(wizard.result.splitlines()), 5)
        self.assertIn('"Thrice" already had 3 follow-up contacts', wizard.result)
        self.assertIn('"Opted" opted out', wizard.result)
        self.assertIn('"Nowhere" has no phone, e-mail or address', wizard.result)
        self.assertIn('"Running" is already following its chain', wizard.result)
        self.assertIn("Lead %s: you have no rights to change it." % colleague.id, wizard.result)
        self.assertNotIn("Paul's", wizard.result, "a lead the user may not see is not named")
        self.assertEqual(self.open_attempts(good).user_id, self.own)
        self.assertFalse(self.open_attempts(colleague))

    # ------------------------------------------------------------------------ only managers give or move work

    def test_a_salesperson_cannot_give_the_touches_to_someone_else(self):
        lead = self.lead_of(self.own)
        for values in ({"assign_mode": "user", "assign_user_id": self.peer.id},
                       {"assign_mode": "team", "assign_team_id": self.team.id}):
            for user in (self.own, self.all_leads):
                with self.assertRaisesRegex(self.ACCESS_ERROR, "Only a sales manager may give"):
                    self.start_wizard(user, lead, **values)
        self.assertFalse(self.attempts_of(lead))
        # naming themselves for their own lead is no assignment to someone else
        self.start_wizard(self.own, lead, assign_mode="user", assign_user_id=self.own.id)
        self.assertEqual(self.open_attempts(lead).user_id, self.own)

    def test_a_salesperson_cannot_move_work(self):
        self.leads_started_by(self.own, 1, self.own)
        for user in (self.own, self.all_leads):
            wizard = self.rebalance_wizard(user, from_user_id=self.own.id, assign_mode="user",
                                           assign_user_id=self.peer.id)
            with self.assertRaisesRegex(self.ACCESS_ERROR, "Only a sales manager may move"):
                wizard.action_confirm()
            with self.assertRaisesRegex(self.ACCESS_ERROR, "Only a sales manager may move"):
                self.as_user(self.env["jewellery.followup.engine"], user)._rebalance(
                    self.as_user(self.env["jewellery.followup.attempt"], user).search([]), self.peer)
        self.assertEqual(self.open_load(self.own), 1)

    def test_a_manager_moves_a_person_s_touches_with_their_activities(self):
        self.peer.name = "Paul <b>Peer</b>"
        leads = self.leads_started_by(self.own, 2, self.own)
        kept = self.leads_started_by(self.peer, 1, self.peer)
        self.rebalance_wizard(self.manager, from_user_id=self.own.id, assign_mode="user",
                              assign_user_id=self.peer.id).action_confirm()
        for lead in leads:
            attempt = self.open_attempts(lead)
            self.assertEqual((attempt.user_id, attempt.activity_id.user_id), (self.peer, self.peer))
            self.assert_chatter_says(
                lead, "Follow-up attempt 1 (%s) moved from Olga Owndocs to Paul &lt;b&gt;Peer&lt;/b&gt; by "
                      "Maud Manager." % attempt.summary)
        self.assertEqual((self.open_load(self.own), self.open_load(self.peer)), (0, 3))
        self.assertEqual(self.open_attempts(kept).user_id, self.peer)

    def test_a_manager_spreads_the_selected_attempts_over_a_team(self):
        leads = self.leads_started_by(self.own, 4, self.own)
        attempts = self.as_user(self.env["jewellery.followup.attempt"], self.manager).search(
            [("lead_id", "in", leads.ids)])
        wizard = self.as_user(self.env["jewellery.followup.rebalance"], self.manager).with_context(
            active_model="jewellery.followup.attempt", active_ids=attempts.ids).create(
                {"assign_mode": "team", "assign_team_id": self.team.id})
        wizard.action_confirm()
        # the four being moved do not count: 0/0/0 -> Nora, Olga, Paul, Nora
        self.assertEqual([self.open_load(user) for user in (self.all_leads, self.own, self.peer)], [2, 1, 1])
        for attempt in attempts:
            self.assertEqual(attempt.activity_id.user_id, attempt.user_id)

    # -------------------------------------------------------------------------------------- another company

    def test_another_company_s_user_cannot_start_or_move_our_work(self):
        lead = self.lead_of(self.own)
        wizard = self.start_wizard(self.stranger, lead)
        self.assertEqual((wizard.started_count, wizard.refused_count), (0, 1))
        self.assertIn("you have no rights", wizard.result)
        self.assertFalse(self.attempts_of(lead))
        self.leads_started_by(self.own, 1, self.own)
        wizard = self.rebalance_wizard(self.stranger, from_user_id=self.own.id, assign_mode="user",
                                       assign_user_id=self.stranger.id)
        with self.assertRaises(self.ACCESS_ERROR):
            wizard.action_confirm()
        self.assertEqual(self.open_load(self.own), 1)

    def test_our_touches_never_go_to_another_company_s_user(self):
        lead = self.lead_of(self.own)
        with self.assertRaisesRegex(self.USER_ERROR, "does not work for"):
            self.start_wizard(self.manager, lead, assign_mode="user", assign_user_id=self.stranger.id)
        self.assertFalse(self.attempts_of(lead))
        self.leads_started_by(self.own, 1, self.own)
        wizard = self.rebalance_wizard(self.manager, from_user_id=self.own.id, assign_mode="user",
                                       assign_user_id=self.stranger.id)
        with self.assertRaisesRegex(self.USER_ERROR, "does not work for"):
            wizard.action_confirm()
        self.assertEqual(self.open_load(self.own), 1)
