# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools


class JewelleryFollowupGiftMonth(models.Model):
    """One row per chain and month, from the month of the chain's first touch to the current month: what its
    gifts cost against its monthly gift budget.

    A gift counts in the month its touch is due, as the chain's "Gifts This Month" counts it, unless the touch
    was cancelled. The budget is the chain's current monthly budget (the store sets one figure, not a history)."""
    _name = "jewellery.followup.gift.month"
    _description = "Follow-up gift spend per month against the budget"
    _auto = False
    _order = "month desc, chain_id"
    _rec_name = "chain_id"

    month = fields.Date(readonly=True)
    chain_id = fields.Many2one("jewellery.followup.chain", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    gift_count = fields.Integer(string="# Gifts", readonly=True, aggregator="sum")
    gift_spend = fields.Monetary(currency_field="currency_id", readonly=True)
    gift_budget = fields.Monetary(currency_field="currency_id", readonly=True)
    budget_left = fields.Monetary(
        currency_field="currency_id", readonly=True,
        help="The month's budget less what its gifts cost; negative when the store spent more than it set aside.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW jewellery_followup_gift_month AS (
                WITH spend AS (
                    SELECT a.chain_id,
                           date_trunc('month', a.date_scheduled)::date AS month,
                           COUNT(*) FILTER (WHERE COALESCE(a.gift_value, 0) > 0) AS gift_count,
                           SUM(COALESCE(a.gift_value, 0)) AS gift_spend
                      FROM jewellery_followup_attempt a
                     WHERE a.state != 'cancelled' AND a.chain_id IS NOT NULL
                     GROUP BY a.chain_id, date_trunc('month', a.date_scheduled)
                ), months AS (
                    SELECT s.chain_id,
                           generate_series(MIN(s.month),
                                           GREATEST(MAX(s.month), date_trunc('month', now() AT TIME ZONE 'UTC')),
                                           interval '1 month')::date AS month
                      FROM spend s
                     GROUP BY s.chain_id
                )
                SELECT row_number() OVER (ORDER BY m.month, m.chain_id) AS id,
                       m.month,
                       m.chain_id,
                       c.company_id,
                       c.currency_id,
                       COALESCE(s.gift_count, 0) AS gift_count,
                       COALESCE(s.gift_spend, 0) AS gift_spend,
                       COALESCE(c.gift_budget, 0) AS gift_budget,
                       COALESCE(c.gift_budget, 0) - COALESCE(s.gift_spend, 0) AS budget_left
                  FROM months m
                  JOIN jewellery_followup_chain c ON c.id = m.chain_id
                  LEFT JOIN spend s ON s.chain_id = m.chain_id AND s.month = m.month
            )
        """)
