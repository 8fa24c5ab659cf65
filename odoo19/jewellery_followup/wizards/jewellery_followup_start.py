# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from .link_selection import link_selection_as_superuser


class JewelleryFollowupStart(models.TransientModel):
    _inherit = "jewellery.followup.start"

    @api.model_create_multi
    def create(self, vals_list):
        return link_selection_as_superuser(self, vals_list, "lead_ids", super().create)
