"""Follow-up Results: does it pay? Eight chains of March 2027 read back as a manager, a salesperson, on paper and
on the dashboard (the core's scenarios, on Odoo 19)."""
from jewellery_followup_core.scenarios import results

from odoo.tests import tagged

from .common import FollowupCase


@tagged("post_install", "-at_install")
class TestFollowupResults(results.ResultsScenarios, FollowupCase):

    def test_the_dashboard_is_drawn_as_a_board(self):
        # what makes Odoo 19's web client draw a dashboard rather than a form (board's get_view adds it)
        self.assertEqual(self.dashboard().get("js_class"), "board")
