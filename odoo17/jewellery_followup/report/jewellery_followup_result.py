# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class JewelleryFollowupResult(models.Model):
    _inherit = "jewellery.followup.result"

    conversion_rate = fields.Float(group_operator="avg")  # Odoo 18 renamed it aggregator
