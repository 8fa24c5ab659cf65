# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core import messages
from jewellery_followup_core.gate import assign_choice
from jewellery_followup_core.messages import Refusal
from jewellery_followup_core.odoo_store import retry_safe
from jewellery_followup_core.vocabulary import START_ASSIGN_MODES

from odoo import Command, api, fields, models

from ..store import Store


class JewelleryFollowupStart(models.TransientModel):
    """Starts the second-chance chain of the selected leads, with who makes the touches; then lists the leads
    that could not start, each with its reason."""

    _name = "jewellery.followup.start"
    _description = "Start follow-up"

    @api.model
    def _default_lead_ids(self):
        context = self.env.context
        if context.get("active_model") == "crm.lead":
            return [Command.set(context.get("active_ids") or [])]
        return False

    lead_ids = fields.Many2many(
        "crm.lead", "jewellery_followup_start_lead_rel", "wizard_id", "lead_id",
        string="Leads", default=_default_lead_ids)
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

    def action_confirm(self):
        """Starts the leads that can start; the others are listed with the reason."""
        self.ensure_one()
        store = Store(self.env)
        if self.state != "choose":
            raise store.error(Refusal("gate.start.done_already"))
        # the links as stored: a lead the user may not see is listed as refused, not silently dropped
        leads = self.env["crm.lead"].browse(self.sudo().lead_ids.ids)
        if not leads:
            raise store.error(Refusal("gate.start.no_leads"))
        engine = self.env["jewellery.followup.engine"]
        allowed = leads._filtered_access("write")
        refused = {lead_id: messages.text("gate.start.no_rights", store.lang(), lead=lead_id)
                   for lead_id in (leads - allowed).ids}
        if allowed:
            with retry_safe(self.env):
                refused.update(engine._start(allowed, chain=self.chain_id or None, raise_on_error=False,
                                             assign=store.refuse_on(
                                                 assign_choice, self.assign_mode, self.assign_user_id,
                                                 self.assign_team_id)))
        self.write({
            "state": "done",
            "started_count": len(leads) - len(refused),
            "refused_count": len(refused),
            "result": "\n".join(refused[lead_id] for lead_id in leads.ids if lead_id in refused) or False,
        })
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": messages.text("gate.start.title", store.lang()),
        }
