"""Marking a follow-up attempt's activity done from Odoo's activity widget records what the customer did."""
import base64
import os
import shutil
import subprocess

from followup_common import VISIT_DAY, FollowupCase
from lxml import etree
import required_tools

from odoo.exceptions import UserError
from odoo.modules.module import get_module_resource
from odoo.tests.common import SavepointCase
from odoo.tools import html2plaintext

# The call is due on the next day the store is open after the Saturday visit.
CALL_DAY = "2027-03-09"
JS_URL = "/jewellery_followup/static/src/js/activity_outcome.js"
OUTCOME_FORM = "jewellery_followup.activity_outcome_form"


class ActivityOutcomeCase(FollowupCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.done_subtype = cls.env.ref("mail.mt_activities")

    def start_call(self, lead):
        """Starts the chain on the visit day; returns the scheduled call and its activity, as the salesperson."""
        self.on(VISIT_DAY, lead).action_start_followup()
        attempt = lead.followup_attempt_ids.filtered(lambda a: a.state == "scheduled")
        self.assertEqual(len(attempt), 1)
        self.assertTrue(attempt.activity_id, "the attempt is on the salesperson's activity list")
        self.set_clock(CALL_DAY)
        return attempt, attempt.activity_id.sudo(self.salesperson)

    def done_messages(self, lead):
        """The "activity done" messages Odoo posts in the lead's chatter."""
        return lead.message_ids.filtered(
            lambda message: message.subtype_id == self.done_subtype and message.mail_activity_type_id)


class TestMarkDone(ActivityOutcomeCase):

    def test_marking_the_call_done_without_an_answer_records_no_answer_with_the_feedback(self):
        lead = self.make_lead()
        attempt, activity = self.start_call(lead)
        call_type = activity.activity_type_id
        # the widget escapes what the salesperson typed
        message_id = activity.action_feedback(feedback="Rang twice, left a voicemail &amp; a text")
        self.assertFalse(activity.exists(), "Odoo deletes a done activity")
        self.assertEqual(attempt.state, "done")
        self.assertEqual(attempt.outcome, "no_answer")
        self.assertEqual(attempt.note, "Rang twice, left a voicemail & a text")
        self.assertEqual(attempt.date_done, CALL_DAY)
        self.assertFalse(attempt.activity_id)
        self.assertEqual(lead.followup_state, "running", "no answer: the chain goes on")
        done = self.done_messages(lead)
        self.assertEqual(len(done), 1, "Odoo's 'activity done' message appears once")
        self.assertEqual(done.id, message_id)
        self.assertEqual(done.mail_activity_type_id, call_type)
        self.assertEqual(done.author_id, self.salesperson.partner_id)
        self.assertIn("left a voicemail", html2plaintext(done.body))

    def test_a_colleague_given_the_call_marks_it_done_from_the_lead(self):
        """Sam sees only his own leads; the manager gave him the call to Nora's customer."""
        sam = self.env["res.users"].create({
            "name": "Sam Owndocs", "login": "sam.followup@example.com", "email": "sam.followup@example.com",
            "groups_id": [(6, 0, [self.env.ref("sales_team.group_sale_salesman").id])]})
        lead = self.make_lead()
        attempt, _activity = self.start_call(lead)
        self.env["jewellery.followup.engine"]._rebalance(attempt, sam)
        activity = attempt.activity_id.sudo(sam)
        self.assertEqual(activity.user_id, sam)
        activity.with_context(jewellery_followup_outcome="no_answer").action_feedback(feedback="Voicemail")
        self.assertEqual((attempt.state, attempt.outcome, attempt.note), ("done", "no_answer", "Voicemail"))
        self.assertEqual(self.done_messages(lead).author_id, sam.partner_id)

    def test_the_outcome_chosen_in_the_popover_is_recorded(self):
        lead = self.make_lead()
        attempt, activity = self.start_call(lead)
        activity.with_context(jewellery_followup_outcome="declined").action_feedback(
            feedback="Bought elsewhere, thanked us")
        self.assertEqual((attempt.state, attempt.outcome), ("done", "declined"))
        self.assertEqual(attempt.note, "Bought elsewhere, thanked us")
        self.assertEqual(lead.followup_state, "declined", "a response stops the chain")
        self.assertEqual(len(self.done_messages(lead)), 1)

    def test_a_booked_appointment_stops_the_chain(self):
        lead = self.make_lead()
        attempt, activity = self.start_call(lead)
        activity.with_context(jewellery_followup_outcome="appointment").action_feedback()
        self.assertEqual((attempt.state, attempt.outcome), ("done", "appointment"))
        self.assertFalse(attempt.note)
        self.assertEqual(lead.followup_state, "appointment")
        self.assertFalse(self.env["mail.activity"].search([
            ("res_model", "=", "crm.lead"), ("res_id", "=", lead.id),
            ("activity_type_id", "=", attempt.step_id.activity_type_id.id)]))

    def test_an_unknown_outcome_is_refused_by_name_and_nothing_changes(self):
        lead = self.make_lead()
        attempt, activity = self.start_call(lead)
        with self.assertRaisesRegex(UserError, r'Unknown follow-up outcome "maybe_later".*No answer \(no_answer\)'):
            activity.with_context(jewellery_followup_outcome="maybe_later").action_feedback(feedback="?")
        self.assertTrue(activity.exists())
        self.assertEqual(attempt.state, "scheduled")
        self.assertFalse(self.done_messages(lead))

    def test_the_widget_learns_which_activities_ask_for_an_outcome(self):
        lead = self.make_lead()
        attempt, activity = self.start_call(lead)
        plain = self.plain_activity(lead)
        # the widget reads every field of the activities it shows
        values = {row["id"]: row for row in self.env["mail.activity"].sudo(self.salesperson).browse(
            [activity.id, plain.id]).read()}
        self.assertEqual(values[activity.id]["followup_attempt_id"][0], attempt.id)
        self.assertFalse(values[plain.id]["followup_attempt_id"])

    def plain_activity(self, record):
        return self.env["mail.activity"].sudo(self.salesperson).create({
            "res_model_id": self.env["ir.model"]._get_id(record._name),
            "res_id": record.id,
            "activity_type_id": self.env.ref("mail.mail_activity_data_email").id,
            "summary": "Send the ring-size guide",
            "user_id": self.salesperson.id,
        })

    def test_an_unrelated_activity_is_done_as_in_plain_odoo(self):
        lead = self.make_lead()
        attempt, _activity = self.start_call(lead)
        plain = self.plain_activity(lead)
        message_id = plain.with_context(jewellery_followup_outcome="purchased").action_feedback(
            feedback="Sent the guide")
        self.assertFalse(plain.exists())
        message = self.env["mail.message"].browse(message_id)
        self.assertEqual(message.mail_activity_type_id, self.env.ref("mail.mail_activity_data_email"))
        self.assertIn("Sent the guide", message.body)
        self.assertEqual(attempt.state, "scheduled", "the follow-up attempt is untouched")
        self.assertTrue(attempt.activity_id.exists())
        self.assertEqual(lead.followup_state, "running")

    def test_an_activity_on_another_document_is_done_as_in_plain_odoo(self):
        partner = self.env["res.partner"].create({"name": "Clara Reyes"})
        plain = self.plain_activity(partner)
        message_id = plain.action_feedback()
        self.assertFalse(plain.exists())
        self.assertEqual(partner.message_ids[:1].id, message_id)

    def test_marking_an_attempt_and_a_plain_activity_done_together(self):
        lead = self.make_lead()
        attempt, activity = self.start_call(lead)
        plain = self.plain_activity(lead)
        (activity | plain.with_env(activity.env)).action_feedback(feedback="Both done")
        self.assertFalse((activity | plain).exists())
        self.assertEqual((attempt.outcome, attempt.note), ("no_answer", "Both done"))
        self.assertEqual(len(self.done_messages(lead)), 2, "one 'activity done' message each")


class TestHistoryKept(ActivityOutcomeCase):

    def test_the_attempt_keeps_its_history_once_its_activity_is_gone(self):
        lead = self.make_lead()
        attempt, activity = self.start_call(lead)
        script = attempt.script_text
        activity.with_context(jewellery_followup_outcome="came_back").action_feedback(feedback="Came in on Friday")
        attempt.invalidate_cache()
        self.assertTrue(attempt.exists())
        self.assertEqual(
            (attempt.attempt_no, attempt.kind, attempt.state, attempt.outcome, attempt.note, attempt.date_done),
            (1, "call", "done", "came_back", "Came in on Friday", CALL_DAY))
        self.assertEqual(attempt.script_text, script)
        self.assertIn(attempt, lead.followup_attempt_ids)

    def test_archiving_the_lead_deletes_the_activity_but_not_the_attempt(self):
        lead = self.make_lead()
        attempt, activity = self.start_call(lead)
        lead.write({"active": False})  # Odoo's activity mixin deletes the activities of an archived record
        self.assertFalse(activity.exists())
        attempt.invalidate_cache()
        self.assertTrue(attempt.exists())
        self.assertFalse(attempt.activity_id)
        self.assertEqual(attempt.attempt_no, 1)
        self.assertTrue(attempt.script_text)

    def test_cancelling_the_activity_cancels_the_attempt_and_stops_the_chain(self):
        lead = self.make_lead()
        attempt, activity = self.start_call(lead)
        activity.unlink()
        attempt.invalidate_cache()
        self.assertTrue(attempt.exists())
        self.assertEqual(attempt.state, "cancelled")
        self.assertFalse(attempt.activity_id)
        self.assertEqual(lead.followup_state, "stopped")
        self.assertIn("activity was cancelled", lead.message_ids[0].body)
        self.assertEqual(lead.followup_contact_count, 1)

    def test_a_chain_stopped_by_a_cancelled_activity_restarts_at_the_next_attempt(self):
        lead = self.make_lead()
        _attempt, activity = self.start_call(lead)
        activity.unlink()
        self.on("2027-03-10", lead).action_start_followup()
        self.assertEqual(lead.followup_attempt_ids.mapped("attempt_no"), [1, 2])


class TestWebClientAssets(SavepointCase):

    def test_the_backend_bundle_loads_the_outcome_script_after_mails_activity_widget(self):
        html = self.env["ir.qweb"]._get_asset("web.assets_backend", {}, debug="assets")
        self.assertIn(JS_URL, html)
        self.assertGreater(html.index(JS_URL), html.index("/mail/static/src/js/activity.js"),
                           "it extends mail's activity widget, so it comes after it")

    def test_the_minified_backend_bundle_holds_the_outcome_module(self):
        qweb = self.env["ir.qweb"]
        files, remains = qweb._get_asset_content("web.assets_backend", {})
        bundle = qweb.get_asset_bundle("web.assets_backend", files, remains, env=self.env)
        self.assertEqual([asset.url for asset in bundle.javascripts].count(JS_URL), 1)
        content = base64.b64decode(bundle.js().datas).decode()
        self.assertIn("odoo.define('jewellery_followup.ActivityOutcome'", content)
        self.assertIn("jewellery_followup.activity_outcome_form", content)

    def test_the_script_is_valid_javascript(self):
        node = shutil.which("node") or shutil.which("nodejs")
        if not node:
            required_tools.missing("node is not installed")
        path = get_module_resource("jewellery_followup", "static", "src", "js", "activity_outcome.js")
        result = subprocess.run([node, "--check", path], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                timeout=60)
        self.assertEqual(result.returncode, 0, result.stdout.decode())

    def test_the_popover_template_is_served_to_the_web_client(self):
        from odoo import http
        from odoo.addons.web.controllers.main import concat_xml, manifest_glob
        if "jewellery_followup" not in http.addons_manifest:
            http.root.load_addons()  # what the HTTP server does on its first request
        files = [path for path, _addon in manifest_glob("qweb", addons="mail,jewellery_followup")]
        ours = get_module_resource("jewellery_followup", "static", "src", "xml", "activity_outcome.xml")
        self.assertIn(os.path.normpath(ours), [os.path.normpath(path) for path in files])
        templates = etree.fromstring(concat_xml(files)[0])
        form = templates.find("t[@t-name='%s']" % OUTCOME_FORM)
        self.assertIsNotNone(form)
        options = form.findall(".//select[@class]/option")
        self.assertEqual(
            [(option.get("value"), option.text, option.get("selected")) for option in options],
            [("no_answer", "No answer", "selected"), ("appointment", "Appointment booked", None),
             ("declined", "Declined", None), ("came_back", "Came back to the store", None),
             ("purchased", "Purchased", None)])
        self.assertEqual(
            [value for value, _label in self.env["jewellery.followup.attempt"]._fields["outcome"].selection],
            [option.get("value") for option in options], "the select offers exactly the attempt's outcomes")
        called = form.find(".//t[@t-call]").get("t-call")
        self.assertIsNotNone(templates.find("t[@t-name='%s']" % called), "Odoo's feedback form is reused")
