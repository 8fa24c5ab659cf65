# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_glue.store import gate

from odoo import models

from ..store import Store


class JewelleryFollowupEngine(models.AbstractModel):
    _inherit = "jewellery.followup.engine"

    def _gate(self):
        return gate(Store(self.env))
