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

    def test_dashboard_is_for_managers(self):
        # Odoo 19's ir.ui.menu.search no longer hides the menus of groups the user lacks (18's did, and the
        # scenario asks it): the menus a user may open are those its web client loads, _visible_menu_ids
        menu = self.env.ref(results.DASHBOARD_MENU)
        self.assertIn(menu.id, self.model_as("ir.ui.menu", self.manager)._visible_menu_ids())
        self.assertNotIn(menu.id, self.model_as("ir.ui.menu", self.own)._visible_menu_ids())
        self.assertIn(menu.id, self.web_client_menus(self.manager)[menu.parent_id.id])
        self.assertNotIn(menu.id, self.web_client_menus(self.own).get(menu.parent_id.id, []))
