# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The second-chance rules in plain Python, without the ORM.

Everything that decides *what* happens lives here: the store's day in its time zone, the one due-date
function, the limit of three contacts, what a chain does next, what stops it, and the placeholders of the
wording. The Odoo models only read records into these functions and write back what they answer, so the
rules serve the Odoo 11.0 addon (``jewellery_followup/``) and the Odoo 18.0 one (``odoo18/jewellery_followup/``)
from this one source: each addon's manifest declares this package in ``external_dependencies`` and its
``__init__`` exposes it as ``rules``. It runs on Python 3.7 (Odoo 11) and 3.10 to 3.12 (Odoo 18).
"""
import datetime
import heapq
import re

import pytz

# A customer is never contacted more than this many times per lead, whatever path asks for more.
MAX_CONTACTS = 3
# The last touch should land at least this many days before the occasion.
OCCASION_MARGIN_DAYS = 2
# The hourly job puts a due touch on the salesperson's list from this hour of the store's morning.
MORNING_HOUR = 5
# A private showing booked without a time is set for this hour of the store's next open day.
SHOWING_HOUR = 10
# A showing is booked at most this far ahead.
APPOINTMENT_HORIZON_DAYS = 366

NO_ANSWER = "no_answer"
OUTCOMES = ("no_answer", "appointment", "declined", "came_back", "purchased")
# A response from the customer ends the chain in this state.
RESPONSE_STATES = {
    "appointment": "appointment",
    "came_back": "stopped",
    "purchased": "won",
    "declined": "declined",
}

# Why a chain stops without a response to one of its touches.
STOP_WON = "won"
STOP_CLOSED = "closed"
STOP_OPTED_OUT = "opted_out"
STOP_OCCASION_PASSED = "occasion_passed"
STOP_STATES = {
    STOP_WON: "won",
    STOP_CLOSED: "stopped",
    STOP_OPTED_OUT: "opted_out",
    STOP_OCCASION_PASSED: "stopped",
}

# Why a chain cannot start.
REFUSE_RUNNING = "running"
REFUSE_LIMIT = "limit"
REFUSE_NO_CHAIN = "no_chain"
REFUSE_NO_STEP = "no_step"
REFUSE_CLOSED = "closed"
REFUSE_OPTED_OUT = "opted_out"
REFUSE_OCCASION_PASSED = "occasion_passed"
REFUSE_NO_CONTACT = "no_contact"

PLACEHOLDER = re.compile(r"\{(\w+)\}")
# Anything in braces, to tell a manager about "{customer.name}" or "{ recipient }" when the step is saved.
BRACED = re.compile(r"\{([^{}]*)\}")
PLACEHOLDERS = ("customer", "recipient", "occasion", "stone", "piece", "metal",
                "salesperson", "company", "welcome")


# ---------------------------------------------------------------------------------------------- the clock

def utc_now():
    """Now, in UTC, naive (as Odoo stores datetimes). The one clock of the rules: tests replace it."""
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


def store_time_to_utc(day, hour, tz):
    """``hour`` o'clock of ``day`` in the store, as a naive UTC datetime."""
    local = datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(hours=hour)
    return tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)


def utc_to_store_day(moment, tz):
    return pytz.utc.localize(moment).astimezone(tz).date()


# ------------------------------------------------------------------------------------------ the calendar

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


# ------------------------------------------------------------------------------------- the chain's course

def last_step(step_count):
    """How many touches a chain of ``step_count`` steps can make: never more than the limit."""
    return min(step_count, MAX_CONTACTS)


def next_step_index(contacts_made, step_count):
    """Index of the step that comes after ``contacts_made`` contacts, or None when the chain is over."""
    if contacts_made >= last_step(step_count):
        return None
    return contacts_made


def steps_left(contacts_made, step_count):
    """Touches still to come, the next one included."""
    return max(last_step(step_count) - contacts_made, 0)


def due_bucket(due, today, week_days):
    """The board's column of a touch due on ``due``, seen on the store's ``today``: overdue, today, this week
    (the next ``week_days`` days) or later."""
    if due < today:
        return "overdue"
    if due == today:
        return "today"
    if due <= today + datetime.timedelta(days=week_days):
        return "this_week"
    return "later"


def stop_reason(active, probability, opt_out, occasion_date, today):
    """Why a running chain must stop although no touch was answered, or None."""
    if probability >= 100:
        return STOP_WON
    if not active:
        return STOP_CLOSED
    if opt_out:
        return STOP_OPTED_OUT
    if occasion_date and occasion_date < today:
        return STOP_OCCASION_PASSED
    return None


def start_refusal(lead, today):
    """Why a chain cannot start for ``lead``, or None. ``lead`` is a mapping of plain facts:

    ``running`` (a touch is open or due), ``contacts_made``, ``step_count`` (of the chain, None for no
    chain), ``active``, ``probability``, ``opt_out``, ``occasion_date``, ``reachable``.
    """
    if lead["running"]:
        return REFUSE_RUNNING
    if lead["contacts_made"] >= MAX_CONTACTS:
        return REFUSE_LIMIT
    if lead["step_count"] is None:
        return REFUSE_NO_CHAIN
    if next_step_index(lead["contacts_made"], lead["step_count"]) is None:
        return REFUSE_NO_STEP
    reason = stop_reason(lead["active"], lead["probability"], lead["opt_out"], lead["occasion_date"], today)
    if reason:
        return {STOP_WON: REFUSE_CLOSED, STOP_CLOSED: REFUSE_CLOSED, STOP_OPTED_OUT: REFUSE_OPTED_OUT,
                STOP_OCCASION_PASSED: REFUSE_OCCASION_PASSED}[reason]
    if not lead["reachable"]:
        return REFUSE_NO_CONTACT
    return None


def spread_over(loads, count):
    """Who makes each of ``count`` new touches, given ``loads`` {user id: open touches}: each goes to the
    least-loaded person (ties to the lowest user id), whose load then grows by one, so the loads even out.
    Returns the list of user ids, in the order the touches were handed out."""
    if count and not loads:
        raise ValueError("nobody to hand the touches to")
    heap = [(load, user_id) for user_id, load in loads.items()]
    heapq.heapify(heap)
    chosen = []
    for _index in range(count):
        load, user_id = heapq.heappop(heap)
        chosen.append(user_id)
        heapq.heappush(heap, (load + 1, user_id))
    return chosen


def merged_touch_may_stay(contacts_made):
    """When leads merge, their open touch stays only if, with it, no more than the limit of contacts is made
    with the customer (a touch of each lead counts among the contacts made of its lead)."""
    return contacts_made <= MAX_CONTACTS


def state_after(outcome, contacts_made, step_count):
    """The chain's state after a touch closed with ``outcome``: ``running`` means a next touch follows."""
    if outcome in RESPONSE_STATES:
        return RESPONSE_STATES[outcome]
    if next_step_index(contacts_made, step_count) is None:
        return "exhausted"
    return "running"


# ------------------------------------------------------------------------------------------------ input

def parse_utc_datetime(value):
    """``YYYY-MM-DD HH:MM:SS`` exactly (Odoo's form for datetimes in UTC), or None."""
    if not isinstance(value, str) or len(value) != 19:
        return None
    try:
        return datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


def is_storable_text(value):
    """Text PostgreSQL can store: a str, without NUL characters or unpaired surrogates."""
    if not isinstance(value, str) or "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# -------------------------------------------------------------------------------------------- the wording

def unknown_placeholders(script):
    return sorted({name for name in BRACED.findall(script or "") if name not in PLACEHOLDERS})


def render(script, values):
    """``script`` with each known ``{placeholder}`` replaced; plain substitution, never ``str.format``, so a
    script typed by a manager can never reach the attributes of an object."""
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), script or "")


def is_signed(wording, name):
    """Whether a wording already ends with its signature: the signer's name on one of its last three lines,
    whatever the language of the closing before it."""
    return bool(name) and any(line.strip() == name for line in (wording or "").strip().splitlines()[-3:])


def carat_text(carat):
    return "%s ct" % ("%.2f" % carat).rstrip("0").rstrip(".")
