# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo 19 refuses to link a record the user may not read; a follow-up wizard lists each selected record it cannot
act on with its reason, those the user may not see included (unnamed), so it must hold them."""


def link_selection_as_superuser(model, vals_list, field, create):
    """Creates the wizards of ``vals_list`` with ``create``, then links their selection (``field``, a many2many, its
    default included) as the superuser. The wizard reads them back as the superuser and the gate checks every one."""
    links = []
    for vals in vals_list:
        links.append(vals[field] if field in vals else model.default_get([field]).get(field))
    wizards = create([dict(vals, **{field: False}) for vals in vals_list])
    for wizard, link in zip(wizards, links):
        if link:
            wizard.sudo().write({field: link})
    return wizards
