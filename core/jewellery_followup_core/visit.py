# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Visit ended without a sale: the customer leaves with a next step, and the lead's history says which.

The next steps and what each one needs before anything is done, the surprise-safe rules of the designs e-mail,
the calendar event and the activity each step makes, and the lines the lead's history keeps, in the user's
language. ``VisitCloseMethods`` is the part of each version's ``jewellery.visit.close`` wizard that every Odoo
version spells the same (``OutcomeWizardMethods`` the same for the board's "what did the customer do" wizard);
the wizard declares the fields and gives what its version spells its own way.
"""
import datetime
import html
import re
from email.utils import getaddresses

from markupsafe import Markup

from . import clock, messages, vocabulary
from .messages import Refusal
from .odoo_store import RECORD_SLOTS

NEXT_STEPS = vocabulary.keys("next_step")
# The care appointment: booked this many weeks out (the wizard's default, and the range it accepts)...
CARE_WEEKS, CARE_WEEKS_MIN, CARE_WEEKS_MAX = 4, 1, 52
# ... at this time of the day, for this long (hours).
CARE_HOUR, CARE_DURATION = 10.0, 1.0
# The service invitation goes out this many days after the visit, unless the salesperson picks another day.
SERVICE_AFTER_DAYS = 14
DESIGNS_TEMPLATE = "jewellery_followup.mail_template_designs"
LEAD_MODEL = "crm.lead"
# The occasions that are no secret: buying for oneself, or an occasion the lead does not name.
OPEN_OCCASIONS = ("self_purchase", "other")
# The languages a surprise's secrets are looked for in: the e-mail may be written in any of them.
SECRET_LANGS = ("en_US",) + messages.LANGUAGES

messages.register("visit", {
    "visit.no_next_step": "Choose a next step before closing the visit: start the follow-up, e-mail the designs, "
                          "book a care appointment or invite the customer back for a service.",
    "visit.ended": "Visit ended without a sale.",
    "visit.next_step": "Next step: %(done)s.",
    "visit.counter_note": "Counter note: %(note)s",
    # the second-chance chain
    "visit.chain_started": "second-chance follow-up started (%(chain)s)",
    "visit.default_chain": "default chain",
    "visit.chain_next_due": "%(done)s, next touch due %(date)s",
    # the designs e-mail
    "visit.no_email": "Lead \"%(lead)s\" has no e-mail address: add one to the lead (or to its customer) before "
                      "e-mailing designs.",
    "visit.invalid_email": "\"%(email)s\" on lead \"%(lead)s\" is not a valid e-mail address.",
    "visit.no_designs": "Attach at least one design to e-mail.",
    "visit.no_template": "Choose the e-mail template to send.",
    "visit.surprise_unconfirmed": "\"%(lead)s\" is a surprise: the designs must not reach %(recipient)s. Make sure "
                                  "%(email)s is read only by the customer, then tick \"%(confirm)s\" and send again.",
    "visit.the_recipient": "the person the piece is for",
    "visit.surprise_leak": "\"%(lead)s\" is a surprise, but the designs e-mail mentions %(secrets)s. Nothing was "
                           "sent: ask a sales manager to check the e-mail template \"%(template)s\".",
    "visit.secret_occasion": "the occasion",
    "visit.secret_date": "the occasion's date",
    "visit.secret_piece": "the piece shown",
    "visit.secret_surprise": "the surprise",
    "visit.surprise_word": "surprise",
    "visit.designs_emailed": "designs e-mailed to %(email)s (%(files)s)",
    "visit.surprise_confirmed": "%(done)s; a surprise: %(salesperson)s confirmed it is the customer's own address, "
                                "not a shared one",
    # the care appointment
    "visit.care_weeks": "Book the care appointment between 1 and 52 weeks from today (got %(weeks)s).",
    "visit.care_hour": "The appointment time must be within the day (00:00 to 23:59).",
    "visit.care_duration": "The appointment needs a duration.",
    "visit.care_event": "Complimentary care appointment: %(customer)s",
    "visit.care_offered": "Complimentary care and cleaning offered when the visit ended without a sale.",
    "visit.care_piece": "Piece: %(item)s",
    "visit.care_welcome": "Welcome: %(note)s",
    "visit.care_phone": "Phone: %(phone)s",
    "visit.care_booked": "complimentary care appointment booked on %(date)s (%(weeks)s weeks from today): "
                         "%(event)s",
    # the service invitation
    "visit.no_service_date": "Choose the day to send the service invitation.",
    "visit.service_date_past": "The invitation date %(date)s is in the past: choose today or a later day.",
    "visit.service_default": "a free cleaning and check",
    "visit.service_summary": "Invite %(customer)s back for %(service)s",
    "visit.service_note": "Send %(customer)s an invitation to come back for %(service)s; offer a day and a time.",
    "visit.service_planned": "%(salesperson)s will invite the customer back for %(service)s on %(date)s",
})


class Said(object):
    """Messages inside a message (``codes``, joined by commas), worded in the reader's language."""

    def __init__(self, *codes):
        self.codes = codes

    def text(self, lang):
        return ", ".join(messages.text(code, lang) for code in self.codes)


# ------------------------------------------------------------------------------------------- the lead

def lead_email(lead):
    """Where the designs go: the lead's address, or its customer's when the lead has none ("" for neither)."""
    return (lead.email_from or lead.partner_id.email or "").strip()


def is_email(text):
    """``text`` holds an e-mail address (something@somewhere), as Odoo's ``email_split`` finds them."""
    return any(address and "@" in address and not address.startswith("@") and not address.endswith("@")
               for _name, address in getaddresses([text or ""]))


def customer_name(lead):
    """Whom the event and the invitation name: the contact, the customer, or the lead itself."""
    return lead.contact_name or lead.partner_id.name or lead.name


def phone(lead):
    return getattr(lead, "mobile", None) or lead.phone


def day_text(value):
    """A day as the history writes it (YYYY-MM-DD), from a date or Odoo 11's text; "" for none."""
    day = clock.as_date(value)
    return day.isoformat() if day else ""


# ------------------------------------------------------------------------------------ what each step needs

def check_next_step(next_step):
    if next_step not in NEXT_STEPS:
        raise Refusal("visit.no_next_step")


def check_designs(lead, email, has_designs, has_template, confirmed, confirm_label):
    """The designs go to a valid address, with at least one file and a template; a surprise's only once the
    salesperson ticked ``confirm_label`` (the field's label in the user's language): a shared or family mailbox
    would give the secret away."""
    if not email:
        raise Refusal("visit.no_email", lead=lead.name)
    if not is_email(email):
        raise Refusal("visit.invalid_email", email=email, lead=lead.name)
    if not has_designs:
        raise Refusal("visit.no_designs")
    if not has_template:
        raise Refusal("visit.no_template")
    if lead.is_surprise and not confirmed:
        raise Refusal("visit.surprise_unconfirmed", lead=lead.name,
                      recipient=lead.recipient_name or Said("visit.the_recipient"), email=email,
                      confirm=confirm_label)


def check_care(weeks, hour, duration):
    if not CARE_WEEKS_MIN <= (weeks or 0) <= CARE_WEEKS_MAX:
        raise Refusal("visit.care_weeks", weeks=weeks)
    if not 0 <= (hour or 0) < 24:
        raise Refusal("visit.care_hour")
    if (duration or 0) <= 0:
        raise Refusal("visit.care_duration")


def check_service(day, today):
    """The invitation goes out today or later (``today``: the store's)."""
    if not day:
        raise Refusal("visit.no_service_date")
    if day < today:
        raise Refusal("visit.service_date_past", date=day.isoformat())


# ------------------------------------------------------------------------------------------ the days

def service_date(today):
    """The default day of the service invitation."""
    return today + datetime.timedelta(days=SERVICE_AFTER_DAYS)


def care_date(today, weeks):
    """The day of a care appointment ``weeks`` from the store's ``today``; None for a number it cannot book."""
    if not weeks or not CARE_WEEKS_MIN <= weeks <= CARE_WEEKS_MAX:
        return None
    return today + datetime.timedelta(weeks=weeks)


# ------------------------------------------------------------------ the surprise-safe rules of the designs e-mail

def surprise_secrets(lead, date_formats=()):
    """What the designs e-mail of a surprise may not say, in case someone else reads the customer's mail:
    ``[(code, [ways of saying it])]``: the person the piece is for, the occasion (in any language the e-mail may
    be written in) and its date (as ISO and in each of ``date_formats``, strftime patterns such as Odoo's
    languages' ``date_format``), the description of the piece shown, and the word surprise itself. It may name the
    customer, the salesperson, the store and the stone the customer liked."""
    secrets = []
    recipient = " ".join((lead.recipient_name or "").split())
    if recipient:
        secrets.append(("visit.the_recipient", [recipient]))
    if lead.occasion and lead.occasion not in OPEN_OCCASIONS:
        secrets.append(("visit.secret_occasion", _ways(vocabulary.label("occasion", lead.occasion, lang)
                                                       for lang in SECRET_LANGS)))
    day = clock.as_date(lead.occasion_date)
    if day:
        secrets.append(("visit.secret_date", _ways([day.isoformat()] + [day.strftime(pattern)
                                                                        for pattern in date_formats if pattern])))
    piece = " ".join((lead.piece_description or "").split()).rstrip(".").strip()
    if piece:
        secrets.append(("visit.secret_piece", [piece]))
    secrets.append(("visit.secret_surprise", _ways(messages.text("visit.surprise_word", lang)
                                                   for lang in SECRET_LANGS)))
    return secrets


def _ways(texts):
    return sorted({text for text in texts if text})


def plain_words(text):
    """The words of an e-mail's HTML (or text): no tags, entities read, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", text or "")).split())


def says(text, phrase):
    """``text`` says ``phrase`` as words of their own, in any case."""
    phrase = " ".join((phrase or "").split())
    return bool(phrase) and re.search(r"(?<!\w)%s(?!\w)" % re.escape(phrase), text, re.IGNORECASE) is not None


def surprise_leaks(secrets, texts, allowed=()):
    """The codes of the ``secrets`` that ``texts`` (the e-mail's subject and body) give away; the ``allowed``
    names (the customer's, the salesperson's, the store's) are not read, so a recipient who shares a name with
    them does not stop the e-mail."""
    said = " ".join(plain_words(text) for text in texts if text)
    for name in sorted({" ".join(name.split()) for name in allowed if name and name.strip()}, key=len,
                       reverse=True):
        said = re.sub(re.escape(name), " ", said, flags=re.IGNORECASE)
    return [code for code, ways in secrets if any(says(said, way) for way in ways)]


def check_surprise_email(lead, subject, body, allowed=(), date_formats=(), template=""):
    """Refuses the designs e-mail of a surprise that says what it may not say (``surprise_secrets``): the template
    can be edited, and the secret must hold whatever it says."""
    if not lead.is_surprise:
        return
    leaks = surprise_leaks(surprise_secrets(lead, date_formats), (subject, body), allowed)
    if leaks:
        raise Refusal("visit.surprise_leak", lead=lead.name, secrets=Said(*leaks), template=template)


# -------------------------------------------------------------------------------------- what is done

def chain_done(lang, chain_name, first_due):
    done = messages.text("visit.chain_started", lang, chain=chain_name or Said("visit.default_chain"))
    if first_due:
        done = messages.text("visit.chain_next_due", lang, done=done, date=day_text(first_due))
    return done


def designs_done(lang, email, file_names, confirmed_by=None):
    """``confirmed_by``: who confirmed a surprise's address (None for an ordinary lead)."""
    done = messages.text("visit.designs_emailed", lang, email=email, files=", ".join(file_names))
    if confirmed_by:
        done = messages.text("visit.surprise_confirmed", lang, done=done, salesperson=confirmed_by)
    return done


def care_event(lang, customer, day, hour, duration, tz, item=None, welcome=None, phone_number=None):
    """The calendar event of a care appointment at ``hour`` o'clock (``tz``'s) of ``day``, in UTC as Odoo
    stores it."""
    start = clock.store_time_to_utc(day, hour, tz)
    lines = [messages.text("visit.care_offered", lang)]
    for code, name, value in (("visit.care_piece", "item", item), ("visit.care_welcome", "note", welcome),
                              ("visit.care_phone", "phone", phone_number)):
        if value:
            lines.append(messages.text(code, lang, **{name: value}))
    return {
        "name": messages.text("visit.care_event", lang, customer=customer),
        "start": _datetime_text(start),
        "stop": _datetime_text(start + datetime.timedelta(hours=duration)),
        "duration": duration,
        "allday": False,
        "description": "\n".join(lines),
    }


def _datetime_text(moment):
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def care_done(lang, day, weeks, event_name):
    return messages.text("visit.care_booked", lang, date=day_text(day), weeks=weeks, event=event_name)


def service_name(lang, service=None):
    """What the customer is invited back for: the salesperson's words, else the store's default offer."""
    return service or messages.text("visit.service_default", lang)


def service_activity(lang, customer, service):
    """The summary and the note (HTML, values escaped) of the salesperson's activity."""
    return {
        "summary": messages.text("visit.service_summary", lang, customer=customer, service=service),
        "note": Markup("<p>%s</p>") % messages.html("visit.service_note", lang, customer=customer, service=service),
    }


def service_done(lang, salesperson, service, day):
    return messages.text("visit.service_planned", lang, salesperson=salesperson, service=service,
                         date=day_text(day))


def history(lang, done, note=None):
    """What the lead's history keeps (HTML, values escaped): the visit, the next step, the counter's note."""
    body = Markup("<p><strong>%s</strong> %s</p>") % (
        messages.html("visit.ended", lang), messages.html("visit.next_step", lang, done=done))
    if note:
        body += Markup("<p>%s</p>") % messages.html("visit.counter_note", lang, note=note)
    return body


# ------------------------------------------------------------------------------- the wizards' shared glue

CLOSE_WINDOW = {"type": "ir.actions.act_window_close"}


class VisitCloseMethods(object):
    """What each version's ``jewellery.visit.close`` does that every Odoo version spells the same: it reads the
    wizard's fields and the lead through the ORM, asks the functions above, and makes the event, the activity, the
    e-mail and the lead's history they decided. The wizard declares the fields and gives ``_visit_store`` (its
    version's ``Store``), ``_designs_composer`` (Odoo's composer, rendered from the template for the lead) and
    ``_send_composer``."""
    __slots__ = RECORD_SLOTS

    def _visit_store(self):
        raise NotImplementedError

    def _designs_composer(self, lead, template):
        raise NotImplementedError

    def _send_composer(self, composer):
        raise NotImplementedError

    # defaults

    def _default_lead_id(self):
        context = self.env.context
        if context.get("active_model") == LEAD_MODEL and context.get("active_id"):
            return context["active_id"]
        return False

    def _default_template_id(self):
        return self.env.ref(DESIGNS_TEMPLATE, raise_if_not_found=False)

    def _default_service_date(self):
        return service_date(self._visit_today()).isoformat()

    def _default_service_name(self):
        return messages.text("visit.service_default", self._visit_store().lang())

    def _visit_today(self):
        """The store's today, for the lead's store."""
        return self.env["jewellery.followup.engine"]._today(self.lead_id)

    # confirming

    def action_confirm(self):
        """Carries out the chosen next step and logs it on the lead."""
        self.ensure_one()
        store = self._visit_store()
        lang = store.lang()
        store.refuse_on(check_next_step, self.next_step)
        done = getattr(self, "_close_with_%s" % self.next_step)(store, lang)
        store.post(self.lead_id, history(lang, done, self.note))
        return dict(CLOSE_WINDOW)

    def _salesperson(self):
        return self.lead_id.user_id or self.env.user

    def _lead_model(self):
        return self.env["ir.model"].sudo().search([("model", "=", LEAD_MODEL)], limit=1)

    def _close_with_chain(self, store, lang):
        lead = self.lead_id
        # The engine refuses with a UserError that names the reason (three attempts already, occasion passed,
        # already running): let it through.
        lead.action_start_followup()
        scheduled = lead.followup_attempt_ids.filtered(lambda attempt: attempt.state == "scheduled")
        first = scheduled.sorted("attempt_no")[:1]
        return chain_done(lang, lead.followup_chain_id.name, first.date_scheduled)

    def _close_with_designs(self, store, lang):
        """Sends the template through Odoo's composer, so the e-mail goes out and is kept on the lead's chatter
        with the chosen designs."""
        lead, designs, template = self.lead_id, self.attachment_ids, self.template_id
        email = lead_email(lead)
        label = self._fields["surprise_email_confirmed"].get_description(self.env)["string"]
        store.refuse_on(check_designs, lead, email, bool(designs), bool(template), self.surprise_email_confirmed,
                        label)
        composer = self._designs_composer(lead, template)
        if lead.is_surprise:
            store.refuse_on(check_surprise_email, lead, composer.subject, composer.body, self._surprise_allowed(),
                            self.env["res.lang"].search([]).mapped("date_format"), template.name)
        # Designs uploaded in the wizard belong to the lead from now on.
        designs.filtered(lambda att: att.res_model != LEAD_MODEL or att.res_id != lead.id).write(
            {"res_model": LEAD_MODEL, "res_id": lead.id})
        composer.write({"attachment_ids": [(4, att.id, 0) for att in designs]})
        self._send_composer(composer)
        return designs_done(lang, email, designs.mapped("name"), lead.is_surprise and self.env.user.name)

    def _surprise_allowed(self):
        """The names the designs e-mail may say: the customer's, the salesperson's, the store's."""
        lead, user = self.lead_id, self.env.user
        return [customer_name(lead), lead.user_id.name, user.name, lead.company_id.name, user.company_id.name]

    def _close_with_care(self, store, lang):
        store.refuse_on(check_care, self.care_weeks, self.care_hour, self.care_duration)
        lead, salesperson = self.lead_id, self._salesperson()
        day = clock.as_date(self.care_date)
        values = care_event(lang, customer_name(lead), day, self.care_hour, self.care_duration,
                            clock.store_tz(self.env.context.get("tz"), self.env.user.tz), self.care_item,
                            lead.hospitality_note, phone(lead))
        partners = salesperson.partner_id | lead.partner_id
        event = self.env["calendar.event"].create(dict(
            values, user_id=salesperson.id, partner_ids=[(6, 0, partners.ids)], opportunity_id=lead.id,
            res_model_id=self._lead_model().id, res_id=lead.id))
        return care_done(lang, day, self.care_weeks, event.name)

    def _close_with_service(self, store, lang):
        day = clock.as_date(self.service_date)
        store.refuse_on(check_service, day, self._visit_today())
        lead, salesperson = self.lead_id, self._salesperson()
        service = service_name(lang, self.service_name)
        self.env["mail.activity"].create(dict(
            service_activity(lang, customer_name(lead), service),
            res_model_id=self._lead_model().id, res_id=lead.id, date_deadline=day.isoformat(),
            activity_type_id=self.env.ref("mail.mail_activity_data_email").id, user_id=salesperson.id))
        return service_done(lang, salesperson.name, service, day)


# --------------------------------------------------------------------- the board's outcome wizard

def showing_start(outcome, start):
    """The private showing's time the outcome wizard hands the follow-up: Odoo's UTC text, only for a booked
    appointment (False otherwise: the follow-up books the next open day's morning)."""
    start = clock.as_datetime(start) if outcome == "appointment" else None
    return _datetime_text(start) if start else False


class OutcomeWizardMethods(object):
    """What each version's ``jewellery.followup.outcome`` does: what the customer did, recorded through the
    attempt's public ``action_record_outcome``, as the activity's Mark Done records it."""
    __slots__ = RECORD_SLOTS

    def action_confirm(self):
        self.ensure_one()
        self.attempt_id.action_record_outcome(self.outcome, note=self.note or False,
                                              appointment_start=showing_start(self.outcome, self.appointment_start))
        return dict(CLOSE_WINDOW)
