"""CRM > Follow-ups is a board of the open touches: columns by when they are due in the store's days (overdue,
today, this week, later), a card that opens the lead and records the outcome with the same choices as the
activity's Mark Done, and each salesperson seeing only what their group allows."""
from odoo import Command
from odoo.tests import tagged

from .common import VISIT_DAY, FollowupCase

from odoo.tools.safe_eval import safe_eval

CALL_DAY = "2027-03-09"  # Tuesday: the call after Saturday's visit
BUCKETS = ["overdue", "today", "this_week", "later"]


class BoardCase(FollowupCase):

    def board_domain(self):
        """What the board shows when it opens: the action's domain and its default filters."""
        action = self.env.ref("jewellery_followup.jewellery_followup_attempt_action")
        context = safe_eval(action.context or "{}")
        domain = safe_eval(action.domain or "[]")
        if context.get("search_default_scheduled"):
            domain += [("state", "=", "scheduled")]
        return domain

    def board(self, user, day):
        """The open touches ``user`` sees on the board on ``day`` (the menu refreshes the columns first)."""
        self.set_clock(day)
        Attempt = self.env["jewellery.followup.attempt"].with_user(user)
        action = Attempt._board_action()
        self.assertEqual(action["res_model"], "jewellery.followup.attempt")
        return Attempt.search(self.board_domain())

    def bucket_on(self, lead, day):
        self.board(self.manager, day)
        self.fresh()
        return self.open_attempts(lead).due_bucket


@tagged("post_install", "-at_install")
class TestTheBoardColumns(BoardCase):

    def test_the_call_moves_from_later_to_this_week_to_today_to_overdue(self):
        lead = self.lead_of(self.own)
        self.start(lead)
        self.assertEqual(self.bucket_on(lead, "2027-03-01"), "later")
        self.assertEqual(self.bucket_on(lead, VISIT_DAY), "this_week")
        self.assertEqual(self.bucket_on(lead, CALL_DAY), "today")
        self.assertEqual(self.bucket_on(lead, "2027-03-10"), "overdue")

    def test_the_columns_follow_the_stores_own_midnight(self):
        self.own.tz = "Pacific/Auckland"  # 12:00 UTC on Tuesday is already 01:00 on Wednesday there
        auckland = self.lead_of(self.own)
        self.peer.tz = "Europe/London"
        london = self.lead_of(self.peer)
        self.start(auckland)
        self.start(london)
        self.assertEqual(str(self.open_attempts(auckland).date_scheduled), CALL_DAY)
        self.assertEqual(str(self.open_attempts(london).date_scheduled), CALL_DAY)
        self.assertEqual(self.bucket_on(auckland, CALL_DAY), "overdue")
        self.assertEqual(self.bucket_on(london, CALL_DAY), "today")

    def test_the_hourly_job_refreshes_the_columns(self):
        cron = self.env.ref("jewellery_followup.ir_cron_refresh_due_buckets")
        self.assertEqual((cron.interval_number, cron.interval_type, cron.active), (1, "hours", True))
        lead = self.lead_of(self.own)
        self.start(lead)
        self.set_clock(CALL_DAY)
        cron.sudo().method_direct_trigger()
        self.fresh()
        self.assertEqual(self.open_attempts(lead).due_bucket, "today")

    def test_a_closed_touch_leaves_the_columns(self):
        lead = self.lead_of(self.own)
        attempt = self.start(lead)
        self.assertEqual(self.bucket_on(lead, CALL_DAY), "today")
        self.on(CALL_DAY, attempt.with_user(self.own)).action_record_outcome("declined")
        self.assertNotIn(attempt, self.board(self.manager, CALL_DAY))
        self.fresh()
        self.assertFalse(attempt.due_bucket)

    def test_the_kanban_shows_every_column_in_the_order_of_the_day(self):
        lead = self.lead_of(self.own)
        self.start(lead)
        self.board(self.own, CALL_DAY)
        groups = self.env["jewellery.followup.attempt"].with_user(self.own).read_group(
            self.board_domain(), ["due_bucket"], ["due_bucket"])
        self.assertEqual([group["due_bucket"] for group in groups], BUCKETS)
        self.assertEqual({group["due_bucket"]: group["due_bucket_count"] for group in groups},
                         {"overdue": 0, "today": 1, "this_week": 0, "later": 0})

    def test_the_board_opens_on_the_kanban_of_open_touches_with_the_other_views(self):
        self.set_clock(VISIT_DAY)
        action = self.env["jewellery.followup.attempt"].with_user(self.own)._board_action()
        self.assertEqual(action["view_mode"].split(","), ["kanban", "list", "calendar", "pivot", "graph", "form"])
        menu = self.env.ref("jewellery_followup.jewellery_followup_attempt_menu")
        self.assertEqual(menu.action, self.env.ref("jewellery_followup.jewellery_followup_attempt_action_board"))
        self.assertIn(("state", "=", "scheduled"), self.board_domain())
        for view in ("kanban", "calendar"):
            views = self.env["jewellery.followup.attempt"].with_user(self.own).get_views([(False, view)])
            arch = views["views"][view]["arch"]
            self.assertIn("date_scheduled", arch)


@tagged("post_install", "-at_install")
class TestTheCard(BoardCase):

    def test_the_card_names_the_customer_and_the_days_left_to_the_occasion(self):
        lead = self.lead_of(self.own, occasion_date="2027-03-20")
        attempt = self.start(lead)
        self.set_clock(CALL_DAY)
        card = attempt.with_user(self.own)
        self.assertEqual(card.customer_name, "Tom Reyes")
        self.assertEqual((card.occasion, str(card.occasion_date), card.occasion_days_left),
                         ("engagement", "2027-03-20", 11))
        self.assertEqual(card.kind, "call")

    def test_one_click_opens_the_lead(self):
        lead = self.lead_of(self.own)
        attempt = self.start(lead)
        action = attempt.with_user(self.own).action_open_lead()
        self.assertEqual((action["res_model"], action["res_id"], action["view_mode"]), ("crm.lead", lead.id, "form"))

    def test_the_outcome_is_asked_with_no_answer_preselected_and_the_chain_goes_on(self):
        lead = self.lead_of(self.own)
        attempt = self.start(lead)
        self.set_clock(CALL_DAY)
        action = attempt.with_user(self.own).action_open_outcome()
        self.assertEqual((action["res_model"], action["target"]), ("jewellery.followup.outcome", "new"))
        wizard = self.env[action["res_model"]].with_user(self.own).with_context(action["context"]).create({})
        self.assertEqual((wizard.attempt_id, wizard.outcome), (attempt, "no_answer"))
        labels = dict(wizard._fields["outcome"].selection)
        self.assertEqual(labels, dict(self.env["jewellery.followup.attempt"]._fields["outcome"].selection))
        wizard.note = "Voicemail"
        wizard.action_confirm()
        self.fresh()
        self.assertEqual((attempt.state, attempt.outcome, attempt.note), ("done", "no_answer", "Voicemail"))
        self.assertEqual(lead.followup_state, "running")

    def test_an_appointment_from_the_board_books_the_showing_and_stops_the_chain(self):
        lead = self.lead_of(self.own)
        attempt = self.start(lead)
        self.set_clock(CALL_DAY)
        wizard = self.env["jewellery.followup.outcome"].with_user(self.own).create({
            "attempt_id": attempt.id, "outcome": "appointment", "appointment_start": "2027-03-12 15:00:00"})
        wizard.action_confirm()
        self.fresh()
        self.assertEqual((attempt.state, attempt.outcome), ("done", "appointment"))
        self.assertNotEqual(lead.followup_state, "running")
        event = self.env["calendar.event"].sudo().search([("opportunity_id", "=", lead.id)])
        self.assertEqual(str(event.start), "2027-03-12 15:00:00")


@tagged("post_install", "-at_install")
class TestWhoSeesWhat(BoardCase):

    def test_each_group_sees_the_right_touches(self):
        own = self.start(self.lead_of(self.own))
        peer = self.start(self.lead_of(self.peer))
        nora = self.start(self.lead_of(self.all_leads))
        elsewhere = self.start(self.lead_of(self.stranger))
        ours = own | peer | nora
        self.assertEqual(self.board(self.own, CALL_DAY) & (ours | elsewhere), own)
        self.assertEqual(self.board(self.peer, CALL_DAY) & (ours | elsewhere), peer)
        self.assertEqual(self.board(self.all_leads, CALL_DAY) & (ours | elsewhere), ours)
        self.assertEqual(self.board(self.manager, CALL_DAY) & (ours | elsewhere), ours)
        self.assertEqual(self.board(self.stranger, CALL_DAY) & (ours | elsewhere), elsewhere)
        # the kanban's counts obey the same rules
        groups = self.env["jewellery.followup.attempt"].with_user(self.own).read_group(
            self.board_domain() + [("id", "in", (ours | elsewhere).ids)], ["due_bucket"], ["due_bucket"])
        self.assertEqual(sum(group["due_bucket_count"] for group in groups), 1)

    def test_my_team_shows_the_touches_of_my_sales_team(self):
        team = self.env["crm.team"].create({"name": "Counter", "user_id": self.manager.id,
                                            "member_ids": [Command.set([self.own.id])]})
        own = self.start(self.lead_of(self.own, team_id=team.id))
        nora = self.start(self.lead_of(self.all_leads, team_id=False))
        search = self.env["jewellery.followup.attempt"].with_user(self.manager).get_views(
            [(False, "search")])["views"]["search"]
        self.assertIn('name="my_team"', search["arch"])
        domain = ['|', ('team_id.user_id', '=', self.manager.id), ('team_id.member_ids', 'in', [self.manager.id])]
        found = self.env["jewellery.followup.attempt"].with_user(self.manager).search(domain + self.board_domain())
        self.assertIn(own, found)
        self.assertNotIn(nora, found)
