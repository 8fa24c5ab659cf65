# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What Odoo renamed between 17.0 and 19.0 for the same meaning, and the one place where the glue asks which Odoo
runs it (``SERIES``, which the tests' driver reads too). What only one version does its own way stays in that
version's addon, as an ``_inherit``."""
import odoo

# The running Odoo's major version: 17, 18 or 19.
SERIES = odoo.release.version_info[0]

# A search on the related record's fields joins its table in one query (the related model's rules still apply):
# ``auto_join`` until 18, ``bypass_search_access`` in 19.
JOINED_IN_SEARCH = {"auto_join": True} if SERIES < 19 else {"bypass_search_access": True}

# A report's column is averaged, not summed, when its rows are grouped: ``group_operator`` in 17, ``aggregator``
# since 18.
AVERAGED = {"group_operator": "avg"} if SERIES < 18 else {"aggregator": "avg"}

# The tables' constraints (the core's sql.ATTEMPT_CONSTRAINTS and STEP_CONSTRAINTS): 17 and 18 read a model's
# ``_sql_constraints``; 19 no longer does and declares each as a ``models.Constraint`` (odoo19/'s models).
READS_SQL_CONSTRAINTS = SERIES < 19
