# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What every version's driver of the scenarios does alike, over the Odoo API its test case hands it: the test's
clock, and a customer's way through the chain. Each version's ``FollowupCase`` mixes ``ChainDriver`` in before
Odoo's test case, and spells the rest its own way (``make_lead``, ``start``, ``scheduled``, ``answer``,
``as_user``, ``fresh``, ``attempts_of``)."""
import datetime
from unittest import mock

from .. import clock
from . import LEAD_VALUES, VISIT_DAY


def utc_moment(day, hour=12):
    """``hour`` o'clock UTC (fractional hours allowed) of ``day``, an ISO date."""
    return datetime.datetime.strptime(day, "%Y-%m-%d") + datetime.timedelta(hours=hour)


class StoreClock(object):
    """Each test runs at a moment it sets (noon UTC on the visit day unless it says otherwise): the core's one clock
    is replaced, so every "today" of the engine, in every time zone, follows it."""

    def setUp(self):
        super().setUp()
        self.now = utc_moment(VISIT_DAY)
        patcher = mock.patch.object(clock, "utc_now", side_effect=lambda: self.now)
        patcher.start()
        self.addCleanup(patcher.stop)

    def set_clock(self, day, hour=12):
        """Moves the clock to ``hour`` o'clock UTC of ``day`` (an ISO date)."""
        self.now = utc_moment(day, hour)

    def on(self, day, records):
        """The same records, seen on ``day`` (the clock moves there)."""
        self.set_clock(day)
        return records


class ChainDriver(StoreClock):
    """A customer's way through the second-chance chain, as every scenario walks it."""

    def setUp(self):
        super().setUp()
        # the demo store turned its after-sale touches on: a scenario turns them on when it is about them
        self.env["res.company"].sudo().search([("aftersale_enabled", "=", True)]).write({"aftersale_enabled": False})

    def engine(self, day, hour=12):
        """The engine model at ``hour`` o'clock UTC of ``day``, for its private calls."""
        self.set_clock(day, hour)
        return self.env["jewellery.followup.engine"]

    def run_cron(self, day, hour=12):
        """The hourly job, run by the superuser at that moment."""
        return self.engine(day, hour).sudo()._advance()

    def reach_gift(self, lead):
        """Call and note go unanswered: returns the gift attempt, scheduled on Thursday 18 March."""
        self.start(lead)
        self.answer(lead, "2027-03-09")
        self.run_cron("2027-03-11")
        self.answer(lead, "2027-03-11")
        self.run_cron("2027-03-18")
        return self.scheduled(lead)

    def exhaust(self, lead):
        """Call, note and gift go unanswered (the lead's own environment acts): the lead is lost, 3 contacts."""
        self.reach_gift(lead)
        self.answer(lead, "2027-03-18")

    def reopen(self, lead):
        lead.write({"active": True, "probability": 10})
        return lead

    def merge(self, leads, user):
        """Odoo's own merge of opportunities, as ``user``: the other leads are deleted."""
        return self.as_user(leads, user).merge_opportunity()

    @staticmethod
    def lead_values(**values):
        """Tom's lead (``LEAD_VALUES``) with ``values`` over it."""
        vals = dict(LEAD_VALUES)
        vals.update(values)
        return vals

    def open_attempts(self, lead):
        return self.attempts_of(lead).filtered(lambda attempt: attempt.state == "scheduled")

    def activities(self, lead):
        """The lead's open activities, as the test's own environment sees them."""
        return self.env["mail.activity"].search([("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)])

    def assert_chatter_says(self, lead, text):
        self.fresh()
        bodies = lead.sudo().message_ids.mapped("body")
        self.assertTrue(any(text in (body or "") for body in bodies),
                        "the chatter should say %r; it says %r" % (text, bodies[:5]))
