import lxml.html

from odoo.tests import HttpCase, tagged

from .common import FollowupCase


@tagged("post_install", "-at_install")
class TestNoteCard(FollowupCase):
    """The handwritten note's card, rendered by Odoo 18's report engine: the wording to copy on the left, the
    envelope on the right; a surprise is never posted home."""

    def card_text(self, attempt):
        html, _format = self.env["ir.actions.report"].with_user(self.salesperson)._render_qweb_html(
            "jewellery_followup.jewellery_followup_note_card_report", attempt.ids)
        return " ".join(lxml.html.fromstring(html).text_content().split())

    def note_of(self, lead):
        self.start(lead)
        self.answer(lead, "2027-03-09")
        self.run_cron("2027-03-11")
        return self.scheduled(lead)

    def test_the_card_carries_the_wording_and_the_envelope(self):
        note = self.note_of(self.make_lead(zip="97201"))
        text = self.card_text(note)
        self.assertIn("Dear Tom Reyes,", text)
        self.assertIn("It is just what Clara has been hoping for", text)
        self.assertIn("Professionally, Nora Lindqvist", text)
        self.assertIn("Envelope Tom Reyes 18 Orchard Lane", text)
        self.assertIn("97201 Portland", text)
        self.assertNotIn("False", text)

    def test_a_surprise_is_never_posted_home(self):
        note = self.note_of(self.make_lead(is_surprise=True))
        text = self.card_text(note)
        self.assertIn("Do not post: call Tom Reyes to arrange delivery.", text)
        self.assertNotIn("18 Orchard Lane", text)


@tagged("post_install", "-at_install")
class TestNoteCardPdf(HttpCase):
    """The card prints as a PDF through wkhtmltopdf, which fetches the report's styles from the running server
    (an HTTP test: a plain transaction test has no server to answer it)."""

    def test_the_pdf_prints(self):
        lead = self.env["crm.lead"].create({"name": "Ring", "contact_name": "Tom Reyes", "street": "18 Orchard Lane",
                                            "email_from": "tom@example.com"})
        lead.action_start_followup()
        attempt = lead.followup_attempt_ids
        # Odoo's test mode renders reports as HTML unless told to print them (wkhtmltopdf, as Odoo 18 expects)
        pdf, kind = self.env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
            "jewellery_followup.jewellery_followup_note_card_report", attempt.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
