# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core import aftersale
from jewellery_followup_core.records import CompanyMethods

from odoo import api, fields, models

from .. import ADDON


class ResCompany(CompanyMethods, models.Model):
    _inherit = "res.company"
    _module = ADDON

    aftersale_enabled = fields.Boolean(
        string="After-sale Touches",
        help="Plan care visits, the occasion's anniversary and the next piece for every sale won.")
    aftersale_care_months = fields.Integer(
        string="Care Visit Every (Months)", default=aftersale.CARE_INTERVAL_MONTHS)
    aftersale_anniversary_days = fields.Integer(
        string="Anniversary Touch (Days Before)", default=aftersale.ANNIVERSARY_LEAD_DAYS)
    aftersale_quiet_days = fields.Integer(
        string="Quiet Window (Days)", default=aftersale.QUIET_DAYS,
        help="A customer gets at most one touch in any window of this many days, whichever chain it comes from.")
    aftersale_rule_ids = fields.One2many(
        "jewellery.aftersale.rule", "company_id", string="After-sale Rules",
        help="The store's own rules: once it has a care rule, only the pieces its care rules name are invited for "
             "care; its \"after X, suggest Y\" rules add to the engagement ring's wedding bands.")

    @api.constrains("aftersale_care_months", "aftersale_anniversary_days", "aftersale_quiet_days")
    def _check_aftersale_settings(self):
        self._check_aftersale_bounds()
