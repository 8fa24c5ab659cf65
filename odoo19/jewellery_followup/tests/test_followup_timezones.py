"""Today, due dates, closing days, the hourly job's morning and the showing's time follow the store's clock (the core's
scenarios, on Odoo 19)."""
from jewellery_followup_core.scenarios import timezones

from odoo.tests import tagged

from .common import FollowupCase


@tagged("post_install", "-at_install")
class TestStoreToday(timezones.StoreTodayScenarios, FollowupCase):
    pass


@tagged("post_install", "-at_install")
class TestStoreMorning(timezones.StoreMorningScenarios, FollowupCase):
    pass
