"""The second-chance chain as the salesperson lives it: call, note, gift, and what stops it (the core's scenarios,
on Odoo 19)."""
from jewellery_followup_core.scenarios import chain

from odoo.tests import tagged

from .common import FollowupCase


@tagged("post_install", "-at_install")
class TestChainRuns(chain.ChainRunsScenarios, FollowupCase):
    pass


@tagged("post_install", "-at_install")
class TestResponsesStopTheChain(chain.ResponsesStopTheChainScenarios, FollowupCase):
    pass


@tagged("post_install", "-at_install")
class TestOccasionTiming(chain.OccasionTimingScenarios, FollowupCase):
    pass


@tagged("post_install", "-at_install")
class TestManagers(chain.ManagersScenarios, FollowupCase):
    pass


@tagged("post_install", "-at_install")
class TestChainStateInTheChatter(chain.ChainStateInTheChatterScenarios, FollowupCase):
    pass
