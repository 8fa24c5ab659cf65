# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core import checks, clock
from jewellery_followup_core.records import ChainMethods, followup_store
from jewellery_followup_core.vocabulary import ASSIGN_POLICIES

from odoo import api, fields, models

from .. import ADDON


class JewelleryFollowupChain(ChainMethods, models.Model):
    """A second-chance chain: its steps, its gift budget and who makes its touches."""
    _name = "jewellery.followup.chain"
    _module = ADDON
    _description = "Second-chance follow-up chain"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company", string="Company", index=True,
        default=lambda self: self.env.company,
        help="Leave empty to offer the chain to every company.")
    step_ids = fields.One2many(
        comodel_name="jewellery.followup.step", inverse_name="chain_id",
        string="Steps", copy=True)
    currency_id = fields.Many2one(
        "res.currency",
        default=lambda self: self.env.company.currency_id)
    gift_budget = fields.Monetary(
        string="Monthly Gift Budget",
        help="What the store sets aside each month for follow-up gifts "
             "(often taken from the advertising budget).")
    gift_spent = fields.Monetary(
        string="Gifts This Month", compute="_compute_gift_spent",
        help="Cost of the gifts of this chain's attempts due this month.")
    gift_budget_left = fields.Monetary(compute="_compute_gift_spent")
    assign_policy = fields.Selection(
        ASSIGN_POLICIES, string="Touches Made By", required=True, default="salesperson",
        help="Who makes the touches of a follow-up started without choosing: the lead's salesperson, one "
             "named person, or the members of a sales team, each lead to whoever has the fewest open touches.")
    assign_user_id = fields.Many2one("res.users", string="Person", domain=[("share", "=", False)])
    assign_team_id = fields.Many2one("crm.team", string="Sales Team")

    @api.depends("gift_budget")
    def _compute_gift_spent(self):
        company = self.env.company
        today = clock.store_today(clock.store_tz(self.env.user.tz, company.partner_id.tz))
        groups = self.env["jewellery.followup.attempt"]._read_group(
            [("chain_id", "in", self.ids), ("state", "!=", "cancelled"),
             ("date_scheduled", ">=", today.replace(day=1))],
            ["chain_id"], ["gift_value:sum"])
        spent = {chain.id: total for chain, total in groups}
        for chain in self:
            chain.gift_spent = spent.get(chain.id, 0.0)
            chain.gift_budget_left = chain.gift_budget - chain.gift_spent

    @api.constrains("step_ids", "assign_policy", "assign_user_id", "assign_team_id")
    def _check_chain(self):
        for chain in self:
            followup_store(self).refuse_on(checks.check_chain, chain)
