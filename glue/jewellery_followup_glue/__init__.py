# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Odoo side of the jewellery follow-up as Odoo 17.0, 18.0 and 19.0 spell it alike: the models, wizards and
reports of the ``jewellery_followup`` addon, their fields and their calls into Odoo, written once for the three.

Each class belongs to the addon (``_module``), so Odoo registers it, reflects its fields, translates them and
uninstalls them as the addon's own. The addon of each version imports ``models``, ``wizards`` and ``report`` from
its own packages of the same names (it holds the views, data and security), then extends these models with
``_inherit`` for what only its Odoo does its own way: 17's ``toggle_active`` and separate access checks, 19's
``models.Constraint`` and Mark Done popover fields. What Odoo merely renamed between them (``auto_join``,
``group_operator``, ``_sql_constraints``) is spelled once, in ``spelling.py``. What does not depend on Odoo at all
(rules, checks, messages, SQL) is the core's (``jewellery_followup_core``); the 11.0 addon, whose ORM differs, has
its own glue beside it.
"""
ADDON = "jewellery_followup"
