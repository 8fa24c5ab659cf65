# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core.messages import ACCESS, Refusal
from jewellery_followup_core.odoo_store import retry_safe
from jewellery_followup_core.vocabulary import REBALANCE_MODES

from odoo import api, fields, models

from ..store import Store


class JewelleryFollowupRebalance(models.TransientModel):
    """Moves a salesperson's open touches (or the selected attempts) to one person or over a sales team."""

    _name = "jewellery.followup.rebalance"
    _description = "Move follow-up work"

    @api.model
    def _default_attempt_ids(self):
        context = self.env.context
        if context.get("active_model") == "jewellery.followup.attempt":
            return [(6, 0, context.get("active_ids") or [])]
        return False

    from_user_id = fields.Many2one(
        "res.users", string="From", domain=[("share", "=", False)],
        help="Every open touch of this salesperson moves (unless attempts were selected).")
    attempt_ids = fields.Many2many(
        "jewellery.followup.attempt", "jewellery_followup_rebalance_attempt_rel", "wizard_id", "attempt_id",
        string="Attempts", default=_default_attempt_ids,
        help="The attempts selected in the list: only the open ones move.")
    assign_mode = fields.Selection(
        REBALANCE_MODES, string="To", required=True, default="user")
    assign_user_id = fields.Many2one("res.users", string="Person", domain=[("share", "=", False)])
    assign_team_id = fields.Many2one(
        "crm.team", string="Sales Team",
        help="Each touch goes to the member with the fewest open touches.")

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        engine, store = self.env["jewellery.followup.engine"], Store(self.env)
        if not engine._is_manager():
            raise store.error(Refusal("gate.manager_moves", ACCESS))
        assign = self.assign_user_id if self.assign_mode == "user" else self.assign_team_id
        if not assign:
            raise store.error(Refusal("gate.move.choose_who"))
        attempts = self._attempts_to_move()
        if not attempts:
            raise store.error(Refusal("gate.move.nothing"))
        with retry_safe(self.env):
            engine._rebalance(attempts, assign)
        return {"type": "ir.actions.act_window_close"}

    @api.multi
    def _attempts_to_move(self):
        Attempt = self.env["jewellery.followup.attempt"]
        if self.attempt_ids:
            attempts = self.attempt_ids
            if self.from_user_id:
                attempts = attempts.filtered(lambda attempt: attempt.user_id == self.from_user_id)
            return attempts.filtered(lambda attempt: attempt.state == "scheduled")
        if not self.from_user_id:
            raise Store(self.env).error(Refusal("gate.move.choose_from"))
        return Attempt.search([("user_id", "=", self.from_user_id.id), ("state", "=", "scheduled")])
