# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core.records import StartWizardMethods, selected
from jewellery_followup_core.vocabulary import START_ASSIGN_MODES

from odoo import api, fields, models

from .. import ADDON


class JewelleryFollowupStart(StartWizardMethods, models.TransientModel):
    """Starts the second-chance chain of the selected leads, with who makes the touches; then lists the leads
    that could not start, each with its reason."""

    _name = "jewellery.followup.start"
    _module = ADDON
    _description = "Start follow-up"

    lead_ids = fields.Many2many(
        "crm.lead", "jewellery_followup_start_lead_rel", "wizard_id", "lead_id",
        string="Leads", default=lambda self: selected(self, "crm.lead"))
    lead_count = fields.Integer(compute="_compute_lead_count", string="Selected Leads")
    chain_id = fields.Many2one(
        "jewellery.followup.chain", string="Chain",
        help="Leave empty: each lead goes on with its own chain, or the company's default one.")
    assign_mode = fields.Selection(
        START_ASSIGN_MODES, string="Touches Made By", required=True, default="chain",
        help="Only a sales manager may give the touches to someone other than each lead's salesperson.")
    assign_user_id = fields.Many2one("res.users", string="Person", domain=[("share", "=", False)])
    assign_team_id = fields.Many2one("crm.team", string="Sales Team")
    state = fields.Selection([("choose", "Choose"), ("done", "Done")], default="choose", required=True)
    started_count = fields.Integer(string="Started", readonly=True)
    refused_count = fields.Integer(string="Not Started", readonly=True)
    result = fields.Text(string="Not Started Because", readonly=True)

    @api.depends("lead_ids")
    def _compute_lead_count(self):
        for wizard in self:
            wizard.lead_count = len(wizard.lead_ids)
