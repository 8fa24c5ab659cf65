# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain


class MailActivityType(models.Model):
    """A type a follow-up step uses never triggers Odoo 19's next activity: the chain schedules the next touch
    (within the limit of three contacts), and a triggered activity on top would be a fourth, unseen one."""
    _inherit = "mail.activity.type"

    @api.constrains("chaining_type", "triggered_next_type_id")
    def _check_followup_chaining(self):
        steps = self.env["jewellery.followup.step"].sudo().with_context(active_test=False)
        for activity_type in self.filtered(lambda kind: kind.chaining_type == "trigger"):
            if steps.search_count(Domain("activity_type_id", "=", activity_type.id), limit=1):
                raise ValidationError(self.env._(
                    "Activity type \"%s\" is used by the jewellery follow-up, whose chain schedules the next "
                    "touch itself: it cannot trigger a next activity.", activity_type.name))
