# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from jewellery_followup_glue.models import jewellery_followup_import

from odoo import models

from ..store import Store


class ImportStore(jewellery_followup_import.ImportStore, Store):

    def may_see(self, groups):
        return self.env.user.user_has_groups(groups)  # Odoo 18 renamed it has_groups


class JewelleryFollowupImport(models.AbstractModel):
    _inherit = "jewellery.followup.import"

    def _import_store(self):
        return ImportStore(self.env)
