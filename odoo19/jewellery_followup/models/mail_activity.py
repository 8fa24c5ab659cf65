# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from odoo.addons.mail.tools.discuss import Store


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _to_store_defaults(self, target):
        # Odoo 19's web client only gets the fields listed here: the Mark Done popover asks the customer's
        # response when the activity carries a touch
        return super()._to_store_defaults(target) + [
            Store.Attr("followup_attempt_id", lambda activity: activity.followup_attempt_id.id or False),
        ]

    def _keep_done_feedback(self, feedback):
        # the archived activity keeps its feedback, as Odoo 19's own _action_done does
        if feedback:
            self.sudo().feedback = feedback
