"""Who makes the touches, and who may give or move them (the core's scenarios, on Odoo 19)."""
from jewellery_followup_core.scenarios.assign import AssignScenarios

from odoo.tests import tagged

from .common import FollowupCase


@tagged("post_install", "-at_install")
class TestAssign(AssignScenarios, FollowupCase):
    pass
