# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .. import core

MONTHS = [("%02d" % number, name) for number, name in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], start=1)]


def _this_month(record):
    return core.clock.store_today(core.clock.store_tz(record.env.user.tz, record.env.user.company_id.partner_id.tz))


class JewelleryFollowupResultPrint(models.TransientModel):
    """Chooses the month of the printed follow-up summary."""
    _name = "jewellery.followup.result.print"
    _description = "Print the monthly follow-up summary"

    month = fields.Selection(MONTHS, required=True, default=lambda self: "%02d" % _this_month(self).month)
    year = fields.Integer(required=True, default=lambda self: _this_month(self).year)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.user.company_id)

    @api.multi
    def action_print(self):
        self.ensure_one()
        return self.env.ref("jewellery_followup.jewellery_followup_result_summary_report").report_action(self)

    @api.multi
    def _summary(self):
        self.ensure_one()
        Result = self.env["jewellery.followup.result"]
        date_from, date_to = Result._month_bounds(self.year, int(self.month))
        summary = Result._monthly_summary(date_from, date_to, self.company_id)
        summary["month"] = "%s %s" % (dict(MONTHS)[self.month], self.year)
        return summary


class ReportFollowupResultSummary(models.AbstractModel):
    _name = "report.jewellery_followup.report_followup_result_summary"
    _description = "Monthly follow-up summary"

    @api.model
    def get_report_values(self, docids, data=None):
        docs = self.env["jewellery.followup.result.print"].browse(docids)
        return {
            "doc_ids": docids,
            "doc_model": "jewellery.followup.result.print",
            "docs": docs,
            "summaries": {doc.id: doc._summary() for doc in docs},
        }
