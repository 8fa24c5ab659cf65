# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core import sql
from jewellery_followup_core.records import TouchMethods
from jewellery_followup_core.vocabulary import OUTCOMES, TOUCH_KINDS, TOUCH_STATES

from odoo import fields, models

from .. import ADDON


class JewelleryAftersaleTouch(TouchMethods, models.Model):
    """A touch of the relationship after the sale: a care visit, the occasion's anniversary or the next piece.

    The hourly job plans them when a lead is won and puts them on the salesperson's list on their day; nobody
    writes them by hand (read-only for every group), the salesperson answers them."""
    _name = "jewellery.aftersale.touch"
    _module = ADDON
    _description = "After-sale touch"
    _order = "date_due desc, id desc"
    _rec_name = "summary"

    lead_id = fields.Many2one("crm.lead", string="Lead", required=True, index=True, ondelete="cascade")
    partner_id = fields.Many2one("res.partner", string="Customer", index=True, ondelete="set null")
    company_id = fields.Many2one("res.company", string="Company", required=True, index=True)
    user_id = fields.Many2one("res.users", string="Salesperson", index=True)
    kind = fields.Selection(TOUCH_KINDS, required=True)
    summary = fields.Char()
    state = fields.Selection(TOUCH_STATES, required=True, default="planned", index=True)
    outcome = fields.Selection(OUTCOMES)
    date_due = fields.Date(string="Due", required=True, index=True)
    date_scheduled = fields.Date(string="On the List")
    date_done = fields.Date(string="Closed On")
    activity_id = fields.Many2one("mail.activity", string="Activity", ondelete="set null", index=True)
    cancel_reason = fields.Char(string="Not Made Because")
    visit_event_id = fields.Many2one("calendar.event", string="Visit Booked", ondelete="set null")

    def init(self):
        sql.install_aftersale_indexes(self.env.cr)
