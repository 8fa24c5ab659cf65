# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core.records import RebalanceMethods, selected
from jewellery_followup_core.vocabulary import REBALANCE_MODES

from odoo import fields, models

from .. import ADDON


class JewelleryFollowupRebalance(RebalanceMethods, models.TransientModel):
    """Moves a salesperson's open touches (or the selected attempts) to one person or over a sales team."""

    _name = "jewellery.followup.rebalance"
    _module = ADDON
    _description = "Move follow-up work"

    from_user_id = fields.Many2one(
        "res.users", string="From", domain=[("share", "=", False)],
        help="Every open touch of this salesperson moves (unless attempts were selected).")
    attempt_ids = fields.Many2many(
        "jewellery.followup.attempt", "jewellery_followup_rebalance_attempt_rel", "wizard_id", "attempt_id",
        string="Attempts", default=lambda self: selected(self, "jewellery.followup.attempt"),
        help="The attempts selected in the list: only the open ones move.")
    assign_mode = fields.Selection(
        REBALANCE_MODES, string="To", required=True, default="user")
    assign_user_id = fields.Many2one("res.users", string="Person", domain=[("share", "=", False)])
    assign_team_id = fields.Many2one(
        "crm.team", string="Sales Team",
        help="Each touch goes to the member with the fewest open touches.")
