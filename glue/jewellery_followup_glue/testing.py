# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The driver of the core's scenario tests on Odoo 17.0 to 19.0, and the fixtures of each version's own tests: a
store open Tuesday to Saturday, a customer who left without buying, and real users of each sales group (the same
store and people as the 11.0 suite's tests/followup_common.py). Each version's tests/common.py subclasses it for
what its Odoo spells its own way. Imported only by the tests."""
import base64
import io
import os
import re
import types

from jewellery_followup_core import scenarios as core_scenarios
from jewellery_followup_core.scenarios import LEAD_VALUES, VISIT_DAY, scenario_mixins
from jewellery_followup_core.scenarios.driver import ChainDriver

import odoo
from odoo import Command, api, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import HttpCase, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import datetime as safe_datetime, dateutil, safe_eval
from odoo.modules.module import get_module_path
from odoo.tools.translate import TranslationModuleReader, trans_export

from odoo.addons.jewellery_followup import core

from . import scenarios
from .spelling import SERIES

# What a user may be told when the follow-up refuses: Odoo's own error dialogs, each with a message (they all
# derive from UserError, and Odoo's assertRaises takes one class).
REFUSALS = UserError
# The follow-up's own fields on a lead.
LEAD_FOLLOWUP_FIELDS = ("followup_state", "followup_next_date", "followup_contact_count", "followup_chain_id")
ATTEMPT_FIELDS = ("lead_id", "attempt_no", "state", "outcome", "note", "user_id", "date_scheduled", "date_done",
                  "activity_id", "gift_description", "gift_value", "gift_attachment_id", "kind", "step_id")


class Rollback(Exception):
    """Raised at the end of a rolled-back block: nothing it wrote survives."""


def scenario_tests(case, module_name):
    """The test classes that run every scenario on this Odoo, {name: class}, to be defined in the version's test
    module ``module_name`` (Odoo's loader takes a test class only from the module that defines it): each scenario
    mixin of the core's (``jewellery_followup_core.scenarios``) and of the recent versions'
    (``jewellery_followup_glue.scenarios``), driven by the version's ``case`` (and served by an ``HttpCase`` where
    it ``needs_http_server``), run after the install as the addon's other tests."""
    tests = {}
    for name, mixin in scenario_mixins(core_scenarios, scenarios):
        bases = (mixin, case, HttpCase) if getattr(mixin, "needs_http_server", False) else (mixin, case)
        namespace = {"__module__": module_name, "__doc__": mixin.__doc__}
        test_class = types.new_class(name, bases, exec_body=lambda body, values=namespace: body.update(values))
        tests[name] = tagged("post_install", "-at_install")(test_class)
    return tests


class FollowupCase(ChainDriver, TransactionCase):
    """Each test runs at a moment it sets (noon UTC on the visit day unless it says otherwise): the core's one
    clock is replaced, so every "today" of the engine, in every time zone, follows it.

    It is the driver of the core's scenario tests (``jewellery_followup_core.scenarios``)."""

    ACCESS_ERROR, USER_ERROR, VALIDATION_ERROR = AccessError, UserError, ValidationError
    # the scenarios' test methods are inherited from the core's mixins, which Odoo's loader skips otherwise
    allow_inherited_tests_method = True
    REFUSALS = REFUSALS

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.wrap_new_cursors()
        cls.company = cls.env.company
        cls.company.resource_calendar_id = cls.env["resource.calendar"].create({
            "name": "Store hours, Tuesday to Saturday",
            "attendance_ids": [
                Command.create({"name": day, "dayofweek": str(index), "hour_from": 10, "hour_to": 18})
                for index, day in enumerate(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]) if index
            ],
        })
        cls.salesperson = cls.make_user("Nora Lindqvist", "sales_team.group_sale_salesman_all_leads")
        cls.own = cls.make_user("Olga Owndocs", "sales_team.group_sale_salesman")
        cls.peer = cls.make_user("Paul Peer", "sales_team.group_sale_salesman")
        cls.manager = cls.make_user("Maud Manager", "sales_team.group_sale_manager")
        cls.other_company = cls.env["res.company"].create({"name": "Other Jewellers"})
        cls.stranger = cls.make_user("Sven Stranger", "sales_team.group_sale_salesman_all_leads",
                                     company=cls.other_company)
        cls.all_leads = cls.salesperson  # the name the 11.0 suite's tests use
        cls.customer = cls.env["res.partner"].create({"name": "Tom Reyes", "email": "tom.reyes@example.com"})
        cls.chain = cls.env.ref("jewellery_followup.chain_second_chance")
        cls.steps = cls.chain.step_ids.sorted("sequence")

    @classmethod
    def wrap_new_cursors(cls):
        """A cursor opened during a test (the cron run directly, an RPC call) wraps the test's: Odoo 17 and 18's
        TransactionCase does so (19 overrides this)."""

    @classmethod
    def make_user(cls, name, groups, company=None, tz="UTC"):
        company = company or cls.company
        login = "%s.jf%d@example.com" % (name.split()[0].lower(), SERIES)
        return new_test_user(cls.env, login=login, name=name, email=login, groups=groups, tz=tz,
                             company_id=company.id, company_ids=[Command.set(company.ids)])

    def make_lead(self, user=None, **values):
        vals = dict(LEAD_VALUES, user_id=(user or self.salesperson).id)
        vals.update(values)
        return self.env["crm.lead"].with_user(user or self.salesperson).create(vals)

    def start(self, lead, day=VISIT_DAY):
        self.set_clock(day)
        lead.action_start_followup()
        return self.scheduled(lead)

    def scheduled(self, lead):
        self.env.invalidate_all()
        return lead.followup_attempt_ids.filtered(lambda attempt: attempt.state == "scheduled")

    def answer(self, lead, day, outcome="no_answer", **kwargs):
        attempt = self.scheduled(lead)
        self.assertEqual(len(attempt), 1, "one attempt should be waiting for an answer")
        self.set_clock(day)
        attempt.with_env(lead.env).action_record_outcome(outcome, **kwargs)
        return attempt

    def mark_done(self, lead, outcome=None, feedback=False):
        """The salesperson's Mark Done on the lead's open touch, with the customer's response (``outcome``) as the
        activity widget's popover sends it, or none (no answer)."""
        activity = self.scheduled(lead).activity_id.with_user(lead.env.user)
        if outcome:
            activity = activity.with_context(jewellery_followup_outcome=outcome)
        return activity.action_feedback(feedback=feedback)

    def attempts_of(self, lead):
        self.env.invalidate_all()
        return self.env["jewellery.followup.attempt"].sudo().search([("lead_id", "=", lead.id)],
                                                                    order="attempt_no")

    def activities_of(self, lead, active=True):
        """The lead's activities as the superuser: open ones, or (``active=False``) the done ones Odoo keeps."""
        self.env.invalidate_all()
        return self.env["mail.activity"].sudo().with_context(active_test=False).search([
            ("res_model", "=", "crm.lead"), ("res_id", "=", lead.id), ("active", "=", active)])

    # ----------------------------------------------------------- the 11.0 suite's helpers, for tests ported from it

    def lead_of(self, user, **values):
        """A lead the salesperson ``user`` creates for themselves (in their own company)."""
        return self.make_lead(user=user, **values)

    def fresh(self):
        self.env.invalidate_all()

    def followup_activities(self, lead):
        """Every open activity on the lead, whoever it is for (read as the superuser)."""
        self.fresh()
        return self.env["mail.activity"].sudo().search([("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)])

    def snapshot(self, lead):
        """What a user, a report or the hourly job could see of the lead's follow-up."""
        self.fresh()
        su = self.env["crm.lead"].sudo().with_context(active_test=False).browse(lead.id)
        row = su.read(list(LEAD_FOLLOWUP_FIELDS) + ["active", "probability", "stage_id", "lost_reason_id"])[0]
        attempts = self.env["jewellery.followup.attempt"].sudo().search([("lead_id", "=", lead.id)])
        # "activities": what stays on someone's list; Odoo keeps the done ones archived, read apart
        activities = self.followup_activities(lead)
        done = self.activities_of(lead, active=False)
        events = self.env["calendar.event"].sudo().search([("opportunity_id", "=", lead.id)])
        return {
            "lead": row,
            "attempts": sorted(attempts.read(list(ATTEMPT_FIELDS)), key=lambda values: values["id"]),
            "activities": sorted(activities.read(["user_id", "date_deadline", "summary", "activity_type_id"]),
                                 key=lambda values: values["id"]),
            "done_activities": done.ids,
            "events": events.ids,
            "messages": su.message_ids.ids,
        }

    # ------------------------------------------------------------------- what Odoo spells its own way

    @staticmethod
    def as_user(records, user):
        return records.with_user(user)

    @staticmethod
    def iso(value):
        return str(value) if value else ""

    def flush(self):
        self.env.flush_all()

    @staticmethod
    def quiet(logger):
        return mute_logger(logger)

    # Odoo's activities and web client
    EVERY_DONE_ACTIVITY_KEPT = False  # 17 and 18 keep only the done activities of a "keep done" type
    FORM_URL = "/odoo/%s/%s"  # a record's form in the web client, by model and id

    def activity_counter(self, user, model):
        """How many activities of ``model`` the activity counter (the systray) shows ``user``."""
        groups = {group["model"]: group for group in user.with_user(user)._get_activity_groups()}
        return groups[model]["total_count"]

    def forget_lead_email(self, lead):
        """Leaves ``lead`` without an e-mail address while its customer keeps theirs, as older data or an import in
        SQL may: Odoo 17's crm writes a lead's address back to its customer, so only SQL makes such a lead."""
        self.env.flush_all()
        self.env.cr.execute("UPDATE crm_lead SET email_from = NULL, email_normalized = NULL WHERE id = %s",
                            (lead.id,))
        self.env.invalidate_all()

    def let_outside_clients_in(self):
        """Lets clients other than the test's own opener (odoorpc, the import command) talk to the test server:
        Odoo 17 and 18's answers anyone (19 overrides this)."""

    def visible_menu_ids(self, user):
        """The ids of the menus ``user`` may open."""
        return self.env["ir.ui.menu"].with_user(user).search([]).ids

    @staticmethod
    def draws_a_board(root):
        """Whether the web client draws the view ``root`` (an arch's root node) as a dashboard: board's get_view
        marks it."""
        return root.get("js_class") == "board"

    # views, expressions, languages and reports, as Odoo spells them
    LIST_VIEW = "list"
    KANBAN_CARD = "card"
    LEAD_FORMS = ("crm.crm_lead_view_form",)  # one form for leads and opportunities

    @staticmethod
    def arch(records, view_type, view=None):
        """The view's arch as the web client of ``records``' user receives it (the default view if none)."""
        return records.get_views([(view.id if view else False, view_type)])["views"][view_type]["arch"]

    def evaluate(self, text):
        """A domain or context written in a view or an action, evaluated as the web client does."""
        return safe_eval(text, {"context_today": safe_datetime.date.today, "datetime": safe_datetime,
                                "relativedelta": dateutil.relativedelta.relativedelta, "uid": self.env.uid})

    @classmethod
    def activate_lang(cls, code):
        cls.env["res.lang"]._activate_lang(code)

    @classmethod
    def translate_record(cls, record, field, lang, value):
        """``value`` as the ``lang`` translation of the whole of ``record``'s ``field``."""
        record.update_field_translations(field, {lang: value})

    @classmethod
    def translate_terms(cls, record, field, lang, terms):
        """Translations of terms of ``record``'s ``field`` (a view's arch): {source: translation}."""
        record.update_field_translations(field, {lang: terms})

    def report_html(self, report_xmlid, records, user=None):
        """The report's HTML (text) for ``records``, rendered as ``user`` (the test's user if none)."""
        Report = self.env["ir.actions.report"]
        content, _format = (Report.with_user(user) if user else Report)._render_qweb_html(report_xmlid, records.ids)
        return content.decode() if isinstance(content, bytes) else content

    def report_pdf(self, report_xmlid, records, user=None):
        """The report printed by wkhtmltopdf (bytes), as ``user``: Odoo's test mode renders HTML unless told to
        print (wkhtmltopdf fetches the styles from the server: run it in an HttpCase)."""
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, report_format = (Report.with_user(user) if user else Report)._render_qweb_pdf(report_xmlid, records.ids)
        self.assertEqual(report_format, "pdf")
        return pdf

    def won_stage(self):
        """A stage that wins the lead it holds (Odoo: ``is_won``)."""
        return self.env["crm.stage"].search([("is_won", "=", True)], limit=1)

    def lost_reason(self, lead):
        """The reason the lead was lost (Odoo: ``lost_reason_id``)."""
        return lead.lost_reason_id

    def post_tracking(self):
        """Odoo posts tracked changes when the transaction commits: what it holds is posted now."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    @staticmethod
    def job_halfway_points():
        """Where the hourly job may die after writing part of a batch, as (object, attribute) to patch: Odoo's
        writer, between the activities (Odoo's batched create) and their attempts."""
        return [(core.sql, "piece_photos")]

    @staticmethod
    def tracking_values(messages):
        """The changes the messages track, oldest first, as (field name, old value, new value) as shown (read as
        the superuser: Odoo lets only administrators read tracking values directly)."""
        values = messages.sudo().mapped("tracking_value_ids").sorted("id")
        return [(value.field_id.name, value.old_value_char, value.new_value_char) for value in values]

    # ------------------------------------------------------- Odoo's RPC entry points (the same on every version)

    @staticmethod
    def call_kw(model, method, args, kwargs=None):
        """What /web/dataset/call_kw does with a model, a method name and its arguments."""
        return api.call_kw(model, method, args, kwargs or {})

    def execute_kw(self, user, model_name, method, args):
        """What /xmlrpc/2/object does when ``user`` calls ``method`` of ``model_name``."""
        return odoo.service.model.execute_kw(self.env.cr.dbname, user.id, model_name, method, args)

    @staticmethod
    def check_method_name(name):
        """Odoo's refusal of a private method name over RPC."""
        return models.check_method_name(name)

    def rolled_back(self, function):
        """Runs ``function`` in a savepoint that is always rolled back; returns what it returned."""
        result = []
        try:
            with self.env.cr.savepoint():
                result.append(function())
                raise Rollback()
        except Rollback:
            return result[0]
        finally:
            self.env.invalidate_all()

    # visit close and surprise delivery

    def upload(self, res_model, name, content, user=None):
        """A file (bytes) uploaded as ``user`` (the test's user if none) against ``res_model``, not yet a record's:
        what the many2many_binary widget does."""
        Attachment = self.env["ir.attachment"]
        return (Attachment.with_user(user) if user else Attachment).create({
            "name": name, "datas": base64.b64encode(content), "res_model": res_model, "res_id": 0})

    @staticmethod
    def view_fields(records, view_type, view=None):
        """The fields' descriptions the web client of ``records``' user works with (Odoo asks ``fields_get``)."""
        return records.fields_get()

    @staticmethod
    def modifiers(node):
        """The modifiers of a view's ``node`` ("invisible", "required", ...) as the web client applies them:
        {name: whether it applies to a record holding these values} (Odoo: Python expressions)."""
        return {name: (lambda values, expression=node.get(name): bool(safe_eval(expression, dict(values))))
                for name in ("invisible", "required", "readonly", "column_invisible") if node.get(name) is not None}

    @staticmethod
    def onchange(records, values, field, spec):
        """The values the server sends back to the form when ``field`` changes (Odoo takes the changed fields as
        a list and the fields to send back as a specification)."""
        return records.onchange(values, [field], {name: {} for name in spec})["value"]

    @staticmethod
    def email_notifications(message):
        """The message's notifications sent by e-mail (Odoo: ``notification_type``)."""
        return message.notification_ids.filtered(lambda notification: notification.notification_type == "email")

    @staticmethod
    def template_out(expression):
        """How a mail template's body prints ``expression`` (Odoo: QWeb)."""
        return "<t t-out='%s'/>" % expression

    @staticmethod
    def render_template(template, field, record):
        """The mail template's ``field`` rendered for ``record``."""
        return template._render_field(field, record.ids)[record.id]

    @staticmethod
    def template_quotes(text):
        """``text`` (already HTML) as a mail template's body renders it: Odoo's QWeb escapes quotes too."""
        return text.replace("'", "&#39;")

    @classmethod
    def translation_export(cls, module):
        """The source terms of ``module``'s translation export, as (kind, "model,field" or file, source): "model"
        for a record's field (Odoo's "model_terms", terms of a view or an HTML field, included), "selection"
        for a selection field's labels (Odoo exports them as the records of ``ir.model.fields.selection``)."""
        terms = []
        for _module, kind, name, res_id, source, _value, _comments in TranslationModuleReader(
                cls.env.cr, modules=[module]):
            if name == "ir.model.fields.selection,name":
                field = cls.env.ref(res_id).field_id
                kind, name = "selection", "%s,%s" % (field.model, field.name)
            elif kind == "model_terms":
                kind = "model"
            terms.append((kind, name, source))
        return terms
    # results, translations and the demo store

    EXPECTED_REVENUE = "expected_revenue"  # the lead's expected revenue, as Odoo names it

    def load_action(self, action_id, user):
        """What /web/action/load gives ``user``'s web client: the window action's dict, read as the superuser."""
        return self.env["ir.actions.act_window"].with_user(user).sudo().browse(action_id)._get_action_dict()

    def web_client_menus(self, user):
        """The menus ``user``'s web client loads, as {menu id: [ids of its sub-menus]} (Odoo sends them by id)."""
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
        return {menu_id: menu.get("children", []) for menu_id, menu in menus.items()}

    @staticmethod
    def report_html_in(env, report_xmlid, records):
        """The report's HTML (text) for ``records``, rendered in ``env`` (a user's web client's: their language)."""
        content, _format = env["ir.actions.report"]._render_qweb_html(report_xmlid, records.ids)
        return content.decode() if isinstance(content, bytes) else content

    @staticmethod
    def email_of(template, record, user):
        """What the mail ``template`` writes for ``record`` when ``user`` sends it, rendered by Odoo's
        ``_generate_template``: its subject and body_html."""
        return template.with_user(user)._generate_template(record.ids, ["subject", "body_html"])[record.id]

    @staticmethod
    def file_values(name, datas):
        """An uploaded file's attachment values (``datas`` in base64): on Odoo, its name is the file's."""
        return {"name": name, "datas": datas}

    # the translation files: where the version's addon keeps them, how Odoo exports and loads them
    I18N_SCRIPT = "scripts/i18n%d" % SERIES

    @staticmethod
    def i18n_file(name):
        """The path of a file of the addon's i18n folder (the .pot template, a language's .po)."""
        return os.path.join(get_module_path("jewellery_followup"), "i18n", name)

    @classmethod
    def load_translations(cls, langs):
        """Activates ``langs`` and loads the addon's translation files for them, as installing a language does,
        then forgets what the registry cached in the previous languages (e.g. labels of fields and choices)."""
        for lang in langs:
            cls.env["res.lang"]._activate_lang(lang)
        cls.env["ir.module.module"]._load_module_terms(["jewellery_followup"], langs)
        cls.env.registry.clear_all_caches()

    @classmethod
    def forget_translations(cls):
        """Clears the registry's caches of translated labels (once the class's languages are rolled back)."""
        cls.registry.clear_all_caches()

    def exported_terms(self):
        """The installed addon's translatable strings, as Odoo exports them (a .po template, bytes)."""
        exported = io.BytesIO()
        trans_export(False, ["jewellery_followup"], exported, "po", self.env.cr)
        return exported.getvalue()

    # an inline template's code on Odoo (a mail template's subject, its recipients): {{ expression }}; and the
    # attributes of a tag whose value a user reads, translated with the text around them
    INLINE_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
    TAG_ATTRIBUTE = re.compile(r'([\w:.-]+)\s*=\s*"([^"]*)"')
    QWEB_STRING_LITERAL = re.compile(r"&quot;.*?&quot;|'[^'\n]*'")
    WORDED_ATTRIBUTES = {"title", "alt", "placeholder", "string", "aria-label", "help", "confirm"}

    @classmethod
    def template_code(cls, text):
        """A text's prose (its template code left out) and the code a translation must keep: its {{ expressions }}."""
        return cls.INLINE_EXPRESSION.sub("", text), {"{{expressions}}": sorted(cls.INLINE_EXPRESSION.findall(text))}

    @classmethod
    def tag_shape(cls, tag):
        """A tag as a translation must keep it: its name, its attributes, and its QWeb code with the quoted words
        left out (they are translated). A t-value is the translator's to reword whole (a German stone description
        puts the carats first): only the variable it sets must stay, which t-set keeps."""
        name = re.match(r"</?[\w:.-]+", tag).group(0)
        attributes = []
        for attribute, value in cls.TAG_ATTRIBUTE.findall(tag):
            if attribute in cls.WORDED_ATTRIBUTES or attribute == "t-value":
                value = ""
            elif attribute.startswith("t-"):
                value = cls.QWEB_STRING_LITERAL.sub("''", value)
            attributes.append("%s=%s" % (attribute, value))
        return "%s %s" % (name, " ".join(sorted(attributes)))
