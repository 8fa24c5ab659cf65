"""Jewellery details on crm.lead, the CRM's views of them, the install and the demo (the core's scenarios, on
Odoo 11)."""
from gate_common import GateCase
from jewellery_followup_core.scenarios import jewellery_fields


class TestJewelleryFields(jewellery_fields.JewelleryFieldScenarios, GateCase):
    pass


class TestJewelleryViews(jewellery_fields.JewelleryViewScenarios, GateCase):
    pass


class TestInstallAndDemo(jewellery_fields.InstallAndDemoScenarios, GateCase):
    pass
