# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the customer reads: worded in the customer's language (each touch, the card's signature), and natural
whatever the counter staff managed to fill in.

The French texts of the records (a step's script, the signature's view) are given to Odoo as a translation would
be (``translate_record``, ``translate_terms``), since the fixture must not depend on which .po files the addon
ships; the fallback words of an empty field are the core's, from its own French catalogue."""
import re

import lxml.html

CALL = "jewellery_followup.step_second_chance_call"
NOTE = "jewellery_followup.step_second_chance_note"
GIFT = "jewellery_followup.step_second_chance_gift"
NOTE_CARD = "jewellery_followup.jewellery_followup_note_card_report"
FRENCH_CALL = "Bonjour {customer}, ici {salesperson}. Nous pensons encore à {recipient}."


def read_as_text(html):
    """A rendered page's text, as a reader sees it (runs of white space as one)."""
    return re.sub(r"\s+", " ", " ".join(lxml.html.fromstring(html).itertext()))


class CustomerLanguageScenarios(object):

    @classmethod
    def setUpClass(cls):
        super(CustomerLanguageScenarios, cls).setUpClass()
        cls.activate_lang("fr_FR")
        cls.translate_record(cls.env.ref(CALL), "script", "fr_FR", FRENCH_CALL)
        cls.translate_record(cls.env.ref(NOTE), "script", "fr_FR", "Chère {customer}, la pièce vous attend.")
        cls.translate_terms(cls.env.ref("jewellery_followup.report_note_card_signature"), "arch_db", "fr_FR",
                            {"Professionally,<br/>": "Bien à vous,<br/>"})
        cls.french = cls.env["res.partner"].create({"name": "Amélie Roux", "lang": "fr_FR"})
        cls.english = cls.env["res.partner"].create({"name": "Tom Reyes", "lang": "en_US"})

    def test_the_call_is_worded_in_the_customers_language(self):
        french = self.lead_of(self.salesperson, partner_id=self.french.id, contact_name="Amélie Roux",
                              recipient_name=False)
        named = self.lead_of(self.salesperson, partner_id=self.french.id, contact_name="Amélie Roux",
                             recipient_name="Léa")
        english = self.lead_of(self.salesperson, partner_id=self.english.id, recipient_name=False)
        call = self.start(french)
        # the recipient left empty: the core's French words for "your loved one"
        self.assertEqual(call.script_text, "Bonjour Amélie Roux, ici Nora Lindqvist. Nous pensons encore à "
                                           "la personne qui vous est chère.")
        self.assertIn("Bonjour Amélie Roux", call.activity_id.note)
        self.assertEqual(self.start(named).script_text,
                         "Bonjour Amélie Roux, ici Nora Lindqvist. Nous pensons encore à Léa.")
        self.assertTrue(self.start(english).script_text.startswith("Good morning Tom Reyes"))

    def test_the_note_card_signs_in_the_customers_language(self):
        lead = self.lead_of(self.salesperson, partner_id=self.french.id, contact_name="Amélie Roux")
        self.reach_gift(lead)
        note = lead.followup_attempt_ids.filtered(lambda attempt: attempt.kind == "note")
        card = read_as_text(self.report_html(NOTE_CARD, note, self.salesperson))
        self.assertIn("Chère Amélie Roux, la pièce vous attend.", card)
        self.assertIn("Bien à vous, Nora Lindqvist", card)
        self.assertNotIn("Professionally,", card)


class ScriptScenarios(object):
    """Scripts read naturally whatever the counter staff managed to fill in (worded for Nora, "all leads")."""

    def render(self, step_xmlid, lead):
        script = self.as_user(self.env["jewellery.followup.script"], self.salesperson)
        lead = self.as_user(lead, self.salesperson)
        return script.for_lead(lead).render(self.env.ref(step_xmlid), lead)

    def test_a_lead_with_only_a_name_still_reads_well(self):
        lead = self.as_user(self.env["crm.lead"], self.salesperson).create({"name": "Walk-in", "user_id": False})
        for xmlid in (NOTE, GIFT, CALL):
            text = self.render(xmlid, lead)
            self.assertNotIn("False", text, xmlid)
            self.assertNotIn("{", text, xmlid)
        note = self.render(NOTE, lead)
        self.assertIn("Dear valued customer", note)
        self.assertIn("the piece you saw is still here", note)
        self.assertIn("your loved one", note)
        self.assertIn("Professionally,\n%s" % self.company.name, note)
        self.assertIn("special occasion", self.render(GIFT, lead))

    def test_the_stone_spec_is_written_the_way_a_jeweller_says_it(self):
        lead = self.make_lead(piece_description=False, stone_cut="excellent")
        self.assertIn("1.2 ct round F VS1 excellent cut diamond is still here", self.render(NOTE, lead))

    def test_the_customers_company_is_never_taken_for_their_name(self):
        lead = self.make_lead(contact_name=False, partner_name="Reyes Holdings")
        self.assertIn("Dear valued customer", self.render(NOTE, lead))

    def test_unknown_placeholders_are_refused_when_the_step_is_saved(self):
        step = self.as_user(self.env.ref(NOTE), self.manager)
        with self.assertRaisesRegex(self.VALIDATION_ERROR, r"\{fiancee\}"):
            step.script = "Dear {customer}, say hello to {fiancee}"
            self.flush()

    def test_placeholders_cannot_reach_into_python_objects(self):
        step = self.as_user(self.env.ref(NOTE), self.manager)
        with self.assertRaises(self.VALIDATION_ERROR):
            step.script = "{customer.__class__}"
            self.flush()
