# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class JewelleryFollowupDemo(models.AbstractModel):
    _inherit = "jewellery.followup.demo"

    def _demo_record(self, xmlid, model, values):
        # Odoo 19 renamed the users' groups field to group_ids (the core writes groups_id, as 11.0 to 18.0 name it)
        if model == "res.users" and "groups_id" in values:
            values = dict(values, group_ids=values["groups_id"])
            del values["groups_id"]
        return super()._demo_record(xmlid, model, values)
