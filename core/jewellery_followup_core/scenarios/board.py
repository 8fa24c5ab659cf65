# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""CRM > Follow-ups is a board of the open touches: columns by when they are due in the store's days (overdue,
today, this week, later), a card that opens the lead and records the outcome with the same choices as the
activity's Mark Done, and each salesperson seeing only what their group allows."""
from jewellery_followup_core.scenarios import VISIT_DAY

CALL_DAY = "2027-03-09"  # Tuesday: the call after Saturday's visit


class BoardScenarios(object):

    def board_domain(self):
        """What the board shows when it opens: the action's domain and its default filters."""
        action = self.env.ref("jewellery_followup.jewellery_followup_attempt_action")
        context = self.evaluate(action.context or "{}")
        domain = list(self.evaluate(action.domain or "[]"))
        if context.get("search_default_scheduled"):
            domain += [("state", "=", "scheduled")]
        return domain

    def board(self, user, day):
        """The open touches ``user`` sees on the board on ``day`` (the menu refreshes the columns first)."""
        self.set_clock(day)
        Attempt = self.as_user(self.env["jewellery.followup.attempt"], user)
        action = Attempt._board_action()
        self.assertEqual(action["res_model"], "jewellery.followup.attempt")
        return Attempt.search(self.board_domain())

    def bucket_on(self, lead, day):
        self.board(self.manager, day)
        self.fresh()
        return self.open_attempts(lead).due_bucket

    def columns(self, user, domain=()):
        """The board's kanban columns as ``user`` sees them: [(column, count)] in their order."""
        groups = self.as_user(self.env["jewellery.followup.attempt"], user).read_group(
            self.board_domain() + list(domain), ["due_bucket"], ["due_bucket"])
        return [(group["due_bucket"], group["due_bucket_count"]) for group in groups]

    # ------------------------------------------------------------------------------------------ the columns

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
        self.assertEqual(self.iso(self.open_attempts(auckland).date_scheduled), CALL_DAY)
        self.assertEqual(self.iso(self.open_attempts(london).date_scheduled), CALL_DAY)
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
        self.on(CALL_DAY, self.as_user(attempt, self.own)).action_record_outcome("declined")
        self.assertNotIn(attempt, self.board(self.manager, CALL_DAY))
        self.fresh()
        self.assertFalse(attempt.due_bucket)

    def test_the_kanban_shows_every_column_in_the_order_of_the_day(self):
        lead = self.lead_of(self.own)
        self.start(lead)
        self.board(self.own, CALL_DAY)
        self.assertEqual(self.columns(self.own), [("overdue", 0), ("today", 1), ("this_week", 0), ("later", 0)])

    def test_the_board_opens_on_the_kanban_of_open_touches_with_the_other_views(self):
        self.set_clock(VISIT_DAY)
        Attempt = self.as_user(self.env["jewellery.followup.attempt"], self.own)
        action = Attempt._board_action()
        self.assertEqual(action["view_mode"].split(","),
                         ["kanban", self.LIST_VIEW, "calendar", "pivot", "graph", "form"])
        menu = self.env.ref("jewellery_followup.jewellery_followup_attempt_menu")
        self.assertEqual(menu.action, self.env.ref("jewellery_followup.jewellery_followup_attempt_action_board"))
        self.assertIn(("state", "=", "scheduled"), self.board_domain())
        for view in ("kanban", "calendar"):
            self.assertIn("date_scheduled", self.arch(Attempt, view))

    # ---------------------------------------------------------------------------------------------- the card

    def test_the_card_names_the_customer_and_the_days_left_to_the_occasion(self):
        lead = self.lead_of(self.own, occasion_date="2027-03-20")
        attempt = self.start(lead)
        self.set_clock(CALL_DAY)
        card = self.as_user(attempt, self.own)
        self.assertEqual(card.customer_name, "Tom Reyes")
        self.assertEqual((card.occasion, self.iso(card.occasion_date), card.occasion_days_left),
                         ("engagement", "2027-03-20", 11))
        self.assertEqual(card.kind, "call")

    def test_one_click_opens_the_lead(self):
        lead = self.lead_of(self.own)
        attempt = self.start(lead)
        action = self.as_user(attempt, self.own).action_open_lead()
        self.assertEqual((action["res_model"], action["res_id"], action["view_mode"]), ("crm.lead", lead.id, "form"))

    def test_the_outcome_is_asked_with_no_answer_preselected_and_the_chain_goes_on(self):
        lead = self.lead_of(self.own)
        attempt = self.start(lead)
        self.set_clock(CALL_DAY)
        action = self.as_user(attempt, self.own).action_open_outcome()
        self.assertEqual((action["res_model"], action["target"]), ("jewellery.followup.outcome", "new"))
        wizard = self.as_user(self.env[action["res_model"]], self.own).with_context(action["context"]).create({})
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
        wizard = self.as_user(self.env["jewellery.followup.outcome"], self.own).create({
            "attempt_id": attempt.id, "outcome": "appointment", "appointment_start": "2027-03-12 15:00:00"})
        wizard.action_confirm()
        self.fresh()
        self.assertEqual((attempt.state, attempt.outcome), ("done", "appointment"))
        self.assertNotEqual(lead.followup_state, "running")
        event = self.env["calendar.event"].sudo().search([("opportunity_id", "=", lead.id)])
        self.assertEqual(self.iso(event.start), "2027-03-12 15:00:00")

    # ----------------------------------------------------------------------------------------- who sees what

    def test_each_group_sees_the_right_touches(self):
        own = self.start(self.lead_of(self.own))
        peer = self.start(self.lead_of(self.peer))
        nora = self.start(self.lead_of(self.all_leads))
        elsewhere = self.start(self.lead_of(self.stranger))
        ours = own | peer | nora
        everything = ours | elsewhere
        self.assertEqual(self.board(self.own, CALL_DAY) & everything, own)
        self.assertEqual(self.board(self.peer, CALL_DAY) & everything, peer)
        self.assertEqual(self.board(self.all_leads, CALL_DAY) & everything, ours)
        self.assertEqual(self.board(self.manager, CALL_DAY) & everything, ours)
        self.assertEqual(self.board(self.stranger, CALL_DAY) & everything, elsewhere)
        # the kanban's counts obey the same rules
        counts = self.columns(self.own, [("id", "in", everything.ids)])
        self.assertEqual(sum(count for _column, count in counts), 1)

    def test_my_team_shows_the_touches_of_my_sales_team(self):
        team = self.env["crm.team"].create({"name": "Counter", "user_id": self.manager.id,
                                            "member_ids": [(6, 0, [self.own.id])]})
        own = self.start(self.lead_of(self.own, team_id=team.id))
        nora = self.start(self.lead_of(self.all_leads, team_id=False))
        Attempt = self.as_user(self.env["jewellery.followup.attempt"], self.manager)
        self.assertIn('name="my_team"', self.arch(Attempt, "search"))
        domain = ["|", ("team_id.user_id", "=", self.manager.id), ("team_id.member_ids", "in", [self.manager.id])]
        found = Attempt.search(domain + self.board_domain())
        self.assertIn(own, found)
        self.assertNotIn(nora, found)
