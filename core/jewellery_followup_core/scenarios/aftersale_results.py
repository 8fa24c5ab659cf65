# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Managers see whether the after-sale touches pay: each touch made and the sales the customer won in the month
after it, per kind and per salesperson (*After-sale Results*, and its panel on the dashboard).

Tom bought earrings on 20 February; the store invites him for care every month, so his care visit is on the list on
Saturday 20 March. The store is open Tuesday to Saturday."""
import datetime

from lxml import etree

from jewellery_followup_core import aftersale

from .results import DASHBOARD_ACTION

RESULT = "jewellery.aftersale.result"
PANEL = "After the Sale: Touches and Sales After"


class AftersaleResultsScenarios(object):

    def setUp(self):
        super().setUp()
        self.company.sudo().write({"aftersale_enabled": True, "aftersale_care_months": 1})
        self.earrings = self.won(self.make_lead(name="Earrings", partner_id=self.customer.id, occasion=False),
                                 "2027-02-20", 900.0)
        self.run_cron("2027-03-06")
        self.run_cron("2027-03-20")

    def won(self, lead, day, amount):
        lead.sudo().write({self.EXPECTED_REVENUE: amount})
        self.as_user(lead, self.salesperson).action_set_won()
        lead.sudo().write({"date_closed": day + " 15:00:00"})
        # the report is a SQL view: what the ORM holds reaches the database first, as at the end of a request
        self.flush()
        return lead

    def results(self, user):
        return self.as_user(self.env[RESULT], user).search([("lead_id", "=", self.earrings.id)])

    def test_a_sale_in_the_month_after_a_care_visit_is_its_revenue(self):
        self.won(self.make_lead(name="Bracelet", partner_id=self.customer.id), "2027-03-27", 2400.0)
        # with the same e-mail address and no contact: the same customer
        self.won(self.make_lead(name="Chain", email_from="TOM.REYES@example.com"), "2027-04-10", 600.0)
        # seven weeks after the visit: not its revenue
        self.won(self.make_lead(name="Watch", partner_id=self.customer.id), "2027-05-08", 5000.0)
        [row] = self.results(self.manager)
        self.assertEqual((row.kind, row.user_id, self.iso(row.date_touch), row.nbr, row.sales_count, row.revenue),
                         ("care", self.salesperson, "2027-03-20", 1, 2, 3000.0))
        [group] = self.as_user(self.env[RESULT], self.manager).read_group(
            [("lead_id", "=", self.earrings.id)], ["kind", "nbr", "sales_count", "revenue"], ["kind"])
        self.assertEqual((group["kind"], group["nbr"], group["sales_count"], group["revenue"]),
                         ("care", 1, 2, 3000.0))

    def test_the_report_agrees_with_the_cores_own_count(self):
        for name, day, amount in (("Bracelet", "2027-03-27", 2400.0), ("Watch", "2027-05-08", 5000.0)):
            self.won(self.make_lead(name=name, partner_id=self.customer.id), day, amount)
        self.fresh()
        touches = [{"customer": self.customer.id, "day": self.day(touch.date_scheduled), "kind": touch.kind,
                    "user": touch.user_id.id}
                   for touch in self.env["jewellery.aftersale.touch"].sudo().search(
                       [("lead_id", "=", self.earrings.id), ("state", "in", ("scheduled", "done"))])]
        leads = self.env["crm.lead"].sudo().search([("partner_id", "=", self.customer.id), ("probability", "=", 100),
                                                    ("id", "!=", self.earrings.id)])
        sales = [{"customer": self.customer.id, "day": self.day(lead.date_closed),
                  "amount": lead[self.EXPECTED_REVENUE]} for lead in leads]
        expected = aftersale.revenue_after_touches(touches, sales)
        rows = self.results(self.manager)
        self.assertEqual({(row.kind, row.user_id.id): {"touches": row.nbr, "sales": row.sales_count,
                                                       "revenue": row.revenue} for row in rows}, expected)

    def test_the_dashboard_panel_shows_them_per_kind_and_salesperson(self):
        self.won(self.make_lead(name="Bracelet", partner_id=self.customer.id), "2027-03-27", 2400.0)
        dashboard = self.load_action(self.env.ref(DASHBOARD_ACTION).id, self.manager)
        [(view_id, view_type)] = dashboard["views"]
        board = self.as_user(self.env["board.board"], self.manager)
        root = etree.fromstring(self.arch(board, view_type, self.env["ir.ui.view"].browse(view_id)))
        [node] = [node for node in root.iter("action") if node.get("string") == PANEL]
        context = self.evaluate(node.get("context"))
        action = self.load_action(int(node.get("name")), self.manager)
        groupby = context["pivot_row_groupby"]
        groups = self.as_user(self.env[action["res_model"]], self.manager).read_group(
            [("lead_id", "=", self.earrings.id)], context["pivot_measures"] + groupby, groupby, lazy=False)
        self.assertEqual([(group["kind"], group["user_id"][0], group["nbr"], group["sales_count"], group["revenue"])
                          for group in groups], [("care", self.salesperson.id, 1, 1, 2400.0)])

    def test_only_managers_read_the_results(self):
        with self.assertRaises(self.ACCESS_ERROR):
            self.results(self.salesperson).mapped("revenue")

    def day(self, value):
        return datetime.datetime.strptime(self.iso(value)[:10], "%Y-%m-%d").date()
