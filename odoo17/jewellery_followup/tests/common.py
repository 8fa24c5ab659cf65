"""The 17.0 tests' driver and fixtures: the recent versions' own (``jewellery_followup_glue.testing``), with the
names Odoo 17 gives its views, its web client's addresses and its activity counter."""
from jewellery_followup_glue import testing


class FollowupCase(testing.FollowupCase):
    LIST_VIEW = "tree"
    KANBAN_CARD = "kanban-box"
    FORM_URL = "/web#model=%s&id=%s&view_type=form"

    def activity_counter(self, user, model):
        """Odoo 17's systray: its total counts only what is due today or late, so the three are added."""
        groups = {group["model"]: group for group in user.with_user(user).systray_get_activities()}
        counts = groups[model]
        return counts["planned_count"] + counts["today_count"] + counts["overdue_count"]
