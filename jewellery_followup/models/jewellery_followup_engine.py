# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The second-chance rules, in one place: who starts, what comes next and when, what stops a chain."""
from datetime import datetime, time, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .jewellery_followup_attempt import MAX_ATTEMPTS
from .jewellery_followup_script import render_script

# The last touch should land at least this many days before the occasion.
OCCASION_MARGIN_DAYS = 2
# A response from the customer ends the chain in this state.
OUTCOME_STATES = {
    "appointment": "appointment",
    "came_back": "stopped",
    "purchased": "won",
    "declined": "declined",
}
APPOINTMENT_PREPARATION = (
    "Private presentation room booked",
    "Their music playing",
    "Fresh flowers on the table",
    "Chocolates ready",
    "The piece cleaned and laid out",
)


class StoreCalendar(object):
    """The days a company's store is open, read once per run from its working calendar."""

    def __init__(self, calendar, first_day):
        self.open_weekdays = (
            {int(att.dayofweek) for att in calendar.attendance_ids}
            if calendar and calendar.attendance_ids else set(range(7)))
        self.closed_days = set()
        for leave in (calendar.global_leave_ids if calendar else []):
            day = fields.Date.from_string(leave.date_from[:10])
            last = fields.Date.from_string(leave.date_to[:10])
            while day <= last:
                if day >= first_day - timedelta(days=1):
                    self.closed_days.add(day)
                day += timedelta(days=1)

    def is_open(self, day):
        return day.weekday() in self.open_weekdays and day not in self.closed_days

    def add_open_days(self, day, count):
        """The ``count``-th open day after ``day`` (``day`` itself, or the next open day, for 0)."""
        if not self.open_weekdays:
            return day + timedelta(days=count)
        while count > 0 or not self.is_open(day):
            day += timedelta(days=1)
            if self.is_open(day):
                count -= 1
        return day

    def open_on_or_before(self, day, earliest):
        while day > earliest and not self.is_open(day):
            day -= timedelta(days=1)
        return max(day, earliest)


class JewelleryFollowupEngine(models.AbstractModel):
    _name = "jewellery.followup.engine"
    _description = "Second-chance follow-up rules"

    # ------------------------------------------------------------------ dates

    @api.model
    def today(self):
        """Today in the user's timezone; tests and simulations pass ``jewellery_followup_today``."""
        forced = self.env.context.get("jewellery_followup_today")
        return fields.Date.from_string(forced or fields.Date.context_today(self))

    @api.model
    def due_date(self, since, delay_days, calendar, occasion_date=None, steps_left=1):
        """The one date function of the product.

        ``delay_days`` open days of ``calendar`` after ``since``. When the occasion is known,
        the remaining ``steps_left`` touches (this one included) must all land at least
        OCCASION_MARGIN_DAYS before it: this touch is pulled earlier, one day per touch still
        to come, but never before ``since``.
        """
        due = calendar.add_open_days(since, delay_days)
        if occasion_date:
            latest = occasion_date - timedelta(
                days=OCCASION_MARGIN_DAYS + steps_left - 1)
            if due > latest:
                due = calendar.open_on_or_before(latest, since)
        return due

    @api.model
    def _calendars(self, leads, first_day):
        calendars = {}
        for company in leads.mapped("company_id") | self.env.user.company_id:
            calendars[company.id] = StoreCalendar(
                company.resource_calendar_id, first_day)
        return calendars

    @api.model
    def _calendar_of(self, calendars, lead):
        return calendars[lead.company_id.id or self.env.user.company_id.id]

    # ------------------------------------------------------------- starting

    @api.model
    def start(self, leads, chain=None, raise_on_error=True):
        """Schedules the next attempt of each lead's chain; returns {lead id: why not} for the rest."""
        today = self.today()
        refused, plans = {}, []
        calendars = self._calendars(leads, today)
        for lead in leads:
            lead_chain = (chain or lead.followup_chain_id
                          or self.env["jewellery.followup.chain"]._default_for_company(
                              lead.company_id or self.env.user.company_id))
            used = lead._followup_attempts_used()
            reason = self._why_not_start(lead, lead_chain, today, used)
            if reason:
                refused[lead.id] = reason
                continue
            step = lead_chain.step_ids[used]  # ordered by sequence (_order of the step model)
            plans.append(self._plan(
                lead, step, used + 1, today, step.delay_days, self._calendar_of(calendars, lead),
                steps_left=min(len(lead_chain.step_ids), MAX_ATTEMPTS) - used))
            lead.followup_chain_id = lead_chain
        if refused and raise_on_error:
            raise UserError("\n".join(refused.values()))
        self._schedule(plans)
        for plan in plans:
            plan["lead"].message_post(body=_(
                "Second-chance follow-up started: attempt %(no)s (%(summary)s) "
                "is due on %(date)s.") % {
                    "no": plan["attempt_no"], "summary": plan["step"].summary,
                    "date": plan["date"]})
        return refused

    @api.model
    def _why_not_start(self, lead, chain, today, used):
        if lead.followup_state in ("running", "appointment") and lead.followup_attempt_ids.filtered(
                lambda attempt: attempt.state == "scheduled"):
            return _("\"%s\" already has a follow-up attempt scheduled.") % lead.name
        if lead.followup_state == "running" and lead.followup_next_date:
            return _("\"%s\" is already following its chain.") % lead.name
        if used >= MAX_ATTEMPTS:
            return _("\"%(lead)s\" already had %(max)s follow-up attempts: a "
                     "customer is never contacted more than %(max)s times.") % {
                "lead": lead.name, "max": MAX_ATTEMPTS}
        if not chain:
            return _("No follow-up chain is set up for %s.") % (
                lead.company_id.name or lead.name)
        if used >= len(chain.step_ids):
            return _("\"%(lead)s\" already had %(used)s attempts and chain "
                     "\"%(chain)s\" has no step %(next)s.") % {
                "lead": lead.name, "used": used, "chain": chain.name,
                "next": used + 1}
        if not lead.active or lead.probability >= 100:
            return _("\"%s\" is closed (won or lost): reopen it first.") % lead.name
        if lead.opt_out:
            return _("\"%s\" opted out of being contacted.") % lead.name
        if lead.occasion_date and fields.Date.from_string(lead.occasion_date) < today:
            return _("The occasion of \"%(lead)s\" (%(date)s) has passed.") % {
                "lead": lead.name, "date": lead.occasion_date}
        return None

    @api.model
    def _plan(self, lead, step, attempt_no, since, delay_days, calendar, steps_left):
        occasion = lead.occasion_date and fields.Date.from_string(lead.occasion_date)
        return {
            "lead": lead,
            "step": step,
            "attempt_no": attempt_no,
            "date": fields.Date.to_string(self.due_date(
                since, delay_days, calendar, occasion, steps_left)),
            "script_text": render_script(step.script, lead),
        }

    @api.model
    def _schedule(self, plans):
        attempts = self.env["jewellery.followup.attempt"]._create_scheduled(plans)
        if plans:
            self.env.cr.execute("""
                UPDATE crm_lead SET followup_state = 'running', followup_next_date = NULL
                WHERE id IN %s
            """, (tuple(plan["lead"].id for plan in plans),))
            self.env["crm.lead"].invalidate_cache(
                ["followup_state", "followup_next_date"],
                [plan["lead"].id for plan in plans])
        return attempts

    # ------------------------------------------------------------ outcomes

    @api.model
    def record_outcome(self, attempts, outcome, note=False, appointment_start=False):
        today = self.today()
        # Only an unanswered touch needs the store's calendar, for the next one.
        calendars = outcome == "no_answer" and self._calendars(attempts.mapped("lead_id"), today)
        label = dict(attempts._fields["outcome"]._description_selection(self.env))[outcome]
        activities = attempts.mapped("activity_id")
        attempts.write({
            "state": "done", "outcome": outcome, "note": note or False,
            "date_done": fields.Date.to_string(today), "activity_id": False,
        })
        activities.unlink()
        for attempt in attempts:
            lead = attempt.lead_id
            lead.message_post(body=_("Follow-up attempt %(no)s (%(summary)s): "
                                     "%(outcome)s.") % {
                "no": attempt.attempt_no, "summary": attempt.summary,
                "outcome": label})
            if outcome == "no_answer":
                self._after_no_answer(attempt, today, self._calendar_of(calendars, lead))
            else:
                self._after_response(attempt, outcome, appointment_start)

    @api.model
    def _next_step(self, attempt):
        steps = attempt.chain_id.step_ids  # ordered by sequence (_order of the step model)
        if attempt.attempt_no >= MAX_ATTEMPTS or attempt.attempt_no >= len(steps):
            return None
        return steps[attempt.attempt_no]

    @api.model
    def _after_no_answer(self, attempt, today, calendar):
        lead = attempt.lead_id
        step = self._next_step(attempt)
        if not step:
            self._exhaust(lead)
            return
        steps_left = min(len(attempt.chain_id.step_ids), MAX_ATTEMPTS) - attempt.attempt_no
        occasion = lead.occasion_date and fields.Date.from_string(lead.occasion_date)
        next_date = self.due_date(today, step.delay_days, calendar, occasion, steps_left)
        lead.write({
            "followup_state": "running",
            "followup_next_date": fields.Date.to_string(next_date),
        })

    @api.model
    def _exhaust(self, lead):
        reason = self.env.ref("jewellery_followup.crm_lost_reason_no_response")
        lead.write({
            "followup_state": "exhausted", "followup_next_date": False,
            "lost_reason": reason.id,
        })
        lead.action_set_lost()
        lead.message_post(body=_(
            "No response after %s follow-ups: the lead is marked lost. Its "
            "attempts stay in the follow-up history.") % MAX_ATTEMPTS)

    @api.model
    def _after_response(self, attempt, outcome, appointment_start):
        lead = attempt.lead_id
        lead.write({"followup_state": OUTCOME_STATES[outcome],
                    "followup_next_date": False})
        if outcome == "appointment":
            self._book_appointment(lead, appointment_start)
        elif outcome == "purchased":
            lead.action_set_won()

    @api.model
    def _book_appointment(self, lead, start):
        if not start:
            calendar = self._calendar_of(self._calendars(lead, self.today()), lead)
            day = calendar.add_open_days(self.today(), 1)
            start = fields.Datetime.to_string(datetime.combine(day, time(10, 0)))
        stop = fields.Datetime.to_string(
            fields.Datetime.from_string(start) + timedelta(hours=1))
        lines = [_("Welcome: %s") % (lead.hospitality_note or _("ask what they would like to drink"))]
        if lead.piece_description:
            lines.append(_("Piece to present: %s") % lead.piece_description)
        lines.append(_("Preparation:"))
        lines += ["- %s" % _(item) for item in APPOINTMENT_PREPARATION]
        partners = lead.user_id.partner_id | lead.partner_id
        return self.env["calendar.event"].with_context(
            default_res_model="crm.lead", default_res_id=lead.id).create({
                "name": _("Private showing: %s") % (lead.contact_name or lead.partner_id.name or lead.name),
                "start": start,
                "stop": stop,
                "user_id": lead.user_id.id or self.env.uid,
                "opportunity_id": lead.id,
                "partner_ids": [(6, 0, partners.ids)],
                "description": "\n".join(lines),
            })

    # ------------------------------------------------------------- stopping

    @api.model
    def stop(self, leads, state, message):
        """Ends running chains: scheduled attempts are cancelled, history kept."""
        running = leads.filtered(lambda lead: lead.followup_state == "running")
        running.mapped("followup_attempt_ids")._cancel()
        running.write({
            "followup_state": state, "followup_next_date": False})
        for lead in running:
            lead.message_post(body=message)
        return running

    @api.model
    def stop_on_lead_change(self, leads, vals):
        """A lead won, lost or opted out by hand answers for the customer: the chain stops at once."""
        if vals.get("opt_out"):
            self.stop(leads, "opted_out", _("Follow-up stopped: the customer opted out."))
        if vals.get("probability", 0) >= 100:
            self.stop(leads, "won", _("Follow-up stopped: the lead is won."))
        if "active" in vals and not vals["active"]:
            self.stop(leads, "stopped", _("Follow-up stopped: the lead was closed."))

    @api.model
    def reassign(self, leads):
        """The waiting touch follows the lead to its new salesperson."""
        for attempt in leads.mapped("followup_attempt_ids").filtered(
                lambda attempt: attempt.state == "scheduled"
                and attempt.user_id != attempt.lead_id.user_id):
            attempt.write({"user_id": attempt.lead_id.user_id.id})
            attempt.activity_id.write({"user_id": attempt.lead_id.user_id.id})

    # ------------------------------------------------------------- the cron

    @api.model
    def advance(self):
        """Nightly: stops chains the customer answered, then schedules every due next attempt."""
        today = self.today()
        self._stop_answered_chains(today)
        self.env.cr.execute("""
            SELECT id FROM crm_lead
            WHERE followup_state = 'running' AND followup_next_date <= %s
            ORDER BY id
        """, (fields.Date.to_string(today),))
        lead_ids = [row[0] for row in self.env.cr.fetchall()]
        # Only the fields the scripts and dates need are read, not every column of crm.lead.
        leads = self.env["crm.lead"].with_context(prefetch_fields=False)
        for start in range(0, len(lead_ids), 1000):
            self._advance_batch(leads.browse(lead_ids[start:start + 1000]), today)
        return len(lead_ids)

    @api.model
    def _advance_batch(self, leads, today):
        calendars = self._calendars(leads, today)
        last_attempts = self._last_attempts(leads)
        plans = []
        for lead in leads:
            attempt = last_attempts.get(lead.id)
            step = attempt and self._next_step(attempt)
            if not step:
                self._exhaust(lead)
                continue
            steps_left = min(len(attempt.chain_id.step_ids), MAX_ATTEMPTS) - attempt.attempt_no
            # The step's delay already ran out (it set followup_next_date): due from today.
            plans.append(self._plan(
                lead, step, attempt.attempt_no + 1, today, 0,
                self._calendar_of(calendars, lead), steps_left))
        self._schedule(plans)

    @api.model
    def _last_attempts(self, leads):
        self.env.cr.execute("""
            SELECT DISTINCT ON (lead_id) lead_id, id FROM jewellery_followup_attempt
            WHERE lead_id IN %s ORDER BY lead_id, attempt_no DESC
        """, (tuple(leads.ids),))
        rows = self.env.cr.fetchall()
        attempts = self.env["jewellery.followup.attempt"].with_context(
            prefetch_fields=False).browse([row[1] for row in rows])
        return dict(zip([row[0] for row in rows], attempts))

    @api.model
    def _stop_answered_chains(self, today):
        Lead = self.env["crm.lead"].with_context(active_test=False)
        won = Lead.search([("followup_state", "=", "running"), ("probability", ">=", 100)])
        self.stop(won, "won", _("Follow-up stopped: the lead is won."))
        lost = Lead.search([("followup_state", "=", "running"), ("active", "=", False)])
        self.stop(lost, "stopped", _("Follow-up stopped: the lead was closed."))
        opted_out = Lead.search([("followup_state", "=", "running"), ("opt_out", "=", True)])
        self.stop(opted_out, "opted_out", _("Follow-up stopped: the customer opted out."))
        passed = Lead.search([("followup_state", "=", "running"),
                              ("occasion_date", "<", fields.Date.to_string(today))])
        self.stop(passed, "stopped", _("Follow-up stopped: the occasion has passed."))
