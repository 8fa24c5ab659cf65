"""The follow-up keeps its promises on every path Odoo gives a user or a script, for real users of each sales group
(the core's scenarios, on Odoo 11)."""
from gate_common import GateCase
from jewellery_followup_core.scenarios import gate


class TestOnlyThePublicApiIsCallable(gate.PublicApiScenarios, GateCase):
    pass


class TestAttemptsAreTheEnginesOwn(gate.EngineOwnsAttemptsScenarios, GateCase):
    pass


class TestWhoActsOnWhichLead(gate.WhoActsScenarios, GateCase):
    pass


class TestMergeOpportunities(gate.MergeScenarios, GateCase):
    pass


class TestEveryAnswerStopsTheChain(gate.AnswerStopsChainScenarios, GateCase):
    pass


class TestChatterEscaping(gate.ChatterEscapingScenarios, GateCase):
    pass
