# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

from ..models.jewellery_followup_engine import SALESPERSON, retry_safe

ASSIGN_MODES = [
    ("chain", "As the chain says"),
    ("salesperson", "Each lead's salesperson"),
    ("user", "A named person"),
    ("team", "A sales team"),
]


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
        ASSIGN_MODES, string="Touches Made By", required=True, default="chain",
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
        if self.state != "choose":
            raise UserError(_("These follow-ups were already started."))
        # the links as stored: a lead the user may not see is listed as refused, not silently dropped
        leads = self.env["crm.lead"].browse(self.sudo().lead_ids.ids)
        if not leads:
            raise UserError(_("Select the leads to follow up first."))
        engine = self.env["jewellery.followup.engine"]
        allowed = leads._filtered_access("write")
        refused = {lead_id: _("Lead %s: you have no rights to change it.", lead_id)
                   for lead_id in (leads - allowed).ids}
        if allowed:
            with retry_safe(self.env):
                refused.update(engine._start(allowed, chain=self.chain_id or None, raise_on_error=False,
                                             assign=self._assign()))
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
            "name": _("Start follow-up"),
        }

    def _assign(self):
        """What the engine is told: None (each chain's policy), SALESPERSON, a user or a team."""
        if self.assign_mode == "salesperson":
            return SALESPERSON
        if self.assign_mode == "user":
            if not self.assign_user_id:
                raise UserError(_("Choose the person who makes the touches."))
            return self.assign_user_id
        if self.assign_mode == "team":
            if not self.assign_team_id:
                raise UserError(_("Choose the sales team that makes the touches."))
            return self.assign_team_id
        return None
