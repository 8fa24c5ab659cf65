# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.multi
    def _notify_by_chat(self, message):
        """Odoo 11 formats every posted message for the bus, even when nobody is to be told on it (an internal
        note that no follower subscribed to): about half the cost of a chatter post, for nothing. With nobody
        to tell, the bus would receive nothing either, so skipping the formatting changes no record."""
        if not self:
            return None
        return super()._notify_by_chat(message)
