"""Never more than three contacts per customer, whatever path asks for a fourth (the core's scenarios, on Odoo 11)."""
from gate_common import GateCase
from jewellery_followup_core.scenarios.limit import LimitScenarios


class TestLimit(LimitScenarios, GateCase):
    pass
