# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core import report_sql, vocabulary

from odoo import fields, models, tools

from .. import ADDON


class JewelleryAftersaleResult(models.Model):
    """One row per after-sale touch made and the sales it brought: those the customer won within the window after
    it, each credited to their latest touch (the view's SQL: ``jewellery_followup_core.report_sql``)."""
    _name = "jewellery.aftersale.result"
    _module = ADDON
    _description = "After-sale touches and the sales that followed"
    _auto = False
    _order = "date_touch desc, id desc"
    _rec_name = "touch_id"

    touch_id = fields.Many2one("jewellery.aftersale.touch", string="Touch", readonly=True)
    lead_id = fields.Many2one("crm.lead", string="Lead", readonly=True)
    kind = fields.Selection(vocabulary.TOUCH_KINDS, readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    date_touch = fields.Date(string="Touch Date", readonly=True)
    nbr = fields.Integer(string="# Touches", readonly=True)
    sales_count = fields.Integer(
        string="# Sales After", readonly=True, group_operator="sum",
        help="Sales the customer won in the month after this touch, each counted once, for their latest touch "
             "before it.")
    revenue = fields.Monetary(
        string="Revenue After", currency_field="currency_id", readonly=True,
        help="The expected revenue of those sales.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(*report_sql.aftersale_result_view("expected_revenue"))
