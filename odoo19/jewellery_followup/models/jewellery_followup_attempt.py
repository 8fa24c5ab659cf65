# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core import sql

from odoo import models


class JewelleryFollowupAttempt(models.Model):
    """The table's constraints as Odoo 19 declares them (17 and 18 read the glue's _sql_constraints)."""

    _inherit = "jewellery.followup.attempt"

    _attempt_no_positive = models.Constraint(*sql.constraint("attempt_no_positive"))
    _lead_attempt_no_unique = models.Constraint(*sql.constraint("lead_attempt_no_unique"))
    _gift_value_positive = models.Constraint(*sql.constraint("gift_value_positive"))
