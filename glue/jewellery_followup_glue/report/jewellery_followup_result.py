# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core import report_sql
from jewellery_followup_core.records import followup_store
from jewellery_followup_core.results import ResultMethods
from jewellery_followup_core.vocabulary import RESPONSE_STEPS, RESULTS

from odoo import fields, models, tools

from .. import ADDON
from ..spelling import AVERAGED


class JewelleryFollowupResult(ResultMethods, models.Model):
    """One row per chain started and how it ended, read from a SQL view (``jewellery_followup_core.report_sql``);
    the monthly summary's figures are the core's (``jewellery_followup_core.results``)."""
    _name = "jewellery.followup.result"
    _module = ADDON
    _description = "Second-chance follow-up results"
    _auto = False
    _order = "date_start desc, id desc"
    _rec_name = "lead_id"

    date_start = fields.Date(string="Started On", readonly=True)
    lead_id = fields.Many2one("crm.lead", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    occasion = fields.Selection(
        lambda self: self.env["crm.lead"]._fields["occasion"].selection, readonly=True)
    chain_id = fields.Many2one("jewellery.followup.chain", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    result = fields.Selection(RESULTS, readonly=True)
    response_step = fields.Selection(
        RESPONSE_STEPS, string="Step of Response", readonly=True,
        help="The touch the customer answered: 1 the call, 2 the note, 3 the gift.")
    converted = fields.Boolean(
        readonly=True, help="The customer booked an appointment, came back or purchased.")
    nbr = fields.Integer(string="# Chains", readonly=True)
    converted_count = fields.Integer(string="# Converted", readonly=True)
    conversion_rate = fields.Float(
        string="Conversion (%)", readonly=True, digits=(16, 1),
        help="Share of the chains that converted: 100 for a chain that did, 0 for one that did not, averaged.",
        **AVERAGED)
    gift_value = fields.Monetary(string="Gift Spend", currency_field="currency_id", readonly=True)
    revenue = fields.Monetary(
        string="Revenue Won", currency_field="currency_id", readonly=True,
        help="Expected revenue of the leads won (probability 100) after a follow-up.")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(*report_sql.result_view("expected_revenue"))

    def _store(self):
        return followup_store(self)
