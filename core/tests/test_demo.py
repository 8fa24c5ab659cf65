"""The demo store's tables, without Odoo: the people, the customers and their stories hold together, and give the
figures the addons' demo tests read back after the stories were played through the real follow-up
(the core's DemoStoreScenarios, run on every version)."""
import collections
import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jewellery_followup_core import aftersale, clock, course, demo, results, vocabulary

TODAY = datetime.datetime(2027, 3, 10, 10, 0)


def story_of(index):
    return demo.STORIES[index % len(demo.STORIES)]


def ending(answers):
    """How a chain ends when the customer answers ``answers`` and the story is played to its end."""
    if not answers:
        return "running"
    last = answers[-1]
    if last == demo.OPT_OUT:
        return "stopped"
    if last in results.RESPONSES:
        return last
    return "exhausted" if len(answers) == course.MAX_CONTACTS else "running"


def test_a_counter_of_four_one_manager():
    assert len(demo.USERS) == 4
    roles = collections.Counter(role for _xmlid, _name, role in demo.USERS)
    assert roles == {"own": 2, "all": 1, "manager": 1}
    assert len({xmlid for xmlid, _name, _role in demo.USERS}) == 4
    assert all(xmlid.startswith("demo_user_") for xmlid, _name, _role in demo.USERS)
    logins = [demo.login(name) for _xmlid, name, _role in demo.USERS]
    assert len(set(logins)) == 4
    assert demo.login("Harriet Blake") == "harriet.blake@example.com"
    assert demo.login("Marcus Webb") == "marcus.webb@example.com"


def test_each_person_has_the_groups_of_their_role():
    values = demo.user_values("Tomasz Nowak", "all")
    assert values == {"name": "Tomasz Nowak", "login": "tomasz.nowak@example.com",
                      "email": "tomasz.nowak@example.com", "password": "demo", "tz": "Europe/London",
                      "groups": ["base.group_user", "sales_team.group_sale_salesman_all_leads"]}
    for groups in demo.ROLES.values():
        assert groups[0] == "base.group_user" and all(group.count(".") == 1 for group in groups)
    clock.store_tz(demo.TZ)  # a zone the clock knows


def test_fifty_customers_shared_out_in_turn():
    plans = demo.plans()
    assert len(plans) == demo.CUSTOMERS == 50
    assert sorted(collections.Counter(plan["user"] for plan in plans).values()) == [12, 12, 13, 13]
    # each story five times, as the demo tests count them
    assert set(collections.Counter(plan["index"] % len(demo.STORIES) for plan in plans).values()) == {5}
    # each plan has its own list of answers (the play pops them)
    assert len({id(plan["answers"]) for plan in plans}) == len(plans)


def test_the_stories_are_ones_the_follow_up_can_play():
    outcomes = set(vocabulary.keys("outcome"))
    for _name, days_ago, answers in demo.STORIES:
        assert 1 <= days_ago <= demo.DAYS
        assert len(answers) <= course.MAX_CONTACTS
        assert all(answer in outcomes or answer == demo.OPT_OUT for answer in answers)
        # nothing after an answer that ends the chain
        for answer in answers[:-1]:
            assert answer == "no_answer"
    for plan in demo.plans():
        assert 0 <= plan["start"] < demo.DAYS


def test_every_state_of_a_chain_is_there():
    endings = collections.Counter(ending(story_of(index)[2]) for index in range(demo.CUSTOMERS))
    assert endings == {"running": 20, "appointment": 5, "purchased": 5, "came_back": 5, "declined": 5,
                       "exhausted": 5, "stopped": 5}
    assert set(endings) == set(vocabulary.keys("result"))


def test_the_pieces_are_the_stores_words():
    for occasion, recipient, stone, metal, piece, price in demo.PIECES:
        assert occasion in vocabulary.keys("occasion")
        assert stone is False or stone in vocabulary.keys("stone_type")
        assert metal in vocabulary.keys("metal")
        assert recipient and piece and price > 0


def test_the_customers():
    leads = [demo.customer(index, TODAY) for index in range(demo.CUSTOMERS)]
    assert len({lead["contact_name"] for lead in leads}) == demo.CUSTOMERS
    assert len({lead["email_from"] for lead in leads}) == demo.CUSTOMERS
    assert len({lead["phone"] for lead in leads}) == demo.CUSTOMERS
    first = leads[0]
    assert (first["contact_name"], first["email_from"], first["name"], first["revenue"]) == (
        "Amelia Bennett", "amelia.bennett@example.com", "1.0 ct round diamond solitaire in platinum for Clara",
        6800)
    assert leads[15]["email_from"] == "adam.obrien@example.com"
    for lead in leads:
        assert lead["occasion_date"] > TODAY.date().isoformat()
        assert "@" in lead["email_from"] and "'" not in lead["email_from"]


def test_the_money_the_demo_shows():
    won = sorted(demo.customer(index, TODAY)["revenue"] for index in range(demo.CUSTOMERS)
                 if ending(story_of(index)[2]) == "purchased")
    # won after the note: customers 6, 16, 26, 36, 46
    assert won == [890, 890, 1950, 1950, 2400]
    assert sum(won) == 8080
    assert all(cost > 0 for _description, cost in demo.GIFTS)
    assert demo.GIFT_BUDGET > 0
    # gift waiting and exhausted: ten chains reach the gift
    assert sum(1 for index in range(demo.CUSTOMERS) if len(story_of(index)[2]) >= 2
               and ending(story_of(index)[2]) in ("running", "exhausted")) == 10


@given(st.integers(min_value=1, max_value=10 ** 6))
def test_a_gift_for_every_lead(lead_id):
    assert demo.gift(lead_id) in demo.GIFTS


def test_the_play_runs_four_weeks_to_today():
    days = demo.play_days(TODAY)
    assert [day for day, _moment in days] == list(range(demo.DAYS + 1))
    assert days[0][1] == TODAY - datetime.timedelta(days=28) and days[-1][1] == TODAY


def test_the_follow_ups_clock_is_set_for_the_block_and_put_back():
    real = clock.utc_now
    moment = datetime.datetime(2027, 2, 1, 10, 0)
    with demo.follow_up_clock(moment):
        assert clock.utc_now() == moment
    assert clock.utc_now is real
    with pytest.raises(RuntimeError):
        with demo.follow_up_clock(moment):
            raise RuntimeError("a story failed")
    assert clock.utc_now is real


def test_the_customers_who_bought_before_the_play():
    customers = [demo.after_sale_customer(index, TODAY) for index in range(demo.AFTER_SALE_CUSTOMERS)]
    assert len({customer["partner"]["email"] for customer in customers}) == demo.AFTER_SALE_CUSTOMERS
    assert len({customer["lead"]["contact_name"] for customer in customers}) == demo.AFTER_SALE_CUSTOMERS
    # every kind of touch waits for someone, and one customer in each round asks for no contact after the sale
    assert {customer["waiting"] for customer in customers} == set(vocabulary.keys("touch_kind"))
    assert sum(1 for customer in customers if customer["no_contact_day"] is not None) == 2
    # one says yes to the wedding bands' touch and buys them: the sale the results credit to it
    [buyer] = [customer for customer in customers if customer["buys"]]
    assert buyer["waiting"] == "next_piece" and buyer["no_contact_day"] is None
    for customer in customers:
        lead = customer["lead"]
        assert lead["occasion"] in vocabulary.keys("occasion") and lead["metal"] in vocabulary.keys("metal")
        assert customer["won"] < TODAY - datetime.timedelta(days=demo.DAYS)
        assert customer["no_contact_day"] is None or 0 < customer["no_contact_day"] < demo.DAYS


@given(st.dates(min_value=datetime.date(2026, 1, 1), max_value=datetime.date(2032, 12, 31)),
       st.sampled_from([clock.StoreCalendar(), clock.StoreCalendar({0, 1, 2, 3, 4})]))
def test_each_after_sale_customers_touch_falls_due_inside_the_play(today, calendar):
    """Planned by the job on the play's first day, the touch each story waits for falls due before today whatever
    the day the demo is loaded and the store's open days; every other touch of theirs is still to come."""
    now = datetime.datetime.combine(today, datetime.time(10, 0))
    first_day = today - datetime.timedelta(days=demo.DAYS)
    for index in range(demo.AFTER_SALE_CUSTOMERS):
        customer = demo.after_sale_customer(index, now)
        lead = customer["lead"]
        piece = {"occasion": lead["occasion"], "stone_type": lead["stone_type"], "metal": lead["metal"],
                 "occasion_date": lead["occasion_date"] and clock.as_date(lead["occasion_date"])}
        touches = aftersale.touches_after_win(piece, customer["won"].date(), first_day, calendar)
        due = [touch.kind for touch in touches if touch.day <= today]
        assert due == [customer["waiting"]]
        [touch] = [touch for touch in touches if touch.day <= today]
        no_contact = customer["no_contact_day"]
        assert touch.day > first_day + datetime.timedelta(days=no_contact or 0)
        if customer["buys"]:
            assert touch.day + datetime.timedelta(days=customer["buys"][2]) <= today, "bought inside the play"
