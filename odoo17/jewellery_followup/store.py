# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the gate asks of Odoo 17 where it differs from 18 and 19 (``jewellery_followup_glue.store``): it checks
the model's access rights and the record rules apart (18 joined them in check_access)."""
from jewellery_followup_glue import store


class Store(store.Store):

    def check_access(self, records, mode):
        records.check_access_rights(mode)
        records.check_access_rule(mode)

    def writable(self, records):
        if not records.check_access_rights("write", raise_exception=False):
            return records.browse()
        return records._filter_access_rules("write")
