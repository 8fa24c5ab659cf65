"""Follow-up Results: does it pay? Eight chains of March 2027 read back as a manager, a salesperson, on paper and
on the dashboard (the core's scenarios, on Odoo 11)."""
from gate_common import GateCase
from jewellery_followup_core.scenarios import results


class TestFollowupResults(results.ResultsScenarios, GateCase):

    def test_the_dashboard_is_drawn_as_a_board(self):
        # what makes Odoo 11's web client draw a dashboard rather than a form: the form holds a <board>
        self.assertEqual([node.tag for node in self.dashboard()], ["board"])
