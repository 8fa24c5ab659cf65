# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

MAX_STEPS = 3


class JewelleryFollowupChain(models.Model):
    _name = "jewellery.followup.chain"
    _description = "Second-chance follow-up chain"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company", string="Company", index=True,
        default=lambda self: self.env.user.company_id,
        help="Leave empty to offer the chain to every company.")
    step_ids = fields.One2many(
        comodel_name="jewellery.followup.step", inverse_name="chain_id",
        string="Steps", copy=True)

    @api.constrains("step_ids")
    def _check_step_count(self):
        for chain in self:
            if len(chain.step_ids) > MAX_STEPS:
                raise ValidationError(
                    _("Chain \"%(chain)s\" has %(count)s steps: a customer is "
                      "never contacted more than %(max)s times.") % {
                        "chain": chain.name, "count": len(chain.step_ids),
                        "max": MAX_STEPS})

    @api.model
    def _default_for_company(self, company):
        """The chain a lead of ``company`` follows when none is chosen."""
        chain = self.search([("company_id", "=", company.id)], limit=1)
        return chain or self.search([("company_id", "=", False)], limit=1)
