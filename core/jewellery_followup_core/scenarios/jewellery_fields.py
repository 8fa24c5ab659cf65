# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Jewellery details on crm.lead: what the counter staff type in is kept, bad values are refused by name, the
CRM's forms, lists, kanban and search show them, the leads from before the install are intact, and the demo
store has its leads and its morning call."""
import datetime

from lxml import etree

FULL_SPEC = {
    "name": "Engagement ring",
    "contact_name": "Tom Reyes",
    "occasion": "engagement",
    "occasion_date": "2027-02-14",
    "recipient_name": "Clara",
    "is_surprise": True,
    "stone_type": "diamond",
    "stone_shape": "cushion",
    "stone_carat": 1.25,
    "stone_color": "G",
    "stone_clarity": "VVS2",
    "stone_cut": "very_good",
    "metal": "gold_white",
    "ring_size": "US 6.5",
    "budget_min": 5000.0,
    "budget_max": 9000.0,
    "piece_description": "1.25 ct cushion G VVS2 halo in white gold",
    "hospitality_note": "coffee: hazelnut latte",
}
DATES = ("occasion_date",)


def today():
    return datetime.date.today()


class JewelleryFieldScenarios(object):
    """As the salesperson at the counter ("own documents only")."""

    def counter(self):
        return self.as_user(self.env["crm.lead"], self.own)

    def test_every_jewellery_field_is_kept_as_typed(self):
        lead = self.counter().create(dict(FULL_SPEC))
        self.fresh()
        stored = lead.read(list(FULL_SPEC))[0]
        for name, value in FULL_SPEC.items():
            self.assertEqual(self.iso(stored[name]) if name in DATES else stored[name], value, name)
        self.assertEqual(lead.contact_name, "Tom Reyes", "the recipient must not overwrite the customer")

    def test_every_gia_colour_from_d_to_z_is_offered(self):
        grades = [key for key, _label in self.env["crm.lead"]._fields["stone_color"].selection]
        self.assertEqual("".join(grades), "DEFGHIJKLMNOPQRSTUVWXYZ")

    def test_negative_carat_is_refused_naming_the_carat(self):
        with self.assertRaisesRegex(self.VALIDATION_ERROR, "Carat"):
            self.counter().create({"name": "Bad carat", "stone_carat": -0.5})

    def test_carat_left_empty_is_accepted(self):
        lead = self.counter().create({"name": "No stone yet"})
        self.assertEqual(lead.stone_carat, 0.0)

    def test_min_budget_above_max_is_refused_naming_both(self):
        lead = self.counter().create({"name": "Budget", "budget_min": 500})
        with self.assertRaisesRegex(self.VALIDATION_ERROR,
                                    r"Budget From \(3000.0\) is above Budget Up To \(2000.0\)"):
            lead.write({"budget_min": 3000, "budget_max": 2000})

    def test_negative_budget_is_refused(self):
        with self.assertRaisesRegex(self.VALIDATION_ERROR, "cannot be negative"):
            self.counter().create({"name": "Budget", "budget_max": -10})

    def test_only_a_max_budget_is_fine(self):
        lead = self.counter().create({"name": "Up to 1800", "budget_max": 1800})
        self.assertEqual((lead.budget_min, lead.budget_max), (0.0, 1800.0))

    def test_unknown_colour_grade_is_refused_naming_the_field(self):
        with self.assertRaisesRegex(ValueError, "stone_color"):
            self.counter().create({"name": "Bad colour", "stone_color": "A"})


class JewelleryViewScenarios(object):
    """The CRM's own views, as the salesperson's web client receives them."""

    def lead_arch(self, view_xmlid, view_type):
        return etree.fromstring(self.arch(self.as_user(self.env["crm.lead"], self.own), view_type,
                                          self.env.ref(view_xmlid)))

    def test_lead_and_opportunity_forms_show_a_jewellery_page(self):
        for xmlid in self.LEAD_FORMS:
            page = self.lead_arch(xmlid, "form").xpath("//page[@string='Jewellery']")
            self.assertEqual(len(page), 1, xmlid)
            shown = set(page[0].xpath(".//field/@name"))
            self.assertLessEqual(set(FULL_SPEC) - {"name", "contact_name"}, shown, xmlid)

    def test_kanban_card_shows_occasion_recipient_and_date(self):
        arch = self.lead_arch("crm.crm_case_kanban_view_leads", "kanban")
        card = etree.tostring(arch.xpath("//t[@t-name='%s']" % self.KANBAN_CARD)[0]).decode()
        for name in ("record.occasion", "record.recipient_name", "record.occasion_date"):
            self.assertIn(name, card)

    def test_lists_show_occasion_recipient_and_date(self):
        for xmlid in ("crm.crm_case_tree_view_leads", "crm.crm_case_tree_view_oppor"):
            columns = self.lead_arch(xmlid, self.LIST_VIEW).xpath("//field/@name")
            for name in ("occasion", "recipient_name", "occasion_date"):
                self.assertIn(name, columns, xmlid)

    def test_search_offers_each_occasion_surprise_and_group_by_occasion(self):
        occasions = [key for key, _label in self.env["crm.lead"]._fields["occasion"].selection]
        for xmlid in ("crm.view_crm_case_leads_filter", "crm.view_crm_case_opportunities_filter"):
            arch = self.lead_arch(xmlid, "search")
            names = set(arch.xpath("//filter/@name"))
            for occasion in occasions:
                self.assertIn("occasion_%s" % occasion, names, xmlid)
            self.assertIn("surprise", names)
            self.assertIn("occasion_within_30_days", names)
            group_by = arch.xpath("//filter[@name='groupby_occasion']/@context")
            self.assertEqual(group_by, ["{'group_by': 'occasion'}"], xmlid)

    def test_occasion_within_30_days_finds_the_proposal_not_the_wedding(self):
        arch = self.lead_arch("crm.view_crm_case_opportunities_filter", "search")
        domain = self.evaluate(arch.xpath("//filter[@name='occasion_within_30_days']/@domain")[0])
        found = self.as_user(self.env["crm.lead"], self.manager).search(domain)
        self.assertIn(self.env.ref("jewellery_followup.demo_lead_engagement_ring"), found)
        self.assertNotIn(self.env.ref("jewellery_followup.demo_lead_wedding_bands"), found)


class InstallAndDemoScenarios(object):

    def test_leads_from_before_the_install_are_intact(self):
        # the test commands install crm (with its demo leads) first, then this addon on top.
        older = self.env.ref("crm.crm_case_1")
        module = self.env["ir.module.module"].search([("name", "=", "jewellery_followup")])
        self.assertLess(older.create_date, module.write_date)
        self.assertTrue(older.name)
        self.assertFalse(older.occasion)
        self.assertFalse(older.is_surprise)
        self.assertEqual(older.stone_carat, 0.0)

    def test_demo_engagement_ring_has_a_full_stone_spec_two_weeks_out(self):
        lead = self.env.ref("jewellery_followup.demo_lead_engagement_ring")
        self.assertEqual(
            (lead.stone_type, lead.stone_shape, lead.stone_carat, lead.stone_color,
             lead.stone_clarity, lead.stone_cut, lead.metal),
            ("diamond", "round", 1.2, "F", "VS1", "excellent", "platinum"))
        self.assertEqual(lead.recipient_name, "Clara")
        occasion = datetime.datetime.strptime(self.iso(lead.occasion_date), "%Y-%m-%d").date()
        days_left = (occasion - today()).days
        self.assertTrue(0 < days_left <= 14, days_left)

    def test_demo_has_an_anniversary_pendant_and_a_necklace_care_visit(self):
        pendant = self.env.ref("jewellery_followup.demo_lead_anniversary_pendant")
        self.assertEqual(pendant.occasion, "anniversary")
        necklace = self.env.ref("jewellery_followup.demo_lead_necklace_care")
        self.assertIn("restrung", necklace.piece_description)

    def test_the_demo_proposal_has_its_morning_call_waiting(self):
        lead = self.env.ref("jewellery_followup.demo_lead_engagement_ring")
        self.assertEqual(lead.followup_state, "running")
        call = lead.followup_attempt_ids
        self.assertEqual((call.attempt_no, call.kind, call.state), (1, "call", "scheduled"))
        self.assertEqual(call.activity_id.user_id, self.env.ref("base.user_demo"))
        self.assertIn("Tom Reyes", call.script_text)
