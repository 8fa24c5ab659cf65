# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A touch the engine schedules (in SQL, scheduler.py) reads, on Odoo 17.0 to 19.0's screens, exactly like the same
activity a salesperson schedules by hand on an identical lead: every derived field of the activity and of the lead,
the followers and their subtypes, the activity counter."""
from freezegun import freeze_time

# What Odoo derives from an activity and shows: on the activity, and on the lead (Next Activities, late colours)
ACTIVITY_FIELDS = ("res_model", "res_model_id", "res_id", "res_name", "user_id", "date_deadline", "active",
                   "state", "date_done", "can_write", "chaining_type", "activity_category")
LEAD_FIELDS = ("activity_state", "activity_date_deadline", "activity_user_id", "activity_type_id",
               "activity_type_icon", "activity_exception_decoration", "my_activity_date_deadline")


class SchedulerDifferentialScenarios:
    def twin(self, lead):
        twin = self.make_lead(name=lead.name + " (twin)")
        return twin

    def read_as(self, user, records, names):
        values = records.with_user(user).read(list(names))[0]
        values.pop("id")
        return values

    def test_an_engine_touch_reads_like_a_hand_made_activity(self):
        lead = self.make_lead()
        twin = self.twin(lead)
        attempt = self.start(lead)
        by_hand = self.env["mail.activity"].with_user(self.salesperson).create({
            "res_model_id": self.env["ir.model"]._get_id("crm.lead"), "res_id": twin.id,
            "activity_type_id": attempt.step_id.activity_type_id.id, "summary": attempt.summary,
            "note": attempt.activity_id.note, "date_deadline": attempt.date_scheduled,
            "user_id": self.salesperson.id})
        self.env.flush_all()
        self.env.invalidate_all()
        for moment in ("2027-03-06 12:00", "2027-03-09 12:00", "2027-03-10 12:00"):  # planned, today, late
            with freeze_time(moment):
                self.env.invalidate_all()
                self.compare(attempt, by_hand, lead, twin)
        self.assertIn(self.salesperson.partner_id, lead.message_partner_ids)
        followers = {twin.id: twin, lead.id: lead}
        subtypes = [self.env["mail.followers"].search([
            ("res_model", "=", "crm.lead"), ("res_id", "=", record.id),
            ("partner_id", "=", self.salesperson.partner_id.id)]).subtype_ids for record in followers.values()]
        self.assertEqual(subtypes[0], subtypes[1])
        # the salesperson's activity counter (the systray) counts both the same way
        self.assertEqual(self.activity_counter(self.salesperson, "crm.lead"), 2)

    def compare(self, attempt, by_hand, lead, twin):
        mine = self.read_as(self.salesperson, attempt.activity_id, ACTIVITY_FIELDS)
        theirs = self.read_as(self.salesperson, by_hand, ACTIVITY_FIELDS)
        for values in (mine, theirs):
            values.pop("res_id"), values.pop("res_name")
        self.assertEqual(mine, theirs)
        self.assertEqual(self.read_as(self.salesperson, lead, LEAD_FIELDS),
                         self.read_as(self.salesperson, twin, LEAD_FIELDS))
