from odoo.tests import tagged

from .common import FollowupCase


@tagged("post_install", "-at_install")
class TestFollowupTimezones(FollowupCase):
    """The store's clock: the salesperson's time zone, else the company's, else UTC."""

    def test_a_chain_started_late_in_los_angeles_calls_the_next_morning(self):
        seller = self.make_user("Lena LosAngeles", "sales_team.group_sale_salesman_all_leads",
                                tz="America/Los_Angeles")
        lead = self.make_lead(user=seller)
        # Friday 5 March 2027, 22:30 in Los Angeles is Saturday 06:30 UTC
        self.set_clock("2027-03-06", hour=6)
        self.now = self.now.replace(minute=30)
        lead.action_start_followup()
        # the store's Saturday is the next day; its next open day after Friday is Saturday the 6th
        self.assertEqual(str(self.scheduled(lead).date_scheduled), "2027-03-06")

    def test_a_chain_started_in_the_auckland_morning_never_calls_the_same_day(self):
        seller = self.make_user("Aroha Auckland", "sales_team.group_sale_salesman_all_leads",
                                tz="Pacific/Auckland")
        lead = self.make_lead(user=seller)
        # Tuesday 9 March 2027, 09:00 in Auckland (UTC+13) is Monday 20:00 UTC
        self.set_clock("2027-03-08", hour=20)
        lead.action_start_followup()
        self.assertEqual(str(self.scheduled(lead).date_scheduled), "2027-03-10")

    def test_the_hourly_job_lands_a_touch_from_five_in_the_store_morning(self):
        seller = self.make_user("Aroha Auckland", "sales_team.group_sale_salesman_all_leads",
                                tz="Pacific/Auckland")
        lead = self.make_lead(user=seller)
        self.set_clock("2027-03-08", hour=20)
        lead.action_start_followup()
        self.answer(lead, "2027-03-09")  # UTC noon on the 9th is already the 10th in Auckland
        due = str(lead.followup_next_date)
        self.assertEqual(due, "2027-03-12")
        # 04:00 on the 12th in Auckland is 15:00 UTC on the 11th: too early; 06:00 (17:00 UTC) lands it
        self.assertEqual(self.run_cron("2027-03-11", hour=15), 0)
        self.assertEqual(self.run_cron("2027-03-11", hour=17), 1)
