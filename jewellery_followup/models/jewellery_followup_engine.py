# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The one gate of the follow-up: every change of an attempt or of a chain's state goes through here.

Buttons, RPC, the visit wizard, Odoo's activity widget, the merge of opportunities, the import and the hourly
job all call this engine; it asks ``rules`` what comes next and ``scheduler`` to write it. Its methods are
private, so RPC cannot call them: the public API is ``crm.lead.action_start_followup``,
``crm.lead.action_stop_followup`` and ``jewellery.followup.attempt.action_record_outcome``.
"""
import datetime
import logging
from contextlib import contextmanager

from psycopg2 import OperationalError
from psycopg2.extensions import TransactionRollbackError

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html_escape

from .. import rules, scheduler

_logger = logging.getLogger(__name__)

ENGINE_KEY = "jewellery_followup_engine"
# Not JSON: no RPC context can carry it, so only the engine can open the gate of the protected fields.
_ENGINE_TOKEN = object()
# Leads claimed and scheduled per transaction by the hourly job.
BATCH_SIZE = 200
SERIALIZATION_RETRIES = 5
# ``_start(assign=SALESPERSON)``: each lead's own salesperson, whatever the chain's default says.
SALESPERSON = "salesperson"
MANAGER_GROUP = "sales_team.group_sale_manager"


def through_engine(records):
    """``records`` in the engine's hands: they may write the follow-up's protected fields."""
    return records.with_context(**{ENGINE_KEY: _ENGINE_TOKEN})


def is_engine(records):
    return records.env.context.get(ENGINE_KEY) is _ENGINE_TOKEN


@contextmanager
def retry_safe(env):
    """Odoo retries an RPC call that met a concurrent update or a deadlock, in the same environments: what the
    failed try left to recompute would then run on its closed cursor ("Unable to use a closed cursor"). On
    such an error the environments are cleared, so the retry starts clean; other errors are left as they are
    (the caller may catch them and go on)."""
    try:
        yield
    except OperationalError:
        env.clear()
        raise


def lock_leads(leads):
    """Every change of a chain locks its leads first, then their attempts: one order for every path, so two
    of them never wait for each other (a salesperson reassigning while another records an outcome)."""
    if leads.ids:
        leads.env.cr.execute("SELECT id FROM crm_lead WHERE id IN %s ORDER BY id FOR UPDATE",
                             (tuple(leads.ids),))


def html_text(template, **values):
    """A translated chatter line with every interpolated value escaped."""
    return html_escape(template) % {key: html_escape(value) for key, value in values.items()}


class JewelleryFollowupEngine(models.AbstractModel):
    _name = "jewellery.followup.engine"
    _description = "Second-chance follow-up: the one gate"

    # ------------------------------------------------------------------ the store's time and calendar

    @api.model
    def _store_tz(self, lead):
        """The store's time: the salesperson's time zone, else the company's, else UTC."""
        company = lead.company_id or self.env.user.company_id
        return rules.store_tz(lead.user_id.tz, company.partner_id.tz)

    @api.model
    def _today(self, lead):
        return rules.store_today(self._store_tz(lead))

    @api.model
    def _calendar(self, lead, cache):
        """The store's open days, read once per company and time zone for a whole run."""
        company = lead.company_id or self.env.user.company_id
        tz = self._store_tz(lead)
        key = (company.id, tz.zone)
        if key not in cache:
            calendar = company.resource_calendar_id
            first_day = rules.store_today(tz)
            ranges = [(fields.Datetime.from_string(leave.date_from), fields.Datetime.from_string(leave.date_to))
                      for leave in calendar.global_leave_ids]
            cache[key] = rules.StoreCalendar(
                {int(attendance.dayofweek) for attendance in calendar.attendance_ids},
                rules.closed_days_between(ranges, tz, first_day))
        return cache[key]

    # ------------------------------------------------------------------------------------ starting

    @api.model
    def _start(self, leads, chain=None, raise_on_error=True, assign=None):
        """Schedules the next touch of each lead's chain; returns {lead id: why not} for the others.

        ``assign`` says who makes the touches: None, as each chain's policy says (by default the lead's
        salesperson); ``SALESPERSON``, each lead's salesperson; a ``res.users`` record, that person; a
        ``crm.team`` record, its active members, each lead to the least-loaded one. Only a manager may give
        a lead's touch to anyone but its salesperson (a chain's policy is a manager's choice already)."""
        if assign is not None:
            self._check_may_assign(leads, assign)
        refused, plans, calendars, default_chains = {}, [], {}, {}
        lock_leads(leads)
        Chain = self.env["jewellery.followup.chain"]
        for lead in leads:
            company = lead.company_id or self.env.user.company_id
            if not (chain or lead.followup_chain_id) and company not in default_chains:
                default_chains[company] = Chain._default_for_company(company)
            lead_chain = chain or lead.followup_chain_id or default_chains[company]
            today = self._today(lead)
            reason = rules.start_refusal(self._start_facts(lead, lead_chain), today)
            if reason:
                refused[lead.id] = self._refusal_message(reason, lead, lead_chain)
                continue
            made = lead.followup_contact_count
            step = lead_chain.step_ids[rules.next_step_index(made, len(lead_chain.step_ids))]
            plans.append(self._plan(lead, step, made + 1, today, step.delay_days, calendars,
                                    rules.steps_left(made, len(lead_chain.step_ids))))
        if refused and raise_on_error:
            raise UserError("\n".join(refused.values()))
        self._assign_plans(plans, assign)
        by_chain = {}
        for plan in plans:
            by_chain.setdefault(plan["step"].chain_id, self.env["crm.lead"])
            by_chain[plan["step"].chain_id] |= plan["lead"]
        states_before = {plan["lead"].id: plan["lead"].followup_state for plan in plans}
        for chain_of_plans, started in by_chain.items():
            # tracked below, in the one message that says the chain started (one chatter post per lead)
            through_engine(started).with_context(tracking_disable=True).write({
                "followup_chain_id": chain_of_plans.id, "followup_state": "running",
                "followup_next_date": False})
        scheduler.schedule(self.env, plans)
        state_info = self.env["crm.lead"].fields_get(["followup_state"])["followup_state"]
        Tracking = self.env["mail.tracking.value"]
        posted = self._chatter_values(self.env["crm.lead"].browse([plan["lead"].id for plan in plans]))
        messages = self.env["mail.message"]
        for plan in plans:
            tracking = Tracking.create_tracking_values(
                states_before[plan["lead"].id], "running", "followup_state", state_info)
            # each lead alone: posting invalidates the lead's cache, and reading it back with the others in
            # the prefetch set would re-read all of them for every message (minutes for 1,000 leads)
            messages |= plan["lead"].with_env(self.env).sudo().with_prefetch().message_post(
                body=html_text(
                    _("Second-chance follow-up started: attempt %(no)s (%(summary)s) is due on %(date)s."),
                    no=plan["attempt_no"], summary=plan["step"].summary, date=plan["date"]),
                tracking_value_ids=[(0, 0, tracking)] if tracking else [],
                **posted[plan["lead"].id])
        self._sign_messages(messages)
        return refused

    @api.model
    def _sign_messages(self, messages):
        """Messages posted as the superuser (the engine checked the user's rights on the leads already; Odoo
        would check them again on each message it reads back, a dozen queries per message) carry the user who
        made the change, as a post by that user would."""
        if messages:
            self.env.cr.execute("UPDATE mail_message SET create_uid = %s WHERE id IN %s",
                                (self.env.uid, tuple(messages.ids)))
            messages.invalidate_cache(["create_uid"])

    @api.model
    def _chatter_values(self, leads):
        """What ``mail.message.create`` would work out one message at a time (the sender's address, the
        reply-to alias of the lead's team, the lead's name), for many leads at once: same values, a query each
        instead of one per message."""
        email_from = self.env["mail.message"]._get_default_from()
        reply_to = leads.message_get_reply_to(leads.ids, default=email_from)
        names = dict(leads.sudo().name_get())
        author = self.env.user.partner_id.id
        return {lead_id: {"email_from": email_from, "reply_to": reply_to[lead_id], "record_name": names[lead_id],
                          "author_id": author}
                for lead_id in leads.ids}

    # ------------------------------------------------------------------------------ who makes the touch

    @api.model
    def _assign_plans(self, plans, assign):
        """Sets each plan's "user" as ``assign`` (or, when None, each chain's policy) says."""
        groups = {}
        for plan in plans:
            choice = assign if assign is not None else plan["step"].chain_id._assignee()
            if isinstance(choice, str):  # SALESPERSON: the plan's user already is the lead's salesperson
                continue
            key = (choice._name, choice.id)
            groups.setdefault(key, (choice, []))[1].append(plan)
        for choice, chosen in groups.values():
            for plan, user in zip(chosen, self._assignees(choice, len(chosen))):
                self._check_same_company(plan["lead"], user)
                plan["user"] = user

    @api.model
    def _check_same_company(self, lead, user):
        """A touch goes only to someone who works for the lead's company."""
        if lead.company_id and lead.company_id not in user.sudo().company_ids:
            raise UserError(_("%(user)s does not work for %(company)s: the follow-up of \"%(lead)s\" cannot go "
                              "to them.") % {"user": user.sudo().name, "company": lead.company_id.name,
                                             "lead": lead.name})

    @api.model
    def _assignees(self, assign, count, moving=None):
        """``count`` users: all ``assign`` for one person; for a team, its active members by their open
        touches (``moving`` attempts, about to be handed out again, not counted)."""
        Users = self.env["res.users"].sudo()
        if assign._name == "res.users":
            self._check_assignable(assign)
            return [assign] * count
        members = assign.sudo().member_ids.filtered(lambda user: user.active and not user.share)
        if not members:
            raise UserError(_("Sales team \"%s\" has no active member to hand the follow-up to.") % assign.name)
        loads = dict.fromkeys(members.ids, 0)
        query = """SELECT user_id, count(*) FROM jewellery_followup_attempt
                   WHERE state = 'scheduled' AND user_id IN %s"""
        params = [tuple(members.ids)]
        if moving:
            query += " AND id NOT IN %s"
            params.append(tuple(moving.ids))
        self.env.cr.execute(query + " GROUP BY user_id", params)
        loads.update(self.env.cr.fetchall())
        return [Users.browse(user_id) for user_id in rules.spread_over(loads, count)]

    @api.model
    def _check_assignable(self, user):
        user = user.sudo()  # read as the superuser: the company rules hide another company's user
        if not user.active or user.share:
            raise UserError(_("%s is not an active user of the store: the follow-up cannot go to them.")
                            % user.name)

    @api.model
    def _is_manager(self):
        return self.env.uid == SUPERUSER_ID or self.env.user.has_group(MANAGER_GROUP)

    @api.model
    def _check_may_assign(self, leads, assign):
        """Only a manager gives a touch to anyone but the lead's own salesperson."""
        if isinstance(assign, str) or self._is_manager():
            return
        if assign._name == "res.users" and all(lead.user_id == assign for lead in leads):
            return
        raise AccessError(_("Only a sales manager may give a lead's follow-up to someone other than its own "
                            "salesperson."))

    @api.model
    def _rebalance(self, attempts, assign):
        """Moves open touches, attempt and activity together, to one person or spread over a sales team;
        each lead's chatter says who moved which touch from whom to whom. Returns the attempts moved."""
        if not self._is_manager():
            raise AccessError(_("Only a sales manager may move follow-up work from one salesperson to another."))
        attempts.check_access_rights("write")
        attempts.check_access_rule("write")
        attempts = attempts.sudo()
        lock_leads(attempts.mapped("lead_id"))
        attempts.invalidate_cache(["state", "user_id"])
        moving = attempts.filtered(lambda attempt: attempt.state == "scheduled").sorted("id")
        if not moving:
            return moving
        users = self._assignees(assign, len(moving), moving)
        for attempt, user in zip(moving, users):
            before = attempt.user_id
            if before == user:
                continue
            self._check_same_company(attempt.lead_id, user)
            through_engine(attempt).write({"user_id": user.id})
            attempt.activity_id.write({"user_id": user.id})
            attempt.lead_id.with_env(self.env).message_post(body=html_text(
                _("Follow-up attempt %(no)s (%(summary)s) moved from %(from)s to %(to)s by %(by)s."),
                no=attempt.attempt_no, summary=attempt.summary or "", to=user.name, by=self.env.user.name,
                **{"from": before.name or _("nobody")}))
        return moving

    @api.model
    def _start_facts(self, lead, chain):
        return {
            "running": lead.followup_state == "running",
            "contacts_made": lead.followup_contact_count,
            "step_count": len(chain.step_ids) if chain else None,
            "active": lead.active,
            "probability": lead.probability,
            "opt_out": lead.opt_out,
            "occasion_date": lead.occasion_date and fields.Date.from_string(lead.occasion_date),
            "reachable": self._reachable(lead),
        }

    @api.model
    def _reachable(self, lead):
        """A phone, an e-mail or an address: some way to reach the customer, on the lead or its partner."""
        partner = lead.partner_id
        return bool(lead.phone or lead.mobile or lead.email_from or lead.street or partner.phone
                    or partner.mobile or partner.email or partner.street)

    @api.model
    def _refusal_message(self, reason, lead, chain):
        messages = {
            rules.REFUSE_RUNNING: _("\"%(lead)s\" is already following its chain."),
            rules.REFUSE_LIMIT: _("\"%(lead)s\" already had %(max)s follow-up contacts: a customer is never "
                                  "contacted more than %(max)s times."),
            rules.REFUSE_NO_CHAIN: _("No follow-up chain is set up for \"%(lead)s\"."),
            rules.REFUSE_NO_STEP: _("\"%(lead)s\" already had %(made)s contacts and chain \"%(chain)s\" has no "
                                    "step %(next)s."),
            rules.REFUSE_CLOSED: _("\"%(lead)s\" is closed (won or lost): reopen it first."),
            rules.REFUSE_OPTED_OUT: _("\"%(lead)s\" opted out of being contacted."),
            rules.REFUSE_OCCASION_PASSED: _("The occasion of \"%(lead)s\" (%(date)s) has passed."),
            rules.REFUSE_NO_CONTACT: _("\"%(lead)s\" has no phone, e-mail or address: add a way to reach the "
                                       "customer first."),
        }
        made = lead.followup_contact_count
        return messages[reason] % {
            "lead": lead.name, "max": rules.MAX_CONTACTS, "made": made, "next": made + 1,
            "chain": chain.name if chain else "", "date": lead.occasion_date}

    @api.model
    def _plan(self, lead, step, attempt_no, since, delay_days, calendars, steps_left):
        occasion = lead.occasion_date and fields.Date.from_string(lead.occasion_date)
        due = rules.due_date(since, delay_days, self._calendar(lead, calendars), occasion, steps_left)
        script = self.env["jewellery.followup.script"]
        user = lead.user_id or self.env.user
        wording = script.for_lead(lead).render(step, lead)
        instruction = ""
        if step.kind in ("note", "gift"):
            # where the card or the gift goes, in the salesperson's words: a surprise is never posted home
            instruction = lead.with_context(lang=user.lang)._followup_delivery()["instruction"]
        return {
            "lead": lead,
            # the activity's summary and the gift are read by whoever makes the touch, in their language
            "step": step.with_context(lang=user.lang),
            "attempt_no": attempt_no,
            "user": user,
            "date": fields.Date.to_string(due),
            "script_text": wording,
            "note": scheduler.note_html(wording, instruction),
        }

    # ------------------------------------------------------------------------------------ outcomes

    @api.model
    def _record_outcome(self, attempts, outcome, note=False, appointment_start=False):
        """Closes open touches with what the customer did; the rules say what follows."""
        self._check_outcome_arguments(attempts, outcome, note, appointment_start)
        lock_leads(attempts.mapped("lead_id"))
        label = dict(attempts._fields["outcome"]._description_selection(self.env))[outcome]
        calendars = {}
        for attempt in attempts:
            lead = attempt.lead_id
            today = self._today(lead)
            activity = attempt.activity_id
            through_engine(attempt.sudo()).write({
                "state": "done", "outcome": outcome, "note": note or False,
                "date_done": fields.Date.to_string(today), "activity_id": False})
            activity.sudo().unlink()
            lead.message_post(body=html_text(
                _("Follow-up attempt %(no)s (%(summary)s): %(outcome)s."),
                no=attempt.attempt_no, summary=attempt.summary or "", outcome=label))
            steps = attempt.chain_id.step_ids
            state = rules.state_after(outcome, lead.followup_contact_count, len(steps))
            if state == "running":
                step = steps[rules.next_step_index(lead.followup_contact_count, len(steps))]
                occasion = lead.occasion_date and fields.Date.from_string(lead.occasion_date)
                next_date = rules.due_date(
                    today, step.delay_days, self._calendar(lead, calendars), occasion,
                    rules.steps_left(lead.followup_contact_count, len(steps)))
                through_engine(lead).write({"followup_state": "running",
                                            "followup_next_date": fields.Date.to_string(next_date)})
            elif state == "exhausted":
                self._exhaust(lead)
            else:
                through_engine(lead).write({"followup_state": state, "followup_next_date": False})
                if outcome == "appointment":
                    self._book_appointment(lead, appointment_start, calendars)
                elif outcome == "purchased":
                    lead.action_set_won()

    @api.model
    def _check_outcome_arguments(self, attempts, outcome, note, appointment_start):
        labels = dict(attempts._fields["outcome"]._description_selection(self.env))
        if not isinstance(outcome, str) or outcome not in rules.OUTCOMES:
            raise UserError(_("Unknown follow-up outcome \"%(outcome)s\": choose one of %(allowed)s.") % {
                "outcome": str(outcome)[:80],
                "allowed": ", ".join("%s (%s)" % (labels[key], key) for key in rules.OUTCOMES)})
        if note is not False and note is not None and not rules.is_storable_text(note):
            raise UserError(_("The note of a follow-up outcome must be plain text (no NUL character)."))
        if appointment_start:
            if outcome != "appointment":
                raise UserError(_("An appointment time goes only with the outcome \"Appointment booked\"."))
            start = rules.parse_utc_datetime(appointment_start)
            if not start:
                raise UserError(_("The appointment time %(value)s is not a date and time "
                                  "(YYYY-MM-DD HH:MM:SS, UTC).") % {"value": str(appointment_start)[:40]})
            now = rules.utc_now()
            if start < now - datetime.timedelta(hours=1):
                raise UserError(_("The appointment time %(value)s is in the past.") % {"value": appointment_start})
            if start > now + datetime.timedelta(days=rules.APPOINTMENT_HORIZON_DAYS):
                raise UserError(_("The appointment time %(value)s is more than %(days)s days ahead.") % {
                    "value": appointment_start, "days": rules.APPOINTMENT_HORIZON_DAYS})
        closed = attempts.filtered(lambda attempt: attempt.state != "scheduled")
        if closed:
            raise UserError(_("Attempt %(no)s of \"%(lead)s\" is already %(state)s.") % {
                "no": closed[0].attempt_no, "lead": closed[0].lead_id.name,
                "state": dict(closed._fields["state"]._description_selection(self.env))[closed[0].state]})

    @api.model
    def _exhaust(self, lead):
        reason = self.env.ref("jewellery_followup.crm_lost_reason_no_response")
        through_engine(lead).write({
            "followup_state": "exhausted", "followup_next_date": False, "lost_reason": reason.id})
        lead.action_set_lost()
        lead.message_post(body=html_text(
            _("No response after %(max)s follow-ups: the lead is marked lost. Its attempts stay in the "
              "follow-up history."), max=rules.MAX_CONTACTS))

    @api.model
    def _book_appointment(self, lead, start, calendars):
        """The private showing in the calendar, at the store's SHOWING_HOUR of its next open day unless the
        salesperson chose a time."""
        if not start:
            tz = self._store_tz(lead)
            day = self._calendar(lead, calendars).add_open_days(rules.store_today(tz), 1)
            start = fields.Datetime.to_string(rules.store_time_to_utc(day, rules.SHOWING_HOUR, tz))
        stop = fields.Datetime.to_string(fields.Datetime.from_string(start) + datetime.timedelta(hours=1))
        lines = [_("Welcome: %s") % (lead.hospitality_note or _("ask what they would like to drink"))]
        if lead.piece_description:
            lines.append(_("Piece to present: %s") % lead.piece_description)
        lines += [
            _("Preparation:"),
            _("- Private presentation room booked"),
            _("- Their music playing"),
            _("- Fresh flowers on the table"),
            _("- Chocolates ready"),
            _("- The piece cleaned and laid out"),
        ]
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

    # ------------------------------------------------------------------------------------ stopping

    @api.model
    def _stop(self, leads, state, message):
        """Ends running chains: open touches are cancelled, the history kept."""
        running = leads.filtered(lambda lead: lead.followup_state == "running")
        if not running:
            return running
        lock_leads(running)
        # every open touch, also one handed to a colleague whose attempts the acting user cannot see
        self._cancel_open_attempts(running.sudo().mapped("followup_attempt_ids"))
        through_engine(running).write({"followup_state": state, "followup_next_date": False})
        for lead in running:
            lead.message_post(body=html_escape(message))
        return running

    @api.model
    def _stop_messages(self):
        return {
            rules.STOP_WON: _("Follow-up stopped: the lead is won."),
            rules.STOP_CLOSED: _("Follow-up stopped: the lead was closed."),
            rules.STOP_OPTED_OUT: _("Follow-up stopped: the customer opted out."),
            rules.STOP_OCCASION_PASSED: _("Follow-up stopped: the occasion has passed."),
        }

    @api.model
    def _stop_for(self, leads, reason):
        return self._stop(leads, rules.STOP_STATES[reason], self._stop_messages()[reason])

    @api.model
    def _stop_if_answered(self, leads):
        """Stops the chains of leads the store closed, won, opted out, or whose occasion has passed."""
        for lead in leads.filtered(lambda lead: lead.followup_state == "running"):
            occasion = lead.occasion_date and fields.Date.from_string(lead.occasion_date)
            reason = rules.stop_reason(lead.active, lead.probability, lead.opt_out, occasion, self._today(lead))
            if reason:
                self._stop_for(lead, reason)

    @api.model
    def _cancel_open_attempts(self, attempts):
        scheduled = attempts.sudo().filtered(lambda attempt: attempt.state == "scheduled")
        activities = scheduled.mapped("activity_id")
        through_engine(scheduled).write({"state": "cancelled", "activity_id": False})
        activities.unlink()
        return scheduled

    @api.model
    def _cancel_by_activity(self, activities):
        """A follow-up activity cancelled by hand cancels its attempt and stops the chain, so that nothing
        waits forever; the chain can be restarted and the count goes on."""
        attempts = self.env["jewellery.followup.attempt"].sudo().search([
            ("activity_id", "in", activities.ids), ("state", "=", "scheduled")])
        if not attempts:
            return
        lock_leads(attempts.mapped("lead_id"))
        through_engine(attempts).write({"state": "cancelled", "activity_id": False})
        leads = attempts.mapped("lead_id").with_env(self.env)
        self._stop(leads, "stopped", _("Follow-up stopped: its activity was cancelled by %s.") % self.env.user.name)

    @api.model
    def _stop_on_email(self, leads):
        self._stop(leads, "stopped", _("Follow-up stopped: the customer wrote back by e-mail."))

    # ----------------------------------------------------------------------------------- reassigning

    @api.model
    def _reassign(self, leads):
        """The open touch follows the lead to its new salesperson."""
        for attempt in leads.sudo().mapped("followup_attempt_ids").filtered(
                lambda attempt: attempt.state == "scheduled" and attempt.lead_id.user_id
                and attempt.user_id != attempt.lead_id.user_id):
            user = attempt.lead_id.user_id
            through_engine(attempt).write({"user_id": user.id})
            attempt.activity_id.write({"user_id": user.id})

    @api.model
    def _follow_activity(self, activities):
        """An activity given to someone else or moved to another day by hand: its attempt follows."""
        for attempt in self.env["jewellery.followup.attempt"].sudo().search([
                ("activity_id", "in", activities.ids), ("state", "=", "scheduled")]):
            activity = attempt.activity_id
            changes = {}
            if activity.user_id != attempt.user_id:
                changes["user_id"] = activity.user_id.id
            if activity.date_deadline != attempt.date_scheduled:
                changes["date_scheduled"] = activity.date_deadline
            if changes:
                through_engine(attempt).write(changes)

    # -------------------------------------------------------------------------------------- merging

    @api.model
    def _merge(self, head, tails):
        """Odoo merges ``tails`` into ``head``: every contact made with either stays on ``head``.

        Attempts are renumbered by date, the contacts made add up (the database never lets the count go
        down), at most one touch stays open, and a chain that already made its contacts starts nothing new.
        """
        everyone = head | tails
        lock_leads(everyone)
        attempts = self.env["jewellery.followup.attempt"].sudo().search(
            [("lead_id", "in", everyone.ids)])
        if not attempts and not any(everyone.mapped("followup_contact_count")):
            return
        made = sum(everyone.mapped("followup_contact_count"))
        ordered = attempts.sorted(lambda attempt: (
            attempt.date_done or attempt.date_scheduled or "", attempt.attempt_no, attempt.id))
        open_attempts = ordered.filtered(lambda attempt: attempt.state == "scheduled")
        keep = (open_attempts.filtered(lambda attempt: attempt.lead_id == head) or open_attempts)[:1]
        if not rules.merged_touch_may_stay(made):
            keep = keep.browse()
        self._cancel_open_attempts(open_attempts - keep)
        cr = self.env.cr
        # two steps, so that UNIQUE (lead_id, attempt_no) holds after every statement
        cr.execute("UPDATE jewellery_followup_attempt SET attempt_no = attempt_no + 1000 WHERE id IN %s",
                   (tuple(attempts.ids),))
        for number, attempt in enumerate(ordered, 1):
            cr.execute("UPDATE jewellery_followup_attempt SET lead_id = %s, attempt_no = %s WHERE id = %s",
                       (head.id, number, attempt.id))
        if keep.activity_id:
            cr.execute("UPDATE mail_activity SET res_id = %s WHERE id = %s", (head.id, keep.activity_id.id))
        attempts.invalidate_cache()
        self.env["mail.activity"].invalidate_cache()
        scheduler.refresh_activity_deadlines(self.env, everyone.ids)
        head.invalidate_cache()
        through_engine(head).write(self._merged_chain_values(head, tails, keep, made))
        head.message_post(body=html_text(
            _("Follow-up history merged from %(leads)s: %(count)s attempts, %(made)s contacts made in all."),
            leads=", ".join(tails.mapped("name")), count=len(attempts), made=made))

    @api.model
    def _merged_chain_values(self, head, tails, keep, made):
        values = {"followup_contact_count": max(made, head.followup_contact_count)}
        waiting = [lead.followup_next_date for lead in head | tails
                   if lead.followup_state == "running" and lead.followup_next_date]
        if keep:
            values.update(followup_state="running", followup_next_date=False,
                          followup_chain_id=keep.chain_id.id)
        elif waiting and made < rules.MAX_CONTACTS:
            values.update(followup_state="running", followup_next_date=min(waiting))
        elif "running" in (head | tails).mapped("followup_state"):
            values.update(followup_state="exhausted", followup_next_date=False)
        elif head.followup_state == "none":
            values["followup_state"] = next(
                (state for state in tails.mapped("followup_state") if state != "none"), "none")
        return values

    # -------------------------------------------------------------------------------- the hourly job

    @api.model
    def _cron_advance(self):
        """Hourly: in each store's early morning, its due touches land on the salespeople's lists. Each
        batch is committed on its own, so that a crash or a second run never undoes or repeats work."""
        return self._advance(commit=True)

    @api.model
    def _advance(self, commit=False):
        """Schedules every touch that is due in its store's morning; returns how many were scheduled."""
        if commit:
            # another run may be stopping the same chains at the same moment
            self._retried(self._stop_answered_chains, commit)
        else:
            self._stop_answered_chains()
        # the furthest store-local day anywhere on Earth (UTC+14) bounds the indexed query
        horizon = rules.utc_now().date() + datetime.timedelta(days=1)
        self.env.cr.execute("""
            SELECT id FROM crm_lead
            WHERE followup_state = 'running' AND followup_next_date <= %s
            ORDER BY id
        """, (fields.Date.to_string(horizon),))
        lead_ids = [row[0] for row in self.env.cr.fetchall()]
        if commit:
            self.env.cr.commit()  # pylint: disable=invalid-commit
        scheduled = 0
        for start in range(0, len(lead_ids), BATCH_SIZE):
            scheduled += self._advance_batch(lead_ids[start:start + BATCH_SIZE], commit)
        return scheduled

    @api.model
    def _advance_batch(self, lead_ids, commit):
        return self._retried(lambda: self._advance_claimed(self._claim(lead_ids)), commit) or 0

    @api.model
    def _retried(self, function, commit):
        """Runs ``function`` in a savepoint; with ``commit``, in a transaction of its own, run again when
        another run or a salesperson changed the same leads since it began."""
        for attempt in range(SERIALIZATION_RETRIES):
            try:
                with self.env.cr.savepoint():
                    result = function()
                if commit:
                    # the hourly job's own transactions: a batch done stays done if a later one fails
                    self.env.cr.commit()  # pylint: disable=invalid-commit
                return result
            except TransactionRollbackError:
                if not commit or attempt == SERIALIZATION_RETRIES - 1:
                    raise
                self.env.cr.rollback()
                self.env.cache.invalidate()
        return None

    @api.model
    def _claim(self, lead_ids):
        """The leads of ``lead_ids`` still due, locked for this run; leads another run or a user is
        writing are skipped (they are due again at the next run), so nobody waits for the job."""
        self.env.cr.execute("""
            SELECT id FROM crm_lead
            WHERE id IN %s AND followup_state = 'running' AND followup_next_date IS NOT NULL
            ORDER BY id
            FOR UPDATE SKIP LOCKED
        """, (tuple(lead_ids),))
        leads = self.env["crm.lead"].with_context(prefetch_fields=False).browse(
            [row[0] for row in self.env.cr.fetchall()])
        leads.invalidate_cache(["followup_state", "followup_next_date"])
        return leads.filtered(lambda lead: fields.Date.from_string(lead.followup_next_date)
                              <= rules.morning_day(self._store_tz(lead)))

    @api.model
    def _advance_claimed(self, leads):
        """Schedules the claimed leads together; when that fails, each lead on its own, so that one bad
        lead is logged and skipped (it stays due, and the next run tries it again) while the rest advance."""
        try:
            with self.env.cr.savepoint():
                return self._schedule_next(leads)
        except TransactionRollbackError:
            raise
        except Exception:  # pylint: disable=broad-except
            self.env.cache.invalidate()
        scheduled = 0
        for lead in leads:
            try:
                with self.env.cr.savepoint():
                    scheduled += self._schedule_next(lead)
            except TransactionRollbackError:
                raise
            except Exception:  # pylint: disable=broad-except
                self.env.cache.invalidate()
                _logger.exception("Follow-up: could not schedule the next touch of lead %s; the next run "
                                  "tries again.", lead.id)
        return scheduled

    @api.model
    def _schedule_next(self, leads):
        calendars, plans = {}, []
        open_leads = self._leads_with_open_attempt(leads)
        for lead in leads:
            steps = lead.followup_chain_id.step_ids
            index = rules.next_step_index(lead.followup_contact_count, len(steps))
            if index is None:
                self._exhaust(lead)
                continue
            problem = self._scheduling_problem(lead, lead.id in open_leads)
            if problem:
                _logger.warning("Follow-up: lead %s skipped: %s; the next run tries again.", lead.id, problem)
                continue
            # the step's delay already ran out (it set followup_next_date): due from the store's today
            plans.append(self._plan(lead, steps[index], lead.followup_contact_count + 1, self._today(lead), 0,
                                    calendars, rules.steps_left(lead.followup_contact_count, len(steps))))
        if plans:
            started = self.env["crm.lead"].union(*[plan["lead"] for plan in plans])
            # not tracked: the state stays "running", only the due date is cleared
            self.env.cr.execute("UPDATE crm_lead SET followup_next_date = NULL WHERE id IN %s",
                                (tuple(started.ids),))
            started.invalidate_cache(["followup_next_date"])
        scheduler.schedule(self.env, plans)
        return len(plans)

    @api.model
    def _scheduling_problem(self, lead, has_open_attempt):
        if has_open_attempt:
            return "an attempt is already open on it"
        if lead.user_id and not lead.user_id.active:
            return "its salesperson %s is archived" % lead.user_id.login
        if not self._reachable(lead):
            return "it has no phone, e-mail or address"
        return None

    @api.model
    def _leads_with_open_attempt(self, leads):
        if not leads:
            return set()
        self.env.cr.execute("""
            SELECT lead_id FROM jewellery_followup_attempt WHERE state = 'scheduled' AND lead_id IN %s
        """, (tuple(leads.ids),))
        return {row[0] for row in self.env.cr.fetchall()}

    @api.model
    def _stop_answered_chains(self):
        """Chains whose lead was won, closed or opted out behind the engine's back, or whose occasion passed."""
        horizon = rules.utc_now().date() + datetime.timedelta(days=1)
        leads = self.env["crm.lead"].with_context(active_test=False).search([
            ("followup_state", "=", "running"),
            "|", "|", "|", ("probability", ">=", 100), ("active", "=", False), ("opt_out", "=", True),
            ("occasion_date", "<", fields.Date.to_string(horizon))])
        self._stop_if_answered(leads)
