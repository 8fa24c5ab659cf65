"""The demo database looks like a jewellery store (the core's scenarios, on Odoo 19)."""
from jewellery_followup_core.scenarios.demo_store import DemoStoreScenarios

from odoo.tests import tagged

from .common import FollowupCase


@tagged("post_install", "-at_install")
class TestDemoStore(DemoStoreScenarios, FollowupCase):
    pass
