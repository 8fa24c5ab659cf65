# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core import sql

from odoo import models


class JewelleryFollowupStep(models.Model):
    _inherit = "jewellery.followup.step"

    _delay_days_positive = models.Constraint(*sql.constraint("delay_days_positive"))
