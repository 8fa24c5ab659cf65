# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core.records import PartnerMethods

from odoo import api, fields, models

from .. import ADDON


class ResPartner(PartnerMethods, models.Model):
    _inherit = "res.partner"
    _module = ADDON

    no_contact_after_sale = fields.Boolean(
        string="No Contact After the Sale",
        help="The customer asked the store not to contact them after a sale: no care visit, anniversary or next "
             "piece touch, and those on the lists are cancelled.")
    no_contact_after_sale_date = fields.Date(
        string="No Contact Since", compute="_compute_no_contact_after_sale_stamp", store=True)
    no_contact_after_sale_user_id = fields.Many2one(
        "res.users", string="No Contact Recorded By", compute="_compute_no_contact_after_sale_stamp", store=True)
    wish_ids = fields.Many2many(
        # what the user may see of it: computed again for each user (the wish rules)
        "jewellery.wish", string="Wish List", compute="_compute_wish_ids", depends_context=("uid",),
        help="What this customer was shown on their leads (with this contact or e-mail address) and did not buy.")

    @api.depends("no_contact_after_sale")
    def _compute_no_contact_after_sale_stamp(self):
        return super()._compute_no_contact_after_sale_stamp()
