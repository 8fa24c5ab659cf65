# The reports as Odoo 17.0 to 19.0 declare them alike: nothing of them is Odoo 18's own.
import jewellery_followup_glue.report  # noqa: F401  pylint: disable=unused-import
