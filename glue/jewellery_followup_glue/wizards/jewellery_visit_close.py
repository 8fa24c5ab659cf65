# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_core import visit
from jewellery_followup_core.records import followup_store
from jewellery_followup_core.vocabulary import VISIT_NEXT_STEPS

from odoo import api, fields, models

from .. import ADDON


class JewelleryVisitClose(visit.VisitCloseMethods, models.TransientModel):
    """Closes a counter visit that ended without a sale: the salesperson must
    choose what happens next, and the choice is logged on the lead. What each
    next step needs and does is the core's (``jewellery_followup_core.visit``)."""

    _name = "jewellery.visit.close"
    _module = ADDON
    _description = "Visit ended without a sale"

    lead_id = fields.Many2one(
        "crm.lead", string="Lead", required=True, ondelete="cascade",
        default=lambda self: self._default_lead_id())
    next_step = fields.Selection(
        VISIT_NEXT_STEPS,
        help="A visit never ends without a next step: choose what happens "
             "now that the customer has left without buying.")
    note = fields.Text(
        string="Counter Note",
        help="What was said at the counter; it is kept on the lead's "
             "history with the chosen next step.")
    # E-mail designs
    email_to = fields.Char(
        string="Send To", compute="_compute_email_to",
        help="The address of the lead, or of its customer when the lead has "
             "none.")
    template_id = fields.Many2one(
        "mail.template", string="E-mail Template",
        domain=[("model", "=", "crm.lead")], default=lambda self: self._default_template_id())
    attachment_ids = fields.Many2many(
        "ir.attachment", "jewellery_visit_close_attachment_rel",
        "wizard_id", "attachment_id", string="Designs",
        help="Photos or drawings of the designs to send.")
    lead_is_surprise = fields.Boolean(
        related="lead_id.is_surprise", readonly=True, string="Surprise")
    surprise_email_confirmed = fields.Boolean(
        string="This is the customer's own address, not a shared one",
        help="The lead is a surprise: the designs may only go to an address "
             "that the person the piece is for does not read.")
    # Care appointment
    care_weeks = fields.Integer(
        string="Weeks From Today", default=visit.CARE_WEEKS,
        help="The complimentary care or cleaning appointment is booked this "
             "many weeks from today.")
    care_date = fields.Date(
        string="Appointment Day", compute="_compute_care_date")
    care_hour = fields.Float(
        string="Time", default=visit.CARE_HOUR,
        help="Time of day of the appointment, in your time zone.")
    care_duration = fields.Float(string="Duration", default=visit.CARE_DURATION)
    care_item = fields.Char(
        string="Piece To Care For",
        help='What the customer brings in, e.g. "pearl necklace to '
             'restring".')
    # Service invitation
    service_date = fields.Date(
        string="Send The Invitation On", default=lambda self: self._default_service_date())
    service_name = fields.Char(
        string="Service", default=lambda self: self._default_service_name(),
        help='What they are invited back for, e.g. "a free cleaning and '
             'prong check".')

    @api.depends("lead_id")
    def _compute_email_to(self):
        for wizard in self:
            wizard.email_to = visit.lead_email(wizard.lead_id) or False

    @api.depends("care_weeks")
    def _compute_care_date(self):
        for wizard in self:
            wizard.care_date = visit.care_date(wizard._visit_today(), wizard.care_weeks) or False

    # What Odoo spells its own way

    def _visit_store(self):
        return followup_store(self)

    def _designs_composer(self, lead, template):
        # Odoo's composer renders the template (subject, body, language) from template_id itself
        return self.env["mail.compose.message"].create({
            "composition_mode": "comment", "model": "crm.lead", "res_ids": str([lead.id]),
            "template_id": template.id,
        })

    def _send_composer(self, composer):
        composer.action_send_mail()
