# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo store, loaded only with demo data: the core's tables (``jewellery_followup_core.demo``: the counter,
fifty customers and their stories) played through this version's ORM and the real follow-up."""
from jewellery_followup_core.demo import DemoMethods

from odoo import api, models

from ..store import Store


class JewelleryFollowupDemo(DemoMethods, models.AbstractModel):
    _name = "jewellery.followup.demo"
    _description = "Jewellery follow-up demo store"
    _revenue_field = "expected_revenue"

    @api.model
    def _build_store_demo(self):
        return self._play_store_demo()

    def _store(self):
        return Store(self.env)

    def _as_user(self, records, user):
        return records.with_user(user)

    def _demo_record(self, xmlid, model, values):
        # Odoo 19 renamed the users' groups field to group_ids (the core writes groups_id, as 11.0 to 18.0 name it)
        if model == "res.users" and "groups_id" in values:
            values = dict(values, group_ids=values["groups_id"])
            del values["groups_id"]
        return super()._demo_record(xmlid, model, values)
