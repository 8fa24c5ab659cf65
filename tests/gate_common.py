"""Fixtures for the gate tests: real users of each sales group, a second company, and a snapshot of everything
the follow-up writes for a lead, to prove that a refused call leaves nothing behind."""
import base64
import datetime
import io
import operator
import os
import re
import tempfile

from dateutil.relativedelta import relativedelta
from followup_common import FollowupCase
from jewellery_followup_core.scenarios import VISIT_DAY

import odoo
from odoo import api, models
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.tools import config, mute_logger
from odoo.tools.safe_eval import safe_eval
from odoo.tools.translate import trans_export, trans_generate

from odoo.addons.jewellery_followup import core, scheduler

# What a user may be told when the follow-up refuses: Odoo's own error dialogs, each with a message.
REFUSALS = (UserError, AccessError, ValidationError, MissingError)
# The follow-up's own fields on a lead.
LEAD_FOLLOWUP_FIELDS = ("followup_state", "followup_next_date", "followup_contact_count", "followup_chain_id")
ATTEMPT_FIELDS = ("lead_id", "attempt_no", "state", "outcome", "note", "user_id", "date_scheduled", "date_done",
                  "activity_id", "gift_description", "gift_value", "gift_attachment_id", "kind", "step_id")


class Rollback(Exception):
    """Raised at the end of a rolled-back block: nothing it wrote survives."""


class GateCase(FollowupCase):
    """A store with a salesperson who sees only their own leads (Olga), a second one like her (Paul), the
    "all leads" salesperson of the common fixture (Nora), a sales manager (Maud), and a second company with a
    salesperson of its own (Sven), who is an "all leads" salesperson there: only the company separates him.

    It is Odoo 11's driver of the core's scenario tests (``jewellery_followup_core.scenarios``)."""

    ACCESS_ERROR, USER_ERROR, VALIDATION_ERROR = AccessError, UserError, ValidationError
    REFUSALS = REFUSALS

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls.make_user("Olga Owndocs", "sales_team.group_sale_salesman")
        cls.peer = cls.make_user("Paul Peer", "sales_team.group_sale_salesman")
        cls.all_leads = cls.salesperson
        cls.manager = cls.make_user("Maud Manager", "sales_team.group_sale_manager")
        cls.other_company = cls.env["res.company"].create({"name": "Other Jewellers"})
        cls.stranger = cls.make_user("Sven Stranger", "sales_team.group_sale_salesman_all_leads",
                                     company=cls.other_company)
        cls.customer = cls.env["res.partner"].create({"name": "Tom Reyes", "email": "tom.reyes@example.com"})

    @classmethod
    def make_user(cls, name, group, company=None, tz=None):
        """A user of ``group`` in ``company`` (the store's by default), in time zone ``tz`` if given (``False``:
        none; otherwise Odoo 11 leaves it empty)."""
        company = company or cls.company
        login = "%s.gate@example.com" % name.split()[0].lower()
        values = {
            "name": name,
            "login": login,
            "email": login,
            "company_id": company.id,
            "company_ids": [(6, 0, [company.id])],
            "groups_id": [(6, 0, [cls.env.ref(group).id])],
        }
        if tz is not None:
            values["tz"] = tz
        return cls.env["res.users"].create(values)

    def lead_of(self, user, **values):
        """A lead the salesperson ``user`` creates for themselves (in their own company)."""
        values.setdefault("user_id", user.id)
        return self.env["crm.lead"].sudo(user).create(self.lead_values(**values))

    # ------------------------------------------------------------------- what Odoo 11 spells its own way

    @staticmethod
    def as_user(records, user):
        return records.sudo(user)

    @staticmethod
    def iso(value):
        return value or ""

    def flush(self):
        self.env["crm.lead"].recompute()

    @staticmethod
    def quiet(logger):
        return mute_logger(logger)

    # views, expressions, languages and reports, as Odoo 11 spells them
    LIST_VIEW = "tree"
    KANBAN_CARD = "kanban-box"
    LEAD_FORMS = ("crm.crm_case_form_view_leads", "crm.crm_case_form_view_oppor")

    @staticmethod
    def arch(records, view_type, view=None):
        """The view's arch as the web client of ``records``' user receives it (the default view if none)."""
        return records.fields_view_get(view_id=view.id if view else None, view_type=view_type)["arch"]

    def evaluate(self, text):
        """A domain or context written in a view or an action, evaluated as the web client does."""
        return safe_eval(text, {"context_today": datetime.date.today, "datetime": datetime,
                                "relativedelta": relativedelta, "uid": self.env.uid})

    @classmethod
    def activate_lang(cls, code):
        cls.env["res.lang"].load_lang(code)

    @classmethod
    def translate_record(cls, record, field, lang, value):
        """``value`` as the ``lang`` translation of the whole of ``record``'s ``field``."""
        record.with_context(lang=lang).write({field: value})

    @classmethod
    def translate_terms(cls, record, field, lang, terms):
        """Translations of terms of ``record``'s ``field`` (a view's arch): {source: translation}."""
        translations = cls.env["ir.translation"]
        for source, value in terms.items():
            translations.create({
                "type": "model", "lang": lang, "state": "translated", "name": "%s,%s" % (record._name, field),
                "res_id": record.id, "src": source, "value": value})
        translations.clear_caches()

    def report_html(self, report_xmlid, records, user=None):
        """The report's HTML (text) for ``records``, rendered as ``user`` (the test's user if none)."""
        report = self.env.ref(report_xmlid)
        content, _format = (report.sudo(user) if user else report).render_qweb_html(records.ids)
        return content.decode() if isinstance(content, bytes) else content

    def report_pdf(self, report_xmlid, records, user=None):
        """The report printed by wkhtmltopdf (bytes), as ``user``. pytest-odoo sets test_enable, under which Odoo
        returns the HTML instead; a report directory is Odoo's own switch to print the real PDF in tests."""
        report = self.env.ref(report_xmlid)
        with tempfile.TemporaryDirectory() as directory:
            previous = config["test_report_directory"]
            config["test_report_directory"] = directory
            try:
                pdf, report_format = (report.sudo(user) if user else report).render_qweb_pdf(records.ids)
            finally:
                config["test_report_directory"] = previous
        self.assertEqual(report_format, "pdf")
        return pdf

    def won_stage(self):
        """A stage that wins the lead it holds (Odoo 11: probability 100, set automatically)."""
        return self.env["crm.stage"].search([("probability", "=", 100), ("on_change", "=", True)], limit=1)

    def lost_reason(self, lead):
        """The reason the lead was lost (Odoo 11: ``lost_reason``)."""
        return lead.lost_reason

    def post_tracking(self):
        """Odoo 11 posts tracked changes at once: nothing waits for the transaction's end."""
        self.flush()

    @staticmethod
    def job_halfway_points():
        """Where the hourly job may die after writing part of a batch, as (object, attribute) to patch: Odoo 11's
        bulk writer, between the activities and the attempts, and after both."""
        return [(core.sql, "piece_photos"), (scheduler, "_subscribe")]

    @staticmethod
    def tracking_values(messages):
        """The changes the messages track, oldest first, as (field name, old value, new value) as shown."""
        values = messages.sudo().mapped("tracking_value_ids").sorted("id")
        return [(value.field, value.old_value_char, value.new_value_char) for value in values]

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

    # ------------------------------------------------------------------------------------------- reading

    def fresh(self):
        """Everything read from here on comes from the database, not from a cache a failed call left."""
        self.env.cache.invalidate()

    def attempts_of(self, lead):
        self.fresh()
        Attempt = self.env["jewellery.followup.attempt"].sudo()
        return Attempt.search([("lead_id", "=", lead.id)], order="attempt_no")

    def followup_activities(self, lead):
        """Every activity on the lead, whoever it is for (read as the superuser)."""
        self.fresh()
        return self.env["mail.activity"].sudo().search([("res_model", "=", "crm.lead"), ("res_id", "=", lead.id)])

    def snapshot(self, lead):
        """What a user, a report or the hourly job could see of the lead's follow-up."""
        self.fresh()
        su = self.env["crm.lead"].sudo().with_context(active_test=False).browse(lead.id)
        row = su.read(list(LEAD_FOLLOWUP_FIELDS) + ["active", "probability", "stage_id", "lost_reason"])[0]
        attempts = self.env["jewellery.followup.attempt"].sudo().search([("lead_id", "=", lead.id)])
        activities = self.followup_activities(lead)
        events = self.env["calendar.event"].sudo().search([("opportunity_id", "=", lead.id)])
        return {
            "lead": row,
            "attempts": sorted(attempts.read(list(ATTEMPT_FIELDS)), key=lambda values: values["id"]),
            "activities": sorted(activities.read(["user_id", "date_deadline", "summary", "activity_type_id"]),
                                 key=lambda values: values["id"]),
            "events": events.ids,
            "messages": su.message_ids.ids,
        }

    def rolled_back(self, function):
        """Runs ``function`` in a savepoint that is always rolled back; returns what it returned."""
        result = []
        try:
            with self.env.cr.savepoint():
                result.append(function())
                raise Rollback()
        except Rollback:
            pass
        finally:
            self.env.clear()  # the cache and the recomputations of what was rolled back
        return result[0] if result else None

    # visit close and surprise delivery

    def upload(self, res_model, name, content, user=None):
        """A file (bytes) uploaded as ``user`` (the test's user if none) against ``res_model``, not yet a record's:
        what the many2many_binary widget does (Odoo 11 also keeps the file's name in ``datas_fname``)."""
        Attachment = self.env["ir.attachment"]
        return (Attachment.sudo(user) if user else Attachment).create({
            "name": name, "datas_fname": name, "datas": base64.b64encode(content), "res_model": res_model,
            "res_id": 0})

    @staticmethod
    def view_fields(records, view_type, view=None):
        """The fields' descriptions the web client of ``records``' user receives with the view (Odoo 11: with
        its arch)."""
        return records.fields_view_get(view_id=view.id if view else None, view_type=view_type)["fields"]

    @classmethod
    def modifiers(cls, node):
        """The modifiers of a view's ``node`` ("invisible", "required", ...) as the web client applies them:
        {name: whether it applies to a record holding these values} (Odoo 11: the domains of its ``attrs``)."""
        attrs = safe_eval(node.get("attrs") or "{}")
        return {name: (lambda values, domain=domain: cls.domain_holds(domain, values))
                for name, domain in attrs.items()}

    @staticmethod
    def domain_holds(domain, values):
        """Whether a record holding ``values`` (a field name's value each) satisfies an ``attrs`` domain, as Odoo
        11's web client evaluates it (prefix notation; terms side by side are and-ed)."""
        comparisons = {"=": operator.eq, "!=": operator.ne, "in": lambda value, values: value in values,
                       "not in": lambda value, values: value not in values}

        def term(position):
            item = domain[position]
            if item == "!":
                held, position = term(position + 1)
                return not held, position
            if item in ("&", "|"):
                left, position = term(position + 1)
                right, position = term(position)
                return (left and right) if item == "&" else (left or right), position
            name, comparison, value = item
            return comparisons[comparison](values[name], value), position + 1

        held, position = True, 0
        while position < len(domain):
            one, position = term(position)
            held = held and one
        return held

    @staticmethod
    def onchange(records, values, field, spec):
        """The values the server sends back to the form when ``field`` changes (Odoo 11 gets ``spec`` as is)."""
        return records.onchange(values, field, spec)["value"]

    @staticmethod
    def email_notifications(message):
        """The message's notifications sent by e-mail (Odoo 11: ``is_email``)."""
        return message.notification_ids.filtered(lambda notification: notification.is_email)

    @staticmethod
    def template_out(expression):
        """How a mail template's body prints ``expression`` (Odoo 11: a mako-like placeholder)."""
        return "${%s}" % expression

    @staticmethod
    def render_template(template, field, record):
        """The mail template's ``field`` rendered for ``record``."""
        return template.generate_email(record.id, fields=[field])[field]

    @staticmethod
    def template_quotes(text):
        """``text`` (already HTML) as a mail template's body renders it: Odoo 11 leaves quotes as they are."""
        return text

    @classmethod
    def translation_export(cls, module):
        """The source terms of ``module``'s translation export, as (kind, "model,field" or file, source): "model"
        for a record's field, "selection" for a selection field's labels."""
        return [(kind, name, source) for _module, kind, name, _res_id, source, _value, _comments
                in trans_generate(False, [module], cls.env.cr)]
    # results, translations and the demo store

    EXPECTED_REVENUE = "planned_revenue"  # the lead's expected revenue, as Odoo 11 names it

    def load_action(self, action_id, user):
        """What /web/action/load gives ``user``'s web client: the window action read as ``user`` (its domain and
        context as the texts written in the action)."""
        return self.env["ir.actions.act_window"].sudo(user).browse(action_id).read()[0]

    def forget_lead_email(self, lead):
        """Leaves ``lead`` without an e-mail address while its customer keeps theirs (Odoo 11 keeps the two apart)."""
        lead.write({"email_from": False})

    def visible_menu_ids(self, user):
        """The ids of the menus ``user`` may open."""
        return self.env["ir.ui.menu"].sudo(user).search([]).ids

    @staticmethod
    def draws_a_board(root):
        """Whether Odoo 11's web client draws the view ``root`` (an arch's root node) as a dashboard: the form holds
        a <board>."""
        return [node.tag for node in root] == ["board"]

    def web_client_menus(self, user):
        """The menus ``user``'s web client loads, as {menu id: [ids of its sub-menus]} (Odoo 11 sends a tree)."""
        menus, todo = {}, [self.env["ir.ui.menu"].sudo(user).load_menus(debug=False)]
        while todo:
            menu = todo.pop()
            children = menu.get("children") or []
            menus[menu["id"]] = [child["id"] for child in children]
            todo.extend(children)
        return menus

    @staticmethod
    def report_html_in(env, report_xmlid, records):
        """The report's HTML (text) for ``records``, rendered in ``env`` (a user's web client's: their language)."""
        content, _format = env.ref(report_xmlid).render_qweb_html(records.ids)
        return content.decode() if isinstance(content, bytes) else content

    @staticmethod
    def email_of(template, record, user):
        """What the mail ``template`` writes for ``record`` when ``user`` sends it (Odoo 11's ``generate_email``):
        its subject and body_html."""
        return template.sudo(user).generate_email(record.id, fields=["subject", "body_html"])

    @staticmethod
    def file_values(name, datas):
        """An uploaded file's attachment values (``datas`` in base64); Odoo 11 keeps the file's name apart."""
        return {"name": name, "datas_fname": name, "datas": datas}

    # the translation files: where Odoo 11's addon keeps them, how Odoo 11 exports and loads them
    I18N_SCRIPT = "scripts/i18n"

    @staticmethod
    def i18n_file(name):
        """The path of a file of the addon's i18n folder (the .pot template, a language's .po)."""
        return os.path.join(os.path.dirname(odoo.addons.jewellery_followup.__file__), "i18n", name)

    def exported_terms(self):
        """The installed addon's translatable strings, as Odoo 11 exports them (a .po template, bytes)."""
        exported = io.BytesIO()
        trans_export(False, ["jewellery_followup"], exported, "po", self.env.cr)
        return exported.getvalue()

    @classmethod
    def load_translations(cls, langs):
        """Loads the addon's translation files for ``langs`` as installing a language does (Odoo 11 installs the
        language with its terms), and forgets what the registry cached in the previous languages."""
        cls.env["ir.translation"].load_module_terms(["jewellery_followup"], langs)
        cls.env["ir.translation"].clear_caches()  # the registry's caches, e.g. translated selection labels

    @classmethod
    def forget_translations(cls):
        """Clears the registry's caches of translated labels (once the class's languages are rolled back)."""
        cls.env["ir.translation"].clear_caches()

    # a mail template's code on Odoo 11: its ${expressions} and its control lines (% if, % set visit = ..., % endif)
    MAKO_EXPRESSION = re.compile(r"\$\{[^\n]*?\}(?!\})")
    MAKO_CONTROL_LINE = re.compile(r"^% +(\w+)(?: +(\w+))?.*$", re.M)
    MAKO_STRING_LITERAL = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"")

    @classmethod
    def template_code(cls, text):
        """A text's prose (its template code left out) and the code a translation must keep, by kind: its
        ${expressions} with their quoted sentences left out (they are translated) and its % lines."""
        prose = cls.MAKO_CONTROL_LINE.sub("", cls.MAKO_EXPRESSION.sub("", text))
        return prose, {
            "${expressions}": sorted(cls.MAKO_STRING_LITERAL.sub("''", code)
                                     for code in cls.MAKO_EXPRESSION.findall(text)),
            "% lines": [(keyword, name if keyword == "set" else "")
                        for keyword, name in cls.MAKO_CONTROL_LINE.findall(text)],
        }

    @staticmethod
    def tag_shape(tag):
        """A tag as a translation must keep it: on Odoo 11, exactly as written."""
        return tag


__all__ = ["GateCase", "REFUSALS", "Rollback", "VISIT_DAY"]
