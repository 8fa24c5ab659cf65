# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core import checks, sql
from jewellery_followup_core.records import followup_store
from jewellery_followup_core.vocabulary import STEP_KINDS

from odoo import api, fields, models

from .. import ADDON
from ..spelling import READS_SQL_CONSTRAINTS


class JewelleryFollowupStep(models.Model):
    """A step of a chain: what is done, after how many open days, with which words (19 declares the table's
    constraint as a models.Constraint, in odoo19/)."""
    _name = "jewellery.followup.step"
    _module = ADDON
    _description = "Step of a second-chance follow-up chain"
    _order = "chain_id, sequence, id"
    if READS_SQL_CONSTRAINTS:
        _sql_constraints = sql.STEP_CONSTRAINTS

    chain_id = fields.Many2one(
        "jewellery.followup.chain", string="Chain", required=True,
        ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(STEP_KINDS, required=True, default="call")
    activity_type_id = fields.Many2one(
        "mail.activity.type", string="Activity Type", required=True,
        ondelete="restrict")
    delay_days = fields.Integer(
        string="Delay (open days)", default=1, required=True,
        help="Step 1: open days after the visit. Later steps: open days "
             "after the previous attempt closed without an answer.")
    summary = fields.Char(required=True, translate=True)
    gift_description = fields.Char(
        string="Gift", translate=True,
        help="Gift steps: what is sent, copied onto each attempt.")
    script = fields.Text(
        translate=True,
        help="What to say or write. Placeholders: {customer}, {recipient}, "
             "{occasion}, {stone}, {piece}, {metal}, {salesperson}, "
             "{company}, {welcome}.")

    @api.constrains("activity_type_id")
    def _check_activity_type_chaining(self):
        self.activity_type_id._check_followup_chaining()

    @api.constrains("script")
    def _check_script_placeholders(self):
        for step in self:
            followup_store(self).refuse_on(checks.check_step, step)
