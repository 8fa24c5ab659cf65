"""The import over Odoo 19's JSON-2 API (the batch method's scenarios and the command over odoorpc run on every
version: test_scenarios.py)."""
import csv
import datetime
import json
import os
import subprocess
import sys
import tempfile

from jewellery_followup_core.scenarios.importing import ROWS

from odoo.tests import HttpCase, tagged
from odoo.tools import config

from .common import FollowupCase


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
        self.let_outside_clients_in()
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
