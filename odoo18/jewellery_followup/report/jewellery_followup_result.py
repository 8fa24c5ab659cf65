# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import calendar

from odoo import api, fields, models, tools

RESPONSES = ("appointment", "came_back", "purchased", "declined")
CONVERTED = ("appointment", "came_back", "purchased")
RESULTS = [
    ("appointment", "Appointment booked"),
    ("came_back", "Came back to the store"),
    ("purchased", "Purchased"),
    ("declined", "Declined"),
    ("exhausted", "No response"),
    ("running", "Running"),
    ("stopped", "Stopped"),
]
RESPONSE_STEPS = [("1", "1. Call"), ("2", "2. Note"), ("3", "3. Gift")]


class JewelleryFollowupResult(models.Model):
    """One row per chain started: a lead that has at least one follow-up attempt, and how its chain ended.

    The start is the first attempt's due date. The result is the customer's answer to the last touch closed,
    else what the lead's follow-up says (running, no response after three touches, or stopped for another
    reason: won or lost by hand, opted out, cancelled). Gift spend counts the gifts of the lead's attempts that
    were not cancelled; revenue is the expected revenue of the leads won (probability 100)."""
    _name = "jewellery.followup.result"
    _description = "Second-chance follow-up results"
    _auto = False
    _order = "date_start desc, id desc"
    _rec_name = "lead_id"

    date_start = fields.Date(string="Started On", readonly=True)
    lead_id = fields.Many2one("crm.lead", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    occasion = fields.Selection(
        lambda self: self.env["crm.lead"]._fields["occasion"].selection, readonly=True)
    chain_id = fields.Many2one("jewellery.followup.chain", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    result = fields.Selection(RESULTS, readonly=True)
    response_step = fields.Selection(
        RESPONSE_STEPS, string="Step of Response", readonly=True,
        help="The touch the customer answered: 1 the call, 2 the note, 3 the gift.")
    converted = fields.Boolean(
        readonly=True, help="The customer booked an appointment, came back or purchased.")
    nbr = fields.Integer(string="# Chains", readonly=True, aggregator="sum")
    converted_count = fields.Integer(string="# Converted", readonly=True, aggregator="sum")
    conversion_rate = fields.Float(
        string="Conversion (%)", readonly=True, aggregator="avg", digits=(16, 1),
        help="Share of the chains that converted: 100 for a chain that did, 0 for one that did not, averaged.")
    gift_value = fields.Monetary(string="Gift Spend", currency_field="currency_id", readonly=True)
    revenue = fields.Monetary(
        string="Revenue Won", currency_field="currency_id", readonly=True,
        help="Expected revenue of the leads won (probability 100) after a follow-up.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW jewellery_followup_result AS (
                WITH started AS (
                    SELECT a.lead_id,
                           MIN(a.date_scheduled) AS date_start,
                           SUM(CASE WHEN a.state != 'cancelled' THEN COALESCE(a.gift_value, 0) ELSE 0 END)
                               AS gift_value,
                           (ARRAY_AGG(a.chain_id ORDER BY a.attempt_no))[1] AS chain_id
                      FROM jewellery_followup_attempt a
                     GROUP BY a.lead_id
                ), last_closed AS (
                    SELECT DISTINCT ON (a.lead_id) a.lead_id, a.outcome, a.attempt_no
                      FROM jewellery_followup_attempt a
                     WHERE a.state = 'done'
                     ORDER BY a.lead_id, a.attempt_no DESC
                ), ended AS (
                    SELECT l.id AS lead_id,
                           CASE WHEN l.followup_state = 'running' THEN 'running'
                                WHEN c.outcome IN %(responses)s THEN c.outcome
                                WHEN l.followup_state = 'exhausted' THEN 'exhausted'
                                ELSE 'stopped' END AS result,
                           c.attempt_no
                      FROM crm_lead l
                      JOIN started s ON s.lead_id = l.id
                      LEFT JOIN last_closed c ON c.lead_id = l.id
                )
                SELECT l.id AS id,
                       l.id AS lead_id,
                       s.date_start,
                       l.user_id,
                       l.team_id,
                       l.occasion,
                       COALESCE(l.followup_chain_id, s.chain_id) AS chain_id,
                       l.company_id,
                       co.currency_id,
                       e.result,
                       CASE WHEN e.result IN %(responses)s THEN e.attempt_no::varchar END AS response_step,
                       e.result IN %(converted)s AS converted,
                       1 AS nbr,
                       CASE WHEN e.result IN %(converted)s THEN 1 ELSE 0 END AS converted_count,
                       CASE WHEN e.result IN %(converted)s THEN 100.0 ELSE 0.0 END AS conversion_rate,
                       s.gift_value,
                       CASE WHEN l.probability >= 100 THEN COALESCE(l.expected_revenue, 0) ELSE 0 END AS revenue
                  FROM crm_lead l
                  JOIN started s ON s.lead_id = l.id
                  JOIN ended e ON e.lead_id = l.id
                  LEFT JOIN res_company co ON co.id = l.company_id
            )
        """, {"responses": RESPONSES, "converted": CONVERTED})

    @api.model
    def _monthly_summary(self, date_from, date_to, company=None):
        """The figures of the chains started from ``date_from`` to ``date_to`` (ISO dates, both included) in
        ``company`` (the user's by default), as the user may see them: plain dicts for the printed summary.

        Shares are percentages of the chains started (rounded to 0.1); gift spend is the gifts of those chains,
        the budget the monthly gift budget of the chains they followed times the months of the period; the cost
        per won lead is the gift spend divided by the chains that converted (None when none did)."""
        company = company or self.env.company
        rows = self.search([("date_start", ">=", date_from), ("date_start", "<=", date_to),
                            ("company_id", "=", company.id)])
        total = len(rows)

        def share(count):
            return round(100.0 * count / total, 1) if total else 0.0

        def count(result_values):
            return len(rows.filtered(lambda row: row.result in result_values))

        converted = count(CONVERTED)
        steps = []
        for step, label in RESPONSE_STEPS:
            step_converted = len(rows.filtered(lambda row: row.converted and row.response_step == step))
            steps.append({"step": int(step), "name": label, "converted": step_converted,
                          "share": share(step_converted)})
        salespeople = []
        for user in rows.mapped("user_id").sorted("name"):
            salespeople.append(self._summary_line(user.name, rows.filtered(lambda row, u=user: row.user_id == u)))
        unassigned = rows.filtered(lambda row: not row.user_id)
        if unassigned:
            salespeople.append(self._summary_line("-", unassigned))
        start, end = fields.Date.from_string(date_from), fields.Date.from_string(date_to)
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        gift_spent = sum(rows.mapped("gift_value"))
        gift_budget = sum(rows.mapped("chain_id").sudo().mapped("gift_budget")) * months
        return {
            "date_from": date_from,
            "date_to": date_to,
            "company": company.name,
            "currency": company.currency_id,
            "chains": total,
            "converted": converted,
            "converted_share": share(converted),
            "steps": steps,
            "declined": count(("declined",)),
            "declined_share": share(count(("declined",))),
            "exhausted": count(("exhausted",)),
            "exhausted_share": share(count(("exhausted",))),
            "running": count(("running",)),
            "stopped": count(("stopped",)),
            "salespeople": salespeople,
            "revenue": sum(rows.mapped("revenue")),
            "gift_spent": gift_spent,
            "gift_budget": gift_budget,
            "gift_budget_left": gift_budget - gift_spent,
            "cost_per_won": gift_spent / converted if converted else None,
        }

    @api.model
    def _summary_line(self, name, rows):
        won = len(rows.filtered("converted"))
        return {"name": name, "chains": len(rows), "converted": won,
                "share": round(100.0 * won / len(rows), 1) if rows else 0.0,
                "gift_spent": sum(rows.mapped("gift_value")), "revenue": sum(rows.mapped("revenue"))}

    @api.model
    def _month_bounds(self, year, month):
        """First and last day of a month, as ISO dates."""
        last = calendar.monthrange(year, month)[1]
        return "%04d-%02d-01" % (year, month), "%04d-%02d-%02d" % (year, month, last)
