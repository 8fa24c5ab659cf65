"""The core's own tests: plain pytest, no Odoo, no database (``python -m pytest core/tests``), on the sources beside
them (not a copy installed earlier). pytest-odoo, installed beside Odoo 11, stays off (core/pytest.ini), and its
registry fixture does nothing here."""
import datetime
import os
import sys
from unittest import mock

import pytest
from hypothesis import settings

# The test commands are a gate: the same examples on every run, so a red run is a change's doing, never the luck of
# the draw. JEWELLERY_HYPOTHESIS=explore draws new examples, to look for what the fixed ones miss.
settings.register_profile("gate", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("JEWELLERY_HYPOTHESIS", "gate"))

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.dirname(HERE), HERE]

from jewellery_followup_core import clock  # noqa: E402  (after the path of memory.py)
from memory import Database, Store  # noqa: E402

# Saturday 6 March 2027, noon UTC: a customer left the counter without buying. The store opens Tuesday to Saturday.
VISIT = datetime.datetime(2027, 3, 6, 12)


class Shop(object):
    """A store in London time with a salesperson, a manager, the three-step chain and a customer's lead."""

    def __init__(self, now):
        self.now = now
        db = self.db = Database()
        calendar = db.create("resource.calendar", attendance_ids=[
            db.create("resource.attendance", dayofweek=str(day)).id for day in range(1, 6)], global_leave_ids=[])
        self.company = db.create("res.company", name="Blake & Co", partner_id=db.create(
            "res.partner", name="Blake & Co", tz="Europe/London").id, resource_calendar_id=calendar.id)
        self.salesperson = self.user("Nora Lindqvist")
        self.chain = db.create("jewellery.followup.chain", name="Second chance", assign_policy="salesperson")
        for sequence, (kind, delay, summary) in enumerate(
                [("call", 1, "Morning call"), ("note", 2, "Handwritten note"), ("gift", 5, "Gift")]):
            db.create("jewellery.followup.step", chain_id=self.chain.id, sequence=sequence, kind=kind,
                      delay_days=delay, summary=summary, script="Dear {customer}, about {recipient}.")

    def user(self, name, **values):
        partner = self.db.create("res.partner", name=name, tz="Europe/London", lang="en_US")
        return self.db.create("res.users", name=name, partner_id=partner.id, active=True, share=False,
                              tz="Europe/London", lang="en_US", login=name.lower(),
                              company_ids=[self.company.id], **values)

    def lead(self, **values):
        vals = dict(name="Engagement ring", contact_name="Tom Reyes", email_from="tom@example.com",
                    user_id=self.salesperson.id, company_id=self.company.id, followup_state="none",
                    followup_contact_count=0, active=True, probability=10, opt_out=False, occasion="engagement",
                    recipient_name="Clara", stone_carat=0.0, followup_next_date=False, occasion_date=False)
        vals.update(values)
        return self.db.create("crm.lead", **vals)

    def store(self, user=None, manager=False, lang="en_US"):
        return Store(self.db, user or self.salesperson, self.company, manager=manager, lang=lang)

    def messages(self, lead):
        return [text for lead_id, text in self.db.messages if lead_id == lead.id]


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """Nothing to load: the core imports no Odoo."""


@pytest.fixture
def shop():
    shop = Shop(VISIT)
    with mock.patch.object(clock, "utc_now", side_effect=lambda: shop.now):
        yield shop
