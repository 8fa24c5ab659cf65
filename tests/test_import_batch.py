"""The server side of the import tool: jewellery.followup.import.import_batch, one call per chunk."""
from odoo.tests.common import SavepointCase


def row(line, external_id, **values):
    base = {"name": "Lead %s" % external_id, "occasion": "engagement", "occasion_date": "2027-02-14",
            "stone_type": "diamond", "stone_carat": 1.2, "stone_color": "G", "budget_min": 3000.0,
            "budget_max": 6000.0, "is_surprise": True}
    base.update(values)
    return {"line": line, "external_id": external_id, "values": base}


class TestImportBatch(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Import = cls.env["jewellery.followup.import"]
        cls.demo = cls.env.ref("base.user_demo")

    def lead(self, external_id):
        return self.env.ref("jewellery_followup_import.%s" % external_id)

    def test_rows_are_created_then_skipped_then_updated_by_external_id(self):
        results = self.Import.import_batch([row(2, "b-1"), row(3, "b-2", user_id=self.demo.id)])
        self.assertEqual([result["status"] for result in results], ["created", "created"])
        self.assertEqual(self.lead("b-2").user_id, self.demo)
        self.assertEqual(self.lead("b-2").team_id, self.env["crm.team"]._get_default_team_id(
            user_id=self.demo.id), "the sales channel follows the salesperson")
        again = self.Import.import_batch([row(2, "b-1"), row(3, "b-2", user_id=self.demo.id)])
        self.assertEqual([result["status"] for result in again], ["unchanged", "unchanged"])
        changed = self.Import.import_batch([row(2, "b-1", stone_color="D")])
        self.assertEqual(changed[0]["status"], "updated")
        self.assertEqual(changed[0]["id"], results[0]["id"])
        self.assertEqual(self.lead("b-1").stone_color, "D")

    def test_a_row_the_orm_refuses_costs_only_itself(self):
        results = self.Import.import_batch([
            row(2, "c-1"), row(3, "c-2", budget_min=9000.0), row(4, "c-3")])
        self.assertEqual([result["status"] for result in results], ["created", "failed", "created"])
        self.assertIn("Budget From (9000.0) is above Budget Up To (6000.0)", results[1]["message"])
        self.assertFalse(self.env.ref("jewellery_followup_import.c-2", raise_if_not_found=False))
        # the stored computed fields of the good rows were still recomputed after the failure
        self.env.cr.execute("SELECT count(*) FROM crm_lead WHERE id IN %s AND day_open IS NULL",
                            ((results[0]["id"], results[2]["id"]),))
        self.assertEqual(self.env.cr.fetchone()[0], 0)

    def test_bad_values_are_refused_naming_the_field(self):
        results = self.Import.import_batch([
            row(2, "d-1", occasion="xmas"), row(3, "d-2", ocasion="wedding"), row(4, "d-3", name=""),
            row(5, "d-4", occasion_date="14/02/2027")])
        self.assertEqual([result["status"] for result in results], ["failed"] * 4)
        self.assertTrue(results[0]["message"].startswith("occasion: unknown value"))
        self.assertTrue(results[1]["message"].startswith("ocasion: not a crm.lead field"))
        self.assertTrue(results[2]["message"].startswith("name: required"))
        self.assertTrue(results[3]["message"].startswith("occasion_date:"))

    def test_imported_leads_make_no_chatter_noise(self):
        results = self.Import.import_batch([row(2, "e-1", user_id=self.demo.id)])
        lead = self.env["crm.lead"].browse(results[0]["id"])
        self.assertFalse(lead.message_ids)
        self.assertFalse(lead.message_follower_ids)

    def test_dry_run_reports_and_writes_nothing(self):
        count = self.env["crm.lead"].search_count([])
        results = self.Import.import_batch([row(2, "f-1"), row(3, "f-2", stone_carat="heavy")], dry_run=True)
        self.assertEqual([result["status"] for result in results], ["created", "failed"])
        self.assertEqual(self.env["crm.lead"].search_count([]), count)
        self.assertFalse(self.env.ref("jewellery_followup_import.f-1", raise_if_not_found=False))

    def test_start_followup_reports_the_engine_refusals_per_row(self):
        results = self.Import.import_batch(
            [row(2, "g-1", email_from="g1@example.com"), row(3, "g-2", occasion_date="2020-01-01")],
            start_followup=True)
        self.assertEqual([result["status"] for result in results], ["created", "created"])
        self.assertEqual(results[0]["followup"], "started")
        self.assertEqual(self.lead("g-1").followup_state, "running")
        self.assertEqual(results[1]["followup"], "refused")
        self.assertIn("has passed", results[1]["followup_message"])
        again = self.Import.import_batch([row(2, "g-1", email_from="g1@example.com")], start_followup=True)
        self.assertEqual(again[0]["followup"], "running")
