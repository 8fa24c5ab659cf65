"""The handwritten-note card: the wording to copy by hand, the envelope address and the signature, as HTML and PDF."""
import re
import tempfile

import lxml.html
from browser_pdf import pdf_text
from followup_common import FollowupCase

from jewellery_followup_core.odoo_store import through_engine
from odoo.tests.common import SavepointCase
from odoo.tools import config

SCRIPT = ("Dear Tom,\n\nThank you for coming in. The 1.20 ct round diamond is still here,\n"
          "and it is exactly the colour and clarity Clara wants.")


class NoteCardCase(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.report = cls.env.ref("jewellery_followup.jewellery_followup_note_card_report")
        cls.salesperson = cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Nadia Brooks",
            "login": "nadia.brooks.card",
            "email": "nadia.brooks@example.com",
            "groups_id": [(6, 0, [cls.env.ref("sales_team.group_sale_salesman").id])],
        })
        cls.lead = cls.env["crm.lead"].create({
            "name": "Engagement ring for Clara",
            "contact_name": "Tom Reyes",
            "street": "12 Rue de la Loi",
            "street2": "Apartment 4",
            "zip": "1000",
            "city": "Brussels",
            "country_id": cls.env.ref("base.be").id,
            "user_id": cls.salesperson.id,
            "recipient_name": "Clara",
        })

    def _attempt(self, lead, script_text=SCRIPT, user=None):
        # a note card's fixture: the attempt as the engine writes it, with a wording chosen by the test
        return through_engine(self.env["jewellery.followup.attempt"]).create({
            "lead_id": lead.id,
            "attempt_no": lead.followup_contact_count + 1,
            "kind": "note",
            "user_id": (user or lead.user_id).id,
            "script_text": script_text,
        })

    def _html(self, attempt, user=None):
        """The text of the rendered card, as a reader sees it."""
        content, _format = self.report.sudo(user or self.env.user).render_qweb_html(attempt.ids)
        cards = lxml.html.fromstring(content).xpath(
            "//div[contains(concat(' ', @class, ' '), ' o_jewellery_note_card ')]")
        self.assertEqual(len(cards), len(attempt))
        return re.sub(r"\s+", " ", " ".join(cards[0].itertext()))

    def _pdf(self, attempt, user=None):
        # pytest-odoo sets test_enable, under which Odoo returns the HTML instead of calling wkhtmltopdf;
        # a report directory is Odoo's own switch to render the real PDF in tests.
        with tempfile.TemporaryDirectory() as directory:
            previous = config["test_report_directory"]
            config["test_report_directory"] = directory
            try:
                pdf, report_format = self.report.sudo(user or self.env.user).render_qweb_pdf(attempt.ids)
            finally:
                config["test_report_directory"] = previous
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        # The text as poppler reads it. The card as a picture is checked where a real server prints it with its
        # stylesheet (test_browser_salesperson): here wkhtmltopdf has no server to fetch it from.
        return pdf_text(pdf)


class TestNoteCard(NoteCardCase):

    def test_the_card_shows_the_wording_the_envelope_and_the_signature(self):
        page = self._html(self._attempt(self.lead))
        self.assertIn("The 1.20 ct round diamond is still here,", page)
        self.assertIn("exactly the colour and clarity Clara wants.", page)
        self.assertIn("Professionally, Nadia Brooks", page)
        for line in ("Tom Reyes", "12 Rue de la Loi", "Apartment 4", "1000 Brussels", "Belgium"):
            self.assertIn(line, page)
        self.assertNotIn("No postal address", page)

    def test_the_card_is_printed_from_the_attempt(self):
        self.assertEqual(self.report.model, "jewellery.followup.attempt")
        self.assertEqual(self.report.report_type, "qweb-pdf")
        self.assertEqual(self.report.report_name, "jewellery_followup.report_note_card")
        self.assertEqual(self.report.binding_model_id.model, "jewellery.followup.attempt")

    def test_missing_fields_give_sensible_text(self):
        lead = self.env["crm.lead"].create({"name": "Walk-in"})
        page = self._html(self._attempt(lead, script_text=False, user=self.env.user))
        self.assertIn("No postal address on the lead", page)
        self.assertIn("No name on the lead", page)
        self.assertIn("This attempt has no wording yet", page)
        self.assertIn("Professionally,", page)
        self.assertIn(self.env.user.name, page)
        for junk in ("False", "None"):
            self.assertNotIn(junk, page)

    def test_the_customer_address_is_used_when_the_lead_has_none(self):
        partner = self.env["res.partner"].create({
            "name": "Marc Olsen", "street": "4 Harbour Row", "zip": "8000", "city": "Aarhus",
            "country_id": self.env.ref("base.dk").id})
        lead = self.env["crm.lead"].create({"name": "Cufflinks", "partner_id": partner.id,
                                            "user_id": self.salesperson.id})
        lead.write({"street": False, "zip": False, "city": False, "country_id": False})
        page = self._html(self._attempt(lead))
        for line in ("Marc Olsen", "4 Harbour Row", "8000 Aarhus", "Denmark"):
            self.assertIn(line, page)

    def test_a_signed_wording_is_not_signed_twice(self):
        page = self._html(self._attempt(self.lead, script_text=SCRIPT + "\n\nProfessionally,\nNadia Brooks"))
        self.assertEqual(page.count("Professionally,"), 1)

    def test_the_pdf_is_a_real_pdf_with_the_address_and_the_signature(self):
        text = self._pdf(self._attempt(self.lead))
        for expected in ("Professionally,", "Nadia Brooks", "Tom Reyes", "12 Rue de la Loi", "1000 Brussels",
                         "Belgium", "Clara wants."):
            self.assertIn(expected, text)


WORK_ADDRESS = "Harbour Bank, 3rd floor\n5 Quai des Usines\n1000 Brussels"


class TestNoteCardDelivery(NoteCardCase):
    """The envelope follows the lead's delivery choice; a surprise is never posted home by default.
    Rendered as the lead's salesperson, who prints the card."""

    def _envelope(self, lead, user=None):
        """The envelope side of the card printed by the salesperson: (text as read, raw HTML)."""
        attempt = lead.followup_attempt_ids.filtered(lambda a: a.state == "scheduled") or self._attempt(lead)
        content, _format = self.report.sudo(user or self.salesperson).render_qweb_html(attempt.ids)
        envelope, = lxml.html.fromstring(content).xpath(
            "//div[contains(concat(' ', @class, ' '), ' o_jewellery_note_card_envelope ')]")
        text = re.sub(r"\s+", " ", " ".join(envelope.itertext()))
        return text, lxml.html.tostring(envelope, encoding="unicode")

    def test_an_ordinary_lead_is_posted_home_as_before(self):
        text, _raw = self._envelope(self.lead)
        self.assertIn("Tom Reyes 12 Rue de la Loi Apartment 4 1000 Brussels Belgium", text)
        self.assertNotIn("Do not post", text)

    def test_a_work_address_replaces_the_home_address_on_the_envelope(self):
        self.lead.write({"followup_delivery": "work", "followup_delivery_address": WORK_ADDRESS})
        text, _raw = self._envelope(self.lead)
        self.assertIn("Tom Reyes Harbour Bank, 3rd floor 5 Quai des Usines 1000 Brussels", text)
        self.assertNotIn("12 Rue de la Loi", text)
        self.assertNotIn("Do not post", text)

    def test_a_pick_up_in_store_names_the_store_and_the_counter(self):
        self.lead.write({"followup_delivery": "store"})
        text, _raw = self._envelope(self.lead)
        self.assertIn("Tom Reyes %s To be collected at the counter" % self.lead.company_id.name, text)
        self.assertIn("Do not post: keep it at the counter until Tom Reyes collects it.", text)
        self.assertNotIn("12 Rue de la Loi", text)

    def test_a_surprise_without_a_choice_has_no_address_and_says_call_the_customer(self):
        self.lead.write({"is_surprise": True})
        text, raw = self._envelope(self.lead)
        self.assertIn("Do not post: call Tom Reyes to arrange delivery.", text)
        self.assertIn("never goes to the home address", text)
        for home in ("12 Rue de la Loi", "Apartment 4", "1000 Brussels", "Belgium"):
            self.assertNotIn(home, text)
        self.assertNotIn("<address", raw, "no address block at all")
        self.assertNotIn("Clara", text)

    def test_a_surprise_goes_to_the_work_address_or_the_counter_the_customer_chose(self):
        self.lead.write({"is_surprise": True, "followup_delivery": "work",
                         "followup_delivery_address": WORK_ADDRESS})
        text, _raw = self._envelope(self.lead)
        self.assertIn("Tom Reyes Harbour Bank, 3rd floor 5 Quai des Usines 1000 Brussels", text)
        self.assertNotIn("12 Rue de la Loi", text)
        self.lead.write({"followup_delivery": "store"})
        text, _raw = self._envelope(self.lead)
        self.assertIn("To be collected at the counter", text)
        self.assertNotIn("12 Rue de la Loi", text)

    def test_a_surprise_sent_to_work_without_a_work_address_is_not_posted_home(self):
        self.lead.write({"is_surprise": True, "followup_delivery": "work", "followup_delivery_address": " \n "})
        text, _raw = self._envelope(self.lead)
        self.assertIn("Do not post: call Tom Reyes to arrange delivery.", text)
        self.assertNotIn("12 Rue de la Loi", text)

    def test_an_ordinary_lead_sent_to_work_without_the_address_asks_for_it(self):
        self.lead.write({"followup_delivery": "work"})
        text, _raw = self._envelope(self.lead)
        self.assertIn("No work address on the lead: add it before writing the envelope.", text)
        self.assertNotIn("12 Rue de la Loi", text)

    def test_the_envelope_names_the_customer_never_the_recipient(self):
        lead = self.env["crm.lead"].create({
            "name": "Ring", "recipient_name": "Clara", "street": "12 Rue de la Loi", "city": "Brussels",
            "user_id": self.salesperson.id})
        text, _raw = self._envelope(lead)
        self.assertIn("No name on the lead", text)
        self.assertNotIn("Clara", text)

    def test_the_surprise_pdf_shows_neither_the_home_street_nor_the_recipient_on_the_envelope(self):
        self.lead.write({"is_surprise": True})
        text = self._pdf(self._attempt(self.lead), user=self.salesperson)
        self.assertIn("Clara wants.", text, "the wording inside the card may name her")
        self.assertNotIn("12 Rue de la Loi", text)
        self.assertNotIn("Apartment 4", text)
        envelope = text.split("Envelope", 1)[1]
        self.assertIn("Do not post: call Tom Reyes to arrange delivery.", envelope)
        self.assertNotIn("Clara", envelope)

    def test_the_work_address_pdf_prints_it_on_the_envelope(self):
        self.lead.write({"is_surprise": True, "followup_delivery": "work",
                         "followup_delivery_address": WORK_ADDRESS})
        envelope = self._pdf(self._attempt(self.lead), user=self.salesperson).split("Envelope", 1)[1]
        for line in ("Tom Reyes", "Harbour Bank, 3rd floor", "5 Quai des Usines", "1000 Brussels"):
            self.assertIn(line, envelope)
        self.assertNotIn("12 Rue de la Loi", envelope)
        self.assertNotIn("Clara", envelope)


class TestNoteCardEscaping(NoteCardCase):
    """Names and text typed at the counter are printed as text, never run as HTML."""

    NAME = '<script>alert(1)</script> Tom & "Jerry"'

    def _lead(self, **values):
        vals = {"name": "Ring", "contact_name": self.NAME, "user_id": self.salesperson.id,
                "street": "12 <b>Rue</b> de la Loi", "city": "Brussels"}
        vals.update(values)
        return self.env["crm.lead"].create(vals)

    def test_the_card_escapes_the_customer_name_the_address_and_the_wording(self):
        attempt = self._attempt(self._lead(), script_text="Dear <i>Tom</i> & co,\n<img src=x onerror=alert(2)>")
        content, _format = self.report.sudo(self.salesperson).render_qweb_html(attempt.ids)
        content = content.decode() if isinstance(content, bytes) else content
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt; Tom &amp; ", content)
        self.assertIn("12 &lt;b&gt;Rue&lt;/b&gt; de la Loi", content)
        self.assertIn("Dear &lt;i&gt;Tom&lt;/i&gt; &amp; co,", content)
        self.assertIn("&lt;img src=x onerror=alert(2)&gt;", content)
        self.assertNotIn("<script>alert(1)", content)
        page = self._html(attempt, user=self.salesperson)
        self.assertIn('<script>alert(1)</script> Tom & "Jerry" 12 <b>Rue</b> de la Loi Brussels', page)

    def test_the_do_not_post_line_escapes_the_customer_name(self):
        attempt = self._attempt(self._lead(is_surprise=True))
        content, _format = self.report.sudo(self.salesperson).render_qweb_html(attempt.ids)
        content = content.decode() if isinstance(content, bytes) else content
        self.assertIn("Do not post: call &lt;script&gt;alert(1)&lt;/script&gt; Tom &amp; ", content)
        self.assertNotIn("<script>alert(1)", content)

    def test_the_pdf_prints_the_names_as_typed(self):
        text = self._pdf(self._attempt(self._lead()), user=self.salesperson)
        self.assertIn('<script>alert(1)</script> Tom & "Jerry"', text)
        self.assertIn("12 <b>Rue</b> de la Loi", text)


class TestNoteCardFromTheChain(FollowupCase):

    def test_the_note_the_engine_schedules_after_an_unanswered_call_prints_once_signed(self):
        lead = self.make_lead()
        self.start(lead)
        self.answer(lead, "2027-03-09")
        self.run_cron("2027-03-11")
        note = self.scheduled(lead)
        self.assertEqual(note.kind, "note")
        report = self.env.ref("jewellery_followup.jewellery_followup_note_card_report")
        content, _format = report.render_qweb_html(note.ids)
        card = re.sub(r"\s+", " ", " ".join(lxml.html.fromstring(content).xpath(
            "//div[contains(concat(' ', @class, ' '), ' o_jewellery_note_card ')]")[0].itertext()))
        self.assertIn("Dear Tom Reyes,", card)
        self.assertIn("Clara", card)
        self.assertEqual(card.count("Professionally,"), 1, "the wording already carries the signature")
        self.assertIn("Professionally, Nora Lindqvist", card)
        for line in ("Tom Reyes", "18 Orchard Lane", "Portland"):
            self.assertIn(line, card.split("Envelope", 1)[1])
