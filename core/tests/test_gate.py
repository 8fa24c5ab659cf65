"""The gate's flow, driven through a store in memory: what a salesperson sees happen to a lead."""
import datetime

import pytest

from jewellery_followup_core import messages
from jewellery_followup_core.gate import Gate
from jewellery_followup_core.messages import Refusal

from conftest import Shop  # noqa: F401  (the fixture's class, for reading)


def day(text):
    return datetime.date(*map(int, text.split("-")))


def at(shop, text, hour=12):
    shop.now = datetime.datetime.combine(day(text), datetime.time(hour))


def open_attempt(lead):
    return lead.followup_attempt_ids.filtered(lambda attempt: attempt.state == "scheduled")


def test_a_visit_on_saturday_gets_its_call_on_tuesday_the_next_open_day(shop):
    lead = shop.lead()
    refused = Gate(shop.store()).start(lead)
    call = open_attempt(lead)
    assert refused == {}
    assert (lead.followup_state, lead.followup_contact_count) == ("running", 1)
    assert (call.kind, call.attempt_no, call.date_scheduled) == ("call", 1, day("2027-03-09"))
    assert call.script_text == "Dear Tom Reyes, about Clara."
    assert shop.messages(lead) == [
        "Second-chance follow-up started: attempt 1 (Morning call) is due on 2027-03-09."]


def test_an_unanswered_call_brings_the_note_two_open_days_later_and_the_job_schedules_it_that_morning(shop):
    lead = shop.lead()
    gate = Gate(shop.store())
    gate.start(lead)
    at(shop, "2027-03-09")
    gate.record_outcome(open_attempt(lead), "no_answer")
    assert (lead.followup_state, lead.followup_next_date) == ("running", day("2027-03-11"))
    at(shop, "2027-03-11", hour=4)  # 04:00 in London: before the store's morning
    assert gate.advance() == 0
    at(shop, "2027-03-11", hour=6)
    assert gate.advance() == 1
    note = open_attempt(lead)
    assert (note.kind, note.attempt_no, lead.followup_next_date) == ("note", 2, False)


def test_three_unanswered_touches_and_the_lead_is_lost_never_a_fourth(shop):
    lead = shop.lead()
    gate = Gate(shop.store())
    gate.start(lead)
    for today in ("2027-03-09", "2027-03-11", "2027-03-18"):
        at(shop, today, hour=6)
        gate.advance()
        gate.record_outcome(open_attempt(lead), "no_answer")
    assert (lead.followup_state, lead.followup_contact_count, lead.active) == ("exhausted", 3, False)
    assert "No response after 3 follow-ups" in shop.messages(lead)[-1]
    lead.write({"active": True, "probability": 10})
    with pytest.raises(Refusal) as refusal:
        gate.start(lead)
    assert "never contacted more than 3 times" in refusal.value.text("en_US")


@pytest.mark.parametrize("outcome, state", [
    ("appointment", "appointment"), ("came_back", "stopped"), ("purchased", "won"), ("declined", "declined")])
def test_any_answer_stops_the_chain(shop, outcome, state):
    lead = shop.lead()
    gate = Gate(shop.store())
    gate.start(lead)
    gate.record_outcome(open_attempt(lead), outcome)
    assert (lead.followup_state, lead.followup_next_date, len(open_attempt(lead))) == (state, False, 0)
    at(shop, "2027-04-01", hour=6)
    assert gate.advance() == 0


def test_a_showing_booked_without_a_time_is_at_ten_in_the_store_on_the_next_open_day(shop):
    lead = shop.lead(hospitality_note="coffee: hazelnut latte")
    gate = Gate(shop.store())
    gate.start(lead)
    gate.record_outcome(open_attempt(lead), "appointment")
    event = shop.db.events[-1]
    # Saturday 6 March 2027: London is on GMT, Tuesday 10:00 is 10:00 UTC
    assert event["start"] == datetime.datetime(2027, 3, 9, 10)
    assert event["name"] == "Private showing: Tom Reyes"
    assert "Welcome: coffee: hazelnut latte" in event["description"]


@pytest.mark.parametrize("values, code", [
    ({"opt_out": True}, "opted out of being contacted"),
    ({"email_from": False}, "has no phone, e-mail or address"),
    ({"probability": 100}, "is closed (won or lost)"),
    ({"occasion_date": day("2027-03-01")}, "(2027-03-01) has passed"),
    ({"followup_contact_count": 3}, "already had 3 follow-up contacts"),
])
def test_a_start_is_refused_with_the_reason(shop, values, code):
    lead = shop.lead(**values)
    with pytest.raises(Refusal) as refusal:
        Gate(shop.store()).start(lead)
    assert code in refusal.value.text("en_US")
    assert lead.followup_state == "none" and not lead.followup_attempt_ids


def test_refusals_are_worded_in_the_users_language(shop):
    lead = shop.lead(opt_out=True)
    with pytest.raises(Refusal) as refusal:
        Gate(shop.store(lang="fr_FR")).start(lead)
    text = refusal.value.text("en_US")
    assert text == messages.text("gate.refuse.opted_out", "fr_FR", lead="Engagement ring")
    assert "opted out" not in text


def test_a_bad_outcome_is_refused_before_anything_is_written(shop):
    lead = shop.lead()
    gate = Gate(shop.store())
    gate.start(lead)
    for outcome, note, start, says in [
            ("maybe", False, False, "choose one of No answer (no_answer), Appointment booked (appointment)"),
            ("no_answer", "a\x00b", False, "plain text"),
            ("declined", False, "2027-03-10 10:00:00", "goes only with the outcome"),
            ("appointment", False, "tomorrow", "is not a date and time"),
            ("appointment", False, "2027-03-01 10:00:00", "is in the past")]:
        with pytest.raises(Refusal) as refusal:
            gate.record_outcome(open_attempt(lead), outcome, note, start)
        assert says in refusal.value.text("en_US")
    assert open_attempt(lead).state == "scheduled" and lead.followup_state == "running"


def test_merging_keeps_every_contact_renumbered_by_date_and_one_open_touch(shop):
    gate = Gate(shop.store(manager=True))
    head, tail = shop.lead(name="Head"), shop.lead(name="Tail")
    gate.start(tail)
    at(shop, "2027-03-09")
    gate.record_outcome(open_attempt(tail), "no_answer")
    gate.start(head)
    gate.merge(head, tail)
    numbers = [(attempt.attempt_no, attempt.kind, attempt.state) for attempt in head.followup_attempt_ids]
    assert numbers == [(1, "call", "done"), (2, "call", "scheduled")]
    assert (head.followup_contact_count, head.followup_state) == (2, "running")
    assert tail.followup_state == "stopped", "its history went to the head: nothing of its chain runs on"
    assert "2 attempts, 2 contacts made in all" in shop.messages(head)[-1]


def test_a_team_shares_the_touches_the_least_loaded_first(shop):
    ann, bob = shop.user("Ann"), shop.user("Bob")
    team = shop.db.create("crm.team", name="Counter", member_ids=[ann.id, bob.id])
    leads = [shop.lead(name="Lead %s" % number) for number in range(5)]
    busy = shop.lead(name="Busy", user_id=bob.id)
    gate = Gate(shop.store(manager=True))
    gate.start(busy)
    gate.start(leads[0] | leads[1] | leads[2] | leads[3] | leads[4], assign=team)
    users = [open_attempt(lead).user_id.name for lead in leads]
    assert sorted(users) == ["Ann", "Ann", "Ann", "Bob", "Bob"]


def test_only_a_manager_gives_a_touch_to_someone_else(shop):
    other = shop.user("Olga")
    with pytest.raises(Refusal) as refusal:
        Gate(shop.store()).start(shop.lead(), assign=other)
    assert refusal.value.kind == messages.ACCESS


def test_stopping_cancels_the_open_touch_and_keeps_the_history(shop):
    lead = shop.lead()
    gate = Gate(shop.store())
    gate.start(lead)
    gate.stop_by_user(lead)
    assert lead.followup_state == "stopped"
    assert [attempt.state for attempt in lead.followup_attempt_ids] == ["cancelled"]
    assert shop.messages(lead)[-1] == "Follow-up stopped by Nora Lindqvist."


def test_the_job_stops_a_chain_whose_occasion_passed(shop):
    lead = shop.lead(occasion_date=day("2027-03-12"))
    gate = Gate(shop.store())
    gate.start(lead)
    at(shop, "2027-03-09")
    gate.record_outcome(open_attempt(lead), "no_answer")
    at(shop, "2027-03-13", hour=6)
    assert gate.advance() == 0
    assert lead.followup_state == "stopped"
    assert shop.messages(lead)[-1] == "Follow-up stopped: the occasion has passed."
