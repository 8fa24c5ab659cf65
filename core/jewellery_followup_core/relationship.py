# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""After the sale, over one Odoo version's store: the job plans the touches of each won sale, puts those due in
the store's morning on the salesperson's list, and the salesperson's answer closes a touch and plans its next
round. Every touch asks the contact rules (``aftersale``) on its day, whichever path won the lead (a button, an
RPC write, the import, a merge): the job is the one place that plans, so no path goes around them."""
import datetime
import logging

from markupsafe import Markup

from . import aftersale, clock, facts, messages, pausing, vocabulary
from .messages import Refusal
from .odoo_store import RECORD_SLOTS

_logger = logging.getLogger(__name__)
TOUCH_MODEL = "jewellery.aftersale.touch"
ACTIVITY_TYPE = "jewellery_followup.mail_activity_type_call"

messages.register("aftersale", {
    "aftersale.cancelled_by_activity": "the activity was cancelled by %(user)s",
    "aftersale.customer_said_no": "%(customer)s asked not to be contacted after the sale",
    "aftersale.bad_outcome": "\"%(outcome)s\" is not an answer to an after-sale touch: choose one of %(choices)s.",
    "aftersale.note.wishes": "Liked and did not get: %(pieces)s",
    "aftersale.visit": "%(kind)s: %(customer)s",
    "aftersale.visit.bring": "Ask them to bring %(piece)s.",
    "aftersale.merged": "the sales were merged into %(lead)s, which keeps its earliest touch of this kind",
})
OPEN_STATES = ("planned", "scheduled")
# The newest pieces of the customer's wish list a touch's activity names.
WISHES_ON_A_NOTE = 3


def piece(lead):
    """What the touches of a won lead read of it (``aftersale.touches_after_win``)."""
    return {"occasion": lead.occasion, "occasion_date": facts.day(lead.occasion_date),
            "stone_type": lead.stone_type, "metal": lead.metal, "categories": lead.tag_ids.mapped("name")}


class Relationship(object):
    """The after-sale touches of the leads the ``gate``'s store holds."""

    def __init__(self, gate):
        self.gate, self.store = gate, gate.store

    # ------------------------------------------------------------------------------------ the job

    def advance(self, commit=False):
        """Plans the won sales, then schedules every touch due in its store's morning; returns how many."""
        store, gate = self.store, self.gate
        gate.in_batches(store.won_lead_ids_to_plan(), lambda batch: self.plan_won(store.claim_won_leads(batch)),
                        commit)
        touch_ids = store.due_touch_ids(clock.job_horizon())
        if commit:
            store.commit()
        return gate.in_batches(touch_ids, lambda batch: self.schedule(store.claim_touches(batch)), commit)

    def plan_won(self, leads):
        """The touches of each won sale, planned on their days; a store that has not turned them on plans none."""
        store, gate, calendars = self.store, self.gate, {}
        planned = store.leads([])
        for lead in leads:
            company = gate.company(lead)
            settings = aftersale.settings_of(company)
            if not settings.enabled:
                continue
            today = gate.today(lead)
            # a sale won before the store turned the touches on keeps its own day
            won_day = min(facts.day(lead.date_closed) or today, today)
            for touch in aftersale.touches_after_win(piece(lead), won_day, today, gate.calendar(lead, calendars),
                                                     settings, aftersale.rules_of(company)):
                self.plan(lead, company, touch)
            planned |= lead
        store.write(planned, {"aftersale_planned": True}, tracked=False)
        return len(planned)

    def plan(self, lead, company, touch):
        """One touch on its day, worded for the salesperson who will make it."""
        user = lead.user_id
        params = dict(touch.params, customer=facts.customer_name(lead),
                      piece=lead.piece_description or messages.text("aftersale.no_piece", user.lang),
                      occasion=vocabulary.Term("occasion", lead.occasion),
                      suggest=vocabulary.Term("occasion", touch.params.get("suggest")))
        return self.store.create(TOUCH_MODEL, {
            "lead_id": lead.id, "company_id": company.id, "partner_id": lead.partner_id.id,
            "user_id": user.id, "kind": touch.kind, "state": "planned", "date_due": touch.day,
            "summary": messages.text("aftersale.summary." + touch.kind, user.lang, **params),
        })

    def schedule(self, touches):
        """Each due touch on its salesperson's list, unless the customer may not be contacted (the touch is
        cancelled, with the reason on the lead) or had a touch within the quiet window (it moves to the first
        allowed day). Everything is decided first, then the activities are written together."""
        store, gate = self.store, self.gate
        due = [touch for touch in touches if facts.day(touch.date_due) <= clock.morning_day(gate.tz(touch.lead_id))]
        decided, calendars, made_now = [], {}, {}
        for touch in due:
            lead = touch.lead_id
            contact = store.contact_facts(lead)
            refusal = aftersale.contact_refusal(contact, after_sale=True)
            if refusal:
                self.cancel(touch, aftersale.refusal_text(refusal, gate.lang(), facts.customer_name(lead)))
                continue
            today = gate.today(lead)
            calendar = gate.calendar(lead, calendars)
            held = pausing.due_after_pause(lead, today, calendar)
            if held > today:
                store.write(touch, {"date_due": held})
                continue
            # a touch this run made to the same customer counts before it is written
            last = facts.latest_touch_day(lead, contact.last_touch_day, made_now)
            day = aftersale.allowed_day(today, last, calendar, aftersale.settings_of(gate.company(lead)).quiet_days)
            if day > today:
                store.write(touch, {"date_due": day})
                gate.say(lead, "aftersale.moved", date=day, last=last)
                continue
            user = touch.user_id if touch.user_id.active else lead.user_id
            if not user or not user.active:
                _logger.warning("After-sale touch %s skipped: lead %s has no active salesperson; the next run "
                                "tries again.", touch.id, lead.id)
                continue
            facts.touched_now(lead, today, made_now)
            decided.append({"touch": touch, "lead": lead, "user": user, "date": today, "summary": touch.summary,
                            "note": self.note(lead, user.lang),
                            "activity_type_id": store.activity_type_id(ACTIVITY_TYPE)})
        activity_ids = store.create_activities(decided)
        for row, activity_id in zip(decided, activity_ids):
            store.write(row["touch"], {"state": "scheduled", "date_scheduled": row["date"],
                                       "user_id": row["user"].id, "activity_id": activity_id})
        return len(decided)

    def note(self, lead, lang):
        """What the salesperson reads on the activity: the piece, what the customer liked and did not get (their
        wish list), and a surprise's caution (escaped text)."""
        lines = []
        if lead.piece_description:
            lines.append(messages.html("aftersale.note.piece", lang, piece=lead.piece_description))
        wishes = [piece for _wish_id, piece in self.store.customer_wishes(lead)[:WISHES_ON_A_NOTE]]
        if wishes:
            lines.append(messages.html("aftersale.note.wishes", lang, pieces="; ".join(wishes)))
        if lead.is_surprise and lead.recipient_name:
            lines.append(messages.html("aftersale.note.surprise", lang, recipient=lead.recipient_name))
        return Markup("").join(Markup("<p>%s</p>") % line for line in lines)

    # ----------------------------------------------------------------------------- closing a touch

    def close_by_activities(self, activities, outcome):
        """The salesperson marked the touches' activities done: each touch closes with what the customer said
        (``outcome``; none when they answered without a word for the chain) and its next round is planned."""
        store, gate, calendars = self.store, self.gate, {}
        touches = store.open_touches_of_activities(activities)
        if touches and outcome and outcome not in vocabulary.keys("outcome"):
            raise store.error(Refusal("aftersale.bad_outcome", outcome=outcome,
                                      choices=vocabulary.Choices("outcome")))
        for touch in touches:
            lead = touch.lead_id
            today = gate.today(lead)
            store.write(touch, {"state": "done", "outcome": outcome or False, "date_done": today})
            if outcome == "appointment":
                self.book_visit(touch, calendars)
            self.plan_next_round(touch, today, calendars)

    def book_visit(self, touch, calendars):
        """The customer said yes: the visit in the salesperson's calendar and the customer's, at the store's
        showing hour of its next open day (the salesperson moves it to the time agreed), the piece to bring named."""
        store, gate, lang = self.store, self.gate, self.gate.lang()
        lead = touch.lead_id
        start = clock.showing_start(gate.tz(lead), gate.calendar(lead, calendars))
        lines = [touch.summary or ""]
        if lead.piece_description:
            lines.append(messages.text("aftersale.visit.bring", lang, piece=lead.piece_description))
        user = touch.user_id if touch.user_id.active else (lead.user_id or store.current_user())
        visit = store.create_showing(lead, {
            "name": messages.text("aftersale.visit", lang, kind=vocabulary.Term("touch_kind", touch.kind),
                                  customer=facts.customer_name(lead)),
            "start": start,
            "stop": start + datetime.timedelta(hours=1),
            "user_id": user.id,
            "partner_ids": (user.partner_id | lead.partner_id).ids,
            "description": "\n".join(lines),
        })
        store.write(touch, {"visit_event_id": visit.id})
        return visit

    def cancel_by_activities(self, activities):
        """A touch's activity removed by hand: the touch is cancelled, and its next round planned."""
        store, calendars = self.store, {}
        for touch in store.open_touches_of_activities(activities):
            self.cancel(touch, messages.text("aftersale.cancelled_by_activity", self.gate.lang(),
                                             user=store.current_user().name))
            self.plan_next_round(touch, self.gate.today(touch.lead_id), calendars)

    def cancel_for_customers(self, partners):
        """The customers asked for no contact after the sale: their open touches are cancelled at once."""
        store = self.store
        for touch in store.open_touches_of_customers(partners):
            self.cancel(touch, messages.text("aftersale.customer_said_no", self.gate.lang(),
                                             customer=touch.partner_id.name))

    def cancel(self, touch, why):
        store = self.store
        activity = touch.activity_id
        store.write(touch, {"state": "cancelled", "activity_id": False, "cancel_reason": why})
        if activity:
            store.delete_activities(activity)
        self.gate.say(touch.lead_id, "aftersale.cancelled", why=why)

    def merge(self, head, tails):
        """Odoo merges ``tails`` into ``head`` and deletes them: their touches follow to the head, the history with
        them; of those still open, the earliest of each kind stays and the others are cancelled, so the customer
        is not invited twice for one care visit."""
        store = self.store
        touches = store.touches_of_leads(head | tails)
        if not touches:
            return
        waiting = touches.filtered(lambda touch: touch.state in OPEN_STATES).sorted(
            lambda touch: (facts.day(touch.date_due), touch.lead_id != head, touch.id))
        kinds = set()
        for touch in waiting:
            if touch.kind in kinds:
                self.cancel(touch, messages.text("aftersale.merged", self.gate.lang(), lead=head.name))
            kinds.add(touch.kind)
        moving = touches.filtered(lambda touch: touch.lead_id != head)
        store.move_activities(head, moving)
        store.after_sql_moves(head | tails)
        store.write(moving, {"lead_id": head.id, "partner_id": head.partner_id.id})
        if any(tails.mapped("aftersale_planned")):
            store.write(head, {"aftersale_planned": True}, tracked=False)

    def plan_next_round(self, touch, today, calendars):
        lead, gate = touch.lead_id, self.gate
        company = gate.company(lead)
        following = aftersale.next_round(touch.kind, piece(lead), today, today, gate.calendar(lead, calendars),
                                         aftersale.settings_of(company))
        if following:
            self.plan(lead, company, following)


class RelationshipEngineMethods(object):
    """The engine's private methods after the sale, beside ``gate.EngineMethods``: the job runs the chains' touches,
    then the relationship's, and the activities and contacts tell it what the customer said."""
    __slots__ = RECORD_SLOTS

    def _relationship(self):
        return Relationship(self._gate())

    def _advance(self, commit=False):
        """The chains' due touches, then the relationship's; returns how many chain touches were scheduled."""
        scheduled = super()._advance(commit)
        self._relationship().advance(commit)
        return scheduled

    def _merge(self, head, tails):
        merged = super()._merge(head, tails)
        self._relationship().merge(head, tails)
        return merged

    def _check_pause(self, leads, values):
        return pausing.Pausing(self._gate()).check(leads, values)

    def _pause(self, leads, were_paused):
        return pausing.Pausing(self._gate()).apply(leads, were_paused)

    def _close_touches(self, activities, outcome):
        return self._relationship().close_by_activities(activities, outcome)

    def _cancel_touches_by_activity(self, activities):
        return self._relationship().cancel_by_activities(activities)

    def _cancel_touches_for_customers(self, partners):
        return self._relationship().cancel_for_customers(partners)
