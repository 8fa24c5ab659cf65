# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The follow-up keeps its promises on every path Odoo gives a user or a script, for real users of each sales
group (never the administrator): the engine cannot be called over RPC, attempts are the engine's own, a
salesperson acts only on the leads they may see, merging opportunities never buys a fourth contact, every
answer stops the chain at once, and the chatter never renders what a user typed as HTML."""
from jewellery_followup_core.scenarios import VISIT_DAY

ENGINE = "jewellery.followup.engine"
PRIVATE_ENGINE_METHODS = ("_start", "_stop", "_advance", "_reassign", "_record_outcome", "_merge")
# What an attempt keeps for the engine alone, with a value a script might try to put there.
ENGINE_ATTEMPT_VALUES = (
    ("state", "done"),
    ("state", "cancelled"),
    ("outcome", "purchased"),
    ("attempt_no", 3),
    ("user_id", "peer"),
    ("date_scheduled", "2027-03-20"),
    ("activity_id", False),
    ("lead_id", "other lead"),
)
CALL_DAY = "2027-03-09"


class PublicApiScenarios(object):

    def test_the_engine_refuses_its_private_methods_over_rpc(self):
        lead = self.lead_of(self.own)
        for name in PRIVATE_ENGINE_METHODS:
            with self.assertRaisesRegex(self.ACCESS_ERROR, "Private methods"):
                self.check_method_name(name)
            for user in (self.own, self.all_leads, self.manager, self.stranger):
                # what Odoo's /xmlrpc/2/object and /web/dataset/call_kw do with a method name
                with self.assertRaisesRegex(self.ACCESS_ERROR, r"Private methods \(such as %s\)" % name):
                    self.execute_kw(user, ENGINE, name, [[lead.id]])
        self.assertEqual(lead.followup_state, "none")
        self.assertFalse(self.attempts_of(lead))

    def test_the_engine_has_no_public_method_of_its_own(self):
        engine_class = type(self.env[ENGINE])
        # Odoo's own methods of every model: BaseModel's and those installed addons add to all models ("base",
        # which inherits BaseModel's)
        odoo_own = set(dir(type(self.env["base"])))
        public = sorted(
            name for name in dir(engine_class)
            if not name.startswith("_") and name not in odoo_own
            and callable(getattr(engine_class, name, None)))
        self.assertEqual(public, [], "every engine method must be private, so that RPC cannot call it")

    def test_the_documented_methods_are_the_way_in(self):
        lead = self.lead_of(self.own)
        Lead = self.as_user(self.env["crm.lead"], self.own)
        self.set_clock(VISIT_DAY)
        self.assertTrue(self.call_kw(Lead, "action_start_followup", [[lead.id]], {}))
        attempt = self.open_attempts(lead)
        self.assertEqual((len(attempt), attempt.attempt_no, attempt.user_id), (1, 1, self.own))
        self.set_clock(CALL_DAY)
        Attempt = self.as_user(self.env["jewellery.followup.attempt"], self.own)
        self.assertTrue(self.call_kw(Attempt, "action_record_outcome", [[attempt.id], "no_answer"],
                                     {"note": "Voicemail"}))
        self.assertEqual((attempt.state, attempt.outcome, attempt.note), ("done", "no_answer", "Voicemail"))
        self.assertTrue(self.call_kw(Lead, "action_stop_followup", [[lead.id]], {}))
        self.assertEqual(self.snapshot(lead)["lead"]["followup_state"], "stopped")


class EngineOwnsAttemptsScenarios(object):

    def running_call(self, owner=None):
        owner = owner or self.own
        lead = self.lead_of(owner)
        self.start(lead)
        return lead, self.open_attempts(lead)

    def test_nobody_creates_an_attempt_not_even_a_manager(self):
        lead = self.lead_of(self.own)
        values = {"lead_id": lead.id, "kind": "call", "attempt_no": 1, "state": "done", "outcome": "no_answer"}
        for user in (self.own, self.all_leads, self.manager):
            with self.assertRaises(self.ACCESS_ERROR):
                self.as_user(self.env["jewellery.followup.attempt"], user).create(dict(values))
        self.assertFalse(self.attempts_of(lead))
        self.assertEqual(self.snapshot(lead)["lead"]["followup_contact_count"], 0)

    def test_nobody_copies_an_attempt(self):
        lead, call = self.running_call()
        before = self.snapshot(lead)
        for user in (self.own, self.all_leads, self.manager):
            with self.assertRaises(self.ACCESS_ERROR):
                self.call_kw(self.as_user(self.env["jewellery.followup.attempt"], user), "copy",
                             [call.id], {"default": {"state": "done"}})
        self.assertEqual(self.snapshot(lead), before)

    def test_salespeople_cannot_delete_attempts(self):
        lead, call = self.running_call()
        self.answer(lead, CALL_DAY)
        for user in (self.own, self.all_leads):
            with self.assertRaises(self.ACCESS_ERROR):
                self.as_user(call, user).unlink()
        self.assertEqual(self.attempts_of(lead).read(["state", "outcome"])[0],
                         {"id": call.id, "state": "done", "outcome": "no_answer"})

    def test_an_open_touch_cannot_be_deleted_not_even_by_a_manager(self):
        lead, call = self.running_call()
        before = self.snapshot(lead)
        for user in (self.own, self.all_leads):
            with self.assertRaises(self.REFUSALS):
                self.as_user(call, user).unlink()
        with self.assertRaisesRegex(self.USER_ERROR, "open follow-up touch cannot be deleted"):
            self.as_user(call, self.manager).unlink()
        self.assertEqual(self.snapshot(lead), before)

    def test_a_salesperson_writes_the_note_and_the_gift(self):
        lead, call = self.running_call()
        photo = self.as_user(self.env["ir.attachment"], self.own).create({
            "name": "ring.png", "res_model": "crm.lead", "res_id": lead.id, "datas": "iVBORw0KGgo=",
            "mimetype": "image/png"})
        self.as_user(call, self.own).write({"note": "Prefers mornings", "gift_description": "Dinner for two",
                                            "gift_value": 80.0, "gift_attachment_id": photo.id})
        seen = self.as_user(call, self.own).read(
            ["note", "gift_description", "gift_value", "gift_attachment_id", "state"])[0]
        self.assertEqual((seen["note"], seen["gift_description"], seen["gift_value"], seen["gift_attachment_id"][0],
                          seen["state"]), ("Prefers mornings", "Dinner for two", 80.0, photo.id, "scheduled"))
        self.assertEqual(self.snapshot(lead)["lead"]["followup_state"], "running")

    def test_nobody_writes_what_the_engine_decides_on_an_attempt(self):
        lead, call = self.running_call()
        other = self.lead_of(self.own, name="Another visit")
        real = {"peer": self.peer.id, "other lead": other.id}
        before = self.snapshot(lead)
        for user in (self.own, self.all_leads, self.manager):
            for name, value in ENGINE_ATTEMPT_VALUES:
                with self.assertRaisesRegex(self.ACCESS_ERROR, "change only through the follow-up"):
                    self.as_user(call, user).write({name: real.get(value, value)})
                # the note may not carry a forbidden field in with it
                with self.assertRaises(self.ACCESS_ERROR):
                    self.as_user(call, user).write({"note": "sneaked in", name: real.get(value, value)})
        after = self.snapshot(lead)
        self.assertEqual(after, before)
        self.assertEqual(after["attempts"][0]["state"], "scheduled")
        self.assertEqual(after["lead"]["followup_state"], "running")
        self.assertEqual(len(after["activities"]), 1, "the call is still on the salesperson's list")
        self.assertFalse(self.attempts_of(other))

    def test_a_manager_deleting_the_third_attempt_buys_no_fourth_contact(self):
        lead = self.lead_of(self.own)
        self.exhaust(lead)
        self.assertEqual(self.snapshot(lead)["lead"]["followup_contact_count"], 3)
        third = self.attempts_of(lead)[-1]
        self.as_user(third, self.manager).unlink()
        as_manager = self.as_user(lead, self.manager)
        self.reopen(as_manager)
        with self.assertRaisesRegex(self.USER_ERROR, "already had 3 follow-up contacts"):
            self.start(as_manager, "2027-03-20")
        self.run_cron("2027-03-23")
        snap = self.snapshot(lead)
        self.assertEqual([attempt["attempt_no"] for attempt in snap["attempts"]], [1, 2])
        self.assertEqual(snap["lead"]["followup_contact_count"], 3, "deleting history never lowers the count")
        self.assertFalse(snap["activities"], "the customer gets no fourth contact")

    def test_a_manager_deleting_every_attempt_buys_no_fourth_contact(self):
        lead = self.lead_of(self.own)
        self.exhaust(lead)
        self.as_user(self.attempts_of(lead), self.manager).unlink()
        self.reopen(self.as_user(lead, self.manager))
        for user in (self.own, self.manager):
            with self.assertRaisesRegex(self.USER_ERROR, "already had 3 follow-up contacts"):
                self.start(self.as_user(lead, user), "2027-03-20")
        self.assertFalse(self.attempts_of(lead))
        self.assertFalse(self.followup_activities(lead))

    def test_a_copy_of_a_lead_inherits_its_contacts_whatever_default_is_asked(self):
        lead = self.lead_of(self.own)
        self.exhaust(lead)
        self.reopen(lead)
        Lead = self.as_user(self.env["crm.lead"], self.own)
        for default in (None, {"followup_contact_count": 0}, {"followup_state": "running"},
                        {"followup_contact_count": 0, "followup_state": "none", "followup_next_date": False}):
            kwargs = {"default": default} if default is not None else {}
            copy_id = self.call_kw(Lead, "copy", [lead.id], kwargs)
            copy = Lead.browse(copy_id)
            self.assertEqual((copy.followup_contact_count, copy.followup_state), (3, "none"))
            self.assertFalse(copy.followup_attempt_ids, "the history stays with the original")
            with self.assertRaisesRegex(self.USER_ERROR, "already had 3 follow-up contacts"):
                self.start(copy, "2027-03-20")
            self.assertFalse(self.attempts_of(copy))
            self.assertFalse(self.followup_activities(copy))

    def test_nobody_writes_the_followup_fields_of_a_lead(self):
        lead, _call = self.running_call()
        before = self.snapshot(lead)
        for user in (self.own, self.all_leads, self.manager, self.stranger):
            for values in ({"followup_state": "none"}, {"followup_state": "exhausted"},
                           {"followup_next_date": "2027-03-10"}, {"followup_contact_count": 0},
                           {"followup_contact_count": 5}, {"name": "Renamed", "followup_contact_count": 0}):
                with self.assertRaisesRegex(self.ACCESS_ERROR, "change only through the follow-up"):
                    self.call_kw(self.as_user(self.env["crm.lead"], user), "write", [[lead.id], values], {})
        self.assertEqual(self.snapshot(lead), before)

    def test_nobody_creates_a_lead_with_a_chain_already_running(self):
        Lead = self.env["crm.lead"]
        for user in (self.own, self.all_leads, self.manager):
            for values in ({"followup_state": "running"}, {"followup_contact_count": 0.5},
                           {"followup_next_date": "2027-03-10"},
                           {"followup_attempt_ids": [(0, 0, {"kind": "call", "attempt_no": 1})]}):
                count = Lead.sudo().with_context(active_test=False).search_count([])
                with self.assertRaisesRegex(self.ACCESS_ERROR, "change only through the follow-up"):
                    self.call_kw(self.as_user(Lead, user), "create", [self.lead_values(user_id=user.id, **values)], {})
                self.assertEqual(Lead.sudo().with_context(active_test=False).search_count([]), count)

    def test_a_lead_created_with_the_defaults_spelled_out_is_accepted(self):
        lead = self.lead_of(self.own, followup_state="none", followup_contact_count=0, followup_attempt_ids=[])
        self.assertEqual((lead.followup_state, lead.followup_contact_count), ("none", 0))

    def test_one2many_commands_on_the_attempts_are_refused(self):
        lead, call = self.running_call()
        before = self.snapshot(lead)
        commands = (
            [(0, 0, {"kind": "call", "attempt_no": 2, "state": "done"})],
            [(1, call.id, {"state": "done"})],
            [(1, call.id, {"note": "only the note"})],
            [(2, call.id)],
            [(3, call.id)],
            [(5,)],
            [(6, 0, [])],
        )
        for user in (self.own, self.all_leads, self.manager):
            for command in commands:
                with self.assertRaisesRegex(self.ACCESS_ERROR, "change only through the follow-up"):
                    self.call_kw(self.as_user(self.env["crm.lead"], user), "write",
                                 [[lead.id], {"followup_attempt_ids": command}], {})
        self.assertEqual(self.snapshot(lead), before)

    def test_an_import_of_the_followup_fields_through_load_changes_nothing(self):
        lead, _call = self.running_call()
        before = self.snapshot(lead)
        for user in (self.own, self.manager):
            with self.quiet("odoo.models"):
                result = self.as_user(self.env["crm.lead"], user).load(
                    [".id", "followup_contact_count", "followup_state"], [[str(lead.id), "0", "none"]])
            self.assertFalse(result["ids"])
            self.assertTrue(any("change only through the follow-up" in message["message"]
                                for message in result["messages"]), result["messages"])
            with self.quiet("odoo.models"):
                result = self.as_user(self.env["jewellery.followup.attempt"], user).load(
                    ["lead_id/.id", "attempt_no", "kind", "state"], [[str(lead.id), "2", "call", "done"]])
            self.assertFalse(result["ids"])
        self.assertEqual(self.snapshot(lead), before)


class WhoActsScenarios(object):

    def test_a_salesperson_cannot_start_a_colleagues_chain(self):
        lead = self.lead_of(self.peer)
        before = self.snapshot(lead)
        self.set_clock(VISIT_DAY)
        self.assertFalse(self.as_user(self.env["crm.lead"], self.own).search([("id", "=", lead.id)]),
                         "a colleague's lead is not in her lists")
        with self.assertRaises(self.ACCESS_ERROR):
            self.as_user(lead, self.own).action_start_followup()
        self.assertEqual(self.snapshot(lead), before)

    def test_a_salesperson_cannot_stop_or_answer_a_colleagues_chain(self):
        lead = self.lead_of(self.peer)
        call = self.start(lead)
        before = self.snapshot(lead)
        self.set_clock(CALL_DAY)
        self.assertFalse(self.as_user(self.env["jewellery.followup.attempt"], self.own).search([("id", "=", call.id)]))
        with self.assertRaises(self.ACCESS_ERROR):
            self.as_user(lead, self.own).action_stop_followup()
        for outcome in ("no_answer", "purchased", "declined"):
            with self.assertRaises(self.ACCESS_ERROR):
                self.as_user(call, self.own).action_record_outcome(outcome, note="not mine")
        with self.assertRaises(self.ACCESS_ERROR):
            self.as_user(call, self.own).write({"note": "not mine"})
        with self.assertRaises(self.ACCESS_ERROR):
            self.as_user(lead, self.own).write({"opt_out": True})
        self.assertEqual(self.snapshot(lead), before)

    def test_all_leads_salespeople_and_managers_act_on_a_colleagues_lead(self):
        for actor in (self.all_leads, self.manager):
            lead = self.as_user(self.lead_of(self.own), actor)
            call = self.start(lead)
            self.assertEqual((call.attempt_no, call.user_id), (1, self.own),
                             "the call lands on the lead's salesperson's list, not on %s's" % actor.name)
            self.assertEqual(self.followup_activities(lead).user_id, self.own)
            self.set_clock(CALL_DAY)
            self.as_user(call, actor).action_record_outcome("no_answer", note="Called for Olga")
            self.assertEqual((call.state, call.note), ("done", "Called for Olga"))
            lead.action_stop_followup()
            snap = self.snapshot(lead)
            self.assertEqual(snap["lead"]["followup_state"], "stopped")
            self.assertIn("Follow-up stopped by %s." % actor.name, lead.message_ids[0].body)

    def test_the_other_company_cannot_answer_or_see_our_attempts(self):
        lead = self.lead_of(self.all_leads)
        call = self.start(lead)
        before = self.snapshot(lead)
        Attempt = self.as_user(self.env["jewellery.followup.attempt"], self.stranger)
        self.assertFalse(Attempt.search([("lead_id", "=", lead.id)]))
        self.set_clock(CALL_DAY)
        with self.assertRaises(self.ACCESS_ERROR):
            self.as_user(call, self.stranger).action_record_outcome("purchased")
        with self.assertRaises(self.ACCESS_ERROR):
            self.as_user(call, self.stranger).write({"note": "from the other store"})
        self.assertEqual(self.snapshot(lead), before)

    def test_our_salespeople_cannot_answer_the_other_companys_attempts(self):
        theirs = self.lead_of(self.stranger)
        call = self.start(theirs)
        before = self.snapshot(theirs)
        self.set_clock(CALL_DAY)
        for user in (self.own, self.all_leads, self.manager):
            self.assertFalse(self.as_user(self.env["jewellery.followup.attempt"], user).search([("id", "=", call.id)]))
            with self.assertRaises(self.ACCESS_ERROR):
                self.as_user(call, user).action_record_outcome("declined")
        self.assertEqual(self.snapshot(theirs), before)

    def test_the_other_company_cannot_find_or_stop_our_chains(self):
        lead = self.lead_of(self.all_leads)
        self.start(lead)
        before = self.snapshot(lead)
        found = self.as_user(self.env["crm.lead"], self.stranger).search([("id", "=", lead.id)])
        refused = False
        try:
            with self.env.cr.savepoint():
                self.as_user(lead, self.stranger).action_stop_followup()
        except self.ACCESS_ERROR:
            refused = True
        self.assertEqual((found.ids, refused, self.snapshot(lead)), ([], True, before))

    def test_our_manager_cannot_find_or_stop_the_other_companys_chains(self):
        theirs = self.lead_of(self.stranger)
        self.start(theirs)
        before = self.snapshot(theirs)
        found = self.as_user(self.env["crm.lead"], self.manager).search([("id", "=", theirs.id)])
        refused = False
        try:
            with self.env.cr.savepoint():
                self.as_user(theirs, self.manager).action_stop_followup()
        except self.ACCESS_ERROR:
            refused = True
        self.assertEqual((found.ids, refused, self.snapshot(theirs)), ([], True, before))

    def test_the_import_starts_no_chain_its_user_may_not_start(self):
        """jewellery.followup.import.import_batch(start_followup=True) matches rows to leads by external id,
        whoever they belong to: a row equal to a colleague's lead (nothing to write) must not start its chain."""
        Import = self.env["jewellery.followup.import"]
        row = {"line": 2, "external_id": "pos-4711", "values": {
            "name": "Engagement ring", "contact_name": "Tom Reyes", "email_from": "tom.reyes@example.com",
            "user_id": self.peer.id}}
        self.set_clock(VISIT_DAY)
        created = self.as_user(Import, self.peer).import_batch([row])
        lead = self.env["crm.lead"].browse(created[0]["id"])
        before = self.snapshot(lead)
        for user in (self.own, self.stranger):
            try:
                result = self.as_user(Import, user).import_batch([row], start_followup=True)[0]
            except self.ACCESS_ERROR:
                result = {"followup": "refused by Odoo"}
            self.assertNotEqual(result.get("followup"), "started", result)
            self.assertEqual(self.snapshot(lead), before)

    def test_the_import_tells_nothing_of_a_colleagues_lead(self):
        Import = self.env["jewellery.followup.import"]
        self.as_user(Import, self.peer).import_batch([{"line": 2, "external_id": "pos-9", "values": {
            "name": "Ring", "budget_max": 5000.0, "user_id": self.peer.id}}])
        answers = {}
        for guess in (4000.0, 5000.0):
            result = self.as_user(Import, self.own).import_batch([{"line": 2, "external_id": "pos-9", "values": {
                "name": "Ring", "budget_max": guess}}])[0]
            answers[guess] = (result["status"], result["message"])
        self.assertEqual(answers[4000.0], answers[5000.0], "a wrong and a right guess get the same answer")


class MergeScenarios(object):
    """Leads of two salespeople (Olga and Paul) for one customer, merged by Nora ("all leads") or Maud
    (manager) with Odoo's own merge."""

    def running_call(self, owner, day=VISIT_DAY):
        """1 contact: the call is waiting."""
        lead = self.lead_of(owner)
        self.start(lead, day)
        return lead

    def running_note(self, owner):
        """2 contacts: the call went unanswered, the note is waiting."""
        lead = self.running_call(owner)
        self.answer(lead, CALL_DAY)
        self.run_cron("2027-03-11")
        return lead

    def stopped_after_call(self, owner):
        """1 contact, nothing running."""
        lead = self.running_call(owner)
        lead.action_stop_followup()
        return lead

    def exhausted(self, owner, **values):
        """3 contacts, lost (archived)."""
        lead = self.lead_of(owner, **values)
        self.exhaust(lead)
        return lead

    def merged_by(self, actor, leads, day="2027-03-20"):
        """Odoo's merge, as ``actor``: returns the surviving lead, as the actor, and what was there before."""
        self.set_clock(day)
        before = {"attempts": self.env["jewellery.followup.attempt"].sudo().search(
                      [("lead_id", "in", [lead.id for lead in leads])]).ids,
                  "made": sum(self.snapshot(lead)["lead"]["followup_contact_count"] for lead in leads),
                  "leads": [lead.id for lead in leads]}
        Lead = self.as_user(self.env["crm.lead"], actor).with_context(active_test=False)
        head = Lead.browse(before["leads"]).merge_opportunity()
        return head, before

    def assert_merged(self, head, before):
        snap = self.snapshot(head)
        self.assertFalse(self.env["crm.lead"].sudo().with_context(active_test=False).search(
            [("id", "in", [lead_id for lead_id in before["leads"] if lead_id != head.id])]),
            "the other leads are gone")
        attempt_ids = sorted(attempt["id"] for attempt in snap["attempts"])
        self.assertEqual(attempt_ids, sorted(before["attempts"]), "every attempt of every lead is on the survivor")
        by_number = sorted(snap["attempts"], key=lambda attempt: attempt["attempt_no"])
        self.assertEqual([attempt["attempt_no"] for attempt in by_number], list(range(1, len(by_number) + 1)))
        dates = [attempt["date_done"] or attempt["date_scheduled"] for attempt in by_number]
        self.assertEqual(dates, sorted(dates), "attempts are numbered by date")
        self.assertEqual(snap["lead"]["followup_contact_count"], before["made"])
        scheduled = [attempt for attempt in snap["attempts"] if attempt["state"] == "scheduled"]
        self.assertLessEqual(len(scheduled), 1)
        if scheduled:
            self.assertEqual(snap["lead"]["followup_state"], "running")
            self.assertEqual([activity["id"] for activity in snap["activities"]], [scheduled[0]["activity_id"][0]],
                             "the open touch's activity moved to the survivor")
        else:
            self.assertFalse(snap["activities"])
        return snap

    def assert_no_new_contact(self, head, day="2027-03-23"):
        """Three contacts or more were made with this customer: nothing new is ever scheduled."""
        made = self.snapshot(head)["lead"]["followup_contact_count"]
        self.assertGreaterEqual(made, 3)
        contacts = len(self.attempts_of(head))
        with self.assertRaises(self.USER_ERROR):
            self.start(head, day)
        open_touch = self.open_attempts(head)
        if open_touch:
            self.on(day, self.as_user(open_touch, head.env.user)).action_record_outcome("no_answer")
        for cron_day in (day, "2027-03-30", "2027-04-06"):
            self.run_cron(cron_day)
        self.reopen(head)
        with self.assertRaisesRegex(self.USER_ERROR, "already had 3 follow-up contacts"):
            self.start(head, "2027-04-10")
        self.run_cron("2027-04-13")
        snap = self.snapshot(head)
        self.assertEqual(len(snap["attempts"]), contacts, "no new attempt after the merge")
        self.assertFalse([attempt for attempt in snap["attempts"] if attempt["state"] == "scheduled"])
        self.assertFalse(snap["activities"])
        self.assertEqual(snap["lead"]["followup_contact_count"], made)

    def test_two_running_chains_merge_into_one_that_ends_at_three_contacts(self):
        for actor in (self.all_leads, self.manager):
            olga = self.running_call(self.own)
            paul = self.running_call(self.peer)
            head, before = self.merged_by(actor, [olga, paul], day="2027-03-08")
            self.assertEqual(head, olga)
            snap = self.assert_merged(head, before)
            self.assertEqual(snap["lead"]["followup_contact_count"], 2)
            self.assertEqual(len([a for a in snap["attempts"] if a["state"] == "scheduled"]), 1)
            # the chain goes on from the merged count: one more touch, the third, and no more
            self.answer(head, CALL_DAY)
            self.run_cron("2027-03-18")
            third = self.open_attempts(head)
            self.assertEqual(third.attempt_no, 3)
            self.answer(head, "2027-03-18")
            self.assert_no_new_contact(head, "2027-03-20")

    def test_two_running_chains_with_three_contacts_in_all_make_no_fourth(self):
        for actor in (self.all_leads, self.manager):
            olga = self.running_note(self.own)
            paul = self.running_call(self.peer, "2027-03-11")
            head, before = self.merged_by(actor, [olga, paul], day="2027-03-12")
            snap = self.assert_merged(head, before)
            self.assertEqual(snap["lead"]["followup_contact_count"], 3)
            self.assert_no_new_contact(head)

    def test_a_running_chain_merged_with_an_exhausted_lead_makes_no_new_contact(self):
        for actor in (self.all_leads, self.manager):
            olga = self.lead_of(self.own)
            paul = self.exhausted(self.peer)
            self.start(olga, "2027-03-20")
            head, before = self.merged_by(actor, [olga, paul], day="2027-03-21")
            self.assertEqual(head, olga)
            snap = self.assert_merged(head, before)
            self.assertEqual(snap["lead"]["followup_contact_count"], 4)
            self.assertFalse([attempt for attempt in snap["attempts"] if attempt["state"] == "scheduled"],
                             "three contacts were made already: the call waiting on Olga's lead is cancelled")
            self.assertEqual(snap["lead"]["followup_state"], "exhausted")
            self.assert_no_new_contact(head)

    def test_an_exhausted_lead_surviving_a_merge_with_a_running_one_makes_no_new_contact(self):
        # further down the pipeline than Paul's, Olga's lead is the one Odoo keeps (every version weighs the stage
        # first; Odoo 18 would otherwise keep the running one, whose probability is higher)
        later = self.env["crm.stage"].search([("id", "!=", self.won_stage().id)], order="sequence desc", limit=1)
        for actor in (self.all_leads, self.manager):
            olga = self.exhausted(self.own, stage_id=later.id)
            paul = self.running_call(self.peer, "2027-03-20")
            head, before = self.merged_by(actor, [olga, paul], day="2027-03-21")
            self.assertEqual(head, olga)
            self.assert_merged(head, before)
            self.assert_no_new_contact(head)

    def test_two_leads_without_a_running_chain_merge_without_starting_anything(self):
        for actor in (self.all_leads, self.manager):
            olga = self.stopped_after_call(self.own)
            paul = self.exhausted(self.peer)
            head, before = self.merged_by(actor, [olga, paul])
            snap = self.assert_merged(head, before)
            self.assertEqual(snap["lead"]["followup_contact_count"], 4)
            self.assertNotEqual(snap["lead"]["followup_state"], "running")
            self.assert_no_new_contact(head)

    def test_contacts_whose_attempts_a_manager_deleted_still_count_in_a_merge(self):
        olga = self.running_call(self.own, "2027-03-20")
        paul = self.exhausted(self.peer)
        self.as_user(self.attempts_of(paul)[-1], self.manager).unlink()
        self.assertEqual(len(self.attempts_of(paul)), 2)
        head, before = self.merged_by(self.manager, [olga, paul], day="2027-03-21")
        self.assertEqual(before["made"], 4)
        snap = self.assert_merged(head, before)
        self.assertEqual(len(snap["attempts"]), 3)
        self.assert_no_new_contact(head)

    def test_two_stopped_leads_with_two_contacts_in_all_may_make_the_third(self):
        olga = self.stopped_after_call(self.own)
        paul = self.stopped_after_call(self.peer)
        head, before = self.merged_by(self.manager, [olga, paul])
        snap = self.assert_merged(head, before)
        self.assertEqual(snap["lead"]["followup_contact_count"], 2)
        gift = self.start(head, "2027-03-20")
        self.assertEqual((gift.attempt_no, gift.kind), (3, "gift"))
        self.answer(head, "2027-03-23")
        self.assert_no_new_contact(head, "2027-03-25")

    def test_three_opportunities_merge_into_one_history(self):
        for actor in (self.all_leads, self.manager):
            first = self.running_call(self.own, "2027-03-20")
            second = self.stopped_after_call(self.peer)
            third = self.exhausted(self.own)
            head, before = self.merged_by(actor, [first, second, third], day="2027-03-21")
            snap = self.assert_merged(head, before)
            self.assertEqual(len(snap["attempts"]), 5)
            self.assertEqual(snap["lead"]["followup_contact_count"], 5)
            self.assert_no_new_contact(head)

    def test_the_merge_wizard_keeps_every_attempt(self):
        olga = self.running_call(self.own)
        paul = self.running_note(self.peer)
        self.set_clock("2027-03-12")
        before = {"attempts": self.env["jewellery.followup.attempt"].sudo().search(
            [("lead_id", "in", [olga.id, paul.id])]).ids, "made": 3, "leads": [olga.id, paul.id]}
        wizard = self.as_user(self.env["crm.merge.opportunity"], self.all_leads).with_context(
            active_ids=[olga.id, paul.id], active_model="crm.lead").create({})
        self.assertEqual(sorted(wizard.opportunity_ids.ids), sorted([olga.id, paul.id]))
        wizard.action_merge()
        head = self.as_user(self.env["crm.lead"], self.all_leads).browse(olga.id)
        self.assert_merged(head, before)
        self.assert_no_new_contact(head)


class AnswerStopsChainScenarios(object):
    """Olga, who sees only her own leads, follows her customer; whatever answers, the chain stops at once."""

    def assert_stopped(self, lead, state, reason):
        snap = self.snapshot(lead)
        self.assertEqual(snap["lead"]["followup_state"], state)
        self.assertFalse(snap["lead"]["followup_next_date"])
        self.assertFalse([attempt for attempt in snap["attempts"] if attempt["state"] == "scheduled"],
                         "no touch stays open")
        self.assertFalse(snap["activities"], "nothing stays on anyone's list")
        self.assert_chatter_says(lead, reason)
        self.run_cron("2027-03-30")
        self.assertEqual(self.snapshot(lead)["attempts"], snap["attempts"], "the hourly job starts nothing")

    def stop_paths(self, user):
        won_stage = self.won_stage()
        self.assertTrue(won_stage)
        return [
            ("a customer e-mail", lambda lead: lead.message_post(
                body="Thank you, we will come on Friday", message_type="email",
                author_id=self.customer.id), "stopped", "the customer wrote back by e-mail"),
            ("won", lambda lead: lead.action_set_won(), "won", "Follow-up stopped: the lead is won."),
            ("lost", lambda lead: lead.action_set_lost(), "stopped", "Follow-up stopped: the lead was closed."),
            ("archived", lambda lead: lead.write({"active": False}), "stopped",
             "Follow-up stopped: the lead was closed."),
            ("opted out", lambda lead: lead.write({"opt_out": True}), "opted_out",
             "Follow-up stopped: the customer opted out."),
            ("won stage", lambda lead: lead.write({"stage_id": won_stage.id}), "won",
             "Follow-up stopped: the lead is won."),
            ("activity cancelled", lambda lead: self.scheduled(lead).activity_id.unlink(), "stopped",
             "its activity was cancelled by %s" % user.name),
        ]

    def test_every_answer_stops_the_chain_for_an_own_documents_salesperson(self):
        for label, stop, state, reason in self.stop_paths(self.own):
            with self.subTest(label):
                lead = self.lead_of(self.own)
                self.start(lead)
                self.set_clock("2027-03-08")
                stop(lead)
                self.assert_stopped(lead, state, reason)

    def test_every_answer_stops_the_chain_at_the_second_touch(self):
        for label, stop, state, reason in self.stop_paths(self.own):
            with self.subTest(label):
                lead = self.lead_of(self.own)
                self.start(lead)
                self.answer(lead, CALL_DAY)
                self.run_cron("2027-03-11")
                self.assertEqual(self.open_attempts(lead).kind, "note")
                stop(lead)
                self.assert_stopped(lead, state, reason)

    def test_an_email_between_touches_stops_the_chain_before_the_next_one(self):
        lead = self.lead_of(self.own)
        self.start(lead)
        self.answer(lead, CALL_DAY)
        self.assertTrue(self.snapshot(lead)["lead"]["followup_next_date"], "the note is due later")
        lead.message_post(body="Call me next month", message_type="email", author_id=self.customer.id)
        self.assert_stopped(lead, "stopped", "the customer wrote back by e-mail")

    def test_a_message_from_a_colleague_does_not_stop_the_chain(self):
        lead = self.lead_of(self.own)
        self.start(lead)
        lead.message_post(body="Left a voicemail", message_type="email", author_id=self.peer.partner_id.id)
        lead.message_post(body="Internal note", message_type="comment")
        self.assertEqual(self.snapshot(lead)["lead"]["followup_state"], "running")
        self.assertEqual(len(self.open_attempts(lead)), 1)

    def test_a_call_handed_to_a_colleague_is_cancelled_when_the_lead_is_won(self):
        lead = self.lead_of(self.own)
        call = self.start(lead)
        call.activity_id.write({"user_id": self.peer.id})
        self.assertEqual(self.open_attempts(lead).user_id, self.peer, "the attempt follows its activity")
        lead.action_set_won()
        self.assert_stopped(lead, "won", "Follow-up stopped: the lead is won.")

    def test_an_opt_out_recorded_by_a_colleague_cancels_the_call(self):
        lead = self.lead_of(self.own, user_id=False)
        self.start(lead)
        self.as_user(lead, self.peer).write({"opt_out": True})
        self.assert_stopped(lead, "opted_out", "Follow-up stopped: the customer opted out.")


class ChatterEscapingScenarios(object):

    NAME = '<b>Tom</b> & "Co"'

    def assert_escaped(self, body, raw, escaped):
        self.assertIn(escaped, body)
        self.assertNotIn(raw, body)

    def chatter(self, lead, text):
        self.fresh()
        return [body for body in lead.sudo().message_ids.mapped("body") if text in body]

    def html_chain(self):
        call_type = self.env.ref("jewellery_followup.mail_activity_type_call")
        return self.as_user(self.env["jewellery.followup.chain"], self.manager).create({
            "name": "Calls <u>only</u>",
            "step_ids": [(0, 0, {"sequence": n, "kind": "call", "activity_type_id": call_type.id,
                                 "delay_days": 1, "summary": "<i>Call %s</i> & smile" % n,
                                 "script": "Hello {customer}, about {piece}"}) for n in (1, 2, 3)],
        })

    def test_a_step_summary_is_shown_as_text_when_the_chain_starts_and_an_outcome_is_recorded(self):
        lead = self.lead_of(self.own, followup_chain_id=self.html_chain().id)
        self.start(lead)
        started = self.chatter(lead, "Second-chance follow-up started")
        self.assertEqual(len(started), 1)
        self.assert_escaped(started[0], "<i>Call 1", "&lt;i&gt;Call 1&lt;/i&gt; &amp; smile")
        self.answer(lead, CALL_DAY)
        recorded = self.chatter(lead, "Follow-up attempt 1")
        self.assertEqual(len(recorded), 1)
        self.assert_escaped(recorded[0], "<i>Call 1", "&lt;i&gt;Call 1&lt;/i&gt;")

    def test_a_customer_name_with_markup_is_text_in_the_activity(self):
        lead = self.lead_of(self.own, contact_name=self.NAME, piece_description="<script>x</script> ring",
                            followup_chain_id=self.html_chain().id)
        self.start(lead)
        activity = self.followup_activities(lead)
        self.assert_escaped(activity.note, "<b>Tom", "&lt;b&gt;Tom&lt;/b&gt; &amp;")
        self.assertNotIn("<script>", activity.note)
        self.assertEqual(activity.summary, "<i>Call 1</i> & smile", "the summary is plain text, as typed")

    def test_a_lead_name_with_markup_is_text_in_the_merge_message(self):
        survivor = self.lead_of(self.own)
        self.start(survivor)
        merged = self.lead_of(self.own, name=self.NAME)
        self.start(merged)
        self.set_clock("2027-03-08")
        head = self.as_user(self.env["crm.lead"], self.manager).browse([survivor.id, merged.id]).merge_opportunity()
        self.assertEqual(head.id, survivor.id)
        bodies = self.chatter(head, "Follow-up history merged from")
        self.assertEqual(len(bodies), 1)
        self.assert_escaped(bodies[0], "<b>Tom", "&lt;b&gt;Tom&lt;/b&gt; &amp;")

    def test_a_salesperson_name_with_markup_is_text_when_they_stop_or_cancel(self):
        self.own.sudo().write({"name": "<b>Olga</b> & Co"})
        lead = self.lead_of(self.own)
        self.start(lead)
        lead.action_stop_followup()
        stopped = self.chatter(lead, "Follow-up stopped by")
        self.assertEqual(len(stopped), 1)
        self.assert_escaped(stopped[0], "<b>Olga", "&lt;b&gt;Olga&lt;/b&gt; &amp; Co")
        self.start(lead, "2027-03-10")
        self.scheduled(lead).activity_id.unlink()
        cancelled = self.chatter(lead, "its activity was cancelled by")
        self.assertEqual(len(cancelled), 1)
        self.assert_escaped(cancelled[0], "<b>Olga", "&lt;b&gt;Olga&lt;/b&gt;")
