"""The fast scheduler leaves Odoo exactly as Odoo's own ``mail.activity.create`` would.

Each scenario runs twice on the same lead, each time inside a savepoint that is then rolled back: once through
the follow-up engine (SQL fast path), once through the ORM with the same activity values. Every stored column
of the activity and of the lead is compared, but for ids, timestamps and the follow-up's own columns; so are
the lead's followers with their subtypes, the assignee's activity counter and the bus notifications that
refresh it, and what Odoo's screens read (next activity deadline, state, responsible).
"""
import datetime
import html

from followup_common import ClockCase

from odoo import SUPERUSER_ID
from odoo.addons.jewellery_followup import core
from jewellery_followup_core.wording import note_html

# Columns that differ by nature between two runs, or that only the follow-up itself writes.
SKIPPED = {"id", "create_date", "write_date", "message_last_post"}


class Snapshot(Exception):
    """Carries what a path left out of its savepoint, which is rolled back."""

    def __init__(self, state):
        super().__init__("snapshot")
        self.state = state


class TestSchedulerMatchesOdoo(ClockCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.env.user.company_id
        company.resource_calendar_id = cls.env["resource.calendar"].create({
            "name": "Open every day",
            "attendance_ids": [(0, 0, {"name": str(day), "dayofweek": str(day), "hour_from": 9, "hour_to": 19})
                               for day in range(7)],
        })
        cls.salesperson = cls.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Ines Duarte",
            "login": "ines.differential@example.com",
            "email": "ines.differential@example.com",
            # the store's day is the UTC day, which Odoo's own notifications compare due dates with
            "tz": "UTC",
            "groups_id": [(6, 0, [cls.env.ref("sales_team.group_sale_salesman").id])],
        })
        cls.lead = cls.env["crm.lead"].sudo(cls.salesperson).create({
            "name": "Sapphire pendant",
            "type": "opportunity",
            "contact_name": "Rui Matos",
            "email_from": "rui.matos@example.com",
            "user_id": cls.salesperson.id,
            "occasion": "anniversary",
            "stone_type": "sapphire",
        }).sudo()

    def setUp(self):
        super().setUp()
        # the real clock: Odoo's own code compares due dates with the real today (bus notifications, counters)
        self.now = datetime.datetime.utcnow()

    # ------------------------------------------------------------------------------------------ helpers

    def in_savepoint(self, path):
        """Runs ``path``, takes the snapshot of what it left, and rolls it all back."""
        try:
            with self.env.cr.savepoint():
                self.env.cr.execute("SELECT COALESCE(MAX(id), 0) FROM bus_bus")
                bus_before = self.env.cr.fetchone()[0]
                self.env.cache.invalidate()  # each path starts as a new request does
                path()
                raise Snapshot(self.snapshot(bus_before))
        except Snapshot as taken:
            self.env.cache.invalidate()
            return taken.state

    def row(self, table, record_id, skip=()):
        self.env.cr.execute("SELECT * FROM %s WHERE id = %%s" % table, (record_id,))  # noqa: S608 (fixed names)
        names = [column[0] for column in self.env.cr.description]
        return {name: value for name, value in zip(names, self.env.cr.fetchone())
                if name not in SKIPPED and name not in skip and not name.startswith("followup_")}

    def snapshot(self, bus_before):
        self.env.cache.invalidate()
        self.env.cr.execute("SELECT id FROM mail_activity WHERE res_model = 'crm.lead' AND res_id = %s",
                            (self.lead.id,))
        activity_ids = [row[0] for row in self.env.cr.fetchall()]
        self.assertEqual(len(activity_ids), 1, "one activity on the lead")
        self.env.cr.execute("""
            SELECT f.partner_id, array_agg(r.mail_message_subtype_id ORDER BY r.mail_message_subtype_id)
              FROM mail_followers f
              LEFT JOIN mail_followers_mail_message_subtype_rel r ON r.mail_followers_id = f.id
             WHERE f.res_model = 'crm.lead' AND f.res_id = %s
             GROUP BY f.partner_id ORDER BY f.partner_id
        """, (self.lead.id,))
        followers = self.env.cr.fetchall()
        self.env.cr.execute("SELECT channel, message FROM bus_bus WHERE id > %s ORDER BY id", (bus_before,))
        bus = self.env.cr.fetchall()
        seen_by_salesperson = self.lead.sudo(self.salesperson).read([
            "activity_date_deadline", "activity_state", "activity_user_id", "activity_type_id",
            "activity_summary", "kanban_state"])[0]
        counter = self.env["res.users"].sudo(self.salesperson).activity_user_count()
        return {
            "activity": self.row("mail_activity", activity_ids[0]),
            "lead": self.row("crm_lead", self.lead.id),
            "followers": followers,
            "bus": bus,
            "screens": seen_by_salesperson,
            "counter": counter,
        }

    def odoo_creates(self, like):
        """Odoo's own path: the salesperson schedules the same activity through the ORM."""
        def path():
            self.env["mail.activity"].sudo(self.salesperson).create({
                "res_model_id": self.env["ir.model"]._get_id("crm.lead"),
                "res_id": self.lead.id,
                "activity_type_id": like["activity_type_id"],
                "summary": like["summary"],
                "note": like["note_source"],
                "date_deadline": like["date_deadline"],
                "user_id": like["user_id"],
            })
        return path

    def assert_same(self, ours, odoos):
        for part in ("activity", "lead", "followers", "bus", "screens", "counter"):
            self.assertEqual(ours[part], odoos[part], "the %s differs from Odoo's own path" % part)

    # -------------------------------------------------------------------------------------------- tests

    def test_starting_a_chain_leaves_what_mail_activity_create_leaves(self):
        script = self.env["jewellery.followup.script"]
        call = self.env.ref("jewellery_followup.step_second_chance_call")
        ours = self.in_savepoint(lambda: self.lead.sudo(self.salesperson).action_start_followup())
        activity = ours["activity"]
        self.assertEqual(activity["summary"], call.summary)
        self.assertTrue(ours["lead"]["activity_date_deadline"], "Odoo's Next Activities sees the call")
        self.assertEqual(activity["note"], note_html(script.for_lead(self.lead).render(call, self.lead)))
        like = dict(activity, note_source=activity["note"])
        odoos = self.in_savepoint(self.odoo_creates(like))
        self.assert_same(ours, odoos)

    def test_the_hourly_job_leaves_what_mail_activity_create_leaves_for_a_touch_due_today(self):
        script = self.env["jewellery.followup.script"]
        note = self.env.ref("jewellery_followup.step_second_chance_note")
        call = self.lead.sudo(self.salesperson)
        call.action_start_followup()
        attempt = call.followup_attempt_ids
        attempt.action_record_outcome("no_answer")
        # the note's delay has run out: due this morning in the store
        today = core.clock.store_today(core.clock.store_tz(self.salesperson.tz))
        self.env.cr.execute("UPDATE crm_lead SET followup_next_date = %s WHERE id = %s",
                            (today - datetime.timedelta(days=1), self.lead.id))
        self.lead.invalidate_cache()
        ours = self.in_savepoint(lambda: self.env["jewellery.followup.engine"]._advance())
        self.assertEqual(ours["activity"]["summary"], note.summary)
        self.assertTrue(ours["bus"], "a touch due today refreshes the salesperson's counter")
        self.assertIn("No postal address on the lead", ours["activity"]["note"],
                      "the note's activity says where the card goes")
        self.assertIn(html.escape(script.for_lead(self.lead).render(note, self.lead).splitlines()[0], quote=False),
                      ours["activity"]["note"])
        like = dict(ours["activity"], note_source=ours["activity"]["note"])
        odoos = self.in_savepoint(self.odoo_creates(like))
        self.assert_same(ours, odoos)

    def test_a_touch_for_someone_not_following_the_lead_makes_them_follow_it_as_odoo_does(self):
        colleague = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Teo Varga",
            "login": "teo.differential@example.com",
            "email": "teo.differential@example.com",
            "tz": "UTC",
            "groups_id": [(6, 0, [self.env.ref("sales_team.group_sale_salesman").id])],
        })
        manager = self.env["res.users"].with_context(no_reset_password=True).create({
            "name": "Maja Lind",
            "login": "maja.differential@example.com",
            "email": "maja.differential@example.com",
            "groups_id": [(6, 0, [self.env.ref("sales_team.group_sale_manager").id])],
        })
        ours = self.in_savepoint(lambda: self.env["jewellery.followup.engine"].sudo(manager)._start(
            self.lead.sudo(manager), assign=colleague))
        self.assertEqual(ours["activity"]["user_id"], colleague.id)
        self.assertIn(colleague.partner_id.id, [partner for partner, _subtypes in ours["followers"]])
        self.assertEqual(ours["lead"]["write_uid"], SUPERUSER_ID)
        like = dict(ours["activity"], note_source=ours["activity"]["note"])
        odoos = self.in_savepoint(self.odoo_creates(like))
        self.assert_same(ours, odoos)
