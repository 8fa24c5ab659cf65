"""The import over RPC on Odoo 18: the core's scenarios of the batch method, and the command run against this Odoo
(the recent versions' shared bodies)."""
from jewellery_followup_core.scenarios.importing import ImportBatchScenarios
from jewellery_followup_glue.scenarios.import_tool import ImportToolTests

from odoo.tests import HttpCase, tagged

from .common import FollowupCase


@tagged("post_install", "-at_install")
class TestImportBatch(ImportBatchScenarios, FollowupCase):
    pass


@tagged("post_install", "-at_install")
class TestImportTool(ImportToolTests, HttpCase):
    pass
