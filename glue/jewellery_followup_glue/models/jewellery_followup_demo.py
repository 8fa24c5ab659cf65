# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo store, loaded only with demo data: the core's tables (``jewellery_followup_core.demo``: the counter,
fifty customers and their stories) played through the version's ORM and the real follow-up."""
from jewellery_followup_core.demo import DemoMethods
from jewellery_followup_core.records import followup_store

from odoo import api, models

from .. import ADDON


class JewelleryFollowupDemo(DemoMethods, models.AbstractModel):
    _name = "jewellery.followup.demo"
    _module = ADDON
    _description = "Jewellery follow-up demo store"
    _revenue_field = "expected_revenue"

    @api.model
    def _build_store_demo(self):
        return self._play_store_demo()

    def _store(self):
        return followup_store(self)

    def _as_user(self, records, user):
        return records.with_user(user)
