# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core import report_sql

from odoo import fields, models, tools

from .. import ADDON


class JewelleryFollowupGiftMonth(models.Model):
    """One row per chain and month, from the month of the chain's first touch to the current month: what its
    gifts cost against its monthly gift budget (the view's SQL: ``jewellery_followup_core.report_sql``)."""
    _name = "jewellery.followup.gift.month"
    _module = ADDON
    _description = "Follow-up gift spend per month against the budget"
    _auto = False
    _order = "month desc, chain_id"
    _rec_name = "chain_id"

    month = fields.Date(readonly=True)
    chain_id = fields.Many2one("jewellery.followup.chain", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    gift_count = fields.Integer(string="# Gifts", readonly=True)
    gift_spend = fields.Monetary(currency_field="currency_id", readonly=True)
    gift_budget = fields.Monetary(currency_field="currency_id", readonly=True)
    budget_left = fields.Monetary(
        currency_field="currency_id", readonly=True,
        help="The month's budget less what its gifts cost; negative when the store spent more than it set aside.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(*report_sql.gift_month_view())
