"""The follow-up keeps its promises on every path Odoo gives a user or a script, for real users of each sales group
(the core's scenarios, on Odoo 19)."""
from jewellery_followup_core.scenarios import gate

from odoo.tests import tagged

from .common import FollowupCase


@tagged("post_install", "-at_install")
class TestOnlyThePublicApiIsCallable(gate.PublicApiScenarios, FollowupCase):
    pass


@tagged("post_install", "-at_install")
class TestAttemptsAreTheEnginesOwn(gate.EngineOwnsAttemptsScenarios, FollowupCase):
    pass


@tagged("post_install", "-at_install")
class TestWhoActsOnWhichLead(gate.WhoActsScenarios, FollowupCase):
    pass


@tagged("post_install", "-at_install")
class TestMergeOpportunities(gate.MergeScenarios, FollowupCase):
    pass


@tagged("post_install", "-at_install")
class TestEveryAnswerStopsTheChain(gate.AnswerStopsChainScenarios, FollowupCase):
    pass


@tagged("post_install", "-at_install")
class TestChatterEscaping(gate.ChatterEscapingScenarios, FollowupCase):
    pass
