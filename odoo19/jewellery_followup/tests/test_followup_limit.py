"""Never more than three contacts per customer, whatever path asks for a fourth (the core's scenarios, on Odoo 19)."""
from jewellery_followup_core.scenarios.limit import LimitScenarios

from odoo.tests import tagged

from .common import FollowupCase


@tagged("post_install", "-at_install")
class TestLimit(LimitScenarios, FollowupCase):
    pass
