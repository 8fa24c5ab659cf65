# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The one gate of the follow-up: every change of an attempt or of a chain's state goes through ``Gate``.

Buttons, RPC, the visit wizard, Odoo's activity widget, the merge of opportunities, the import and the hourly
job all reach it through their addon's engine (``jewellery.followup.engine``). It reads the records it is handed
(``facts``), decides with the rules (``clock``, ``course``, ``checks``), and has its addon's ``store`` (the
``store.Store`` of each Odoo version) do every write, lock and post. What it says, it says in the user's
language (``messages``); a refusal is the store's own Odoo error.
"""
import datetime
import logging
import operator
from functools import reduce

from . import aftersale, checks, clock, course, delivery, facts, messages, pausing, wording
from .messages import ACCESS, Refusal
from .odoo_store import RECORD_SLOTS
from .vocabulary import Term, label

_logger = logging.getLogger(__name__)

# Leads claimed and scheduled per transaction by the hourly job.
BATCH_SIZE = 200
SERIALIZATION_RETRIES = 5
# ``start(assign=SALESPERSON)``: each lead's own salesperson, whatever the chain's default says.
SALESPERSON = "salesperson"
LOST_REASON = "jewellery_followup.crm_lost_reason_no_response"

messages.register("gate", {
    "gate.started": "Second-chance follow-up started: attempt %(no)s (%(summary)s) is due on %(date)s.",
    "gate.quiet_window": "Follow-up touch due on %(date)s rather than %(wanted)s: the customer had a touch on "
                         "%(last)s, and gets one in any quiet window.",
    "gate.not_same_company": "%(user)s does not work for %(company)s: the follow-up of \"%(lead)s\" cannot go "
                             "to them.",
    "gate.team_empty": "Sales team \"%(team)s\" has no active member to hand the follow-up to.",
    "gate.user_inactive": "%(user)s is not an active user of the store: the follow-up cannot go to them.",
    "gate.manager_assigns": "Only a sales manager may give a lead's follow-up to someone other than its own "
                            "salesperson.",
    "gate.manager_moves": "Only a sales manager may move follow-up work from one salesperson to another.",
    "gate.moved": "Follow-up attempt %(no)s (%(summary)s) moved from %(from)s to %(to)s by %(by)s.",
    "gate.nobody": "nobody",
    "gate.refuse.running": "\"%(lead)s\" is already following its chain.",
    "gate.refuse.limit": "\"%(lead)s\" already had %(max)s follow-up contacts: a customer is never contacted more "
                         "than %(max)s times.",
    "gate.refuse.no_chain": "No follow-up chain is set up for \"%(lead)s\".",
    "gate.refuse.no_step": "\"%(lead)s\" already had %(made)s contacts and chain \"%(chain)s\" has no step "
                           "%(next)s.",
    "gate.refuse.closed": "\"%(lead)s\" is closed (won or lost): reopen it first.",
    "gate.refuse.opted_out": "\"%(lead)s\" opted out of being contacted.",
    "gate.refuse.occasion_passed": "The occasion of \"%(lead)s\" (%(date)s) has passed.",
    "gate.refuse.no_contact": "\"%(lead)s\" has no phone, e-mail or address: add a way to reach the customer "
                              "first.",
    "gate.outcome": "Follow-up attempt %(no)s (%(summary)s): %(outcome)s.",
    "gate.exhausted": "No response after %(max)s follow-ups: the lead is marked lost. Its attempts stay in the "
                      "follow-up history.",
    "gate.attempt_closed": "Attempt %(no)s of \"%(lead)s\" is already %(state)s.",
    "gate.showing": "Private showing: %(customer)s",
    "gate.showing.welcome": "Welcome: %(welcome)s",
    "gate.showing.ask_drink": "ask what they would like to drink",
    "gate.showing.piece": "Piece to present: %(piece)s",
    "gate.showing.preparation": "Preparation:",
    "gate.showing.room": "- Private presentation room booked",
    "gate.showing.music": "- Their music playing",
    "gate.showing.flowers": "- Fresh flowers on the table",
    "gate.showing.chocolates": "- Chocolates ready",
    "gate.showing.laid_out": "- The piece cleaned and laid out",
    "gate.stop.won": "Follow-up stopped: the lead is won.",
    "gate.stop.closed": "Follow-up stopped: the lead was closed.",
    "gate.stop.opted_out": "Follow-up stopped: the customer opted out.",
    "gate.stop.occasion_passed": "Follow-up stopped: the occasion has passed.",
    "gate.stop.by_user": "Follow-up stopped by %(user)s.",
    "gate.stop.activity_cancelled": "Follow-up stopped: its activity was cancelled by %(user)s.",
    "gate.stop.email": "Follow-up stopped: the customer wrote back by e-mail.",
    "gate.merged": "Follow-up history merged from %(leads)s: %(count)s attempts, %(made)s contacts made in all.",
    "gate.outcome.unknown": "Unknown follow-up outcome \"%(outcome)s\": choose one of %(allowed)s.",
    "gate.outcome.note_not_text": "The note of a follow-up outcome must be plain text (no NUL character).",
    "gate.outcome.time_without_appointment": "An appointment time goes only with the outcome \"Appointment "
                                             "booked\".",
    "gate.outcome.time_malformed": "The appointment time %(value)s is not a date and time (YYYY-MM-DD HH:MM:SS, "
                                   "UTC).",
    "gate.outcome.time_past": "The appointment time %(value)s is in the past.",
    "gate.outcome.time_too_far": "The appointment time %(value)s is more than %(days)s days ahead.",
    "gate.start.title": "Start follow-up",
    "gate.start.done_already": "These follow-ups were already started.",
    "gate.start.no_leads": "Select the leads to follow up first.",
    "gate.start.no_rights": "Lead %(lead)s: you have no rights to change it.",
    "gate.choose_person": "Choose the person who makes the touches.",
    "gate.choose_team": "Choose the sales team that makes the touches.",
    "gate.move.choose_who": "Choose who takes the work over.",
    "gate.move.nothing": "There is no open follow-up touch to move.",
    "gate.move.choose_from": "Choose whose follow-up work moves, or select attempts in the list.",
})
SHOWING_PREPARATION = ("gate.showing.preparation", "gate.showing.room", "gate.showing.music",
                       "gate.showing.flowers", "gate.showing.chocolates", "gate.showing.laid_out")


def assign_choice(mode, user, team):
    """What a choice of "who makes the touches" (``vocabulary.START_ASSIGN_MODES``) tells ``Gate.start``: None (each
    chain's policy), SALESPERSON, the user or the team."""
    if mode == "salesperson":
        return SALESPERSON
    if mode == "user":
        if not user:
            raise Refusal("gate.choose_person")
        return user
    if mode == "team":
        if not team:
            raise Refusal("gate.choose_team")
        return team
    return None


def is_serialization_failure(error):
    """PostgreSQL's class 40 (a serialization failure, a deadlock): the transaction may simply be run again."""
    return str(getattr(error, "pgcode", None) or "").startswith("40")


class Gate(object):
    """The follow-up's flow over one Odoo version's ``store``."""

    def __init__(self, store):
        self.store = store

    # ------------------------------------------------------------------------------------ saying

    def lang(self):
        return self.store.lang()

    def refuse(self, code, kind=messages.USER, **params):
        raise self.store.error(Refusal(code, kind=kind, **params))

    def say(self, lead, code, **params):
        self.store.post(lead, messages.html(code, self.lang(), **params))

    # ----------------------------------------------------------------- the store's time and calendar

    def company(self, lead):
        return lead.company_id or self.store.default_company()

    def tz(self, lead):
        return facts.store_tz(lead, self.company(lead))

    def today(self, lead):
        return clock.store_today(self.tz(lead))

    def calendar(self, lead, cache):
        """The store's open days, read once per company and time zone for a whole run."""
        company, tz = self.company(lead), self.tz(lead)
        key = (company.id, tz.zone)
        if key not in cache:
            cache[key] = facts.calendar(company, tz)
        return cache[key]

    # ------------------------------------------------------------------------------------ starting

    def start(self, leads, chain=None, raise_on_error=True, assign=None):
        """Schedules the next touch of each lead's chain; returns {lead id: why not} for the others.

        ``assign`` says who makes the touches: None, as each chain's policy says (by default the lead's
        salesperson); ``SALESPERSON``, each lead's salesperson; a user, that person; a sales team, its active
        members, each lead to the least-loaded one. Only a manager may give a lead's touch to anyone but its
        salesperson (a chain's policy is a manager's choice already)."""
        store = self.store
        if assign is not None:
            self.check_may_assign(leads, assign)
        refused, plans, calendars, default_chains, made_now = {}, [], {}, {}, {}
        store.lock_leads(leads)
        for lead in leads:
            company = self.company(lead)
            if not (chain or lead.followup_chain_id) and company.id not in default_chains:
                default_chains[company.id] = store.default_chain(company)
            lead_chain = chain or lead.followup_chain_id or default_chains[company.id]
            today = self.today(lead)
            step_count = len(lead_chain.step_ids) if lead_chain else None
            reason = course.start_refusal(self.start_facts(lead), step_count, today)
            if reason:
                refused[lead.id] = self.refusal_text(reason, lead, lead_chain)
                continue
            contact_refusal = self.contact_refusal(lead)
            if contact_refusal:
                refused[lead.id] = contact_refusal
                continue
            made = lead.followup_contact_count
            step = lead_chain.step_ids[course.next_step_index(made, step_count)]
            plans.append(self.plan(lead, step, made + 1, today, step.delay_days, calendars,
                                   course.steps_left(made, step_count), made_now))
        if refused and raise_on_error:
            raise store.error(Refusal("refusals", lines="\n".join(refused.values())))
        self.assign_plans(plans, assign)
        states_before = {plan["lead"].id: plan["lead"].followup_state for plan in plans}
        by_chain = {}
        for plan in plans:
            by_chain.setdefault(plan["step"].chain_id.id, (plan["step"].chain_id, []))[1].append(plan["lead"])
        for chain_of_plans, started in by_chain.values():
            # tracked in the one message that says the chain started (one chatter post per lead); Odoo's own
            # tracking would not track a lead created in the same transaction (an RPC create, the import)
            store.write(reduce(operator.or_, started), {
                "followup_chain_id": chain_of_plans.id, "followup_state": "running", "followup_next_date": False,
            }, tracked=False)
        store.schedule(plans)
        lang = self.lang()
        store.post_started(plans, states_before, [
            messages.html("gate.started", lang, no=plan["attempt_no"], summary=plan["step"].summary,
                          date=plan["date"]) for plan in plans])
        return refused

    def start_facts(self, lead):
        return _Facts(state=lead.followup_state, contacts_made=lead.followup_contact_count, active=lead.active,
                      probability=lead.probability, opt_out=lead.opt_out,
                      occasion_date=facts.day(lead.occasion_date), reachable=facts.reachable(lead))

    def refusal_text(self, reason, lead, chain):
        made = lead.followup_contact_count
        return messages.text("gate.refuse.%s" % reason, self.lang(), lead=lead.name, max=course.MAX_CONTACTS,
                             made=made, next=made + 1, chain=chain.name if chain else "",
                             date=lead.occasion_date)

    def contact_refusal(self, lead):
        """With the after-sale touches on, the contact rules hold on every chain: why the customer may not get a
        second-chance touch (a blacklisted e-mail, the last touches unanswered), in words, or None."""
        if not aftersale.settings_of(self.company(lead)).enabled:
            return None
        refusal = aftersale.contact_refusal(self.store.contact_facts(lead), after_sale=False)
        return refusal and aftersale.refusal_text(refusal, self.lang(), facts.customer_name(lead))

    def outside_quiet_window(self, lead, due, calendar, made_now):
        """With the after-sale touches on, a customer gets one touch in any quiet window, whichever chain it comes
        from: the first allowed day on or after ``due``. The customer's touches on other leads count, and those
        this run is making (``made_now``: {customer key: day}); the steps of this lead's own chain do not."""
        settings = aftersale.settings_of(self.company(lead))
        if not settings.enabled:
            return due
        last = facts.latest_touch_day(lead, self.store.last_other_touch_day(lead), made_now)
        allowed = aftersale.allowed_day(due, last, calendar, settings.quiet_days)
        facts.touched_now(lead, allowed, made_now)
        if allowed > due:
            self.say(lead, "gate.quiet_window", date=allowed, wanted=due, last=last)
        return allowed

    def plan(self, lead, step, attempt_no, since, delay_days, calendars, steps_left, made_now):
        """One touch to schedule: when it is due, who makes it, and its words in the customer's language."""
        calendar = self.calendar(lead, calendars)
        due = clock.due_date(since, delay_days, calendar, facts.day(lead.occasion_date), steps_left)
        due = self.outside_quiet_window(lead, pausing.due_after_pause(lead, due, calendar), calendar, made_now)
        store = self.store
        company = self.company(lead)
        user = lead.user_id or store.current_user()
        customer_lang = store.customer_lang(lead)
        wording_text = wording.render(store.in_lang(step, customer_lang).script,
                                      wording.values(facts.wording(lead, company), customer_lang))
        instruction = ""
        if step.kind in ("note", "gift"):
            # where the card or the gift goes, in the salesperson's words: a surprise is never posted home
            instruction = delivery.decide(facts.delivery(lead, company), user.lang)["instruction"]
        return {
            "lead": lead,
            # the activity's summary and the gift are read by whoever makes the touch, in their language
            "step": store.in_lang(step, user.lang),
            "attempt_no": attempt_no,
            "user": user,
            "date": due,
            "script_text": wording_text,
            "note": wording.note_html(wording_text, instruction),
        }

    # ------------------------------------------------------------------------------ who makes the touch

    def assign_plans(self, plans, assign):
        """Sets each plan's "user" as ``assign`` (or, when None, each chain's policy) says."""
        groups = {}
        for plan in plans:
            choice = assign if assign is not None else self.chain_assignee(plan["step"].chain_id)
            if isinstance(choice, str):  # SALESPERSON: the plan's user already is the lead's salesperson
                continue
            groups.setdefault((choice._name, choice.id), (choice, []))[1].append(plan)
        for choice, chosen in groups.values():
            for plan, user in zip(chosen, self.assignees(choice, len(chosen))):
                self.check_same_company(plan["lead"], user)
                plan["user"] = user

    @staticmethod
    def chain_assignee(chain):
        """Who makes the touches of ``chain`` when nobody chose: SALESPERSON, a user or a team."""
        if chain.assign_policy == "user":
            return chain.assign_user_id
        if chain.assign_policy == "team":
            return chain.assign_team_id
        return SALESPERSON

    def check_same_company(self, lead, user):
        """A touch goes only to someone who works for the lead's company."""
        user = self.store.sudo(user)
        if lead.company_id and lead.company_id not in user.company_ids:
            self.refuse("gate.not_same_company", user=user.name, company=lead.company_id.name, lead=lead.name)

    def assignees(self, assign, count, moving=()):
        """``count`` users: all ``assign`` for one person; for a team, its active members by their open
        touches (``moving`` attempts, about to be handed out again, not counted)."""
        store = self.store
        if assign._name == "res.users":
            self.check_assignable(assign)
            return [assign] * count
        members = [user for user in store.sudo(assign).member_ids if user.active and not user.share]
        if not members:
            self.refuse("gate.team_empty", team=assign.name)
        loads = dict.fromkeys([user.id for user in members], 0)
        loads.update(store.open_touch_loads(list(loads), moving))
        return [store.user(user_id) for user_id in course.spread_over(loads, count)]

    def check_assignable(self, user):
        user = self.store.sudo(user)  # read as the superuser: the company rules hide another company's user
        if not user.active or user.share:
            self.refuse("gate.user_inactive", user=user.name)

    def check_may_assign(self, leads, assign):
        """Only a manager gives a touch to anyone but the lead's own salesperson."""
        if isinstance(assign, str) or self.store.is_manager():
            return
        if assign._name == "res.users" and all(lead.user_id == assign for lead in leads):
            return
        self.refuse("gate.manager_assigns", kind=ACCESS)

    def rebalance(self, attempts, assign):
        """Moves open touches, attempt and activity together, to one person or spread over a sales team;
        each lead's chatter says who moved which touch from whom to whom. Returns the attempts moved."""
        store = self.store
        if not store.is_manager():
            self.refuse("gate.manager_moves", kind=ACCESS)
        store.check_access(attempts, "write")
        attempts = store.sudo(attempts)
        store.lock_leads(attempts.mapped("lead_id"))
        store.invalidate(attempts, ["state", "user_id"])
        moving = attempts.filtered(lambda attempt: attempt.state == "scheduled").sorted("id")
        if not moving:
            return moving
        lang = self.lang()
        for attempt, user in zip(moving, self.assignees(assign, len(moving), moving.ids)):
            before = attempt.user_id
            if before == user:
                continue
            self.check_same_company(attempt.lead_id, user)
            store.write(attempt, {"user_id": user.id})
            store.write(attempt.activity_id, {"user_id": user.id}, engine=False)
            store.post(store.as_caller(attempt.lead_id), messages.html(
                "gate.moved", lang, no=attempt.attempt_no, summary=attempt.summary or "", to=user.name,
                by=store.current_user().name, **{"from": before.name or messages.text("gate.nobody", lang)}))
        return moving

    # ------------------------------------------------------------------------------------ outcomes

    def check_outcome(self, attempts, outcome, note, appointment_start):
        """Refuses a bad outcome, note or time, or an attempt already closed, before anything is written."""
        try:
            start = checks.check_outcome(outcome, note, appointment_start)
        except Refusal as refusal:
            raise self.store.error(Refusal("gate." + refusal.code, refusal.kind, **refusal.params))
        closed = attempts.filtered(lambda attempt: attempt.state != "scheduled")
        if closed:
            self.refuse("gate.attempt_closed", no=closed[0].attempt_no, lead=closed[0].lead_id.name,
                        state=Term("attempt_state", closed[0].state))
        return start

    def record_outcome(self, attempts, outcome, note=False, appointment_start=False):
        """Closes open touches with what the customer did; the rules say what follows."""
        store = self.store
        self.check_outcome(attempts, outcome, note, appointment_start)
        store.lock_leads(attempts.mapped("lead_id"))
        lang = self.lang()
        calendars = {}
        for attempt in attempts:
            lead = attempt.lead_id
            today = self.today(lead)
            store.close_attempt(attempt, {"state": "done", "outcome": outcome, "note": note or False,
                                          "date_done": today})
            self.say(lead, "gate.outcome", no=attempt.attempt_no, summary=attempt.summary or "",
                     outcome=label("outcome", outcome, lang))
            steps = attempt.chain_id.step_ids
            made = lead.followup_contact_count
            state = course.state_after(outcome, made, len(steps))
            if state == "running":
                step = steps[course.next_step_index(made, len(steps))]
                calendar = self.calendar(lead, calendars)
                next_date = clock.due_date(today, step.delay_days, calendar, facts.day(lead.occasion_date),
                                           course.steps_left(made, len(steps)))
                store.write(lead, {"followup_state": "running",
                                   "followup_next_date": pausing.due_after_pause(lead, next_date, calendar)})
            elif state == "exhausted":
                self.exhaust(lead)
            else:
                store.write(lead, {"followup_state": state, "followup_next_date": False})
                if outcome == "appointment":
                    self.book_appointment(lead, appointment_start, calendars)
                elif outcome == "purchased":
                    store.set_won(lead)

    def exhaust(self, lead):
        self.store.set_lost(lead, LOST_REASON, {"followup_state": "exhausted", "followup_next_date": False})
        self.say(lead, "gate.exhausted", max=course.MAX_CONTACTS)

    def book_appointment(self, lead, start, calendars):
        """The private showing in the calendar, at the store's SHOWING_HOUR of its next open day unless the
        salesperson chose a time."""
        lang = self.lang()
        start = checks.parse_utc_datetime(start) if start else clock.showing_start(
            self.tz(lead), self.calendar(lead, calendars))
        lines = [messages.text("gate.showing.welcome", lang, welcome=lead.hospitality_note or messages.text(
            "gate.showing.ask_drink", lang))]
        if lead.piece_description:
            lines.append(messages.text("gate.showing.piece", lang, piece=lead.piece_description))
        lines += [messages.text(code, lang) for code in SHOWING_PREPARATION]
        return self.store.create_showing(lead, {
            "name": messages.text("gate.showing", lang,
                                  customer=lead.contact_name or lead.partner_id.name or lead.name),
            "start": start,
            "stop": start + datetime.timedelta(hours=1),
            "user_id": lead.user_id.id or self.store.current_user().id,
            "partner_ids": (lead.user_id.partner_id | lead.partner_id).ids,
            "description": "\n".join(lines),
        })

    # ------------------------------------------------------------------------------------ stopping

    def stop(self, leads, state, code, **params):
        """Ends running chains: open touches are cancelled, the history kept."""
        store = self.store
        running = leads.filtered(lambda lead: lead.followup_state == "running")
        if not running:
            return running
        store.lock_leads(running)
        # every open touch, also one handed to a colleague whose attempts the acting user cannot see
        self.cancel_open_attempts(store.sudo(running).mapped("followup_attempt_ids"))
        store.write(running, {"followup_state": state, "followup_next_date": False})
        for lead in running:
            self.say(lead, code, **params)
        return running

    def stop_for(self, leads, reason):
        return self.stop(leads, course.STOP_STATES[reason], "gate.stop.%s" % reason)

    def stop_by_user(self, leads):
        return self.stop(leads, "stopped", "gate.stop.by_user", user=self.store.current_user().name)

    def stop_on_email(self, leads):
        return self.stop(leads, "stopped", "gate.stop.email")

    def stop_if_answered(self, leads):
        """Stops the chains of leads the store closed, won, opted out, or whose occasion has passed."""
        for lead in leads.filtered(lambda lead: lead.followup_state == "running"):
            reason = course.stop_reason(lead.active, lead.probability, lead.opt_out, facts.day(lead.occasion_date),
                                        self.today(lead))
            if reason:
                self.stop_for(lead, reason)

    def cancel_open_attempts(self, attempts):
        store = self.store
        scheduled = store.sudo(attempts).filtered(lambda attempt: attempt.state == "scheduled")
        activities = scheduled.mapped("activity_id")
        store.write(scheduled, {"state": "cancelled", "activity_id": False})
        store.delete_activities(activities)
        return scheduled

    def cancel_by_activity(self, activities):
        """A follow-up activity cancelled by hand cancels its attempt and stops the chain, so that nothing
        waits forever; the chain can be restarted and the count goes on."""
        store = self.store
        attempts = store.open_attempts_of_activities(activities)
        if not attempts:
            return
        store.lock_leads(attempts.mapped("lead_id"))
        store.write(attempts, {"state": "cancelled", "activity_id": False})
        self.stop(store.as_caller(attempts.mapped("lead_id")), "stopped", "gate.stop.activity_cancelled",
                  user=store.current_user().name)

    # ----------------------------------------------------------------------------------- reassigning

    def reassign(self, leads):
        """The open touch follows the lead to its new salesperson."""
        store = self.store
        for attempt in store.sudo(leads).mapped("followup_attempt_ids").filtered(
                lambda attempt: attempt.state == "scheduled" and attempt.lead_id.user_id
                and attempt.user_id != attempt.lead_id.user_id):
            user = attempt.lead_id.user_id
            store.write(attempt, {"user_id": user.id})
            store.write(attempt.activity_id, {"user_id": user.id}, engine=False)

    def follow_activity(self, activities):
        """An activity given to someone else or moved to another day by hand: its attempt follows."""
        for attempt in self.store.open_attempts_of_activities(activities):
            activity = attempt.activity_id
            changes = {}
            if activity.user_id != attempt.user_id:
                changes["user_id"] = activity.user_id.id
            if facts.day(activity.date_deadline) != facts.day(attempt.date_scheduled):
                changes["date_scheduled"] = activity.date_deadline
            if changes:
                self.store.write(attempt, changes)

    # -------------------------------------------------------------------------------------- merging

    def merge(self, head, tails):
        """Odoo merges ``tails`` into ``head``: every contact made with either stays on ``head``.

        Attempts are renumbered by date, the contacts made add up (the database never lets the count go
        down), at most one touch stays open, and a chain that already made its contacts starts nothing new.
        """
        store = self.store
        everyone = head | tails
        store.lock_leads(everyone)
        attempts = store.attempts_of_leads(everyone)
        made = sum(everyone.mapped("followup_contact_count"))
        if not attempts and not made:
            return
        ordered = attempts.sorted(lambda attempt: (
            facts.day(attempt.date_done) or facts.day(attempt.date_scheduled) or datetime.date.min,
            attempt.attempt_no, attempt.id))
        open_attempts = ordered.filtered(lambda attempt: attempt.state == "scheduled")
        keep = (open_attempts.filtered(lambda attempt: attempt.lead_id == head) or open_attempts)[:1]
        if not course.merged_touch_may_stay(made):
            keep = keep.browse()
        self.cancel_open_attempts(open_attempts - keep)
        store.renumber(head, ordered)
        # the open touch's activity and the done ones a version keeps archived follow their attempts to the head
        store.move_activities(head, attempts)
        store.after_sql_moves(everyone)
        store.write(head, self.merged_chain_values(head, tails, keep, made))
        # the other leads gave their history to the head: when Odoo keeps them, nothing of their chain may run on
        # (the hourly job would otherwise start them again)
        store.write(tails.filtered(lambda lead: lead.followup_state == "running"),
                    {"followup_state": "stopped", "followup_next_date": False})
        self.say(head, "gate.merged", leads=", ".join(tails.mapped("name")), count=len(attempts), made=made)

    @staticmethod
    def merged_chain_values(head, tails, keep, made):
        values = {"followup_contact_count": max(made, head.followup_contact_count)}
        waiting = [facts.day(lead.followup_next_date) for lead in head | tails
                   if lead.followup_state == "running" and lead.followup_next_date]
        if keep:
            values.update(followup_state="running", followup_next_date=False, followup_chain_id=keep.chain_id.id)
        elif waiting and made < course.MAX_CONTACTS:
            values.update(followup_state="running", followup_next_date=min(waiting))
        elif "running" in (head | tails).mapped("followup_state"):
            values.update(followup_state="exhausted", followup_next_date=False)
        elif head.followup_state == "none":
            values["followup_state"] = next(
                (state for state in tails.mapped("followup_state") if state != "none"), "none")
        return values

    # -------------------------------------------------------------------------------- the hourly job

    def advance(self, commit=False):
        """Schedules every touch that is due in its store's morning; returns how many were scheduled. With
        ``commit`` (the hourly job), each batch is committed on its own, so that a crash or a second run never
        undoes or repeats work."""
        store = self.store
        if commit:
            # another run may be stopping the same chains at the same moment
            self.retried(self.stop_answered_chains, commit)
        else:
            self.stop_answered_chains()
        lead_ids = store.due_lead_ids(clock.job_horizon())
        if commit:
            store.commit()
        return self.in_batches(lead_ids, lambda batch: self.advance_claimed(self.claim(batch)), commit)

    def in_batches(self, ids, work, commit):
        """Runs ``work`` on ``ids`` a batch of BATCH_SIZE at a time, each batch ``retried`` on its own; returns the
        sum of what the batches return."""
        done = 0
        for first in range(0, len(ids), BATCH_SIZE):
            batch = ids[first:first + BATCH_SIZE]
            done += self.retried(lambda batch=batch: work(batch), commit) or 0
        return done

    def retried(self, function, commit):
        """Runs ``function`` in a savepoint; with ``commit``, in a transaction of its own, run again when
        another run or a salesperson changed the same leads since it began."""
        store = self.store
        for attempt in range(SERIALIZATION_RETRIES):
            try:
                with store.savepoint():
                    result = function()
                if commit:
                    store.commit()  # the hourly job's own transactions: a batch done stays done
                return result
            except Exception as error:  # pylint: disable=broad-except
                if not (commit and is_serialization_failure(error)) or attempt == SERIALIZATION_RETRIES - 1:
                    raise
                store.rollback()
        return None

    def claim(self, lead_ids):
        """The leads of ``lead_ids`` still due in their store's morning, locked for this run."""
        store = self.store
        leads = store.leads(store.claim_due(lead_ids))
        store.invalidate(leads, ["followup_state", "followup_next_date"])
        return leads.filtered(lambda lead: facts.day(lead.followup_next_date)
                              <= clock.morning_day(self.tz(lead)))

    def advance_claimed(self, leads):
        """Schedules the claimed leads together; when that fails, each lead on its own, so that one bad
        lead is logged and skipped (it stays due, and the next run tries it again) while the rest advance."""
        store = self.store
        try:
            with store.savepoint():
                return self.schedule_next(leads)
        except Exception as error:  # pylint: disable=broad-except
            if is_serialization_failure(error):
                raise
            store.invalidate_all()
        scheduled = 0
        for lead in leads:
            try:
                with store.savepoint():
                    scheduled += self.schedule_next(lead)
            except Exception as error:  # pylint: disable=broad-except
                if is_serialization_failure(error):
                    raise
                store.invalidate_all()
                _logger.exception("Follow-up: could not schedule the next touch of lead %s; the next run "
                                  "tries again.", lead.id)
        return scheduled

    def schedule_next(self, leads):
        store = self.store
        calendars, plans, made_now = {}, [], {}
        open_leads = store.leads_with_open_attempt(leads.ids)
        for lead in leads:
            steps = lead.followup_chain_id.step_ids
            made = lead.followup_contact_count
            index = course.next_step_index(made, len(steps))
            if index is None:
                self.exhaust(lead)
                continue
            problem = self.scheduling_problem(lead, lead.id in open_leads)
            if problem:
                _logger.warning("Follow-up: lead %s skipped: %s; the next run tries again.", lead.id, problem)
                continue
            # the step's delay already ran out (it set followup_next_date): due from the store's today
            plans.append(self.plan(lead, steps[index], made + 1, self.today(lead), 0, calendars,
                                   course.steps_left(made, len(steps)), made_now))
        if plans:
            started = [plan["lead"].id for plan in plans]
            store.clear_due(started)
        store.schedule(plans)
        return len(plans)

    @staticmethod
    def scheduling_problem(lead, has_open_attempt):
        if has_open_attempt:
            return "an attempt is already open on it"
        if lead.user_id and not lead.user_id.active:
            return "its salesperson %s is archived" % lead.user_id.login
        if not facts.reachable(lead):
            return "it has no phone, e-mail or address"
        return None

    def stop_answered_chains(self):
        """Chains whose lead was won, closed or opted out behind the engine's back, or whose occasion passed."""
        self.stop_if_answered(self.store.running_leads_to_check(clock.job_horizon()))


class _Facts(object):
    """The plain facts ``course.start_refusal`` reads of a lead."""

    def __init__(self, **values):
        self.__dict__.update(values)


class EngineMethods(object):
    """The private methods of each version's ``jewellery.followup.engine`` model, by which the models, the wizards,
    the cron and the tests reach the gate (private: RPC cannot call them). The model gives ``_gate``."""
    __slots__ = RECORD_SLOTS

    def _gate(self):
        raise NotImplementedError

    def _today(self, lead):
        return self._gate().today(lead)

    def _is_manager(self):
        return self._gate().store.is_manager()

    def _start(self, leads, chain=None, raise_on_error=True, assign=None):
        return self._gate().start(leads, chain, raise_on_error, assign)

    def _rebalance(self, attempts, assign):
        return self._gate().rebalance(attempts, assign)

    def _check_outcome_arguments(self, attempts, outcome, note, appointment_start):
        return self._gate().check_outcome(attempts, outcome, note, appointment_start)

    def _record_outcome(self, attempts, outcome, note=False, appointment_start=False):
        return self._gate().record_outcome(attempts, outcome, note, appointment_start)

    def _stop(self, leads):
        """Stopped by the user, from the lead or over RPC."""
        return self._gate().stop_by_user(leads)

    def _stop_for(self, leads, reason):
        return self._gate().stop_for(leads, reason)

    def _stop_if_answered(self, leads):
        return self._gate().stop_if_answered(leads)

    def _stop_on_email(self, leads):
        return self._gate().stop_on_email(leads)

    def _cancel_by_activity(self, activities):
        return self._gate().cancel_by_activity(activities)

    def _reassign(self, leads):
        return self._gate().reassign(leads)

    def _follow_activity(self, activities):
        return self._gate().follow_activity(activities)

    def _merge(self, head, tails):
        return self._gate().merge(head, tails)

    def _cron_advance(self):
        """Hourly: in each store's early morning, its due touches land on the salespeople's lists."""
        return self._advance(commit=True)

    def _advance(self, commit=False):
        return self._gate().advance(commit)
