"""Who sees and acts on which touches, per group and company (the core's scenarios, on Odoo 19)."""
from jewellery_followup_core.scenarios.access import AccessScenarios

from odoo.tests import tagged

from .common import FollowupCase


@tagged("post_install", "-at_install")
class TestAccess(AccessScenarios, FollowupCase):
    pass
