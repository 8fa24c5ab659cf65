"""Scripts read naturally whatever the counter staff managed to fill in."""
from odoo.tests import tagged
from .common import FollowupCase

from odoo.exceptions import ValidationError

NOTE = "jewellery_followup.step_second_chance_note"
GIFT = "jewellery_followup.step_second_chance_gift"


@tagged("post_install", "-at_install")
class TestScriptRendering(FollowupCase):

    def render(self, step_xmlid, lead):
        script = self.env["jewellery.followup.script"]
        return script.for_lead(lead).render(self.env.ref(step_xmlid), lead)

    def test_a_lead_with_only_a_name_still_reads_well(self):
        lead = self.env["crm.lead"].create({"name": "Walk-in", "user_id": False})
        for xmlid in (NOTE, GIFT, "jewellery_followup.step_second_chance_call"):
            text = self.render(xmlid, lead)
            self.assertNotIn("False", text, xmlid)
            self.assertNotIn("{", text, xmlid)
        note = self.render(NOTE, lead)
        self.assertIn("Dear valued customer", note)
        self.assertIn("the piece you saw is still here", note)
        self.assertIn("your loved one", note)
        self.assertIn("Professionally,\n%s" % self.env.user.company_id.name, note)
        self.assertIn("special occasion", self.render(GIFT, lead))

    def test_the_stone_spec_is_written_the_way_a_jeweller_says_it(self):
        lead = self.make_lead(piece_description=False, stone_cut="excellent")
        self.assertIn("1.2 ct round F VS1 excellent cut diamond is still here", self.render(NOTE, lead))

    def test_the_customers_company_is_never_taken_for_their_name(self):
        lead = self.make_lead(contact_name=False, partner_name="Reyes Holdings")
        self.assertIn("Dear valued customer", self.render(NOTE, lead))

    def test_unknown_placeholders_are_refused_when_the_step_is_saved(self):
        step = self.env.ref(NOTE)
        with self.assertRaisesRegex(ValidationError, r"\{fiancee\}"):
            step.script = "Dear {customer}, say hello to {fiancee}"

    def test_placeholders_cannot_reach_into_python_objects(self):
        step = self.env.ref(NOTE)
        with self.assertRaises(ValidationError):
            step.script = "{customer.__class__}"
