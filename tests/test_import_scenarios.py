"""The import's batch method as the salesperson who runs the tool (the core's scenarios, on Odoo 11)."""
from gate_common import GateCase
from jewellery_followup_core.scenarios.importing import ImportBatchScenarios


class TestImportBatchScenarios(ImportBatchScenarios, GateCase):
    pass
