# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core.records import PartnerMethods

from odoo import api, fields, models


class ResPartner(PartnerMethods, models.Model):
    _inherit = "res.partner"

    no_contact_after_sale = fields.Boolean(
        string="No Contact After the Sale",
        help="The customer asked the store not to contact them after a sale: no care visit, anniversary or next "
             "piece touch, and those on the lists are cancelled.")
    no_contact_after_sale_date = fields.Date(
        string="No Contact Since", compute="_compute_no_contact_after_sale_stamp", store=True)
    no_contact_after_sale_user_id = fields.Many2one(
        "res.users", string="No Contact Recorded By", compute="_compute_no_contact_after_sale_stamp", store=True)
    wish_ids = fields.Many2many(
        "jewellery.wish", string="Wish List", compute="_compute_wish_ids",
        help="What this customer was shown on their leads (with this contact or e-mail address) and did not buy.")

    @api.depends("no_contact_after_sale")
    def _compute_no_contact_after_sale_stamp(self):
        return super()._compute_no_contact_after_sale_stamp()

    @api.multi
    def _notify_by_chat(self, message):
        """Odoo 11 formats every posted message for the bus, even when nobody is to be told on it (an internal
        note that no follower subscribed to): about half the cost of a chatter post, for nothing. With nobody
        to tell, the bus would receive nothing either, so skipping the formatting changes no record."""
        if not self:
            return None
        return super()._notify_by_chat(message)
