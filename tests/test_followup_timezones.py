"""Today, due dates, closing days, the hourly job's morning and the showing's time follow the store's clock.

The store's time is the salesperson's time zone, else the company's, else UTC. The stores here are in Los Angeles
(UTC-8 in early March 2027) and Auckland (UTC+13): the clock is set in UTC around their midnight. The store is open
Tuesday to Saturday (followup_common).
"""
import os
import shutil
import subprocess
import sys
import unittest

from followup_common import FollowupCase

from odoo.tools import config

LOS_ANGELES = "America/Los_Angeles"
AUCKLAND = "Pacific/Auckland"


class TimezoneCase(FollowupCase):

    def salesperson_in(self, tz):
        return self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Seller in %s" % tz,
            "login": "seller.%s@example.com" % tz.lower().replace("/", "."),
            "email": "seller.%s@example.com" % tz.lower().replace("/", "."),
            "tz": tz,
            "groups_id": [(6, 0, [self.env.ref("sales_team.group_sale_salesman").id])],
        })

    def start_at(self, lead, utc_day, utc_hour):
        self.set_clock(utc_day, utc_hour)
        lead.sudo(lead.user_id).action_start_followup()
        return self.scheduled(lead)


class TestStoreToday(TimezoneCase):

    def test_a_chain_started_at_2230_in_los_angeles_calls_the_next_morning(self):
        lead = self.make_lead(user_id=self.salesperson_in(LOS_ANGELES).id)
        # Monday 8 March, 22:30 in Los Angeles, is already Tuesday 06:30 in UTC
        call = self.start_at(lead, "2027-03-09", 6.5)
        self.assertEqual(call.date_scheduled, "2027-03-09", "Tuesday, the store's next morning, not Wednesday")

    def test_a_chain_started_at_0900_in_auckland_never_calls_the_same_day(self):
        lead = self.make_lead(user_id=self.salesperson_in(AUCKLAND).id)
        # Tuesday 9 March, 09:00 in Auckland, is still Monday 20:00 in UTC
        call = self.start_at(lead, "2027-03-08", 20)
        self.assertEqual(call.date_scheduled, "2027-03-10", "Wednesday: the customer left on Tuesday")

    def test_around_aucklands_midnight_the_day_turns_at_the_stores_midnight(self):
        seller = self.salesperson_in(AUCKLAND)
        before = self.make_lead(name="Before midnight", user_id=seller.id)
        after = self.make_lead(name="After midnight", user_id=seller.id)
        # Tuesday 23:30 and Wednesday 00:30 in Auckland are Tuesday 10:30 and 11:30 in UTC
        self.assertEqual(self.start_at(before, "2027-03-09", 10.5).date_scheduled, "2027-03-10")
        self.assertEqual(self.start_at(after, "2027-03-09", 11.5).date_scheduled, "2027-03-11")

    def test_without_a_salesperson_time_zone_the_companys_is_the_stores(self):
        self.env.user.company_id.partner_id.tz = AUCKLAND
        lead = self.make_lead()  # the fixture's salesperson has no time zone
        call = self.start_at(lead, "2027-03-08", 20)
        self.assertEqual(call.date_scheduled, "2027-03-10")

    def test_a_closing_day_is_the_stores_own_day(self):
        # Wednesday 10 March closed in Los Angeles: 08:00 UTC that day to 07:59 UTC the next
        self.company.resource_calendar_id.write({"leave_ids": [(0, 0, {
            "name": "Stocktaking", "date_from": "2027-03-10 08:00:00", "date_to": "2027-03-11 07:59:59"})]})
        lead = self.make_lead(user_id=self.salesperson_in(LOS_ANGELES).id)
        call = self.start_at(lead, "2027-03-09", 18)  # Tuesday 10:00 in Los Angeles
        self.assertEqual(call.date_scheduled, "2027-03-11", "Thursday is open: only Wednesday is closed")


class TestStoreMorning(TimezoneCase):

    def note_due_thursday(self, tz, start_utc, answer_utc):
        lead = self.make_lead(user_id=self.salesperson_in(tz).id)
        call = self.start_at(lead, *start_utc)
        self.set_clock(*answer_utc)
        call.sudo(lead.user_id).action_record_outcome("no_answer")
        self.assertEqual(lead.followup_next_date, "2027-03-11", "the note is due two open days later")
        return lead

    def run_job_at(self, utc_day, utc_hour):
        self.set_clock(utc_day, utc_hour)
        return self.env["jewellery.followup.engine"].sudo()._advance()

    def test_in_los_angeles_the_note_lands_at_the_start_of_the_stores_morning(self):
        # started Saturday, call answered (no answer) on Tuesday, both in store hours
        lead = self.note_due_thursday(LOS_ANGELES, ("2027-03-06", 18), ("2027-03-09", 18))
        self.assertEqual(self.run_job_at("2027-03-11", 10), 0, "02:00 in Los Angeles: not yet")
        self.assertEqual(self.run_job_at("2027-03-11", 13.5), 1, "05:30 in Los Angeles")
        self.assertEqual(self.scheduled(lead).date_scheduled, "2027-03-11")

    def test_in_auckland_the_note_lands_while_it_is_still_the_day_before_in_utc(self):
        lead = self.note_due_thursday(AUCKLAND, ("2027-03-05", 22), ("2027-03-08", 22))
        self.assertEqual(self.run_job_at("2027-03-10", 15), 0, "04:00 on Thursday in Auckland: not yet")
        self.assertEqual(self.run_job_at("2027-03-10", 16.5), 1, "05:30 on Thursday in Auckland")
        note = self.scheduled(lead)
        self.assertEqual((note.kind, note.date_scheduled), ("note", "2027-03-11"))
        self.assertEqual(note.activity_id.date_deadline, "2027-03-11")

    def test_the_private_showing_is_at_ten_in_the_store(self):
        lead = self.make_lead(user_id=self.salesperson_in(AUCKLAND).id)
        call = self.start_at(lead, "2027-03-08", 20)  # Tuesday 09:00 in Auckland
        self.set_clock("2027-03-09", 20)  # Wednesday 09:00 in Auckland
        call.sudo(lead.user_id).action_record_outcome("appointment")
        event = self.env["calendar.event"].search([("opportunity_id", "=", lead.id)])
        self.assertEqual(event.start, "2027-03-10 21:00:00", "Thursday 10:00 in Auckland")


@unittest.skipUnless(shutil.which("faketime"), "Debian's faketime is not installed")
class TestMovedClock(unittest.TestCase):
    """A real Odoo process whose clock is moved by faketime (no test hook at all) starts a chain."""

    def start_under_faketime(self, moment, tz):
        script = os.path.join(os.path.dirname(__file__), "faketime_start.py")
        database = os.environ.get("JEWELLERY_TEST_RPC_DB")
        if not database:
            self.skipTest("JEWELLERY_TEST_RPC_DB is not set (scripts/test sets it)")
        result = subprocess.run(
            ["faketime", moment, sys.executable, script, config.rcfile, database, tz],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=300,
            env=dict(os.environ, TZ="UTC"))
        self.assertEqual(result.returncode, 0, result.stderr[-3000:])
        return result.stdout.strip().splitlines()[-1]

    def test_los_angeles_at_2230_and_auckland_at_0900(self):
        self.assertEqual(self.start_under_faketime("2027-03-09 06:30:00", LOS_ANGELES), "call due 2027-03-09")
        self.assertEqual(self.start_under_faketime("2027-03-08 20:00:00", AUCKLAND), "call due 2027-03-10")
