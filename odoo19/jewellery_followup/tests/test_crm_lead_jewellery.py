"""Jewellery details on crm.lead, the CRM's views of them, the install and the demo (the core's scenarios, on
Odoo 19)."""
from jewellery_followup_core.scenarios import jewellery_fields

from odoo.tests import tagged

from .common import FollowupCase


@tagged("post_install", "-at_install")
class TestJewelleryFields(jewellery_fields.JewelleryFieldScenarios, FollowupCase):
    pass


@tagged("post_install", "-at_install")
class TestJewelleryViews(jewellery_fields.JewelleryViewScenarios, FollowupCase):
    pass


@tagged("post_install", "-at_install")
class TestInstallAndDemo(jewellery_fields.InstallAndDemoScenarios, FollowupCase):
    pass
