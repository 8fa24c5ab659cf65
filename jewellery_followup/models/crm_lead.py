# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

OCCASIONS = [
    ("engagement", "Engagement"),
    ("wedding", "Wedding"),
    ("anniversary", "Anniversary"),
    ("birthday", "Birthday"),
    ("holiday", "Holiday"),
    ("self_purchase", "Self-purchase"),
    ("other", "Other"),
]
STONE_TYPES = [
    ("diamond", "Diamond"),
    ("sapphire", "Sapphire"),
    ("ruby", "Ruby"),
    ("emerald", "Emerald"),
    ("pearl", "Pearl"),
    ("other", "Other"),
]
STONE_SHAPES = [
    ("round", "Round"),
    ("princess", "Princess"),
    ("cushion", "Cushion"),
    ("oval", "Oval"),
    ("emerald", "Emerald"),
    ("pear", "Pear"),
    ("marquise", "Marquise"),
    ("radiant", "Radiant"),
    ("asscher", "Asscher"),
    ("heart", "Heart"),
]
# GIA colour grades run from D (colourless) to Z (light yellow).
STONE_COLORS = [(grade, grade) for grade in "DEFGHIJKLMNOPQRSTUVWXYZ"]
STONE_CLARITIES = [
    (grade, grade)
    for grade in ("FL", "IF", "VVS1", "VVS2", "VS1", "VS2",
                  "SI1", "SI2", "I1", "I2", "I3")
]
STONE_CUTS = [
    ("excellent", "Excellent"),
    ("very_good", "Very Good"),
    ("good", "Good"),
    ("fair", "Fair"),
    ("poor", "Poor"),
]
METALS = [
    ("platinum", "Platinum"),
    ("gold_yellow", "Yellow Gold"),
    ("gold_white", "White Gold"),
    ("gold_rose", "Rose Gold"),
    ("silver", "Silver"),
    ("palladium", "Palladium"),
]


class CrmLead(models.Model):
    _inherit = "crm.lead"

    occasion = fields.Selection(OCCASIONS, index=True)
    occasion_date = fields.Date(
        index=True,
        help="When the piece is needed: the proposal, the anniversary, "
             "the birthday.",
    )
    recipient_name = fields.Char(
        string="Recipient",
        help="Who will wear the piece. The customer's own name stays in "
             "Contact Name.",
    )
    is_surprise = fields.Boolean(
        string="Surprise",
        help="The recipient must not hear about it: never contact them.",
    )
    stone_type = fields.Selection(STONE_TYPES)
    stone_shape = fields.Selection(STONE_SHAPES)
    stone_carat = fields.Float(string="Carat", digits=(6, 2))
    stone_color = fields.Selection(STONE_COLORS, string="Colour")
    stone_clarity = fields.Selection(STONE_CLARITIES, string="Clarity")
    stone_cut = fields.Selection(STONE_CUTS, string="Cut")
    metal = fields.Selection(METALS)
    ring_size = fields.Char(help="As the store measures it: US 6.5, UK M, EU 52.")
    budget_min = fields.Monetary(
        string="Budget From", currency_field="company_currency")
    budget_max = fields.Monetary(
        string="Budget Up To", currency_field="company_currency")
    piece_description = fields.Text(
        string="Piece Shown",
        help='The piece shown at the counter, e.g. "1.2 ct round F VS1 '
             'solitaire in platinum".',
    )
    hospitality_note = fields.Char(
        string="Welcome",
        help='How the customer likes to be welcomed, e.g. "coffee: hazelnut '
             'latte".',
    )

    @api.constrains("stone_carat")
    def _check_stone_carat(self):
        for lead in self:
            if lead.stone_carat < 0:
                raise ValidationError(
                    _("Carat must be a positive weight (got %(carat)s) on "
                      "lead \"%(lead)s\".") % {
                        "carat": lead.stone_carat, "lead": lead.name})

    @api.constrains("budget_min", "budget_max")
    def _check_budget(self):
        for lead in self:
            if lead.budget_min < 0 or lead.budget_max < 0:
                raise ValidationError(
                    _("Budget From and Budget Up To cannot be negative on "
                      "lead \"%s\".") % lead.name)
            if lead.budget_max and lead.budget_min > lead.budget_max:
                raise ValidationError(
                    _("Budget From (%(min)s) is above Budget Up To "
                      "(%(max)s) on lead \"%(lead)s\".") % {
                        "min": lead.budget_min, "max": lead.budget_max,
                        "lead": lead.name})
