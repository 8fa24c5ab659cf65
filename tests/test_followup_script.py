"""Scripts read naturally whatever the counter staff managed to fill in (the core's scenarios, on Odoo 11)."""
from gate_common import GateCase
from jewellery_followup_core.scenarios.language import ScriptScenarios


class TestScriptRendering(ScriptScenarios, GateCase):
    pass
