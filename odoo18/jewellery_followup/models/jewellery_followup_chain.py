# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .. import rules


class JewelleryFollowupChain(models.Model):
    _name = "jewellery.followup.chain"
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
        [("salesperson", "Each lead's salesperson"), ("user", "A named person"), ("team", "A sales team")],
        string="Touches Made By", required=True, default="salesperson",
        help="Who makes the touches of a follow-up started without choosing: the lead's salesperson, one "
             "named person, or the members of a sales team, each lead to whoever has the fewest open touches.")
    assign_user_id = fields.Many2one("res.users", string="Person", domain=[("share", "=", False)])
    assign_team_id = fields.Many2one("crm.team", string="Sales Team")

    @api.depends("gift_budget")
    def _compute_gift_spent(self):
        company = self.env.company
        today = rules.store_today(rules.store_tz(self.env.user.tz, company.partner_id.tz))
        groups = self.env["jewellery.followup.attempt"]._read_group(
            [("chain_id", "in", self.ids), ("state", "!=", "cancelled"),
             ("date_scheduled", ">=", today.replace(day=1))],
            ["chain_id"], ["gift_value:sum"])
        spent = {chain.id: total for chain, total in groups}
        for chain in self:
            chain.gift_spent = spent.get(chain.id, 0.0)
            chain.gift_budget_left = chain.gift_budget - chain.gift_spent

    @api.constrains("step_ids")
    def _check_step_count(self):
        for chain in self:
            if len(chain.step_ids) > rules.MAX_CONTACTS:
                raise ValidationError(
                    _("Chain \"%(chain)s\" has %(count)s steps: a customer is "
                      "never contacted more than %(max)s times.") % {
                        "chain": chain.name, "count": len(chain.step_ids),
                        "max": rules.MAX_CONTACTS})

    @api.constrains("assign_policy", "assign_user_id", "assign_team_id")
    def _check_assign_policy(self):
        for chain in self:
            if chain.assign_policy == "user" and not chain.assign_user_id:
                raise ValidationError(_("Chain \"%s\": choose the person who makes the touches.") % chain.name)
            if chain.assign_policy == "team" and not chain.assign_team_id:
                raise ValidationError(_("Chain \"%s\": choose the sales team that makes the touches.")
                                      % chain.name)

    def _assignee(self):
        """What ``jewellery.followup.engine._start`` is told when nobody chose: "salesperson", a user or a team."""
        self.ensure_one()
        if self.assign_policy == "user":
            return self.assign_user_id
        if self.assign_policy == "team":
            return self.assign_team_id
        return "salesperson"

    @api.model
    def _default_for_company(self, company):
        """The chain a lead of ``company`` follows when none is chosen."""
        chain = self.search([("company_id", "=", company.id)], limit=1)
        return chain or self.search([("company_id", "=", False)], limit=1)
