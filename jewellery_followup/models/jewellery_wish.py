# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core import report_sql, vocabulary

from odoo import api, fields, models, tools


class JewelleryWish(models.Model):
    """A piece on the customer's wish list: shown on a lead and not bought (the lead still open, or lost), read from a
    SQL view of the leads (``jewellery_followup_core.report_sql``); the contact and the lead show it, and the
    after-sale touches name it."""
    _name = "jewellery.wish"
    _description = "Wish list: a piece shown and not bought"
    _auto = False
    _order = "date_shown desc, id desc"
    _rec_name = "piece"

    lead_id = fields.Many2one("crm.lead", string="Lead", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    email = fields.Char(readonly=True)
    piece = fields.Char(string="Piece Shown", readonly=True)
    recipient_name = fields.Char(string="For", readonly=True)
    occasion = fields.Selection(vocabulary.OCCASIONS, readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    date_shown = fields.Date(string="Shown On", readonly=True)
    state = fields.Selection(vocabulary.WISH_STATES, string="Status", readonly=True)

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(*report_sql.wish_view())
