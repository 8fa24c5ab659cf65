"""Fixtures for the follow-up tests: a store open Tuesday to Saturday and a customer who left without buying."""
from jewellery_followup_core.scenarios import LEAD_VALUES, VISIT_DAY
from jewellery_followup_core.scenarios.driver import ChainDriver, StoreClock, utc_moment  # noqa: F401

from odoo.tests.common import SavepointCase


class ClockCase(StoreClock, SavepointCase):
    """Each test runs at a moment it sets (noon UTC on the visit day unless it says otherwise): the core's one
    clock is replaced, so every "today" of the engine, in every time zone, follows it."""


class FollowupCase(ChainDriver, ClockCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.user.company_id
        cls.company.resource_calendar_id = cls.env["resource.calendar"].create({
            "name": "Store hours, Tuesday to Saturday",
            "attendance_ids": [
                (0, 0, {"name": day, "dayofweek": str(index), "hour_from": 10, "hour_to": 18})
                for index, day in enumerate(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]) if index
            ],
        })
        cls.salesperson = cls.env["res.users"].create({
            "name": "Nora Lindqvist",
            "login": "nora.followup@example.com",
            "email": "nora.followup@example.com",
            "groups_id": [(6, 0, [cls.env.ref("sales_team.group_sale_salesman_all_leads").id])],
        })
        cls.chain = cls.env.ref("jewellery_followup.chain_second_chance")
        cls.steps = cls.chain.step_ids.sorted("sequence")

    def make_lead(self, **values):
        vals = dict(LEAD_VALUES, user_id=self.salesperson.id)
        vals.update(values)
        return self.env["crm.lead"].create(vals)

    def start(self, lead, day=VISIT_DAY):
        self.on(day, lead).action_start_followup()
        return self.scheduled(lead)

    def scheduled(self, lead):
        return lead.followup_attempt_ids.filtered(lambda attempt: attempt.state == "scheduled")

    def answer(self, lead, day, outcome="no_answer", **kwargs):
        attempt = self.scheduled(lead)
        self.assertEqual(len(attempt), 1, "one attempt should be waiting for an answer")
        self.on(day, attempt).action_record_outcome(outcome, **kwargs)
        return attempt
