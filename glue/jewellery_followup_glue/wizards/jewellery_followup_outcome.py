# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core.visit import OutcomeWizardMethods
from jewellery_followup_core.vocabulary import OUTCOMES

from odoo import fields, models

from .. import ADDON


class JewelleryFollowupOutcome(OutcomeWizardMethods, models.TransientModel):
    """What the customer did, asked from the board's card or list row: the same choices as the activity's
    Mark Done popup, recorded through the attempt's public action_record_outcome (``action_confirm``, the
    core's)."""
    _name = "jewellery.followup.outcome"
    _module = ADDON
    _description = "Record the outcome of a follow-up touch"

    attempt_id = fields.Many2one(
        "jewellery.followup.attempt", string="Touch", required=True, ondelete="cascade", readonly=True)
    lead_id = fields.Many2one(related="attempt_id.lead_id", readonly=True)
    kind = fields.Selection(related="attempt_id.kind", readonly=True)
    outcome = fields.Selection(OUTCOMES, required=True, default="no_answer")
    note = fields.Text(string="Feedback")
    appointment_start = fields.Datetime(
        string="Showing At",
        help="When the private showing is booked; left empty, it is at 10:00 store time on the next open day.")
