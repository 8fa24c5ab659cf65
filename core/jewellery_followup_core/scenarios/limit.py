# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Never more than three contacts per customer, whatever path asks for a fourth."""
import psycopg2


class LimitScenarios(object):

    def test_a_fourth_start_is_refused_with_the_reason(self):
        lead = self.make_lead()
        self.exhaust(lead)
        self.reopen(lead)
        with self.assertRaisesRegex(self.USER_ERROR, "already had 3 follow-up contacts"):
            self.start(lead, "2027-03-20")
        self.assertEqual(len(self.attempts_of(lead)), 3)

    def test_restarting_or_switching_chains_goes_on_counting(self):
        lead = self.make_lead()
        self.start(lead)
        lead.action_stop_followup()
        other = self.env["jewellery.followup.chain"].create({
            "name": "Calls only",
            "step_ids": [(0, 0, {"sequence": n, "kind": "call", "summary": "Call %s" % n,
                                 "activity_type_id": self.env.ref(
                                     "jewellery_followup.mail_activity_type_call").id,
                                 "delay_days": 1}) for n in (1, 2, 3)],
        })
        lead.followup_chain_id = other
        second = self.start(lead, "2027-03-10")
        self.assertEqual((second.attempt_no, second.summary), (2, "Call 2"))
        self.assertEqual(lead.followup_contact_count, 2)

    def test_nobody_creates_an_attempt_by_hand_not_even_a_manager(self):
        lead = self.make_lead()
        for user in (self.salesperson, self.manager):
            with self.assertRaises(self.ACCESS_ERROR):
                self.as_user(self.env["jewellery.followup.attempt"], user).create({
                    "lead_id": lead.id, "kind": "call", "attempt_no": 1, "state": "done"})
        self.fresh()
        self.assertEqual(lead.followup_contact_count, 0)
        self.assertFalse(lead.followup_attempt_ids)

    def test_rpc_cannot_renumber_move_or_close_an_attempt_but_may_write_its_note_and_gift(self):
        lead = self.make_lead()
        call = self.start(lead)
        for values in ({"attempt_no": 1}, {"lead_id": self.make_lead().id}, {"state": "done"},
                       {"outcome": "declined"}):
            for user in (self.salesperson, self.manager):
                with self.assertRaisesRegex(self.ACCESS_ERROR, "change only through the follow-up"):
                    self.as_user(call, user).write(values)
        for values in ({"followup_contact_count": 0}, {"followup_state": "none"}):
            with self.assertRaisesRegex(self.ACCESS_ERROR, "change only through the follow-up"):
                self.as_user(lead, self.salesperson).write(values)
        self.as_user(call, self.salesperson).write({"note": "Prefers mornings", "gift_value": 0})
        self.fresh()
        self.assertEqual((call.state, call.outcome, call.note, lead.followup_state),
                         ("scheduled", False, "Prefers mornings", "running"))

    def test_the_database_refuses_a_fourth_attempt_and_a_lower_count_even_behind_the_orm(self):
        lead = self.make_lead()
        self.exhaust(lead)
        self.flush()
        with self.quiet("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError), self.env.cr.savepoint():
            self.env.cr.execute("""
                INSERT INTO jewellery_followup_attempt (lead_id, attempt_no, kind, state)
                VALUES (%s, 4, 'call', 'done')""", (lead.id,))
        with self.quiet("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError), self.env.cr.savepoint():
            self.env.cr.execute("UPDATE crm_lead SET followup_contact_count = 0 WHERE id = %s", (lead.id,))
        fresh = self.make_lead(name="Fresh")
        self.flush()
        self.env.cr.execute("""
            INSERT INTO jewellery_followup_attempt (lead_id, attempt_no, kind, state)
            VALUES (%s, 1, 'call', 'done')""", (fresh.id,))
        with self.quiet("odoo.sql_db"), self.assertRaises(psycopg2.IntegrityError), self.env.cr.savepoint():
            self.env.cr.execute("""
                INSERT INTO jewellery_followup_attempt (lead_id, attempt_no, kind, state)
                VALUES (%s, 1, 'call', 'done')""", (fresh.id,))

    def test_a_duplicated_lead_inherits_the_count_not_the_history(self):
        lead = self.make_lead()
        self.exhaust(lead)
        self.reopen(lead)
        copy = lead.copy()
        self.assertEqual(copy.followup_contact_count, 3)
        self.assertEqual(copy.followup_state, "none")
        self.assertFalse(copy.followup_attempt_ids, "the history stays with the original")
        with self.assertRaisesRegex(self.USER_ERROR, "already had 3"):
            self.start(copy, "2027-03-20")

    def test_a_duplicated_lead_continues_where_the_original_was(self):
        lead = self.make_lead()
        self.start(lead)
        lead.action_stop_followup()
        attempt = self.start(lead.copy(), "2027-03-10")
        self.assertEqual((attempt.attempt_no, attempt.kind), (2, "note"))

    def test_deleting_attempts_buys_no_contact_and_an_open_touch_cannot_be_deleted(self):
        lead = self.make_lead()
        attempt = self.start(lead)
        with self.assertRaisesRegex(self.USER_ERROR, "cannot be deleted"):
            self.as_user(attempt, self.manager).unlink()
        self.answer(lead, "2027-03-09")
        self.as_user(self.attempts_of(lead), self.manager).unlink()
        self.fresh()
        self.assertEqual(lead.followup_contact_count, 1, "a contact that happened still counts")
        lead.action_stop_followup()
        self.assertEqual(self.start(lead, "2027-03-10").attempt_no, 2)

    def test_the_job_never_schedules_a_fourth(self):
        lead = self.make_lead()
        self.exhaust(lead)
        self.reopen(lead)
        self.flush()
        self.env.cr.execute(
            "UPDATE crm_lead SET followup_state = 'running', followup_next_date = %s WHERE id = %s",
            ("2027-03-06", lead.id))
        self.fresh()
        self.run_cron("2027-03-30")
        self.fresh()
        self.assertEqual(len(self.attempts_of(lead)), 3)
        self.assertEqual(lead.followup_state, "exhausted")

    def test_a_chain_holds_at_most_three_steps(self):
        with self.assertRaisesRegex(self.VALIDATION_ERROR, "never contacted more than 3 times"):
            self.chain.write({"step_ids": [(0, 0, {
                "kind": "call", "summary": "A fourth call",
                "activity_type_id": self.env.ref("jewellery_followup.mail_activity_type_call").id,
            })]})
            self.flush()

    def test_only_one_touch_waits_at_a_time(self):
        lead = self.make_lead()
        self.start(lead)
        with self.assertRaisesRegex(self.USER_ERROR, "is already following its chain"):
            self.start(lead)

    def test_merging_adds_the_contacts_keeps_every_attempt_and_one_open_touch(self):
        first = self.make_lead(name="Ring, first visit")
        self.start(first)
        self.answer(first, "2027-03-09")
        second = self.make_lead(name="Ring, second visit", occasion_date="2027-06-01", stone_cut="excellent")
        self.start(second, "2027-03-10")
        self.answer(second, "2027-03-11")
        third = self.make_lead(name="Ring, third visit")
        self.start(third, "2027-03-12")
        head = self.merge(first | second | third, self.manager)
        self.fresh()
        attempts = self.attempts_of(head)
        self.assertEqual(attempts.mapped("attempt_no"), [1, 2, 3], "renumbered by date")
        self.assertEqual(head.followup_contact_count, 3)
        # three contacts in all, the third being the open call of the third visit: it stays, nothing after it
        self.assertEqual(attempts.filtered(lambda attempt: attempt.state == "scheduled"), attempts[2])
        self.assertEqual(head.followup_state, "running")
        self.assertEqual(head.stone_cut, "excellent", "an empty jewellery field is filled from the others")
        self.assertEqual(self.followup_activities(head), attempts[2].activity_id)
        self.answer(head, "2027-03-16")
        self.fresh()
        self.assertEqual(head.followup_state, "exhausted")
        self.assertEqual(self.run_cron("2027-03-30"), 0)
        self.assertEqual(head.followup_contact_count, 3)

    def test_merging_two_running_leads_keeps_one_open_touch(self):
        first = self.make_lead(name="Bracelet, first")
        self.start(first)
        second = self.make_lead(name="Bracelet, second")
        self.start(second)
        head = self.merge(first | second, self.manager)
        self.fresh()
        self.assertEqual(head.followup_contact_count, 2)
        self.assertEqual(len(self.scheduled(head)), 1)
        self.assertEqual(self.followup_activities(head), self.scheduled(head).activity_id)
        self.assertEqual(head.followup_state, "running")
