"""What the customer reads is in the customer's language (the core's scenarios, on Odoo 19)."""
from jewellery_followup_core.scenarios.language import CustomerLanguageScenarios

from odoo.tests import tagged

from .common import FollowupCase


@tagged("post_install", "-at_install")
class TestCustomerLanguage(CustomerLanguageScenarios, FollowupCase):
    pass
