"""Visit ended without a sale: the wizard always leaves the customer with a next step, and the lead shows it (the
core's scenarios, on Odoo 17)."""
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

    def test_the_customer_address_is_used_when_the_lead_has_none(self):
        # Odoo 17's crm writes a lead's e-mail back to its customer (the inverse of email_from): a lead created
        # without one empties its customer's, and a customer's address fills the lead's. A lead left without an
        # address while its customer has one (older data, an import in SQL) is made in SQL here.
        partner = self.env["res.partner"].create({"name": "Marc Olsen", "email": "marc@example.com"})
        lead = self.env["crm.lead"].create({"name": "Cufflinks", "partner_id": partner.id})
        self.env.flush_all()
        self.env.cr.execute("UPDATE crm_lead SET email_from = NULL, email_normalized = NULL WHERE id = %s",
                            (lead.id,))
        self.env.invalidate_all()
        self.assertFalse(lead.email_from)
        self._wizard(lead, next_step="designs",
                     attachment_ids=[(6, 0, self._upload("cufflinks.png", b"x").ids)]).action_confirm()
        message = self._designs_message(lead)
        self.assertEqual(message.partner_ids, partner)
        self.assertIn("Dear Marc Olsen,", message.body)


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
