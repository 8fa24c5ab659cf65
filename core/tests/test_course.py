"""The chain's course: the limit, what comes next, what stops it, who makes a touch."""
import pytest
from hypothesis import given, strategies as st

from jewellery_followup_core import course


@given(made=st.integers(0, 10), steps=st.integers(0, 10))
def test_never_more_than_three_contacts_whatever_the_chain(made, steps):
    index = course.next_step_index(made, steps)
    if index is not None:
        assert index == made < min(steps, course.MAX_CONTACTS)
    assert course.steps_left(made, steps) <= course.MAX_CONTACTS - min(made, course.MAX_CONTACTS)


@given(outcome=st.sampled_from(course.OUTCOMES), made=st.integers(1, 3))
def test_any_answer_ends_the_chain_and_no_answer_goes_on_until_the_limit(outcome, made):
    state = course.state_after(outcome, made, 3)
    if outcome == course.NO_ANSWER:
        assert state == ("running" if made < 3 else "exhausted")
    else:
        assert state == course.RESPONSE_STATES[outcome]


def test_what_stops_a_running_chain():
    assert course.stop_reason(True, 100, False, None, None) == course.STOP_WON
    assert course.stop_reason(False, 10, False, None, None) == course.STOP_CLOSED
    assert course.stop_reason(True, 10, True, None, None) == course.STOP_OPTED_OUT


@given(loads=st.dictionaries(st.integers(1, 50), st.integers(0, 20), min_size=1), count=st.integers(0, 40))
def test_spreading_evens_out_the_loads(loads, count):
    chosen = course.spread_over(dict(loads), count)
    after = dict(loads)
    for user_id in chosen:
        after[user_id] += 1
    assert len(chosen) == count
    # nobody got a touch while someone else had fewer
    for user_id in set(chosen):
        assert after[user_id] - 1 <= min(after.values())


def test_each_touch_goes_to_the_least_loaded_and_the_loads_even_out():
    # loads 2, 0 and 1; five touches: 11 gets two (to 2, ties to the lower id), 12 one, 10 one, 11 one
    assert course.spread_over({10: 2, 11: 0, 12: 1}, 5) == [11, 11, 12, 10, 11]


def test_ties_go_to_the_lowest_user_id():
    assert course.spread_over({7: 0, 3: 0, 5: 0}, 4) == [3, 5, 7, 3]


def test_one_person_takes_everything_and_nothing_to_hand_out_needs_nobody():
    assert course.spread_over({4: 9}, 3) == [4, 4, 4]
    assert course.spread_over({}, 0) == []
    with pytest.raises(ValueError):
        course.spread_over({}, 1)


def test_the_protected_fields_of_a_new_lead():
    assert course.protected_in_create({"followup_state": "none", "name": "x"}) == set()
    assert course.protected_in_create({"followup_contact_count": 2}) == {"followup_contact_count"}
