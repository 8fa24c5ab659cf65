# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo database looks like a jewellery store: what a manager sees after installing with demo data.

The figures are worked out from the demo's stories (``models/jewellery_followup_demo.py``): fifty customers, ten
stories cycled over them (each story five times), played through the real follow-up over four weeks. Harriet, the
counter's manager, reads them."""
import datetime

STORE_USERS = ("demo_user_harriet", "demo_user_marcus", "demo_user_priya", "demo_user_tomasz")


def day_of(iso):
    return datetime.datetime.strptime(iso, "%Y-%m-%d").date()


class DemoStoreScenarios(object):

    def setUp(self):
        super(DemoStoreScenarios, self).setUp()
        self.harriet = self.env.ref("jewellery_followup.demo_user_harriet")
        self.users = self.env["res.users"].browse(
            [self.env.ref("jewellery_followup.%s" % xmlid).id for xmlid in STORE_USERS])
        self.team = self.env.ref("jewellery_followup.demo_team_counter")
        # the chains that ran out are lost leads, archived as Odoo archives a lost lead; the customers who bought
        # before the play have no second-chance chain
        self.leads = self.as_harriet("crm.lead").with_context(active_test=False).search(
            [("team_id", "=", self.team.id), ("user_id", "in", self.users.ids), ("followup_state", "!=", "none")])

    def as_harriet(self, model):
        return self.as_user(self.env[model], self.harriet)

    def test_a_counter_team_of_four_with_fifty_customers(self):
        self.assertEqual(self.team.member_ids, self.users)
        self.assertEqual(self.team.user_id, self.harriet)
        self.assertEqual(len(self.leads), 50)
        # the customers are shared out in turn: 13, 13, 12, 12
        counts = sorted(len(self.leads.filtered(lambda lead, u=user: lead.user_id == u)) for user in self.users)
        self.assertEqual(counts, [12, 12, 13, 13])
        self.assertTrue(all(self.leads.mapped("occasion")))

    def test_every_state_of_a_chain_is_there(self):
        results = self.as_harriet("jewellery.followup.result").search([("lead_id", "in", self.leads.ids)])
        by_result = {}
        for row in results:
            by_result[row.result] = by_result.get(row.result, 0) + 1
        # running: call waiting, call overdue, note waiting, gift waiting (4 stories x 5); stopped: opted out
        self.assertEqual(by_result, {"running": 20, "appointment": 5, "purchased": 5, "came_back": 5,
                                     "declined": 5, "exhausted": 5, "stopped": 5})
        self.assertEqual(len(self.leads.filtered("opt_out")), 5)
        steps = {row.result: row.response_step for row in results if row.result != "running"}
        self.assertEqual((steps["appointment"], steps["purchased"], steps["came_back"]), ("1", "2", "2"))

    def test_touches_spread_over_the_last_four_weeks(self):
        attempts = self.as_harriet("jewellery.followup.attempt").search([("lead_id", "in", self.leads.ids)])
        days = sorted(set(day_of(self.iso(day)) for day in attempts.mapped("date_scheduled")))
        self.assertGreaterEqual((days[-1] - days[0]).days, 24)
        self.assertEqual(set(attempts.mapped("kind")), {"call", "note", "gift"})
        self.assertTrue(attempts.filtered(lambda attempt: attempt.state == "scheduled"))
        self.assertLessEqual(max(self.leads.mapped("followup_contact_count")), 3)

    def test_the_money_shows_on_the_results(self):
        won = self.leads.filtered(lambda lead: lead.probability == 100)
        # won after the note: customers 6, 16, 26, 36, 46 (a ruby ring, a wedding band, a sapphire pendant,
        # a ruby ring, a wedding band)
        self.assertEqual(sorted(won.mapped(self.EXPECTED_REVENUE)), [890.0, 890.0, 1950.0, 1950.0, 2400.0])
        [total] = self.as_harriet("jewellery.followup.result").read_group(
            [("lead_id", "in", self.leads.ids)], ["revenue", "gift_value"], [])
        self.assertEqual(total["revenue"], 8080.0)
        gifts = self.as_harriet("jewellery.followup.attempt").search(
            [("lead_id", "in", self.leads.ids), ("kind", "=", "gift")])
        # gift waiting and exhausted: 10 gifts, each with what it cost
        self.assertEqual(len(gifts), 10)
        self.assertTrue(all(gift.gift_value in (12.5, 18.0, 35.0) for gift in gifts))
        self.assertEqual(total["gift_value"], sum(gifts.mapped("gift_value")))
        months = self.as_harriet("jewellery.followup.gift.month").search(
            [("chain_id", "=", self.env.ref("jewellery_followup.chain_second_chance").id)])
        self.assertEqual(set(months.mapped("gift_budget")), {150.0})
        self.assertEqual(sum(months.mapped("gift_spend")), total["gift_value"])

    def test_after_the_sale_the_touches_wait_on_the_salespeoples_lists(self):
        touches = self.as_harriet("jewellery.aftersale.touch").search([("lead_id.team_id", "=", self.team.id)])
        waiting = touches.filtered(lambda touch: touch.state == "scheduled")
        # two customers per story: a care visit, a wedding anniversary, wedding bands after the engagement ring (one
        # couple said yes to theirs and bought the bands)
        self.assertEqual(sorted(waiting.mapped("kind")), ["anniversary", "anniversary", "care", "care", "next_piece"])
        today = self.env["jewellery.followup.engine"]._today(waiting[0].lead_id)
        for touch in waiting:
            self.assertEqual(touch.activity_id.user_id, touch.user_id)
            self.assertIn(touch.user_id, self.users)
            self.assertEqual(touch.activity_id.res_id, touch.lead_id.id)
            self.assertLessEqual(self.iso(touch.activity_id.date_deadline), today.isoformat())
            self.assertIn(touch.lead_id.piece_description, touch.activity_id.note)
        # the customers who asked for no contact after the sale: their care visit cancelled, the reason kept
        refused = touches.filtered(lambda touch: touch.partner_id.no_contact_after_sale)
        self.assertEqual(len(refused), 2)
        self.assertEqual(set(refused.mapped("state")), {"cancelled"})
        self.assertTrue(all("asked not to be contacted after the sale" in touch.cancel_reason for touch in refused))
        # the second-chance customers who bought get their touches planned, none due yet
        won = self.leads.filtered(lambda lead: lead.probability == 100)
        self.assertEqual(set(touches.filtered(lambda touch: touch.lead_id in won).mapped("state")), {"planned"})

    def test_the_wedding_bands_bought_after_their_touch_show_it_paid(self):
        self.flush()
        paid = self.as_harriet("jewellery.aftersale.result").search([("sales_count", ">", 0)])
        self.assertEqual([(row.kind, row.sales_count, row.revenue) for row in paid], [("next_piece", 1, 2350.0)])
        touch = paid.touch_id
        self.assertEqual((touch.state, touch.outcome), ("done", "appointment"))
        self.assertEqual(touch.visit_event_id.partner_ids & touch.partner_id, touch.partner_id)

    def test_crms_generic_demo_leads_are_archived(self):
        data = self.env["ir.model.data"].search([("module", "=", "crm"), ("model", "=", "crm.lead")])
        self.assertTrue(data)
        self.assertFalse(self.env["crm.lead"].search([("id", "in", data.mapped("res_id"))]))
