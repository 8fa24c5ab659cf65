# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain


class MailActivityPlanTemplate(models.Model):
    """Odoo 19's activity plans schedule several activities at once: a plan must not schedule a follow-up touch,
    which only the chain makes (it counts towards the limit of three contacts and carries an attempt)."""
    _inherit = "mail.activity.plan.template"

    @api.constrains("activity_type_id")
    def _check_not_followup_type(self):
        steps = self.env["jewellery.followup.step"].sudo()
        for template in self:
            if steps.search_count(Domain("activity_type_id", "=", template.activity_type_id.id), limit=1):
                raise ValidationError(self.env._(
                    "Activity type \"%s\" belongs to the jewellery follow-up, whose chain schedules its touches "
                    "itself: an activity plan cannot use it.", template.activity_type_id.name))
