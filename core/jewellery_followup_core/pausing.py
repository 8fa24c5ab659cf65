# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Pause until a date ("call me after my holiday"), over one Odoo version's store.

A lead's *Paused Until* and *Pause Reason*, written from its form, the touch's button or RPC, hold everything open
for that customer on that lead: the second-chance touch waiting on the list, the next step's due day and the
after-sale touches. They come back on the salespeople's lists on the day the pause ends (the store's next open
day), in that morning's run of the hourly job; the contacts already made stay counted. A pause ended or shortened
brings them back to the new day (today when it ends). The rules (a day after the
store's today, within a year, a reason for the team) are ``aftersale.pause_refusal``'s."""
from . import aftersale, facts, messages
from .messages import Refusal

PAUSE_FIELDS = ("followup_paused_until", "followup_pause_reason")

messages.register("aftersale", {
    "aftersale.pause.said": "Follow-up paused until %(date)s by %(user)s: %(reason)s",
    "aftersale.pause.ended": "Follow-up pause ended by %(user)s.",
})


def paused_until(lead):
    """The day the lead's pause ends, or None."""
    return facts.day(lead.followup_paused_until)


def due_after_pause(lead, due, calendar):
    """``due``, or the day the lead's pause ends (its store's next open day) when ``due`` falls inside it."""
    until = paused_until(lead)
    if until and due < until:
        return aftersale.resume_day(until, calendar)
    return due


class Pausing(object):
    """The pauses of the leads the ``gate``'s store holds."""

    def __init__(self, gate):
        self.gate, self.store = gate, gate.store

    def check(self, leads, values):
        """Refuses, naming the customer, a pause the rules refuse once ``values`` are written on ``leads``, before
        anything is written. Ending a pause (no day) needs no reason."""
        for lead in leads:
            until = facts.day(values.get("followup_paused_until", lead.followup_paused_until))
            if not until:
                continue
            reason = values.get("followup_pause_reason", lead.followup_pause_reason)
            problem = aftersale.pause_refusal(until, self.gate.today(lead), reason)
            if problem:
                code, params = problem
                raise self.store.error(Refusal(code, customer=facts.customer_name(lead), **params))

    def apply(self, leads, were_paused):
        """Moves what is open on each paused lead to the day it resumes; the chatter says who paused it, until
        when and why, or who ended the pause. ``were_paused`` maps the leads paused before to the day their pause
        ended: a pause ended or shortened brings back what it held, to the new day or today."""
        store, gate, calendars = self.store, self.gate, {}
        user = store.current_user().name
        for lead in leads:
            calendar = gate.calendar(lead, calendars)
            until, before = paused_until(lead), facts.day(were_paused.get(lead.id))
            resume = aftersale.resume_day(until or gate.today(lead), calendar)
            if before:
                held = aftersale.resume_day(before, calendar)
                if resume < held:
                    self.bring_back(lead, held, resume)
            if not until:
                if before:
                    gate.say(lead, "aftersale.pause.ended", user=user)
                continue
            self.hold_chain(lead, resume)
            self.hold_touches(lead, resume)
            gate.say(lead, "aftersale.pause.said", date=until, user=user, reason=lead.followup_pause_reason)

    def bring_back(self, lead, held, back):
        """The pause ends earlier than said: what waits for the day it was to end (``held``) comes on ``back``."""
        store = self.store
        for attempt in store.open_attempts_of_leads(lead):
            if facts.day(attempt.date_scheduled) == held:
                store.write(attempt.activity_id, {"date_deadline": back}, engine=False)
        if lead.followup_state == "running" and facts.day(lead.followup_next_date) == held:
            store.write(lead, {"followup_next_date": back}, tracked=False)
        for touch in store.open_touches_of_leads(lead):
            if touch.state == "planned" and facts.day(touch.date_due) == held:
                store.write(touch, {"date_due": back})

    def hold_chain(self, lead, resume):
        store = self.store
        for attempt in store.open_attempts_of_leads(lead):
            if facts.day(attempt.date_scheduled) < resume:
                # the attempt follows its activity (gate.follow_activity), as when a salesperson moves it
                store.write(attempt.activity_id, {"date_deadline": resume}, engine=False)
        waiting = facts.day(lead.followup_next_date)
        if lead.followup_state == "running" and waiting and waiting < resume:
            store.write(lead, {"followup_next_date": resume}, tracked=False)

    def hold_touches(self, lead, resume):
        """A touch already on the list leaves it (its activity removed) and is planned again for ``resume``."""
        store = self.store
        for touch in store.open_touches_of_leads(lead):
            if touch.state == "planned" and facts.day(touch.date_due) >= resume:
                continue
            activity = touch.activity_id
            store.write(touch, {"state": "planned", "date_due": resume, "date_scheduled": False, "activity_id": False})
            if activity:
                store.delete_activities(activity)
