"""What the customer reads is in the customer's language: the wording of each touch and the card's signature.

The French texts are given to Odoo 18 as translations of the records (the step's script, the signature's view),
since the fixture must not depend on which .po files the addon ships.
"""
from odoo.tests import tagged
import re

import lxml.html
from .common import FollowupCase

CALL = "jewellery_followup.step_second_chance_call"
NOTE = "jewellery_followup.step_second_chance_note"
FRENCH_CALL = "Bonjour {customer}, ici {salesperson}. Nous pensons encore à {recipient}."


@tagged("post_install", "-at_install")
class TestCustomerLanguage(FollowupCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env.ref(CALL).with_context(lang="fr_FR").script = FRENCH_CALL
        cls.env.ref(NOTE).with_context(lang="fr_FR").script = "Chère {customer}, la pièce vous attend."
        signature = cls.env.ref("jewellery_followup.report_note_card_signature")
        signature.update_field_translations("arch_db", {"fr_FR": {"Professionally,<br/>": "Bien à vous,<br/>"}})
        cls.french = cls.env["res.partner"].create({"name": "Amélie Roux", "lang": "fr_FR"})
        cls.english = cls.env["res.partner"].create({"name": "Tom Reyes", "lang": "en_US"})

    def test_the_call_is_worded_in_the_customers_language(self):
        # (the fallback words of an empty field are code terms, which Odoo 18 reads from .po files only)
        french = self.make_lead(partner_id=self.french.id, contact_name="Amélie Roux", recipient_name="Léa")
        english = self.make_lead(partner_id=self.english.id, recipient_name=False)
        call = self.start(french)
        self.assertEqual(call.script_text, "Bonjour Amélie Roux, ici Nora Lindqvist. Nous pensons encore à Léa.")
        self.assertIn("Bonjour Amélie Roux", call.activity_id.note)
        self.assertTrue(self.start(english).script_text.startswith("Good morning Tom Reyes"))

    def test_the_note_card_signs_in_the_customers_language(self):
        lead = self.make_lead(partner_id=self.french.id, contact_name="Amélie Roux")
        self.reach_gift(lead)
        note = lead.followup_attempt_ids.filtered(lambda attempt: attempt.kind == "note")
        content, _format = self.env["ir.actions.report"]._render_qweb_html(
            "jewellery_followup.jewellery_followup_note_card_report", note.ids)
        card = re.sub(r"\s+", " ", " ".join(lxml.html.fromstring(content).itertext()))
        self.assertIn("Chère Amélie Roux, la pièce vous attend.", card)
        self.assertIn("Bien à vous, Nora Lindqvist", card)
        self.assertNotIn("Professionally,", card)
