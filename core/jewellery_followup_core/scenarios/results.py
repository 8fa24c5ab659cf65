# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Follow-up Results: does it pay? Eight chains started in March 2027 through the real follow-up (start, the
customers' answers, the hourly job), read back from the report as a manager, a salesperson, on paper and on the
manager's dashboard.

The figures are worked out by hand from the story below, not by the report's code:

    lead        salesperson  expected revenue  what happened                              result
    Anna        Olga         5,000             the call: appointment booked               appointment, step 1
    Ben         Olga         3,000             the call: purchased (the lead is won)      purchased, step 1
    Carla       Nora         2,000             call unanswered, the note: came back       came_back, step 2
    Dan         Nora         1,500             the call: declined                         declined, step 1
    Eva         Olga         2,500             call, note, gift (120) unanswered          exhausted (lost)
    Finn        Nora         4,000             call, note unanswered, the gift (80): bought  purchased, step 3
    Greta       Paul         1,000             the call is still waiting                  running
    Hugo        Nora           900             stopped by hand before the call            stopped
"""
import re

import lxml.html
from lxml import etree

MARCH = ("2027-03-01", "2027-03-31")
SUMMARY_REPORT = "jewellery_followup.jewellery_followup_result_summary_report"
DASHBOARD_ACTION = "jewellery_followup.jewellery_followup_dashboard_action"
DASHBOARD_MENU = "jewellery_followup.jewellery_followup_dashboard_menu"
STORY = [
    ("Anna", "olga", "engagement", 5000.0),
    ("Ben", "olga", "wedding", 3000.0),
    ("Carla", "nora", "anniversary", 2000.0),
    ("Dan", "nora", "birthday", 1500.0),
    ("Eva", "olga", "engagement", 2500.0),
    ("Finn", "nora", "wedding", 4000.0),
    ("Greta", "paul", "holiday", 1000.0),
    ("Hugo", "nora", "birthday", 900.0),
]


class ResultsScenarios(object):
    """Olga (own documents only), Nora ("all leads") and Paul (own documents only) follow up the month's visits;
    Maud, the manager, reads the results."""

    def setUp(self):
        super(ResultsScenarios, self).setUp()
        self.chain.gift_budget = 500.0
        people = {"olga": self.own, "nora": self.all_leads, "paul": self.peer}
        self.leads = {}
        for name, who, occasion, revenue in STORY:
            lead = self.make_lead(name="Visit of %s" % name, contact_name=name, user_id=people[who].id,
                                  occasion=occasion, **{self.EXPECTED_REVENUE: revenue})
            self.start(lead)
            self.leads[name] = lead
        lead = self.leads
        self.on("2027-03-06", lead["Hugo"]).action_stop_followup()
        # Tuesday 9 March: the calls.
        self.answer(lead["Anna"], "2027-03-09", "appointment")
        self.answer(lead["Ben"], "2027-03-09", "purchased")
        self.answer(lead["Dan"], "2027-03-09", "declined")
        for name in ("Carla", "Eva", "Finn"):
            self.answer(lead[name], "2027-03-09")
        # Thursday 11 March: the notes.
        self.run_cron("2027-03-11")
        self.answer(lead["Carla"], "2027-03-11", "came_back")
        for name in ("Eva", "Finn"):
            self.answer(lead[name], "2027-03-11")
        # Thursday 18 March: the gifts, their cost written by each salesperson.
        self.run_cron("2027-03-18")
        self.as_user(self.scheduled(lead["Eva"]), self.own).write({"gift_value": 120.0})
        self.as_user(self.scheduled(lead["Finn"]), self.all_leads).write({"gift_value": 80.0})
        self.answer(lead["Eva"], "2027-03-18")
        self.answer(lead["Finn"], "2027-03-18", "purchased")
        self.fresh()

    def lead_ids(self):
        return [lead.id for lead in self.leads.values()]

    def model_as(self, model, user):
        return self.as_user(self.env[model], user)

    def results(self, user):
        return self.model_as("jewellery.followup.result", user).search([("lead_id", "in", self.lead_ids())])

    def test_one_row_per_chain_with_how_it_ended(self):
        rows = {row.lead_id.contact_name: row for row in self.results(self.manager)}
        self.assertEqual(len(rows), 8)
        ended = {name: (row.result, row.response_step, row.converted) for name, row in rows.items()}
        self.assertEqual(ended, {
            "Anna": ("appointment", "1", True),
            "Ben": ("purchased", "1", True),
            "Carla": ("came_back", "2", True),
            "Dan": ("declined", "1", False),
            "Eva": ("exhausted", False, False),
            "Finn": ("purchased", "3", True),
            "Greta": ("running", False, False),
            "Hugo": ("stopped", False, False),
        })
        # Each chain starts on its call's day: Tuesday 9 March, the first open day after Saturday's visit.
        self.assertEqual(self.iso(rows["Anna"].date_start), "2027-03-09")
        self.assertEqual(rows["Finn"].gift_value, 80.0)
        self.assertEqual(rows["Finn"].revenue, 4000.0)
        # Anna booked a showing but the lead is not won: no revenue yet.
        self.assertEqual(rows["Anna"].revenue, 0.0)
        self.assertEqual(rows["Eva"].user_id, self.own)
        self.assertEqual(rows["Eva"].occasion, "engagement")
        self.assertEqual(rows["Eva"].chain_id, self.chain)

    def test_pivot_measures_for_a_manager(self):
        Result = self.model_as("jewellery.followup.result", self.manager)
        ids = self.lead_ids()
        measures = ["nbr", "converted_count", "gift_value", "revenue"]
        [total] = Result.read_group([("lead_id", "in", ids)], measures, [])
        # 8 chains; converted: Anna, Ben, Carla, Finn = 4; gifts 120 + 80 = 200; won: Ben 3,000 + Finn 4,000.
        self.assertEqual((total["nbr"], total["converted_count"], total["gift_value"], total["revenue"]),
                         (8, 4, 200.0, 7000.0))
        groups = Result.read_group([("lead_id", "in", ids)], measures + ["response_step"], ["response_step"])
        by_step = {group["response_step"]: (group["nbr"], group["converted_count"]) for group in groups}
        # step 1: Anna, Ben (converted) and Dan (declined); step 2: Carla; step 3: Finn; no answer: the other 3.
        self.assertEqual(by_step, {"1": (3, 2), "2": (1, 1), "3": (1, 1), False: (3, 0)})
        by_user = {group["user_id"][0]: (group["nbr"], group["converted_count"], group["gift_value"],
                                         group["revenue"])
                   for group in Result.read_group([("lead_id", "in", ids)], measures + ["user_id"], ["user_id"])}
        self.assertEqual(by_user, {
            self.own.id: (3, 2, 120.0, 3000.0),        # Anna, Ben, Eva; Eva's gift; Ben won
            self.all_leads.id: (4, 2, 80.0, 4000.0),   # Carla, Dan, Finn, Hugo; Finn's gift; Finn won
            self.peer.id: (1, 0, 0.0, 0.0),            # Greta, still running
        })
        converted = Result.search([("lead_id", "in", ids), ("converted", "=", True)])
        self.assertEqual(len(converted), 4)

    def test_a_salesperson_sees_only_their_own_chains(self):
        mine = self.results(self.own)
        self.assertEqual(sorted(mine.mapped("lead_id.contact_name")), ["Anna", "Ben", "Eva"])
        everything = self.model_as("jewellery.followup.result", self.own).search([])
        self.assertFalse(everything.filtered(lambda row: row.user_id not in (self.own | self.env["res.users"])))
        self.assertEqual(len(self.results(self.peer)), 1)

    def test_monthly_summary(self):
        Result = self.model_as("jewellery.followup.result", self.manager)
        summary = Result._monthly_summary(*MARCH, company=self.company)
        self.assertEqual(summary["chains"], 8)
        # converted after the call: Anna, Ben = 2 of 8 = 25.0 %; after the note: Carla = 1 of 8 = 12.5 %;
        # after the gift: Finn = 1 of 8 = 12.5 %; in all 4 of 8 = 50.0 %.
        self.assertEqual([(step["step"], step["converted"], step["share"]) for step in summary["steps"]],
                         [(1, 2, 25.0), (2, 1, 12.5), (3, 1, 12.5)])
        self.assertEqual((summary["converted"], summary["converted_share"]), (4, 50.0))
        # declined: Dan, 1 of 8 = 12.5 %; no response: Eva, 1 of 8 = 12.5 %
        self.assertEqual((summary["declined"], summary["declined_share"]), (1, 12.5))
        self.assertEqual((summary["exhausted"], summary["exhausted_share"]), (1, 12.5))
        self.assertEqual((summary["running"], summary["stopped"]), (1, 1))
        # revenue 3,000 + 4,000; gifts 120 + 80 = 200 of a 500 budget, 300 left; 200 / 4 converted = 50 each.
        self.assertEqual(summary["revenue"], 7000.0)
        self.assertEqual((summary["gift_spent"], summary["gift_budget"], summary["gift_budget_left"]),
                         (200.0, 500.0, 300.0))
        self.assertEqual(summary["cost_per_won"], 50.0)
        # Olga 2 of 3 = 66.7 %, Nora 2 of 4 = 50.0 %, Paul 0 of 1.
        lines = {line["name"]: (line["chains"], line["converted"], line["share"], line["gift_spent"],
                                line["revenue"]) for line in summary["salespeople"]}
        self.assertEqual(lines, {
            "Olga Owndocs": (3, 2, 66.7, 120.0, 3000.0),
            "Nora Lindqvist": (4, 2, 50.0, 80.0, 4000.0),
            "Paul Peer": (1, 0, 0.0, 0.0, 0.0),
        })
        # April: nothing started, nothing spent, no cost per lead to divide by zero.
        april = Result._monthly_summary("2027-04-01", "2027-04-30", company=self.company)
        self.assertEqual((april["chains"], april["gift_spent"], april["cost_per_won"]), (0, 0.0, None))

    def test_printed_summary_for_the_owner(self):
        wizard = self.model_as("jewellery.followup.result.print", self.manager).create(
            {"month": "03", "year": 2027, "company_id": self.company.id})
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "jewellery_followup.report_followup_result_summary")
        content = self.report_html(SUMMARY_REPORT, wizard, self.manager)
        text = " ".join(lxml.html.fromstring(content).text_content().split())
        self.assertIn("March 2027", text)
        for figure in ("25.0 %", "12.5 %", "50.0 %", "66.7 %", "7,000.00", "200.00", "500.00", "300.00",
                       "50.00", "Olga Owndocs", "Nora Lindqvist"):
            self.assertIn(figure, text)
        self.assertIn("Converted in all 4 50.0 %", text)
        self.assertIn("Declined 1 12.5 %", text)
        self.assertIn("No response after three touches 1 12.5 %", text)

    def test_conversion_rate_per_salesperson(self):
        Result = self.model_as("jewellery.followup.result", self.manager)
        ids = self.lead_ids()
        groups = Result.read_group([("lead_id", "in", ids)], ["conversion_rate", "user_id"], ["user_id"])
        rates = {group["user_id"][0]: round(group["conversion_rate"], 1) for group in groups}
        # Olga 2 of 3, Nora 2 of 4, Paul 0 of 1; all together 4 of 8.
        self.assertEqual(rates, {self.own.id: 66.7, self.all_leads.id: 50.0, self.peer.id: 0.0})
        [total] = Result.read_group([("lead_id", "in", ids)], ["conversion_rate"], [])
        self.assertEqual(total["conversion_rate"], 50.0)

    def test_gift_spend_per_month_against_the_budget(self):
        GiftMonth = self.model_as("jewellery.followup.gift.month", self.manager)
        [march] = GiftMonth.search([("chain_id", "=", self.chain.id), ("month", "=", "2027-03-01")])
        # Eva's gift 120 and Finn's 80, both due in March, against the chain's 500 a month.
        self.assertEqual((march.gift_count, march.gift_spend, march.gift_budget, march.budget_left),
                         (2, 200.0, 500.0, 300.0))
        self.assertFalse(GiftMonth.search([("chain_id", "=", self.chain.id), ("month", ">", "2027-03-01")]))
        # A cost written on a waiting touch counts until the touch is cancelled: Greta's call, then her chain
        # stopped by hand.
        greta = self.leads["Greta"]
        self.as_user(self.scheduled(greta), self.peer).write({"gift_value": 50.0})
        self.fresh()  # a SQL view: each screen reads it afresh
        [march] = GiftMonth.search([("chain_id", "=", self.chain.id), ("month", "=", "2027-03-01")])
        self.assertEqual((march.gift_count, march.gift_spend), (3, 250.0))
        self.as_user(self.on("2027-03-19", greta), self.peer).action_stop_followup()
        self.fresh()
        [march] = GiftMonth.search([("chain_id", "=", self.chain.id), ("month", "=", "2027-03-01")])
        self.assertEqual((march.gift_count, march.gift_spend), (2, 200.0))

    def test_a_salesperson_cannot_read_the_gift_budget(self):
        with self.assertRaises(self.ACCESS_ERROR):
            self.model_as("jewellery.followup.gift.month", self.own).search([])
        # the one with every lead of the team is no manager either
        with self.assertRaises(self.ACCESS_ERROR):
            self.model_as("jewellery.followup.gift.month", self.all_leads).search([])

    def dashboard(self):
        """The manager's dashboard as the web client loads it: the window action and its board view's arch."""
        dashboard = self.load_action(self.env.ref(DASHBOARD_ACTION).id, self.manager)
        self.assertEqual(dashboard["res_model"], "board.board")
        [(view_id, view_type)] = dashboard["views"]
        board = self.model_as("board.board", self.manager)
        return etree.fromstring(self.arch(board, view_type, self.env["ir.ui.view"].browse(view_id)))

    def test_the_dashboard_is_drawn_as_a_board(self):
        self.assertTrue(self.draws_a_board(self.dashboard()), "the web client would draw a form, not a dashboard")

    def test_dashboard_panels_show_the_figures(self):
        """Each panel of the manager's dashboard, read as the web client reads it: the board view's arch, its
        <action> nodes, their action, domain and context, the read_group the graph or pivot asks for."""
        root = self.dashboard()
        ids = self.lead_ids()
        # the hourly job's refresh of the touches' due columns, on the 18th
        self.env["jewellery.followup.attempt"]._refresh_due_buckets()
        self.fresh()
        panels = {}
        for node in root.iter("action"):
            action = self.load_action(int(node.get("name")), self.manager)
            context = self.evaluate(node.get("context") or "{}")
            domain = list(self.evaluate(node.get("domain") or "[]"))
            domain += self.evaluate(action.get("domain") or "[]")
            model = self.model_as(action["res_model"], self.manager)
            # the panel's view is one the action opens ("list" is spelled "tree" on 11)
            view_mode = re.sub(r"\blist\b", self.LIST_VIEW, node.get("view_mode"))
            self.assertIn(view_mode, action["view_mode"].split(","))
            if action["res_model"] == "jewellery.followup.result":
                domain += [("lead_id", "in", ids)]
            if "graph_groupbys" in context:
                groupby = context["graph_groupbys"][:1]
                measures = [context["graph_measure"]]
            elif "pivot_row_groupby" in context:
                groupby = context["pivot_row_groupby"]
                measures = context["pivot_measures"]
            else:
                action_context = self.evaluate(action.get("context") or "{}")
                groupby = context.get("group_by") or action_context.get("group_by", [])
                measures = []
            fields = measures + [name.split(":")[0] for name in groupby]
            panels[node.get("string")] = model.read_group(domain, fields, groupby, lazy=False)
        self.assertEqual(set(panels), {"Conversion per Step", "Results by Salesperson", "Results by Occasion",
                                       "Gift Spend against Budget", "Overdue Touches",
                                       "After the Sale: Touches and Sales After"})
        by_step = {group["response_step"]: group["converted_count"] for group in panels["Conversion per Step"]}
        self.assertEqual(by_step, {"1": 2, "2": 1, "3": 1})
        by_user = {group["user_id"][0]: (group["nbr"], round(group["conversion_rate"], 1), group["revenue"])
                   for group in panels["Results by Salesperson"]}
        self.assertEqual(by_user[self.own.id], (3, 66.7, 3000.0))
        by_occasion = {group["occasion"]: (group["nbr"], group["conversion_rate"])
                       for group in panels["Results by Occasion"]}
        # wedding: Ben and Finn, both bought; engagement: Anna converted, Eva did not
        self.assertEqual(by_occasion["wedding"], (2, 100.0))
        self.assertEqual(by_occasion["engagement"], (2, 50.0))
        months = {group["month:month"]: group for group in panels["Gift Spend against Budget"]}
        self.assertEqual(months["March 2027"]["gift_spend"], 200.0)
        # Greta's call, due Tuesday 9 March, is late on the 18th: the to-do panel lists it under Paul
        overdue = {group["user_id"][0]: group["__count"] for group in panels["Overdue Touches"]}
        self.assertEqual(overdue.get(self.peer.id), 1)

    def test_dashboard_is_for_managers(self):
        menu = self.env.ref(DASHBOARD_MENU)
        self.assertIn(menu.id, self.visible_menu_ids(self.manager))
        self.assertNotIn(menu.id, self.visible_menu_ids(self.own))
        # the menu a manager's web client loads, under CRM's Reporting
        self.assertIn(menu.id, self.web_client_menus(self.manager)[menu.parent_id.id])
        self.assertNotIn(menu.id, self.web_client_menus(self.own).get(menu.parent_id.id, []))
