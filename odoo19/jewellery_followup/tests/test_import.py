import csv
import datetime
import json
import os
import subprocess
import sys
import tempfile

import odoorpc

from odoo.tests import HttpCase, tagged
from odoo.tools import config

from .common import FollowupCase

ROWS = [
    {"line": 2, "external_id": "store-1", "values": {
        "name": "Engagement ring", "contact_name": "Tom Reyes", "email_from": "tom@example.com",
        "occasion": "engagement", "occasion_date": "2027-06-12", "recipient_name": "Clara",
        "stone_carat": 1.25, "stone_color": "G", "is_surprise": True, "opt_out": False}},
    {"line": 3, "external_id": "store-2", "values": {
        "name": "Anniversary pearls", "contact_name": "Ada Moss", "phone": "+44 20 7946 0000",
        "occasion": "anniversary", "metal": "gold_white"}},
]


@tagged("post_install", "-at_install")
class TestImportBatch(FollowupCase):
    """The import's one batch method, as the salesperson who runs the tool."""

    def batch(self, rows, user=None, **kwargs):
        return self.env["jewellery.followup.import"].with_user(user or self.salesperson).import_batch(
            rows, **kwargs)

    def test_the_same_rows_twice_create_then_change_nothing(self):
        first = self.batch(ROWS)
        self.assertEqual([result["status"] for result in first], ["created", "created"])
        lead = self.env["crm.lead"].browse(first[0]["id"])
        self.assertEqual((lead.occasion, str(lead.occasion_date), lead.stone_carat, lead.is_surprise),
                         ("engagement", "2027-06-12", 1.25, True))
        again = self.batch(ROWS)
        self.assertEqual([result["status"] for result in again], ["unchanged", "unchanged"])
        self.assertEqual([result["id"] for result in again], [result["id"] for result in first])
        changed = [dict(ROWS[0], values=dict(ROWS[0]["values"], stone_carat=1.5))]
        self.assertEqual(self.batch(changed)[0]["status"], "updated")
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


@tagged("post_install", "-at_install")
class TestImportTool(HttpCase):
    """The import command, run as a user runs it (a subprocess), over Odoo 19's JSON-RPC through odoorpc.

    Odoo 19's test server answers only the requests a test allows (a cookie its own opener carries): odoorpc and
    the command are other clients, so each test lets every request through while it runs."""

    def setUp(self):
        super().setUp()
        self.enterContext(self.allow_requests(all_requests=True))

    def odoo(self):
        connection = odoorpc.ODOO("127.0.0.1", port=int(config["http_port"]))
        connection.login(self.env.cr.dbname, "admin", "admin")
        return connection

    def run_tool(self, path, *extra):
        env = dict(os.environ, ODOO_HOST="127.0.0.1", ODOO_PORT=str(config["http_port"]),
                   ODOO_DB=self.env.cr.dbname, ODOO_USER="admin", ODOO_PASSWORD="admin")
        return subprocess.run([sys.executable, "-m", "jewellery_followup_import", path, "--jobs", "1", *extra],
                              env=env, capture_output=True, text=True, timeout=300, check=False)

    def test_odoorpc_speaks_to_odoo_19(self):
        odoo = self.odoo()
        self.assertEqual(odoo.version.split(".")[0], "19")
        fields = odoo.env["jewellery.followup.import"].importable_fields()
        self.assertIn("occasion", fields)
        self.assertNotIn("followup_contact_count", fields)
        results = odoo.env["jewellery.followup.import"].import_batch(ROWS, False, False)
        self.assertEqual([result["status"] for result in results], ["created", "created"])

    def test_the_command_imports_a_file_and_a_second_run_changes_nothing(self):
        header = ["external_id", "name", "contact_name", "email_from", "occasion", "occasion_date",
                  "recipient_name", "stone_carat", "is_surprise"]
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "leads.csv")
            with open(path, "w", newline="", encoding="utf-8") as stream:
                writer = csv.writer(stream)
                writer.writerow(header)
                writer.writerow(["counter-1", "Engagement ring", "Tomasz Import", "tom@example.com", "engagement",
                                 "2027-06-12", "Clara", "1.25", "yes"])
                writer.writerow(["counter-2", "Pearls", "Ada Moss", "ada@example.com", "anniversary", "",
                                 "", "", "no"])
            first = self.run_tool(path, "--start-followup")
            self.assertEqual(first.returncode, 0, first.stdout + first.stderr)
            lead = self.env["crm.lead"].search([("contact_name", "=", "Tomasz Import")])
            self.assertEqual(len(lead), 1)
            self.assertEqual((str(lead.occasion_date), lead.stone_carat, lead.is_surprise),
                             ("2027-06-12", 1.25, True))
            self.assertEqual(lead.followup_state, "running")
            second = self.run_tool(path)
            self.assertEqual(second.returncode, 0, second.stdout + second.stderr)
            self.assertRegex(second.stdout, r"skipped\s+2\s+already up to date")
            self.assertEqual(self.env["crm.lead"].search_count([("contact_name", "=", "Tomasz Import")]), 1)


@tagged("post_install", "-at_install")
class TestJson2(FollowupCase, HttpCase):
    """Odoo 19's JSON-2 API (POST /json/2/<model>/<method>, an API key as bearer): the same public methods a script
    calls over odoorpc, keyword arguments only, and the engine's private methods refused there too."""

    def setUp(self):
        super().setUp()
        # a salesperson's own key, as they make it in their preferences (Odoo 19 wants an expiry date)
        key = self.env["res.users.apikeys"].with_user(self.salesperson)._generate(
            scope="rpc", name="counter import", expiration_date=datetime.datetime.now() + datetime.timedelta(hours=12))
        self.headers = {"Authorization": "Bearer %s" % key, "Content-Type": "application/json",
                        "X-Odoo-Database": self.env.cr.dbname}

    def json2(self, model, method, **params):
        response = self.url_open("/json/2/%s/%s" % (model, method), data=json.dumps(params), headers=self.headers)
        return response.status_code, response.json()

    def test_the_import_and_the_chain_answer_over_json2(self):
        status, fields = self.json2("jewellery.followup.import", "importable_fields")
        self.assertEqual(status, 200, fields)
        self.assertIn("occasion", fields)
        status, results = self.json2("jewellery.followup.import", "import_batch", rows=ROWS, start_followup=False)
        self.assertEqual(status, 200, results)
        self.assertEqual([result["status"] for result in results], ["created", "created"])
        lead = self.env["crm.lead"].browse(results[0]["id"])
        self.assertEqual(lead.create_uid, self.salesperson)
        self.set_clock("2027-03-06")
        status, answer = self.json2("crm.lead", "action_start_followup", ids=lead.ids)
        self.assertEqual(status, 200, answer)
        self.env.invalidate_all()
        self.assertEqual(lead.followup_state, "running")
        attempt = self.scheduled(lead)
        status, answer = self.json2("jewellery.followup.attempt", "action_record_outcome", ids=attempt.ids,
                                    outcome="declined", note="Bought elsewhere")
        self.assertEqual(status, 200, answer)
        self.env.invalidate_all()
        self.assertEqual((attempt.outcome, lead.followup_state), ("declined", "declined"))

    def test_the_engine_is_not_reachable_over_json2(self):
        lead = self.make_lead()
        status, error = self.json2("jewellery.followup.engine", "_start", ids=lead.ids)
        self.assertNotEqual(status, 200)
        self.assertIn("Private methods", error["message"])
        self.assertFalse(self.attempts_of(lead))

    def run_tool(self, path, *extra, **environment):
        """The import command as a user runs it, with the salesperson's API key and no login (JSON-2)."""
        if not getattr(self, "_tool_let_through", False):  # once a test: Odoo's lock does not nest
            self.enterContext(self.allow_requests(all_requests=True))
            self._tool_let_through = True
        env = dict(os.environ, ODOO_HOST="127.0.0.1", ODOO_PORT=str(config["http_port"]),
                   ODOO_DB=self.env.cr.dbname, ODOO_API_KEY=self.headers["Authorization"].split()[1])
        for name in ("ODOO_USER", "ODOO_PASSWORD", "ODOO_TRANSPORT", "ODOO_SESSION"):
            env.pop(name, None)
        env.update(environment)
        return subprocess.run([sys.executable, "-m", "jewellery_followup_import", path, "--jobs", "1", *extra],
                              env=env, capture_output=True, text=True, timeout=300, check=False)

    def write_file(self, folder):
        path = os.path.join(folder, "leads.csv")
        with open(path, "w", newline="", encoding="utf-8") as stream:
            writer = csv.writer(stream)
            writer.writerow(["external_id", "name", "contact_name", "email_from", "occasion", "stone_carat"])
            writer.writerow(["key-1", "Sapphire ring", "Ines Keyholder", "ines@example.com", "birthday", "0.8"])
            writer.writerow(["key-2", "Signet ring", "Olek Keyholder", "olek@example.com", "", ""])
            writer.writerow(["key-3", "Bad row", "Bad Occasion", "bad@example.com", "funeral", ""])
        return path

    def test_the_command_imports_over_json2_with_a_salespersons_key_as_over_odoorpc(self):
        with tempfile.TemporaryDirectory() as folder:
            path = self.write_file(folder)
            first = self.run_tool(path, "--start-followup")
            # the bad row is refused alone, with its line and reason, as over odoorpc
            self.assertEqual(first.returncode, 4, first.stdout + first.stderr)
            self.assertIn("line 4: occasion: unknown value 'funeral'", first.stdout)
            self.assertIn("follow-up: 2 started", first.stdout)
            leads = self.env["crm.lead"].search([("contact_name", "like", "Keyholder")])
            self.assertEqual(len(leads), 2)
            self.assertEqual(leads.create_uid, self.salesperson, "the key acts as its user, with their rights")
            self.assertEqual(set(leads.mapped("followup_state")), {"running"})
            second = self.run_tool(path)
            self.assertEqual(second.returncode, 4, second.stdout + second.stderr)
            self.assertRegex(second.stdout, r"skipped\s+2\s+already up to date")
            self.assertEqual(self.env["crm.lead"].search_count([("contact_name", "like", "Keyholder")]), 2)
            self.assertNotIn(self.headers["Authorization"].split()[1], second.stdout + second.stderr)

    def test_a_wrong_key_is_a_clear_login_failure_and_never_printed(self):
        with tempfile.TemporaryDirectory() as folder:
            result = self.run_tool(self.write_file(folder), "--transport", "json2", ODOO_API_KEY="not-a-key-42")
        self.assertEqual(result.returncode, 3, result.stdout + result.stderr)
        self.assertIn("login refused: the API key was refused on database %r" % self.env.cr.dbname, result.stderr)
        self.assertNotIn("not-a-key-42", result.stdout + result.stderr)
        self.assertFalse(self.env["crm.lead"].search([("contact_name", "like", "Keyholder")]))

    def test_the_key_also_serves_odoorpc_in_place_of_the_password(self):
        with tempfile.TemporaryDirectory() as folder:
            result = self.run_tool(self.write_file(folder), "--transport", "jsonrpc",
                                   ODOO_USER=self.salesperson.login)
        self.assertEqual(result.returncode, 4, result.stdout + result.stderr)
        self.assertEqual(self.env["crm.lead"].search([("contact_name", "like", "Keyholder")]).create_uid,
                         self.salesperson)
