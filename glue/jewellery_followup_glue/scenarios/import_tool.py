# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The import command, run as a user runs it (a subprocess), over the running Odoo's JSON-RPC through odoorpc: the
test bodies Odoo 17.0 to 19.0 share, run in an HttpCase (the command talks to the running server)."""
import csv
import os
import subprocess
import sys
import tempfile

import odoorpc
from jewellery_followup_core.scenarios.importing import ROWS

from odoo.tools import config

from ..spelling import SERIES


class ImportToolScenarios:
    needs_http_server = True

    def setUp(self):
        super().setUp()
        self.let_outside_clients_in()

    def odoo(self):
        connection = odoorpc.ODOO("127.0.0.1", port=int(config["http_port"]))
        connection.login(self.env.cr.dbname, "admin", "admin")
        return connection

    def run_tool(self, path, *extra):
        env = dict(os.environ, ODOO_HOST="127.0.0.1", ODOO_PORT=str(config["http_port"]),
                   ODOO_DB=self.env.cr.dbname, ODOO_USER="admin", ODOO_PASSWORD="admin")
        return subprocess.run([sys.executable, "-m", "jewellery_followup_import", path, "--jobs", "1", *extra],
                              env=env, capture_output=True, text=True, timeout=300, check=False)

    def test_odoorpc_speaks_to_this_odoo(self):
        odoo = self.odoo()
        self.assertEqual(odoo.version.split(".")[0], str(SERIES))
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
