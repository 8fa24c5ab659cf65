# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core.checks import check_plan_template
from jewellery_followup_core.records import followup_store

from odoo import api, models

from .. import ADDON


class MailActivityPlanTemplate(models.Model):
    """An activity plan never schedules a follow-up touch (``checks.check_plan_template``)."""
    _inherit = "mail.activity.plan.template"
    _module = ADDON

    @api.constrains("activity_type_id")
    def _check_not_followup_type(self):
        steps = self.env["jewellery.followup.step"].sudo()
        for template in self:
            used = bool(steps.search_count([("activity_type_id", "=", template.activity_type_id.id)], limit=1))
            followup_store(self).refuse_on(check_plan_template, template.activity_type_id, used)
