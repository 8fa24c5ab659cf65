"""Whatever a script sends to the follow-up's public RPC methods, each call either does what the rules say or is
refused with a message (UserError, AccessError, ValidationError, or Odoo's MissingError for an id that does not
exist), and a refused call writes nothing: the lead's follow-up fields, its attempts, its activities, its events
and its chatter are as they were.

Each example runs in a savepoint that is rolled back, so examples never see each other's work; the generated
calls go through ``odoo.api.call_kw``, the dispatcher of Odoo's RPC, as real users of each sales group.
A refused call is compared with the snapshot taken before it *without* a savepoint of its own around the call:
a refusal that came after a first write would show."""
import datetime
import os

from followup_common import utc_moment
from gate_common import REFUSALS, GateCase
from hypothesis import HealthCheck, assume, example, given, settings, strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from odoo import api
from odoo.addons.jewellery_followup import core

# Hypothesis keeps a cache of Unicode tables: in the project's untracked .local/, not in the working tree.
set_hypothesis_home_dir(os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), ".local",
                                     "hypothesis"))

CALL_DAY = "2027-03-09"
NOW = utc_moment(CALL_DAY)
BOUNDED = settings(max_examples=25, deadline=None, derandomize=True, database=None, print_blob=False,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                          HealthCheck.function_scoped_fixture])

# Text PostgreSQL can store: the NUL character is left to its own test (a known bug, below); lone surrogates
# are already left out by Hypothesis.
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=200)
HUGE_NOTES = st.builds(lambda piece, count: piece * count,
                       st.sampled_from(["x", "é", "€", "💍", "<b>&amp;</b>", "line\n"]),
                       st.integers(min_value=100000, max_value=110000))
VALID_NOTES = st.one_of(st.just(False), st.none(), TEXT, HUGE_NOTES)
NOT_TEXT_NOTES = st.one_of(
    st.integers(), st.just(True), st.floats(), st.binary(max_size=8), st.lists(TEXT, max_size=2),
    st.dictionaries(TEXT, st.integers(), max_size=2))
UNKNOWN_OUTCOMES = st.one_of(
    st.sampled_from(["NO_ANSWER", " no_answer", "no_answer ", "No answer", "Purchased", "won", ""]),
    TEXT.filter(lambda text: text not in core.course.OUTCOMES),
    st.integers(), st.none(), st.booleans(), st.floats(),
    st.lists(st.sampled_from(core.course.OUTCOMES), max_size=2),
    st.dictionaries(st.sampled_from(core.course.OUTCOMES), st.integers(), max_size=1))
OUTCOMES = st.one_of(st.sampled_from(core.course.OUTCOMES), UNKNOWN_OUTCOMES)
NOTES = st.one_of(VALID_NOTES, NOT_TEXT_NOTES)


def iso(moment):
    return moment.replace(microsecond=0).isoformat(" ")


# Appointment times, each with what it is: "future" (a showing can be booked then: a full date and time within
# a year), "past", "malformed" (a date without its time is too: a showing needs its hour), "too far" (more
# than a year ahead, up to the last hour of year 9999, where the hour-long showing would end after the
# calendar's end).
FUTURE = st.datetimes(min_value=NOW, max_value=NOW + datetime.timedelta(days=365)).map(iso).map(
    lambda value: (value, "future"))
TOO_FAR = st.one_of(
    st.datetimes(min_value=NOW + datetime.timedelta(days=368), max_value=datetime.datetime(9999, 12, 31, 23, 59)).map(
        iso),
    st.just("9999-12-31 23:30:00"),
).map(lambda value: (value, "too far"))
PAST = st.one_of(
    st.datetimes(min_value=datetime.datetime(1, 1, 1), max_value=NOW - datetime.timedelta(hours=2)).map(iso),
    st.dates(max_value=NOW.date() - datetime.timedelta(days=1)).map(lambda day: day.isoformat()),
).map(lambda value: (value, "past"))
MALFORMED = st.one_of(
    st.sampled_from(["2027-02-30 10:00:00", "2027-03-10T10:00:00", "10/03/2027 10:00", "2027-03-10 25:00:00",
                     "tomorrow at ten", "2027-13-01", "2027-03-10 10:00", " 2027-03-10 10:00:00"]),
    TEXT.filter(bool), st.integers().filter(bool), st.floats().filter(bool), st.just(True),
    st.lists(TEXT, min_size=1, max_size=2), st.dictionaries(TEXT, TEXT, min_size=1, max_size=1),
    st.binary(min_size=1, max_size=19),
).map(lambda value: (value, "malformed"))
DATES_ONLY = st.dates(min_value=NOW.date() + datetime.timedelta(days=1), max_value=datetime.date(2999, 12, 31)).map(
    lambda day: (day.isoformat(), "malformed"))
STARTS = st.one_of(st.sampled_from([(False, "none"), (None, "none"), ("", "none")]), FUTURE, PAST, MALFORMED,
                   TOO_FAR, DATES_ONLY)

USERS = ("own", "peer", "all_leads", "manager", "stranger")


class PropertyCase(GateCase):

    def refused_or_done(self, call):
        """Runs ``call``; returns the refusal, or None when it went through. Anything else fails the test."""
        try:
            call()
        except REFUSALS as error:
            self.assertTrue((error.name or "").strip(), "a refusal says why")
            return error
        return None

    def followup_types(self):
        return self.env["jewellery.followup.step"].sudo().search([]).mapped("activity_type_id")

    def followup_activities_left(self, snap):
        types = set(self.followup_types().ids)
        return [activity for activity in snap["activities"] if activity["activity_type_id"][0] in types]


class TestRecordOutcome(PropertyCase):
    """``jewellery.followup.attempt.action_record_outcome(outcome, note, appointment_start)`` over RPC."""

    def setUp(self):
        super().setUp()
        self.lead = self.lead_of(self.own).sudo(self.own)
        self.call = self.start(self.lead)
        self.done = self.lead_of(self.own, name="Earlier visit").sudo(self.own)
        self.start(self.done)
        self.answer(self.done, CALL_DAY, "declined")
        self.peer_lead = self.lead_of(self.peer).sudo(self.peer)
        self.peer_call = self.start(self.peer_lead)
        self.targets = {
            "open call": self.call.id,
            "closed attempt": self.done.followup_attempt_ids.id,
            "a colleague's call": self.peer_call.id,
            "no such attempt": self.call.id + 100000,
        }
        self.set_clock(CALL_DAY)

    def expected_to_work(self, target, user, outcome, note, start, kind):
        if target != "open call" or user not in ("own", "all_leads", "manager"):
            return False
        if not isinstance(outcome, str) or outcome not in core.course.OUTCOMES:
            return False
        if note is not False and note is not None and not isinstance(note, str):
            return False
        if not start:
            return True
        return outcome == "appointment" and kind == "future"

    def check(self, target, user_name, outcome, note, start_and_kind):
        start, kind = start_and_kind
        user = getattr(self, user_name)
        attempt_id = self.targets[target]
        before = self.snapshot(self.lead)
        others = [self.done, self.peer_lead]
        others_before = [self.snapshot(lead) for lead in others]
        Attempt = self.env["jewellery.followup.attempt"].sudo(user)
        kwargs = {"note": note}
        if start is not False:
            kwargs["appointment_start"] = start
        refusal = self.refused_or_done(
            lambda: api.call_kw(Attempt, "action_record_outcome", [[attempt_id], outcome], kwargs))
        should_work = self.expected_to_work(target, user_name, outcome, note, start, kind)
        after = self.snapshot(self.lead)
        self.assertEqual([self.snapshot(lead) for lead in others], others_before, "other leads are untouched")
        if refusal is not None:
            self.assertFalse(should_work, "refused although valid: %s" % refusal.name)
            self.assertEqual(after, before, "a refused call writes nothing")
            return
        self.assertTrue(should_work, "accepted although it should be refused")
        attempt = [values for values in after["attempts"] if values["id"] == self.call.id][0]
        self.assertEqual((attempt["state"], attempt["outcome"], attempt["date_done"], attempt["activity_id"]),
                         ("done", outcome, CALL_DAY, False))
        self.assertEqual(attempt["note"], note or False, "the note is stored as it was sent")
        state = core.course.state_after(outcome, 1, 3)
        self.assertEqual(after["lead"]["followup_state"], state)
        self.assertEqual(after["lead"]["followup_contact_count"], 1, "an answer is not a contact")
        self.assertEqual(bool(after["lead"]["followup_next_date"]), state == "running")
        self.assertFalse([values for values in after["attempts"] if values["state"] == "scheduled"])
        self.assertFalse(self.followup_activities_left(after), "the call left the salesperson's list")
        new_events = self.env["calendar.event"].sudo().browse(sorted(set(after["events"]) - set(before["events"])))
        if outcome == "appointment":
            self.assertEqual(len(new_events), 1, "the private showing is in the calendar")
            if start:
                wanted = start if len(start) > 10 else start + " 00:00:00"
                self.assertEqual(new_events.start, wanted)
        else:
            self.assertFalse(new_events)
        if outcome == "purchased":
            self.assertEqual(after["lead"]["probability"], 100.0)
        self.assertGreater(len(after["messages"]), len(before["messages"]), "the chatter says what happened")

    @BOUNDED
    @given(target=st.sampled_from(["open call"] * 3 + ["closed attempt", "a colleague's call", "no such attempt"]),
           user=st.sampled_from(USERS), outcome=OUTCOMES, note=NOTES, start=STARTS)
    @example(target="open call", user="own", outcome="no_answer", note="💍" * 100000, start=(False, "none"))
    @example(target="open call", user="own", outcome="appointment", note=None,
             start=("2027-03-05 10:00:00", "past"))
    @example(target="open call", user="own", outcome="appointment", note="", start=("2027-03-31", "malformed"))
    @example(target="open call", user="manager", outcome="purchased", note="Bought the ring",
             start=("2027-03-10 10:00:00", "future"))
    @example(target="open call", user="all_leads", outcome=["no_answer"], note=None, start=(False, "none"))
    @example(target="open call", user="own", outcome="appointment", note=3, start=("2027-03-10 10:00:00", "future"))
    @example(target="open call", user="own", outcome="appointment", note=None,
             start=("2027-03-10T10:00:00", "malformed"))
    @example(target="a colleague's call", user="own", outcome="purchased", note=None, start=(False, "none"))
    @example(target="open call", user="stranger", outcome="declined", note=None, start=(False, "none"))
    @example(target="no such attempt", user="manager", outcome="declined", note=None, start=(False, "none"))
    def test_any_outcome_note_and_time_is_recorded_by_the_rules_or_refused_whole(
            self, target, user, outcome, note, start):
        self.rolled_back(lambda: self.check(target, user, outcome, note, start))

    @BOUNDED
    @given(user=st.sampled_from(["own", "all_leads", "manager"]), outcome=st.sampled_from(core.course.OUTCOMES),
           note=VALID_NOTES, start=st.one_of(st.just((False, "none")), FUTURE))
    def test_a_valid_answer_is_recorded_as_the_rules_say(self, user, outcome, note, start):
        start = start if outcome == "appointment" else (False, "none")
        self.rolled_back(lambda: self.check("open call", user, outcome, note, start))

    @BOUNDED
    @given(user=st.sampled_from(USERS), outcome=UNKNOWN_OUTCOMES, note=NOTES, start=STARTS)
    def test_an_unknown_outcome_is_refused_and_writes_nothing(self, user, outcome, note, start):
        self.rolled_back(lambda: self.check("open call", user, outcome, note, start))

    @BOUNDED
    @given(user=st.sampled_from(["own", "all_leads", "manager"]), outcome=st.sampled_from(core.course.OUTCOMES),
           note=NOT_TEXT_NOTES, start=STARTS)
    def test_a_note_that_is_not_text_is_refused_and_writes_nothing(self, user, outcome, note, start):
        self.rolled_back(lambda: self.check("open call", user, outcome, note, start))

    @BOUNDED
    @given(user=st.sampled_from(["own", "all_leads", "manager"]), outcome=st.sampled_from(core.course.OUTCOMES),
           note=VALID_NOTES, start=st.one_of(PAST, MALFORMED, FUTURE))
    def test_a_past_or_malformed_time_or_a_time_without_a_showing_is_refused(self, user, outcome, note, start):
        self.rolled_back(lambda: self.check("open call", user, outcome, note, start))

    def assert_refused_whole(self, outcome, **kwargs):
        before = self.snapshot(self.lead)
        refusal = self.rolled_back(lambda: self.refused_or_done(
            lambda: self.call.sudo(self.own).action_record_outcome(outcome, **kwargs)))
        self.assertIsNotNone(refusal)
        self.assertEqual(self.snapshot(self.lead), before)

    def test_a_note_with_a_nul_character_is_refused_with_a_message(self):
        self.assert_refused_whole("no_answer", note="Rang twice\x00")

    def test_a_note_with_a_lone_surrogate_is_refused_with_a_message(self):
        self.assert_refused_whole("no_answer", note="\ud800")

    def test_an_appointment_at_the_end_of_time_is_refused_with_a_message(self):
        self.assert_refused_whole("appointment", appointment_start="9999-12-31 23:30:00")

    def test_an_appointment_time_followed_by_more_text_is_refused_with_a_message(self):
        self.assert_refused_whole("appointment", appointment_start="2027-03-10 10:00:00xyz")


class TestStartAndStop(PropertyCase):
    """``crm.lead.action_start_followup()`` and ``action_stop_followup()`` over RPC, on any ids: one's own leads in
    every follow-up state, a colleague's, unassigned ones, the other company's, ids that do not exist.

    Left out: a user acting on a lead of the other company that Odoo lets them see (an "all leads" salesperson or
    a manager), because crm.lead has no company rule; the gate's scenarios hold that known bug."""

    LEADS = ("own, new", "own, running", "own, lost", "own, won", "own, three contacts, reopened",
             "own, opted out", "own, unreachable", "own, occasion passed", "own, stopped after the call",
             "a colleague's, new", "a colleague's, running", "unassigned, new", "theirs, new", "theirs, running",
             "no such lead")

    def setUp(self):
        super().setUp()
        own = self.own
        self.leads = {
            "own, new": self.lead_of(own),
            "own, running": self.started(self.lead_of(own)),
            "own, lost": self.lead_of(own, name="Lost"),
            "own, won": self.lead_of(own, name="Won"),
            "own, three contacts, reopened": self.lead_of(own, name="Reopened"),
            "own, opted out": self.lead_of(own, name="Opted out", opt_out=True),
            "own, unreachable": self.lead_of(own, name="No contact", street=False, email_from=False,
                                             city=False),
            "own, occasion passed": self.lead_of(own, name="Late", occasion_date="2027-03-01"),
            "own, stopped after the call": self.started(self.lead_of(own, name="Stopped")),
            "a colleague's, new": self.lead_of(self.peer),
            "a colleague's, running": self.started(self.lead_of(self.peer)),
            "unassigned, new": self.lead_of(self.all_leads, user_id=False),
            "theirs, new": self.lead_of(self.stranger),
            "theirs, running": self.started(self.lead_of(self.stranger)),
        }
        self.leads["own, lost"].sudo(own).action_set_lost()
        self.leads["own, won"].sudo(own).action_set_won()
        reopened = self.leads["own, three contacts, reopened"].sudo(own)
        self.exhaust(reopened)
        self.reopen(reopened)
        self.leads["own, stopped after the call"].sudo(own).action_stop_followup()
        self.today = "2027-03-08"
        self.set_clock(self.today)
        self.missing_id = max(lead.id for lead in self.leads.values()) + 100000

    def started(self, lead):
        self.start(lead.sudo(lead.user_id))
        return lead

    def company_of(self, name):
        return self.other_company if name.startswith("theirs") else self.company

    def may_write(self, user_name, name):
        """What Odoo's record rules (and the follow-up's) let each user change."""
        user = getattr(self, user_name)
        if name == "no such lead" or self.company_of(name) != user.company_id:
            return False
        if user_name in ("own", "peer"):
            return self.leads[name].user_id.id in (user.id, False)
        return True

    def sees_through_missing_company_rule(self, user_name, name):
        user = getattr(self, user_name)
        return (name != "no such lead" and self.company_of(name) != user.company_id
                and user_name in ("all_leads", "manager", "stranger"))

    def startable(self, name):
        """The rules' reasons to refuse a start, read from the lead as the database holds it."""
        lead = self.env["crm.lead"].sudo().with_context(active_test=False).browse(self.leads[name].id)
        return (lead.followup_state != "running" and lead.followup_contact_count < core.course.MAX_CONTACTS
                and lead.active and lead.probability < 100 and not lead.opt_out
                and not (lead.occasion_date and lead.occasion_date < self.today) and reachable(lead))

    def check(self, method, user_name, names):
        user = getattr(self, user_name)
        ids = [self.missing_id if name == "no such lead" else self.leads[name].id for name in names]
        real = [self.leads[name] for name in names if name != "no such lead"]
        everything = {lead.id: self.snapshot(lead) for lead in self.leads.values()}
        if method == "action_start_followup":
            possible = all(self.startable(name) for name in names if name != "no such lead")
        else:
            possible = all(everything[lead.id]["lead"]["followup_state"] == "running" for lead in real)
        allowed = all(self.may_write(user_name, name) for name in names)
        refusal = self.refused_or_done(lambda: api.call_kw(self.env["crm.lead"].sudo(user), method, [ids], {}))
        after = {lead.id: self.snapshot(lead) for lead in self.leads.values()}
        if refusal is not None:
            self.assertFalse(allowed and possible, "refused although allowed: %s" % refusal.name)
            self.assertEqual(after, everything, "a refused call writes nothing")
            return
        self.assertTrue(allowed and possible, "accepted although it should be refused")
        for lead_id in set(everything) - {lead.id for lead in real}:
            self.assertEqual(after[lead_id], everything[lead_id], "only the leads named change")
        for lead in real:
            was, now = everything[lead.id], after[lead.id]
            open_touches = [values for values in now["attempts"] if values["state"] == "scheduled"]
            if method == "action_start_followup":
                made = was["lead"]["followup_contact_count"]
                self.assertEqual(now["lead"]["followup_state"], "running")
                self.assertEqual(now["lead"]["followup_contact_count"], made + 1)
                self.assertEqual([values["attempt_no"] for values in open_touches], [made + 1])
                self.assertEqual(open_touches[0]["user_id"][0], (lead.user_id or user).id,
                                 "the touch is for the lead's salesperson (whoever started an unassigned lead)")
                self.assertEqual(len(self.followup_activities_left(now)), 1)
            else:
                self.assertEqual(now["lead"]["followup_state"], "stopped")
                self.assertEqual(now["lead"]["followup_contact_count"], was["lead"]["followup_contact_count"])
                self.assertFalse(open_touches)
                self.assertFalse(self.followup_activities_left(now))
            self.assertGreater(len(now["messages"]), len(was["messages"]), "the chatter says what happened")

    @BOUNDED
    @given(method=st.sampled_from(["action_start_followup", "action_stop_followup"]),
           user=st.sampled_from(USERS),
           names=st.lists(st.sampled_from(LEADS), min_size=1, max_size=3, unique=True))
    @example(method="action_start_followup", user="own", names=["own, new", "unassigned, new"])
    @example(method="action_start_followup", user="own", names=["own, new", "own, three contacts, reopened"])
    @example(method="action_start_followup", user="own", names=["own, new", "a colleague's, new"])
    @example(method="action_start_followup", user="own", names=["theirs, new"])
    @example(method="action_start_followup", user="stranger", names=["theirs, new"])
    @example(method="action_start_followup", user="manager", names=["own, stopped after the call"])
    @example(method="action_start_followup", user="all_leads", names=["own, lost", "own, new"])
    @example(method="action_stop_followup", user="own", names=["own, running", "a colleague's, running"])
    @example(method="action_stop_followup", user="all_leads", names=["own, running", "a colleague's, running"])
    @example(method="action_stop_followup", user="manager", names=["own, running", "own, new"])
    @example(method="action_stop_followup", user="stranger", names=["theirs, running"])
    @example(method="action_start_followup", user="peer", names=["no such lead"])
    def test_starting_or_stopping_any_ids_follows_the_rules_or_changes_nothing(self, method, user, names):
        assume(not any(self.sees_through_missing_company_rule(user, name) for name in names))
        self.rolled_back(lambda: self.check(method, user, names))

    @BOUNDED
    @given(method=st.sampled_from(["action_start_followup", "action_stop_followup"]),
           user=st.sampled_from(["own", "all_leads", "manager"]),
           names=st.lists(st.sampled_from(["own, new", "own, running", "own, stopped after the call",
                                           "unassigned, new", "own, three contacts, reopened"]),
                          min_size=1, max_size=2, unique=True))
    def test_a_salesperson_starts_and_stops_their_own_chains_as_the_rules_say(self, method, user, names):
        self.rolled_back(lambda: self.check(method, user, names))


def reachable(lead):
    partner = lead.partner_id
    return bool(lead.phone or lead.mobile or lead.email_from or lead.street or partner.phone or partner.mobile
                or partner.email or partner.street)
