"""The second-chance chain as the salesperson lives it: call, note, gift, and what stops it (the core's scenarios,
on Odoo 11)."""
from gate_common import GateCase
from jewellery_followup_core.scenarios import chain


class TestChainRuns(chain.ChainRunsScenarios, GateCase):
    pass


class TestResponsesStopTheChain(chain.ResponsesStopTheChainScenarios, GateCase):
    pass


class TestOccasionTiming(chain.OccasionTimingScenarios, GateCase):
    pass


class TestManagers(chain.ManagersScenarios, GateCase):
    pass


class TestChainStateInTheChatter(chain.ChainStateInTheChatterScenarios, GateCase):
    pass
