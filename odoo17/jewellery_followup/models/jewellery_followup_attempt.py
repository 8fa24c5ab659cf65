# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core import sql

from odoo import fields, models


class JewelleryFollowupAttempt(models.Model):
    _inherit = "jewellery.followup.attempt"

    # the board's filters on the lead's fields join the lead's table in one query (the attempt's rules apply)
    lead_id = fields.Many2one(auto_join=True)

    _sql_constraints = sql.ATTEMPT_CONSTRAINTS
