"""Visit ended without a sale: the wizard always leaves the customer with a next step, and the lead shows it (the
core's scenarios, on Odoo 19)."""
from jewellery_followup_core.scenarios import visit_close

from odoo.tests import tagged

from .common import FollowupCase


@tagged("post_install", "-at_install")
class TestNextStepIsRequired(visit_close.NextStepIsRequiredScenarios, FollowupCase):
    pass


@tagged("post_install", "-at_install")
class TestAsTheSalesperson(visit_close.AsTheSalespersonScenarios, FollowupCase):
    pass


@tagged("post_install", "-at_install")
class TestDesignsEmail(visit_close.DesignsEmailScenarios, FollowupCase):
    pass


@tagged("post_install", "-at_install")
class TestCareAppointment(visit_close.CareAppointmentScenarios, FollowupCase):
    pass


@tagged("post_install", "-at_install")
class TestServiceInvitation(visit_close.ServiceInvitationScenarios, FollowupCase):
    pass


@tagged("post_install", "-at_install")
class TestSecondChanceChain(visit_close.SecondChanceChainScenarios, FollowupCase):
    pass


@tagged("post_install", "-at_install")
class TestSurpriseDesignsEmail(visit_close.SurpriseDesignsEmailScenarios, FollowupCase):
    pass


@tagged("post_install", "-at_install")
class TestEscaping(visit_close.EscapingScenarios, FollowupCase):
    pass
