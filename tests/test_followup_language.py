"""What the customer reads is in the customer's language (the core's scenarios, on Odoo 11)."""
from gate_common import GateCase
from jewellery_followup_core.scenarios.language import CustomerLanguageScenarios


class TestCustomerLanguage(CustomerLanguageScenarios, GateCase):
    pass
