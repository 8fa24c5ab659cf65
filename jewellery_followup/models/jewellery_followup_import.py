# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The lead import's batch entry point for RPC. The flow, the checks and the messages are the core's
(``jewellery_followup_core.importing``), acting through ``OdooImportStore``; here what Odoo 11 spells its own way:
which fields a user types, the company rule it lacks on leads, its errors, Odoo's defaults computed once per chunk
and the recomputations deferred to the end of the chunk."""
from contextlib import contextmanager

from jewellery_followup_core.importing import Batch
from jewellery_followup_core.odoo_import import OdooImportStore

from odoo import api, models
from odoo.exceptions import AccessError, except_orm
from odoo.tools import float_compare

from ..store import Store


class ImportStore(OdooImportStore, Store):
    access_error = AccessError
    dated_external_ids = True
    creates_in_bulk = False  # Odoo 11's create takes one lead

    def __init__(self, env):
        super().__init__(env)
        self.defaults = {}

    def typed_by_user(self, field):
        return not field.compute or field.inverse

    def may_see(self, groups):
        return self.env["crm.lead"].user_has_groups(groups)

    def company_domain(self):
        # the rule Odoo puts on its other multi-company records (sales channels, the opportunity report): Odoo 11's
        # crm has no such rule on crm.lead itself
        return ["|", ("company_id", "=", False), ("company_id", "child_of", [self.env.user.company_id.id])]

    def error_text(self, error):
        if isinstance(error, except_orm):  # UserError, ValidationError
            return error.name
        return super().error_text(error)

    def same_number(self, first, second, decimals):
        return float_compare(first, second, precision_digits=decimals) == 0

    def clear_external_id_cache(self):
        self.env["ir.model.data"].clear_caches()

    def create_lead(self, values):
        vals = dict(self.defaults.get(values.get("user_id") or False, self.defaults[False]))
        vals.update(values)
        return self.lead_model().create(vals).id

    def chunk_defaults(self, to_write):
        """Default values computed once per chunk, and the sales channel once per salesperson.

        The salesperson's channel is what the lead form shows when the salesperson is chosen: Odoo's own
        onchange of ``user_id``, called once per salesperson instead of once per lead.
        """
        lead_model = self.lead_model()
        base = lead_model.default_get(list(lead_model._fields))
        self.defaults = {False: base}
        user_ids = {values.get("user_id") for _result, values, lead_id in to_write if not lead_id} - {False, None}
        for user_id in user_ids:
            per_user = dict(base, user_id=user_id)
            changed = lead_model.onchange(dict(per_user), "user_id", {"user_id": "1"}).get("value", {})
            for name, value in changed.items():
                if isinstance(value, (list, tuple)) and len(value) == 2 and isinstance(value[0], int):
                    value = value[0]  # a many2one, as (id, name)
                per_user[name] = value
            self.defaults[user_id] = per_user

    @contextmanager
    def writing(self, to_write):
        """The chunk's stored computed fields (day_open, day_close, activity_date_deadline...) recomputed
        once at the end, in a few grouped UPDATEs, instead of three UPDATEs per lead (a quarter of the
        import's server time); yields the savepoint each row is written in.

        This is the one place where the import uses the ORM below its public API, because Odoo 11 has
        none for what it needs:
        - ``env.norecompute()`` defers the recomputations (Odoo's own ``recompute()`` uses it): unlike
          the ``recompute`` context key it holds for every model a row touches, whatever context the
          code it runs passes on;
        - the deferred work is a to-do list in the environment, outside the database: a row's savepoint
          rolls back its writes, not its entries in that list. The row's savepoint here restores the
          list as it was before the row, so that a refused update does not get its lead rewritten
          (write date, computed fields) by the final recompute, and the good rows before it keep theirs
          (``env.clear()``, the public way, would drop them);
        - when the whole call fails, ``env.clear()`` drops the deferred work: Odoo retries a call after
          a serialization failure in the same environments, where it would point to the closed cursor.
        """
        self.chunk_defaults(to_write)
        env = self.env
        todo = env.all.todo

        @contextmanager
        def row_savepoint():
            before = {field: list(records) for field, records in todo.items()}
            try:
                with env.cr.savepoint():
                    yield
            except Exception:
                env.cache.invalidate()
                todo.clear()
                todo.update(before)
                raise

        try:
            with env.norecompute():
                yield row_savepoint
            env["crm.lead"].recompute()
        except Exception:
            env.clear()
            raise


class JewelleryFollowupImport(models.AbstractModel):
    _name = "jewellery.followup.import"
    _description = "Jewellery lead import (batch entry point for RPC)"

    @api.model
    def importable_fields(self):
        """Names of the crm.lead fields a row may set (the import command checks its columns against them)."""
        return ImportStore(self.env).importable_fields()

    @api.model
    def import_batch(self, rows, start_followup=False, dry_run=False):
        """Create or update one chunk of leads, with the caller's access rights: ``importing.Batch.run`` says what
        the rows hold and what comes back."""
        return Batch(ImportStore(self.env)).run(rows, start_followup, dry_run)
