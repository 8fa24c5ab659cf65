"""CRM > Follow-ups, the board of open touches (the core's scenarios, on Odoo 19)."""
from jewellery_followup_core.scenarios.board import BoardScenarios

from odoo.tests import tagged

from .common import FollowupCase


@tagged("post_install", "-at_install")
class TestBoard(BoardScenarios, FollowupCase):
    pass
