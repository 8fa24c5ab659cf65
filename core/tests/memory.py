"""A store in memory, to drive the core's gate in plain pytest: records with the attributes and the few recordset
operations the core reads (``filtered``, ``mapped``, ``sorted``, ``|``...), and a ``Store`` that keeps what the
gate writes in dicts. It is the seam's other side, not Odoo: the addons' own suites prove the real one."""
import itertools
from contextlib import contextmanager

from jewellery_followup_core import course

# model: {field: comodel} for many2one fields; one2many fields: (comodel, inverse field)
MANY2ONE = {
    "crm.lead": {"user_id": "res.users", "company_id": "res.company", "partner_id": "res.partner",
                 "followup_chain_id": "jewellery.followup.chain", "country_id": "res.country",
                 "state_id": "res.country.state"},
    "res.users": {"partner_id": "res.partner"},
    "res.company": {"partner_id": "res.partner", "resource_calendar_id": "resource.calendar"},
    "res.partner": {"country_id": "res.country", "state_id": "res.country.state"},
    "jewellery.followup.step": {"chain_id": "jewellery.followup.chain"},
    "jewellery.followup.chain": {"assign_user_id": "res.users", "assign_team_id": "crm.team"},
    "jewellery.followup.attempt": {"lead_id": "crm.lead", "chain_id": "jewellery.followup.chain",
                                   "step_id": "jewellery.followup.step", "user_id": "res.users",
                                   "activity_id": "mail.activity"},
    "mail.activity": {"user_id": "res.users"},
}
ONE2MANY = {
    "crm.lead": {"followup_attempt_ids": ("jewellery.followup.attempt", "lead_id")},
    "jewellery.followup.chain": {"step_ids": ("jewellery.followup.step", "chain_id")},
}
MANY2MANY = {"res.users": {"company_ids": "res.company"}, "crm.team": {"member_ids": "res.users"},
             "resource.calendar": {"attendance_ids": "resource.attendance", "global_leave_ids": "resource.leave"}}
ORDER = {"jewellery.followup.step": lambda row: (row.get("sequence", 10), row["id"]),
         "jewellery.followup.attempt": lambda row: (row["lead_id"], row["attempt_no"])}


class Database(object):
    def __init__(self):
        self.tables = {}
        self.ids = itertools.count(1)
        self.messages = []  # (lead id, text)
        self.events = []

    def create(self, model, **values):
        row = dict(values, id=next(self.ids))
        self.tables.setdefault(model, {})[row["id"]] = row
        return Records(self, model, [row["id"]])

    def rows(self, model):
        return self.tables.setdefault(model, {})


class Records(object):
    """An Odoo-like recordset over the database's rows."""

    def __init__(self, db, model, ids):
        self.db, self._name, self.ids = db, model, list(dict.fromkeys(ids))

    # recordset operations
    def __iter__(self):
        return (Records(self.db, self._name, [record_id]) for record_id in self.ids)

    def __len__(self):
        return len(self.ids)

    def __bool__(self):
        return bool(self.ids)

    def __eq__(self, other):
        return isinstance(other, Records) and self._name == other._name and self.ids == other.ids

    def __hash__(self):
        return hash((self._name, tuple(self.ids)))

    def __or__(self, other):
        return Records(self.db, self._name, self.ids + other.ids)

    def __sub__(self, other):
        return Records(self.db, self._name, [i for i in self.ids if i not in other.ids])

    def __contains__(self, record):
        return bool(record) and record.ids[0] in self.ids

    def __getitem__(self, index):
        if isinstance(index, slice):
            return Records(self.db, self._name, self.ids[index])
        return Records(self.db, self._name, [self.ids[index]])

    def browse(self, ids=()):
        return Records(self.db, self._name, [ids] if isinstance(ids, int) else list(ids))

    def filtered(self, function):
        return Records(self.db, self._name, [record.id for record in self if function(record)])

    def sorted(self, key=None):
        key = key or (lambda record: record.id)
        if isinstance(key, str):
            name = key
            key = lambda record: getattr(record, name)  # noqa: E731
        return Records(self.db, self._name, [record.id for record in sorted(self, key=key)])

    def mapped(self, name):
        values = [getattr(record, name) for record in self]
        if name in MANY2ONE.get(self._name, {}) or name in ONE2MANY.get(self._name, {}):
            comodel = MANY2ONE.get(self._name, {}).get(name) or ONE2MANY[self._name][name][0]
            return Records(self.db, comodel, [i for value in values for i in value.ids])
        return values

    def exists(self):
        return Records(self.db, self._name, [i for i in self.ids if i in self.db.rows(self._name)])

    # fields
    @property
    def id(self):
        return self.ids[0] if self.ids else False

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        comodel = MANY2ONE.get(self._name, {}).get(name)
        if name in ONE2MANY.get(self._name, {}):
            comodel, inverse = ONE2MANY[self._name][name]
            rows = sorted((row for row in self.db.rows(comodel).values() if row.get(inverse) in self.ids),
                          key=ORDER.get(comodel, lambda row: row["id"]))
            return Records(self.db, comodel, [row["id"] for row in rows])
        if name in MANY2MANY.get(self._name, {}):
            return Records(self.db, MANY2MANY[self._name][name], self._row().get(name, []) if self else [])
        if not self:
            return Records(self.db, comodel, []) if comodel else False
        value = self._row().get(name, False)
        if comodel:
            return Records(self.db, comodel, [value] if value else [])
        return value

    def _row(self):
        assert len(self.ids) == 1, "expected a single record of %s, got %s" % (self._name, self.ids)
        return self.db.rows(self._name)[self.ids[0]]

    def write(self, values):
        for record_id in self.ids:
            self.db.rows(self._name)[record_id].update(values)


class Store(object):
    """The in-memory side of ``jewellery_followup_core.odoo_store.OdooStore``."""

    def __init__(self, db, user, company, manager=False, lang="en_US"):
        self.db, self.acting_user, self.company, self.manager, self.language = db, user, company, manager, lang

    def lang(self):
        return self.language

    def error(self, refusal):
        return refusal

    def refuse_on(self, check, *args):
        return check(*args)

    def current_user(self):
        return self.acting_user

    def default_company(self):
        return self.company

    def is_manager(self):
        return self.manager

    def user(self, user_id):
        return Records(self.db, "res.users", [user_id])

    def customer_lang(self, lead):
        return lead.partner_id.lang or "en_US"

    def check_access(self, records, mode):
        pass

    @staticmethod
    def sudo(records):
        return records

    def as_caller(self, records):
        return records

    @staticmethod
    def in_lang(records, lang):
        return records

    def leads(self, ids):
        return Records(self.db, "crm.lead", ids)

    def default_chain(self, company):
        chains = [row["id"] for row in self.db.rows("jewellery.followup.chain").values()]
        return Records(self.db, "jewellery.followup.chain", chains[:1])

    def _attempts(self, test):
        rows = self.db.rows("jewellery.followup.attempt").values()
        return Records(self.db, "jewellery.followup.attempt", [row["id"] for row in rows if test(row)])

    def attempts_of_leads(self, leads):
        return self._attempts(lambda row: row["lead_id"] in leads.ids)

    def open_attempts_of_activities(self, activities):
        return self._attempts(lambda row: row["state"] == "scheduled" and row.get("activity_id") in activities.ids)

    def existing_activities(self, attempts):
        return attempts.mapped("activity_id").exists().ids

    def running_leads_to_check(self, horizon):
        return Records(self.db, "crm.lead", [row["id"] for row in self.db.rows("crm.lead").values()
                                             if row["followup_state"] == "running"])

    def write(self, records, values, tracked=True, engine=True):
        if records._name == "crm.lead" and "followup_contact_count" in values:
            for lead in records:
                if values["followup_contact_count"] < lead.followup_contact_count:
                    raise ValueError("the count of contacts made cannot go down")
        records.write(values)

    def post(self, record, body):
        for record_id in record.ids:
            self.db.messages.append((record_id, str(body)))

    def delete_activities(self, activities):
        for activity_id in activities.ids:
            self.db.rows("mail.activity").pop(activity_id, None)

    def set_won(self, lead):
        lead.write({"probability": 100})

    def set_lost(self, lead, reason_xmlid, values):
        lead.write(dict(values, active=False, probability=0, lost_reason=reason_xmlid))

    def create_showing(self, lead, values):
        self.db.events.append(dict(values, lead_id=lead.id))

    def close_attempt(self, attempt, values):
        self.delete_activities(attempt.activity_id)
        attempt.write(dict(values, activity_id=False))

    def schedule(self, plans):
        for plan in plans:
            lead = plan["lead"]
            made = lead.followup_contact_count + 1
            if made > course.MAX_CONTACTS or plan["attempt_no"] != made:
                raise ValueError("the database refuses attempt %s of lead %s" % (plan["attempt_no"], lead.id))
            if lead.followup_attempt_ids.filtered(lambda attempt: attempt.state == "scheduled"):
                raise ValueError("lead %s already has an open attempt" % lead.id)
            activity = self.db.create("mail.activity", user_id=plan["user"].id, date_deadline=plan["date"],
                                      note=plan["note"])
            self.db.create("jewellery.followup.attempt", lead_id=lead.id, chain_id=plan["step"].chain_id.id,
                           step_id=plan["step"].id, attempt_no=plan["attempt_no"], kind=plan["step"].kind,
                           summary=plan["step"].summary, user_id=plan["user"].id, state="scheduled",
                           date_scheduled=plan["date"], activity_id=activity.id, script_text=plan["script_text"])
            lead.write({"followup_contact_count": made})

    def post_started(self, plans, states_before, bodies):
        for plan, body in zip(plans, bodies):
            self.post(plan["lead"], body)

    def lock_leads(self, leads):
        pass

    def open_touch_loads(self, user_ids, excluding=()):
        loads = {}
        for row in self.db.rows("jewellery.followup.attempt").values():
            if row["state"] == "scheduled" and row["user_id"] in user_ids and row["id"] not in excluding:
                loads[row["user_id"]] = loads.get(row["user_id"], 0) + 1
        return loads

    def due_lead_ids(self, horizon):
        return sorted(row["id"] for row in self.db.rows("crm.lead").values()
                      if row["followup_state"] == "running" and row.get("followup_next_date")
                      and row["followup_next_date"] <= horizon)

    def claim_due(self, lead_ids):
        return [lead_id for lead_id in lead_ids if self.db.rows("crm.lead")[lead_id]["followup_state"] == "running"
                and self.db.rows("crm.lead")[lead_id].get("followup_next_date")]

    def leads_with_open_attempt(self, lead_ids):
        return {row["lead_id"] for row in self.db.rows("jewellery.followup.attempt").values()
                if row["state"] == "scheduled" and row["lead_id"] in lead_ids}

    def clear_due(self, lead_ids):
        self.leads(lead_ids).write({"followup_next_date": False})

    def renumber(self, head, ordered):
        for number, attempt in enumerate(ordered, 1):
            if attempt.lead_id != head:
                head.write({"followup_contact_count": head.followup_contact_count + 1})
            attempt.write({"lead_id": head.id, "attempt_no": number})

    def move_activities(self, head, attempts):
        pass

    def flush(self):
        pass

    def invalidate(self, records, fnames=None):
        pass

    def invalidate_all(self):
        pass

    def after_sql_moves(self, leads):
        pass

    @contextmanager
    def savepoint(self):
        yield

    def commit(self):
        pass

    def rollback(self):
        pass
