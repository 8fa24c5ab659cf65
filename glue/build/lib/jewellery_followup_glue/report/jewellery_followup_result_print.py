# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core.results import SummaryPrintMethods, this_month
from jewellery_followup_core.vocabulary import MONTHS

from odoo import api, fields, models

from .. import ADDON


def _this_month(record):
    return this_month(record.env.user.tz, record.env.company.partner_id.tz)


class JewelleryFollowupResultPrint(SummaryPrintMethods, models.TransientModel):
    """Chooses the month of the printed follow-up summary (its figures: ``jewellery_followup_core.results``)."""
    _name = "jewellery.followup.result.print"
    _module = ADDON
    _description = "Print the monthly follow-up summary"

    month = fields.Selection(MONTHS, required=True, default=lambda self: "%02d" % _this_month(self).month)
    year = fields.Integer(required=True, default=lambda self: _this_month(self).year)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company)

    def action_print(self):
        return self._print()


class ReportFollowupResultSummary(models.AbstractModel):
    _name = "report.jewellery_followup.report_followup_result_summary"
    _module = ADDON
    _description = "Monthly follow-up summary"

    @api.model
    def _get_report_values(self, docids, data=None):
        return self.env["jewellery.followup.result.print"]._report_values(docids)
