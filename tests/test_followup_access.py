"""Who sees and acts on which touches, per group and company (the core's scenarios, on Odoo 11)."""
from gate_common import GateCase
from jewellery_followup_core.scenarios.access import AccessScenarios


class TestAccess(AccessScenarios, GateCase):
    pass
