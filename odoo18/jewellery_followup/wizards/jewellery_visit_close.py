# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

import pytz

from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_split

NEXT_STEPS = [
    ("chain", "Start the second-chance follow-up"),
    ("designs", "E-mail the designs we did not have in stock"),
    ("care", "Book a complimentary care appointment"),
    ("service", "Invite them back for a service"),
]


class JewelleryVisitClose(models.TransientModel):
    """Closes a counter visit that ended without a sale: the salesperson must
    choose what happens next, and the choice is logged on the lead."""

    _name = "jewellery.visit.close"
    _description = "Visit ended without a sale"

    @api.model
    def _default_lead_id(self):
        context = self.env.context
        if context.get("active_model") == "crm.lead" and context.get("active_id"):
            return context["active_id"]
        return False

    @api.model
    def _default_template_id(self):
        return self.env.ref("jewellery_followup.mail_template_designs", raise_if_not_found=False)

    @api.model
    def _default_service_date(self):
        return fields.Date.to_string(self._today() + datetime.timedelta(days=14))

    lead_id = fields.Many2one(
        "crm.lead", string="Lead", required=True, ondelete="cascade",
        default=_default_lead_id)
    next_step = fields.Selection(
        NEXT_STEPS,
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
        domain=[("model", "=", "crm.lead")], default=_default_template_id)
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
        string="Weeks From Today", default=4,
        help="The complimentary care or cleaning appointment is booked this "
             "many weeks from today.")
    care_date = fields.Date(
        string="Appointment Day", compute="_compute_care_date")
    care_hour = fields.Float(
        string="Time", default=10.0,
        help="Time of day of the appointment, in your time zone.")
    care_duration = fields.Float(string="Duration", default=1.0)
    care_item = fields.Char(
        string="Piece To Care For",
        help='What the customer brings in, e.g. "pearl necklace to '
             'restring".')
    # Service invitation
    service_date = fields.Date(
        string="Send The Invitation On", default=_default_service_date)
    service_name = fields.Char(
        string="Service", default=lambda self: _("a free cleaning and check"),
        help='What they are invited back for, e.g. "a free cleaning and '
             'prong check".')

    @api.depends("lead_id")
    def _compute_email_to(self):
        for wizard in self:
            wizard.email_to = wizard._lead_email() or False

    @api.depends("care_weeks")
    def _compute_care_date(self):
        today = self._today()
        for wizard in self:
            if wizard.care_weeks > 0:
                wizard.care_date = fields.Date.to_string(
                    today + datetime.timedelta(weeks=wizard.care_weeks))
            else:
                wizard.care_date = False

    def action_confirm(self):
        """Carries out the chosen next step and logs it on the lead."""
        self.ensure_one()
        if not self.next_step:
            raise UserError(_(
                "Choose a next step before closing the visit: start the "
                "follow-up, e-mail the designs, book a care appointment or "
                "invite the customer back for a service."))
        done = getattr(self, "_close_with_%s" % self.next_step)()
        self._log_on_lead(done)
        return {"type": "ir.actions.act_window_close"}

    # Business methods

    @api.model
    def _today(self):
        return self.env["jewellery.followup.engine"]._today(self.lead_id)

    def _lead_email(self):
        lead = self.lead_id
        return (lead.email_from or lead.partner_id.email or "").strip()

    def _customer_name(self):
        lead = self.lead_id
        return lead.contact_name or lead.partner_id.name or lead.name

    def _salesperson(self):
        return self.lead_id.user_id or self.env.user

    def _lead_model(self):
        return self.env["ir.model"].sudo().search([("model", "=", "crm.lead")], limit=1)

    def _close_with_chain(self):
        lead = self.lead_id
        # The engine refuses with a UserError that names the reason (three
        # attempts already, occasion passed, already running): let it through.
        lead.action_start_followup()
        done = _("second-chance follow-up started (%(chain)s)") % {
            "chain": lead.followup_chain_id.name or _("default chain")}
        scheduled = lead.followup_attempt_ids.filtered(
            lambda attempt: attempt.state == "scheduled")
        if scheduled:
            first = scheduled.sorted("attempt_no")[0]
            done = _("%(done)s, next touch due %(date)s") % {
                "done": done, "date": first.date_scheduled}
        return done

    def _close_with_designs(self):
        email = self._lead_email()
        if not email:
            raise UserError(_(
                "Lead \"%(lead)s\" has no e-mail address: add one to the lead "
                "(or to its customer) before e-mailing designs.") % {
                    "lead": self.lead_id.name})
        if not email_split(email):
            raise UserError(_(
                "\"%(email)s\" on lead \"%(lead)s\" is not a valid e-mail "
                "address.") % {"email": email, "lead": self.lead_id.name})
        if not self.attachment_ids:
            raise UserError(_("Attach at least one design to e-mail."))
        if not self.template_id:
            raise UserError(_("Choose the e-mail template to send."))
        self._check_surprise_email(email)
        self._send_designs()
        done = _("designs e-mailed to %(email)s (%(files)s)") % {
            "email": email,
            "files": ", ".join(self.attachment_ids.mapped("name"))}
        if self.lead_id.is_surprise:
            done = _("%(done)s; a surprise: %(salesperson)s confirmed it is the "
                     "customer's own address, not a shared one") % {
                "done": done, "salesperson": self.env.user.name}
        return done

    def _check_surprise_email(self, email):
        """A surprise's designs go out only once the salesperson confirms the
        address is the customer's alone: a shared or family mailbox would give
        the secret away."""
        lead = self.lead_id
        if not lead.is_surprise or self.surprise_email_confirmed:
            return
        label = self._fields["surprise_email_confirmed"].get_description(self.env)["string"]
        raise UserError(_(
            "\"%(lead)s\" is a surprise: the designs must not reach %(recipient)s. "
            "Make sure %(email)s is read only by the customer, then tick "
            "\"%(confirm)s\" and send again.") % {
                "lead": lead.name,
                "recipient": lead.recipient_name or _("the person the piece is for"),
                "email": email, "confirm": label})

    def _send_designs(self):
        """Sends the template through Odoo's composer, so the e-mail goes out
        and is kept on the lead's chatter with the chosen attachments."""
        lead = self.lead_id
        # Designs uploaded in the wizard belong to the lead from now on.
        self.attachment_ids.filtered(
            lambda att: att.res_model != "crm.lead" or att.res_id != lead.id
        ).write({"res_model": "crm.lead", "res_id": lead.id})
        # Odoo 18's composer renders the template (subject, body, language) from template_id itself
        composer = self.env["mail.compose.message"].create({
            "composition_mode": "comment",
            "model": "crm.lead",
            "res_ids": str([lead.id]),
            "template_id": self.template_id.id,
        })
        composer.write({"attachment_ids": [Command.link(att.id) for att in self.attachment_ids]})
        composer.action_send_mail()

    def _close_with_care(self):
        if not 1 <= self.care_weeks <= 52:
            raise UserError(_(
                "Book the care appointment between 1 and 52 weeks from today "
                "(got %(weeks)s).") % {"weeks": self.care_weeks})
        if not 0 <= self.care_hour < 24:
            raise UserError(_(
                "The appointment time must be within the day (00:00 to "
                "23:59)."))
        if self.care_duration <= 0:
            raise UserError(_("The appointment needs a duration."))
        event = self.env["calendar.event"].create(self._care_event_values())
        return _("complimentary care appointment booked on %(date)s "
                 "(%(weeks)s weeks from today): %(event)s") % {
            "date": self.care_date, "weeks": self.care_weeks,
            "event": event.name}

    def _care_event_values(self):
        lead = self.lead_id
        salesperson = self._salesperson()
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")
        day = fields.Date.from_string(self.care_date)
        local_start = tz.localize(datetime.datetime.combine(day, datetime.time()) +
                                  datetime.timedelta(hours=self.care_hour))
        start = local_start.astimezone(pytz.utc).replace(tzinfo=None)
        stop = start + datetime.timedelta(hours=self.care_duration)
        partners = salesperson.partner_id | lead.partner_id
        description = [_("Complimentary care and cleaning offered when the "
                         "visit ended without a sale.")]
        if self.care_item:
            description.append(_("Piece: %(item)s") % {"item": self.care_item})
        if lead.hospitality_note:
            description.append(_("Welcome: %(note)s") % {"note": lead.hospitality_note})
        if lead.phone or lead.mobile:
            description.append(_("Phone: %(phone)s") % {"phone": lead.mobile or lead.phone})
        return {
            "name": _("Complimentary care appointment: %(customer)s") % {
                "customer": self._customer_name()},
            "start": fields.Datetime.to_string(start),
            "stop": fields.Datetime.to_string(stop),
            "duration": self.care_duration,
            "allday": False,
            "user_id": salesperson.id,
            "partner_ids": [Command.set(partners.ids)],
            "opportunity_id": lead.id,
            "res_model_id": self._lead_model().id,
            "res_id": lead.id,
            "description": "\n".join(description),
        }

    def _close_with_service(self):
        if not self.service_date:
            raise UserError(_("Choose the day to send the service invitation."))
        if fields.Date.from_string(self.service_date) < self._today():
            raise UserError(_(
                "The invitation date %(date)s is in the past: choose today or "
                "a later day.") % {"date": self.service_date})
        salesperson = self._salesperson()
        service = self.service_name or _("a free cleaning and check")
        customer = self._customer_name()
        self.env["mail.activity"].create({
            "res_model_id": self._lead_model().id,
            "res_id": self.lead_id.id,
            "activity_type_id": self.env.ref("mail.mail_activity_data_email").id,
            "summary": _("Invite %(customer)s back for %(service)s") % {
                "customer": customer, "service": service},
            "note": Markup("<p>%s</p>") % (_(
                "Send %(customer)s an invitation to come back for "
                "%(service)s; offer a day and a time.") % {
                    "customer": customer, "service": service}),
            "date_deadline": self.service_date,
            "user_id": salesperson.id,
        })
        return _("%(salesperson)s will invite the customer back for "
                 "%(service)s on %(date)s") % {
            "salesperson": salesperson.name, "service": service,
            "date": self.service_date}

    def _log_on_lead(self, done):
        body = Markup("<p><strong>%s</strong> %s</p>") % (
            _("Visit ended without a sale."), _("Next step: %(done)s.") % {"done": done})
        if self.note:
            body += Markup("<p>%s</p>") % (_("Counter note: %(note)s") % {"note": self.note})
        self.lead_id.message_post(body=body, subtype_xmlid="mail.mt_note")
