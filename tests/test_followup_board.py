"""CRM > Follow-ups, the board of open touches (the core's scenarios, on Odoo 11)."""
from gate_common import GateCase
from jewellery_followup_core.scenarios.board import BoardScenarios


class TestBoard(BoardScenarios, GateCase):
    pass
