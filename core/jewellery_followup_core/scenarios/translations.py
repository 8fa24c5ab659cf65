# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The addon speaks French, Spanish and German.

Every string a user may read is in the committed template (``i18n/jewellery_followup.pot``, exported by Odoo from
the installed addon), each translation file translates all of it without losing a placeholder, a tag or a piece
of template code, and a French, a Spanish and a German salesperson then see the Jewellery page, the follow-up's
messages, the visit's close-out and the default chain's wording in their language, as a store does once the
language is installed. The version's script (``I18N_SCRIPT``) regenerates the template and merges the translation
files when the addon's strings change.

What a translation must carry over of a mail template's code, and how a tag must be kept, is the version's
template language: the driver's ``template_code(text)`` and ``tag_shape(tag)``."""
import base64
import html
import io
import re

import lxml.html
from babel.messages.pofile import read_po
from lxml import etree

from jewellery_followup_core import wording

# translation file -> the language a store installs (Odoo reads fr.po for fr_FR, fr_BE, fr_CA...)
LANGUAGES = {"fr": "fr_FR", "es": "es_ES", "de": "de_DE"}
TEMPLATE = "jewellery_followup.pot"
NOTE_CARD = "jewellery_followup.jewellery_followup_note_card_report"
DESIGNS_EMAIL = "jewellery_followup.mail_template_designs"

PRINTF = re.compile(r"%(?:\([^)]*\))?[-#0+]*\d*(?:\.\d+)?[sdifr]")
TAG = re.compile(r"</?[A-Za-z][^>]*>")


def read_catalog(path_or_bytes):
    if isinstance(path_or_bytes, bytes):
        return read_po(io.BytesIO(path_or_bytes))
    with open(path_or_bytes, "rb") as po:
        return read_po(po)


def msgids(catalog):
    return {message.id for message in catalog if message.id}


def translation_problems(template, translation, markup):
    """Each way ``translation`` falls short of ``template``, as lines a translator can act on; ``markup(text)``
    gives what a translation must carry over from its source, by kind."""
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


class TranslationFilesScenarios(object):

    def markup(self, text):
        """What a translation must carry over from its source: the values filled in at run time, the chain's
        {placeholders}, the tags (as the version's ``tag_shape`` keeps them), and the version's template code
        (``template_code``: its quoted sentences are translated)."""
        printf = PRINTF.findall(text)
        prose, code = self.template_code(text)
        kinds = {
            "named %-placeholders": sorted(name for name in printf if name.startswith("%(")),
            "positional %-placeholders": [name for name in printf if not name.startswith("%(")],
            "{placeholders}": sorted(wording.BRACED.findall(prose)),
            "tags": sorted(self.tag_shape(tag) for tag in TAG.findall(text)),
        }
        kinds.update(code)
        return kinds

    def test_the_template_holds_every_translatable_string_of_the_installed_addon(self):
        installed = msgids(read_catalog(self.exported_terms()))
        committed = msgids(read_catalog(self.i18n_file(TEMPLATE)))
        # the screens' strings: what the follow-up says is the core's (its own catalogues)
        self.assertGreater(len(installed), 300, "the export should hold the addon's strings")
        self.assertFalse(sorted(installed - committed),
                         "translatable strings missing from i18n/%s: run %s" % (TEMPLATE, self.I18N_SCRIPT))
        self.assertFalse(sorted(committed - installed),
                         "strings of i18n/%s the addon no longer has: run %s" % (TEMPLATE, self.I18N_SCRIPT))

    def test_french_spanish_and_german_translate_every_string_and_keep_its_placeholders(self):
        template = read_catalog(self.i18n_file(TEMPLATE))
        for code in LANGUAGES:
            with self.subTest(language=code):
                problems = translation_problems(template, read_catalog(self.i18n_file(code + ".po")), self.markup)
                self.assertFalse(problems, "i18n/%s.po:\n%s" % (code, "\n".join(problems)))

    def test_the_check_finds_a_lost_placeholder_a_lost_tag_and_a_missing_translation(self):
        template = read_catalog(b'msgid "Dear {customer}, %(lead)s"\nmsgstr ""\n\n'
                                b'msgid "Professionally,<br/>"\nmsgstr ""\n\nmsgid "Gift"\nmsgstr ""\n')
        translation = read_catalog(b'msgid "Dear {customer}, %(lead)s"\nmsgstr "Bonjour {client}, %(piste)s"\n\n'
                                   b'msgid "Professionally,<br/>"\nmsgstr "Bien cordialement,"\n')
        problems = "\n".join(translation_problems(template, translation, self.markup))
        self.assertIn("{placeholders} ['customer']", problems)
        self.assertIn("named %-placeholders ['%(lead)s']", problems)
        self.assertIn("tags [%r] in 'Professionally,<br/>'" % self.tag_shape("<br/>"), problems)
        self.assertIn("missing: 'Gift'", problems)


class SalespeopleSeeTheirLanguageScenarios(object):
    """A store that runs Odoo in French, Spanish or German: the languages are installed and the addon's
    translation files loaded the way Odoo does it on installing a language or the addon. Each language has its
    salesperson (own documents only), who works in it."""

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
    # the salesperson of each language (distinct first names: the driver makes a login of it)
    COUNTERS = {"fr_FR": "Camille Counter", "es_ES": "Lucia Counter", "de_DE": "Jonas Counter"}

    @classmethod
    def setUpClass(cls):
        super(SalespeopleSeeTheirLanguageScenarios, cls).setUpClass()
        cls.load_translations(list(LANGUAGES.values()))
        cls.users = {}
        for lang, name in cls.COUNTERS.items():
            cls.users[lang] = cls.make_user(name, "sales_team.group_sale_salesman")
            cls.users[lang].lang = lang

    @classmethod
    def tearDownClass(cls):
        super(SalespeopleSeeTheirLanguageScenarios, cls).tearDownClass()
        cls.forget_translations()  # nothing of this store's languages outlives its rollback

    def web_env(self, lang):
        """The environment the web client gives the salesperson: their user, their context (language)."""
        user = self.users[lang]
        return self.env(user=user.id, context=self.as_user(user, user).context_get())

    def test_the_jewellery_page_and_its_choices_are_in_the_salespersons_language(self):
        for lang, words in self.WORDS.items():
            with self.subTest(lang=lang):
                Lead = self.web_env(lang)["crm.lead"]
                # the opportunity's form (11 has a lead's and an opportunity's, the last of LEAD_FORMS)
                arch = self.arch(Lead, "form", self.env.ref(self.LEAD_FORMS[-1]))
                pages = etree.fromstring(arch).xpath("//page/@string")
                self.assertIn(words["page"], pages)
                fields = Lead.fields_get(["stone_clarity", "metal", "followup_state"])
                self.assertEqual(fields["stone_clarity"]["string"], words["clarity"])
                self.assertEqual(fields["followup_state"]["string"], words["state"])
                self.assertIn(["gold_yellow", words["metal"]], [list(pair) for pair in fields["metal"]["selection"]])

    def test_the_follow_up_answers_and_writes_in_the_salespersons_language(self):
        for lang, words in self.WORDS.items():
            with self.subTest(lang=lang):
                lead = self.web_env(lang)["crm.lead"].create(dict(self.amelie(lang), name="Bague %s" % lang))
                with self.assertRaisesRegex(self.USER_ERROR, words["refusal"]):
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
                content = self.report_html_in(self.web_env(lang), NOTE_CARD, note)
                card = re.sub(r"\s+", " ", " ".join(lxml.html.fromstring(content).itertext()))
                self.assertIn(words["card"], card)
                self.assertIn(words["note"], card)
                self.assertIn(words["signature"], card)
                self.assertNotIn("Professionally", card)

    def test_the_designs_email_is_written_in_the_customers_language(self):
        template = self.env.ref(DESIGNS_EMAIL)
        for lang, words in self.WORDS.items():
            with self.subTest(lang=lang):
                lead = self.customer_lead(lang, stone_carat=1.2, stone_cut="excellent", metal="platinum")
                email = self.email_of(template, lead, self.users[lang])
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
                env = self.web_env(lang)
                lead = env["crm.lead"].create(dict(self.amelie(lang), name="Visite %s" % lang))
                Wizard = env["jewellery.visit.close"].with_context(active_model="crm.lead", active_id=lead.id)
                with self.assertRaisesRegex(self.USER_ERROR, refusal):
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
                env = self.web_env(lang)
                design = env["ir.attachment"].create(dict(
                    self.file_values("halo.png", base64.b64encode(b"halo")),
                    res_model="jewellery.visit.close", res_id=0))
                Wizard = env["jewellery.visit.close"].with_context(active_model="crm.lead", active_id=lead.id)
                Wizard.create({"next_step": "designs", "attachment_ids": [(6, 0, design.ids)],
                               "surprise_email_confirmed": True}).action_confirm()
                sent = lead.message_ids.filtered(lambda message: words["subject"] in (message.subject or ""))
                self.assertEqual(len(sent), 1)
                self.assertIn(words["designs"], sent.body)

    # ------------------------------------------------------------------------------------------- helpers

    def amelie(self, lang):
        """What the counter learned from Amélie, a customer of the salesperson who speaks ``lang``."""
        return {"contact_name": "Amélie Roux", "email_from": "amelie@example.com", "occasion": "engagement",
                "recipient_name": "Clara", "stone_type": "diamond", "stone_shape": "round",
                "stone_color": "F", "stone_clarity": "VS1", "user_id": self.users[lang].id}

    def customer_lead(self, lang, **values):
        """A lead the salesperson who speaks ``lang`` makes, for a customer who speaks it too."""
        customer = self.env["res.partner"].create({"name": "Amélie Roux", "lang": lang, "email": "amelie@example.com"})
        values.update(self.amelie(lang), name="Bague", partner_id=customer.id)
        return self.web_env(lang)["crm.lead"].create(values)
