# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The seam between the lead import's flow (``importing.Batch``) and Odoo: ``OdooImportStore`` reads, checks and
writes what a call of ``import_batch`` asks for, with the caller's rights.

Each version's import model subclasses it (with that version's ``store.Store``) for what its Odoo spells its own
way: which fields a user types, its company rule, its errors, its savepoints and recomputations. What every
supported Odoo version spells the same is written here once. It imports no Odoo: it is handed an environment.
"""
from contextlib import contextmanager
from urllib.parse import quote, unquote

from .importing import IMPORT_MODULE, FIELD_ATTRIBUTES, QUIET_CONTEXT, DryRunRollback, settable
from .odoo_store import SUPERUSER_ID, OdooStore

FIND_EXTERNAL_IDS = """
    SELECT d.name, d.model, l.id
      FROM ir_model_data d
      LEFT JOIN crm_lead l ON d.model = 'crm.lead' AND l.id = d.res_id
     WHERE d.module = %s AND d.name IN %s
"""
# Odoo 11's ir_model_data also has date_init and date_update (``dated``).
BIND_EXTERNAL_IDS = """
    INSERT INTO ir_model_data (module, name, model, res_id, noupdate, create_uid, write_uid, create_date,
                               write_date{dates})
    VALUES %s
    ON CONFLICT (module, name) DO UPDATE
       SET res_id = EXCLUDED.res_id, write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date{updates}
     WHERE ir_model_data.model = 'crm.lead'
       AND NOT EXISTS (SELECT 1 FROM crm_lead WHERE crm_lead.id = ir_model_data.res_id)
    RETURNING xmax = 0
"""
NOW = "now() at time zone 'UTC'"


def bind_query(dated):
    """The statement that binds external ids, and its rows' template."""
    query = BIND_EXTERNAL_IDS.format(dates=", date_init, date_update" if dated else "",
                                     updates=", date_update = EXCLUDED.date_update" if dated else "")
    template = "(%s, %s, %s, %s, %s, %s, %s, {now}, {now}{dates})".format(
        now=NOW, dates=(", %s, %s" % (NOW, NOW)) if dated else "")
    return query, template


class OdooImportStore(OdooStore):
    """What ``importing.Batch`` asks of Odoo, as the caller (``env``)."""

    # the version's AccessError, whether its ir_model_data has date_init and date_update, and whether its
    # ``create`` takes a list of leads
    access_error = None
    dated_external_ids = False
    creates_in_bulk = True

    # ------------------------------------------------------------------------------------------ the version

    def typed_by_user(self, field):
        """Whether a stored, writable field is one a user types (not one Odoo computes)."""
        raise NotImplementedError

    def may_see(self, groups):
        """Whether the caller belongs to a field's ``groups``."""
        raise NotImplementedError

    def company_domain(self):
        """The leads of the caller's companies (Odoo's rule on its other multi-company records)."""
        raise NotImplementedError

    def error_text(self, error):
        """The message of Odoo's UserError (ValidationError too) or of the database's error, or None."""
        from psycopg2 import Error  # only where Odoo runs: the core's own tests have no database
        if isinstance(error, Error):
            return (error.pgerror or str(error)).strip().splitlines()[0]
        return None

    def same_number(self, first, second, decimals):
        """Odoo's ``float_compare(first, second, precision_digits=decimals) == 0``."""
        raise NotImplementedError

    def clear_external_id_cache(self):
        raise NotImplementedError

    @contextmanager
    def writing(self, to_write):
        """Around the writes of one chunk; yields the context manager each row is written in (a savepoint)."""
        raise NotImplementedError

    # -------------------------------------------------------------------------------- the fields and the users

    def lead_model(self):
        return self.env["crm.lead"].with_context(**QUIET_CONTEXT)

    def importable_fields(self):
        """Names of the crm.lead fields a row may set (the import command checks its columns against them)."""
        return sorted(
            name for name, field in self.env["crm.lead"]._fields.items()
            if field.store and not field.readonly and settable(name, field.type) and self.typed_by_user(field)
            and (not field.groups or self.may_see(field.groups)))

    def describe(self, names):
        """``fields_get`` of the fields ``names``, what the checks read of them."""
        if not names:
            return {}
        return self.env["crm.lead"].fields_get(sorted(names), attributes=FIELD_ATTRIBUTES)

    def visible_users(self, user_ids):
        """The ids among ``user_ids`` of the active users the caller can see."""
        return set(self.env["res.users"].search([("id", "in", list(user_ids))]).ids)

    def user_name(self, user_id):
        return self.env["res.users"].browse(user_id).name

    def money_decimals(self):
        return self.default_company().currency_id.decimal_places

    # ------------------------------------------------------------------------------------------ the leads

    def find_existing(self, external_ids):
        """``({external_id: lead id}, {external ids used by another model})`` for the ids already bound.

        An id whose lead was deleted is in neither: it is free again (see ``bind_external_ids``). Plain SQL because
        it must see every binding, including those of leads the caller cannot read; what the caller may do with
        them is decided by ``leads_the_caller_may_change``.
        """
        names = {quote(xid, safe="") for xid in external_ids if xid}
        if not names:
            return {}, set()
        existing, foreign = {}, set()
        for name, model, lead_id in self.fetch(FIND_EXTERNAL_IDS, (IMPORT_MODULE, tuple(names))):
            if lead_id:
                existing[unquote(name)] = lead_id
            elif model != "crm.lead":
                foreign.add(unquote(name))
        return existing, foreign

    def leads_the_caller_may_change(self, lead_ids):
        """The ids among ``lead_ids`` that the caller may read and write, as Odoo decides it.

        Odoo's access rights on crm.lead, its read rules (a ``search`` applies them) and its write rules, archived
        leads included; on top of them, the leads of the caller's companies only (``company_domain``): an import
        never lets a user of one store reach another store's leads through a shared external id. The superuser
        passes every rule, as everywhere in Odoo.
        """
        if not lead_ids:
            return set()
        access = self.env["ir.model.access"]
        if not (access.check("crm.lead", "read", raise_exception=False)
                and access.check("crm.lead", "write", raise_exception=False)):
            return set()
        domain = [("id", "in", list(lead_ids))]
        if self.env.uid != SUPERUSER_ID:
            domain = self.company_domain() + domain
        visible = self.lead_model().with_context(active_test=False).search(domain)
        if self.may_write(visible):
            return set(visible.ids)
        # some of them are refused: find which, one query each
        return {lead.id for lead in visible if self.may_write(lead)}

    def may_write(self, leads):
        try:
            self.check_access(leads, "write")
        except self.access_error:
            return False
        return True

    def read_current(self, to_write):
        """{lead id: {field: value}} of the leads to update, read in one go (as the caller) to skip unchanged
        rows."""
        lead_ids = {lead_id for _result, _values, lead_id in to_write if lead_id}
        names = set()
        for _result, values, lead_id in to_write:
            if lead_id:
                names.update(values)
        if not lead_ids or not names:
            return {}
        leads = self.lead_model().with_context(active_test=False).browse(lead_ids)
        return {record["id"]: record for record in leads.read(sorted(names))}

    def create_lead(self, values):
        return self.lead_model().create(dict(values)).id

    def create_leads(self, values_list):
        """The ids of new leads, created in one call, in the order of ``values_list``."""
        return self.lead_model().create([dict(values) for values in values_list]).ids

    def update_lead(self, lead_id, values):
        self.lead_model().browse(lead_id).write(values)

    def bind_external_ids(self, bindings):
        """Records the external ids of the leads this call created, in one statement; returns one row per id bound.

        Written by the server on the caller's behalf, like the external ids Odoo itself removes with ``sudo()``
        when a record is deleted, and with the same reach as the caller: a binding is only written for a lead the
        caller has just created through the ORM (so with their create rights and record rules), never moves an
        external id whose lead exists (re-pointing is an update, which goes through the ORM as the caller or is
        refused), and takes over only an id of this module whose lead no longer exists. So it needs no rights on
        ir.model.data (in Odoo 11 salespeople may create ir.model.data rows, not change them), and gives nobody
        anything they could not do through the ORM. Plain SQL: the ORM's create, one per lead, costs a good part
        of the lead's own create. A concurrent call binding the same id makes PostgreSQL raise a serialization
        failure, and Odoo retries the whole call, which then finds the id.
        """
        if not bindings:
            return []
        from psycopg2.extras import execute_values
        self.flush()
        query, template = bind_query(self.dated_external_ids)
        bound = execute_values(self.env.cr, query, [
            (IMPORT_MODULE, quote(external_id, safe=""), "crm.lead", lead_id, True, self.env.uid, self.env.uid)
            for external_id, lead_id in bindings], template=template, page_size=len(bindings), fetch=True)
        if not all(row[0] for row in bound):  # ir.model.data caches the lookups of external ids
            self.clear_external_id_cache()
        return bound

    # ------------------------------------------------------------------------------------ the follow-up

    def running_leads(self, lead_ids):
        leads = self.env["crm.lead"].browse(lead_ids)
        return set(leads.filtered(lambda lead: lead.followup_state == "running").ids)

    def start_followup(self, lead_ids):
        """{lead id: why not} of the leads whose chain the gate refused to start."""
        leads = self.env["crm.lead"].browse(lead_ids)
        return self.env["jewellery.followup.engine"]._start(leads, raise_on_error=False)

    # ------------------------------------------------------------------------------------ errors and dry runs

    def caused_by_access_error(self, error):
        """Whether ``error`` is an AccessError or was raised while handling one (the check of a constraint that
        reads the new lead wraps the read rule's refusal in a ValidationError)."""
        seen = set()
        while error is not None and id(error) not in seen:
            if isinstance(error, self.access_error):
                return True
            seen.add(id(error))
            error = error.__cause__ or error.__context__
        return False

    @staticmethod
    def is_serialization_failure(error):
        from psycopg2.extensions import TransactionRollbackError
        return isinstance(error, TransactionRollbackError)

    def rolled_back(self, work):
        """What ``work()`` returns, everything it wrote rolled back (a dry run)."""
        try:
            with self.env.cr.savepoint():
                raise DryRunRollback(work())
        except DryRunRollback as rollback:
            self.invalidate_all()  # the cache still holds what the savepoint rolled back
            return rollback.results
