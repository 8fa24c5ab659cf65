"""Surprise-safe delivery: where the note card and the gift go, as the salesperson sees it on the lead (the core's
scenarios, on Odoo 19)."""
from jewellery_followup_core.scenarios import surprise_delivery

from odoo.tests import tagged

from .common import FollowupCase


@tagged("post_install", "-at_install")
class TestDeliveryChoice(surprise_delivery.DeliveryChoiceScenarios, FollowupCase):
    pass


@tagged("post_install", "-at_install")
class TestDeliveryOnTheForm(surprise_delivery.DeliveryOnTheFormScenarios, FollowupCase):
    pass


@tagged("post_install", "-at_install")
class TestTranslatable(surprise_delivery.TranslatableScenarios, FollowupCase):
    pass


@tagged("post_install", "-at_install")
class TestDemo(surprise_delivery.DemoScenarios, FollowupCase):
    pass
