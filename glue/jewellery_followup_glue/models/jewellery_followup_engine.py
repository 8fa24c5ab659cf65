# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The one gate of the follow-up, as the models, the wizards and the cron reach it: every change of an attempt or of
a chain's state. The flow and its rules are the core's (``jewellery_followup_core.gate``), acting through the
store (``store.Store``; Odoo 17's addon gives its own). The methods are private, so RPC cannot call them: the
public API is ``crm.lead.action_start_followup``, ``crm.lead.action_stop_followup`` and
``jewellery.followup.attempt.action_record_outcome``.
"""
from jewellery_followup_core.gate import EngineMethods
from jewellery_followup_core.relationship import RelationshipEngineMethods

from odoo import models

from .. import ADDON
from ..store import Store, gate


class JewelleryFollowupEngine(RelationshipEngineMethods, EngineMethods, models.AbstractModel):
    _name = "jewellery.followup.engine"
    _module = ADDON
    _description = "Second-chance follow-up: the one gate"

    def _gate(self):
        return gate(Store(self.env))
