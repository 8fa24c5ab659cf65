# The reports as Odoo 17.0 to 19.0 declare them alike, then what Odoo 17 spells its own way.
import jewellery_followup_glue.report  # noqa: F401  pylint: disable=unused-import

from . import jewellery_followup_result
