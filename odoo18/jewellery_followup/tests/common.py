"""The 18.0 tests' driver and fixtures: the recent versions' own (``jewellery_followup_glue.testing``), which Odoo 18
runs as they are."""
from jewellery_followup_glue.testing import FollowupCase  # noqa: F401  pylint: disable=unused-import
