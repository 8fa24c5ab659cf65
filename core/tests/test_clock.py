"""The store's clock and the one date function."""
import datetime

from hypothesis import given, strategies as st

from jewellery_followup_core import clock

TUESDAY_TO_SATURDAY = clock.StoreCalendar({1, 2, 3, 4, 5})
DAYS = st.dates(min_value=datetime.date(2020, 1, 1), max_value=datetime.date(2040, 12, 31))


def test_the_store_day_follows_its_time_zone():
    at = datetime.datetime(2027, 3, 7, 6, 30)  # 06:30 UTC on Sunday
    assert clock.utc_to_store_day(at, clock.store_tz("America/Los_Angeles")) == datetime.date(2027, 3, 6)
    assert clock.utc_to_store_day(at, clock.store_tz("Pacific/Auckland")) == datetime.date(2027, 3, 7)


def test_the_first_valid_time_zone_wins_else_utc():
    assert clock.store_tz(None, "Nowhere/City", "Europe/Paris").zone == "Europe/Paris"
    assert clock.store_tz(None, "") == clock.store_tz()


def test_closing_days_and_closed_weekdays_are_skipped():
    calendar = clock.StoreCalendar({1, 2, 3, 4, 5}, {datetime.date(2027, 3, 10)})
    # Saturday + 1 open day: Tuesday; + 2: Thursday (Wednesday is a closing day)
    assert calendar.add_open_days(datetime.date(2027, 3, 6), 1) == datetime.date(2027, 3, 9)
    assert calendar.add_open_days(datetime.date(2027, 3, 6), 2) == datetime.date(2027, 3, 11)


def test_the_last_touch_lands_two_days_before_the_occasion():
    due = clock.due_date(datetime.date(2027, 3, 9), 5, TUESDAY_TO_SATURDAY, datetime.date(2027, 3, 13), 1)
    assert due == datetime.date(2027, 3, 11)


@given(since=DAYS, delay=st.integers(0, 30))
def test_a_touch_is_due_on_an_open_day_after_the_delay(since, delay):
    due = clock.due_date(since, delay, TUESDAY_TO_SATURDAY)
    assert due >= since and TUESDAY_TO_SATURDAY.is_open(due)
    assert (due - since).days >= delay


@given(since=DAYS, delay=st.integers(0, 30), ahead=st.integers(-5, 60), left=st.integers(1, 3))
def test_an_occasion_pulls_a_touch_earlier_but_never_before_it_could_be_made(since, delay, ahead, left):
    occasion = since + datetime.timedelta(days=ahead)
    due = clock.due_date(since, delay, TUESDAY_TO_SATURDAY, occasion, left)
    assert due >= since
    assert due <= clock.due_date(since, delay, TUESDAY_TO_SATURDAY)
    latest = occasion - datetime.timedelta(days=clock.OCCASION_MARGIN_DAYS + left - 1)
    if clock.due_date(since, delay, TUESDAY_TO_SATURDAY) > latest >= since:
        assert due <= latest


def test_the_board_columns():
    today = datetime.date(2027, 3, 6)
    assert [clock.due_bucket(today + datetime.timedelta(days=offset), today) for offset in (-1, 0, 6, 7)] == [
        "overdue", "today", "this_week", "later"]


def test_dates_read_the_same_from_every_version():
    assert clock.as_date("2027-03-06") == clock.as_date(datetime.date(2027, 3, 6)) == datetime.date(2027, 3, 6)
    assert clock.as_datetime("2027-03-06 10:00:00") == datetime.datetime(2027, 3, 6, 10)
    assert clock.as_date(False) is None
