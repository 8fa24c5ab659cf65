"""The 18.0 addon speaks French, Spanish and German.

Every string a user may read is in the committed template (``i18n/jewellery_followup.pot``, exported by Odoo 18
from the installed addon), each translation file translates all of it without losing a placeholder or a tag, and
a French, a Spanish and a German salesperson then see the Jewellery page, a choice, a refusal and the default
chain's wording in their language, as a store does once the language is installed. ``scripts/i18n18``
regenerates the template and merges the translation files when the addon's strings change.
"""
import base64
import html
import io
import os
import re

import lxml.html
from babel.messages.pofile import read_po
from lxml import etree

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tests.common import new_test_user
from odoo.tools.translate import trans_export

from odoo.addons.jewellery_followup import core

from .common import FollowupCase

I18N = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "i18n")
TEMPLATE = os.path.join(I18N, "jewellery_followup.pot")
# translation file -> the language a store installs (Odoo reads fr.po for fr_FR, fr_BE, fr_CA...)
LANGUAGES = {"fr": "fr_FR", "es": "es_ES", "de": "de_DE"}

PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0+]*\d*(?:\.\d+)?[sdifr]")
TAG = re.compile(r"</?[A-Za-z][^>]*>")
# an inline template's code (a mail template's subject, its recipients): {{ expression }}
EXPRESSION = re.compile(r"\{\{.*?\}\}", re.S)
ATTRIBUTE = re.compile(r'([\w:.-]+)\s*=\s*"([^"]*)"')
STRING_LITERAL = re.compile(r"&quot;.*?&quot;|'[^'\n]*'")
# attributes whose value a user reads, translated with the text around them
WORDED = {"title", "alt", "placeholder", "string", "aria-label", "help", "confirm"}


def tag_shape(tag):
    """A tag as a translation must keep it: its name, its attributes, and its QWeb code with the quoted words
    left out (they are translated). A t-value is the translator's to reword whole (a German stone description
    puts the carats first): only the variable it sets must stay, which t-set keeps."""
    name = re.match(r"</?[\w:.-]+", tag).group(0)
    attributes = []
    for attribute, value in ATTRIBUTE.findall(tag):
        if attribute in WORDED or attribute == "t-value":
            value = ""
        elif attribute.startswith("t-"):
            value = STRING_LITERAL.sub("''", value)
        attributes.append("%s=%s" % (attribute, value))
    return "%s %s" % (name, " ".join(sorted(attributes)))


def read_catalog(path_or_bytes):
    if isinstance(path_or_bytes, bytes):
        return read_po(io.BytesIO(path_or_bytes))
    with open(path_or_bytes, "rb") as po:
        return read_po(po)


def msgids(catalog):
    return {message.id for message in catalog if message.id}


def markup(text):
    """What a translation must carry over from its source: the values filled in at run time, the chain's
    {placeholders}, the HTML and QWeb tags (with their code), and an inline template's {{ code }}."""
    printf = PRINTF.findall(text)
    prose = EXPRESSION.sub("", text)
    return {
        "named %-placeholders": sorted(name for name in printf if name.startswith("%(")),
        "positional %-placeholders": [name for name in printf if not name.startswith("%(")],
        "{placeholders}": sorted(core.wording.BRACED.findall(prose)),
        "tags": sorted(tag_shape(tag) for tag in TAG.findall(text)),
        "{{expressions}}": sorted(EXPRESSION.findall(text)),
    }


def translation_problems(template, translation):
    """Each way ``translation`` falls short of ``template``, as lines a translator can act on."""
    problems = []
    wanted = msgids(template)
    have = {message.id: message for message in translation if message.id}
    for msgid in sorted(wanted - set(have)):
        problems.append("missing: %r" % msgid)
    for msgid in sorted(set(have) - wanted):
        problems.append("no longer in the template: %r" % msgid)
    for msgid in sorted(wanted & set(have)):
        message = have[msgid]
        if not message.string or message.fuzzy:
            problems.append("untranslated%s: %r" % (" (fuzzy)" if message.fuzzy else "", msgid))
            continue
        source, target = markup(msgid), markup(message.string)
        for kind in source:
            if source[kind] != target[kind]:
                problems.append("%s %s in %r, %s in its translation %r" % (
                    kind, source[kind], msgid[:70], target[kind], message.string[:70]))
    return problems


@tagged("post_install", "-at_install")
class TestTranslationFiles(FollowupCase):

    def test_the_template_holds_every_translatable_string_of_the_installed_addon(self):
        exported = io.BytesIO()
        trans_export(False, ["jewellery_followup"], exported, "po", self.env.cr)
        installed = msgids(read_catalog(exported.getvalue()))
        committed = msgids(read_catalog(TEMPLATE))
        # the screens' strings: what the follow-up says is the core's (its own catalogues)
        self.assertGreater(len(installed), 300, "the export should hold the addon's strings")
        self.assertFalse(sorted(installed - committed),
                         "translatable strings missing from i18n/jewellery_followup.pot: run scripts/i18n18")
        self.assertFalse(sorted(committed - installed),
                         "strings of i18n/jewellery_followup.pot the addon no longer has: run scripts/i18n18")

    def test_french_spanish_and_german_translate_every_string_and_keep_its_placeholders(self):
        template = read_catalog(TEMPLATE)
        for code in LANGUAGES:
            with self.subTest(language=code):
                problems = translation_problems(template, read_catalog(os.path.join(I18N, code + ".po")))
                self.assertFalse(problems, "i18n/%s.po:\n%s" % (code, "\n".join(problems)))

    def test_the_check_finds_a_lost_placeholder_a_lost_tag_and_a_missing_translation(self):
        template = read_catalog(b'msgid "Dear {customer}, %(lead)s"\nmsgstr ""\n\n'
                                b'msgid "Professionally,<br/>"\nmsgstr ""\n\nmsgid "Gift"\nmsgstr ""\n\n'
                                b'msgid "{{ object.name }}: the designs"\nmsgstr ""\n')
        translation = read_catalog(b'msgid "Dear {customer}, %(lead)s"\nmsgstr "Bonjour {client}, %(piste)s"\n\n'
                                   b'msgid "Professionally,<br/>"\nmsgstr "Bien cordialement,"\n\n'
                                   b'msgid "{{ object.name }}: the designs"\nmsgstr "{{ objet.nom }} : les modeles"\n')
        problems = "\n".join(translation_problems(template, translation))
        self.assertIn("{placeholders} ['customer']", problems)
        self.assertIn("named %-placeholders ['%(lead)s']", problems)
        self.assertIn("tags ['<br '] in 'Professionally,<br/>'", problems)
        self.assertIn("{{expressions}} ['{{ object.name }}']", problems)
        self.assertIn("missing: 'Gift'", problems)


@tagged("post_install", "-at_install")
class TestSalespeopleSeeTheirLanguage(FollowupCase):
    """A store that runs Odoo 18 in French, Spanish or German: the languages are active and the addon's
    translation files loaded the way Odoo does it on installing a language or the addon."""

    WORDS = {
        "fr_FR": {"page": "Bijouterie", "clarity": "Pureté", "metal": "Or jaune", "state": "Relance",
                  "refusal": "n'a aucune relance en cours", "started": "Relance seconde chance démarrée",
                  "summary": "Appel du matin : remercier, proposer une présentation privée",
                  "call": "Bonjour Amélie Roux, ici {user}, de {company}.", "chain": "Seconde chance",
                  "card": "À recopier à la main sur la carte", "note": "Merci encore de votre visite.",
                  "signature": "Bien cordialement,", "subject": "les modèles que nous n'avions pas en stock",
                  "designs": "Comme promis, voici en pièce jointe les modèles",
                  "spec": "diamant rond 1.20 ct F VS1, taille excellente, en platine"},
        "es_ES": {"page": "Joyería", "clarity": "Pureza", "metal": "Oro amarillo", "state": "Seguimiento",
                  "refusal": "no tiene ningún seguimiento en curso",
                  "started": "Seguimiento de segunda oportunidad iniciado",
                  "summary": "Llamada de la mañana: dar las gracias, ofrecer una presentación privada",
                  "call": "Buenos días, Amélie Roux, le habla {user}, de {company}.",
                  "chain": "Segunda oportunidad", "card": "Cópielo a mano en la tarjeta",
                  "note": "Gracias de nuevo por visitarnos.", "signature": "Atentamente,",
                  "subject": "los diseños que hoy no teníamos en stock",
                  "designs": "Como le prometí, le adjunto los diseños",
                  "spec": "diamante redondo 1.20 ct F VS1, talla excelente, en platino"},
        "de_DE": {"page": "Schmuck", "clarity": "Reinheit", "metal": "Gelbgold", "state": "Nachfassen",
                  "refusal": "hat keine laufende Nachfassaktion",
                  "started": "Nachfassaktion „Zweite Chance“ gestartet",
                  "summary": "Morgenanruf: bedanken, private Präsentation anbieten",
                  "call": "Guten Morgen Amélie Roux, hier ist {user} von {company}.",
                  "chain": "Zweite Chance", "card": "Von Hand auf die Karte übertragen",
                  "note": "nochmals vielen Dank für Ihren Besuch.", "signature": "Mit freundlichen Grüßen",
                  "subject": "die Entwürfe, die wir heute nicht vorrätig hatten",
                  "designs": "Wie versprochen sende ich Ihnen die Entwürfe",
                  "spec": "1.20 ct Diamant Rund F VS1, Schliff Exzellent, in Platin"},
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for lang in LANGUAGES.values():
            cls.env["res.lang"]._activate_lang(lang)
        cls.env["ir.module.module"]._load_module_terms(["jewellery_followup"], list(LANGUAGES.values()))
        cls.env.registry.clear_all_caches()  # e.g. the translated labels of fields and choices
        cls.users = {}
        for lang in LANGUAGES.values():
            cls.users[lang] = new_test_user(
                cls.env, login="%s.i18n18@example.com" % lang.lower(), name="Counter %s" % lang[:2].upper(),
                groups="sales_team.group_sale_salesman", lang=lang, tz="UTC",
                company_id=cls.company.id, company_ids=[Command.set(cls.company.ids)])

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.registry.clear_all_caches()  # nothing of this store's languages outlives its rollback

    def as_user(self, lang):
        """The environment the web client gives the salesperson: their user, their context (language)."""
        user = self.users[lang]
        return self.env(user=user.id, context=user.with_user(user).context_get())

    def test_the_jewellery_page_and_its_choices_are_in_the_salespersons_language(self):
        for lang, words in self.WORDS.items():
            with self.subTest(lang=lang):
                Lead = self.as_user(lang)["crm.lead"]
                arch = Lead.get_view(self.env.ref("crm.crm_lead_view_form").id, "form")["arch"]
                pages = etree.fromstring(arch).xpath("//page/@string")
                self.assertIn(words["page"], pages)
                fields = Lead.fields_get(["stone_clarity", "metal", "followup_state"])
                self.assertEqual(fields["stone_clarity"]["string"], words["clarity"])
                self.assertEqual(fields["followup_state"]["string"], words["state"])
                self.assertIn(["gold_yellow", words["metal"]], [list(pair) for pair in fields["metal"]["selection"]])

    def test_the_follow_up_answers_and_writes_in_the_salespersons_language(self):
        for lang, words in self.WORDS.items():
            with self.subTest(lang=lang):
                lead = self.as_user(lang)["crm.lead"].create(dict(self.lead_values(lang), name="Bague %s" % lang))
                with self.assertRaisesRegex(UserError, words["refusal"]):
                    lead.action_stop_followup()
                self.on("2027-03-06", lead).action_start_followup()
                bodies = " ".join(lead.message_ids.mapped("body"))
                self.assertIn(words["started"], bodies)
                self.assertEqual(lead.followup_chain_id.name, words["chain"])
                attempt = self.scheduled(lead)
                self.assertEqual(attempt.activity_id.summary, words["summary"])

    def test_the_default_chain_speaks_to_the_customer_in_their_language(self):
        for lang, words in self.WORDS.items():
            with self.subTest(lang=lang):
                lead = self.customer_lead(lang)
                call = self.start(lead)
                greeting = words["call"].format(user=self.users[lang].name, company=self.company.name)
                self.assertTrue(call.script_text.startswith(greeting), call.script_text)
                self.assertIn(greeting, call.activity_id.note)
                self.assertNotIn("{", call.script_text)

    def test_the_note_card_is_laid_out_for_the_salesperson_and_worded_for_the_customer(self):
        for lang, words in self.WORDS.items():
            with self.subTest(lang=lang):
                lead = self.customer_lead(lang)
                self.reach_gift(lead)
                note = lead.followup_attempt_ids.filtered(lambda attempt: attempt.kind == "note")
                content, _format = self.as_user(lang)["ir.actions.report"]._render_qweb_html(
                    "jewellery_followup.jewellery_followup_note_card_report", note.ids)
                card = re.sub(r"\s+", " ", " ".join(lxml.html.fromstring(content).itertext()))
                self.assertIn(words["card"], card)
                self.assertIn(words["note"], card)
                self.assertIn(words["signature"], card)
                self.assertNotIn("Professionally", card)

    def test_the_designs_email_is_written_in_the_customers_language(self):
        template = self.env.ref("jewellery_followup.mail_template_designs")
        for lang, words in self.WORDS.items():
            with self.subTest(lang=lang):
                lead = self.customer_lead(lang, stone_carat=1.2, stone_cut="excellent", metal="platinum")
                email = template.with_user(self.users[lang])._generate_template(
                    lead.ids, ["subject", "body_html"])[lead.id]
                self.assertIn(words["subject"], email["subject"])
                self.assertIn(words["designs"], email["body_html"])
                self.assertIn(words["spec"], email["body_html"])
                self.assertNotIn("Professionally", email["body_html"])

    # what the visit close-out says, from the core's catalogues: the refusal, the history, the default service
    VISIT = {
        "fr_FR": ("Choisissez une étape suivante avant de clore la visite", "Visite terminée sans vente.",
                  "un nettoyage et une vérification offerts"),
        "es_ES": ("Elija un siguiente paso antes de cerrar la visita", "Visita terminada sin venta.",
                  "una limpieza y revisión gratuitas"),
        "de_DE": ("Wählen Sie vor dem Abschluss des Besuchs einen nächsten Schritt", "Besuch ohne Kauf beendet.",
                  "eine kostenlose Reinigung und Kontrolle"),
    }

    def test_the_visit_close_out_speaks_the_salespersons_language(self):
        for lang, (refusal, ended, service) in self.VISIT.items():
            with self.subTest(lang=lang):
                env = self.as_user(lang)
                lead = env["crm.lead"].create(dict(self.lead_values(lang), name="Visite %s" % lang))
                Wizard = env["jewellery.visit.close"].with_context(active_model="crm.lead", active_id=lead.id)
                with self.assertRaisesRegex(UserError, refusal):
                    Wizard.create({}).action_confirm()
                wizard = Wizard.create({"next_step": "service"})
                self.assertEqual(wizard.service_name, service)
                wizard.action_confirm()
                log = html.unescape(" ".join(lead.message_ids.mapped("body")))
                self.assertIn(ended, log)
                self.assertIn(service, log)

    def test_a_surprises_designs_email_in_the_customers_language_gives_nothing_away(self):
        """The core's surprise-safe check reads the e-mail in every language: the translated template passes."""
        for lang, words in self.WORDS.items():
            with self.subTest(lang=lang):
                lead = self.customer_lead(lang, stone_carat=1.2, stone_cut="excellent", metal="platinum",
                                          is_surprise=True, occasion_date="2027-06-01")
                env = self.as_user(lang)
                design = env["ir.attachment"].create({
                    "name": "halo.png", "datas": base64.b64encode(b"halo"),
                    "res_model": "jewellery.visit.close", "res_id": 0})
                Wizard = env["jewellery.visit.close"].with_context(active_model="crm.lead", active_id=lead.id)
                Wizard.create({"next_step": "designs", "attachment_ids": [Command.set(design.ids)],
                               "surprise_email_confirmed": True}).action_confirm()
                sent = lead.message_ids.filtered(lambda message: words["subject"] in (message.subject or ""))
                self.assertEqual(len(sent), 1)
                self.assertIn(words["designs"], sent.body)

    # ------------------------------------------------------------------------------------------- helpers

    def lead_values(self, lang):
        return {"contact_name": "Amélie Roux", "email_from": "amelie@example.com", "occasion": "engagement",
                "recipient_name": "Clara", "stone_type": "diamond", "stone_shape": "round",
                "stone_color": "F", "stone_clarity": "VS1", "user_id": self.users[lang].id}

    def customer_lead(self, lang, **values):
        """A lead of the salesperson who speaks ``lang``, for a customer who speaks it too."""
        customer = self.env["res.partner"].create({"name": "Amélie Roux", "lang": lang, "email": "amelie@example.com"})
        values.update(self.lead_values(lang), name="Bague", partner_id=customer.id)
        return self.as_user(lang)["crm.lead"].create(values)
