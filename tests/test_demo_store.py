"""The demo database looks like a jewellery store (the core's scenarios, on Odoo 11)."""
from gate_common import GateCase
from jewellery_followup_core.scenarios.demo_store import DemoStoreScenarios


class TestDemoStore(DemoStoreScenarios, GateCase):
    pass
