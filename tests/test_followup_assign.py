"""Who makes the touches, and who may give or move them (the core's scenarios, on Odoo 11)."""
from gate_common import GateCase
from jewellery_followup_core.scenarios.assign import AssignScenarios


class TestAssign(AssignScenarios, GateCase):
    pass
