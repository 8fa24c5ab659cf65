# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The store's own after-sale rules, set on its company: which pieces are invited for care (a stone, a metal or a
category, the lead's tag), and which next piece to suggest after a purchase. Sales won on Saturday 6 March 2027;
the store is open Tuesday to Saturday."""

TOUCH = "jewellery.aftersale.touch"
RULE = "jewellery.aftersale.rule"


class AftersaleRulesScenarios(object):

    def setUp(self):
        super().setUp()
        self.company.sudo().write({"aftersale_enabled": True})

    def rule(self, **values):
        return self.as_user(self.env[RULE], self.manager).create(dict(values, company_id=self.company.id))

    def planned(self, **values):
        lead = self.make_lead(**dict({"occasion": False}, **values))
        self.as_user(lead, self.salesperson).action_set_won()
        lead.sudo().write({"date_closed": "2027-03-06 15:00:00"})
        self.run_cron("2027-03-06")
        self.fresh()
        return {touch.kind: (self.iso(touch.date_due), touch.summary)
                for touch in self.env[TOUCH].sudo().search([("lead_id", "=", lead.id)])}

    def test_the_stores_care_rules_decide_which_pieces_come_back_for_care(self):
        self.rule(kind="care", metal="gold_yellow")
        self.rule(kind="care", category="Watches")
        tag_model = self.env["crm.lead"]._fields["tag_ids"].comodel_name
        watches = self.env[tag_model].create({"name": "watches"})
        # a diamond in platinum was enough by default: no longer, the store chose
        self.assertNotIn("care", self.planned(name="Solitaire", stone_type="diamond", metal="platinum"))
        self.assertIn("care", self.planned(name="Bangle", stone_type=False, metal="gold_yellow"))
        self.assertIn("care", self.planned(name="Dress watch", stone_type=False, metal=False,
                                           tag_ids=[(6, 0, watches.ids)]))

    def test_the_stores_next_piece_rule_adds_its_suggestion(self):
        self.rule(kind="next_piece", after_occasion="birthday", suggest_occasion="anniversary", days_after=30)
        plan = self.planned(occasion="birthday", occasion_date=False)
        # thirty days after Saturday 6 March: Monday 5 April, a closed day
        self.assertEqual(plan["next_piece"], ("2027-04-06", "Next piece: invite Tom Reyes to choose for the "
                                                            "Anniversary"))

    def test_a_rule_that_says_too_little_is_refused_and_salespeople_read_only(self):
        with self.assertRaisesRegex(self.VALIDATION_ERROR, "A care rule names a stone, a metal or a category"):
            self.rule(kind="care")
        with self.assertRaisesRegex(self.VALIDATION_ERROR, "Days After must be between 0 and 730, not 1000"):
            self.rule(kind="next_piece", after_occasion="birthday", suggest_occasion="wedding", days_after=1000)
        with self.assertRaises(self.ACCESS_ERROR):
            self.as_user(self.env[RULE], self.salesperson).create({"kind": "care", "metal": "silver",
                                                                   "company_id": self.company.id})

    def test_managers_keep_the_rules_in_crms_configuration(self):
        menu = self.env.ref("jewellery_followup.jewellery_aftersale_rule_menu")
        self.assertEqual(menu.action.res_model, RULE)
        self.assertIn(menu.id, self.web_client_menus(self.manager)[menu.parent_id.id])
        self.assertNotIn(menu.id, self.web_client_menus(self.own).get(menu.parent_id.id, []))
