# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Visit ended without a sale: the wizard always leaves the customer with a next step, and the lead shows it.
Nadia Brooks ("own documents only") owns the leads; the store closes some visits for her, she closes others."""
import datetime
import html

import pytz
from lxml import etree

from jewellery_followup_core import clock

# Saturday 6 March 2027, the visit: the drivers' clock stands there.
VISIT_DATE = datetime.date(2027, 3, 6)
FULL_LEAD = {
    "name": "Engagement ring for Clara",
    "contact_name": "Tom Reyes",
    "email_from": "tom.reyes@example.com",
    "occasion": "engagement",
    "recipient_name": "Clara",
    "is_surprise": True,
    "stone_type": "diamond",
    "stone_shape": "round",
    "stone_carat": 1.2,
    "stone_color": "F",
    "stone_clarity": "VS1",
    "stone_cut": "excellent",
    "metal": "platinum",
    "hospitality_note": "coffee: hazelnut latte",
}
WIZARD = "jewellery.visit.close"
WIZARD_FORM = "jewellery_followup.jewellery_visit_close_view_form"
NEXT_STEPS = ("chain", "designs", "care", "service")


class VisitCloseCourse(object):
    """Tom's lead, owned by Nadia, its occasion a month away; the wizard opened on a lead, and its traces."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # as in the store: creating and writing records does all that mail does (11.0's driver turns it off)
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        # no time zone: the store's day is the company's
        cls.nadia = cls.make_user("Nadia Brooks", "sales_team.group_sale_salesman", tz=False)
        cls.lead = cls.env["crm.lead"].create(dict(
            FULL_LEAD, user_id=cls.nadia.id, occasion_date=str(VISIT_DATE + datetime.timedelta(days=30))))

    def setUp(self):
        super().setUp()
        # the store's day (the salesperson has no time zone, so the company's), by the drivers' clock
        self.today = clock.store_today(clock.store_tz(None, self.company.partner_id.tz))

    def day(self, days):
        """The store's today plus ``days``, as the wizard's date fields take it."""
        return str(self.today + datetime.timedelta(days=days))

    def _wizard(self, lead, user=None, **values):
        """The wizard as "Visit ended without a sale" opens it on ``lead`` (as ``user``, else the test's user)."""
        Wizard = self.env[WIZARD] if user is None else self.as_user(self.env[WIZARD], user)
        return Wizard.with_context(active_model="crm.lead", active_id=lead.id).create(values)

    def _log_lines(self, lead):
        return [html.unescape(message.body) for message in lead.message_ids
                if "Visit ended without a sale" in (message.body or "")]

    def _upload(self, name, content, user=None):
        """What the many2many_binary widget does: the file is uploaded against the wizard's model."""
        return self.upload(WIZARD, name, content, user=user)

    def _form(self, user=None):
        Wizard = self.env[WIZARD] if user is None else self.as_user(self.env[WIZARD], user)
        view = self.env.ref(WIZARD_FORM)
        return etree.fromstring(self.arch(Wizard, "form", view)), self.view_fields(Wizard, "form", view)


class NextStepIsRequiredScenarios(VisitCloseCourse):

    def test_confirming_without_a_next_step_is_refused_and_nothing_is_logged(self):
        wizard = self._wizard(self.lead)
        with self.assertRaisesRegex(self.USER_ERROR, "Choose a next step"):
            wizard.action_confirm()
        self.assertEqual(self._log_lines(self.lead), [])

    def test_the_wizard_opens_on_the_lead_it_was_started_from(self):
        wizard = self._wizard(self.lead)
        self.assertEqual(wizard.lead_id, self.lead)
        self.assertEqual(wizard.care_weeks, 4)
        self.assertEqual(wizard.email_to, "tom.reyes@example.com")

    def test_lead_and_opportunity_forms_offer_the_button(self):
        action = self.env.ref("jewellery_followup.jewellery_visit_close_action")
        for xmlid in self.LEAD_FORMS:
            arch = etree.fromstring(self.arch(self.env["crm.lead"], "form", self.env.ref(xmlid)))
            buttons = arch.xpath("//header/button[@name='%d']" % action.id)
            self.assertEqual(len(buttons), 1, xmlid)
            self.assertEqual(buttons[0].get("string"), "Visit ended without a sale")
        self.assertEqual((action.res_model, action.target), (WIZARD, "new"))

    def test_the_wizard_form_offers_the_four_next_steps_and_their_details(self):
        arch, fields = self._form()
        self.assertEqual(arch.xpath("//field[@name='next_step']/@widget"), ["radio"])
        for name in ("attachment_ids", "care_weeks", "care_date", "service_date", "note"):
            self.assertTrue(arch.xpath("//field[@name='%s']" % name), name)
        self.assertEqual([key for key, _label in fields["next_step"]["selection"]], list(NEXT_STEPS))
        self.assertTrue(arch.xpath("//footer/button[@name='action_confirm']"))


class AsTheSalespersonScenarios(VisitCloseCourse):

    def test_a_salesperson_closes_visits_with_each_kind_of_next_step(self):
        lead = self.as_user(self.lead, self.nadia)
        design = self._upload("halo.png", b"halo", user=self.nadia)
        for values in ({"next_step": "designs", "attachment_ids": [(6, 0, design.ids)],
                        "surprise_email_confirmed": True},
                       {"next_step": "care"},
                       {"next_step": "service", "service_date": self.day(3)},
                       {"next_step": "chain"}):
            self._wizard(lead, user=self.nadia, **values).action_confirm()
        self.assertEqual(len(self._log_lines(self.lead)), 4)
        self.assertEqual(self.lead.followup_state, "running")


class DesignsEmailScenarios(VisitCloseCourse):

    def _designs_message(self, lead):
        messages = lead.message_ids.filtered(lambda m: "did not have in stock" in (m.subject or ""))
        self.assertEqual(len(messages), 1, "one designs e-mail on the lead")
        return messages

    def test_designs_are_emailed_from_the_lead_with_the_attachments(self):
        self.lead.is_surprise = False
        designs = self._upload("halo-platinum.png", b"halo") | self._upload("three-stone.pdf", b"three")
        wizard = self._wizard(self.lead, next_step="designs", attachment_ids=[(6, 0, designs.ids)])
        wizard.action_confirm()

        message = self._designs_message(self.lead)
        self.assertEqual(message.message_type, "comment")
        self.assertEqual(sorted(message.attachment_ids.mapped("name")),
                         ["halo-platinum.png", "three-stone.pdf"])
        for attachment in message.attachment_ids:
            self.assertEqual((attachment.res_model, attachment.res_id), ("crm.lead", self.lead.id))
        # Sent to the customer through Odoo's mail: a recipient with an e-mail notification.
        self.assertEqual(message.partner_ids.mapped("email"), ["tom.reyes@example.com"])
        self.assertTrue(self.email_notifications(message).filtered(
            lambda n: n.res_partner_id == message.partner_ids))

        body = html.unescape(message.body)
        self.assertIn("Dear Tom Reyes,", body)
        self.assertIn("with Clara's engagement in mind.", body)
        self.assertIn("chosen around what you liked: 1.20 ct round F VS1 diamond, excellent cut, in platinum.", body)
        self.assertIn("There is still time to have everything ready well before", body)
        self.assertIn("Professionally,", body)
        self.assertIn("Nadia Brooks", body)
        self.assertNotIn("False", body)

        log, = self._log_lines(self.lead)
        self.assertIn("designs e-mailed to tom.reyes@example.com", log)
        self.assertIn("halo-platinum.png", log)

    def test_a_lead_with_only_an_address_gets_a_plain_email_without_false(self):
        lead = self.env["crm.lead"].create({"name": "Walk-in", "email_from": "walkin@example.com"})
        wizard = self._wizard(lead, next_step="designs",
                              attachment_ids=[(6, 0, self._upload("solitaire.png", b"x").ids)])
        wizard.action_confirm()
        body = html.unescape(self._designs_message(lead).body)
        self.assertIn("Hello,", body)
        self.assertIn("Thank you for coming in today. As promised", body)
        self.assertIn("not have in stock at the counter.", body)
        self.assertIn("Professionally,", body)
        self.assertIn(self.env.user.name, body, "no salesperson: the one who closed the visit signs")
        for junk in ("False", "None", " ct ", "in mind", "surprise"):
            self.assertNotIn(junk, body)

    def test_the_piece_shown_is_used_when_there_is_no_stone_spec(self):
        lead = self.env["crm.lead"].create({
            "name": "Pendant", "email_from": "ines@example.com", "contact_name": "Ines Moreau",
            "recipient_name": "Paula", "piece_description": "Sapphire drop pendant on a fine chain."})
        self._wizard(lead, next_step="designs",
                     attachment_ids=[(6, 0, self._upload("drop.png", b"x").ids)]).action_confirm()
        body = html.unescape(self._designs_message(lead).body)
        self.assertIn("to find something for Paula.", body)
        self.assertIn("the piece you looked at: Sapphire drop pendant on a fine chain.", body)

    def test_the_customer_address_is_used_when_the_lead_has_none(self):
        partner = self.env["res.partner"].create({"name": "Marc Olsen", "email": "marc@example.com"})
        lead = self.env["crm.lead"].create({"name": "Cufflinks", "partner_id": partner.id})
        self.forget_lead_email(lead)
        self.assertEqual((lead.email_from, partner.email), (False, "marc@example.com"))
        self._wizard(lead, next_step="designs",
                     attachment_ids=[(6, 0, self._upload("cufflinks.png", b"x").ids)]).action_confirm()
        message = self._designs_message(lead)
        self.assertEqual(message.partner_ids, partner)
        self.assertIn("Dear Marc Olsen,", message.body)

    def test_no_email_address_is_refused_with_a_clear_message(self):
        lead = self.env["crm.lead"].create({"name": "No address", "contact_name": "Ana"})
        wizard = self._wizard(lead, next_step="designs",
                              attachment_ids=[(6, 0, self._upload("ring.png", b"x").ids)])
        with self.assertRaisesRegex(self.USER_ERROR, "has no e-mail address"):
            wizard.action_confirm()
        self.assertEqual(self._log_lines(lead), [])

    def test_an_address_that_is_not_an_email_is_refused(self):
        lead = self.env["crm.lead"].create({"name": "Typo", "email_from": "tom at example dot com"})
        wizard = self._wizard(lead, next_step="designs",
                              attachment_ids=[(6, 0, self._upload("ring.png", b"x").ids)])
        with self.assertRaisesRegex(self.USER_ERROR, "is not a valid e-mail address"):
            wizard.action_confirm()

    def test_no_design_attached_is_refused(self):
        wizard = self._wizard(self.lead, next_step="designs")
        with self.assertRaisesRegex(self.USER_ERROR, "Attach at least one design"):
            wizard.action_confirm()


class CareAppointmentScenarios(VisitCloseCourse):

    def _local_start(self, event):
        start = pytz.utc.localize(clock.as_datetime(event.start))
        return start.astimezone(pytz.timezone(self.env.user.tz or "UTC"))

    def test_care_appointment_is_on_the_calendar_n_weeks_out_linked_to_the_lead(self):
        partner = self.env["res.partner"].create({"name": "Tom Reyes", "email": "tom.reyes@example.com"})
        self.lead.partner_id = partner
        wizard = self._wizard(self.lead, next_step="care", care_weeks=6, care_item="pearl necklace to restring")
        wizard.action_confirm()

        event = self.env["calendar.event"].search([("opportunity_id", "=", self.lead.id)])
        self.assertEqual(len(event), 1)
        self.assertEqual((event.res_model, event.res_id), ("crm.lead", self.lead.id))
        local_start = self._local_start(event)
        self.assertEqual(local_start.date(), self.today + datetime.timedelta(weeks=6))
        self.assertEqual((local_start.hour, local_start.minute), (10, 0))
        self.assertEqual(event.duration, 1.0)
        self.assertEqual(event.user_id, self.nadia)
        self.assertIn(partner, event.partner_ids, "the customer is invited")
        self.assertIn(self.nadia.partner_id, event.partner_ids)
        self.assertIn("Complimentary care appointment: Tom Reyes", event.name)
        self.assertIn("pearl necklace to restring", event.description)
        self.assertIn("coffee: hazelnut latte", event.description)

        log, = self._log_lines(self.lead)
        self.assertIn("complimentary care appointment booked on %s" % (
            self.today + datetime.timedelta(weeks=6)), log)

    def test_default_is_four_weeks_and_a_lead_without_customer_still_books(self):
        lead = self.env["crm.lead"].create({"name": "Walk-in"})
        self._wizard(lead, next_step="care").action_confirm()
        event = self.env["calendar.event"].search([("opportunity_id", "=", lead.id)])
        # the walk-in's salesperson is whoever created it: its store's today is in their time zone
        today = self.env["jewellery.followup.engine"]._today(lead)
        self.assertEqual(self._local_start(event).date(), today + datetime.timedelta(weeks=4))
        store = self.env.user.partner_id  # the walk-in's salesperson: the one who closed the visit
        self.assertFalse(event.partner_ids - store, "nobody but the store is invited")
        if store.active:  # Odoo 18's superuser (OdooBot) has an archived partner, which the attendees hide
            self.assertEqual(event.partner_ids, store)
        self.fresh()
        self.assertEqual(event.with_context(active_test=False).partner_ids, store, "the store is invited")
        self.assertEqual(event.name, "Complimentary care appointment: Walk-in")

    def test_zero_weeks_is_refused(self):
        wizard = self._wizard(self.lead, next_step="care", care_weeks=0)
        with self.assertRaisesRegex(self.USER_ERROR, "between 1 and 52 weeks"):
            wizard.action_confirm()
        self.assertFalse(self.env["calendar.event"].search([("opportunity_id", "=", self.lead.id)]))


class ServiceInvitationScenarios(VisitCloseCourse):

    def test_the_salesperson_gets_an_activity_to_send_the_invitation_on_the_day(self):
        day = self.day(10)
        wizard = self._wizard(self.lead, next_step="service", service_date=day,
                              service_name="a free ultrasonic cleaning")
        wizard.action_confirm()
        activity = self.lead.activity_ids.filtered(lambda a: "Invite" in (a.summary or ""))
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.nadia)
        self.assertEqual(self.iso(activity.date_deadline), day)
        self.assertEqual(activity.activity_type_id, self.env.ref("mail.mail_activity_data_email"))
        self.assertEqual(activity.summary, "Invite Tom Reyes back for a free ultrasonic cleaning")
        log, = self._log_lines(self.lead)
        self.assertIn("Nadia Brooks will invite the customer back for a free ultrasonic cleaning on %s" % day, log)

    def test_an_invitation_date_in_the_past_is_refused(self):
        wizard = self._wizard(self.lead, next_step="service", service_date=self.day(-1))
        with self.assertRaisesRegex(self.USER_ERROR, "is in the past"):
            wizard.action_confirm()
        self.assertFalse(self.lead.activity_ids)

    def test_the_counter_note_is_kept_with_the_choice(self):
        wizard = self._wizard(self.lead, next_step="service", note="Loved the halo but wants to ask Clara's sister")
        wizard.action_confirm()
        log, = self._log_lines(self.lead)
        self.assertIn("Counter note: Loved the halo but wants to ask Clara's sister", log)


class SecondChanceChainScenarios(VisitCloseCourse):

    def test_starting_the_chain_from_the_wizard_runs_it_and_logs_it(self):
        self._wizard(self.lead, next_step="chain").action_confirm()
        self.assertEqual(self.lead.followup_state, "running")
        self.assertTrue(self.lead.followup_attempt_ids.filtered(lambda a: a.state == "scheduled"))
        log, = self._log_lines(self.lead)
        self.assertIn("second-chance follow-up started (Second chance), next touch due %s" % (
            self.iso(self.lead.followup_attempt_ids.date_scheduled)), log)

    def test_the_engine_refusal_reaches_the_user(self):
        self._wizard(self.lead, next_step="chain").action_confirm()
        with self.assertRaises(self.USER_ERROR):
            self._wizard(self.lead, next_step="chain").action_confirm()
        self.assertEqual(len(self._log_lines(self.lead)), 1)


class SurpriseDesignsEmailScenarios(VisitCloseCourse):
    """A proposal is a secret: the designs e-mail of a surprise goes out only to the customer's own
    address, confirmed by the salesperson, and says nothing that would give it away."""

    CONFIRM = "This is the customer's own address, not a shared one"

    def _designs(self, lead, **values):
        design = self._upload("halo.png", b"halo", user=self.nadia)
        return self._wizard(lead, user=self.nadia, next_step="designs", attachment_ids=[(6, 0, design.ids)],
                            **values)

    def _designs_messages(self, lead):
        return lead.message_ids.filtered(lambda m: "did not have in stock" in (m.subject or ""))

    def test_the_wizard_warns_and_asks_for_the_confirmation_on_a_surprise(self):
        arch, fields = self._form(user=self.nadia)
        warning, = arch.xpath("//div[contains(@class, 'o_jewellery_surprise_email_warning')]")
        # shown only while the designs are chosen for a surprise; the checkbox, on every surprise
        shows = self.modifiers(warning)
        self.assertEqual(set(shows), {"invisible"})
        for step in NEXT_STEPS + (False,):
            for surprise in (True, False):
                values = {"next_step": step, "lead_is_surprise": surprise}
                self.assertEqual(shows["invisible"](values), not (step == "designs" and surprise), values)
        self.assertIn("alert-danger", warning.get("class"))
        text = " ".join(" ".join(warning.itertext()).split())
        self.assertIn("This lead is a surprise.", text)
        self.assertIn("a shared or family mailbox would give the secret away", text)
        checkbox, = arch.xpath("//group[@name='designs']/field[@name='surprise_email_confirmed']")
        shows = self.modifiers(checkbox)
        self.assertEqual(set(shows), {"invisible"})
        for step in NEXT_STEPS:
            for surprise in (True, False):
                values = {"next_step": step, "lead_is_surprise": surprise}
                self.assertEqual(shows["invisible"](values), not surprise, values)
        self.assertEqual(fields["surprise_email_confirmed"]["string"], self.CONFIRM)
        self.assertTrue(self._designs(self.as_user(self.lead, self.nadia)).lead_is_surprise)
        ordinary = self.env["crm.lead"].create({"name": "Studs", "user_id": self.nadia.id})
        self.assertFalse(self._designs(ordinary).lead_is_surprise)

    def test_a_surprise_is_not_emailed_until_the_salesperson_confirms_the_address(self):
        wizard = self._designs(self.lead)
        with self.assertRaises(self.USER_ERROR) as refusal:
            wizard.action_confirm()
        message = refusal.exception.args[0]  # what the dialog says (11.0 also calls it ``name``)
        self.assertIn('"Engagement ring for Clara" is a surprise: the designs must not reach Clara.', message)
        self.assertIn("Make sure tom.reyes@example.com is read only by the customer", message)
        self.assertIn('tick "%s"' % self.CONFIRM, message)
        self.assertFalse(self._designs_messages(self.lead), "nothing was sent")
        self.assertEqual(self._log_lines(self.lead), [])
        self.assertEqual(wizard.attachment_ids.res_model, WIZARD, "the designs stay in the wizard")

    def test_once_confirmed_the_designs_go_and_the_lead_keeps_who_confirmed(self):
        self._designs(self.lead, surprise_email_confirmed=True).action_confirm()
        message = self._designs_messages(self.lead)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.partner_ids.mapped("email"), ["tom.reyes@example.com"])
        log, = self._log_lines(self.lead)
        self.assertIn("designs e-mailed to tom.reyes@example.com (halo.png)", log)
        self.assertIn("a surprise: Nadia Brooks confirmed it is the customer's own address, not a shared one", log)

    def test_the_surprise_email_names_neither_the_recipient_nor_the_occasion(self):
        self._designs(self.lead, surprise_email_confirmed=True).action_confirm()
        body = html.unescape(self._designs_messages(self.lead).body)
        self.assertIn("Dear Tom Reyes,", body)
        self.assertIn("Thank you for coming in today. As promised, I have attached the designs we did not have in "
                      "stock at the counter, chosen around what you liked: 1.20 ct round F VS1 diamond, excellent "
                      "cut, in platinum.", body)
        self.assertIn("Professionally,", body)
        for secret in ("Clara", "engagement", "surprise", "in mind", "well before"):
            self.assertNotIn(secret, body)

    def test_the_piece_shown_is_not_quoted_for_a_surprise(self):
        lead = self.env["crm.lead"].create({
            "name": "Halo", "contact_name": "Tom Reyes", "email_from": "tom.reyes@example.com",
            "user_id": self.nadia.id, "is_surprise": True, "recipient_name": "Clara",
            "piece_description": "The halo ring Clara tried on at her sister's wedding"})
        self._designs(lead, surprise_email_confirmed=True).action_confirm()
        body = html.unescape(self._designs_messages(lead).body)
        self.assertIn("the designs we did not have in stock at the counter.", body)
        self.assertNotIn("Clara", body)
        self.assertNotIn("halo ring", body)

    def test_an_ordinary_lead_needs_no_confirmation(self):
        lead = self.env["crm.lead"].create({"name": "Studs", "contact_name": "Ana", "email_from": "ana@example.com",
                                            "user_id": self.nadia.id})
        self._designs(lead).action_confirm()
        self.assertEqual(len(self._designs_messages(lead)), 1)
        log, = self._log_lines(lead)
        self.assertNotIn("confirmed", log)

    def test_a_template_that_would_give_the_surprise_away_is_refused_and_nothing_is_sent(self):
        """A manager may edit the template: whatever it says, a surprise's e-mail that names the person the piece
        is for, the occasion or its date, quotes the piece shown or mentions the surprise does not go out."""
        template = self.env.ref("jewellery_followup.mail_template_designs")
        template.body_html = "<p>A ring for %s's %s.</p>" % (
            self.template_out("object.recipient_name"), self.template_out("object.occasion"))
        wizard = self._designs(self.lead, surprise_email_confirmed=True)
        with self.assertRaises(self.USER_ERROR) as refusal:
            wizard.action_confirm()
        self.assertEqual(
            refusal.exception.args[0],
            '"Engagement ring for Clara" is a surprise, but the designs e-mail mentions the person the piece is for, '
            'the occasion. Nothing was sent: ask a sales manager to check the e-mail template "%s".' % template.name)
        self.assertFalse(self._designs_messages(self.lead), "nothing was sent")
        self.assertEqual(self._log_lines(self.lead), [])
        self.assertEqual(wizard.attachment_ids.res_model, WIZARD, "the designs stay in the wizard")
        # an ordinary lead's e-mail may say it all
        self.lead.is_surprise = False
        self._designs(self.lead).action_confirm()
        self.assertIn("A ring for Clara's engagement.", html.unescape(self._designs_messages(self.lead).body))


class EscapingScenarios(VisitCloseCourse):
    """Names and notes typed at the counter reach the e-mail and the lead's history as text, never as HTML."""

    NAME = '<script>alert(1)</script> Tom & "Jerry"'

    def _lead(self, **values):
        vals = {"name": "Ring", "contact_name": self.NAME, "email_from": "tom.jerry@example.com",
                "recipient_name": "<b>Clara</b>", "occasion": "birthday", "user_id": self.nadia.id}
        vals.update(values)
        return self.env["crm.lead"].create(vals)

    @staticmethod
    def _text(body):
        return " ".join(" ".join(etree.fromstring("<div>%s</div>" % body, etree.HTMLParser()).itertext()).split())

    def test_the_template_renders_names_escaped(self):
        template = self.env.ref("jewellery_followup.mail_template_designs")
        body = self.render_template(template, "body_html", self._lead())
        self.assertIn("Dear &lt;script&gt;alert(1)&lt;/script&gt; Tom &amp; ", body)
        self.assertIn(self.template_quotes("with &lt;b&gt;Clara&lt;/b&gt;'s birthday in mind"), body)
        self.assertNotIn("<script>", body)
        self.assertNotIn("<b>Clara", body)
        self.assertIn('Dear <script>alert(1)</script> Tom & "Jerry",', self._text(body))

    def test_the_designs_email_sent_from_the_wizard_shows_the_names_as_typed(self):
        lead = self._lead()
        design = self._upload("ring.png", b"x", user=self.nadia)
        self._wizard(lead, user=self.nadia, next_step="designs",
                     attachment_ids=[(6, 0, design.ids)]).action_confirm()
        message = lead.message_ids.filtered(lambda m: "did not have in stock" in (m.subject or ""))
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt; Tom &amp; ", message.body)
        text = self._text(message.body)
        self.assertIn('Dear <script>alert(1)</script> Tom & "Jerry",', text)
        self.assertIn("Thank you for coming in today with <b>Clara</b>'s birthday in mind.", text)
        outgoing = self.env["mail.mail"].sudo().search([("mail_message_id", "=", message.id)])
        self.assertTrue(outgoing)
        for mail in outgoing:
            self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt; Tom &amp; ", mail.body_html)
            self.assertNotIn("<script>", mail.body_html)

    def test_the_visit_log_shows_the_counter_note_and_file_names_as_typed(self):
        lead = self._lead()
        design = self._upload('<img src=x onerror="alert(2)">.png', b"x", user=self.nadia)
        self._wizard(lead, user=self.nadia, next_step="designs", attachment_ids=[(6, 0, design.ids)],
                     note='Said <script>alert(3)</script> & "maybe"').action_confirm()
        log, = lead.message_ids.filtered(lambda m: "Visit ended without a sale" in (m.body or ""))
        self.assertIn("&lt;script&gt;alert(3)&lt;/script&gt; &amp; ", log.body)
        self.assertIn("&lt;img src=x onerror=", log.body)
        self.assertNotIn("<img", log.body)
        text = self._text(log.body)
        self.assertIn('Counter note: Said <script>alert(3)</script> & "maybe"', text)
        self.assertIn('(<img src=x onerror="alert(2)">.png)', text)
