# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core import sql

from odoo import fields, models


class JewelleryFollowupAttempt(models.Model):
    _inherit = "jewellery.followup.attempt"

    # the board's filters on the lead's fields join the lead's table in one query (the attempt's rules apply)
    lead_id = fields.Many2one(bypass_search_access=True)

    _attempt_no_positive = models.Constraint(*sql.constraint("attempt_no_positive"))
    _lead_attempt_no_unique = models.Constraint(*sql.constraint("lead_attempt_no_unique"))
    _gift_value_positive = models.Constraint(*sql.constraint("gift_value_positive"))
