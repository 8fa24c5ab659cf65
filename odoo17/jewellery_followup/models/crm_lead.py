# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core.odoo_store import retry_safe

from odoo import models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def toggle_active(self):
        # Odoo 17 deletes the open activities of a record it archives here (18 does it in action_archive): the
        # chain stops as closed first, so the history says why (not "its activity was cancelled")
        with retry_safe(self.env):
            self.env["jewellery.followup.engine"]._stop_for(self.filtered("active"), "closed")
        return super().toggle_active()
