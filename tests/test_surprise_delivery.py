"""Surprise-safe delivery: where the note card and the gift go, as the salesperson sees it on the lead (the core's
scenarios, on Odoo 11)."""
from gate_common import GateCase
from jewellery_followup_core.scenarios import surprise_delivery


class TestDeliveryChoice(surprise_delivery.DeliveryChoiceScenarios, GateCase):
    pass


class TestDeliveryOnTheForm(surprise_delivery.DeliveryOnTheFormScenarios, GateCase):
    pass


class TestTranslatable(surprise_delivery.TranslatableScenarios, GateCase):
    pass


class TestDemo(surprise_delivery.DemoScenarios, GateCase):
    pass
