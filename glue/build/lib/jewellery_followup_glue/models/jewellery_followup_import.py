# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The lead import's batch entry point for RPC. The flow, the checks and the messages are the core's
(``jewellery_followup_core.importing``), acting through ``OdooImportStore``; here what Odoo 17 and later spell
their own way: which fields a user types, their companies, errors, caches and savepoints."""
from contextlib import contextmanager

from jewellery_followup_core.importing import Batch
from jewellery_followup_core.odoo_import import OdooImportStore

from odoo import api, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare

from .. import ADDON
from ..store import Store


class ImportStore(OdooImportStore, Store):
    access_error = AccessError

    def typed_by_user(self, field):
        # Odoo computes many editable lead fields (name, e-mail, phone...) from the partner: a stored field that is
        # not read-only is one a user may type, computed or not
        return True

    def may_see(self, groups):
        return self.env.user.has_groups(groups)

    def company_domain(self):
        # Odoo's company rule on leads applies too (a search applies it)
        return [("company_id", "in", self.env.companies.ids + [False])]

    def error_text(self, error):
        if isinstance(error, UserError):  # ValidationError too
            return error.args[0]
        return super().error_text(error)

    def same_number(self, first, second, decimals):
        return float_compare(first, second, precision_digits=decimals) == 0

    def clear_external_id_cache(self):
        self.env.registry.clear_cache()

    @contextmanager
    def writing(self, to_write):
        """Yields the savepoint each row (or the chunk's new leads together) is written in: Odoo's savepoint
        flushes on the way in and out, so the recomputations are done, or rolled back with it; the salesperson's
        sales team is Odoo's own compute of team_id."""
        env = self.env

        @contextmanager
        def row_savepoint():
            try:
                with env.cr.savepoint():
                    yield
            except Exception:
                env.invalidate_all()
                raise

        yield row_savepoint


class JewelleryFollowupImport(models.AbstractModel):
    _name = "jewellery.followup.import"
    _module = ADDON
    _description = "Jewellery lead import (batch entry point for RPC)"

    @api.model
    def importable_fields(self):
        """Names of the crm.lead fields a row may set (the import command checks its columns against them)."""
        return self._import_store().importable_fields()

    @api.model
    def import_batch(self, rows, start_followup=False, dry_run=False):
        """Create or update one chunk of leads, with the caller's access rights: ``importing.Batch.run`` says what
        the rows hold and what comes back."""
        return Batch(self._import_store()).run(rows, start_followup, dry_run)

    def _import_store(self):
        return ImportStore(self.env)
