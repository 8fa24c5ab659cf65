# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The product's promises as scenario tests, written once and run on every Odoo version.

Each module holds mixins of ``test_*`` methods that speak only of what a salesperson, a manager or a script does
and sees; a mixin named ``<Name>Scenarios`` runs as ``Test<Name>``. Nobody writes those test classes: each version's
``tests/test_scenarios.py`` binds every mixin that ``scenario_mixins()`` finds to its own ``FollowupCase`` (Odoo's
test case with the store's fixtures), which supplies what Odoo's API spells differently. On Odoo 17.0 to 19.0 a
mixin that sets ``needs_http_server = True`` is also run in an ``HttpCase`` (wkhtmltopdf and the import command talk
to the running server).

What every version's ``FollowupCase`` gives a scenario (the driver). What they do alike, the clock and a customer's
way through the chain (``set_clock``, ``on``, ``engine``, ``run_cron``, ``reach_gift``, ``exhaust``, ``reopen``,
``merge``, ``lead_values``, ``open_attempts``, ``activities``, ``assert_chatter_says``), is written once in
``driver.ChainDriver``, which each mixes in:
- people: ``salesperson`` ("all leads"; also ``all_leads``), ``own`` and ``peer`` ("own documents only"),
  ``manager``, ``stranger`` (a salesperson of ``other_company``), ``customer`` (a contact); the store ``company``
  (open Tuesday to Saturday), its ``chain`` and ``steps``; ``make_user(name, group_xmlid, company=None, tz=None)``
  (``tz``: the user's time zone, ``False`` for none; left out, each version's default: 11.0 none, 18.0 UTC);
- the clock: ``set_clock(day, hour=12)`` (UTC, ``hour`` may be fractional), ``on(day, records)``; the visit is
  Saturday 6 March 2027;
- leads: ``make_lead(user=None, **values)``, ``lead_of(user, **values)`` (as that salesperson),
  ``as_user(records, user)`` (the same records in that user's hands), ``merge(leads, user)`` (Odoo's own merge of
  opportunities; returns the surviving lead);
- the follow-up: ``start(lead, day)``, ``scheduled(lead)``, ``answer(lead, day, outcome, **kwargs)``,
  ``run_cron(day, hour=12)``, ``engine(day, hour=12)`` (the engine model, for its private calls), ``reach_gift(lead)``,
  ``exhaust(lead)``, ``reopen(lead)``; ``job_halfway_points()`` (where the hourly job may die after writing part of
  a batch, as ``(object, attribute)`` pairs to patch: the version's writer spells them);
- CRM: ``won_stage()`` (a stage that wins its lead: 11.0 probability 100, 18.0 ``is_won``), ``lost_reason(lead)``
  (11.0 ``lost_reason``, 18.0 ``lost_reason_id``);
- Odoo's RPC entry points, for the gate's scenarios (the same calls on every version, bound by the driver because a
  scenario imports no Odoo): ``call_kw(model, method, args, kwargs=None)`` (/web/dataset/call_kw),
  ``execute_kw(user, model_name, method, args)`` (/xmlrpc/2/object), ``check_method_name(name)``;
- reading: ``attempts_of(lead)``, ``open_attempts(lead)``, ``followup_activities(lead)`` (open ones, anyone's),
  ``fresh()`` (forget the cache), ``flush()`` (write what the ORM holds, before SQL), ``iso(value)`` (a date as
  "YYYY-MM-DD", a datetime as "YYYY-MM-DD HH:MM:SS", whatever the version gives), ``activities(lead)`` (open ones,
  as the test's own environment sees them), ``assert_chatter_says(lead, text)``, ``snapshot(lead)``,
  ``rolled_back(function)``; ``post_tracking()`` (posts the tracked changes Odoo 18 holds until the transaction
  commits; 11.0 posts them at once), ``tracking_values(messages)`` (their tracked changes, oldest first, as
  ``(field name, old value, new value)`` as shown, read as the superuser);
- errors: ``ACCESS_ERROR``, ``USER_ERROR``, ``VALIDATION_ERROR``, ``REFUSALS`` (any of Odoo's dialogs), and
  ``quiet(logger)`` (a context that mutes a logger, for errors a test provokes on purpose);
- views: ``arch(records, view_type, view=None)`` (the arch the web client of ``records``' user receives, of
  ``view`` or the default view), ``LIST_VIEW`` (the list's view type: "tree" on 11, "list" on 18),
  ``KANBAN_CARD`` (the name of a kanban's card template: "kanban-box" on 11, "card" on 18), ``LEAD_FORMS`` (the
  xml ids of the CRM's lead and opportunity forms: two on 11, one on 18); ``evaluate(text)`` (a domain or context
  written in a view or an action, evaluated as the web client does, with ``context_today``, ``datetime``,
  ``relativedelta`` and ``uid``);
- languages (classmethods, for ``setUpClass``): ``activate_lang(code)``, ``translate_record(record, field, lang,
  value)`` (the translation of a whole field, e.g. a step's script), ``translate_terms(record, field, lang,
  {source: translation})`` (translations of terms of a view's arch);
- reports: ``report_html(report_xmlid, records, user=None)`` (the report's HTML as text, rendered as ``user``),
  ``report_pdf(report_xmlid, records, user=None)`` (the PDF wkhtmltopdf prints, bytes; on 18 the test class is
  also an ``HttpCase``, whose server gives wkhtmltopdf the styles);
- visit close and surprise delivery: ``upload(res_model, name, content, user=None)`` (a file, bytes, uploaded as
  ``user`` against ``res_model`` with no record yet, as the many2many_binary widget does; 11 also fills
  ``datas_fname``), ``view_fields(records, view_type, view=None)`` (the fields' descriptions the web client of
  ``records``' user works with: 11 gets them with the arch, 18 from ``fields_get``), ``modifiers(node)`` (a view
  node's modifiers as the web client applies them, ``{"invisible": predicate, ...}``, each predicate taking the
  record's values as a dict: 11 reads the domains of ``attrs``, 18 the Python expressions of ``invisible``,
  ``required``, ``readonly``, ``column_invisible``), ``onchange(records, values, field, spec)`` (the values the
  server sends back to a form when ``field`` changed; ``spec`` as 11 writes it, ``{field: "1" or ""}``),
  ``forget_lead_email(lead)`` (leaves the lead without an e-mail address while its customer keeps theirs: 17
  writes a lead's address back to its customer, so the recent versions' driver uses SQL),
  ``email_notifications(message)`` (its notifications sent by e-mail: 11 ``is_email``, 18 ``notification_type``),
  ``template_out(expression)`` (how a mail template's body prints an expression: 11 ``${...}``, 18 QWeb's
  ``t-out``), ``render_template(template, field, record)`` (the field rendered for the record),
  ``template_quotes(html)`` (that HTML as a template renders it: 18's QWeb writes ``'`` as ``&#39;``), and the
  classmethod ``translation_export(module)`` (the module's export as ``(kind, name, source)``, kinds named as 11
  does: "model" for a field's terms, 18's "model_terms" included, and "selection" with ``"model,field"`` for a
  selection's labels, which 18 exports as ``ir.model.fields.selection`` records);
- results, translations and the demo store: ``EXPECTED_REVENUE`` (the lead's expected revenue field: 11
  ``planned_revenue``, 18 ``expected_revenue``), ``load_action(action_id, user)`` (what /web/action/load gives
  ``user``'s web client: the window action as a dict, with ``res_model``, ``view_mode``, ``views`` and its
  ``domain`` and ``context`` as written), ``web_client_menus(user)`` (the menus ``user``'s web client loads, as
  {menu id: [ids of its sub-menus]}: 11 sends a tree, 18 a dict by id), ``visible_menu_ids(user)`` (the ids of the
  menus ``user`` may open: 11 to 18 ``search``, 19 ``_visible_menu_ids``), ``draws_a_board(root)`` (whether the
  web client draws a view, its arch's root node, as a dashboard: 11 a form holding a <board>, 17 on its
  ``js_class``), ``report_html_in(env, report_xmlid,
  records)`` (the report's HTML rendered in ``env``, e.g. a salesperson's web client's, in their language),
  ``email_of(template, record, user)`` (the subject and body_html a mail template writes for ``record`` when
  ``user`` sends it), ``file_values(name, datas)`` (an uploaded file's attachment values: 11 also wants
  ``datas_fname``); the translation files: ``I18N_SCRIPT`` (the script that re-exports them), ``i18n_file(name)``
  (a path in the addon's i18n folder), ``exported_terms()`` (the installed addon's strings as Odoo exports them,
  .po bytes), ``load_translations(langs)`` and ``forget_translations()`` (classmethods: install the languages with
  the addon's terms, as installing a language does; clear the translated labels Odoo cached, after the class's
  rollback), ``template_code(text)`` (the version's template code a translation must keep, as ``(prose, {kind:
  code})``: 11 a mail template's ``${...}`` and ``%`` lines, 18 an inline template's ``{{ ... }}``) and
  ``tag_shape(tag)`` (a tag as a translation must keep it: 11 as written, 18 its name, attributes and QWeb code
  without the words a translator rewords).
``iso(value)`` also gives a datetime as "YYYY-MM-DD HH:MM:SS".
x2many values are written as tuples, ``(0, 0, values)`` and ``(6, 0, ids)``, which every version accepts.
"""
import importlib
import pkgutil
import sys

SUFFIX = "Scenarios"

# Saturday 6 March 2027: the visit. The store is closed on Sundays and Mondays.
VISIT_DAY = "2027-03-06"
# What the counter learned from Tom, who came for an engagement ring for Clara (every driver's ``make_lead``).
LEAD_VALUES = {
    "name": "Engagement ring",
    "type": "opportunity",
    "contact_name": "Tom Reyes",
    "street": "18 Orchard Lane",
    "city": "Portland",
    "email_from": "tom.reyes@example.com",
    "occasion": "engagement",
    "recipient_name": "Clara",
    "stone_type": "diamond",
    "stone_shape": "round",
    "stone_carat": 1.2,
    "stone_color": "F",
    "stone_clarity": "VS1",
    "piece_description": "the 1.2 ct round solitaire in platinum",
    "hospitality_note": "coffee: hazelnut latte",
}


def scenario_mixins(*packages):
    """Every scenario mixin of the modules of ``packages`` (the core's scenarios unless told), as (test class name,
    mixin): each class named ``<Name>Scenarios`` that a module defines, to be run as ``Test<Name>``, in the packages'
    and then the modules' order. Two mixins that would run under one name are refused, both modules named."""
    found = {}
    for package in packages or (sys.modules[__name__],):
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda info: info.name):
            module = importlib.import_module("%s.%s" % (package.__name__, info.name))
            for name, mixin in sorted(vars(module).items()):
                if isinstance(mixin, type) and mixin.__module__ == module.__name__ and name.endswith(SUFFIX):
                    test_name = "Test" + name[:-len(SUFFIX)]
                    if test_name in found:
                        raise ValueError("two scenario mixins would both run as %s: %s and %s" % (
                            test_name, found[test_name].__module__, module.__name__))
                    found[test_name] = mixin
    return list(found.items())
