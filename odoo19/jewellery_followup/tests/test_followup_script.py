"""Scripts read naturally whatever the counter staff managed to fill in (the core's scenarios, on Odoo 19)."""
from jewellery_followup_core.scenarios.language import ScriptScenarios

from odoo.tests import tagged

from .common import FollowupCase


@tagged("post_install", "-at_install")
class TestScriptRendering(ScriptScenarios, FollowupCase):
    pass
