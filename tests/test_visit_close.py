"""Visit ended without a sale: the wizard always leaves the customer with a next step, and the lead shows it (the
core's scenarios, on Odoo 11)."""
from gate_common import GateCase
from jewellery_followup_core.scenarios import visit_close


class TestNextStepIsRequired(visit_close.NextStepIsRequiredScenarios, GateCase):
    pass


class TestAsTheSalesperson(visit_close.AsTheSalespersonScenarios, GateCase):
    pass


class TestDesignsEmail(visit_close.DesignsEmailScenarios, GateCase):
    pass


class TestCareAppointment(visit_close.CareAppointmentScenarios, GateCase):
    pass


class TestServiceInvitation(visit_close.ServiceInvitationScenarios, GateCase):
    pass


class TestSecondChanceChain(visit_close.SecondChanceChainScenarios, GateCase):
    pass


class TestSurpriseDesignsEmail(visit_close.SurpriseDesignsEmailScenarios, GateCase):
    pass


class TestEscaping(visit_close.EscapingScenarios, GateCase):
    pass
