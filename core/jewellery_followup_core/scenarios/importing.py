# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The import's one batch method (``jewellery.followup.import.import_batch``) as the salesperson who runs the tool:
the same rows twice change nothing, a bad row costs only itself and says why, the chains start and are reported
lead by lead, a dry run writes nothing, and a colleague's lead is never reached through its external id."""

ROWS = [
    {"line": 2, "external_id": "store-1", "values": {
        "name": "Engagement ring", "contact_name": "Tom Reyes", "email_from": "tom@example.com",
        "occasion": "engagement", "occasion_date": "2027-06-12", "recipient_name": "Clara",
        "stone_carat": 1.25, "stone_color": "G", "is_surprise": True, "opt_out": False}},
    {"line": 3, "external_id": "store-2", "values": {
        "name": "Anniversary pearls", "contact_name": "Ada Moss", "phone": "+44 20 7946 0000",
        "occasion": "anniversary", "metal": "gold_white"}},
]


class ImportBatchScenarios(object):

    def batch(self, rows, user=None, **kwargs):
        return self.as_user(self.env["jewellery.followup.import"], user or self.salesperson).import_batch(
            rows, **kwargs)

    def test_the_same_rows_twice_create_then_change_nothing(self):
        first = self.batch(ROWS)
        self.assertEqual([result["status"] for result in first], ["created", "created"])
        lead = self.env["crm.lead"].browse(first[0]["id"])
        self.assertEqual((lead.occasion, self.iso(lead.occasion_date), lead.stone_carat, lead.is_surprise),
                         ("engagement", "2027-06-12", 1.25, True))
        again = self.batch(ROWS)
        self.assertEqual([result["status"] for result in again], ["unchanged", "unchanged"])
        self.assertEqual([result["id"] for result in again], [result["id"] for result in first])
        changed = [dict(ROWS[0], values=dict(ROWS[0]["values"], stone_carat=1.5))]
        self.assertEqual(self.batch(changed)[0]["status"], "updated")
        self.fresh()
        self.assertEqual(lead.stone_carat, 1.5)

    def test_bad_rows_cost_only_themselves_and_say_why(self):
        rows = ROWS + [
            {"line": 4, "external_id": "store-1", "values": {"name": "Duplicate"}},
            {"line": 5, "external_id": "store-5", "values": {"name": "Ring", "occasion": "funeral"}},
            {"line": 6, "external_id": "store-6", "values": {"name": "Ring", "followup_contact_count": 0}},
        ]
        results = self.batch(rows)
        self.assertEqual([result["status"] for result in results],
                         ["created", "created", "failed", "failed", "failed"])
        self.assertIn("also on line 2", results[2]["message"])
        self.assertIn("occasion: unknown value 'funeral'", results[3]["message"])
        self.assertIn("followup_contact_count: not a crm.lead field the import can set", results[4]["message"])

    def test_start_followup_reports_each_lead(self):
        results = self.batch(ROWS, start_followup=True)
        self.assertEqual([result["followup"] for result in results], ["started", "started"])
        self.fresh()
        lead = self.env["crm.lead"].browse(results[0]["id"])
        self.assertEqual(lead.followup_state, "running")
        again = self.batch(ROWS, start_followup=True)
        self.assertEqual([result["followup"] for result in again], ["running", "running"])

    def test_a_dry_run_writes_nothing(self):
        results = self.batch(ROWS, dry_run=True)
        self.assertEqual([result["status"] for result in results], ["created", "created"])
        self.assertFalse(self.env["crm.lead"].search([("id", "in", [result["id"] for result in results])]))

    def test_a_salesperson_cannot_reach_a_colleagues_lead_through_its_external_id(self):
        created = self.batch(ROWS[:1], user=self.peer)
        self.assertEqual(created[0]["status"], "created")
        results = self.batch([dict(ROWS[0], values=dict(ROWS[0]["values"], name="Taken over"))], user=self.own)
        self.assertEqual(results[0]["status"], "failed")
        self.assertIn("not allowed to read or change", results[0]["message"])
        self.assertFalse(results[0]["id"])
        self.assertEqual(self.env["crm.lead"].browse(created[0]["id"]).name, "Engagement ring")
