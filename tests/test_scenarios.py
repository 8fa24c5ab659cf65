"""Every promise of the follow-up, proven on Odoo 11 by the scenarios the core writes once
(jewellery_followup_core.scenarios, which Odoo 17 to 19 run too): each mixin bound here to the 11.0 driver,
gate_common.GateCase, as Test<Name> for <Name>Scenarios. A new scenario runs here without a line added."""
from gate_common import GateCase
from jewellery_followup_core.scenarios import scenario_mixins

globals().update({name: type(name, (mixin, GateCase), {"__doc__": mixin.__doc__})
                  for name, mixin in scenario_mixins()})
