# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""After the sale: a won sale plans its care visits, the occasion's anniversary and the next piece, which land on
the salesperson's list on their day; the contact rules hold whichever chain a touch comes from.

Tom buys Clara's engagement ring (a diamond, in platinum) on Saturday 6 March 2027; the store is open Tuesday to
Saturday and has turned the touches on."""

TOUCH = "jewellery.aftersale.touch"


class AftersaleScenarios(object):

    def setUp(self):
        super().setUp()
        self.company.sudo().write({"aftersale_enabled": True})

    # ------------------------------------------------------------------------------------ helpers

    def sell(self, lead, won_on="2027-03-06"):
        """The salesperson wins the lead; it was won on ``won_on``, in the store's afternoon."""
        self.as_user(lead, self.salesperson).action_set_won()
        lead.sudo().write({"date_closed": won_on + " 15:00:00"})
        return lead

    def touches(self, lead):
        self.fresh()
        return self.env[TOUCH].sudo().search([("lead_id", "=", lead.id)], order="id")

    def plan_of(self, lead):
        """{kind: (state, due day)} of the lead's touches, the latest of each kind."""
        return {touch.kind: (touch.state, self.iso(touch.date_due)) for touch in self.touches(lead)}

    def touch_activity(self, touch, user):
        """The touch's activity on ``user``'s list, as ``user`` sees it."""
        activities = self.as_user(self.env["mail.activity"], user).search([
            ("res_model", "=", "crm.lead"), ("res_id", "=", touch.lead_id.id), ("user_id", "=", user.id)])
        return activities.filtered(lambda activity: activity.id == touch.activity_id.id)

    # ---------------------------------------------------------------------------------- planning

    def test_a_won_engagement_ring_plans_care_anniversary_and_the_wedding_bands(self):
        lead = self.sell(self.make_lead(occasion_date="2027-03-20", metal="platinum"))
        self.run_cron("2027-03-06")
        self.assertEqual(self.plan_of(lead), {
            # six months on is Monday 6 September, a closed day
            "care": ("planned", "2027-09-07"),
            # three weeks before the first anniversary, Monday 20 March 2028: Tuesday 29 February
            "anniversary": ("planned", "2028-02-29"),
            "next_piece": ("planned", "2027-05-05"),
        })
        self.assertFalse(self.activities(lead))
        touches = {touch.kind: touch for touch in self.touches(lead)}
        self.assertEqual(touches["next_piece"].summary, "Next piece: invite Tom Reyes to choose for the Wedding")
        self.assertEqual(touches["anniversary"].summary, "Tom Reyes: Engagement anniversary on 2028-03-20 (year 1)")
        self.assertEqual(touches["care"].user_id, self.salesperson)
        self.run_cron("2027-03-13")
        self.assertEqual(len(self.touches(lead)), 3, "a lead is planned once")

    def test_a_store_that_has_not_turned_them_on_plans_nothing_until_it_does(self):
        self.company.sudo().write({"aftersale_enabled": False})
        lead = self.sell(self.make_lead())
        self.run_cron("2027-03-06")
        self.assertFalse(self.touches(lead))
        self.company.sudo().write({"aftersale_enabled": True})
        self.run_cron("2027-03-09")
        self.assertEqual(sorted(self.plan_of(lead)), ["care", "next_piece"])

    def test_a_lead_won_over_rpc_or_by_its_stage_is_planned_too(self):
        by_stage = self.make_lead(name="Won by stage")
        self.as_user(by_stage, self.salesperson).write({"stage_id": self.won_stage().id})
        self.run_cron("2027-03-06")
        self.assertIn("care", self.plan_of(by_stage))

    def test_nobody_writes_a_touch_by_hand(self):
        lead = self.sell(self.make_lead())
        self.run_cron("2027-03-06")
        touch = self.touches(lead)[:1]
        for user in (self.salesperson, self.manager):
            with self.assertRaises(self.ACCESS_ERROR):
                self.as_user(touch, user).write({"date_due": "2027-03-09"})
            with self.assertRaises(self.ACCESS_ERROR):
                self.as_user(self.env[TOUCH], user).create({
                    "lead_id": lead.id, "company_id": self.company.id, "kind": "care", "date_due": "2027-03-09"})
            with self.assertRaises(self.ACCESS_ERROR):
                self.as_user(touch, user).unlink()

    def test_a_store_setting_out_of_bounds_is_refused_by_name(self):
        with self.assertRaisesRegex(self.VALIDATION_ERROR, "Quiet Window \\(Days\\) must be between 0 and 90, not 400"):
            self.company.sudo().write({"aftersale_quiet_days": 400})

    # ------------------------------------------------------------------------- on the salesperson's list

    def test_the_next_piece_lands_on_the_list_and_marking_it_done_closes_it(self):
        lead = self.sell(self.make_lead(metal="platinum"))
        self.run_cron("2027-03-06")
        self.run_cron("2027-05-05")
        touch = self.touches(lead).filtered(lambda touch: touch.kind == "next_piece")
        self.assertEqual((touch.state, self.iso(touch.date_scheduled)), ("scheduled", "2027-05-05"))
        activity = self.touch_activity(touch, self.salesperson)
        self.assertEqual(activity.summary, "Next piece: invite Tom Reyes to choose for the Wedding")
        self.assertIn("the 1.2 ct round solitaire in platinum", activity.note)
        activity.action_feedback(feedback="Coming on Saturday with Clara")
        self.fresh()
        self.assertEqual((touch.state, touch.outcome, self.iso(touch.date_done)), ("done", False, "2027-05-05"))
        self.assertEqual(len(self.touches(lead).filtered(lambda touch: touch.kind == "next_piece")), 1,
                         "the next piece is suggested once")

    def test_the_care_visit_comes_back_six_months_after_the_last(self):
        lead = self.sell(self.make_lead(occasion=False, occasion_date=False))
        self.run_cron("2027-03-06")
        self.run_cron("2027-09-07")
        care = self.touches(lead).filtered(lambda touch: touch.kind == "care")
        self.as_user(care, self.salesperson).action_appointment()
        self.fresh()
        self.assertEqual((care.state, care.outcome), ("done", "appointment"))
        self.assertFalse(self.touch_activity(care, self.salesperson))
        self.assertEqual([(touch.state, self.iso(touch.date_due)) for touch in self.touches(lead)],
                         [("done", "2027-09-07"), ("planned", "2028-03-07")])

    def test_a_surprise_stays_a_surprise_on_the_touch(self):
        lead = self.sell(self.make_lead(is_surprise=True, metal="platinum"))
        self.run_cron("2027-03-06")
        self.run_cron("2027-05-05")
        touch = self.touches(lead).filtered(lambda touch: touch.kind == "next_piece")
        self.assertIn("A surprise for Clara: nothing goes to the shared home",
                      self.touch_activity(touch, self.salesperson).note)

    def test_typed_text_is_escaped_on_the_activity(self):
        lead = self.sell(self.make_lead(piece_description="<b>solitaire</b>"))
        self.run_cron("2027-03-06")
        self.run_cron("2027-05-05")
        touch = self.touches(lead).filtered(lambda touch: touch.kind == "next_piece")
        self.assertIn("&lt;b&gt;solitaire&lt;/b&gt;", self.touch_activity(touch, self.salesperson).note)

    # ---------------------------------------------------------------------------- never hounding

    def test_a_touch_inside_the_quiet_window_moves_to_the_first_allowed_day(self):
        self.company.sudo().write({"aftersale_care_months": 1})
        bought = self.sell(self.make_lead(name="Earrings", partner_id=self.customer.id, occasion=False),
                           won_on="2027-02-20")
        self.run_cron("2027-03-06")
        self.assertEqual(self.plan_of(bought), {"care": ("planned", "2027-03-20")})
        browsing = self.make_lead(name="Bracelet", partner_id=self.customer.id)
        self.start(browsing)
        self.answer(browsing, "2027-03-09", "declined")
        self.run_cron("2027-03-20")
        # two weeks after the call of Tuesday 9 March
        self.assertEqual(self.plan_of(bought), {"care": ("planned", "2027-03-23")})
        self.assert_chatter_says(bought, "After-sale touch moved to 2027-03-23")
        self.run_cron("2027-03-23")
        self.assertEqual(self.plan_of(bought), {"care": ("scheduled", "2027-03-23")})

    def test_two_touches_due_the_same_day_come_two_weeks_apart(self):
        self.company.sudo().write({"aftersale_care_months": 2})
        lead = self.sell(self.make_lead(partner_id=self.customer.id, metal="platinum"))
        self.run_cron("2027-03-06")
        # the wedding bands (5 May), then the care visit (6 May): the second waits for the quiet window
        self.run_cron("2027-05-05")
        self.run_cron("2027-05-06")
        self.assertEqual(self.plan_of(lead)["next_piece"], ("scheduled", "2027-05-05"))
        self.assertEqual(self.plan_of(lead)["care"], ("planned", "2027-05-19"))

    def test_no_contact_after_the_sale_is_recorded_and_stops_every_touch(self):
        lead = self.sell(self.make_lead(partner_id=self.customer.id, metal="platinum"))
        self.run_cron("2027-03-06")
        self.run_cron("2027-05-05")
        touch = self.touches(lead).filtered(lambda touch: touch.kind == "next_piece")
        self.set_clock("2027-05-06")
        self.as_user(self.customer, self.salesperson).write({"no_contact_after_sale": True})
        self.fresh()
        customer = self.customer
        self.assertEqual((customer.no_contact_after_sale_user_id, self.iso(customer.no_contact_after_sale_date)),
                         (self.salesperson, "2027-05-06"))
        self.assertEqual(touch.state, "cancelled")
        self.assertFalse(self.touch_activity(touch, self.salesperson))
        self.assert_chatter_says(lead, "Tom Reyes asked not to be contacted after the sale")
        self.assertEqual(set(self.touches(lead).mapped("state")), {"cancelled"}, "the planned care visit too")
        again = self.sell(self.make_lead(name="Bracelet", partner_id=self.customer.id, occasion=False),
                          won_on="2027-05-06")
        self.run_cron("2027-05-06")
        self.run_cron("2027-11-06")
        care = self.touches(again)
        self.assertEqual((care.state, care.cancel_reason),
                         ("cancelled", "Tom Reyes asked not to be contacted after the sale."))
        self.assertFalse(self.activities(again))

    def test_an_opted_out_customer_gets_no_touch(self):
        lead = self.sell(self.make_lead(metal="platinum"))
        self.run_cron("2027-03-06")
        lead.sudo().write({"opt_out": True})
        self.run_cron("2027-05-05")
        touch = self.touches(lead).filtered(lambda touch: touch.kind == "next_piece")
        self.assertEqual((touch.state, touch.cancel_reason),
                         ("cancelled", "Tom Reyes opted out: the store does not contact them."))
        self.assertFalse(self.activities(lead))

    def test_after_three_unanswered_touches_nobody_contacts_the_customer(self):
        self.company.sudo().write({"aftersale_care_months": 1, "aftersale_quiet_days": 0})
        lead = self.sell(self.make_lead(occasion=False, metal="platinum"))
        self.run_cron("2027-03-06")
        for day in ("2027-04-06", "2027-05-06", "2027-06-08"):
            self.run_cron(day)
            care = self.touches(lead).filtered(lambda touch: touch.state == "scheduled")
            self.as_user(care, self.salesperson).action_no_answer()
        self.run_cron("2027-07-08")
        last = self.touches(lead)[-1]
        self.assertEqual((last.state, last.cancel_reason), (
            "cancelled", "Tom Reyes has not answered the last 3 touches: nobody contacts them again until they do."))

    # ------------------------------------------------------------ the quiet window on every chain's start

    def earrings_cared_for(self):
        """Tom bought earrings on 20 February (a care visit every month): on Saturday 20 March their care visit
        was on his salesperson's list."""
        self.company.sudo().write({"aftersale_care_months": 1})
        bought = self.sell(self.make_lead(name="Earrings", partner_id=self.customer.id, occasion=False),
                           won_on="2027-02-20")
        self.run_cron("2027-03-06")
        self.run_cron("2027-03-20")
        self.assertEqual(self.plan_of(bought), {"care": ("scheduled", "2027-03-20")})
        return bought

    def test_a_second_chance_after_an_after_sale_touch_waits_for_the_quiet_window(self):
        self.earrings_cared_for()
        browsing = self.make_lead(name="Bracelet", partner_id=self.customer.id)
        [call] = self.start(browsing, "2027-03-23")
        # the call would be Wednesday 24 March; two weeks after the care visit is Saturday 3 April
        self.assertEqual(self.iso(call.date_scheduled), "2027-04-03")
        self.assert_chatter_says(browsing, "Follow-up touch due on 2027-04-03 rather than 2027-03-24: the customer "
                                           "had a touch on 2027-03-20")

    def test_an_imported_lead_with_the_customers_e_mail_waits_too(self):
        self.earrings_cared_for()
        self.set_clock("2027-03-23")
        [result] = self.as_user(self.env["jewellery.followup.import"], self.salesperson).import_batch([
            {"line": 2, "external_id": "till-7", "values": {
                "name": "Bracelet", "contact_name": "Tom Reyes", "email_from": "Tom.Reyes@Example.com"}}],
            start_followup=True)
        self.assertEqual(result["followup"], "started")
        [call] = self.env["jewellery.followup.attempt"].sudo().search([("lead_id", "=", result["id"])])
        self.assertEqual(self.iso(call.date_scheduled), "2027-04-03")

    def test_two_leads_of_one_customer_started_together_come_two_weeks_apart(self):
        leads = self.make_lead(name="Bracelet", partner_id=self.customer.id) | self.make_lead(
            name="Watch", partner_id=self.customer.id)
        self.set_clock("2027-03-06")
        wizard = self.as_user(self.env["jewellery.followup.start"], self.manager).with_context(
            active_model="crm.lead", active_ids=leads.ids).create({})
        wizard.action_confirm()
        calls = self.env["jewellery.followup.attempt"].sudo().search([("lead_id", "in", leads.ids)])
        # the first call on Tuesday 9 March (the store is closed on Sunday and Monday), the second two weeks on
        self.assertEqual(sorted(self.iso(call.date_scheduled) for call in calls), ["2027-03-09", "2027-03-23"])

    def test_a_customer_who_left_three_touches_unanswered_gets_no_second_chance(self):
        self.company.sudo().write({"aftersale_care_months": 1, "aftersale_quiet_days": 0})
        self.sell(self.make_lead(name="Earrings", partner_id=self.customer.id, occasion=False))
        self.run_cron("2027-03-06")
        for day in ("2027-04-06", "2027-05-06", "2027-06-08"):
            self.run_cron(day)
            care = self.env[TOUCH].sudo().search([("partner_id", "=", self.customer.id), ("state", "=", "scheduled")])
            self.as_user(care, self.salesperson).action_no_answer()
        browsing = self.make_lead(name="Bracelet", partner_id=self.customer.id)
        self.set_clock("2027-06-09")
        with self.assertRaisesRegex(self.USER_ERROR, "Tom Reyes has not answered the last 3 touches"):
            self.as_user(browsing, self.salesperson).action_start_followup()
        self.fresh()
        self.assertEqual(browsing.followup_state, "none")

    def test_merging_two_won_sales_keeps_their_touches_and_invites_once(self):
        earrings = self.sell(self.make_lead(name="Earrings", partner_id=self.customer.id, occasion=False),
                             won_on="2027-03-02")
        ring = self.sell(self.make_lead(name="Ring", partner_id=self.customer.id, occasion=False))
        self.run_cron("2027-03-06")
        # the earrings' care visit (Thursday 2 September) is on the list, the ring's (7 September) planned
        self.run_cron("2027-09-02")
        [scheduled] = self.touches(earrings)
        self.set_clock("2027-09-03")
        head = self.as_user(earrings | ring, self.manager).merge_opportunity()
        self.assertFalse(self.env["crm.lead"].sudo().search(
            [("id", "in", (earrings | ring).ids), ("id", "!=", head.id)]), "Odoo deleted the other sale")
        touches = self.touches(head)
        self.assertEqual(len(touches), 2, "the deleted lead's touches are on the one kept")
        self.assertEqual((scheduled.state, scheduled.lead_id), ("scheduled", head))
        self.assertEqual(self.touch_activity(scheduled, self.salesperson).res_id, head.id)
        cancelled = touches - scheduled
        self.assertEqual((cancelled.state, self.iso(cancelled.date_due), cancelled.cancel_reason), (
            "cancelled", "2027-09-07",
            "the sales were merged into %s, which keeps its earliest touch of this kind" % head.name))
        self.run_cron("2027-09-07")
        self.assertEqual(len(self.touches(head)), 2, "the merged sale is not planned again")
        self.assertEqual(len(self.activities(head)), 1)

    def test_a_bad_outcome_over_rpc_is_refused_with_the_choices(self):
        lead = self.sell(self.make_lead(metal="platinum"))
        self.run_cron("2027-03-06")
        self.run_cron("2027-05-05")
        touch = self.touches(lead).filtered(lambda touch: touch.kind == "next_piece")
        activity = self.touch_activity(touch, self.salesperson)
        with self.assertRaisesRegex(self.USER_ERROR, "\"maybe\" is not an answer to an after-sale touch"):
            activity.with_context(jewellery_followup_outcome="maybe").action_feedback()
        self.fresh()
        self.assertEqual(touch.state, "scheduled")
