"""The handwritten-note card: the wording to copy by hand, the envelope address and the signature, as HTML and PDF."""
import io
import re
import tempfile

import lxml.html
import PyPDF2
from PyPDF2.pdf import ContentStream

from followup_common import FollowupCase

from odoo.addons.jewellery_followup.models.jewellery_followup_engine import through_engine
from odoo.tests.common import SavepointCase
from odoo.tools import config

SCRIPT = ("Dear Tom,\n\nThank you for coming in. The 1.20 ct round diamond is still here,\n"
          "and it is exactly the colour and clarity Clara wants.")


def _cmap(font):
    """Glyph code -> text from a font's ToUnicode CMap (bfchar and bfrange)."""
    mapping = {}
    if "/ToUnicode" not in font:
        return mapping
    data = font["/ToUnicode"].getObject().getData().decode("latin-1")
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
            mapping[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for start, end, dst in re.findall(
                r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])", block):
            codes = range(int(start, 16), int(end, 16) + 1)
            if dst.startswith("["):
                targets = [bytes.fromhex(hexa).decode("utf-16-be") for hexa in re.findall(r"<([0-9a-fA-F]+)>", dst)]
            else:
                first = int(dst[1:-1], 16)
                targets = [chr(first + offset) for offset in range(len(codes))]
            mapping.update(zip(codes, targets))
    return mapping


def pdf_text(pdf):
    reader = PyPDF2.PdfFileReader(io.BytesIO(pdf))
    chunks = []
    for page in reader.pages:
        fonts = {name: _cmap(font.getObject())
                 for name, font in page["/Resources"].getObject().get("/Font", {}).items()}
        cmap = {}
        for operands, operator in ContentStream(page.getContents(), reader).operations:
            if operator == b"Tf":
                cmap = fonts.get(operands[0], {})
            elif operator in (b"Tj", b"TJ"):
                items = operands[0] if operator == b"TJ" else [operands[0]]
                for item in items:
                    if isinstance(item, (bytes, str)) and not isinstance(item, (int, float)):
                        raw = item if isinstance(item, bytes) else item.encode("latin-1")
                        codes = [int.from_bytes(raw[i:i + 2], "big") for i in range(0, len(raw), 2)]
                        chunks.append("".join(cmap.get(code, "") for code in codes))
                    elif isinstance(item, (int, float)) and item < -200:
                        chunks.append(" ")
            elif operator in (b"BT", b"T*") or (operator in (b"Td", b"TD") and operands[1]):
                chunks.append(" ")
    return re.sub(r"\s+", " ", "".join(chunks))


class TestNoteCard(SavepointCase):

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

    def _html(self, attempt):
        """The text of the rendered card, as a reader sees it."""
        content, _format = self.report.render_qweb_html(attempt.ids)
        cards = lxml.html.fromstring(content).xpath(
            "//div[contains(concat(' ', @class, ' '), ' o_jewellery_note_card ')]")
        self.assertEqual(len(cards), len(attempt))
        return re.sub(r"\s+", " ", " ".join(cards[0].itertext()))

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
        # pytest-odoo sets test_enable, under which Odoo returns the HTML instead of calling wkhtmltopdf;
        # a report directory is Odoo's own switch to render the real PDF in tests.
        with tempfile.TemporaryDirectory() as directory:
            previous = config["test_report_directory"]
            config["test_report_directory"] = directory
            try:
                pdf, report_format = self.report.render_qweb_pdf(self._attempt(self.lead).ids)
            finally:
                config["test_report_directory"] = previous
        self.assertEqual(report_format, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        text = pdf_text(pdf)
        for expected in ("Professionally,", "Nadia Brooks", "Tom Reyes", "12 Rue de la Loi", "1000 Brussels",
                         "Belgium", "Clara wants."):
            self.assertIn(expected, text)


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
