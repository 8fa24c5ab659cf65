# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The second-chance chain as the salesperson lives it: call, note, gift, what stops it, what the occasion and
the store's closing days do to it, and what a manager sees of it. Nora ("all leads") follows her own customers."""
import psycopg2

from jewellery_followup_core.scenarios import VISIT_DAY

PHOTO = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


class ChainCourse(object):
    """What every scenario of the chain starts from: a lead Nora made at the counter."""

    def visit(self, **values):
        """The lead Nora, the salesperson, made for Tom's visit (acting as her)."""
        return self.lead_of(self.salesperson, **values)


class ChainRunsScenarios(ChainCourse):

    def test_the_morning_call_is_on_the_salespersons_list_on_the_next_open_day(self):
        lead = self.visit()
        call = self.start(lead)  # Saturday; the store is closed Sunday and Monday
        self.assertEqual(lead.followup_state, "running")
        self.assertEqual((call.attempt_no, call.kind, self.iso(call.date_scheduled)), (1, "call", "2027-03-09"))
        activity = self.activities(lead)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity, call.activity_id)
        self.assertEqual(activity.activity_type_id, self.env.ref("jewellery_followup.mail_activity_type_call"))
        self.assertEqual(activity.user_id, self.salesperson)
        self.assertEqual(self.iso(activity.date_deadline), "2027-03-09")
        self.assertIn("Good morning Tom Reyes", activity.note)
        self.assertIn("Nora Lindqvist", activity.note)
        self.assertIn(self.salesperson.partner_id, lead.message_partner_ids)
        self.assertIn("attempt 1", lead.message_ids[0].body)

    def test_call_the_next_open_morning_with_the_wording_of_the_lead(self):
        lead = self.visit()
        attempt = self.start(lead)
        # visit on Saturday; the store is closed Sunday and Monday: the call is on Tuesday
        self.assertEqual(self.iso(attempt.date_scheduled), "2027-03-09")
        self.assertEqual((attempt.attempt_no, attempt.kind, lead.followup_state), (1, "call", "running"))
        self.assertIn("Good morning Tom Reyes, this is Nora Lindqvist", attempt.script_text)
        self.assertIn("the 1.2 ct round solitaire in platinum", attempt.script_text)
        activity = attempt.activity_id
        self.assertEqual((activity.res_model, activity.res_id, activity.user_id),
                         ("crm.lead", lead.id, self.salesperson))
        self.assertEqual(self.iso(activity.date_deadline), "2027-03-09")
        self.assertEqual(lead.activity_ids, activity, "the salesperson sees the call on the lead")

    def test_start_posts_one_message_carrying_the_tracked_state(self):
        lead = self.visit()
        self.start(lead)
        self.post_tracking()
        messages = self.env["mail.message"].search([("model", "=", "crm.lead"), ("res_id", "=", lead.id)])
        started = messages.filtered(lambda message: "Second-chance follow-up started" in (message.body or ""))
        self.assertEqual(len(started), 1, messages.mapped("body"))
        self.assertEqual(self.tracking_values(started), [("followup_state", "Not started", "Running")])

    def test_an_unanswered_call_brings_the_handwritten_note_two_open_days_later(self):
        lead = self.visit()
        self.start(lead)
        self.answer(lead, "2027-03-09")  # Tuesday, no answer
        self.assertEqual(self.iso(lead.followup_next_date), "2027-03-11")
        self.assertFalse(self.activities(lead), "the call is off the list once done")
        self.assertEqual(self.run_cron("2027-03-10"), 0, "nothing is due on Wednesday")
        self.assertFalse(self.scheduled(lead))
        self.run_cron("2027-03-11")
        note = self.scheduled(lead)
        self.assertEqual((note.attempt_no, note.kind, self.iso(note.date_scheduled)), (2, "note", "2027-03-11"))
        self.assertIn("Dear Tom Reyes", note.script_text)
        self.assertIn("Clara", note.script_text)
        self.assertIn("Professionally,\nNora Lindqvist", note.script_text)
        self.assertEqual(self.activities(lead).activity_type_id,
                         self.env.ref("jewellery_followup.mail_activity_type_note"))

    def test_the_note_waits_two_open_days_then_lands_in_the_morning(self):
        lead = self.visit()
        self.start(lead)
        self.answer(lead, "2027-03-09")
        self.assertEqual(self.iso(lead.followup_next_date), "2027-03-11")
        self.assertEqual(self.run_cron("2027-03-10"), 0, "nothing lands before its day")
        self.assertEqual(self.run_cron("2027-03-11", hour=4), 0, "nor before 05:00 store time")
        self.assertEqual(self.run_cron("2027-03-11", hour=6), 1)
        note = self.scheduled(lead)
        self.assertEqual((note.kind, note.attempt_no), ("note", 2))
        self.assertIn("Professionally,\nNora Lindqvist", note.script_text)

    def test_running_the_cron_twice_schedules_nothing_twice(self):
        lead = self.visit()
        self.start(lead)
        self.answer(lead, "2027-03-09")
        self.run_cron("2027-03-11")
        self.run_cron("2027-03-11")
        self.run_cron("2027-03-12")
        self.assertEqual(lead.followup_attempt_ids.mapped("attempt_no"), [1, 2])
        self.assertEqual(len(self.activities(lead)), 1)

    def test_the_gift_comes_five_open_days_after_an_unanswered_note_with_the_photo(self):
        lead = self.visit()
        photo = self.env["ir.attachment"].create({
            "name": "solitaire.png", "res_model": "crm.lead", "res_id": lead.id, "datas": PHOTO,
            "mimetype": "image/png",
        })
        gift = self.reach_gift(lead)
        self.assertEqual(self.iso(gift.date_scheduled), "2027-03-18")  # five open days: Sunday and Monday skipped
        self.assertEqual((gift.attempt_no, gift.kind), (3, "gift"))
        self.assertEqual(gift.gift_description, "Dinner for two at a fine local restaurant")
        self.assertEqual(gift.gift_attachment_id, photo)
        self.assertIn("engagement with Clara", gift.script_text)
        self.assertIn("1.2 ct round F VS1 diamond", gift.script_text)

    def test_three_unanswered_attempts_exhaust_the_chain_and_keep_the_history(self):
        lead = self.visit()
        self.reach_gift(lead)
        self.answer(lead, "2027-03-18", note="Left with the courier")
        self.fresh()
        self.assertEqual(lead.followup_state, "exhausted")
        self.assertFalse(lead.active, "the lead is marked lost")
        self.assertEqual(self.lost_reason(lead), self.env.ref("jewellery_followup.crm_lost_reason_no_response"))
        self.assertEqual(self.lost_reason(lead).name, "No response after three follow-ups")
        attempts = self.env["jewellery.followup.attempt"].search([("lead_id", "=", lead.id)])
        self.assertEqual(attempts.mapped("kind"), ["call", "note", "gift"])
        self.assertEqual(set(attempts.mapped("outcome")), {"no_answer"})
        self.assertEqual(attempts[-1].note, "Left with the courier")
        self.assertEqual(self.run_cron("2027-04-01"), 0)
        self.assertEqual(lead.followup_contact_count, 3)

    def test_three_unanswered_touches_lose_the_lead(self):
        lead = self.visit()
        gift = self.reach_gift(lead)
        self.assertEqual((gift.attempt_no, gift.kind, self.iso(gift.date_scheduled)), (3, "gift", "2027-03-18"))
        self.assertEqual(gift.gift_description, "Dinner for two at a fine local restaurant")
        self.answer(lead, "2027-03-18")
        self.fresh()
        self.assertEqual(lead.followup_state, "exhausted")
        self.assertFalse(lead.active)
        self.assertEqual(self.lost_reason(lead), self.env.ref("jewellery_followup.crm_lost_reason_no_response"))
        self.assertEqual(lead.followup_contact_count, 3)
        self.assertEqual(self.attempts_of(lead).mapped("outcome"), ["no_answer"] * 3,
                         "every attempt stays in the history")


class ResponsesStopTheChainScenarios(ChainCourse):

    def test_an_appointment_books_a_private_showing_with_the_welcome_they_like(self):
        lead = self.visit()
        self.start(lead)
        self.answer(lead, "2027-03-09", "appointment", appointment_start="2027-03-12 15:00:00")
        self.assertEqual(lead.followup_state, "appointment")
        event = self.env["calendar.event"].search([("opportunity_id", "=", lead.id)])
        self.assertEqual(len(event), 1)
        self.assertEqual(self.iso(event.start), "2027-03-12 15:00:00")
        self.assertIn("coffee: hazelnut latte", event.description)
        for item in ("Private presentation room", "music", "flowers", "Chocolates"):
            self.assertIn(item, event.description)
        self.assertEqual(self.run_cron("2027-03-20"), 0)
        self.assertFalse(self.scheduled(lead))

    def test_an_appointment_books_the_private_showing(self):
        lead = self.visit()
        self.start(lead)
        self.answer(lead, "2027-03-09", "appointment")
        event = self.env["calendar.event"].search([("opportunity_id", "=", lead.id)])
        self.assertEqual(event.name, "Private showing: Tom Reyes")
        # 10:00 store time (UTC here) of the next open day
        self.assertEqual(self.iso(event.start), "2027-03-10 10:00:00")
        self.assertIn("Welcome: coffee: hazelnut latte", event.description)

    def test_a_purchase_wins_the_lead(self):
        lead = self.visit()
        self.start(lead)
        self.answer(lead, "2027-03-09", "purchased")
        self.assertEqual(lead.followup_state, "won")
        self.assertEqual(lead.probability, 100)

    def test_declined_and_came_back_stop_the_chain(self):
        for outcome, state in (("declined", "declined"), ("came_back", "stopped")):
            lead = self.visit()
            self.start(lead)
            self.answer(lead, "2027-03-09", outcome)
            self.assertEqual(lead.followup_state, state)
            self.run_cron("2027-03-20")
            self.assertEqual(len(lead.followup_attempt_ids), 1, outcome)

    def test_each_response_ends_the_chain(self):
        for outcome, state in (("declined", "declined"), ("came_back", "stopped"),
                               ("purchased", "won"), ("appointment", "appointment")):
            with self.subTest(outcome=outcome):
                lead = self.visit(name="Ring for %s" % outcome)
                self.start(lead)
                self.answer(lead, "2027-03-09", outcome)
                self.fresh()
                self.assertEqual(lead.followup_state, state)
                self.assertFalse(self.scheduled(lead))
                self.assertFalse(lead.followup_next_date)
                self.assertEqual(self.run_cron("2027-03-20"), 0, "nothing follows an answer")
                self.assertEqual(lead.followup_contact_count, 1)

    def test_winning_the_lead_by_hand_cancels_the_waiting_call(self):
        lead = self.visit()
        call = self.start(lead)
        lead.action_set_won()
        self.assertEqual(lead.followup_state, "won")
        self.assertEqual(call.state, "cancelled")
        self.assertFalse(self.activities(lead))

    def test_losing_the_lead_by_hand_stops_the_chain_and_keeps_the_attempt(self):
        lead = self.visit()
        call = self.start(lead)
        lead.action_set_lost()
        self.assertEqual(lead.followup_state, "stopped")
        self.assertTrue(call.exists())
        self.assertEqual(call.state, "cancelled")

    def test_winning_opting_out_or_archiving_the_lead_stops_the_chain(self):
        for change, state in (({"opt_out": True}, "opted_out"), ({"active": False}, "stopped")):
            with self.subTest(change=change):
                lead = self.visit(name="Ring %s" % state)
                attempt = self.start(lead)
                lead.write(change)
                self.fresh()
                self.assertEqual(lead.followup_state, state)
                self.assertEqual(attempt.state, "cancelled")
        lead = self.visit(name="Ring won")
        self.start(lead)
        lead.action_set_won()
        self.fresh()
        self.assertEqual(lead.followup_state, "won")

    def test_opting_out_stops_the_chain(self):
        lead = self.visit()
        self.start(lead)
        lead.opt_out = True
        self.assertEqual(lead.followup_state, "opted_out")
        self.assertFalse(self.scheduled(lead))

    def test_an_email_from_the_customer_stops_the_chain(self):
        lead = self.visit()
        self.start(lead)
        lead.message_post(body="Could we come on Friday?", message_type="email",
                          author_id=False, email_from="tom.reyes@example.com")
        self.assertEqual(lead.followup_state, "stopped")
        self.assertIn("wrote back", lead.message_ids[0].body)

    def test_the_cron_stops_a_chain_whose_lead_was_won_behind_its_back(self):
        lead = self.visit()
        self.start(lead)
        self.answer(lead, "2027-03-09")
        self.flush()
        self.env.cr.execute("UPDATE crm_lead SET probability = 100 WHERE id = %s", (lead.id,))
        self.fresh()
        self.run_cron("2027-03-11")
        self.assertEqual(lead.followup_state, "won")
        self.assertEqual(len(lead.followup_attempt_ids), 1)

    def test_stop_button_stops_and_start_continues_the_count(self):
        lead = self.visit()
        self.start(lead)
        lead.action_stop_followup()
        self.assertEqual(lead.followup_state, "stopped")
        second = self.start(lead, "2027-03-10")
        self.assertEqual((second.attempt_no, second.kind), (2, "note"))

    def test_stopping_a_lead_with_nothing_running_says_so(self):
        lead = self.visit()
        with self.assertRaisesRegex(self.USER_ERROR, "no follow-up running"):
            lead.action_stop_followup()


class OccasionTimingScenarios(ChainCourse):

    def test_a_closing_day_of_the_store_is_skipped(self):
        self.env["resource.calendar.leaves"].create({
            "name": "Inventory day", "calendar_id": self.company.resource_calendar_id.id,
            "date_from": "2027-03-09 00:00:00", "date_to": "2027-03-09 23:59:59",
        })
        self.assertEqual(self.iso(self.start(self.visit()).date_scheduled), "2027-03-10")

    def test_touches_are_pulled_in_to_land_two_days_before_the_occasion(self):
        # Proposal on Saturday 13 March: three touches, the last by Thursday 11th.
        lead = self.visit(occasion_date="2027-03-13")
        self.assertEqual(self.iso(self.start(lead).date_scheduled), "2027-03-09")
        self.answer(lead, "2027-03-09")
        self.assertEqual(self.iso(lead.followup_next_date), "2027-03-10", "the note moves up a day")
        self.run_cron("2027-03-10")
        self.answer(lead, "2027-03-10")
        self.assertEqual(self.iso(lead.followup_next_date), "2027-03-11", "the gift lands two days before")

    def test_the_occasion_pulls_the_touches_in(self):
        lead = self.visit(occasion_date="2027-03-13")
        self.start(lead)
        self.answer(lead, "2027-03-09")
        # note and gift must both land two days before the occasion: the note comes a day early, on the 10th
        self.assertEqual(self.iso(lead.followup_next_date), "2027-03-10")

    def test_a_far_occasion_changes_nothing(self):
        lead = self.visit(occasion_date="2027-06-01")
        self.assertEqual(self.iso(self.start(lead).date_scheduled), "2027-03-09")

    def test_once_the_occasion_has_passed_the_chain_stops_with_a_message(self):
        lead = self.visit(occasion_date="2027-03-12")
        self.start(lead)
        self.answer(lead, "2027-03-09")
        self.run_cron("2027-03-13")
        self.assertEqual(lead.followup_state, "stopped")
        self.assertIn("occasion has passed", lead.message_ids[0].body)
        self.assertEqual(len(lead.followup_attempt_ids), 1)

    def test_a_chain_cannot_start_after_the_occasion(self):
        lead = self.visit(occasion_date="2027-03-01")
        with self.assertRaisesRegex(self.USER_ERROR, "has passed"):
            self.start(lead)

    def test_start_refusal_for_many_leads_names_each(self):
        late = self.visit(name="Late", occasion_date="2027-03-01")
        fine = self.visit(name="Fine")
        refused = self.engine(VISIT_DAY)._start(late | fine, raise_on_error=False)
        self.assertEqual(list(refused), [late.id])
        self.assertEqual(fine.followup_state, "running")


class ManagersScenarios(ChainCourse):

    def test_a_reassigned_lead_takes_its_waiting_call_to_the_new_salesperson(self):
        lead = self.visit()
        call = self.start(lead)
        demo = self.env.ref("base.user_demo")
        lead.user_id = demo
        self.assertEqual(call.user_id, demo)
        self.assertEqual(call.activity_id.user_id, demo)

    def test_starting_from_the_list_starts_every_selected_lead(self):
        leads = self.visit(name="A") | self.visit(name="B")
        action = self.env.ref("jewellery_followup.crm_lead_action_start_followup")
        self.set_clock(VISIT_DAY)
        action.with_context(active_model="crm.lead", active_ids=leads.ids).run()
        self.assertEqual(leads.mapped("followup_state"), ["running", "running"])

    def test_conversion_per_step_is_one_pivot_away(self):
        lead = self.visit()
        self.start(lead)
        self.answer(lead, "2027-03-09")
        self.run_cron("2027-03-11")
        self.answer(lead, "2027-03-11", "appointment", appointment_start="2027-03-12 15:00:00")
        groups = self.env["jewellery.followup.attempt"].read_group(
            [("lead_id", "=", lead.id)], ["kind", "outcome"], ["kind", "outcome"], lazy=False)
        self.assertEqual(sorted((g["kind"], g["outcome"], g["__count"]) for g in groups),
                         [("call", "no_answer", 1), ("note", "appointment", 1)])

    def test_an_unknown_outcome_is_refused_naming_the_choices(self):
        lead = self.visit()
        call = self.start(lead)
        with self.assertRaisesRegex(self.USER_ERROR, r'"maybe".*Appointment booked \(appointment\)'):
            call.action_record_outcome("maybe")
        self.assertEqual(call.state, "scheduled")

    def test_gift_spend_is_weighed_against_the_monthly_budget(self):
        self.chain.gift_budget = 500
        gift = self.reach_gift(self.visit())
        gift.gift_value = 120
        chain = self.on("2027-03-20", self.chain)
        self.fresh()
        self.assertEqual((chain.gift_spent, chain.gift_budget_left), (120.0, 380.0))
        april = self.on("2027-04-02", self.chain)
        self.fresh()
        self.assertEqual(april.gift_spent, 0.0)

    def test_a_gift_cannot_cost_less_than_nothing(self):
        lead = self.visit()
        call = self.start(lead)
        with self.assertRaises(psycopg2.IntegrityError), self.quiet("odoo.sql_db"), self.env.cr.savepoint():
            call.write({"gift_value": -5})
            self.flush()


class ChainStateInTheChatterScenarios(ChainCourse):

    def tracked_states(self, lead):
        """The follow-up state changes the chatter shows, oldest first."""
        self.post_tracking()
        return [(old, new) for field, old, new in self.tracking_values(lead.sudo().message_ids)
                if field == "followup_state"]

    def test_starting_answering_and_stopping_are_tracked_like_any_field(self):
        lead = self.visit().with_context(tracking_disable=False)
        # the lead was made at an earlier visit (Odoo 18 tracks no change of a record created in the transaction)
        self.post_tracking()
        self.on(VISIT_DAY, lead).action_start_followup()
        self.answer(lead, "2027-03-09")
        lead.action_stop_followup()
        self.assertEqual(self.tracked_states(lead), [("Not started", "Running"), ("Running", "Stopped")],
                         "an unanswered call keeps the chain running: nothing to track")
