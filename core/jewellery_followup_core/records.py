# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The methods of the addons' models that every Odoo version spells the same, written once.

Each version's model inherits its mixin before Odoo's class (``class CrmLead(LeadMethods, models.Model)``) and
keeps what Odoo must see in it: the fields, the decorated methods (computes, constraints, ``create``), and what its
version spells its own way. The mixins reach Odoo only through the records they are called on and the version's
store (``followup_store``). A mixin adds nothing to the layout of the running Odoo's records
(``odoo_store.RECORD_SLOTS``): Odoo rebuilds an inherited model's class on that layout.
"""
from . import aftersale, course, delivery, facts, messages, pausing, sql
from .gate import assign_choice
from .messages import ACCESS, Refusal
from .odoo_store import RECORD_SLOTS, is_engine, retry_safe

ENGINE = "jewellery.followup.engine"

messages.register("records", {
    "aftersale.not_open": "\"%(summary)s\" is not on a salesperson's list any more: nothing to answer.",
    "attempt.record_outcome": "Record the outcome",
    "lead.touch_holders_operator": "Leads are searched by the holders of their follow-up touches with \"in\" or "
                                   "\"=\", not with \"%(operator)s\".",
})


def followup_store(records):
    """The version's store, acting in ``records``' environment."""
    return records.env[ENGINE]._gate().store


def selected(records, model):
    """The wizard's default selection: the records of ``model`` the list's *Action* menu was opened on."""
    context = records.env.context
    if context.get("active_model") == model:
        return [(6, 0, context.get("active_ids") or [])]
    return False


def window(name, model, res_id=False, target="current", context=None):
    """An action opening a form."""
    action = {"type": "ir.actions.act_window", "name": name, "res_model": model, "view_mode": "form",
              "views": [(False, "form")], "target": target}
    if res_id:
        action["res_id"] = res_id
    if context:
        action["context"] = context
    return action


def visible_wishes(record, wish_ids):
    """The wishes ``wish_ids(record)`` names, as the user may see them (the wish rules hide a colleague's leads);
    none for a record not saved yet."""
    Wish = record.env["jewellery.wish"]
    if not isinstance(record.id, int):
        return Wish
    followup_store(record).flush()
    ids = wish_ids(record)
    return Wish.search([("id", "in", ids)]) if ids else Wish


class LeadMethods(object):
    """``crm.lead``: the follow-up's fields are the gate's, and what a lead goes through tells its chain."""
    __slots__ = RECORD_SLOTS

    def write(self, vals):
        if not is_engine(self):
            self._check_followup_fields(set(vals) & set(course.LEAD_FIELD_DEFAULTS))
        engine = self.env[ENGINE]
        pausing_now = set(pausing.PAUSE_FIELDS) & set(vals)
        if pausing_now:
            engine._check_pause(self, vals)
            were_paused = {lead.id: lead.followup_paused_until for lead in self if lead.followup_paused_until}
        with retry_safe(self.env):
            if "active" in vals and not vals["active"]:
                # before Odoo deletes the activities of an archived lead, so the chain stops as closed
                engine._stop_for(self, "closed")
            result = super().write(vals)
            if course.LEAD_FIELDS_THAT_MAY_STOP & set(vals):
                engine._stop_if_answered(self)
            if vals.get("user_id"):
                engine._reassign(self)
            if pausing_now:
                engine._pause(self, were_paused)
        return result

    def _compute_followup_user_ids(self):
        store = followup_store(self)
        store.flush()
        holders = sql.touch_holders(self.env.cr, [lead_id for lead_id in self.ids if isinstance(lead_id, int)])
        for lead in self:
            lead.followup_user_ids = self.env["res.users"].browse(holders.get(lead.id, []))

    def _compute_wish_ids(self):
        """The customer's wish list: what they were shown on their other leads."""
        store = followup_store(self)
        for lead in self:
            lead.wish_ids = visible_wishes(lead, store.customer_wish_ids)

    def _search_followup_user_ids(self, operator, value):
        """The leads of the touches of the users ``value`` (``in``, ``=``: the record rule's own test)."""
        if operator not in ("in", "="):
            raise followup_store(self).error(Refusal("lead.touch_holders_operator", operator=operator))
        user_ids = [value] if isinstance(value, (int, str)) or not value else list(value)  # 19: an OrderedSet
        followup_store(self).flush()
        return [("id", "in", sql.leads_of_touch_holders(self.env.cr, [uid for uid in user_ids if uid]))]

    def action_start_followup(self):
        """Starts (or goes on with) the second-chance chain of each lead; refuses with the reason."""
        followup_store(self).check_access(self, "write")
        with retry_safe(self.env):
            self.env[ENGINE]._start(self)
        return True

    def action_stop_followup(self):
        store = followup_store(self)
        store.check_access(self, "write")
        not_running = self.filtered(lambda lead: lead.followup_state != "running")
        if not_running:
            raise store.error(Refusal("lead.not_running", lead=not_running[0].name))
        with retry_safe(self.env):
            self.env[ENGINE]._stop(self)
        return True

    def _check_followup_fields(self, names):
        if names:
            raise followup_store(self).error(Refusal("lead.protected", ACCESS, fields=", ".join(
                sorted(self._fields[name].string for name in names))))

    def _followup_delivery(self):
        """Where this lead's note card and gift go (``delivery.decide``), worded in the user's language:
        ``{"kind", "addressee", "lines", "instruction"}``."""
        self.ensure_one()
        store = followup_store(self)
        return delivery.decide(facts.delivery(self, self.company_id or store.default_company()), store.lang())


class AttemptMethods(object):
    """``jewellery.followup.attempt``: only the gate makes attempts and changes their course; people write their
    note and the gift."""
    __slots__ = RECORD_SLOTS

    def write(self, vals):
        guarded = set(vals) - course.ATTEMPT_FREE_FIELDS
        if guarded and not is_engine(self):
            raise followup_store(self).error(Refusal("attempt.protected", ACCESS, fields=", ".join(
                sorted(self._fields[name].string for name in guarded if name in self._fields) or sorted(guarded))))
        return super().write(vals)

    def unlink(self):
        if not is_engine(self) and any(attempt.state == "scheduled" for attempt in self):
            raise followup_store(self).error(Refusal("attempt.open_not_deleted"))
        return super().unlink()

    def action_record_outcome(self, outcome=None, note=False, appointment_start=False):
        """Closes open touches with what the customer did; the follow-up decides what comes next. A button, which
        cannot pass arguments, gives ``outcome`` in the context, like the activity's Mark Done."""
        if outcome is None:
            outcome = self.env["mail.activity"]._followup_outcome_from_context()
        followup_store(self).check_access(self, "write")
        with retry_safe(self.env):
            self.env[ENGINE]._record_outcome(self, outcome, note=note, appointment_start=appointment_start)
        return True

    def action_open_lead(self):
        """The board's card opens the customer's lead."""
        self.ensure_one()
        followup_store(self).check_access(self.lead_id, "read")
        return window(self.lead_id.name, "crm.lead", self.lead_id.id)

    def action_open_outcome(self):
        """What the customer did, asked as the activity's Mark Done asks it (No answer preselected)."""
        self.ensure_one()
        store = followup_store(self)
        if self.state != "scheduled":
            raise store.error(Refusal("attempt.closed"))
        store.check_access(self, "write")
        return window(messages.text("attempt.record_outcome", store.lang()), "jewellery.followup.outcome",
                      target="new", context={"default_attempt_id": self.id})


class ActivityMethods(object):
    """``mail.activity``: marking a touch's activity done records what the customer did; moving or cancelling it by
    hand moves or stops its attempt."""
    __slots__ = RECORD_SLOTS

    OUTCOME_CONTEXT_KEY = "jewellery_followup_outcome"

    def _compute_followup_attempt_id(self):
        by_activity = {attempt.activity_id.id: attempt.id for attempt in self._followup_attempts().sudo()}
        Attempt = self.env["jewellery.followup.attempt"]
        for activity in self:
            activity.followup_attempt_id = Attempt.browse(by_activity.get(activity.id))

    def write(self, values):
        if {"res_id", "res_model_id", "res_model"} & set(values) and self._followup_attempts():
            raise followup_store(self).error(Refusal("activity.stays_on_lead"))
        result = super().write(values)
        if {"user_id", "date_deadline"} & set(values):
            self.env[ENGINE]._follow_activity(self)
        return result

    def unlink(self):
        # cancelling a follow-up activity by hand would leave its attempt waiting forever and block the chain:
        # the attempt is cancelled and the chain stopped, so it can be restarted
        self.env[ENGINE]._cancel_by_activity(self)
        self.env[ENGINE]._cancel_touches_by_activity(self)
        return super().unlink()

    def _close_aftersale_touches(self):
        """Marked done: the after-sale touches these activities carry close with the outcome the context gives
        (none: the customer answered)."""
        self.env[ENGINE]._close_touches(self, self.env.context.get(self.OUTCOME_CONTEXT_KEY))

    def _followup_outcome_from_context(self):
        return self.env.context.get(self.OUTCOME_CONTEXT_KEY) or course.NO_ANSWER

    def _followup_attempts(self):
        """The scheduled attempts carried out by these activities, as the current user."""
        Attempt = self.env["jewellery.followup.attempt"]
        if not self.ids:
            return Attempt
        return Attempt.browse(followup_store(self).open_attempts_of_activities(self).ids)


class PartnerMethods(object):
    """``res.partner``: a customer's "no contact after the sale" is recorded with the day and who said so, and
    stops their open after-sale touches at once."""
    __slots__ = RECORD_SLOTS

    def _compute_no_contact_after_sale_stamp(self):
        store = followup_store(self)
        for partner in self:
            if not partner.no_contact_after_sale:
                partner.no_contact_after_sale_date = False
                partner.no_contact_after_sale_user_id = False
            elif not partner.no_contact_after_sale_date:
                partner.no_contact_after_sale_date = store.today_of_user()
                partner.no_contact_after_sale_user_id = self.env.user

    def _compute_wish_ids(self):
        """What the customer was shown on their leads and did not buy."""
        store = followup_store(self)
        for partner in self:
            partner.wish_ids = visible_wishes(partner, store.partner_wish_ids)

    def write(self, vals):
        result = super().write(vals)
        if vals.get("no_contact_after_sale"):
            self.env[ENGINE]._cancel_touches_for_customers(self)
        return result


class CompanyMethods(object):
    """``res.company``: the store's after-sale settings stay within their bounds (``aftersale.SETTINGS_BOUNDS``)."""
    __slots__ = RECORD_SLOTS

    def _check_aftersale_bounds(self):
        for company in self:
            for name, field in aftersale.SETTINGS_FIELDS._asdict().items():
                if name not in aftersale.SETTINGS_BOUNDS:
                    continue
                problem = aftersale.settings_problem(name, company[field])
                if problem:
                    code, params = problem
                    raise followup_store(self).error(Refusal(
                        code, kind=messages.VALIDATION, setting=company._fields[field].string, **params))


class AftersaleRuleMethods(object):
    """``jewellery.aftersale.rule``: a store's rule names what it is about (``aftersale.rule_problem``)."""
    __slots__ = RECORD_SLOTS

    def _check_rule(self):
        for rule in self:
            problem = aftersale.rule_problem(
                rule.kind, rule.stone_type, rule.metal, rule.category, rule.after_occasion, rule.suggest_occasion,
                {rule._fields[name].string: rule[name] for name in ("days_before", "days_after")})
            if problem:
                code, params = problem
                raise followup_store(self).error(Refusal(code, kind=messages.VALIDATION, **params))


class TouchMethods(object):
    """``jewellery.aftersale.touch``: the job plans and schedules it; the salesperson says what the customer
    answered, from the touch or its activity, which closes it."""
    __slots__ = RECORD_SLOTS

    def action_answered(self):
        return self._answer(False)

    def action_no_answer(self):
        return self._answer(course.NO_ANSWER)

    def action_appointment(self):
        """The customer said yes: the visit booked opens, for the salesperson to set the time agreed with them."""
        self._answer("appointment")
        followup_store(self).invalidate(self, ["visit_event_id"])
        if len(self) != 1 or not self.visit_event_id:
            return True
        return {"type": "ir.actions.act_window", "res_model": "calendar.event", "res_id": self.visit_event_id.id,
                "view_mode": "form", "views": [(False, "form")], "target": "current",
                "context": {"form_view_initial_mode": "edit"}}

    def action_declined(self):
        return self._answer("declined")

    def action_pause(self):
        """*Pause…* on a touch: the lead's form, whose *Paused Until* and *Pause Reason* hold every touch of it."""
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "crm.lead", "res_id": self.lead_id.id,
                "view_mode": "form", "views": [(False, "form")], "target": "current"}

    def _answer(self, outcome):
        store = followup_store(self)
        for touch in self:
            if touch.state != "scheduled":
                raise store.error(Refusal("aftersale.not_open", summary=touch.summary))
        activities = self.env["mail.activity"].browse(self.sudo().mapped("activity_id").ids)
        activities.with_context(**{ActivityMethods.OUTCOME_CONTEXT_KEY: outcome}).action_feedback()
        return True


class ChainMethods(object):
    """``jewellery.followup.chain``."""
    __slots__ = RECORD_SLOTS

    def _default_for_company(self, company):
        """The chain a lead of ``company`` follows when none is chosen."""
        chain = self.search([("company_id", "=", company.id)], limit=1)
        return chain or self.search([("company_id", "=", False)], limit=1)


class StartWizardMethods(object):
    """*Start follow-up* on the selected leads: starts those that can start, lists the others with the reason."""
    __slots__ = RECORD_SLOTS

    def action_confirm(self):
        self.ensure_one()
        store = followup_store(self)
        if self.state != "choose":
            raise store.error(Refusal("gate.start.done_already"))
        # the links as stored: a lead the user may not see is listed as refused, not silently dropped
        leads = self.env["crm.lead"].browse(self.sudo().lead_ids.ids)
        if not leads:
            raise store.error(Refusal("gate.start.no_leads"))
        allowed = store.writable(leads)
        refused = {lead_id: messages.text("gate.start.no_rights", store.lang(), lead=lead_id)
                   for lead_id in (leads - allowed).ids}
        if allowed:
            assign = store.refuse_on(assign_choice, self.assign_mode, self.assign_user_id, self.assign_team_id)
            with retry_safe(self.env):
                refused.update(self.env[ENGINE]._start(allowed, chain=self.chain_id or None, raise_on_error=False,
                                                       assign=assign))
        self.write({
            "state": "done",
            "started_count": len(leads) - len(refused),
            "refused_count": len(refused),
            "result": "\n".join(refused[lead_id] for lead_id in leads.ids if lead_id in refused) or False,
        })
        return window(messages.text("gate.start.title", store.lang()), self._name, self.id, target="new")


class RebalanceMethods(object):
    """*Move follow-up work*: a salesperson's open touches (or the selected ones) to one person or over a team."""
    __slots__ = RECORD_SLOTS

    def action_confirm(self):
        self.ensure_one()
        engine, store = self.env[ENGINE], followup_store(self)
        if not engine._is_manager():
            raise store.error(Refusal("gate.manager_moves", ACCESS))
        assign = self.assign_user_id if self.assign_mode == "user" else self.assign_team_id
        if not assign:
            raise store.error(Refusal("gate.move.choose_who"))
        attempts = self._attempts_to_move()
        if not attempts:
            raise store.error(Refusal("gate.move.nothing"))
        with retry_safe(self.env):
            engine._rebalance(attempts, assign)
        return {"type": "ir.actions.act_window_close"}

    def _attempts_to_move(self):
        if self.attempt_ids:
            attempts = self.attempt_ids
            if self.from_user_id:
                attempts = attempts.filtered(lambda attempt: attempt.user_id == self.from_user_id)
            return attempts.filtered(lambda attempt: attempt.state == "scheduled")
        if not self.from_user_id:
            raise followup_store(self).error(Refusal("gate.move.choose_from"))
        return self.env["jewellery.followup.attempt"].search([
            ("user_id", "=", self.from_user_id.id), ("state", "=", "scheduled")])
