# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Server side of the lead import tool: one RPC call per chunk of rows.

Each row is created or updated in its own savepoint, so a bad row costs only itself (Odoo's own ``load``
rolls back its whole chunk). Rows are keyed by an external id kept in ``ir.model.data`` under the module
name ``jewellery_followup_import``: running the same file again updates instead of duplicating.

Everything a row writes goes through the ORM as the caller, with the caller's access rights and record
rules; a lead the caller may not read or change is never touched, read or reported with its id.
"""
import logging
import math
import re
from urllib.parse import quote, unquote

import psycopg2
import psycopg2.extensions
from psycopg2.extras import execute_values

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare

_logger = logging.getLogger(__name__)

IMPORT_MODULE = "jewellery_followup_import"
MAX_ROWS_PER_CALL = 5000
# Field types a row may set directly; many2one only for the salesperson.
SIMPLE_TYPES = ("char", "text", "selection", "date", "datetime", "boolean",
                "integer", "float", "monetary")
MANY2ONE_FIELDS = ("user_id",)
# Longest value accepted for a one-line text field and for a multi-line one (the import tool checks the same
# limits): longer cells are, in practice, a quote left open in the CSV that swallowed the lines after it.
MAX_CHAR_LENGTH = 1000
MAX_TEXT_LENGTH = 20000
MAX_EXTERNAL_ID_LENGTH = 200
INTEGER_RANGE = (-2 ** 31, 2 ** 31 - 1)  # PostgreSQL's integer column
# A float or monetary value above this loses its cents (a double holds 15 to 16 significant digits).
MAX_AMOUNT = 1e15
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
# Imported leads make no chatter noise: no "Lead created" message, no follower, no tracking.
QUIET_CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
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
            # Odoo 18 computes many editable lead fields (name, e-mail, phone...) from the partner: a stored
            # field that is not read-only is one a user may type, computed or not
            if field.store and not field.readonly
            and name not in models.MAGIC_COLUMNS and name != "id"
            and (field.type in SIMPLE_TYPES or name in MANY2ONE_FIELDS)
            and (not field.groups or self.env.user.has_groups(field.groups)))

    @api.model
    def import_batch(self, rows, start_followup=False, dry_run=False):
        """Create or update one chunk of leads, with the caller's access rights.

        :param rows: list of dicts ``{"line": int, "external_id": str, "values": {field: value}}``; values
            are in RPC form (selection keys, ISO dates, numbers, booleans, ``user_id`` as a user id). A field
            left out of ``values`` is left as it is (a new lead gets Odoo's default); ``false`` or ``null``
            empties it.
        :param start_followup: start the follow-up chain of every lead that landed; refusals (three
            attempts already, occasion passed) are reported per row.
        :param dry_run: do everything, report it, then roll it all back.
        :return: one dict per row, in order: ``line``, ``external_id``, ``status`` (created, updated,
            unchanged, failed), ``id`` (false when failed), ``message``, and with ``start_followup`` also
            ``followup`` (started, running, refused) and ``followup_message``.
        """
        if not isinstance(rows, list) or len(rows) > MAX_ROWS_PER_CALL:
            raise UserError(_("import_batch takes a list of at most %(max)s rows.") % {
                "max": MAX_ROWS_PER_CALL})
        if not dry_run:
            return self._import_rows(rows, start_followup)
        try:
            with self.env.cr.savepoint():
                raise DryRunRollback(self._import_rows(rows, start_followup))
        except DryRunRollback as rollback:
            self.env["crm.lead"].invalidate_model()  # it still holds what the savepoint rolled back
            return rollback.results

    # ------------------------------------------------------------------
    # the work of one chunk
    # ------------------------------------------------------------------
    def _import_rows(self, rows, start_followup):
        lead_model = self.env["crm.lead"].with_context(**QUIET_CONTEXT)
        results, prepared = self._check_rows(rows)
        existing, foreign = self._find_existing([result["external_id"] for result, _values in prepared])
        allowed_ids = self._leads_the_caller_may_change(lead_model, set(existing.values()))
        to_write = []
        for result, values in prepared:
            external_id = result["external_id"]
            if external_id in foreign:
                result["message"] = _("external_id: external id %(xid)r is already used by a record that is "
                                      "not a lead.") % {"xid": external_id}
            elif external_id in existing and existing[external_id] not in allowed_ids:
                # no id, no name: the caller may not even know that this lead exists
                result["message"] = _("external_id: external id %(xid)r belongs to a lead you are not allowed "
                                      "to read or change; nothing was written.") % {"xid": external_id}
            else:
                to_write.append((result, values, existing.get(external_id)))

        current = self._read_current(lead_model, to_write)
        bindings = []
        for result, values, lead_id in to_write:
            self._import_row(lead_model, result, values, lead_id, current, bindings)
        self._bind_external_ids(bindings)
        if start_followup:
            self._start_followup(results)
        return results

    def _check_rows(self, rows):
        """One result per row, and ``(result, values)`` for the rows worth sending to the ORM.

        An external id belongs to the first row that carries it in the call, whether that row is valid or
        not: a later row with the same id is refused, so that running the same rows again changes nothing.
        """
        allowed = set(self.importable_fields())
        selections = {}
        results, prepared, first_rows = [], [], {}
        for position, row in enumerate(rows, 1):
            line = row.get("line") if isinstance(row, dict) else None
            external_id = row.get("external_id") if isinstance(row, dict) else None
            result = {"line": line, "external_id": external_id, "status": "failed", "id": False, "message": ""}
            results.append(result)
            problems = []
            try:
                values = self._check_row(row, allowed, selections)
            except UserError as error:
                problems.append(error.args[0])
                values = None
            if isinstance(external_id, str) and external_id:
                if external_id in first_rows:
                    problems.append(_("external_id: external id %(xid)r is also on %(where)s (only the first "
                                      "line with an external id is imported).") % {
                        "xid": external_id, "where": first_rows[external_id]})
                else:
                    first_rows[external_id] = (_("line %s") % line if line is not None
                                               else _("row %s of this call") % position)
            if problems:
                result["message"] = "; ".join(problems)
            else:
                prepared.append((result, values))
        return results, self._check_salespeople(prepared)

    def _check_row(self, row, allowed, selections):
        """The row's values checked and converted for the ORM; UserError names the field."""
        if not isinstance(row, dict) or not isinstance(row.get("values"), dict):
            raise UserError(_("A row must be a dict with its values under \"values\"."))
        external_id = row.get("external_id")
        if external_id is not None:
            problem = None
            if not (isinstance(external_id, str) and external_id.strip()):
                problem = _("must be a non-empty text when given")
            elif len(external_id) > MAX_EXTERNAL_ID_LENGTH:
                problem = _("longer than %(max)s characters") % {"max": MAX_EXTERNAL_ID_LENGTH}
            else:
                problem = self._text_problem(external_id)
            if problem:
                raise UserError(_("external_id: %(problem)s.") % {"problem": problem})
        lead_fields = self.env["crm.lead"]._fields
        values = {}
        for name, value in row["values"].items():
            if name not in allowed:
                raise UserError(_("%(field)s: not a crm.lead field the import can set.") % {"field": name})
            values[name] = self._check_value(lead_fields[name], value, selections)
        if not (isinstance(values.get("name"), str) and values["name"].strip()):
            raise UserError(_("name: required (the lead's title)."))
        return values

    @api.model
    def _text_problem(self, value):
        if "\x00" in value:
            return _("contains a NUL character")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return _("is not valid Unicode text")
        return None

    def _check_value(self, field, value, selections):
        if value is None or value is False:
            if field.required and field.type != "boolean":
                raise UserError(_("%(field)s: required, cannot be emptied.") % {"field": field.name})
            return False
        kind = field.type
        problem = None
        if kind == "selection":
            if field.name not in selections:
                described = self.env["crm.lead"].fields_get([field.name], ["selection"])[field.name]
                selections[field.name] = {key for key, _label in described["selection"]}
            try:
                known = value in selections[field.name]
            except TypeError:  # unhashable: a list or a dict
                known = False
            if not known:
                problem = _("unknown value %(value)r") % {"value": value}
        elif kind in ("char", "text"):
            limit = MAX_CHAR_LENGTH if kind == "char" else MAX_TEXT_LENGTH
            if kind == "char" and field.size:
                limit = min(limit, field.size)
            if not isinstance(value, str):
                problem = _("expects text")
            elif len(value) > limit:
                problem = _("%(length)s characters, longer than the %(max)s allowed (a quote left open in "
                            "the file?)") % {"length": len(value), "max": limit}
            else:
                problem = self._text_problem(value)
        elif kind == "date":
            if not (isinstance(value, str) and DATE_RE.match(value) and self._parses(fields.Date, value)):
                problem = _("%(value)r is not a date in ISO form (YYYY-MM-DD)") % {"value": value}
        elif kind == "datetime":
            if not (isinstance(value, str) and DATETIME_RE.match(value) and self._parses(fields.Datetime, value)):
                problem = _("%(value)r is not a date and time (YYYY-MM-DD HH:MM:SS)") % {"value": value}
        elif kind == "boolean":
            if not isinstance(value, bool):
                problem = _("expects true or false")
        elif kind in ("integer", "many2one"):
            if isinstance(value, bool) or not isinstance(value, int):
                problem = _("expects a whole number")
            elif not INTEGER_RANGE[0] <= value <= INTEGER_RANGE[1] or (kind == "many2one" and value <= 0):
                problem = _("%(value)s is out of range") % {"value": value}
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            problem = _("expects a number")
        elif not math.isfinite(value):
            problem = _("expects a finite number")
        elif abs(value) >= self._largest_number(field, self.env):
            problem = _("%(value)s is too large") % {"value": value}
        if problem:
            raise UserError(_("%(field)s: %(problem)s") % {"field": field.name, "problem": problem})
        return value

    @staticmethod
    def _parses(field_class, value):
        try:
            field_class.from_string(value)
        except (TypeError, ValueError):
            return False
        return True

    @staticmethod
    def _largest_number(field, env):
        digits = field.type == "float" and field.get_digits(env)
        if digits and digits[0]:
            return min(MAX_AMOUNT, 10.0 ** (digits[0] - digits[1]))
        return MAX_AMOUNT

    def _check_salespeople(self, prepared):
        """The rows whose ``user_id`` is an active user the caller can see; the others get a message."""
        wanted = {values["user_id"] for _result, values in prepared if values.get("user_id")}
        if not wanted:
            return prepared
        found = set(self.env["res.users"].search([("id", "in", list(wanted))]).ids)
        kept = []
        for result, values in prepared:
            if values.get("user_id") and values["user_id"] not in found:
                result["message"] = _("user_id: no active user with id %(id)s.") % {"id": values["user_id"]}
            else:
                kept.append((result, values))
        return kept

    def _find_existing(self, external_ids):
        """``({external_id: lead id}, {external ids used by another model})`` for the ids already bound.

        An id whose lead was deleted is in neither: it is free again (see ``_bind_external_ids``). Plain
        SQL because it must see every binding, including those of leads the caller cannot read; what the
        caller may do with them is decided by ``_leads_the_caller_may_change``.
        """
        names = {quote(xid, safe="") for xid in external_ids if xid}
        if not names:
            return {}, set()
        self.env.flush_all()
        self.env.cr.execute("""
            SELECT d.name, d.model, l.id
              FROM ir_model_data d
              LEFT JOIN crm_lead l ON d.model = 'crm.lead' AND l.id = d.res_id
             WHERE d.module = %s AND d.name IN %s
        """, (IMPORT_MODULE, tuple(names)))
        existing, foreign = {}, set()
        for name, model, lead_id in self.env.cr.fetchall():
            if lead_id:
                existing[unquote(name)] = lead_id
            elif model != "crm.lead":
                foreign.add(unquote(name))
        return existing, foreign

    def _leads_the_caller_may_change(self, lead_model, lead_ids):
        """The ids among ``lead_ids`` that the caller may read and write, as Odoo decides it.

        Odoo's access rights on crm.lead, its read rules (a ``search`` applies them, Odoo 18's company rule on
        leads among them) and its write rules (``check_access``), archived leads included: an import never
        lets a user of one store reach another store's leads through a shared external id. The superuser
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
            domain = [("company_id", "in", self.env.companies.ids + [False])] + domain
        visible = lead_model.with_context(active_test=False).search(domain)
        if self._may_write(visible):
            return set(visible.ids)
        # some of them are refused: find which, one query each
        return {lead.id for lead in visible if self._may_write(lead)}

    @staticmethod
    def _may_write(leads):
        try:
            leads.check_access("write")
        except AccessError:
            return False
        return True

    def _read_current(self, lead_model, to_write):
        """{lead id: {field: value}} of the leads to update, read in one go (as the caller) to skip
        unchanged rows."""
        lead_ids = {lead_id for _result, _values, lead_id in to_write if lead_id}
        names = set()
        for _result, values, lead_id in to_write:
            if lead_id:
                names.update(values)
        if not lead_ids or not names:
            return {}
        leads = lead_model.with_context(active_test=False).browse(lead_ids)
        return {record["id"]: record for record in leads.read(sorted(names))}

    def _import_row(self, lead_model, result, values, lead_id, current, bindings):
        changes = lead_id and self._changes(lead_model, current.get(lead_id, {}), values)
        if lead_id and not changes:
            result.update(status="unchanged", id=lead_id)  # nothing to write: no savepoint either
            return
        try:
            # Odoo 18's savepoint flushes on the way in and out: a row's recomputations are done, or rolled
            # back with it; the salesperson's sales team is Odoo's own compute of team_id
            with self.env.cr.savepoint():
                if lead_id:
                    lead_model.browse(lead_id).write(changes)
                    current.setdefault(lead_id, {}).update(changes)
                    result.update(status="updated", id=lead_id)
                else:
                    lead = lead_model.create(dict(values))
                    if result["external_id"]:
                        bindings.append((result["external_id"], lead.id))
                    result.update(status="created", id=lead.id)
        except Exception as error:  # pylint: disable=broad-except
            if isinstance(error, psycopg2.extensions.TransactionRollbackError):
                # a concurrent call imported the same external id: Odoo retries the whole call, which
                # then finds it (a chunk retried after a timeout never duplicates a lead)
                raise
            self.env.invalidate_all()
            result.update(status="failed", id=False, message=self._error_message(error, values, lead_id))

    @api.model
    def _changes(self, lead_model, old, new):
        changes = {}
        currency = self.env.company.currency_id
        for name, value in new.items():
            field = lead_model._fields[name]
            before = old.get(name, False)
            if field.type == "many2one" and isinstance(before, (list, tuple)):
                before = before[0]
            if field.type in ("float", "monetary"):
                if field.type == "monetary":
                    digits = currency.decimal_places
                else:
                    digits = field.get_digits(self.env)[1] if field.get_digits(self.env) else 10
                same = float_compare(before or 0.0, value or 0.0, precision_digits=digits) == 0
            elif field.type == "boolean":
                same = bool(before) == bool(value)
            elif field.type in ("date", "datetime") and before:
                same = field.to_string(before) == value  # Odoo 18 reads dates as date objects
            else:
                same = (before or False) == (value or False)
            if not same:
                changes[name] = value
        return changes

    def _bind_external_ids(self, bindings):
        """Records the external ids of the leads this call created, in one statement.

        Written by the server on the caller's behalf, like the external ids Odoo itself removes with
        ``sudo()`` when a record is deleted, and with the same reach as the caller: a binding is only
        written for a lead the caller has just created through the ORM (so with their create rights and
        record rules), never moves an external id whose lead exists (re-pointing is an update, which goes
        through the ORM as the caller or is refused), and takes over only an id of this module whose lead
        no longer exists. So it needs no rights on ir.model.data (in Odoo 11 salespeople may create
        ir.model.data rows, not change them), and gives nobody anything they could not do through the
        ORM. Plain SQL: the ORM's create, one per lead, costs a good part of the lead's own create. A
        concurrent call binding the same id makes PostgreSQL raise a serialization failure, and Odoo
        retries the whole call, which then finds the id.
        """
        if not bindings:
            return
        self.env.flush_all()
        bound = execute_values(self.env.cr, """
            INSERT INTO ir_model_data (module, name, model, res_id, noupdate,
                                       create_uid, write_uid, create_date, write_date)
            VALUES %s
            ON CONFLICT (module, name) DO UPDATE
               SET res_id = EXCLUDED.res_id,
                   write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
             WHERE ir_model_data.model = 'crm.lead'
               AND NOT EXISTS (SELECT 1 FROM crm_lead WHERE crm_lead.id = ir_model_data.res_id)
            RETURNING xmax = 0
        """, [(IMPORT_MODULE, quote(external_id, safe=""), "crm.lead", lead_id, True, self.env.uid, self.env.uid)
              for external_id, lead_id in bindings],
            template="(%s, %s, %s, %s, %s, %s, %s, now() at time zone 'UTC', now() at time zone 'UTC')",
            page_size=len(bindings), fetch=True)
        if len(bound) != len(bindings):
            # cannot happen: _find_existing saw every binding of these ids in this transaction's snapshot
            raise UserError(_("Some external ids of this chunk were taken while it was imported; nothing "
                              "was written, import it again."))
        if not all(row[0] for row in bound):  # ir.model.data caches the lookups of external ids
            self.env.registry.clear_cache()

    @api.model
    def _error_message(self, error, values=None, lead_id=None):
        if self._caused_by_access_error(error):
            # Odoo's own text names the record that was rolled back: say what was refused instead
            user_id = (values or {}).get("user_id")
            if user_id and user_id != self.env.uid:
                return _("user_id: your access rights do not let you %(action)s a lead assigned to "
                         "%(user)s.") % {
                    "action": _("assign") if lead_id else _("create"),
                    "user": self.env["res.users"].browse(user_id).name}
            return _("access refused: your access rights do not let you %(action)s this lead.") % {
                "action": _("change") if lead_id else _("create")}
        if isinstance(error, UserError):  # ValidationError too
            return error.args[0]
        if isinstance(error, psycopg2.Error):
            return (error.pgerror or str(error)).strip().splitlines()[0]
        _logger.warning("lead import: unexpected error on one row", exc_info=True)
        return _("Server error: %(error)s") % {"error": error}

    @staticmethod
    def _caused_by_access_error(error):
        """Whether ``error`` is an AccessError or was raised while handling one (the check of a constraint
        that reads the new lead wraps the read rule's refusal in a ValidationError)."""
        seen = set()
        while error is not None and id(error) not in seen:
            if isinstance(error, AccessError):
                return True
            seen.add(id(error))
            error = error.__cause__ or error.__context__
        return False

    def _start_followup(self, results):
        landed = {}
        for result in results:
            if result["status"] != "failed":
                landed.setdefault(result["id"], []).append(result)
        if not landed:
            return
        leads = self.env["crm.lead"].browse(list(landed))
        running = leads.filtered(lambda lead: lead.followup_state == "running")
        outcome = {lead.id: ("running", _("already running")) for lead in running}
        to_start = leads - running
        if to_start:
            try:
                with self.env.cr.savepoint():
                    refused = self.env["jewellery.followup.engine"]._start(to_start, raise_on_error=False)
            except Exception as error:  # pylint: disable=broad-except
                if isinstance(error, psycopg2.extensions.TransactionRollbackError):
                    raise
                self.env.invalidate_all()
                refused = dict.fromkeys(to_start.ids, self._error_message(error))
            for lead in to_start:
                outcome[lead.id] = ("refused", refused[lead.id]) if lead.id in refused else ("started", "")
        for lead_id, (state, message) in outcome.items():
            for result in landed[lead_id]:
                result.update(followup=state, followup_message=message)
