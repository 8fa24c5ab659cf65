# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Today, due dates, closing days, the hourly job's morning and the showing's time follow the store's clock.

The store's time is the salesperson's time zone, else the company's, else UTC. The stores here are in Los Angeles
(UTC-8 in early March 2027) and Auckland (UTC+13): the clock is set in UTC around their midnight. The store is open
Tuesday to Saturday.
"""
LOS_ANGELES = "America/Los_Angeles"
AUCKLAND = "Pacific/Auckland"
OWN_DOCUMENTS = "sales_team.group_sale_salesman"
ALL_LEADS = "sales_team.group_sale_salesman_all_leads"


class StoreClock(object):

    def seller(self, name, tz, group=OWN_DOCUMENTS):
        """A salesperson whose time zone is ``tz`` (``False``: none)."""
        return self.make_user(name, group, tz=tz)

    def customer_of(self, seller, **values):
        """The lead the salesperson made for a visit, in their own hands."""
        return self.lead_of(seller, **values)

    def start_at(self, lead, utc_day, utc_hour):
        """The lead's salesperson starts the chain at ``utc_hour`` (UTC) on ``utc_day``: returns the first touch."""
        self.set_clock(utc_day, utc_hour)
        self.as_user(lead, lead.user_id).action_start_followup()
        return self.scheduled(lead)


class StoreTodayScenarios(StoreClock):

    def test_a_chain_started_at_2230_in_los_angeles_calls_the_next_morning(self):
        lead = self.customer_of(self.seller("Lena LosAngeles", LOS_ANGELES))
        # Monday 8 March, 22:30 in Los Angeles, is already Tuesday 06:30 in UTC
        call = self.start_at(lead, "2027-03-09", 6.5)
        self.assertEqual(self.iso(call.date_scheduled), "2027-03-09",
                         "Tuesday, the store's next morning, not Wednesday")

    def test_a_chain_started_late_on_friday_in_los_angeles_calls_on_saturday(self):
        lead = self.customer_of(self.seller("Lena LosAngeles", LOS_ANGELES, ALL_LEADS))
        # Friday 5 March 2027, 22:30 in Los Angeles, is Saturday 06:30 UTC: the store's next open day is Saturday
        call = self.start_at(lead, "2027-03-06", 6.5)
        self.assertEqual(self.iso(call.date_scheduled), "2027-03-06")

    def test_a_chain_started_at_0900_in_auckland_never_calls_the_same_day(self):
        for seller in (self.seller("Aroha Auckland", AUCKLAND), self.seller("Ari Auckland", AUCKLAND, ALL_LEADS)):
            with self.subTest(seller=seller.name):
                lead = self.customer_of(seller)
                # Tuesday 9 March, 09:00 in Auckland, is still Monday 20:00 in UTC
                call = self.start_at(lead, "2027-03-08", 20)
                self.assertEqual(self.iso(call.date_scheduled), "2027-03-10",
                                 "Wednesday: the customer left on Tuesday")

    def test_around_aucklands_midnight_the_day_turns_at_the_stores_midnight(self):
        seller = self.seller("Aroha Auckland", AUCKLAND)
        before = self.customer_of(seller, name="Before midnight")
        after = self.customer_of(seller, name="After midnight")
        # Tuesday 23:30 and Wednesday 00:30 in Auckland are Tuesday 10:30 and 11:30 in UTC
        self.assertEqual(self.iso(self.start_at(before, "2027-03-09", 10.5).date_scheduled), "2027-03-10")
        self.assertEqual(self.iso(self.start_at(after, "2027-03-09", 11.5).date_scheduled), "2027-03-11")

    def test_without_a_salesperson_time_zone_the_companys_is_the_stores(self):
        self.company.partner_id.tz = AUCKLAND
        lead = self.customer_of(self.seller("Tess Timeless", False))
        call = self.start_at(lead, "2027-03-08", 20)
        self.assertEqual(self.iso(call.date_scheduled), "2027-03-10")

    def test_a_closing_day_is_the_stores_own_day(self):
        # Wednesday 10 March closed in Los Angeles: 08:00 UTC that day to 07:59 UTC the next
        self.company.resource_calendar_id.write({"leave_ids": [(0, 0, {
            "name": "Stocktaking", "date_from": "2027-03-10 08:00:00", "date_to": "2027-03-11 07:59:59"})]})
        lead = self.customer_of(self.seller("Lena LosAngeles", LOS_ANGELES))
        call = self.start_at(lead, "2027-03-09", 18)  # Tuesday 10:00 in Los Angeles
        self.assertEqual(self.iso(call.date_scheduled), "2027-03-11", "Thursday is open: only Wednesday is closed")


class StoreMorningScenarios(StoreClock):

    def note_due_thursday(self, seller, start_utc, answer_utc):
        lead = self.customer_of(seller)
        call = self.start_at(lead, *start_utc)
        self.set_clock(*answer_utc)
        self.as_user(call, lead.user_id).action_record_outcome("no_answer")
        self.assertEqual(self.iso(lead.followup_next_date), "2027-03-11", "the note is due two open days later")
        return lead

    def test_in_los_angeles_the_note_lands_at_the_start_of_the_stores_morning(self):
        # started Saturday, call answered (no answer) on Tuesday, both in store hours
        lead = self.note_due_thursday(self.seller("Lena LosAngeles", LOS_ANGELES),
                                      ("2027-03-06", 18), ("2027-03-09", 18))
        self.assertEqual(self.run_cron("2027-03-11", 10), 0, "02:00 in Los Angeles: not yet")
        self.assertEqual(self.run_cron("2027-03-11", 13.5), 1, "05:30 in Los Angeles")
        self.assertEqual(self.iso(self.scheduled(lead).date_scheduled), "2027-03-11")

    def test_in_auckland_the_note_lands_while_it_is_still_the_day_before_in_utc(self):
        lead = self.note_due_thursday(self.seller("Aroha Auckland", AUCKLAND), ("2027-03-05", 22), ("2027-03-08", 22))
        self.assertEqual(self.run_cron("2027-03-10", 15), 0, "04:00 on Thursday in Auckland: not yet")
        self.assertEqual(self.run_cron("2027-03-10", 16.5), 1, "05:30 on Thursday in Auckland")
        note = self.scheduled(lead)
        self.assertEqual((note.kind, self.iso(note.date_scheduled)), ("note", "2027-03-11"))
        self.assertEqual(self.iso(note.activity_id.date_deadline), "2027-03-11")

    def test_the_hourly_job_lands_a_touch_from_five_in_the_store_morning(self):
        lead = self.customer_of(self.seller("Aroha Auckland", AUCKLAND, ALL_LEADS))
        self.start_at(lead, "2027-03-08", 20)
        self.answer(lead, "2027-03-09")  # UTC noon on the 9th is already the 10th in Auckland
        self.assertEqual(self.iso(lead.followup_next_date), "2027-03-12")
        # 04:00 on the 12th in Auckland is 15:00 UTC on the 11th: too early; 06:00 (17:00 UTC) lands it
        self.assertEqual(self.run_cron("2027-03-11", 15), 0)
        self.assertEqual(self.run_cron("2027-03-11", 17), 1)

    def test_the_private_showing_is_at_ten_in_the_store(self):
        lead = self.customer_of(self.seller("Aroha Auckland", AUCKLAND))
        call = self.start_at(lead, "2027-03-08", 20)  # Tuesday 09:00 in Auckland
        self.set_clock("2027-03-09", 20)  # Wednesday 09:00 in Auckland
        self.as_user(call, lead.user_id).action_record_outcome("appointment")
        event = self.env["calendar.event"].search([("opportunity_id", "=", lead.id)])
        self.assertEqual(self.iso(event.start), "2027-03-10 21:00:00", "Thursday 10:00 in Auckland")
