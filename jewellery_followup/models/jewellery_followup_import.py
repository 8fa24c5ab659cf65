# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Server side of the lead import tool: one RPC call per chunk of rows.

Each row is created or updated in its own savepoint, so a bad row costs only itself (Odoo's own ``load``
rolls back its whole chunk). Rows are keyed by an external id kept in ``ir.model.data`` under the module
name ``jewellery_followup_import``: running the same file again updates instead of duplicating.
"""
import logging
from urllib.parse import quote, unquote

import psycopg2
import psycopg2.extensions
from psycopg2.extras import execute_values

from odoo import _, api, fields, models
from odoo.exceptions import UserError, except_orm
from odoo.tools import float_compare

_logger = logging.getLogger(__name__)

IMPORT_MODULE = "jewellery_followup_import"
MAX_ROWS_PER_CALL = 5000
# Field types a row may set directly; many2one only for the salesperson.
SIMPLE_TYPES = ("char", "text", "selection", "date", "datetime", "boolean",
                "integer", "float", "monetary")
MANY2ONE_FIELDS = ("user_id",)
# Imported leads make no chatter noise: no "Lead created" message, no follower, no tracking.
QUIET_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    # stored computed fields (day_open, day_close, activity_date_deadline) are recomputed once per chunk,
    # in a few grouped UPDATEs, instead of three UPDATEs per lead
    "recompute": False,
}


class DryRunRollback(Exception):
    """Raised at the end of a dry run so that its savepoint rolls everything back."""

    def __init__(self, results):
        super().__init__("dry run")
        self.results = results


class JewelleryFollowupImport(models.AbstractModel):
    _name = "jewellery.followup.import"
    _description = "Jewellery lead import (batch entry point for RPC)"

    @api.model
    def importable_fields(self):
        """Names of the crm.lead fields a row may set (the import tool checks its columns against them)."""
        lead_fields = self.env["crm.lead"]._fields
        return sorted(
            name for name, field in lead_fields.items()
            if field.store and not field.readonly and (not field.compute or field.inverse)
            and name not in models.MAGIC_COLUMNS and name != "id"
            and (field.type in SIMPLE_TYPES or name in MANY2ONE_FIELDS))

    @api.model
    def import_batch(self, rows, start_followup=False, dry_run=False):
        """Create or update one chunk of leads.

        :param rows: list of dicts ``{"line": int, "external_id": str, "values": {field: value}}``; values
            are in RPC form (selection keys, ISO dates, numbers, booleans, ``user_id`` as a user id).
        :param start_followup: start the follow-up chain of every lead that landed; refusals (three
            attempts already, occasion passed) are reported per row.
        :param dry_run: do everything, report it, then roll it all back.
        :return: one dict per row, in order: ``line``, ``external_id``, ``status`` (created, updated,
            unchanged, failed), ``id``, ``message``, and with ``start_followup`` also ``followup``
            (started, running, refused) and ``followup_message``.
        """
        if not isinstance(rows, list) or len(rows) > MAX_ROWS_PER_CALL:
            raise UserError(_("import_batch takes a list of at most %(max)s rows.") % {
                "max": MAX_ROWS_PER_CALL})
        # clear_upon_failure: the recomputations this call defers must not outlive it (when Odoo retries
        # the call after a serialization failure, they would point to the closed cursor)
        if not dry_run:
            with self.env.clear_upon_failure():
                return self._import_rows(rows, start_followup)
        try:
            with self.env.cr.savepoint(), self.env.clear_upon_failure():
                raise DryRunRollback(self._import_rows(rows, start_followup))
        except DryRunRollback as rollback:
            return rollback.results

    # ------------------------------------------------------------------
    # the work of one chunk
    # ------------------------------------------------------------------
    def _import_rows(self, rows, start_followup):
        lead_model = self.env["crm.lead"].with_context(**QUIET_CONTEXT)
        allowed = set(self.importable_fields())
        results = []
        prepared = []
        selections = {}
        for row in rows:
            result = {"line": row.get("line") if isinstance(row, dict) else None,
                      "external_id": row.get("external_id") if isinstance(row, dict) else None,
                      "status": "failed", "id": False, "message": ""}
            results.append(result)
            try:
                values = self._check_row(row, allowed, selections)
            except UserError as error:
                result["message"] = error.name
                continue
            prepared.append((result, values))

        existing = self._find_existing([result["external_id"] for result, _values in prepared])
        current = self._read_current(lead_model, existing, prepared)
        defaults = self._chunk_defaults(lead_model, prepared)
        bindings = []
        for result, values in prepared:
            self._import_row(lead_model, result, values, existing, current, defaults, bindings)
        self._bind_external_ids(bindings)
        self.env["crm.lead"].recompute()
        if start_followup:
            self._start_followup(results)
        return results

    def _check_row(self, row, allowed, selections):
        """The row's values checked and converted for the ORM; UserError names the field."""
        if not isinstance(row, dict) or not isinstance(row.get("values"), dict):
            raise UserError(_("A row must be a dict with its values under \"values\"."))
        external_id = row.get("external_id")
        if external_id is not None and not (isinstance(external_id, str) and external_id.strip()):
            raise UserError(_("external_id: must be a non-empty text when given."))
        lead_fields = self.env["crm.lead"]._fields
        values = {}
        for name, value in row["values"].items():
            if name not in allowed:
                raise UserError(_("%(field)s: not a crm.lead field the import can set.") % {"field": name})
            values[name] = self._check_value(lead_fields[name], value, selections)
        if not values.get("name"):
            raise UserError(_("name: required (the lead's title)."))
        return values

    def _check_value(self, field, value, selections):
        if value is None or value is False:
            return False
        kind = field.type
        problem = None
        if kind == "selection":
            if field.name not in selections:
                selections[field.name] = {key for key, _label in field._description_selection(self.env)}
            if value not in selections[field.name]:
                problem = _("unknown value %(value)r") % {"value": value}
        elif kind in ("char", "text"):
            if not isinstance(value, str):
                problem = _("expects text")
        elif kind == "date":
            try:
                fields.Date.from_string(value)
            except (TypeError, ValueError):
                problem = _("%(value)r is not a date in ISO form (YYYY-MM-DD)") % {"value": value}
        elif kind == "datetime":
            try:
                fields.Datetime.from_string(value)
            except (TypeError, ValueError):
                problem = _("%(value)r is not a date and time (YYYY-MM-DD HH:MM:SS)") % {"value": value}
        elif kind == "boolean":
            if not isinstance(value, bool):
                problem = _("expects true or false")
        elif kind in ("integer", "many2one"):
            if isinstance(value, bool) or not isinstance(value, int):
                problem = _("expects a whole number")
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            problem = _("expects a number")
        if problem:
            raise UserError(_("%(field)s: %(problem)s") % {"field": field.name, "problem": problem})
        return value

    def _find_existing(self, external_ids):
        """{external_id: lead id} for the ids already imported, deleted leads left out."""
        names = {quote(xid, safe="") for xid in external_ids if xid}
        if not names:
            return {}
        self.env.cr.execute("""
            SELECT d.name, d.res_id
              FROM ir_model_data d
              JOIN crm_lead l ON l.id = d.res_id
             WHERE d.module = %s AND d.model = 'crm.lead' AND d.name IN %s
        """, (IMPORT_MODULE, tuple(names)))
        return {unquote(name): res_id for name, res_id in self.env.cr.fetchall()}

    def _read_current(self, lead_model, existing, prepared):
        """{lead id: {field: value}} of the leads to update, read in one go to skip unchanged rows."""
        names = set()
        for _result, values in prepared:
            names.update(values)
        if not existing or not names:
            return {}
        leads = lead_model.sudo().with_context(active_test=False).browse(set(existing.values()))
        return {record["id"]: record for record in leads.read(sorted(names))}

    def _chunk_defaults(self, lead_model, prepared):
        """Default values computed once per chunk, and the sales channel once per salesperson."""
        base = lead_model.default_get(list(lead_model._fields))
        defaults = {False: base}
        for user_id in {values.get("user_id") for _result, values in prepared} - {False, None}:
            per_user = dict(base, user_id=user_id)
            for name, value in lead_model._onchange_user_values(user_id).items():
                per_user[name] = value.id if isinstance(value, models.BaseModel) else value
            defaults[user_id] = per_user
        return defaults

    def _import_row(self, lead_model, result, values, existing, current, defaults, bindings):
        external_id = result["external_id"]
        lead_id = existing.get(external_id) if external_id else None
        # what is left to recompute for the rows before this one survives this row's failure
        todo = self.env.all.todo
        todo_before = {field: list(records) for field, records in todo.items()}
        try:
            with self.env.cr.savepoint():
                if lead_id:
                    changes = self._changes(lead_model, current.get(lead_id, {}), values)
                    if changes:
                        lead_model.browse(lead_id).write(changes)
                        current.setdefault(lead_id, {}).update(changes)
                    result.update(status="updated" if changes else "unchanged", id=lead_id)
                else:
                    vals = dict(defaults.get(values.get("user_id") or False, defaults[False]))
                    vals.update(values)
                    lead = lead_model.create(vals)
                    if external_id:
                        bindings.append((external_id, lead.id))
                        existing[external_id] = lead.id
                        current[lead.id] = dict(values, id=lead.id)
                    result.update(status="created", id=lead.id)
        except Exception as error:  # pylint: disable=broad-except
            if isinstance(error, psycopg2.extensions.TransactionRollbackError):
                # a concurrent call imported the same external id: Odoo retries the whole call, which
                # then finds it (a chunk retried after a timeout never duplicates a lead)
                raise
            self.env.cache.invalidate()
            todo.clear()
            todo.update(todo_before)
            result.update(status="failed", id=False, message=self._error_message(error))

    @api.model
    def _changes(self, lead_model, old, new):
        changes = {}
        currency = self.env.user.company_id.currency_id
        for name, value in new.items():
            field = lead_model._fields[name]
            before = old.get(name, False)
            if field.type == "many2one" and isinstance(before, (list, tuple)):
                before = before[0]
            if field.type in ("float", "monetary"):
                if field.type == "monetary":
                    digits = currency.decimal_places
                else:
                    digits = field.digits[1] if field.digits else 10
                same = float_compare(before or 0.0, value or 0.0, precision_digits=digits) == 0
            elif field.type == "boolean":
                same = bool(before) == bool(value)
            else:
                same = (before or False) == (value or False)
            if not same:
                changes[name] = value
        return changes

    def _bind_external_ids(self, bindings):
        """Records the external ids of the chunk's new leads in one statement (an id left over by a
        deleted lead is taken over). Plain SQL: the ORM's ir.model.data create, one per lead, costs a
        good part of the lead's own create. A concurrent call binding the same id makes PostgreSQL raise
        a serialization failure, and Odoo retries the whole call, which then finds the id."""
        if not bindings:
            return
        inserted = execute_values(self.env.cr, """
            INSERT INTO ir_model_data (module, name, model, res_id, noupdate, date_init, date_update,
                                       create_uid, write_uid, create_date, write_date)
            VALUES %s
            ON CONFLICT (module, name) DO UPDATE
               SET model = EXCLUDED.model, res_id = EXCLUDED.res_id, date_update = EXCLUDED.date_update,
                   write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
            RETURNING xmax = 0
        """, [(IMPORT_MODULE, quote(external_id, safe=""), "crm.lead", lead_id, True, self.env.uid, self.env.uid)
              for external_id, lead_id in bindings],
            template="(%s, %s, %s, %s, %s, now() at time zone 'UTC', now() at time zone 'UTC', %s, %s, "
                     "now() at time zone 'UTC', now() at time zone 'UTC')",
            page_size=len(bindings), fetch=True)
        if not all(row[0] for row in inserted):  # ir.model.data caches the lookups of external ids
            self.env["ir.model.data"].clear_caches()

    @api.model
    def _error_message(self, error):
        if isinstance(error, except_orm):  # UserError, ValidationError, AccessError
            return error.name
        if isinstance(error, psycopg2.Error):
            return (error.pgerror or str(error)).strip().splitlines()[0]
        _logger.warning("lead import: unexpected error on one row", exc_info=True)
        return _("Server error: %(error)s") % {"error": error}

    def _start_followup(self, results):
        landed = {result["id"]: result for result in results if result["status"] != "failed"}
        if not landed:
            return
        leads = self.env["crm.lead"].browse(list(landed))
        running = leads.filtered(lambda lead: lead.followup_state == "running")
        for lead in running:
            landed[lead.id].update(followup="running", followup_message=_("already running"))
        to_start = leads - running
        if not to_start:
            return
        try:
            with self.env.cr.savepoint(), self.env.clear_upon_failure():
                refused = self.env["jewellery.followup.engine"]._start(to_start, raise_on_error=False)
        except Exception as error:  # pylint: disable=broad-except
            refused = dict.fromkeys(to_start.ids, self._error_message(error))
        for lead in to_start:
            if lead.id in refused:
                landed[lead.id].update(followup="refused", followup_message=refused[lead.id])
            else:
                landed[lead.id].update(followup="started", followup_message="")
