# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The seam between the gate and Odoo: ``OdooStore`` does every lock, read, write and post the gate asks for.

Each version's addon subclasses it in its ``store.py`` with what that version spells its own way (its errors,
its chatter, its activities, its cache); what every supported Odoo version spells the same is written here once.
It imports no Odoo: it is handed an Odoo environment and calls the methods of the records it holds.
"""
import sys
from contextlib import contextmanager

from . import aftersale, clock, facts, sql
from .messages import Refusal

ENGINE_KEY = "jewellery_followup_engine"
# Not JSON: no RPC context can carry it, so only the gate can open the follow-up's protected fields.
_ENGINE_TOKEN = object()
MANAGER_GROUP = "sales_team.group_sale_manager"


def record_slots():
    """The ``__slots__`` of the core's model mixins: what the records of the running Odoo already have, nothing more.

    Odoo rebuilds an inherited model's class on the layout of its records (``__bases__`` assignment), which a
    mixin must not change: from 13.0 on, records keep their attributes in slots, so a mixin declares none; Odoo 11's
    records keep them in an instance dictionary, which the mixin then declares too. Read from the Odoo the core
    runs in, which it never imports: loaded already when an addon imports the core; when a script imports the core
    first, the Python tells (Odoo 11 runs on 3.7 at most, the versions with slots this serves on 3.10 and later).
    """
    base = getattr(sys.modules.get("odoo.models"), "BaseModel", None)
    slotted = "__slots__" in vars(base) if base is not None else sys.version_info >= (3, 10)
    return () if slotted else ("__dict__", "__weakref__")


RECORD_SLOTS = record_slots()
SUPERUSER_ID = 1


def through_engine(records):
    """``records`` in the gate's hands: they may write the follow-up's protected fields."""
    return records.with_context(**{ENGINE_KEY: _ENGINE_TOKEN})


def is_engine(records):
    return records.env.context.get(ENGINE_KEY) is _ENGINE_TOKEN


@contextmanager
def retry_safe(env):
    """Odoo retries an RPC call that met a concurrent update or a deadlock, in the same environments: what the
    failed try left to recompute would then run on its closed cursor ("Unable to use a closed cursor"). On such
    an error the environments are cleared, so the retry starts clean; other errors are left as they are (the
    caller may catch them and go on)."""
    from psycopg2 import OperationalError  # only where Odoo runs: the core's own tests have no database
    try:
        yield
    except OperationalError:
        env.clear()
        raise


class OdooStore(object):
    """What the gate asks of Odoo. ``env`` is the environment the gate acts in (the user's, or the job's)."""

    def __init__(self, env):
        self.env = env

    # ------------------------------------------------------------------------ who acts, in what language

    def lang(self):
        """The acting user's language, for what the follow-up says to them."""
        raise NotImplementedError

    def error(self, refusal):
        """The Odoo error dialog that says ``refusal`` in the user's language."""
        raise NotImplementedError

    def refuse_on(self, check, *args):
        """Runs a core ``check``; a refusal becomes this version's error dialog."""
        try:
            return check(*args)
        except Refusal as refusal:
            raise self.error(refusal)

    def current_user(self):
        return self.env.user

    def default_company(self):
        raise NotImplementedError

    def is_manager(self):
        return self.env.uid == SUPERUSER_ID or self.env.user.has_group(MANAGER_GROUP)

    def user(self, user_id):
        return self.env["res.users"].sudo().browse(user_id)

    def customer_lang(self, lead):
        return self.env["jewellery.followup.script"].customer_lang(lead)

    def check_access(self, records, mode):
        raise NotImplementedError

    # --------------------------------------------------------------------------------- records

    @staticmethod
    def sudo(records):
        return records.sudo()

    def as_caller(self, records):
        return records.with_env(self.env)

    @staticmethod
    def in_lang(records, lang):
        return records.with_context(lang=lang)

    def leads(self, ids):
        return self.env["crm.lead"].with_context(prefetch_fields=False).browse(ids)

    def default_chain(self, company):
        return self.env["jewellery.followup.chain"]._default_for_company(company)

    def attempts_of_leads(self, leads):
        return self.env["jewellery.followup.attempt"].sudo().search([("lead_id", "in", leads.ids)])

    def open_attempts_of_activities(self, activities):
        return self.env["jewellery.followup.attempt"].sudo().search([
            ("activity_id", "in", activities.ids), ("state", "=", "scheduled")])

    def existing_activities(self, attempts):
        """Ids of the activities the attempts hold, archived ones included."""
        return attempts.mapped("activity_id").with_context(active_test=False).exists().ids

    def running_leads_to_check(self, horizon):
        """Running chains whose lead was won, closed or opted out, or whose occasion may have passed."""
        return self.env["crm.lead"].with_context(active_test=False).search([
            ("followup_state", "=", "running"),
            "|", "|", "|", ("probability", ">=", 100), ("active", "=", False), ("opt_out", "=", True),
            ("occasion_date", "<", horizon.isoformat())])

    # ------------------------------------------------------------------------------ after the sale

    def won_lead_ids_to_plan(self):
        return [row[0] for row in self.fetch(sql.WON_LEADS_TO_PLAN)]

    def claim_won_leads(self, lead_ids):
        """The leads of ``lead_ids`` still unplanned, locked for this run (those another run holds are skipped)."""
        claimed = [row[0] for row in self.fetch(sql.CLAIM_WON_LEADS, (tuple(lead_ids),))] if lead_ids else []
        leads = self.leads(claimed)
        self.invalidate(leads, ["aftersale_planned"])
        return leads

    def due_touch_ids(self, horizon):
        return [row[0] for row in self.fetch(sql.DUE_TOUCHES, (horizon,))]

    def claim_touches(self, touch_ids):
        """The touches of ``touch_ids`` still planned, locked for this run (those another run holds are skipped)."""
        if not touch_ids:
            return self.env["jewellery.aftersale.touch"].sudo()
        claimed = [row[0] for row in self.fetch(sql.CLAIM_TOUCHES, (tuple(touch_ids),))]
        touches = self.env["jewellery.aftersale.touch"].sudo().browse(claimed)
        self.invalidate(touches)
        return touches

    def open_touches_of_activities(self, activities):
        return self.env["jewellery.aftersale.touch"].sudo().search([
            ("activity_id", "in", activities.ids), ("state", "=", "scheduled")])

    def open_attempts_of_leads(self, leads):
        return self.env["jewellery.followup.attempt"].sudo().search([
            ("lead_id", "in", leads.ids), ("state", "=", "scheduled")])

    def open_touches_of_leads(self, leads):
        return self.env["jewellery.aftersale.touch"].sudo().search([
            ("lead_id", "in", leads.ids), ("state", "in", ("planned", "scheduled"))])

    def touches_of_leads(self, leads):
        return self.env["jewellery.aftersale.touch"].sudo().search([("lead_id", "in", leads.ids)])

    def open_touches_of_customers(self, partners):
        if not partners.ids:
            return self.env["jewellery.aftersale.touch"].sudo()
        ids = [row[0] for row in self.fetch(sql.OPEN_TOUCHES_OF_CUSTOMERS, (tuple(partners.ids),))]
        return self.env["jewellery.aftersale.touch"].sudo().browse(ids)

    def today_of_user(self):
        """The store's today for the acting user (their time zone, else their company's)."""
        return clock.store_today(clock.store_tz(self.env.user.tz, self.default_company().partner_id.tz))

    def last_other_touch_day(self, lead):
        """The day of the customer's latest touch outside this lead's own chain (their other leads' attempts, the
        after-sale touches), or None."""
        [(day,)] = self.fetch(sql.LAST_OTHER_TOUCH, self.customer_params(lead))
        return clock.as_date(day)

    def customer_wishes(self, lead):
        """(wish id, piece) of what the lead's customer was shown on their other leads and did not buy."""
        return self.fetch(sql.CUSTOMER_WISHES, self.customer_params(lead))

    def customer_wish_ids(self, lead):
        return [wish_id for wish_id, _piece in self.customer_wishes(lead)]

    def partner_wish_ids(self, partner):
        email = (partner.email or "").strip().lower() or None
        return [row[0] for row in self.fetch(sql.PARTNER_WISHES, {"partner": partner.id, "email": email})]

    @staticmethod
    def customer_params(lead):
        return {"lead": lead.id, "partner": lead.partner_id.id or None, "email": facts.customer_email(lead)}

    def contact_facts(self, lead):
        """What the contact rules read of the lead's customer (``aftersale.ContactFacts``)."""
        partner = lead.partner_id
        touches = self.fetch(sql.CUSTOMER_TOUCHES, self.customer_params(lead))
        return aftersale.ContactFacts(
            opt_out=bool(lead.opt_out or getattr(partner, "opt_out", False)),
            blacklisted=bool(getattr(lead, "is_blacklisted", False) or getattr(partner, "is_blacklisted", False)),
            no_contact_after_sale=bool(partner.no_contact_after_sale),
            last_touch_day=facts.day(touches[0][0]) if touches else None,
            unanswered_in_a_row=aftersale.unanswered_in_a_row(
                [outcome for _day, state, outcome in touches if state == "done"]))

    def create(self, model, values):
        """A record the engine writes (its protected fields open), as the superuser."""
        return through_engine(self.env[model].sudo()).create(values)

    def activity_type_id(self, xmlid):
        return self.env.ref(xmlid).id

    # ---------------------------------------------------------------------------------- writing

    def write(self, records, values, tracked=True, engine=True):
        """Writes ``values``; through the gate (protected fields open) unless ``engine`` is False."""
        if not records:
            return True
        if engine:
            records = through_engine(records)
        if not tracked:
            records = records.with_context(tracking_disable=True)
        return records.write(values)

    def post(self, record, body):
        record.message_post(body=body)

    def delete_activities(self, activities):
        activities.unlink()

    def set_won(self, lead):
        lead.action_set_won()

    def create_showing(self, lead, values):
        raise NotImplementedError

    def close_attempt(self, attempt, values):
        raise NotImplementedError

    def set_lost(self, lead, reason_xmlid, values):
        raise NotImplementedError

    def schedule(self, plans):
        raise NotImplementedError

    def create_activities(self, rows):
        """One activity per row on its lead (``lead``, ``activity_type_id``, ``summary``, ``note``, ``date``,
        ``user``), as Odoo's ``mail.activity.create`` leaves it; returns their ids in order."""
        raise NotImplementedError

    def post_started(self, plans, states_before, bodies):
        raise NotImplementedError

    # --------------------------------------------------------------------- the gate's queries in SQL

    def open_touch_loads(self, user_ids, excluding=()):
        """{user id: open touches} of ``user_ids``, the attempts ``excluding`` not counted."""
        return dict(self.fetch(sql.OPEN_TOUCHES_PER_USER, (sql.ids_param(user_ids), sql.ids_param(excluding))))

    def due_lead_ids(self, horizon):
        return [row[0] for row in self.fetch(sql.RUNNING_DUE, (horizon,))]

    def claim_due(self, lead_ids):
        """The leads of ``lead_ids`` still due, locked for this run; those another run or a user is writing are
        skipped (they are due again at the next run), so nobody waits for the job."""
        return [row[0] for row in self.fetch(sql.CLAIM_DUE, (sql.ids_param(lead_ids),))]

    def leads_with_open_attempt(self, lead_ids):
        return {row[0] for row in self.fetch(sql.LEADS_WITH_OPEN_ATTEMPT, (sql.ids_param(lead_ids),))}

    def clear_due(self, lead_ids):
        self.execute(sql.CLEAR_DUE, (tuple(lead_ids),))
        self.invalidate(self.leads(lead_ids), ["followup_next_date"])

    def renumber(self, head, ordered):
        """The attempts ``ordered`` become the head's, numbered from 1 in that order."""
        self.flush()
        self.execute(sql.SET_ASIDE_NUMBERS, (sql.ids_param(ordered.ids),))
        for number, attempt in enumerate(ordered, 1):
            self.execute(sql.RENUMBER, (head.id, number, attempt.id))

    def move_activities(self, head, attempts):
        moved = self.existing_activities(attempts)
        if moved:
            self.execute(sql.MOVE_ACTIVITIES, (head.id, tuple(moved)))

    # ------------------------------------------------------------------------- SQL and the cache

    def lock_leads(self, leads):
        if leads.ids:
            self.execute(sql.LOCK_LEADS, (tuple(leads.ids),))

    def execute(self, query, params=None):
        self.env.cr.execute(query, params)

    def fetch(self, query, params=None):
        self.flush()
        self.env.cr.execute(query, params)
        return self.env.cr.fetchall()

    def flush(self):
        """Writes what the ORM still holds, before SQL reads it."""

    def invalidate(self, records, fnames=None):
        raise NotImplementedError

    def invalidate_all(self):
        raise NotImplementedError

    def after_sql_moves(self, leads):
        """Attempts and activities moved between ``leads`` in SQL: what the ORM holds of them is stale."""
        self.invalidate_all()

    @contextmanager
    def savepoint(self):
        with self.env.cr.savepoint():
            yield

    def commit(self):
        self.env.cr.commit()  # pylint: disable=invalid-commit

    def rollback(self):
        self.env.cr.rollback()
        self.invalidate_all()
