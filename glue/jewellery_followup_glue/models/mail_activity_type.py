# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core.checks import check_activity_type
from jewellery_followup_core.records import followup_store

from odoo import api, models

from .. import ADDON


class MailActivityType(models.Model):
    """A type a follow-up step uses never triggers Odoo's next activity (``checks.check_activity_type``)."""
    _inherit = "mail.activity.type"
    _module = ADDON

    @api.constrains("chaining_type", "triggered_next_type_id")
    def _check_followup_chaining(self):
        steps = self.env["jewellery.followup.step"].sudo().with_context(active_test=False)
        for activity_type in self:
            used = activity_type.chaining_type == "trigger" and bool(
                steps.search_count([("activity_type_id", "=", activity_type.id)], limit=1))
            followup_store(self).refuse_on(check_activity_type, activity_type, used)
