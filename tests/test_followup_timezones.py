"""A real Odoo process whose clock faketime moves follows the store's clock (the core's scenarios of the store's
clock run on 11.0 from test_scenarios.py)."""
import os
import shutil
import subprocess
import sys
import unittest

from jewellery_followup_core.scenarios.timezones import AUCKLAND, LOS_ANGELES
import required_tools

from odoo.tools import config


class TestMovedClock(unittest.TestCase):
    """A real Odoo process whose clock is moved by faketime (no test hook at all) starts a chain."""

    def setUp(self):
        super().setUp()
        if not shutil.which("faketime"):
            required_tools.missing("Debian's faketime is not installed")

    def start_under_faketime(self, moment, tz):
        script = os.path.join(os.path.dirname(__file__), "faketime_start.py")
        database = os.environ.get("JEWELLERY_TEST_RPC_DB")
        if not database:
            self.skipTest("JEWELLERY_TEST_RPC_DB is not set (scripts/test sets it)")
        result = subprocess.run(
            ["faketime", moment, sys.executable, script, config.rcfile, database, tz],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=300,
            env=dict(os.environ, TZ="UTC"))
        self.assertEqual(result.returncode, 0, result.stderr[-3000:])
        return result.stdout.strip().splitlines()[-1]

    def test_los_angeles_at_2230_and_auckland_at_0900(self):
        self.assertEqual(self.start_under_faketime("2027-03-09 06:30:00", LOS_ANGELES), "call due 2027-03-09")
        self.assertEqual(self.start_under_faketime("2027-03-08 20:00:00", AUCKLAND), "call due 2027-03-10")
