"""The 17.0 tests' driver and fixtures: the recent versions' own (``jewellery_followup_glue.testing``), with the
names Odoo 17 gives its views."""
from jewellery_followup_glue import testing


class FollowupCase(testing.FollowupCase):
    LIST_VIEW = "tree"
    KANBAN_CARD = "kanban-box"
