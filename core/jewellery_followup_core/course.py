# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The chain's course: the limit of contacts, what comes next, what stops a chain, why one cannot start, what a
merge keeps and who makes a touch."""
import heapq

# A customer is never contacted more than this many times per lead, whatever path asks for more.
MAX_CONTACTS = 3
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
_REFUSAL_OF_STOP = {STOP_WON: REFUSE_CLOSED, STOP_CLOSED: REFUSE_CLOSED, STOP_OPTED_OUT: REFUSE_OPTED_OUT,
                    STOP_OCCASION_PASSED: REFUSE_OCCASION_PASSED}


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


def start_refusal(lead, step_count, today):
    """Why a chain of ``step_count`` steps (None: no chain) cannot start for ``lead`` (a ``store.LeadFacts``),
    or None."""
    if lead.state == "running":
        return REFUSE_RUNNING
    if lead.contacts_made >= MAX_CONTACTS:
        return REFUSE_LIMIT
    if step_count is None:
        return REFUSE_NO_CHAIN
    if next_step_index(lead.contacts_made, step_count) is None:
        return REFUSE_NO_STEP
    reason = stop_reason(lead.active, lead.probability, lead.opt_out, lead.occasion_date, today)
    if reason:
        return _REFUSAL_OF_STOP[reason]
    if not lead.reachable:
        return REFUSE_NO_CONTACT
    return None


def state_after(outcome, contacts_made, step_count):
    """The chain's state after a touch closed with ``outcome``: ``running`` means a next touch follows."""
    if outcome in RESPONSE_STATES:
        return RESPONSE_STATES[outcome]
    if next_step_index(contacts_made, step_count) is None:
        return "exhausted"
    return "running"


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


# The follow-up's own fields on a lead: only the gate writes them (their defaults are accepted on create).
LEAD_FIELD_DEFAULTS = {
    "followup_state": "none",
    "followup_next_date": False,
    "followup_contact_count": 0,
    "followup_attempt_ids": [],
}
# What people may write on an attempt themselves: their own words and the gift. The rest is the gate's.
ATTEMPT_FREE_FIELDS = {"note", "gift_description", "gift_value", "gift_attachment_id"}
# A lead written with one of these may have been answered behind the follow-up's back (won, closed, opted out, its
# occasion moved or passed, its e-mail blacklisted): its chain is checked.
LEAD_FIELDS_THAT_MAY_STOP = {"opt_out", "probability", "stage_id", "active", "occasion_date", "email_from"}
# What a merge of opportunities carries over from the other leads when the surviving one has no value.
JEWELLERY_MERGE_FIELDS = [
    "occasion", "occasion_date", "recipient_name", "is_surprise", "stone_type", "stone_shape", "stone_carat",
    "stone_color", "stone_clarity", "stone_cut", "metal", "ring_size", "budget_min", "budget_max",
    "piece_description", "hospitality_note",
]


def protected_in_create(values):
    """The follow-up's own fields a new lead's ``values`` set to something else than their default."""
    return {name for name, value in values.items()
            if name in LEAD_FIELD_DEFAULTS and value != LEAD_FIELD_DEFAULTS[name]}
