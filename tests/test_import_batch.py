"""The server side of the import tool: jewellery.followup.import.import_batch, one call per chunk.

Every promise is checked as a real user of the group it is about (``.sudo(user)``), never as the superuser,
who passes every access rule.
"""

from odoo.tests.common import SavepointCase

IMPORT_MODULE = "jewellery_followup_import"


def row(line, external_id, **values):
    base = {"name": "Lead %s" % external_id, "occasion": "engagement", "occasion_date": "2027-02-14",
            "stone_type": "diamond", "stone_carat": 1.2, "stone_color": "G", "budget_min": 3000.0,
            "budget_max": 6000.0, "is_surprise": True}
    base.update(values)
    return {"line": line, "external_id": external_id, "values": base}


def statuses(results):
    return [result["status"] for result in results]


class ImportCase(SavepointCase):
    """Users of each sales group, in the main company and in a second one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.user.company_id
        cls.own = cls.make_user("Olivia Own", "sales_team.group_sale_salesman")
        cls.colleague = cls.make_user("Colin Colleague", "sales_team.group_sale_salesman")
        cls.all_leads = cls.make_user("Alma All-Leads", "sales_team.group_sale_salesman_all_leads")
        cls.manager = cls.make_user("Maya Manager", "sales_team.group_sale_manager")
        cls.second_company = cls.env["res.company"].create({"name": "Second Store"})
        cls.outsider = cls.make_user("Otto Outsider", "sales_team.group_sale_salesman_all_leads",
                                     company=cls.second_company)

    @classmethod
    def make_user(cls, name, group, company=None):
        company = company or cls.company
        login = "%s@import.example.com" % name.lower().replace(" ", ".")
        return cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": name, "login": login, "email": login,
            "company_id": company.id, "company_ids": [(6, 0, [company.id])],
            "groups_id": [(6, 0, [cls.env.ref(group).id])],
        })

    def import_as(self, user, rows, **kwargs):
        return self.env["jewellery.followup.import"].sudo(user).import_batch(rows, **kwargs)

    def lead(self, external_id):
        return self.env.ref("%s.%s" % (IMPORT_MODULE, external_id), raise_if_not_found=False)

    def counts(self):
        """(leads, external ids of the import): what a half-written row would change."""
        self.env.cr.execute("SELECT (SELECT count(*) FROM crm_lead), "
                            "(SELECT count(*) FROM ir_model_data WHERE module = %s)", (IMPORT_MODULE,))
        return self.env.cr.fetchone()

    def snapshot(self, lead):
        """What a user sees of a lead, its last-modified stamp included (read from the database)."""
        self.env.cr.execute("SELECT name, user_id, stone_color, budget_min, write_date, write_uid "
                            "FROM crm_lead WHERE id = %s", (lead.id,))
        return self.env.cr.fetchone()


class TestImportRights(ImportCase):

    def test_a_salesperson_who_sees_only_their_own_leads_imports_and_re_imports_them(self):
        before = self.counts()
        results = self.import_as(self.own, [row(2, "own-1", user_id=self.own.id), row(3, "own-2")])
        self.assertEqual(statuses(results), ["created", "created"])
        self.assertEqual(self.counts(), (before[0] + 2, before[1] + 2))
        self.assertEqual(self.lead("own-1").user_id, self.own)
        self.assertEqual(self.lead("own-1").create_uid, self.own, "created through the ORM as the salesperson")
        binding = self.env["ir.model.data"].search([("module", "=", IMPORT_MODULE), ("name", "=", "own-1")])
        self.assertEqual(binding.create_uid, self.own)
        self.assertFalse(self.env["ir.model.data"].sudo(self.own).check_access_rights("write", False),
                         "the binding needs no right on ir.model.data that a salesperson lacks")

        again = self.import_as(self.own, [row(2, "own-1", user_id=self.own.id), row(3, "own-2")])
        self.assertEqual(statuses(again), ["unchanged", "unchanged"])
        changed = self.import_as(self.own, [row(2, "own-1", user_id=self.own.id, stone_color="D")])
        self.assertEqual((changed[0]["status"], changed[0]["id"]), ("updated", results[0]["id"]))
        self.assertEqual(self.lead("own-1").stone_color, "D")
        self.assertEqual(self.counts(), (before[0] + 2, before[1] + 2))

    def test_a_salesperson_cannot_create_a_lead_for_a_colleague(self):
        before = self.counts()
        results = self.import_as(self.own, [row(2, "gift-1", user_id=self.colleague.id), row(3, "gift-2")])
        self.assertEqual(statuses(results), ["failed", "created"])
        self.assertFalse(results[0]["id"])
        self.assertEqual(results[0]["message"],
                         "user_id: your access rights do not let you create a lead assigned to Colin Colleague.")
        self.assertFalse(self.lead("gift-1"), "no binding for the refused row")
        self.assertEqual(self.counts(), (before[0] + 1, before[1] + 1))

    def test_a_lead_the_caller_may_not_see_is_refused_without_its_id(self):
        created = self.import_as(self.manager, [row(2, "theirs", name="Ruby for Colin", user_id=self.colleague.id)])
        self.assertEqual(statuses(created), ["created"])
        lead = self.lead("theirs")
        before, counts = self.snapshot(lead), self.counts()

        # the same row (which used to be reported "unchanged", with the lead's id), then a changed one
        results = self.import_as(self.own, [
            row(2, "theirs", name="Ruby for Colin", user_id=self.colleague.id),
            row(3, "theirs-changed", user_id=self.own.id),
            row(4, "theirs", name="Mine now", user_id=self.own.id, stone_color="D")])
        self.assertEqual(statuses(results), ["failed", "created", "failed"])
        for result in (results[0], results[2]):
            self.assertFalse(result["id"])
        self.assertEqual(results[0]["message"],
                         "external_id: external id 'theirs' belongs to a lead you are not allowed to read or "
                         "change; nothing was written.")
        self.assertNotIn("Ruby", results[0]["message"], "nothing of the hidden lead is told")
        self.assertNotIn(str(lead.id), results[0]["message"])
        self.assertIn("also on line 2", results[2]["message"])
        self.assertEqual(self.snapshot(lead), before, "the hidden lead is untouched")
        self.assertEqual(self.lead("theirs"), lead, "its external id still points to it")
        self.assertEqual(self.counts(), (counts[0] + 1, counts[1] + 1))

    def test_a_salesperson_for_all_leads_updates_a_colleagues_lead(self):
        self.import_as(self.manager, [row(2, "shared", user_id=self.colleague.id)])
        results = self.import_as(self.all_leads, [row(2, "shared", user_id=self.colleague.id, stone_color="E")])
        self.assertEqual((results[0]["status"], results[0]["id"]), ("updated", self.lead("shared").id))
        self.assertEqual(self.lead("shared").stone_color, "E")
        self.assertEqual(self.lead("shared").write_uid, self.all_leads)

    def test_a_manager_creates_leads_for_any_salesperson_in_their_channel(self):
        bridal = self.env["crm.team"].create({"name": "Bridal counter"})
        self.colleague.sale_team_id = bridal
        results = self.import_as(self.manager, [row(2, "mgr-1", user_id=self.colleague.id),
                                                row(3, "mgr-2", user_id=self.own.id), row(4, "mgr-3")])
        self.assertEqual(statuses(results), ["created", "created", "created"])
        self.assertEqual(self.lead("mgr-1").user_id, self.colleague)
        self.assertEqual(self.lead("mgr-1").team_id, bridal, "the sales channel follows the salesperson, as on "
                                                             "the form")
        self.assertNotEqual(self.lead("mgr-3").team_id, bridal)
        self.assertEqual(self.lead("mgr-1").create_uid, self.manager)

    def test_a_user_of_another_company_neither_sees_nor_touches_its_leads(self):
        self.import_as(self.manager, [row(2, "store-a", name="Sapphire pendant", stone_type="sapphire")])
        lead = self.lead("store-a")
        self.assertEqual(lead.company_id, self.company)
        before, counts = self.snapshot(lead), self.counts()

        results = self.import_as(self.outsider, [
            row(2, "store-a", name="Sapphire pendant", stone_type="sapphire"),
            row(3, "store-a-2", name="Taken over", stone_color="Z"),
            row(4, "store-b", name="Second store's own lead")])
        self.assertEqual(statuses(results), ["failed", "created", "created"])
        self.assertFalse(results[0]["id"])
        self.assertIn("not allowed to read or change", results[0]["message"])
        self.assertNotIn("Sapphire", results[0]["message"])
        self.assertEqual(self.snapshot(lead), before)
        self.assertEqual(self.lead("store-b").company_id, self.second_company, "a lead of the importer's store")
        self.assertEqual(self.counts(), (counts[0] + 2, counts[1] + 2))

    def test_a_lead_the_caller_may_read_but_not_change_is_refused(self):
        self.import_as(self.manager, [row(2, "pearl", stone_type="pearl", user_id=self.all_leads.id)])
        lead = self.lead("pearl")
        # a store rule (global, so it binds every group): a pearl lead is changed only by whoever created it
        self.env["ir.rule"].create({
            "name": "Pearl leads: changed by their creator", "model_id": self.env.ref("crm.model_crm_lead").id,
            "domain_force": "['|', ('stone_type', '!=', 'pearl'), ('create_uid', '=', user.id)]",
            "perm_read": False, "perm_write": True, "perm_create": False, "perm_unlink": False})
        self.assertTrue(lead.sudo(self.all_leads).read(["name"]), "the salesperson can read it")
        before = self.snapshot(lead)

        pearl = row(2, "pearl", stone_type="pearl", user_id=self.all_leads.id, stone_color="D")
        results = self.import_as(self.all_leads, [pearl])
        self.assertEqual((results[0]["status"], results[0]["id"]), ("failed", False))
        self.assertIn("not allowed to read or change", results[0]["message"])
        self.assertEqual(self.snapshot(lead), before)
        manager = self.import_as(self.manager, [pearl])
        self.assertEqual(manager[0]["status"], "updated", "its creator still may")

    def test_an_external_id_left_by_a_deleted_lead_is_taken_over_by_the_next_import(self):
        first = self.import_as(self.own, [row(2, "gone", user_id=self.own.id)])
        # deleted behind Odoo's back (Odoo's own unlink removes the external id with the lead)
        self.env.cr.execute("DELETE FROM crm_lead WHERE id = %s", (first[0]["id"],))
        self.env["crm.lead"].invalidate_cache()
        again = self.import_as(self.own, [row(2, "gone", user_id=self.own.id)])
        self.assertEqual(again[0]["status"], "created")
        self.assertNotEqual(again[0]["id"], first[0]["id"])
        self.assertEqual(self.lead("gone").id, again[0]["id"])

    def test_an_external_id_of_another_kind_of_record_is_refused(self):
        self.env["ir.model.data"].create({"module": IMPORT_MODULE, "name": "partner-7", "model": "res.partner",
                                          "res_id": self.own.partner_id.id})
        counts = self.counts()
        results = self.import_as(self.own, [row(2, "partner-7")])
        self.assertEqual((results[0]["status"], results[0]["id"]), ("failed", False))
        self.assertEqual(results[0]["message"],
                         "external_id: external id 'partner-7' is already used by a record that is not a lead.")
        self.assertEqual(self.counts(), counts)
        self.assertEqual(self.lead("partner-7"), self.own.partner_id)


class TestImportBatch(ImportCase):

    def test_a_duplicate_external_id_is_refused_naming_the_first_line_and_a_rerun_changes_nothing(self):
        rows = [row(2, "dup-1", stone_color="F"), row(3, "dup-2"), row(4, "dup-1", stone_color="J"),
                row(5, "dup-1", name="Third copy"), row(6, "dup-3", stone_color="AA"), row(7, "dup-3")]
        results = self.import_as(self.own, rows)
        self.assertEqual(statuses(results), ["created", "created", "failed", "failed", "failed", "failed"])
        self.assertEqual(results[2]["message"], "external_id: external id 'dup-1' is also on line 2 (only the "
                                                "first line with an external id is imported).")
        self.assertIn("also on line 2", results[3]["message"])
        self.assertTrue(results[4]["message"].startswith("stone_color: unknown value 'AA'"))
        self.assertIn("also on line 6", results[5]["message"], "the first line owns the id even when refused")
        self.assertFalse(any(result["id"] for result in results[2:]))
        self.assertEqual(self.lead("dup-1").stone_color, "F", "the first line landed, not a later one")
        self.assertFalse(self.lead("dup-3"))

        before, counts = self.snapshot(self.lead("dup-1")), self.counts()
        again = self.import_as(self.own, rows)
        self.assertEqual(statuses(again), ["unchanged", "unchanged", "failed", "failed", "failed", "failed"])
        self.assertEqual(self.snapshot(self.lead("dup-1")), before, "the same file again changes nothing")
        self.assertEqual(self.counts(), counts)

    def test_an_empty_cell_leaves_a_new_lead_empty_and_an_existing_lead_as_it_is(self):
        bare = row(2, "empty-1")
        for name in ("stone_color", "stone_carat", "is_surprise", "occasion_date"):
            del bare["values"][name]
        created = self.import_as(self.own, [bare])
        self.assertEqual(created[0]["status"], "created")
        lead = self.lead("empty-1")
        self.assertEqual((lead.stone_color, lead.stone_carat, lead.is_surprise, lead.occasion_date),
                         (False, 0.0, False, False))

        self.import_as(self.own, [row(2, "empty-2", stone_color="E", ring_size="US 6")])
        lead = self.lead("empty-2")
        kept = row(2, "empty-2")  # the file has no stone_color, no ring_size
        del kept["values"]["stone_color"]
        self.assertEqual(self.import_as(self.own, [kept])[0]["status"], "unchanged")
        self.assertEqual((lead.stone_color, lead.ring_size), ("E", "US 6"), "what Odoo has is kept")

        # a direct RPC caller empties a field with false (the tool never sends it for an empty cell)
        cleared = self.import_as(self.own, [row(2, "empty-2", stone_color=False, ring_size=None)])
        self.assertEqual(cleared[0]["status"], "updated")
        lead.invalidate_cache()
        self.assertEqual((lead.stone_color, lead.ring_size), (False, False))

    def test_a_row_the_orm_refuses_costs_only_itself(self):
        results = self.import_as(self.own, [row(2, "c-1"), row(3, "c-2", budget_min=9000.0), row(4, "c-3")])
        self.assertEqual(statuses(results), ["created", "failed", "created"])
        self.assertIn("Budget From (9000.0) is above Budget Up To (6000.0)", results[1]["message"])
        self.assertFalse(self.lead("c-2"))
        # the stored computed fields of the good rows were still recomputed after the failure
        self.env.cr.execute("SELECT count(*) FROM crm_lead WHERE id IN %s AND day_open IS NULL",
                            ((results[0]["id"], results[2]["id"]),))
        self.assertEqual(self.env.cr.fetchone()[0], 0)

    def test_a_refused_update_leaves_its_lead_as_it_was(self):
        self.import_as(self.manager, [row(2, "u-1", user_id=self.own.id), row(3, "u-2")])
        lead = self.lead("u-1")
        self.env.cr.execute("UPDATE crm_lead SET write_date = '2026-01-01 10:00:00' WHERE id = %s", (lead.id,))
        before = self.snapshot(lead)
        # a new salesperson (which also changes the lead's assignment date and what is computed from it)
        # with a budget Odoo refuses
        results = self.import_as(self.manager, [row(2, "u-1", user_id=self.colleague.id, budget_min=9000.0),
                                                row(3, "u-2", stone_color="D"), row(4, "u-3")])
        self.assertEqual(statuses(results), ["failed", "updated", "created"])
        self.assertEqual(self.snapshot(lead), before, "not even its last-modified date moved")

    def test_bad_values_are_refused_naming_the_field(self):
        results = self.import_as(self.own, [
            row(2, "d-1", occasion="xmas"), row(3, "d-2", ocasion="wedding"), row(4, "d-3", name=""),
            row(5, "d-4", occasion_date="14/02/2027"), row(6, "d-5", occasion_date="2027-02-14T00:00"),
            row(7, "d-6", ring_size="x" * 1001), row(8, "d-7", stone_carat=float("nan")),
            row(9, "d-8", stone_carat=12000.0), row(10, "d-9", user_id=10 ** 8)])
        self.assertEqual(statuses(results), ["failed"] * 9)
        self.assertTrue(results[0]["message"].startswith("occasion: unknown value"))
        self.assertTrue(results[1]["message"].startswith("ocasion: not a crm.lead field"))
        self.assertTrue(results[2]["message"].startswith("name: required"))
        self.assertTrue(results[3]["message"].startswith("occasion_date:"))
        self.assertTrue(results[4]["message"].startswith("occasion_date:"))
        self.assertTrue(results[5]["message"].startswith("ring_size: 1001 characters, longer than the 1000"))
        self.assertEqual(results[6]["message"], "stone_carat: expects a finite number")
        self.assertEqual(results[7]["message"], "stone_carat: 12000.0 is too large")
        self.assertEqual(results[8]["message"], "user_id: no active user with id 100000000.")

    def test_imported_leads_make_no_chatter_noise(self):
        results = self.import_as(self.manager, [row(2, "e-1", user_id=self.own.id)])
        lead = self.env["crm.lead"].browse(results[0]["id"])
        self.assertFalse(lead.message_ids)
        self.assertFalse(lead.message_follower_ids)

    def test_dry_run_reports_and_writes_nothing(self):
        counts = self.counts()
        results = self.import_as(self.own, [row(2, "f-1"), row(3, "f-2", stone_carat="heavy")], dry_run=True)
        self.assertEqual(statuses(results), ["created", "failed"])
        self.assertEqual(self.counts(), counts)
        self.assertFalse(self.lead("f-1"))

    def test_start_followup_reports_the_engine_refusals_per_row(self):
        results = self.import_as(self.own, [row(2, "g-1", user_id=self.own.id, email_from="g1@example.com"),
                                            row(3, "g-2", user_id=self.own.id, occasion_date="2020-01-01")],
                                 start_followup=True)
        self.assertEqual(statuses(results), ["created", "created"])
        self.assertEqual(results[0]["followup"], "started")
        self.assertEqual(self.lead("g-1").followup_state, "running")
        self.assertEqual(results[1]["followup"], "refused")
        self.assertIn("has passed", results[1]["followup_message"])
        again = self.import_as(self.own, [row(2, "g-1", user_id=self.own.id, email_from="g1@example.com")],
                               start_followup=True)
        self.assertEqual(again[0]["followup"], "running")
