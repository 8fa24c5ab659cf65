# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core import vocabulary
from jewellery_followup_core.records import AftersaleRuleMethods

from odoo import api, fields, models


class JewelleryAftersaleRule(AftersaleRuleMethods, models.Model):
    """A store's own after-sale rule: which pieces are invited for care visits (a stone, a metal or a category, the
    lead's tag), or which next piece to suggest after a purchase (``jewellery_followup_core.aftersale.rules_of``)."""
    _name = "jewellery.aftersale.rule"
    _description = "After-sale rule of the store"
    _order = "kind, id"

    company_id = fields.Many2one(
        "res.company", required=True, ondelete="cascade", default=lambda self: self.env.user.company_id)
    kind = fields.Selection(vocabulary.AFTERSALE_RULE_KINDS, required=True, default="care")
    stone_type = fields.Selection(vocabulary.STONE_TYPES, string="Stone")
    metal = fields.Selection(vocabulary.METALS)
    category = fields.Char(help="A lead's tag: a piece sold with it is invited for care.")
    after_occasion = fields.Selection(vocabulary.OCCASIONS, string="After a Purchase For")
    suggest_occasion = fields.Selection(vocabulary.OCCASIONS, string="Suggest a Piece For")
    days_before = fields.Integer(
        default=90,
        help="The touch comes this many days before the next occasion's date when it is known.")
    days_after = fields.Integer(
        default=60, help="Otherwise this many days after the purchase.")

    @api.constrains("kind", "stone_type", "metal", "category", "after_occasion", "suggest_occasion", "days_before",
                    "days_after")
    def _check_rule_says_enough(self):
        self._check_rule()
