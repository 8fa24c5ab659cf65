"""What the customer reads is in the customer's language: the wording of each touch and the card's signature.

The French texts of the records are given to Odoo the way a translation file would (ir.translation), since the
fixture must not depend on which .po files the addon ships; the fallback words of an empty field are the core's,
from its own French catalogue.
"""
import re

import lxml.html
from followup_common import FollowupCase

CALL = "jewellery_followup.step_second_chance_call"
NOTE = "jewellery_followup.step_second_chance_note"
FRENCH_CALL = "Bonjour {customer}, ici {salesperson}. Nous pensons encore à {recipient}."


class TestCustomerLanguage(FollowupCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"].load_lang("fr_FR")
        cls.env.ref(CALL).with_context(lang="fr_FR").script = FRENCH_CALL
        cls.env.ref(NOTE).with_context(lang="fr_FR").script = "Chère {customer}, la pièce vous attend."
        translations = cls.env["ir.translation"]
        signature = cls.env.ref("jewellery_followup.report_note_card_signature")
        translations.create({
            "type": "model", "lang": "fr_FR", "state": "translated", "name": "ir.ui.view,arch_db",
            "res_id": signature.id, "src": "Professionally,<br/>", "value": "Bien à vous,<br/>"})
        translations.clear_caches()
        cls.french = cls.env["res.partner"].create({"name": "Amélie Roux", "lang": "fr_FR"})
        cls.english = cls.env["res.partner"].create({"name": "Tom Reyes", "lang": "en_US"})

    def test_the_call_is_worded_in_the_customers_language(self):
        french = self.make_lead(partner_id=self.french.id, contact_name="Amélie Roux", recipient_name=False)
        english = self.make_lead(partner_id=self.english.id, recipient_name=False)
        call = self.start(french)
        self.assertEqual(call.script_text, "Bonjour Amélie Roux, ici Nora Lindqvist. Nous pensons encore à "
                                           "la personne qui vous est chère.")
        self.assertIn("Bonjour Amélie Roux", call.activity_id.note)
        self.assertTrue(self.start(english).script_text.startswith("Good morning Tom Reyes"))

    def test_the_note_card_signs_in_the_customers_language(self):
        lead = self.make_lead(partner_id=self.french.id, contact_name="Amélie Roux")
        self.reach_gift(lead)
        note = lead.followup_attempt_ids.filtered(lambda attempt: attempt.kind == "note")
        report = self.env.ref("jewellery_followup.jewellery_followup_note_card_report")
        content, _format = report.render_qweb_html(note.ids)
        card = re.sub(r"\s+", " ", " ".join(lxml.html.fromstring(content).itertext()))
        self.assertIn("Chère Amélie Roux, la pièce vous attend.", card)
        self.assertIn("Bien à vous, Nora Lindqvist", card)
        self.assertNotIn("Professionally,", card)
