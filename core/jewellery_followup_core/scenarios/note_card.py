# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The handwritten-note card: the wording to copy by hand, the envelope and the signature, as the salesperson who
prints it reads it; the envelope follows the lead's delivery choice (a surprise is never posted home by default);
names and text typed at the counter are printed as text, never run as HTML; the PDF (wkhtmltopdf) says the same,
read back by poppler's pdftotext. (The card as a picture is checked by the 11.0 browser tests.)"""
import re
import subprocess

import lxml.html
from lxml import etree

from jewellery_followup_core.odoo_store import through_engine

NOTE_CARD = "jewellery_followup.jewellery_followup_note_card_report"
SCRIPT = ("Dear Tom,\n\nThank you for coming in. The 1.20 ct round diamond is still here,\n"
          "and it is exactly the colour and clarity Clara wants.")
WORK_ADDRESS = "Harbour Bank, 3rd floor\n5 Quai des Usines\n1000 Brussels"


def text_of(element):
    return re.sub(r"\s+", " ", " ".join(element.itertext()))


def pdf_text(pdf):
    """The text of every page of a PDF, in reading order, with runs of white space as one space."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, stdout=subprocess.PIPE,
                          check=True).stdout.decode("utf-8")
    return re.sub(r"\s+", " ", text).strip()


def pdf_words(pdf):
    """[(word, (x_min, y_min, x_max, y_max), page number, (page width, page height))], in points, in the order they
    are printed."""
    html = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", "-", "-"], input=pdf, stdout=subprocess.PIPE,
                          check=True).stdout
    words = []
    for number, page in enumerate(etree.fromstring(html, etree.HTMLParser()).iter("page")):
        size = float(page.get("width")), float(page.get("height"))
        for word in page.iter("word"):
            box = tuple(float(word.get(key)) for key in ("xmin", "ymin", "xmax", "ymax"))
            words.append((word.text or "", box, number, size))
    return words


def printed_below_and_right_of(pdf, label):
    """The words printed from ``label`` on, below it and no further left: the envelope's side, whether the card's
    two halves are printed side by side or (without their stylesheet) one above the other."""
    words = pdf_words(pdf)
    first = [index for index, (word, _box, _page, _size) in enumerate(words) if word == label][0]
    _word, (left, top, _right, _bottom), page, _size = words[first]
    return " ".join(word for word, (x, y, _right, _bottom), number, _size in words[first:]
                    if x >= left - 1 and (number > page or y >= top - 1))


def divs(html, css_class):
    return lxml.html.fromstring(html).xpath(
        "//div[contains(concat(' ', @class, ' '), ' %s ')]" % css_class)


class NoteCardFixtures(object):
    """Nadia Brooks, a salesperson ("own documents only"), and her customer Tom Reyes, who lives in Brussels."""

    @classmethod
    def setUpClass(cls):
        super(NoteCardFixtures, cls).setUpClass()
        cls.report = cls.env.ref(NOTE_CARD)
        cls.nadia = cls.make_user("Nadia Brooks", "sales_team.group_sale_salesman")
        cls.lead = cls.env["crm.lead"].create({
            "name": "Engagement ring for Clara",
            "contact_name": "Tom Reyes",
            "street": "12 Rue de la Loi",
            "street2": "Apartment 4",
            "zip": "1000",
            "city": "Brussels",
            "country_id": cls.env.ref("base.be").id,
            "user_id": cls.nadia.id,
            "recipient_name": "Clara",
        })

    def note_attempt(self, lead, script_text=SCRIPT, user=None):
        """A note the engine wrote for ``lead``, with a wording the test chooses."""
        return through_engine(self.env["jewellery.followup.attempt"]).create({
            "lead_id": lead.id,
            "attempt_no": lead.followup_contact_count + 1,
            "kind": "note",
            "user_id": (user or lead.user_id).id,
            "script_text": script_text,
        })

    def card_html(self, attempt, user=None):
        return self.report_html(NOTE_CARD, attempt, user or self.nadia)

    def card(self, attempt, user=None):
        """The text of the card as the salesperson who prints it reads it."""
        cards = divs(self.card_html(attempt, user), "o_jewellery_note_card")
        self.assertEqual(len(cards), len(attempt))
        return text_of(cards[0])

    def envelope(self, lead):
        """The envelope side of the card Nadia prints: (text as read, raw HTML)."""
        attempt = lead.followup_attempt_ids.filtered(lambda a: a.state == "scheduled") or self.note_attempt(lead)
        envelope, = divs(self.card_html(attempt), "o_jewellery_note_card_envelope")
        return text_of(envelope), lxml.html.tostring(envelope, encoding="unicode")

    def choose(self, lead, **values):
        """Nadia records on her lead how the customer wants the card delivered."""
        self.as_user(lead, self.nadia).write(values)
        self.fresh()


class NoteCardScenarios(NoteCardFixtures):

    def test_the_card_shows_the_wording_the_envelope_and_the_signature(self):
        page = self.card(self.note_attempt(self.lead))
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
        walk_in = self.env["crm.lead"].create({"name": "Walk-in", "user_id": self.nadia.id})
        page = self.card(self.note_attempt(walk_in, script_text=False, user=self.nadia))
        self.assertIn("No postal address on the lead", page)
        self.assertIn("No name on the lead", page)
        self.assertIn("This attempt has no wording yet", page)
        self.assertIn("Professionally, Nadia Brooks", page)
        for junk in ("False", "None"):
            self.assertNotIn(junk, page)

    def test_the_customer_address_is_used_when_the_lead_has_none(self):
        partner = self.env["res.partner"].create({
            "name": "Marc Olsen", "street": "4 Harbour Row", "zip": "8000", "city": "Aarhus",
            "country_id": self.env.ref("base.dk").id})
        lead = self.env["crm.lead"].create({"name": "Cufflinks", "partner_id": partner.id, "user_id": self.nadia.id})
        lead.write({"street": False, "zip": False, "city": False, "country_id": False})
        page = self.card(self.note_attempt(lead))
        for line in ("Marc Olsen", "4 Harbour Row", "8000 Aarhus", "Denmark"):
            self.assertIn(line, page)

    def test_a_signed_wording_is_not_signed_twice(self):
        page = self.card(self.note_attempt(self.lead, script_text=SCRIPT + "\n\nProfessionally,\nNadia Brooks"))
        self.assertEqual(page.count("Professionally,"), 1)

    def test_the_note_the_engine_schedules_after_an_unanswered_call_prints_once_signed(self):
        lead = self.lead_of(self.salesperson, zip="97201")
        self.start(lead)
        self.answer(lead, "2027-03-09")
        self.run_cron("2027-03-11")
        note = self.scheduled(lead)
        self.assertEqual(note.kind, "note")
        card = self.card(note, self.salesperson)
        self.assertIn("Dear Tom Reyes,", card)
        self.assertIn("It is just what Clara has been hoping for", card)
        self.assertEqual(card.count("Professionally,"), 1, "the wording already carries the signature")
        self.assertIn("Professionally, Nora Lindqvist", card)
        self.assertIn("Envelope Tom Reyes 18 Orchard Lane", card)
        self.assertIn("97201 Portland", card.split("Envelope", 1)[1])
        self.assertNotIn("False", card)

    def test_a_surprise_the_engine_schedules_is_never_posted_home(self):
        lead = self.lead_of(self.salesperson, is_surprise=True)
        self.start(lead)
        self.answer(lead, "2027-03-09")
        self.run_cron("2027-03-11")
        card = self.card(self.scheduled(lead), self.salesperson)
        self.assertIn("Do not post: call Tom Reyes to arrange delivery.", card)
        self.assertNotIn("18 Orchard Lane", card)


class NoteCardDeliveryScenarios(NoteCardFixtures):
    """The envelope follows the lead's delivery choice; a surprise is never posted home by default."""

    def test_an_ordinary_lead_is_posted_home_as_before(self):
        text, _raw = self.envelope(self.lead)
        self.assertIn("Tom Reyes 12 Rue de la Loi Apartment 4 1000 Brussels Belgium", text)
        self.assertNotIn("Do not post", text)

    def test_a_work_address_replaces_the_home_address_on_the_envelope(self):
        self.choose(self.lead, followup_delivery="work", followup_delivery_address=WORK_ADDRESS)
        text, _raw = self.envelope(self.lead)
        self.assertIn("Tom Reyes Harbour Bank, 3rd floor 5 Quai des Usines 1000 Brussels", text)
        self.assertNotIn("12 Rue de la Loi", text)
        self.assertNotIn("Do not post", text)

    def test_a_pick_up_in_store_names_the_store_and_the_counter(self):
        self.choose(self.lead, followup_delivery="store")
        text, _raw = self.envelope(self.lead)
        self.assertIn("Tom Reyes %s To be collected at the counter" % self.lead.company_id.name, text)
        self.assertIn("Do not post: keep it at the counter until Tom Reyes collects it.", text)
        self.assertNotIn("12 Rue de la Loi", text)

    def test_a_surprise_without_a_choice_has_no_address_and_says_call_the_customer(self):
        self.choose(self.lead, is_surprise=True)
        text, raw = self.envelope(self.lead)
        self.assertIn("Do not post: call Tom Reyes to arrange delivery.", text)
        self.assertIn("never goes to the home address", text)
        for home in ("12 Rue de la Loi", "Apartment 4", "1000 Brussels", "Belgium"):
            self.assertNotIn(home, text)
        self.assertNotIn("<address", raw, "no address block at all")
        self.assertNotIn("Clara", text)

    def test_a_surprise_goes_to_the_work_address_or_the_counter_the_customer_chose(self):
        self.choose(self.lead, is_surprise=True, followup_delivery="work", followup_delivery_address=WORK_ADDRESS)
        text, _raw = self.envelope(self.lead)
        self.assertIn("Tom Reyes Harbour Bank, 3rd floor 5 Quai des Usines 1000 Brussels", text)
        self.assertNotIn("12 Rue de la Loi", text)
        self.choose(self.lead, followup_delivery="store")
        text, _raw = self.envelope(self.lead)
        self.assertIn("To be collected at the counter", text)
        self.assertNotIn("12 Rue de la Loi", text)

    def test_a_surprise_sent_to_work_without_a_work_address_is_not_posted_home(self):
        self.choose(self.lead, is_surprise=True, followup_delivery="work", followup_delivery_address=" \n ")
        text, _raw = self.envelope(self.lead)
        self.assertIn("Do not post: call Tom Reyes to arrange delivery.", text)
        self.assertNotIn("12 Rue de la Loi", text)

    def test_an_ordinary_lead_sent_to_work_without_the_address_asks_for_it(self):
        self.choose(self.lead, followup_delivery="work")
        text, _raw = self.envelope(self.lead)
        self.assertIn("No work address on the lead: add it before writing the envelope.", text)
        self.assertNotIn("12 Rue de la Loi", text)

    def test_the_envelope_names_the_customer_never_the_recipient(self):
        lead = self.env["crm.lead"].create({
            "name": "Ring", "recipient_name": "Clara", "street": "12 Rue de la Loi", "city": "Brussels",
            "user_id": self.nadia.id})
        text, _raw = self.envelope(lead)
        self.assertIn("No name on the lead", text)
        self.assertNotIn("Clara", text)


class NoteCardEscapingScenarios(NoteCardFixtures):
    """Names and text typed at the counter are printed as text, never run as HTML."""

    NAME = '<script>alert(1)</script> Tom & "Jerry"'

    def typed_lead(self, **values):
        vals = {"name": "Ring", "contact_name": self.NAME, "user_id": self.nadia.id,
                "street": "12 <b>Rue</b> de la Loi", "city": "Brussels"}
        vals.update(values)
        return self.env["crm.lead"].create(vals)

    def test_the_card_escapes_the_customer_name_the_address_and_the_wording(self):
        attempt = self.note_attempt(self.typed_lead(),
                                    script_text="Dear <i>Tom</i> & co,\n<img src=x onerror=alert(2)>")
        content = self.card_html(attempt)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt; Tom &amp; ", content)
        self.assertIn("12 &lt;b&gt;Rue&lt;/b&gt; de la Loi", content)
        self.assertIn("Dear &lt;i&gt;Tom&lt;/i&gt; &amp; co,", content)
        self.assertIn("&lt;img src=x onerror=alert(2)&gt;", content)
        self.assertNotIn("<script>alert(1)", content)
        self.assertIn('<script>alert(1)</script> Tom & "Jerry" 12 <b>Rue</b> de la Loi Brussels',
                      self.card(attempt))

    def test_the_do_not_post_line_escapes_the_customer_name(self):
        content = self.card_html(self.note_attempt(self.typed_lead(is_surprise=True)))
        self.assertIn("Do not post: call &lt;script&gt;alert(1)&lt;/script&gt; Tom &amp; ", content)
        self.assertNotIn("<script>alert(1)", content)


class NoteCardPdfScenarios(NoteCardFixtures):
    """The card printed by wkhtmltopdf as Nadia prints it, read back as text."""

    # wkhtmltopdf fetches the report's styles from the running server (Odoo 17 to 19 run one for an HttpCase)
    needs_http_server = True

    def printed(self, attempt):
        pdf = self.report_pdf(NOTE_CARD, attempt, self.nadia)
        self.assertTrue(pdf.startswith(b"%PDF"))
        return pdf

    @staticmethod
    def envelope_side(pdf):
        return printed_below_and_right_of(pdf, "Envelope")

    def test_the_card_of_a_started_chain_prints(self):
        lead = self.lead_of(self.nadia, name="Ring")
        self.start(lead)
        self.assertIn("Tom Reyes", self.envelope_side(self.printed(self.scheduled(lead))))

    def test_the_pdf_is_a_real_pdf_with_the_address_and_the_signature(self):
        text = pdf_text(self.printed(self.note_attempt(self.lead)))
        for expected in ("Professionally,", "Nadia Brooks", "Tom Reyes", "12 Rue de la Loi", "1000 Brussels",
                         "Belgium", "Clara wants."):
            self.assertIn(expected, text)

    def test_the_surprise_pdf_shows_neither_the_home_street_nor_the_recipient_on_the_envelope(self):
        self.choose(self.lead, is_surprise=True)
        pdf = self.printed(self.note_attempt(self.lead))
        text = pdf_text(pdf)
        self.assertIn("Clara wants.", text, "the wording inside the card may name her")
        self.assertNotIn("12 Rue de la Loi", text)
        self.assertNotIn("Apartment 4", text)
        envelope = self.envelope_side(pdf)
        self.assertIn("Do not post: call Tom Reyes to arrange delivery.", envelope)
        self.assertNotIn("Clara", envelope)

    def test_the_work_address_pdf_prints_it_on_the_envelope(self):
        self.choose(self.lead, is_surprise=True, followup_delivery="work", followup_delivery_address=WORK_ADDRESS)
        envelope = self.envelope_side(self.printed(self.note_attempt(self.lead)))
        for line in ("Tom Reyes", "Harbour Bank, 3rd floor", "5 Quai des Usines", "1000 Brussels"):
            self.assertIn(line, envelope)
        self.assertNotIn("12 Rue de la Loi", envelope)
        self.assertNotIn("Clara", envelope)

    def test_the_pdf_prints_the_names_as_typed(self):
        lead = self.env["crm.lead"].create({
            "name": "Ring", "contact_name": '<script>alert(1)</script> Tom & "Jerry"', "user_id": self.nadia.id,
            "street": "12 <b>Rue</b> de la Loi", "city": "Brussels"})
        text = pdf_text(self.printed(self.note_attempt(lead)))
        self.assertIn('<script>alert(1)</script> Tom & "Jerry"', text)
        self.assertIn("12 <b>Rue</b> de la Loi", text)
