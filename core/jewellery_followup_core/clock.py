# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The store's clock and calendar, and ``due_date``, the one date function of the product.

"Today" is the store's: the salesperson's time zone, else the company's, else UTC. ``utc_now`` is the only
clock; tests replace it (``clock.utc_now``), so every "today" follows them.
"""
import datetime

import pytz

# The last touch should land at least this many days before the occasion.
OCCASION_MARGIN_DAYS = 2
# The hourly job puts a due touch on the salesperson's list from this hour of the store's morning.
MORNING_HOUR = 5
# A private showing booked without a time is set for this hour of the store's next open day.
SHOWING_HOUR = 10
# The board's "this week": the next six days after today (on a Saturday, Tuesday's touches are still in it).
WEEK_DAYS = 6


def utc_now():
    """Now, in UTC, naive (as Odoo stores datetimes)."""
    return datetime.datetime.utcnow()


def store_tz(*names):
    """The store's time zone: the first valid name given (salesperson's, then company's), else UTC."""
    for name in names:
        if name and name in pytz.all_timezones_set:
            return pytz.timezone(name)
    return pytz.utc


def store_now(tz):
    return pytz.utc.localize(utc_now()).astimezone(tz).replace(tzinfo=None)


def store_today(tz):
    """Today, as the store's wall calendar says."""
    return store_now(tz).date()


def morning_day(tz):
    """The last day whose touches are due: today from MORNING_HOUR on, yesterday before it."""
    return (store_now(tz) - datetime.timedelta(hours=MORNING_HOUR)).date()


def job_horizon():
    """No store on Earth (UTC+14 at most) is past tomorrow in UTC: bounds the job's indexed query."""
    return utc_now().date() + datetime.timedelta(days=1)


def store_time_to_utc(day, hour, tz):
    """``hour`` o'clock of ``day`` in the store, as a naive UTC datetime."""
    local = datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(hours=hour)
    return tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)


def utc_to_store_day(moment, tz):
    return pytz.utc.localize(moment).astimezone(tz).date()


def as_date(value):
    """A date from what an Odoo version gives: a date (17.0 and later) or an ISO string (11.0); None for empty."""
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.datetime.strptime(value[:10], "%Y-%m-%d").date()


def as_datetime(value):
    """A naive datetime from a datetime or Odoo 11's ``YYYY-MM-DD HH:MM:SS`` string; None for empty."""
    if not value:
        return None
    if isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.strptime(value[:19], "%Y-%m-%d %H:%M:%S")


class StoreCalendar(object):
    """The days a store is open: its weekdays (0 = Monday) and its closing days."""

    def __init__(self, open_weekdays=None, closed_days=()):
        self.open_weekdays = set(open_weekdays) if open_weekdays else set(range(7))
        self.closed_days = set(closed_days)

    def is_open(self, day):
        return day.weekday() in self.open_weekdays and day not in self.closed_days

    def add_open_days(self, day, count):
        """The ``count``-th open day after ``day`` (``day`` itself, or the next open day, for 0)."""
        for _guard in range(3660):  # ten years of closing days: a calendar with no open day ends here
            if count <= 0 and self.is_open(day):
                return day
            day += datetime.timedelta(days=1)
            if self.is_open(day):
                count -= 1
        return day

    def open_on_or_before(self, day, earliest):
        while day > earliest and not self.is_open(day):
            day -= datetime.timedelta(days=1)
        return max(day, earliest)


def closed_days_between(ranges, tz, first_day):
    """The store-local days covered by closing periods ``ranges`` (UTC datetimes), from ``first_day`` on."""
    days = set()
    for start, stop in ranges:
        day, last = utc_to_store_day(start, tz), utc_to_store_day(stop, tz)
        day = max(day, first_day - datetime.timedelta(days=1))
        while day <= last:
            days.add(day)
            day += datetime.timedelta(days=1)
    return days


def due_date(since, delay_days, calendar, occasion_date=None, steps_left=1):
    """The one date function of the product.

    ``delay_days`` open days of ``calendar`` after ``since``. When the occasion is known, the remaining
    ``steps_left`` touches (this one included) must all land at least OCCASION_MARGIN_DAYS before it: this
    touch is pulled earlier, one day per touch still to come, but never before ``since``.
    """
    due = calendar.add_open_days(since, delay_days)
    if occasion_date:
        latest = occasion_date - datetime.timedelta(days=OCCASION_MARGIN_DAYS + steps_left - 1)
        if due > latest:
            due = calendar.open_on_or_before(latest, since)
    return due


def due_bucket(due, today, week_days=WEEK_DAYS):
    """The board's column of a touch due on ``due``, seen on the store's ``today``: overdue, today, this week
    (the next ``week_days`` days) or later."""
    if due < today:
        return "overdue"
    if due == today:
        return "today"
    if due <= today + datetime.timedelta(days=week_days):
        return "this_week"
    return "later"


def showing_start(tz, calendar):
    """A showing booked without a time: SHOWING_HOUR of the store's next open day, in UTC."""
    day = calendar.add_open_days(store_today(tz), 1)
    return store_time_to_utc(day, SHOWING_HOUR, tz)
